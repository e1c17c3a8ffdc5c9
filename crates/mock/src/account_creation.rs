//! What both account-creation modules (createaccount, and the legacy 1.21 profile's) share: the
//! creation throttle by IP ($wgAccountCreationThrottle), and the mail with a new account's
//! password (`mailpassword`).

use super::Mail;
use super::config::Window;
use super::context::Ctx;
use super::email::main_page_url;
use super::messages::{Msg, Param};

/// The creation throttle ($wgAccountCreationThrottle, by IP): the full window when this attempt
/// is refused, else None after counting it. A creator with `noratelimit` is neither counted nor
/// refused.
pub fn creation_throttle_window(ctx: &mut Ctx) -> Option<Window> {
    if ctx.user_has_right("noratelimit") {
        return None;
    }
    let ip = ctx.req.ip_name();
    let windows = ctx.config.account_creation_throttle.clone();
    ctx.store
        .account_creations
        .increase(&windows, None, &ip, ctx.now)
}

/// The `createaccount-text` mail with a new account's password (`mailpassword`).
pub fn mail_new_account_password(ctx: &mut Ctx, name: &str, email: &str, password: &str) {
    let body = Msg::with(
        "createaccount-text",
        vec![
            Param::Text(ctx.user_name()),
            Param::Text(name.to_string()),
            Param::Text(password.to_string()),
            Param::Text(format!("<{}>", main_page_url(ctx.server))),
            Param::Num((ctx.config.new_password_expiry / 86_400) as i64),
        ],
    )
    .text(&ctx.voice());
    let subject = Msg::new("createaccount-title").text(&ctx.voice());
    ctx.store.send_mail(Mail {
        to: vec![format!("\"{name}\" <{email}>")],
        subject,
        body,
    });
}
