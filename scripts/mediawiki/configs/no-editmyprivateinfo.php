<?php
// mwcheck named configuration `no-editmyprivateinfo`: nobody may edit their own private data, so resetpassword
// answers `badaccess` ("Permission error").
$wgGroupPermissions['*']['editmyprivateinfo'] = false;
$wgGroupPermissions['user']['editmyprivateinfo'] = false;
