//! action=clientlogin (ApiClientLogin): its parameters, the first step (the password providers,
//! or a third-party button that leads to RESTART), `logincontinue`, and the response in every
//! message format. The authentication itself (AuthManager with its providers, shared with
//! action=login) is `authentication`.
use super::super::auth_flow::{FlowParams, read_flow_params};
use super::super::authentication::{authenticate, continue_flow};
use super::super::authmanager::{
    AuthRequest, AuthResponse, RequestKind, format_response, load_requests,
};
use super::super::captcha;
use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::Msg;
use super::super::tokens::TokenType;

const INFO: ModuleInfo = ModuleInfo {
    name: "clientlogin",
    must_be_posted: true,
    is_write: true,
    token: Some(("logintoken", TokenType::Login)),
};

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let FlowParams {
        wanted,
        format,
        merge,
        is_continue,
    } = read_flow_params(ctx, &INFO, "login")?;
    // AuthManager::canAuthenticateNow(): a bot-password session cannot change its user.
    let response = if ctx.session.is_bot() {
        AuthResponse::Fail {
            msg: Msg::new("userlogin-cannot-login"),
        }
    } else if is_continue {
        match ctx.session.data.login_flow.clone() {
            // After a RESTART the login requests are offered again, as at the beginning.
            None if std::mem::take(&mut ctx.session.data.login_restarted) => {
                begin(ctx, wanted.as_deref())?
            }
            None => {
                load_requests(INFO.name, ctx.req, &[], wanted.as_deref())?;
                AuthResponse::Fail {
                    msg: Msg::new("authmanager-authn-not-in-progress"),
                }
            }
            Some(flow) => continue_flow(ctx, flow, wanted.as_deref())?,
        }
    } else {
        ctx.session.data.login_flow = None;
        ctx.session.data.login_restarted = false;
        begin(ctx, wanted.as_deref())?
    };
    Ok(vec![(
        "clientlogin".to_string(),
        format_response(&response, merge, format, &ctx.interface_voice()),
    )])
}

/// A login's first step: the password providers first; when no password was submitted, the
/// third-party providers' buttons (a login that authenticates no local user: RESTART).
fn begin(ctx: &mut Ctx, wanted: Option<&[String]>) -> Result<AuthResponse, ApiError> {
    let user = ctx.user().map(|a| a.name.clone());
    let mut reqs = AuthRequest::for_action("login", user.as_deref(), ctx.config);
    captcha::offer(ctx, "login", &mut reqs);
    let (_, sub) = load_requests(INFO.name, ctx.req, &reqs, wanted)?;
    ctx.session.persist();
    if !sub.has(RequestKind::Password) {
        // ConfirmLink is configured alongside the linking provider, so its login can be linked.
        let linking = sub.has(RequestKind::ExternalLink);
        if linking || sub.has(RequestKind::ExternalLogin) {
            ctx.session.data.login_restarted = true;
            ctx.session.data.link_preserved |= linking;
            let key = if linking {
                "authmanager-authn-no-local-user-link"
            } else {
                "authmanager-authn-no-local-user"
            };
            return Ok(AuthResponse::Restart {
                requests: reqs,
                msg: Msg::new(key),
                can_preserve: linking,
            });
        }
    }
    Ok(authenticate(ctx, &sub))
}
