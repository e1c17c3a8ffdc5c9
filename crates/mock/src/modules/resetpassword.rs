//! action=resetpassword: PasswordReset::isAllowed's refusals (routes, no provider for temporary
//! passwords, email, rights, blocks), the username and email routes, identical success for every
//! privacy case, the 24 h resend throttle, one mail per matching account with a 10-character
//! temporary password (stored hashed), `passwordreset-nodata`.

use super::super::email::{main_page_url, valid_email};
use super::super::secrets::random_password;

use super::super::Mail;
use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::store::Account;
use super::super::tokens::TokenType;
use super::super::username::{Rigor, UserParam};

const INFO: ModuleInfo = ModuleInfo {
    name: "resetpassword",
    must_be_posted: true,
    is_write: true,
    token: Some(("token", TokenType::Csrf)),
};

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    // ApiResetPassword's constructor-time check: with no route enabled the module is disabled
    // before its parameters are read; the message key does not exist, so it shows as ⧼key⧽.
    if !ctx.config.password_reset_routes {
        return Err(ApiError::new(
            INFO.name,
            "moduledisabled",
            Msg::new("apihelp-resetpassword-description-noroutes"),
        ));
    }
    let user = match ctx.req.get("user") {
        None => None,
        Some(raw) => match ctx.config.user_name_rules().parse_user_param(raw, false) {
            Ok(UserParam::Name(n)) => Some(n),
            Ok(UserParam::Id(_)) | Err(()) => {
                return Err(ApiError::bad_user(INFO.name, "user", raw));
            }
        },
    };
    let mut email = ctx.req.get("email").map(str::to_string);
    // The documented profile follows the help's example `user=user@example.com`, "for all
    // users with email address user@example.com": there a `user` that is an address is one.
    let mut user = user;
    if ctx.config.documented_profile
        && email.is_none()
        && let Some(address) = ctx.req.get("user").filter(|u| valid_email(u))
    {
        email = Some(address.to_string());
        user = None;
    }
    ctx.pre_execute(&INFO)?;
    if ctx.config.documented_profile
        && let Some(err) = super::super::profile_documented::resetpassword_parameters(
            user.as_deref(),
            email.as_deref(),
        )
    {
        return Err(err);
    }
    // PasswordReset::isAllowed, in its order.
    let refusal = if !ctx.config.password_reset_route_strictly_true {
        Some("passwordreset-disabled")
    } else if !ctx.config.temporary_password_provider {
        // AuthManager::allowsAuthenticationDataChange: no provider takes a temporary password,
        // so the change is "not supported", a warning that makes the status not good.
        return Err(ApiError::new(
            INFO.name,
            "resetpass_forbidden-reason",
            Msg::with(
                "resetpass_forbidden-reason",
                vec![Param::Message(Box::new(Msg::new(
                    "authmanager-change-not-supported",
                )))],
            ),
        ));
    } else if !ctx.config.enable_email {
        Some("passwordreset-emaildisabled")
    } else if !ctx.config.edit_my_private_info || !ctx.session_allows("editmyprivateinfo") {
        Some("badaccess")
    } else {
        None
    };
    if let Some(key) = refusal {
        return Err(ApiError::new(INFO.name, key, Msg::new(key)));
    }
    // PasswordReset::isAllowed: a block that disables account creation forbids resets.
    if let Some(performer) = ctx.user()
        && ctx
            .store
            .active_block(performer.id, ctx.now)
            .is_some_and(|b| b.nocreate)
    {
        return Err(ApiError::new(
            INFO.name,
            "blocked-mailpassword",
            Msg::new("blocked-mailpassword"),
        ));
    }

    // PasswordReset::execute tests the values for PHP truthiness: "" and "0" supply nothing.
    let targets: Vec<u64> = if let Some(name) = user.filter(|u| php_truthy(u)) {
        let canonical = ctx
            .config
            .user_name_rules()
            .canonical_with(&name, Rigor::Valid);
        canonical
            .and_then(|n| ctx.store.by_name(&n).map(|a| a.id))
            .into_iter()
            .collect()
    } else if let Some(email) = email.filter(|e| php_truthy(e)) {
        if valid_email(&email) {
            ctx.store.by_email(&email).iter().map(|a| a.id).collect()
        } else {
            Vec::new()
        }
    } else {
        return Err(ApiError::new(
            INFO.name,
            "passwordreset-nodata",
            Msg::new("passwordreset-nodata"),
        ));
    };

    let performer = ctx.user().map(|a| a.name.clone());
    let ip = ctx.req.ip_name();
    // Each account that gets a mail gets a fresh temporary password. They are hashed with the
    // wiki unlocked; a reset that ran meanwhile may have sent one, so the resend throttle is
    // checked again before the hash is stored.
    let chosen: Vec<(u64, String)> = targets
        .into_iter()
        .filter(|id| ctx.store.by_id(*id).is_some_and(|a| may_send(ctx, a)))
        .map(|id| (id, random_password()))
        .collect();
    let hasher = ctx.password_hasher();
    let hashed: Vec<(u64, String, String)> = ctx.store.without_lock(|| {
        chosen
            .into_iter()
            .map(|(id, temp)| {
                let hash = hasher.hash(&temp);
                (id, temp, hash)
            })
            .collect()
    });
    for (id, temp, hash) in hashed {
        let Some(account) = ctx.store.by_id(id).cloned() else {
            continue;
        };
        if !may_send(ctx, &account) {
            continue;
        }
        if let Some(a) = ctx.store.by_id_mut(id) {
            a.temp_password_hash = Some(hash);
            a.temp_password_time = Some(ctx.now);
        }
        let voice = ctx.voice();
        let element = Msg::with(
            "passwordreset-emailelement",
            vec![Param::Text(account.name.clone()), Param::Text(temp)],
        )
        .text(&voice);
        let (key, first) = match &performer {
            Some(p) => ("passwordreset-emailtext-user", p.clone()),
            None => ("passwordreset-emailtext-ip", ip.clone()),
        };
        let body = Msg::with(
            key,
            vec![
                Param::Text(first),
                Param::Text(element),
                Param::Num(1),
                Param::Text(format!("<{}>", main_page_url(ctx.server))),
                Param::Num((ctx.config.new_password_expiry / 86_400) as i64),
            ],
        )
        .text(&voice);
        let subject = Msg::new("passwordreset-emailtitle").text(&voice);
        ctx.store.send_mail(Mail {
            to: vec![format!("\"{}\" <{}>", account.name, account.email)],
            subject,
            body,
        });
    }
    Ok(vec![(
        "resetpassword".to_string(),
        Val::map().with("status", "success"),
    )])
}

/// Whether a reset mails `account`: it has an email, and no temporary password was sent within
/// $wgPasswordReminderResendTime.
fn may_send(ctx: &Ctx, account: &Account) -> bool {
    !account.email.is_empty()
        && account
            .temp_password_time
            .is_none_or(|sent| sent + ctx.config.password_reminder_resend_time <= ctx.now)
}

/// Whether PHP takes a string as true: anything but "" and "0".
fn php_truthy(value: &str) -> bool {
    !value.is_empty() && value != "0"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Voice;

    #[test]
    fn temporary_passwords_are_ten_base32_chars() {
        let p = random_password();
        assert_eq!(p.len(), 10);
        assert!(
            p.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(&b))
        );
    }

    #[test]
    fn reset_mail_body_matches_the_catalog() {
        let element = Msg::with(
            "passwordreset-emailelement",
            vec![
                Param::Text("Cat2ae151af".into()),
                Param::Text("46ee12et2h".into()),
            ],
        )
        .text(&Voice::english("TestWiki"));
        let body = Msg::with(
            "passwordreset-emailtext-ip",
            vec![
                Param::Text("127.0.0.1".into()),
                Param::Text(element),
                Param::Num(1),
                Param::Text("<http://127.0.0.1:8080/index.php/Main_Page>".into()),
                Param::Num(7),
            ],
        )
        .text(&Voice::english("TestWiki"));
        assert_eq!(
            body,
            "Someone (probably you, from IP address 127.0.0.1) requested a reset of your\npassword for TestWiki (<http://127.0.0.1:8080/index.php/Main_Page>). The following user account is\nassociated with this email address:\n\nUsername:\nCat2ae151af\n\nTemporary password:\n46ee12et2h\n\nThis temporary password will expire in 7 days.\nYou should log in and choose a new password now. If someone else made this\nrequest, or if you have remembered your original password, and you no longer\nwish to change it, you may ignore this message and continue using your old\npassword."
        );
    }
}
