<?php
// mwcheck-versions: 1.39
// mwcheck named configuration `no-writeapi`: anonymous users lack the `writeapi` right, so the write modules
// (createaccount, clientlogin, login, resetpassword) answer `writeapidenied`. MediaWiki 1.43 has no `writeapi`
// right any more (nothing checks it), so the configuration applies to 1.39 only.
$wgGroupPermissions['*']['writeapi'] = false;
