<?php
// mwcheck's synthetic third-party *linking* login provider, for the `third-party-link` configuration: a button
// (`mwchecklink`) that stands for a completed external login whose account could be linked to a local user. Pressing
// it makes the provider PASS with no user name and a link request, so (with ConfirmLink enabled) AuthManager answers
// RESTART with `authmanager-authn-no-local-user-link` and keeps the link in a preservable state. The built-in mock
// performs the same provider (WikiConfig `external_link`).
namespace MwCheck;

use MediaWiki\Auth\AuthenticationRequest;
use MediaWiki\Auth\AuthenticationResponse;

require_once __DIR__ . '/AbstractButtonProvider.php';

/** The external account, as a request ConfirmLink could link (it has no fields of its own). */
class ExternalLinkRequest extends AuthenticationRequest {
	public function getFieldInfo() {
		return [];
	}
}

class ExternalLinkProvider extends AbstractButtonProvider {
	protected function buttonName() {
		return 'mwchecklink';
	}

	protected function providerKind() {
		return 'linking';
	}

	protected function buttonPressed() {
		$response = AuthenticationResponse::newPass( null );
		$response->linkRequest = new ExternalLinkRequest();
		return $response;
	}

	public function accountCreationType() {
		return self::TYPE_LINK;
	}
}
