<?php
// mwcheck named configuration `creation-throttle`: one account creation attempt per IP per day, so every later
// anonymous attempt from that IP is FAIL `acct_creation_throttle_hit` (creators with `noratelimit` are exempt).
$wgAccountCreationThrottle = [ [ 'count' => 1, 'seconds' => 86400 ] ];
