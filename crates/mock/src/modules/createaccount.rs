//! action=createaccount (ApiAMCreateAccount): token and return-URL checks, `userlogin-cannot-create`
//! when no primary provider creates accounts, then AuthManager's beginAccountCreation as a stock
//! 1.39 wiki runs it (username, userexists, user data, the account creation throttle, the
//! TemporaryPassword and LocalPassword providers with the password policy), the PASS that stores
//! the account (with its password expiry) without logging in, and the mail of `mailpassword`.
//! The password is hashed with the wiki unlocked and the name held (`wiki_state`): a concurrent
//! creation of the same name waits, then is `userexists` (`usernameinprogress` after 6 seconds).

use super::super::Mail;
use super::super::account_creation::{creation_throttle_window, mail_new_account_password};
use super::super::auth_flow::{FlowParams, read_flow_params};
use super::super::authmanager::{
    AuthRequest, AuthResponse, RequestKind, combine_messages, format_response, load_requests,
};
use super::super::context::{Ctx, ModuleInfo};
use super::super::email::valid_email;
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param, json_params};
use super::super::secrets::random_password;
use super::super::session::random_hex32;
use super::super::store::{Account, human_date};
use super::super::tokens::TokenType;
use super::super::username::Rigor;

const INFO: ModuleInfo = ModuleInfo {
    name: "createaccount",
    must_be_posted: true,
    is_write: true,
    token: Some(("createtoken", TokenType::CreateAccount)),
};

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let FlowParams {
        wanted,
        format,
        merge,
        is_continue,
    } = read_flow_params(ctx, &INFO, "create")?;

    let response = if !ctx.config.can_create_accounts() {
        // ApiAMCreateAccount asks AuthManager::canCreateAccounts before loading any request, so
        // no field parameter is used; the message key does not exist and shows as ⧼key⧽.
        AuthResponse::Fail {
            msg: Msg::new("userlogin-cannot-create"),
        }
    } else if is_continue && let Some(creation) = ctx.session.data.openid_creation.clone() {
        let reqs = super::super::openid_provider::pending_requests(&creation);
        let (_, sub) = load_requests(INFO.name, ctx.req, &reqs, wanted.as_deref())?;
        super::super::openid_provider::continue_creation(ctx, creation, &sub)
    } else if is_continue {
        // create-continue offers no requests, so no fields are read.
        let _ = load_requests(INFO.name, ctx.req, &[], wanted.as_deref())?;
        AuthResponse::Fail {
            msg: Msg::new("authmanager-create-not-in-progress"),
        }
    } else {
        let creator = ctx.user().map(|a| a.name.clone());
        let mut reqs = AuthRequest::for_action("create", creator.as_deref(), ctx.config);
        super::super::captcha::offer(ctx, "create", &mut reqs);
        let (_, sub) = load_requests(INFO.name, ctx.req, &reqs, wanted.as_deref())?;
        ctx.session.persist();
        begin_creation(ctx, &sub)
    };
    let v = format_response(&response, merge, format, &ctx.interface_voice());
    Ok(vec![("createaccount".to_string(), v)])
}

fn fail(key: &str) -> AuthResponse {
    AuthResponse::Fail { msg: Msg::new(key) }
}

fn begin_creation(ctx: &mut Ctx, sub: &super::super::authmanager::Submission) -> AuthResponse {
    // A temporary account registering a full one does so as an anonymous user.
    super::super::temp_users::creator_leaves_temporary_account(ctx);
    // AuthManager::checkAccountCreatePermissions comes before any look at the submitted data.
    if !ctx.may_create_accounts() {
        return AuthResponse::Fail {
            msg: ctx.create_account_refused(),
        };
    }
    // A block on the creator that disables account creation (PermissionManager's block check).
    if let Some(creator) = ctx.user()
        && let Some(block) = ctx.store.active_block(creator.id, ctx.now)
        && block.nocreate
    {
        return AuthResponse::Fail {
            msg: super::super::blocks::blocked_text(block, &ctx.req.ip_name()),
        };
    }
    // AuthManager::authorizeInternal: the creator's IP listed by the DNS blacklist.
    if ctx.config.dnsbl_listed.contains(&ctx.req.ip_name()) {
        return fail("sorbs_create_account_reason");
    }
    let Some(raw_name) = sub.username.clone() else {
        return fail("noname");
    };
    let names = ctx.config.user_name_rules();
    let Some(name) = names.canonical_with(&raw_name, Rigor::Valid) else {
        return fail("noname");
    };
    // beginAccountCreation wants a creatable name before anything else (a reserved name that
    // exists, like the installer's system user, is `noname`, not `userexists`).
    if !names.is_creatable_name(&name) {
        return fail("noname");
    }
    // AuthManager's lock on the name: wait for a concurrent creation of it to end.
    if !ctx.store.await_creation_of(&name) {
        return fail("usernameinprogress");
    }
    if ctx.store.by_name(&name).is_some() {
        return fail("userexists");
    }
    // UserDataAuthenticationRequest::populateUser
    let mut email = String::new();
    let mut realname = String::new();
    if sub.has(RequestKind::UserData) {
        if let Some(e) = sub.email.as_deref().filter(|e| !e.is_empty()) {
            if !valid_email(e) {
                return fail("invalidemailaddress");
            }
            email = e.to_string();
        }
        realname = sub.realname.clone().unwrap_or_default();
    }
    // Pre-creation tests, ThrottlePreAuthenticationProvider (pre-auth, sort 0) first, then
    // ConfirmEdit's captcha.
    if let Some(msg) = creation_throttle(ctx) {
        return AuthResponse::Fail { msg };
    }
    if let Some(msg) = super::super::captcha::test_for_account_creation(ctx, sub) {
        return AuthResponse::Fail { msg };
    }
    let policy = ctx.config.active_password_policy();
    let voice = ctx.voice();
    let policy_failure = |password: &str| -> Option<Msg> {
        let failures = policy.check(&name, password, &[]);
        let msgs = failures
            .into_iter()
            .map(|f| Msg {
                key: f.key.to_string(),
                params: json_params(&f.params),
            })
            .collect();
        combine_messages(msgs, &voice)
    };
    // Then the primaries' tests: TemporaryPassword (sort 0), then LocalPassword (sort 100).
    let temp_password = if sub.has(RequestKind::TemporaryPassword) {
        Some(random_password())
    } else {
        None
    };
    if let Some(temp) = &temp_password {
        if sub.mailpassword && email.is_empty() {
            return fail("noemailcreate");
        }
        if let Some(msg) = policy_failure(temp) {
            return AuthResponse::Fail { msg };
        }
    }
    let with_password = sub.has(RequestKind::Password);
    if with_password {
        let password = sub.password.clone().unwrap_or_default();
        if Some(&password) != sub.retype.as_ref() {
            return fail("badretype");
        }
        if let Some(msg) = policy_failure(&password) {
            return AuthResponse::Fail { msg };
        }
    }
    // The `openid-connect` provider, when its button was pressed, sends the browser off.
    if sub.has(RequestKind::OpenIdConnect) {
        let return_url = ctx.req.raw("createreturnurl").unwrap_or("").to_owned();
        return super::super::openid_provider::begin(ctx, &name, &email, &realname, &return_url);
    }
    // Primary providers in order: TemporaryPassword, LocalPassword.
    let (password, mail_password) = match (&temp_password, with_password) {
        (Some(temp), _) => (temp.clone(), Some(temp.clone())),
        (None, true) => (sub.password.clone().unwrap_or_default(), None),
        (None, false) => return fail("authmanager-create-no-primary"),
    };
    // The hash is made with the wiki unlocked but the name held, so no other creation of it can
    // come between the checks above and the insert below.
    let hasher = ctx.password_hasher();
    let password_hash = ctx.store.while_creating(&name, || hasher.hash(&password));
    let inserted = ctx.store.insert(Account {
        password_hash: if mail_password.is_some() {
            String::new()
        } else {
            password_hash.clone()
        },
        email: email.clone(),
        realname,
        temp_password_hash: mail_password.as_ref().map(|_| password_hash.clone()),
        temp_password_time: mail_password.as_ref().map(|_| ctx.now),
        // LocalPassword's finishAccountCreation sets the password and its expiry.
        password_expires: if mail_password.is_some() {
            None
        } else {
            ctx.config.new_password_expiry(ctx.now)
        },
        ..Account::new(name.clone(), ctx.now)
    });
    if inserted.is_none() {
        return fail("userexists");
    }
    // The `newusers` log entry: a recent change by a registered user, not counted as activity.
    ctx.store.active_users.record_uncounted_change();
    if let Some(temp) = mail_password
        && sub.mailpassword
    {
        mail_new_account_password(ctx, &name, &email, &temp);
    }
    // User::sendConfirmationMail from AuthManager's autoCreate/createAccount path (not when the
    // temporary password is mailed instead).
    if ctx.config.email_authentication && !email.is_empty() && !sub.mailpassword {
        send_confirmation_mail(ctx, &name, &email);
    }
    ctx.mark_db_write();
    AuthResponse::Pass { username: name }
}

/// ThrottlePreAuthenticationProvider::testForAccountCreation: unless the creator has
/// `noratelimit`, counts the attempt by IP and gives `acct_creation_throttle_hit` (the window's
/// count and length) once the window is full. Every attempt that gets this far is counted, failing
/// ones included.
fn creation_throttle(ctx: &mut Ctx) -> Option<Msg> {
    let full = creation_throttle_window(ctx)?;
    Some(Msg::with(
        "acct_creation_throttle_hit",
        vec![
            Param::Num(i64::from(full.count)),
            Param::Duration(full.seconds),
        ],
    ))
}

/// $wgUserEmailConfirmationTokenExpiry: 7 days.
const CONFIRMATION_TOKEN_EXPIRY: u64 = 7 * 86_400;

/// The `confirmemail_subject` / `confirmemail_body` mail with the ConfirmEmail and
/// InvalidateEmail links for a fresh 32-hex confirmation code.
fn send_confirmation_mail(ctx: &mut Ctx, name: &str, email: &str) {
    let code = random_hex32();
    let link = |page: &str| format!("{}/index.php/Special:{page}/{code}", ctx.server);
    let body = Msg::with(
        "confirmemail_body",
        vec![
            Param::Text(ctx.req.ip_name()),
            Param::Text(name.to_string()),
            Param::Text(link("ConfirmEmail")),
            Param::Text(human_date(ctx.now + CONFIRMATION_TOKEN_EXPIRY)),
            Param::Text(link("InvalidateEmail")),
        ],
    )
    .text(&ctx.voice());
    let subject = Msg::new("confirmemail_subject").text(&ctx.voice());
    ctx.store.send_mail(Mail {
        to: vec![format!("\"{name}\" <{email}>")],
        subject,
        body,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmation_expiry_format() {
        // 2026-11-30T05:55:00Z
        assert_eq!(human_date(1_796_018_100), "05:55, 30 November 2026");
        assert_eq!(human_date(0), "00:00, 1 January 1970");
    }

    #[test]
    fn emails() {
        assert!(valid_email("a.b+c@example.org"));
        assert!(valid_email("x@localhost"));
        assert!(!valid_email("not-an-email"));
        assert!(!valid_email("a@b..c"));
        assert!(!valid_email("@b.c"));
        assert!(!valid_email("a b@c.d"));
    }
}
