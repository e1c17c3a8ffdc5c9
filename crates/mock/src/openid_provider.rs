//! The `openid-connect` configuration's third-party provider (mock-only; API:Account creation's
//! example 3): the button that chooses it at createaccount, the REDIRECT to the provider's
//! authorization page (`/_mwcheck/openid/authorize`), which sends the browser to the wiki's
//! Special:OpenIDConnectReturn with a fresh `code`, which validates the `state` against the
//! session's creation and sends the browser on to the client's `createreturnurl` with `code` and
//! `state` added; then the createcontinue that redeems the code and creates the account (the
//! two-factor set-up step follows, in `two_factor_setup`).
//!
//! Failures of that createcontinue are FAILs with the mock's own messages (no real extension
//! here to take texts from): `mwcheck-openid-response-missing` (no code and state submitted),
//! `mwcheck-openid-state-replayed` (a state that already finished a creation),
//! `mwcheck-openid-state-mismatch` (any other state than the one this creation was sent off
//! with) and `mwcheck-openid-code-invalid` (a code the provider did not issue for that state, or
//! already redeemed, or older than ten minutes). The two pages themselves are `openid_pages`.

use super::auth_requests::{AuthRequest, Field, FieldType, RequestKind, Required, field, raw_msg};
use super::authmanager::{AuthResponse, Submission};
use super::context::Ctx;
pub use super::flows::{CreationStage, OpenIdCreation};
use super::messages::Msg;
use super::session::random_hex32;
use super::store::Account;
use super::tokens::secrets_equal;
use super::two_factor_setup;

/// The client id the wiki is registered with at the provider.
pub const CLIENT_ID: &str = "mwcheck";
pub use super::auth_requests::OPENID_PROVIDER_NAME as PROVIDER_NAME;
/// The provider's authorization page, on the mock's own server.
pub const AUTHORIZE_PATH: &str = "/_mwcheck/openid/authorize";
/// The wiki's return page (a path under `/index.php`, or `title=` on `/index.php`).
pub const RETURN_TITLE: &str = "Special:OpenIDConnectReturn";

/// The wiki's return page URL, as registered with the provider.
pub fn return_page(server: &str) -> String {
    format!("{server}/index.php/{RETURN_TITLE}")
}

/// The REDIRECT's target for `state` (query laid out as in the documentation's example).
pub fn redirect_target(server: &str, state: &str) -> String {
    format!(
        "{server}{AUTHORIZE_PATH}?scope=openid&response_type=code&client_id={CLIENT_ID}&redirect_uri={}&state={state}",
        return_page(server)
    )
}

/// OpenIdConnectResponseAuthenticationRequest: the code and state the provider returned.
pub fn response_request() -> AuthRequest {
    let text_field = |name: &'static str, label: &str, help: &str| Field {
        label: raw_msg(Some(label)),
        help: raw_msg(Some(help)),
        ..field(name, FieldType::String, "", "", false)
    };
    AuthRequest {
        kind: RequestKind::OpenIdConnectResponse,
        id: "OpenIdConnectResponseAuthenticationRequest",
        required: Required::Required,
        metadata: Vec::new(),
        provider: raw_msg(Some(PROVIDER_NAME)),
        account: raw_msg(Some("")),
        fields: vec![
            text_field("code", "OpenID Code", "OpenID Connect code response"),
            text_field("state", "OpenID State", "OpenID Connect state response"),
        ],
    }
}

/// beginPrimaryAccountCreation with the button pressed: remembers the creation in the session
/// and answers REDIRECT to the provider with a fresh state.
pub fn begin(
    ctx: &mut Ctx,
    username: &str,
    email: &str,
    realname: &str,
    return_url: &str,
) -> AuthResponse {
    let state = random_hex32();
    ctx.session.data.openid_creation = Some(OpenIdCreation {
        username: username.to_owned(),
        email: email.to_owned(),
        realname: realname.to_owned(),
        state: state.clone(),
        return_url: return_url.to_owned(),
        stage: CreationStage::AwaitingProvider,
    });
    ctx.session.persist();
    AuthResponse::Redirect {
        target: redirect_target(ctx.server, &state),
        requests: vec![response_request()],
    }
}

/// continuePrimaryAccountCreation: Ok when the code and state are good (the state is then used
/// up), else the FAIL to answer.
pub fn check_response(
    ctx: &mut Ctx,
    creation: &OpenIdCreation,
    sub: &Submission,
) -> Result<(), AuthResponse> {
    let fail = |key: &str| AuthResponse::Fail { msg: Msg::new(key) };
    let (Some(code), Some(state)) = (sub.code.as_deref(), sub.state.as_deref()) else {
        return Err(fail("mwcheck-openid-response-missing"));
    };
    if !sub.has(RequestKind::OpenIdConnectResponse) {
        return Err(fail("mwcheck-openid-response-missing"));
    }
    if ctx.store.openid_codes.state_used(state) {
        return Err(fail("mwcheck-openid-state-replayed"));
    }
    if !secrets_equal(&creation.state, state) {
        return Err(fail("mwcheck-openid-state-mismatch"));
    }
    let redirect_uri = return_page(ctx.server);
    if !ctx
        .store
        .openid_codes
        .redeem(code, state, &redirect_uri, ctx.now)
    {
        return Err(fail("mwcheck-openid-code-invalid"));
    }
    Ok(())
}

/// The requests a createcontinue of `creation` takes now (AuthManager's continueRequests, which
/// authmanagerinfo also lists for `create-continue`).
pub fn pending_requests(creation: &OpenIdCreation) -> Vec<AuthRequest> {
    match &creation.stage {
        CreationStage::AwaitingProvider => vec![response_request()],
        CreationStage::TwoFactorSetup { secret } => {
            two_factor_setup::requests(&creation.username, secret)
        }
    }
}

/// createcontinue of a creation through the provider: the provider's response creates the
/// account and starts the two-factor set-up; the set-up step then ends it with PASS. Any FAIL or
/// PASS ends the creation.
pub fn continue_creation(
    ctx: &mut Ctx,
    mut creation: OpenIdCreation,
    sub: &Submission,
) -> AuthResponse {
    ctx.session.persist();
    let response = match creation.stage.clone() {
        CreationStage::AwaitingProvider => match check_response(ctx, &creation, sub) {
            Err(failed) => failed,
            // AuthManager's lock on the name, as for a creation with a password.
            Ok(()) if !ctx.store.await_creation_of(&creation.username) => AuthResponse::Fail {
                msg: Msg::new("usernameinprogress"),
            },
            Ok(()) if !create_account(ctx, &creation) => AuthResponse::Fail {
                msg: Msg::new("userexists"),
            },
            Ok(()) => {
                let secret = two_factor_setup::new_secret();
                let ui = two_factor_setup::begin(&creation.username, &secret);
                creation.stage = CreationStage::TwoFactorSetup { secret };
                ctx.session.data.openid_creation = Some(creation);
                return ui;
            }
        },
        CreationStage::TwoFactorSetup { secret } => {
            match two_factor_setup::continue_step(&creation.username, &secret, sub, ctx.now) {
                Some(again) => return again,
                None => AuthResponse::Pass {
                    username: creation.username.clone(),
                },
            }
        }
    };
    ctx.session.data.openid_creation = None;
    response
}

/// The primary provider's PASS: the account is added (it has no local password). False when the
/// name is taken.
fn create_account(ctx: &mut Ctx, creation: &OpenIdCreation) -> bool {
    let inserted = ctx.store.insert(Account {
        email: creation.email.clone(),
        realname: creation.realname.clone(),
        ..Account::new(creation.username.clone(), ctx.now)
    });
    if inserted.is_some() {
        ctx.store.active_users.record_uncounted_change();
        ctx.mark_db_write();
    }
    inserted.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::{CODE_LIFETIME, IssuedCodes};

    #[test]
    fn codes_redeem_once_for_their_state() {
        let mut codes = IssuedCodes::default();
        let code = codes.issue("s1", "http://w/r", 100);
        assert!(!codes.redeem(&code, "s2", "http://w/r", 100));
        assert!(!codes.redeem(&code, "s1", "http://other/r", 100));
        assert!(!codes.state_used("s1"));
        assert!(codes.redeem(&code, "s1", "http://w/r", 100));
        assert!(codes.state_used("s1"));
        assert!(!codes.redeem(&code, "s1", "http://w/r", 100));
        let late = codes.issue("s3", "http://w/r", 100);
        assert!(!codes.redeem(&late, "s3", "http://w/r", 100 + CODE_LIFETIME + 1));
    }

    #[test]
    fn redirect_target_names_the_return_page() {
        assert_eq!(
            redirect_target("http://127.0.0.1:9", "abc"),
            "http://127.0.0.1:9/_mwcheck/openid/authorize?scope=openid&response_type=code&client_id=mwcheck&redirect_uri=http://127.0.0.1:9/index.php/Special:OpenIDConnectReturn&state=abc"
        );
    }
}
