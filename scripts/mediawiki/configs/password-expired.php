<?php
// mwcheck named configuration `password-expired`: every password set on this wiki expires a day before it is set,
// with no grace period, so logging in gives the hard reset (UI `resetpass-expired`, no skip button).
$wgPasswordExpirationDays = -1;
$wgPasswordExpireGrace = 0;
