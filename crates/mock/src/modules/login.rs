//! action=login (ApiLogin): the same-origin refusal, the refusal inside a bot-password session,
//! the legacy NeedToken step with its deprecation warnings, sessionlost/WrongToken, bot-password
//! login (Success without a warning, opening a bot-password session), and main-account login
//! through the same authentication as clientlogin (Success with a deprecation warning, Failed,
//! Aborted).

use super::super::authmanager::{AuthResponse, Submission};
use super::super::bot_passwords::{self, PROVIDER_DESCRIPTION};
use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::{ApiError, ErrorFormat};
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::session::BotSession;
use super::super::tokens::{self, TokenType};
use super::super::username::Rigor;

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
        Val::Str(msg.plaintext(&ctx.voice()))
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
    if ctx.session.is_bot() {
        // Session::canSetUser() is false for bot-password sessions.
        let msg = Msg::with(
            "api-login-fail-badsessionprovider",
            vec![Param::Text(PROVIDER_DESCRIPTION.to_string())],
        );
        result.set("result", "Aborted");
        result.set(
            "reason",
            reason(ctx, "api-login-fail-badsessionprovider", &msg),
        );
        return Ok(vec![("login".to_string(), result)]);
    }
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
        Some(_) => match bot_login(ctx, name.as_deref(), password.as_deref()) {
            Some(Ok((user_id, user_name))) => {
                result.set("result", "Success");
                result.set("lguserid", user_id);
                result.set("lgusername", user_name);
            }
            Some(Err(msg)) => {
                result.set("result", "Failed");
                let code = super::super::authmanager::message_code(&msg.key);
                result.set("reason", reason(ctx, &code, &msg));
            }
            None => main_account_login(ctx, &mut result, name, password),
        },
    }
    Ok(vec![("login".to_string(), result)])
}

/// BotPassword::login for a name and password in a bot-password form: the user and the app id
/// are looked up, the attempt is throttled, and the password checked. `Some(Ok)` opened a
/// bot-password session; `Some(Err)` is a failure ApiLogin reports (the throttle); `None` means
/// the main-account login is tried instead (not a bot login, no such user or bot password, or a
/// wrong password).
fn bot_login(
    ctx: &mut Ctx,
    name: Option<&str>,
    password: Option<&str>,
) -> Option<Result<(u64, String), Msg>> {
    if !ctx.config.enable_bot_passwords {
        return None;
    }
    let (full_name, secret) =
        bot_passwords::canonicalize_login_data(name.unwrap_or(""), password.unwrap_or(""))?;
    let (user_part, app_id) = full_name.split_once('@')?;
    let user_name = ctx
        .config
        .user_name_rules()
        .canonical_with(user_part, Rigor::Valid)?;
    let account = ctx.store.by_name(&user_name)?.clone();
    let windows = ctx.config.password_attempt_throttle.clone();
    let ip = ctx.req.ip_name();
    if let Some(full) =
        ctx.store
            .bot_password_attempts
            .increase(&windows, Some(&account.name), &ip, ctx.now)
    {
        return Some(Err(Msg::with(
            "login-throttled",
            vec![Param::Duration(full.seconds)],
        )));
    }
    let row = ctx.store.bot_passwords.find(account.id, app_id)?.clone();
    if !ctx.verify_password(&row.password_hash, &secret) {
        return None;
    }
    ctx.store
        .bot_password_attempts
        .clear(Some(&account.name), &ip);
    let bot = BotSession {
        app_id: row.app_id,
        rights: bot_passwords::grant_rights(&row.grants),
    };
    ctx.session.start_bot_session(account.id, bot, ctx.now);
    Some(Ok((account.id, account.name)))
}

/// The simplified AuthManager login ApiLogin keeps for main accounts.
fn main_account_login(
    ctx: &mut Ctx,
    result: &mut Val,
    name: Option<String>,
    password: Option<String>,
) {
    let sub = Submission {
        username: name.filter(|n| !n.is_empty()),
        password: password.filter(|p| !p.is_empty()),
        remember_me: true,
        ..Submission::default()
    };
    match super::super::authentication::authenticate(ctx, &sub) {
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
        // action=login never loads the third-party button, so no RESTART (nor REDIRECT) reaches
        // it; it would be Aborted like UI.
        AuthResponse::Ui { .. } | AuthResponse::Restart { .. } | AuthResponse::Redirect { .. } => {
            result.set("result", "Aborted");
            let key = if ctx.config.enable_bot_passwords {
                "api-login-fail-aborted"
            } else {
                "api-login-fail-aborted-nobotpw"
            };
            let msg = Msg::new(key);
            result.set("reason", reason(ctx, key, &msg));
        }
    }
}
