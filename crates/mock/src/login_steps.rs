//! The requests a clientlogin's later steps show: the password-change step (hard or soft), and
//! what a pending login waits for (AuthManager's continueRequests, which clientlogin and
//! amirequestsfor=login-continue both list).

use super::auth_requests::{AuthRequest, Required};
use super::context::Ctx;
use super::oath;

/// The requests of the step a pending login waits for (AuthManager's continueRequests, which
/// amirequestsfor=login-continue lists); empty when no login is pending.
pub fn pending_requests(ctx: &Ctx) -> Vec<AuthRequest> {
    let Some(flow) = &ctx.session.data.login_flow else {
        if ctx.session.data.login_restarted {
            let user = ctx.user().map(|a| a.name.clone());
            return AuthRequest::for_action("login", user.as_deref(), ctx.config);
        }
        return Vec::new();
    };
    let Some(account) = ctx.store.by_id(flow.user_id) else {
        return Vec::new();
    };
    if flow.totp {
        vec![oath::totp_request(&account.name)]
    } else {
        reset_requests(&account.name, flow.hard)
    }
}

/// The requests shown during a password-reset UI step.
pub fn reset_requests(account: &str, hard: bool) -> Vec<AuthRequest> {
    if hard {
        vec![AuthRequest::password(
            "change",
            Some(account),
            Required::Required,
        )]
    } else {
        vec![
            AuthRequest::password("change", Some(account), Required::Optional),
            AuthRequest::skip_reset(),
        ]
    }
}
