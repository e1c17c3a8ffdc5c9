<?php
// mwcheck named configuration `private`: anonymous users cannot read, so read modules (validatepassword,
// resetpassword, userinfo) answer `readapidenied`; tokens, authmanagerinfo and account creation still work.
$wgGroupPermissions['*']['read'] = false;
