<?php
// mwcheck named configuration `password-force-change`: a sysop password shorter than 10 bytes fails a policy with
// `forceChange`, so logging in with one gives the hard reset (UI `resetpass-validity`, no skip button).
$wgPasswordPolicy['policies']['sysop']['MinimalPasswordLength'] = [ 'value' => 10, 'forceChange' => true ];
