<?php
// mwcheck's synthetic third-party login provider, for the `third-party-login` configuration: a button
// (`mwcheckidp`) that stands for a completed external login whose account no local user is linked to. Pressing it
// makes the provider PASS with no user name, so AuthManager answers RESTART with `authmanager-authn-no-local-user`
// (the path a real OAuth/OpenID extension takes for an unlinked account). The built-in mock performs the same
// provider (WikiConfig `external_login`).
namespace MwCheck;

use MediaWiki\Auth\AuthenticationResponse;

require_once __DIR__ . '/AbstractButtonProvider.php';

class ExternalLoginProvider extends AbstractButtonProvider {
	protected function buttonName() {
		return 'mwcheckidp';
	}

	protected function providerKind() {
		return 'identity';
	}

	protected function buttonPressed() {
		// The external login succeeded, but for an account no local user is linked to.
		return AuthenticationResponse::newPass( null );
	}

	public function accountCreationType() {
		return self::TYPE_NONE;
	}
}
