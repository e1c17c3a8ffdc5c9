<?php
// mwcheck's synthetic third-party login provider, for the `third-party-login` configuration: a button
// (`mwcheckidp`) that stands for a completed external login whose account no local user is linked to. Pressing it
// makes the provider PASS with no user name, so AuthManager answers RESTART with `authmanager-authn-no-local-user`
// (the path a real OAuth/OpenID extension takes for an unlinked account). It never creates accounts, links them or
// changes credentials. The built-in mock performs the same provider (WikiConfig `third_party_login`).
namespace MwCheck;

use MediaWiki\Auth\AbstractPrimaryAuthenticationProvider;
use MediaWiki\Auth\AuthenticationRequest;
use MediaWiki\Auth\AuthenticationResponse;
use MediaWiki\Auth\AuthManager;
use MediaWiki\Auth\ButtonAuthenticationRequest;
use RawMessage;
use StatusValue;

class ExternalLoginProvider extends AbstractPrimaryAuthenticationProvider {
	private const BUTTON = 'mwcheckidp';

	public function getAuthenticationRequests( $action, array $options ) {
		if ( $action !== AuthManager::ACTION_LOGIN ) {
			return [];
		}
		return [ new ButtonAuthenticationRequest(
			self::BUTTON,
			new RawMessage( 'Log in with the mwcheck identity provider' ),
			new RawMessage( 'Use an account of the mwcheck identity provider' )
		) ];
	}

	public function beginPrimaryAuthentication( array $reqs ) {
		$button = ButtonAuthenticationRequest::getRequestByName( $reqs, self::BUTTON );
		if ( !$button ) {
			return AuthenticationResponse::newAbstain();
		}
		// The external login succeeded, but for an account no local user is linked to.
		return AuthenticationResponse::newPass( null );
	}

	public function testUserExists( $username, $flags = \User::READ_NORMAL ) {
		return false;
	}

	public function providerAllowsAuthenticationDataChange( AuthenticationRequest $req, $checkData = true ) {
		return StatusValue::newGood( 'ignored' );
	}

	public function providerChangeAuthenticationData( AuthenticationRequest $req ) {
	}

	public function accountCreationType() {
		return self::TYPE_NONE;
	}

	public function beginPrimaryAccountCreation( $user, $creator, array $reqs ) {
		return AuthenticationResponse::newAbstain();
	}
}
