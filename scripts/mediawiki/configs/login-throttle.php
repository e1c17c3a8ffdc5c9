<?php
// mwcheck named configuration `login-throttle`: MediaWiki's default password attempt throttle (the same in 1.39 and
// 1.43), so after five failed logins for a user from one IP the next attempt (even with the right password) is
// `login-throttled`.
$wgPasswordAttemptThrottle = [
	[ 'count' => 5, 'seconds' => 300 ],
	[ 'count' => 150, 'seconds' => 172800 ],
];
