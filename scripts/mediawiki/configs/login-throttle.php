<?php
// mwcheck named configuration `login-throttle`: MediaWiki 1.39's default password attempt throttle, so after five
// failed logins for a user from one IP the next attempt (even with the right password) is `login-throttled`.
$wgPasswordAttemptThrottle = [
	[ 'count' => 5, 'seconds' => 300 ],
	[ 'count' => 150, 'seconds' => 172800 ],
];
