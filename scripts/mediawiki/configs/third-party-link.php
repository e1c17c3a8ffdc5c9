<?php
// mwcheck named configuration `third-party-link`: a synthetic third-party *linking* login provider
// (scripts/mediawiki/providers/ExternalLinkProvider.php, button `mwchecklink`) and MediaWiki's ConfirmLink secondary
// provider. Pressing the button completes an external login that could be linked, so clientlogin answers RESTART
// `authmanager-authn-no-local-user-link` with a preservable state, and authmanagerinfo says accounts can be linked.
require_once __DIR__ . '/../providers/ExternalLinkProvider.php';
$wgAuthManagerAutoConfig['primaryauth'][MwCheck\ExternalLinkProvider::class] = [
	'class' => MwCheck\ExternalLinkProvider::class,
	'sort' => 200,
];
$wgAuthManagerAutoConfig['secondaryauth'][MediaWiki\Auth\ConfirmLinkSecondaryAuthenticationProvider::class] = [
	'class' => MediaWiki\Auth\ConfirmLinkSecondaryAuthenticationProvider::class,
	'sort' => 100,
];
