//! action=login (ApiLogin): the same-origin refusal, the legacy NeedToken step with its
//! deprecation warnings, sessionlost/WrongToken, and main-account login through the same
//! authentication as clientlogin (Success with a deprecation warning, Failed, Aborted).

use super::super::apimain::{Ctx, ModuleInfo};
use super::super::authmanager::{AuthResponse, Submission};
use super::super::errors::{ApiError, ErrorFormat};
use super::super::format::Val;
use super::super::messages::Msg;
use super::super::tokens::{self, TokenType};

const INFO: ModuleInfo = ModuleInfo {
    name: "login",
    must_be_posted: true,
    is_write: true,
    token: None,
};

fn deprecation(ctx: &mut Ctx, key: &str, feature: &str) {
    ctx.warn(
        "login",
        "deprecation",
        Msg::new(key),
        Some(Val::map().with("feature", feature)),
    );
    ctx.warn(
        "main",
        "deprecation-help",
        Msg::new("api-usage-mailinglist-ref"),
        None,
    );
}

/// The `reason` of Failed/Aborted: plaintext in bc, a message object otherwise.
fn reason(ctx: &Ctx, code: &str, msg: &Msg) -> Val {
    if ctx.renderer.format == ErrorFormat::Bc {
        Val::Str(msg.plaintext(ctx.sitename()))
    } else {
        let mut v = ctx.renderer.message_object(code, msg, None);
        // The login reason keeps the html/text forms but never a `module`.
        if let Val::Map(entries) = &mut v {
            entries.retain(|(k, _)| k != "module");
        }
        v
    }
}

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let name = ctx.req.get("lgname").map(str::to_string);
    let password = ctx.req.get("lgpassword").map(str::to_string);
    ctx.req.get("lgdomain");
    let token = ctx.req.get("lgtoken").map(str::to_string);
    ctx.pre_execute(&INFO)?;

    let mut result = Val::map();
    if ctx.lacks_same_origin {
        let msg = Msg::new("api-login-fail-sameorigin");
        result.set("result", "Aborted");
        result.set("reason", reason(ctx, "api-login-fail-sameorigin", &msg));
        return Ok(vec![("login".to_string(), result)]);
    }
    ctx.require_posted(INFO.name, &["lgpassword", "lgtoken"])?;
    ctx.session.persist();
    let secret_was_new = !ctx.session.data.token_secrets.contains_key("login");
    let secret = ctx.session.token_secret("login");
    match token.filter(|t| !t.is_empty()) {
        None => {
            result.set("result", "NeedToken");
            result.set(
                "token",
                tokens::issue(&mut ctx.session, false, TokenType::Login, ctx.now),
            );
            deprecation(
                ctx,
                "apiwarn-deprecation-login-token",
                "action=login&!lgtoken",
            );
        }
        Some(_) if secret_was_new => {
            result.set("result", "Failed");
            let msg = Msg::new("authpage-cannot-login-continue");
            result.set("reason", reason(ctx, "sessionlost", &msg));
        }
        Some(t) if !tokens::token_matches(&secret, "", &t) => {
            result.set("result", "WrongToken");
        }
        Some(_) => {
            let sub = Submission {
                username: name.filter(|n| !n.is_empty()),
                password: password.filter(|p| !p.is_empty()),
                remember_me: true,
                ..Submission::default()
            };
            match super::clientlogin::authenticate(ctx, &sub) {
                AuthResponse::Pass { username } => {
                    let id = ctx.store.by_name(&username).map(|a| a.id).unwrap_or(0);
                    result.set("result", "Success");
                    result.set("lguserid", id);
                    result.set("lgusername", username);
                    let key = if ctx.config.enable_bot_passwords {
                        "apiwarn-deprecation-login-botpw"
                    } else {
                        "apiwarn-deprecation-login-nobotpw"
                    };
                    deprecation(ctx, key, "main-account-login");
                }
                AuthResponse::Fail { msg } => {
                    result.set("result", "Failed");
                    let code = super::super::authmanager::message_code(&msg.key);
                    result.set("reason", reason(ctx, &code, &msg));
                }
                AuthResponse::Ui { .. } => {
                    result.set("result", "Aborted");
                    let key = if ctx.config.enable_bot_passwords {
                        "api-login-fail-aborted"
                    } else {
                        "api-login-fail-aborted-nobotpw"
                    };
                    let msg = Msg::new(key);
                    result.set("reason", reason(ctx, "api-login-fail-aborted", &msg));
                }
            }
        }
    }
    Ok(vec![("login".to_string(), result)])
}
