<?php
// mwcheck named configuration `no-writeapi`: anonymous users lack the `writeapi` right, so the write modules
// (createaccount, clientlogin, login, resetpassword) answer `writeapidenied`.
$wgGroupPermissions['*']['writeapi'] = false;
