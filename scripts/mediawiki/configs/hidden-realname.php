<?php
// mwcheck named configuration `hidden-realname`: the real name preference is hidden, so account creation has no
// realname field, email alone is applied and validated (`invalidemailaddress`), and userinfo omits realname.
$wgHiddenPrefs[] = 'realname';
