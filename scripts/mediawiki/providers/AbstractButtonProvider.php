<?php
// The shared part of mwcheck's synthetic third-party login providers: one login button (a
// ButtonAuthenticationRequest with RawMessage texts naming the provider), no accounts of their own to test or
// create, and no credentials to change. Each subclass says what pressing its button does.
namespace MwCheck;

use MediaWiki\Auth\AbstractPrimaryAuthenticationProvider;
use MediaWiki\Auth\AuthenticationRequest;
use MediaWiki\Auth\AuthenticationResponse;
use MediaWiki\Auth\AuthManager;
use MediaWiki\Auth\ButtonAuthenticationRequest;
use RawMessage;
use StatusValue;

abstract class AbstractButtonProvider extends AbstractPrimaryAuthenticationProvider {
	/** @return string The button's field name. */
	abstract protected function buttonName();

	/** @return string What the provider is called in its texts ("identity", "linking"). */
	abstract protected function providerKind();

	/** @return AuthenticationResponse What a login with the button pressed gives. */
	abstract protected function buttonPressed();

	public function getAuthenticationRequests( $action, array $options ) {
		if ( $action !== AuthManager::ACTION_LOGIN ) {
			return [];
		}
		$kind = $this->providerKind();
		return [ new ButtonAuthenticationRequest(
			$this->buttonName(),
			new RawMessage( "Log in with the mwcheck $kind provider" ),
			new RawMessage( "Use an account of the mwcheck $kind provider" )
		) ];
	}

	public function beginPrimaryAuthentication( array $reqs ) {
		if ( !ButtonAuthenticationRequest::getRequestByName( $reqs, $this->buttonName() ) ) {
			return AuthenticationResponse::newAbstain();
		}
		return $this->buttonPressed();
	}

	public function testUserExists( $username, $flags = \IDBAccessObject::READ_NORMAL ) {
		return false;
	}

	public function providerAllowsAuthenticationDataChange( AuthenticationRequest $req, $checkData = true ) {
		return StatusValue::newGood( 'ignored' );
	}

	public function providerChangeAuthenticationData( AuthenticationRequest $req ) {
	}

	public function beginPrimaryAccountCreation( $user, $creator, array $reqs ) {
		return AuthenticationResponse::newAbstain();
	}
}
