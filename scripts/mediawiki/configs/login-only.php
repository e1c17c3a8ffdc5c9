<?php
// mwcheck named configuration `login-only`: the TemporaryPassword provider is removed and local passwords are for
// login only, so no primary provider can create accounts (FAIL `userlogin-cannot-create`, `cancreateaccounts`
// false) and no provider takes temporary passwords (resetpassword answers `resetpass_forbidden-reason`).
$wgAuthManagerAutoConfig['primaryauth'] = [
	MediaWiki\Auth\LocalPasswordPrimaryAuthenticationProvider::class => [
		'class' => MediaWiki\Auth\LocalPasswordPrimaryAuthenticationProvider::class,
		'services' => [ 'DBLoadBalancer' ],
		'args' => [ [ 'authoritative' => true, 'loginOnly' => true ] ],
		'sort' => 100,
	],
];
