<?php
// mwcheck named configuration `no-anon-create`: anonymous users lack the `createaccount` right, so
// createaccount answers FAIL `permissiondenied` (message `badaccess-groups`).
$wgGroupPermissions['*']['createaccount'] = false;
