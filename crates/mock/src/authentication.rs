//! The authentication AuthManager performs for clientlogin and action=login: the
//! TemporaryPassword and LocalPassword providers (no user enumeration), the password policy at
//! login (fatal -> FAIL, soft/hard reset UI), expired passwords ($wgPasswordExpirationDays /
//! $wgPasswordExpireGrace), the password-change UI continued with `logincontinue`, and what a
//! successful login does to the session and cookies. Extensions hook in here: ConfirmEdit's login
//! captcha (`captcha`) and OATHAuth's TOTP step (`oath`), which comes before the password-change
//! step.

use super::authmanager::{AuthResponse, LoginFlow, Submission, combine_messages, load_requests};
use super::captcha;
use super::context::Ctx;
use super::errors::ApiError;
use super::login_steps::reset_requests;
use super::messages::json_params;
use super::messages::{Msg, Param};
use super::oath;
use super::rights::effective_groups;
use super::store::Account;
use super::username::Rigor;

/// The module whose parameters a login's later steps read (only clientlogin continues a login;
/// action=login has one step).
const CONTINUING_MODULE: &str = "clientlogin";

/// $wgExtendedLoginCookieExpiration and $wgCookieExpiration.
const REMEMBER_SECONDS: u64 = 180 * 86_400;
const COOKIE_SECONDS: u64 = 30 * 86_400;

/// Keeps the login pending in the session and answers the password-change UI step: `hard` for a
/// temporary password or a forced change (no skip button), soft otherwise.
fn begin_password_reset(
    ctx: &mut Ctx,
    account: Account,
    remember_me: bool,
    hard: bool,
    msg: Msg,
) -> AuthResponse {
    let totp = oath::secret_for(ctx, &account).is_some();
    ctx.session.data.login_flow = Some(LoginFlow {
        user_id: account.id,
        remember_me,
        totp,
        reset: true,
        hard,
        msg: msg.clone(),
    });
    if totp {
        return oath::begin(&account);
    }
    AuthResponse::Ui {
        requests: reset_requests(&account.name, hard),
        msg,
    }
}

fn policy_messages(
    ctx: &Ctx,
    name: &str,
    password: &str,
    groups: &[String],
) -> (Vec<Msg>, bool, bool, bool) {
    let group_refs: Vec<&str> = groups.iter().map(String::as_str).collect();
    let failures = ctx
        .config
        .active_password_policy()
        .check(name, password, &group_refs);
    let fatal = failures.iter().any(|f| f.fatal);
    let suggest = failures.iter().any(|f| f.suggest_change_on_login);
    let force = failures.iter().any(|f| f.force_change);
    let msgs = failures
        .iter()
        .map(|f| Msg {
            key: f.key.to_string(),
            params: json_params(&f.params),
        })
        .collect();
    (msgs, fatal, suggest, force)
}

/// The FAIL of a password that fails a fatal policy at login: the policy's message, or where the
/// release wraps it (`getFatalPasswordErrorResponse`), `fatalpassworderror` with the message's
/// text and the wiki's Special:PasswordReset URL for the user.
fn fatal_password_failure(ctx: &Ctx, name: &str, msg: Msg) -> AuthResponse {
    if !ctx.release().fatal_password_error_at_login {
        return AuthResponse::Fail { msg };
    }
    let user = percent_encoding::utf8_percent_encode(name, URLENCODE)
        .to_string()
        .replace("%20", "+");
    let reset_url = format!(
        "{}/index.php?title=Special:PasswordReset&wpUsername={user}",
        ctx.server
    );
    AuthResponse::Fail {
        msg: Msg::with(
            "fatalpassworderror",
            vec![Param::Message(Box::new(msg)), Param::Text(reset_url)],
        ),
    }
}

/// ThrottlePreAuthenticationProvider::testForAuthentication: counts the attempt by user name and
/// IP (by IP alone when no password request was loaded; not at all for an unusable name) and
/// gives `login-throttled` once a window is full.
fn throttle(ctx: &mut Ctx, sub: &Submission) -> Option<Msg> {
    let user = match (&sub.username, &sub.password) {
        (Some(raw_name), Some(_)) => Some(
            ctx.config
                .user_name_rules()
                .canonical_with(raw_name, Rigor::Usable)?,
        ),
        _ => None,
    };
    let ip = ctx.req.ip_name();
    let windows = ctx.config.password_attempt_throttle.clone();
    let full = ctx
        .store
        .password_attempts
        .increase(&windows, user.as_deref(), &ip, ctx.now)?;
    Some(Msg::with(
        "login-throttled",
        vec![Param::Duration(full.seconds)],
    ))
}

/// beginAuthentication with a loaded Password request (rememberMe from the submission); a FAIL
/// counts as a bad login for ConfirmEdit (postAuthentication).
pub fn authenticate(ctx: &mut Ctx, sub: &Submission) -> AuthResponse {
    let response = authenticate_with_password(ctx, sub);
    if let AuthResponse::Fail { .. } = response {
        captcha::count_failed_login(ctx, sub.username.as_deref());
    }
    response
}

fn authenticate_with_password(ctx: &mut Ctx, sub: &Submission) -> AuthResponse {
    let wrong = || AuthResponse::Fail {
        msg: Msg::new("wrongpassword"),
    };
    if let Some(msg) = throttle(ctx, sub) {
        return AuthResponse::Fail { msg };
    }
    if let Some(msg) = captcha::test_for_authentication(ctx, sub) {
        return AuthResponse::Fail { msg };
    }
    let (Some(raw_name), Some(password)) = (sub.username.clone(), sub.password.clone()) else {
        return AuthResponse::Fail {
            msg: Msg::new("authmanager-authn-no-primary"),
        };
    };
    let usable = ctx
        .config
        .user_name_rules()
        .canonical_with(&raw_name, Rigor::Usable);
    let Some(name) = usable else {
        return AuthResponse::Fail {
            msg: Msg::new("authmanager-authn-no-primary"),
        };
    };
    let Some(account) = ctx.store.by_name(&name).cloned() else {
        return wrong();
    };
    if password.len() > 4096 {
        let msg = Msg::with("passwordtoolong", vec![Param::Num(4096)]);
        return fatal_password_failure(ctx, &account.name, msg);
    }
    // TemporaryPassword provider first (non-authoritative), then LocalPassword. The hashes are
    // checked with the wiki unlocked, against the account as read above (as MediaWiki checks the
    // row it loaded).
    let temp_fresh = account
        .temp_password_time
        .is_some_and(|t| t + ctx.config.new_password_expiry > ctx.now);
    let temp_ok = ctx.config.temporary_password_provider
        && temp_fresh
        && account
            .temp_password_hash
            .as_deref()
            .is_some_and(|h| ctx.verify_password(h, &password));
    if temp_ok {
        if let Some(msg) = check_blocks(ctx, &account) {
            return AuthResponse::Fail { msg };
        }
        let msg = Msg::new("resetpass-temp-emailed");
        return begin_password_reset(ctx, account, sub.remember_me, true, msg);
    }
    if account.password_hash.is_empty() || !ctx.verify_password(&account.password_hash, &password) {
        return wrong();
    }
    let groups = effective_groups(&account.groups, true);
    let (msgs, fatal, suggest, force) = policy_messages(ctx, &account.name, &password, &groups);
    let combined = combine_messages(msgs, &ctx.voice());
    if fatal && let Some(msg) = combined.clone() {
        return fatal_password_failure(ctx, &account.name, msg);
    }
    if let Some(msg) = check_blocks(ctx, &account) {
        return AuthResponse::Fail { msg };
    }
    // LocalPassword's getPasswordResetData: an expired password wins over a policy failure.
    if let Some((hard, msg)) = expiry_reset(ctx, &account) {
        return begin_password_reset(ctx, account, sub.remember_me, hard, msg);
    }
    if !fatal
        && (suggest || force)
        && let Some(inner) = combined
    {
        let key = if force {
            "resetpass-validity"
        } else {
            "resetpass-validity-soft"
        };
        let msg = Msg::with(key, vec![Param::Text(inner.text(&ctx.voice()))]);
        return begin_password_reset(ctx, account, sub.remember_me, force, msg);
    }
    if oath::secret_for(ctx, &account).is_some() {
        ctx.session.data.login_flow = Some(LoginFlow {
            user_id: account.id,
            remember_me: sub.remember_me,
            totp: true,
            reset: false,
            hard: false,
            msg: Msg::new("oathauth-auth-ui"),
        });
        return oath::begin(&account);
    }
    log_in(ctx, account.id, sub.remember_me);
    AuthResponse::Pass {
        username: account.name,
    }
}

/// The `logincontinue` of the TOTP step: the step again until a code passes, then the
/// password-change step if one is pending, else the login.
fn continue_totp(
    ctx: &mut Ctx,
    flow: LoginFlow,
    account: Account,
    wanted: Option<&[String]>,
) -> Result<AuthResponse, ApiError> {
    let reqs = vec![oath::totp_request(&account.name)];
    let (_, sub) = load_requests(CONTINUING_MODULE, ctx.req, &reqs, wanted)?;
    if let Some(step) = oath::continue_step(ctx, &account, &sub) {
        return Ok(step);
    }
    if flow.reset {
        let requests = reset_requests(&account.name, flow.hard);
        let msg = flow.msg.clone();
        ctx.session.data.login_flow = Some(LoginFlow {
            totp: false,
            ..flow
        });
        return Ok(AuthResponse::Ui { requests, msg });
    }
    ctx.session.data.login_flow = None;
    log_in(ctx, account.id, flow.remember_me);
    Ok(AuthResponse::Pass {
        username: account.name,
    })
}

/// The `logincontinue` of a TOTP or password-reset step.
/// CheckBlocksSecondaryAuthenticationProvider, the first secondary provider: with
/// $wgBlockDisablesLogin a blocked account's login fails once its password was accepted.
fn check_blocks(ctx: &Ctx, account: &Account) -> Option<Msg> {
    let blocked = ctx.store.active_block(account.id, ctx.now).is_some();
    (ctx.config.block_disables_login && blocked)
        .then(|| Msg::with("login-userblocked", vec![Param::Text(account.name.clone())]))
}

/// The reset an expired password asks for: hard (`resetpass-expired`) once the grace period
/// ($wgPasswordExpireGrace) is over, soft (`resetpass-expired-soft`, skippable) within it; None
/// while the password has not expired.
fn expiry_reset(ctx: &Ctx, account: &Account) -> Option<(bool, Msg)> {
    let expires = account.password_expires.filter(|&e| e < ctx.now)?;
    if expires.saturating_add(ctx.config.password_expire_grace) < ctx.now {
        Some((true, Msg::new("resetpass-expired")))
    } else {
        Some((false, Msg::new("resetpass-expired-soft")))
    }
}

/// The `logincontinue` of a password-reset step.
pub fn continue_flow(
    ctx: &mut Ctx,
    flow: LoginFlow,
    wanted: Option<&[String]>,
) -> Result<AuthResponse, ApiError> {
    let Some(account) = ctx.store.by_id(flow.user_id).cloned() else {
        ctx.session.data.login_flow = None;
        return Ok(AuthResponse::Fail {
            msg: Msg::new("authmanager-authn-not-in-progress"),
        });
    };
    if flow.totp {
        return continue_totp(ctx, flow, account, wanted);
    }
    let reqs = reset_requests(&account.name, flow.hard);
    let (_, sub) = load_requests(CONTINUING_MODULE, ctx.req, &reqs, wanted)?;
    let ui = |msg: Msg| AuthResponse::Ui {
        requests: reqs.clone(),
        msg,
    };
    if !flow.hard && sub.skip_reset {
        ctx.session.data.login_flow = None;
        log_in(ctx, account.id, flow.remember_me);
        return Ok(AuthResponse::Pass {
            username: account.name,
        });
    }
    let (Some(password), Some(retype)) = (sub.password.clone(), sub.retype.clone()) else {
        return Ok(ui(flow.msg.clone()));
    };
    if password != retype {
        return Ok(ui(Msg::new("badretype")));
    }
    // AuthManager::allowsAuthenticationDataChange: a login-only LocalPassword ignores the new
    // password, and with no provider taking it the change is refused.
    if ctx.config.local_password_login_only {
        return Ok(ui(Msg::new("authmanager-change-not-supported")));
    }
    let groups = effective_groups(&account.groups, true);
    let (msgs, _, _, _) = policy_messages(ctx, &account.name, &password, &groups);
    if let Some(msg) = combine_messages(msgs, &ctx.voice()) {
        return Ok(ui(msg));
    }
    let hash = ctx.hash_password(&password);
    if let Some(a) = ctx.store.by_id_mut(account.id) {
        a.password_hash = hash;
        a.temp_password_hash = None;
        a.temp_password_time = None;
        a.password_expires = ctx.config.new_password_expiry(ctx.now);
    }
    ctx.session.data.login_flow = None;
    log_in(ctx, account.id, flow.remember_me);
    // ChronologyProtector's cookies come at the end of the request, after the login's own.
    ctx.mark_db_write();
    Ok(AuthResponse::Pass {
        username: account.name,
    })
}

/// A successful login: new session id, fresh token secrets, the user cookies.
pub fn log_in(ctx: &mut Ctx, user_id: u64, remember_me: bool) {
    let Some(account) = ctx.store.by_id(user_id).cloned() else {
        return;
    };
    // ThrottlePreAuthenticationProvider::postAuthentication: a PASS clears the counters.
    let ip = ctx.req.ip_name();
    ctx.store.password_attempts.clear(Some(&account.name), &ip);
    captcha::reset_after_login(ctx, &account.name);
    ctx.session.reset_id();
    ctx.session.reset_all_tokens();
    ctx.session.data.user_id = user_id;
    ctx.session.data.logged_in_at = ctx.now;
    ctx.session.data.login_flow = None;
    let max_age = if remember_me {
        REMEMBER_SECONDS
    } else {
        COOKIE_SECONDS
    };
    let expires = httpdate::fmt_http_date(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(ctx.now + max_age),
    );
    let prefix = ctx.config.cookie_prefix.clone();
    let user_name = percent_encoding::utf8_percent_encode(&account.name, COOKIE_VALUE).to_string();
    let mut cookies = vec![
        format!("{prefix}UserID={user_id}; expires={expires}; Max-Age={max_age}; path=/; HttpOnly"),
        format!(
            "{prefix}UserName={user_name}; expires={expires}; Max-Age={max_age}; path=/; HttpOnly"
        ),
    ];
    if remember_me {
        cookies.push(format!(
            "{prefix}Token={}; expires={expires}; Max-Age={max_age}; path=/; HttpOnly",
            account.token
        ));
    } else if ctx.req.cookie(&format!("{prefix}Token")).is_some() {
        // A remembered session (a temporary account's, say) logging in without remember-me.
        cookies.push(format!(
            "{prefix}Token=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/; HttpOnly"
        ));
    }
    ctx.cookies.extend(cookies);
}

/// PHP's urlencode() (spaces then become `+`).
const URLENCODE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.');

/// PHP's setcookie() urlencodes the value (rawurlencode-like for these names).
const COOKIE_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
