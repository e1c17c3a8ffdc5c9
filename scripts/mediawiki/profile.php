<?php
// mwcheck's test profile for a real MediaWiki (1.43 or 1.39, the same for both), included at the end of the
// LocalSettings.php that scripts/mediawiki.sh generates.
// It makes repeated conformance runs stable (no login/creation throttles, no mailpassword rate limit), turns on
// email without confirmation mails, and captures every mail as one JSON line in the outbox file instead of sending it.
// The built-in mock's default configuration mirrors these settings.

$wgEnableEmail = true;
$wgEnableUserEmail = true;
$wgEmailAuthentication = false;
$wgPasswordAttemptThrottle = [];
$wgAccountCreationThrottle = [];
unset( $wgRateLimits['mailpassword'] );

$wgHooks['AlternateUserMailer'][] = static function ( $headers, $to, $from, $subject, $body ) {
	$outbox = getenv( 'MW_OUTBOX' );
	if ( !$outbox ) {
		return true;
	}
	$recipients = [];
	foreach ( (array)$to as $address ) {
		$recipients[] = (string)$address;
	}
	$text = is_array( $body ) ? $body['text'] : $body;
	$line = json_encode(
		[ 'to' => $recipients, 'subject' => $subject, 'body' => $text ],
		JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
	);
	file_put_contents( $outbox, $line . "\n", FILE_APPEND | LOCK_EX );
	// false: the mail counts as sent and nothing leaves the machine.
	return false;
};

// A named configuration (scripts/mediawiki/configs/NAME.php) may follow; MWCHECK_CONFIG names it.
$mwcheckConfig = getenv( 'MWCHECK_CONFIG' );
if ( $mwcheckConfig && $mwcheckConfig !== 'default' ) {
	require __DIR__ . '/configs/' . basename( $mwcheckConfig ) . '.php';
}
