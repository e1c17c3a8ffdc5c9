<?php
// mwcheck named configuration `password-expired-grace`: every password set on this wiki expires a day before it is
// set, within the default 7-day grace period, so logging in gives the soft reset (UI `resetpass-expired-soft`, with
// a skip button).
$wgPasswordExpirationDays = -1;
