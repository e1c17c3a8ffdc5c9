//! action=checktoken (ApiCheckToken): whether `token` is this session's current token of `type`
//! (`valid`), one older than `maxtokenage` seconds (`expired`) or not (`invalid`), with the time
//! the token was made (`generated`) when it carries one; a token ending in `" \\"` (a `+` the
//! client did not percent-encode) gets a warning. Checking a login or createaccount token starts
//! the session, as issuing one does.

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::tokens::{self, TokenCheck, TokenType};
use mwcheck_shared::iso8601;

const INFO: ModuleInfo = ModuleInfo {
    name: "checktoken",
    must_be_posted: false,
    is_write: false,
    token: None,
};

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    // Parameters in getAllowedParams order: type, token (both required), maxtokenage.
    let Some(type_name) = ctx.enum_param(INFO.name, "type", tokens::TYPE_NAMES)? else {
        return Err(ApiError::missing_param(INFO.name, "type"));
    };
    let Some(token) = ctx.req.get("token").map(str::to_string) else {
        return Err(ApiError::missing_param(INFO.name, "token"));
    };
    let max_age = match ctx.req.get("maxtokenage") {
        None => None,
        Some(text) => Some(php_integer(text).ok_or_else(|| {
            ApiError::new(
                INFO.name,
                "badinteger",
                Msg::with(
                    "paramvalidator-badinteger",
                    vec![
                        Param::Plain("maxtokenage".into()),
                        Param::Plain(text.to_string()),
                    ],
                ),
            )
        })?),
    };
    ctx.pre_execute(&INFO)?;
    let ty = TokenType::from_name(&type_name).unwrap_or(TokenType::Csrf);
    if token.ends_with(" \\") {
        ctx.warn(
            INFO.name,
            "checktoken-percentencoding",
            Msg::new("apiwarn-checktoken-percentencoding"),
            None,
        );
    }
    let logged_in = ctx.user().is_some();
    let result = tokens::check(&mut ctx.session, logged_in, ty, &token, max_age, ctx.now);
    let mut res = Val::map().with(
        "result",
        match result {
            TokenCheck::Valid => "valid",
            TokenCheck::Expired => "expired",
            TokenCheck::Invalid => "invalid",
        },
    );
    if let Some(issued) = tokens::token_timestamp(&token) {
        res.set("generated", iso8601(issued));
    }
    Ok(vec![(INFO.name.to_string(), res)])
}

/// ParamValidator's integer: an optional sign and decimal digits (a value past the range is
/// taken at the range's end, as PHP's intval does).
fn php_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<i64>().unwrap_or(if text.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    }))
}
