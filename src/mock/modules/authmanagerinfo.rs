//! meta=authmanagerinfo: capability flags, `securitysensitiveoperationstatus`, and the
//! authentication requests for `amirequestsfor` (merged or not, in every message format).

use super::super::apimain::Ctx;
use super::super::authmanager::{AuthRequest, MessageFormat, format_requests};
use super::super::errors::ApiError;
use super::super::format::Val;

const PATH: &str = "query+authmanagerinfo";

/// `amirequestsfor` values.
pub const ACTIONS: &[&str] = &[
    "change",
    "create",
    "create-continue",
    "link",
    "link-continue",
    "login",
    "login-continue",
    "remove",
    "unlink",
];

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

    let mut out = Val::map()
        .with("canauthenticatenow", true)
        .with("cancreateaccounts", ctx.config.can_create_accounts())
        .with("canlinkaccounts", false);
    if sensitive.is_some() {
        let recent = ctx.user().is_some()
            && ctx.now.saturating_sub(ctx.session.data.logged_in_at) < REAUTHENTICATE_TIME;
        out.set(
            "securitysensitiveoperationstatus",
            if recent { "ok" } else { "reauth" },
        );
    }
    if let Some(action) = requests_for {
        let user = ctx.user().map(|a| a.name.clone());
        let reqs = AuthRequest::for_action(&action, user.as_deref(), ctx.config);
        out.set("haspreservedstate", false);
        out.set("hasprimarypreservedstate", false);
        out.set("preservedusername", "");
        for (k, v) in format_requests(&reqs, merge, format, ctx.sitename()) {
            out.set(&k, v);
        }
    }
    Ok(out)
}
