//! meta=authmanagerinfo: capability flags, `securitysensitiveoperationstatus`, and the
//! authentication requests for `amirequestsfor` (merged or not, in every message format).

use super::super::super::api_names::AUTHMANAGERINFO_ACTIONS as ACTIONS;
use super::super::super::auth_requests::RequestKind;
use super::super::super::authmanager::{AuthRequest, MessageFormat, format_requests};
use super::super::super::context::Ctx;
use super::super::super::errors::ApiError;
use super::super::super::format::Val;

const PATH: &str = "query+authmanagerinfo";

/// $wgReauthenticateTime['default']
const REAUTHENTICATE_TIME: u64 = 3600;

pub fn run(ctx: &mut Ctx) -> Result<Val, ApiError> {
    let sensitive = ctx
        .req
        .get("amisecuritysensitiveoperation")
        .map(str::to_string);
    let requests_for = ctx.enum_param(PATH, "amirequestsfor", ACTIONS)?;
    let merge = ctx.req.check("amimergerequestfields");
    let format = ctx.enum_param(PATH, "amimessageformat", &MessageFormat::VALUES)?;
    let format = format
        .as_deref()
        .and_then(MessageFormat::parse)
        .unwrap_or(MessageFormat::Wikitext);

    // A bot-password session cannot change its user, so AuthManager cannot authenticate now.
    let in_bot_session = ctx.session.is_bot();
    let mut out = Val::map()
        .with("canauthenticatenow", !in_bot_session)
        .with("cancreateaccounts", ctx.config.can_create_accounts())
        // A linking (TYPE_LINK) primary provider is configured.
        .with("canlinkaccounts", ctx.config.external_link);
    if sensitive.is_some() {
        // Without a way to reauthenticate, $wgAllowSecuritySensitiveOperationIfCannotReauthenticate
        // (true by default) lets the operation pass.
        let recent = ctx.user().is_some()
            && (in_bot_session
                || ctx.now.saturating_sub(ctx.session.data.logged_in_at) < REAUTHENTICATE_TIME);
        out.set(
            "securitysensitiveoperationstatus",
            if recent { "ok" } else { "reauth" },
        );
    }
    if let Some(action) = requests_for {
        let user = ctx.user().map(|a| a.name.clone());
        let mut reqs = if action == "login-continue" {
            super::super::super::login_steps::pending_requests(ctx)
        } else if action == "create-continue"
            && let Some(creation) = &ctx.session.data.openid_creation
        {
            super::super::super::openid_provider::pending_requests(creation)
        } else {
            AuthRequest::for_action(&action, user.as_deref(), ctx.config)
        };
        super::super::super::captcha::offer(ctx, &action, &mut reqs);
        if in_bot_session {
            // The session provider has no remember-me duration: the checkbox is not offered.
            for req in &mut reqs {
                if req.kind == RequestKind::RememberMe {
                    req.fields.clear();
                }
            }
        }
        // A RESTART that could link kept a create-from-login request in the session.
        out.set("haspreservedstate", ctx.session.data.link_preserved);
        out.set("hasprimarypreservedstate", false);
        out.set("preservedusername", "");
        for (k, v) in format_requests(&reqs, merge, format, &ctx.interface_voice()) {
            out.set(&k, v);
        }
    }
    Ok(out)
}
