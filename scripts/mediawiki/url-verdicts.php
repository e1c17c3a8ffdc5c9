<?php
// What PHP's parse_url and MediaWiki's own UrlUtils::parse make of URLs, for
// scripts/url-parse-differential.py: reads JSON lines {"id": N, "url": "..."} on stdin and prints
// {"id": N, "parse_url": [...] or false, "mediawiki": {"scheme", "delimiter"} or null,
// "return_url": bool} per line ("return_url": what createaccount and clientlogin accept).
// Usage: php url-verdicts.php MEDIAWIKI_DIR PROTOCOLS_JSON
[ , $root, $protocols ] = $argv;
define( 'MEDIAWIKI', 1 );
require "$root/includes/AutoLoader.php";
require "$root/vendor/autoload.php";
// MediaWiki runs with $wgShellLocale.
setlocale( LC_ALL, 'C.UTF-8' );
$utils = new MediaWiki\Utils\UrlUtils( [
	MediaWiki\Utils\UrlUtils::VALID_PROTOCOLS => json_decode( $protocols, true ),
] );
while ( ( $line = fgets( STDIN ) ) !== false ) {
	$request = json_decode( $line, true );
	$url = $request['url'];
	$bits = $utils->parse( $url );
	echo json_encode( [
		'id' => $request['id'],
		'parse_url' => parse_url( $url ),
		'mediawiki' => $bits === null ? null : [ 'scheme' => $bits['scheme'], 'delimiter' => $bits['delimiter'] ],
		'return_url' => $bits !== null && $bits['scheme'] !== '',
	], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE ), "\n";
}
