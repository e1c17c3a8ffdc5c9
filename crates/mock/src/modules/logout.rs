//! action=logout: with the session's csrf token (POSTed), ends the session: it is forgotten, its
//! token secrets with it, and each of the session, `UserID` and `Token` cookies the client sent is
//! deleted (`UserName` is kept). The answer is an empty object, logged in or not.

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
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
    ctx.pre_execute(&INFO)?;
    ctx.require_posted(INFO.name, &["token"])?;
    ctx.session.unpersist();
    let prefix = ctx.config.cookie_prefix.clone();
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
