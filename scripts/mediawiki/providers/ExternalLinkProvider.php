<?php
// mwcheck's synthetic third-party *linking* login provider, for the `third-party-link` configuration: a button
// (`mwchecklink`) that stands for a completed external login whose account could be linked to a local user. Pressing
// it makes the provider PASS with no user name and a link request, so (with ConfirmLink enabled) AuthManager answers
// RESTART with `authmanager-authn-no-local-user-link` and keeps the link in a preservable state. It never creates
// accounts or changes credentials. The built-in mock performs the same provider (WikiConfig `external_link`).
namespace MwCheck;

use MediaWiki\Auth\AbstractPrimaryAuthenticationProvider;
use MediaWiki\Auth\AuthenticationRequest;
use MediaWiki\Auth\AuthenticationResponse;
use MediaWiki\Auth\AuthManager;
use MediaWiki\Auth\ButtonAuthenticationRequest;
use RawMessage;
use StatusValue;

/** The external account, as a request ConfirmLink could link (it has no fields of its own). */
class ExternalLinkRequest extends AuthenticationRequest {
	public function getFieldInfo() {
		return [];
	}
}

class ExternalLinkProvider extends AbstractPrimaryAuthenticationProvider {
	private const BUTTON = 'mwchecklink';

	public function getAuthenticationRequests( $action, array $options ) {
		if ( $action !== AuthManager::ACTION_LOGIN ) {
			return [];
		}
		return [ new ButtonAuthenticationRequest(
			self::BUTTON,
			new RawMessage( 'Log in with the mwcheck linking provider' ),
			new RawMessage( 'Use an account of the mwcheck linking provider' )
		) ];
	}

	public function beginPrimaryAuthentication( array $reqs ) {
		if ( !ButtonAuthenticationRequest::getRequestByName( $reqs, self::BUTTON ) ) {
			return AuthenticationResponse::newAbstain();
		}
		$response = AuthenticationResponse::newPass( null );
		$response->linkRequest = new ExternalLinkRequest();
		return $response;
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
		return self::TYPE_LINK;
	}

	public function beginPrimaryAccountCreation( $user, $creator, array $reqs ) {
		return AuthenticationResponse::newAbstain();
	}
}
