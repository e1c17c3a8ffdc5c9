//! action=createaccount in the legacy 1.21 profile (configuration `legacy-1.21` and its mock-only
//! variants), built from the 1.21–1.26 documentation alone (no machine here runs 1.21): parameters
//! name, password, domain, token, email, realname, mailpassword, reason and language; POST only;
//! the two-step flow where a request without the session's token answers `needtoken` with one,
//! and a success answers `success` with the account and the next token (each token creates one
//! account); every documented error code with its documented info text; `mailpassword` mails a
//! random password.
//!
//! The profile is a 1.21 wiki with cookies, an external-authentication plugin and an extension hook,
//! so that the documented codes that need them can be produced (README, "Mock-only profiles"):
//! a token sent in a session that never got one is `nocookiesfornew`; the plugin knows the domain
//! `mwcheck` (another non-empty `domain` is `wrongpassword`) and cannot write to `mwcheck-readonly`
//! (`externaldberror`); the hook aborts names beginning with `Aborted` (`aborted`) and adds a
//! warning to names beginning with `Warned`.
//!
//! The checks run in LoginForm::addNewAccountInternal's order from the name on: name, existing
//! name, the password's validity (skipped with `mailpassword`), `noemailtitle`, the email's
//! format, the hook, the creation throttle, the plugin's addUser. Then, as ApiCreateAccount did:
//! - `mailpassword` mails the password through LoginForm::mailPasswordInternal, which fails with
//!   `noemail` when no email was given. The account exists by then (and the token is spent): the
//!   answer is error `noemail`, and the name is `userexists` afterwards.
//! - `noemailtitle` comes only from $wgEmailConfirmToEdit (a creation without an email). The
//!   `legacy-1.21` profile keeps it off, so its creations need no email; the mock-only
//!   configuration `legacy-1.21-email-confirm` turns it on.
//! - `acct_creation_throttle_hit` (configuration `legacy-1.21-throttle`) counts by IP every attempt
//!   that reaches the throttle, unless the creator has `noratelimit`; its info names the limit.
//! - `sorbs_create_account_reason` comes from the DNS blacklist (configuration `legacy-1.21-dnsbl`).
//! - A Status that is OK but not good answers `result: "warning"` with the account, the next token
//!   and `warnings` as ApiResult::convertStatusToArray rendered the status' warnings: a list of
//!   `{type: "warning", message: KEY, params: [...]}`, which XML prints as
//!   `<warnings><warning type="warning" message="KEY"><params><param>…</param></params></warning></warnings>`.
//!   The hook's warning is `mwcheck-legacy-hook-warning` with the user name as its one parameter.

use super::super::account_creation::{creation_throttle_window, mail_new_account_password};
use super::super::context::Ctx;
use super::super::email::valid_email;
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::password_policy::forbidden_default_login;
use super::super::secrets::random_password;
use super::super::session::random_hex32;
use super::super::store::Account;
use super::super::tokens::secrets_equal;
use super::super::username;

const MODULE: &str = "createaccount";

/// The plugin's domain it cannot write accounts to.
const READONLY_DOMAIN: &str = "mwcheck-readonly";

/// The documented error codes and their info texts.
const ERRORS: &[(&str, &str)] = &[
    (
        "nocookiesfornew",
        "The user account was not created, as we could not confirm its source. Ensure you have cookies enabled, reload this page and try again.",
    ),
    (
        "wrongpassword",
        "Incorrect password entered. Please try again.",
    ),
    (
        "externaldberror",
        "There was either an authentication database error or you are not allowed to update your external account",
    ),
    (
        "aborted",
        "Account creation aborted by an extension: the mwcheck test hook refuses names beginning with \"Aborted\"",
    ),
    (
        "mustbeposted",
        "The createaccount module requires a POST request",
    ),
    (
        "sorbs_create_account_reason",
        "Your IP address is listed as an open proxy in the DNSBL.",
    ),
    ("noname", "You have not specified a valid username"),
    ("userexists", "Username entered already in use"),
    (
        "password-name-match",
        "Your password must be different from your username.",
    ),
    (
        "password-login-forbidden",
        "The use of this username and password has been forbidden",
    ),
    ("noemailtitle", "No email address"),
    ("noemail", "There is no e-mail address recorded for user"),
    (
        "acct_creation_throttle_hit",
        "Visitors to this wiki using your IP address have created $1 accounts in the last day, which is the maximum allowed in this time period. As a result, visitors using this IP address cannot create any more accounts at the moment.",
    ),
    (
        "invalidemailaddress",
        "The e-mail address cannot be accepted as it appears to have an invalid format",
    ),
    // The documentation gives no text; 1.21's message with its default minimum of 1.
    (
        "passwordtooshort",
        "Passwords must be at least 1 character.",
    ),
    (
        "blocked",
        "You cannot create a new account because you are blocked",
    ),
    (
        "permdenied-createaccount",
        "You do not have the right to create a new account",
    ),
];

/// The hook's warning for names beginning with `Warned`.
const HOOK_WARNING: &str = "mwcheck-legacy-hook-warning";

fn error(code: &str) -> ApiError {
    error_with(code, &[])
}

/// The error `code` with its info text, `$1`, `$2`, … replaced by `params`.
fn error_with(code: &str, params: &[String]) -> ApiError {
    let template = ERRORS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, info)| info);
    let info = params
        .iter()
        .enumerate()
        .rev()
        .fold(template.to_string(), |text, (i, param)| {
            text.replace(&format!("${}", i + 1), param)
        });
    // A literal text renders as itself (no message key has spaces).
    ApiError::new(MODULE, code, Msg::with("$1", vec![Param::Text(info)]))
}

/// convertStatusToArray's rendering of one warning: type, message key and its parameters.
fn status_warning(key: &str, params: Vec<Val>) -> Val {
    Val::map()
        .with("type", "warning")
        .with("message", key)
        .with("params", Val::tagged("param", params))
}

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let name = ctx.req.get("name").unwrap_or("").to_string();
    let password = ctx.req.get("password").unwrap_or("").to_string();
    let token = ctx.req.get("token").unwrap_or("").to_string();
    let email = ctx.req.get("email").unwrap_or("").to_string();
    let realname = ctx.req.get("realname").unwrap_or("").to_string();
    let mailpassword = ctx.req.get("mailpassword").is_some();
    let domain = ctx.req.get("domain").unwrap_or("").to_string();
    for ignored in ["reason", "language"] {
        ctx.req.get(ignored);
    }
    if !ctx.req.was_posted() {
        return Err(error("mustbeposted"));
    }
    let expected = ctx.session.data.legacy_create_token.clone();
    // A token, but the session (no cookie came back) never had one.
    if !token.is_empty() && expected.is_none() {
        return Err(error("nocookiesfornew"));
    }
    // Step 1 (or a token that is not this session's): the token to send back.
    let matches = expected
        .as_deref()
        .is_some_and(|known| secrets_equal(known, &token));
    if token.is_empty() || !matches {
        let fresh = expected.unwrap_or_else(random_hex32);
        ctx.session.data.legacy_create_token = Some(fresh.clone());
        ctx.session.persist();
        let result = Val::map().with("token", fresh).with("result", "needtoken");
        return Ok(vec![(MODULE.to_string(), result)]);
    }
    if !ctx.may_create_accounts() {
        return Err(error("permdenied-createaccount"));
    }
    if let Some(creator) = ctx.user()
        && ctx
            .store
            .active_block(creator.id, ctx.now)
            .is_some_and(|b| b.nocreate)
    {
        return Err(error("blocked"));
    }
    if ctx.config.dnsbl_listed.contains(&ctx.req.ip_name()) {
        return Err(error("sorbs_create_account_reason"));
    }
    // The authentication plugin's domains.
    if !domain.is_empty() && domain != "mwcheck" && domain != READONLY_DOMAIN {
        return Err(error("wrongpassword"));
    }
    let Some(name) = username::canonical(&name)
        .filter(|n| username::is_valid(n) && username::is_usable(n) && username::is_creatable(n))
    else {
        return Err(error("noname"));
    };
    if ctx.store.by_name(&name).is_some() {
        return Err(error("userexists"));
    }
    // With mailpassword the password parameter is ignored (no checks) and a random one is mailed.
    let password = if mailpassword {
        random_password()
    } else {
        if password.is_empty() {
            return Err(error("passwordtooshort"));
        }
        if password.to_lowercase() == name.to_lowercase() {
            return Err(error("password-name-match"));
        }
        if password == "ExamplePassword"
            || forbidden_default_login(name.as_bytes(), password.as_bytes())
        {
            return Err(error("password-login-forbidden"));
        }
        password
    };
    if ctx.config.email_confirm_to_edit && email.is_empty() {
        return Err(error("noemailtitle"));
    }
    if !email.is_empty() && !valid_email(&email) {
        return Err(error("invalidemailaddress"));
    }
    // The extension hook (AbortNewAccount): it aborts some names and warns about others.
    if name.starts_with("Aborted") {
        return Err(error("aborted"));
    }
    let mut warnings = Vec::new();
    if name.starts_with("Warned") {
        warnings.push(status_warning(HOOK_WARNING, vec![Val::from(&name)]));
    }
    if let Some(full) = creation_throttle_window(ctx) {
        return Err(error_with(
            "acct_creation_throttle_hit",
            &[full.count.to_string()],
        ));
    }
    // The plugin's addUser.
    if domain == READONLY_DOMAIN {
        return Err(error("externaldberror"));
    }
    // 1.21 took no lock on the name: the password is hashed (here with the wiki unlocked), and a
    // concurrent creation that stored the name meanwhile makes User::addToDatabase's INSERT
    // IGNORE add nothing, which is `userexists`.
    let hash = ctx.hash_password(&password);
    let inserted = ctx.store.insert(Account {
        password_hash: if mailpassword {
            String::new()
        } else {
            hash.clone()
        },
        email: email.clone(),
        realname,
        temp_password_hash: mailpassword.then(|| hash.clone()),
        temp_password_time: mailpassword.then_some(ctx.now),
        ..Account::new(name.clone(), ctx.now)
    });
    let Some(id) = inserted else {
        return Err(error("userexists"));
    };
    // The `newusers` log entry: a recent change by a registered user, not counted as activity.
    ctx.store.active_users.record_uncounted_change();
    ctx.mark_db_write();
    // The token is spent: a success carries the next one.
    let next = random_hex32();
    ctx.session.data.legacy_create_token = Some(next.clone());
    if mailpassword {
        // LoginForm::mailPasswordInternal, after the account was made.
        if email.is_empty() {
            return Err(error("noemail"));
        }
        mail_new_account_password(ctx, &name, &email, &password);
    }
    let mut result = Val::map()
        .with("token", next)
        .with("userid", id)
        .with("username", name);
    if warnings.is_empty() {
        result.set("result", "success");
    } else {
        result.set("result", "warning");
        result.set("warnings", Val::tagged("warning", warnings));
    }
    Ok(vec![(MODULE.to_string(), result)])
}
