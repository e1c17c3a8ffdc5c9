//! meta=tokens: every token type, `type=*`, unknown-type warnings and the refusal when the
//! same-origin policy is not applied (`origin=*`, `callback`).

use super::super::super::context::Ctx;
use super::super::super::errors::ApiError;
use super::super::super::format::Val;
use super::super::super::messages::Msg;
use super::super::super::tokens::{self, TokenType};

const PATH: &str = "query+tokens";

/// The `tokens` object, or None when tokens are refused.
pub fn run(ctx: &mut Ctx) -> Result<Option<Val>, ApiError> {
    let names: Vec<&str> = TokenType::ALL.iter().map(|t| t.name()).collect();
    let types = ctx
        .multi_enum_param(PATH, "type", &names, true)?
        .unwrap_or_else(|| vec!["csrf".to_string()]);
    if ctx.lacks_same_origin {
        ctx.warn(
            PATH,
            "tokens-origin",
            Msg::new("apiwarn-tokens-origin"),
            None,
        );
        return Ok(None);
    }
    let logged_in = ctx.user().is_some();
    let mut out = Val::map();
    for name in types {
        if let Some(ty) = TokenType::from_name(&name) {
            let token = tokens::issue(&mut ctx.session, logged_in, ty, ctx.now);
            out.set(&format!("{name}token"), token);
        }
    }
    Ok(Some(out))
}
