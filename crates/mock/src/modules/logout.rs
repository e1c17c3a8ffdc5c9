//! action=logout: with the session's csrf token (POSTed), ends the session: it is forgotten, its
//! token secrets with it, and each of the session, `UserID` and `Token` cookies the client sent is
//! deleted (`UserName` is kept); a bot-password session deletes its `BPsession` cookie alone. The answer is an empty object, logged in or not. Where the
//! release makes logout a write-mode module (`Release::logout_is_write_mode`), the write checks
//! apply (promised-nonwrite-api, read-only mode) and an anonymous caller only gets the warning
//! `notloggedin`; a bot-password session is ended before that check.

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::Msg;
use super::super::tokens::TokenType;

const INFO: ModuleInfo = ModuleInfo {
    name: "logout",
    must_be_posted: true,
    is_write: false,
    token: Some(("token", TokenType::Csrf)),
};

/// The cookies logout deletes when the request carries them, in MediaWiki's order.
const DELETED_COOKIES: [&str; 3] = ["_session", "UserID", "Token"];

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let write_mode = ctx.release().logout_is_write_mode;
    ctx.pre_execute(&ModuleInfo {
        is_write: write_mode,
        ..INFO
    })?;
    ctx.require_posted(INFO.name, &["token"])?;
    let bot_password_session = ctx.session.data.bot.is_some();
    if write_mode && !bot_password_session && ctx.user().is_none() {
        ctx.warn(
            INFO.name,
            "notloggedin",
            Msg::new("apierror-mustbeloggedin-generic"),
            None,
        );
        return Ok(Vec::new());
    }
    ctx.session.unpersist();
    let prefix = ctx.config.cookie_prefix.clone();
    if bot_password_session {
        // BotPasswordSessionProvider forgets its own cookie only; the normal session cookies
        // the client also sent are not its to delete.
        ctx.cookies.push(format!(
            "{prefix}_BPsession=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/; HttpOnly"
        ));
        return Ok(Vec::new());
    }
    for suffix in DELETED_COOKIES {
        let name = format!("{prefix}{suffix}");
        if ctx.req.cookie(&name).is_some() {
            ctx.cookies.push(format!(
                "{name}=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/; HttpOnly"
            ));
        }
    }
    Ok(Vec::new())
}
