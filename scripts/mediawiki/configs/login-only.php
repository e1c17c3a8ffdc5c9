<?php
// mwcheck named configuration `login-only`: the TemporaryPassword provider is removed and local passwords are for
// login only, so no primary provider can create accounts (FAIL `userlogin-cannot-create`, `cancreateaccounts`
// false) and no provider takes temporary passwords (resetpassword answers `resetpass_forbidden-reason`).
// The provider's database service is the one core's own default wiring uses: an ILoadBalancer (`DBLoadBalancer`)
// in 1.39, an IConnectionProvider (`DBLoadBalancerFactory`) in 1.43; neither service fits the other version.
$wgAuthManagerAutoConfig['primaryauth'] = [
	MediaWiki\Auth\LocalPasswordPrimaryAuthenticationProvider::class => [
		'class' => MediaWiki\Auth\LocalPasswordPrimaryAuthenticationProvider::class,
		'services' => [ version_compare( MW_VERSION, '1.43', '>=' ) ? 'DBLoadBalancerFactory' : 'DBLoadBalancer' ],
		'args' => [ [ 'authoritative' => true, 'loginOnly' => true ] ],
		'sort' => 100,
	],
];
