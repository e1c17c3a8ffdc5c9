<?php
// mwcheck named configuration `third-party-login`: a synthetic third-party primary login provider
// (scripts/mediawiki/providers/ExternalLoginProvider.php) offers the button `mwcheckidp`; pressing it completes an
// external login with no linked local user, so clientlogin answers RESTART `authmanager-authn-no-local-user`.
require_once __DIR__ . '/../providers/ExternalLoginProvider.php';
$wgAuthManagerAutoConfig['primaryauth'][MwCheck\ExternalLoginProvider::class] = [
	'class' => MwCheck\ExternalLoginProvider::class,
	'sort' => 200,
];
