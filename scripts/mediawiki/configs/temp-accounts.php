<?php
// mwcheck-versions: 1.43
// mwcheck named configuration `temp-accounts`: temporary accounts are enabled (`$wgAutoCreateTempUser['enabled']`),
// so action=acquiretempusername hands out names like `~2026-1` (the stock genPattern `~$1` with the stock serial
// provider, local and by year), an anonymous edit creates a temporary user, and siteinfo's `autocreatetempuser`
// shows the patterns. Every other part of `$wgAutoCreateTempUser` and $wgTempAccountNameAcquisitionThrottle (60
// names a day per IP) keep their stock values. MediaWiki 1.39 has no temporary accounts as clients see them (no
// acquiretempusername, no `~` names), so the configuration applies to 1.43 only.
$wgAutoCreateTempUser['enabled'] = true;
// Every anonymous edit creates a temporary account; $wgTempAccountCreationThrottle (stock: 6 a day per IP) is off, as
// profile.php turns $wgAccountCreationThrottle off, so the scenarios can run again and again on one wiki.
$wgTempAccountCreationThrottle = [];
