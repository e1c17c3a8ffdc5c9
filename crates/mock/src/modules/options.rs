//! action=options (ApiOptions): a named user changes their own preferences. `reset` (with
//! `resetkinds`) puts options of the given kinds back to their defaults; `change` (`name=value`,
//! a name alone resets it) and `optionname`/`optionvalue` set options, each validated by the
//! preferences form (preferences.rs): a preference of the form against its field, `userjs-*`
//! for its name's length and characters, values past 65,530 bytes refused; what does not pass
//! is left and warned about (`validationfailed`). A name the form shows only as information
//! (`username`) makes MediaWiki throw, and nothing is saved. The account keeps what differs from
//! the defaults (user_options.rs); `meta=userinfo&uiprop=options` shows it.

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param, escape_wikitext};
use super::super::preferences::{Form, Invalid, Kind, RESET_KINDS};
use super::super::temp_users::is_temp_name;
use super::super::tokens::TokenType;
use super::super::user_options::PendingOptions;
use super::ModuleResult;

const INFO: ModuleInfo = ModuleInfo {
    name: "options",
    must_be_posted: true,
    is_write: true,
    token: Some(("token", TokenType::Csrf)),
};

/// `global`'s values (1.43; without GlobalPreferences no option is global, so they change nothing).
const GLOBAL_VALUES: &[&str] = &["ignore", "update", "override"];

/// UserOptionsManager::MAX_BYTES_OPTION_VALUE.
const MAX_VALUE_BYTES: usize = 65530;
/// The longest `userjs-*` name, in bytes.
const MAX_USERJS_NAME_BYTES: usize = 255;

pub fn run(ctx: &mut Ctx) -> ModuleResult {
    // Parameters in getAllowedParams order (ApiMain reads them all to find the token).
    let reset = ctx.req.get("reset").is_some();
    let reset_kinds = ctx
        .multi_enum_param(INFO.name, "resetkinds", RESET_KINDS, false)?
        .unwrap_or_else(|| vec!["all".to_string()]);
    let change = ctx.multi_values(INFO.name, "change")?.unwrap_or_default();
    let option_name = ctx.req.get("optionname").map(str::to_string);
    let option_value = ctx.req.get("optionvalue").map(str::to_string);
    if ctx.release().options_global_param {
        ctx.enum_param(INFO.name, "global", GLOBAL_VALUES)?;
    }
    ctx.pre_execute(&INFO)?;
    // The account is loaded for update (User::getInstanceForUpdate) before anything is checked:
    // the request counts as one that wrote.
    if ctx.user().is_some() {
        ctx.mark_db_write();
    }

    let Some(account) = ctx.user().filter(|a| !is_temp_name(ctx.config, &a.name)) else {
        return Err(ApiError::new(
            INFO.name,
            "notloggedin",
            Msg::with(
                "apierror-mustbeloggedin",
                vec![Param::Message(Box::new(Msg::new("action-editmyoptions")))],
            ),
        ));
    };
    let (user_id, stored) = (account.id, account.options.clone());
    if !ctx.user_has_right("editmyoptions") {
        return Err(ApiError::new(
            INFO.name,
            "permissiondenied",
            Msg::with(
                "apierror-permissiondenied",
                vec![Param::Message(Box::new(Msg::new("action-editmyoptions")))],
            ),
        ));
    }
    if option_value.is_some() && option_name.is_none() {
        return Err(ApiError::new(
            INFO.name,
            "nooptionname",
            Msg::with(
                "apierror-missingparam",
                vec![Param::Text("optionname".into())],
            ),
        ));
    }

    // The changes by name, a later one replacing an earlier one in its place.
    let mut changes: Vec<(String, Option<String>)> = Vec::new();
    let mut put =
        |name: String, value: Option<String>| match changes.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => changes.push((name, value)),
        };
    for entry in change {
        match entry.split_once('=') {
            Some((name, value)) => put(name.to_string(), Some(value.to_string())),
            None => put(entry, None),
        }
    }
    if let Some(name) = option_name {
        put(name, option_value);
    }

    let release = ctx.release();
    let mut pending = PendingOptions::new(release, &stored, ctx.now);
    let mut changed = false;
    let has_right = |right: &str| ctx.user_has_right(right);
    if reset && !reset_kinds.is_empty() {
        let before = Form::of(release, ctx.now, &has_right, &|n| pending.current(n));
        pending.reset(&reset_kinds, |name| before.kind(name));
        changed = true;
    }
    // The form as the user's options are once reset, before the changes.
    let form = Form::of(release, ctx.now, &has_right, &|n| pending.current(n));
    if !changed && changes.is_empty() {
        return Err(ApiError::new(
            INFO.name,
            "nochanges",
            Msg::new("apierror-nochanges"),
        ));
    }

    for (name, value) in changes {
        let mut value = value;
        let verdict = match form.kind(&name) {
            Kind::Registered => match &value {
                None => Ok(()),
                Some(text) => {
                    let current = |n: &str| pending.current(n);
                    form.validate(&name, text, &current)
                }
            },
            Kind::Userjs if name.len() > MAX_USERJS_NAME_BYTES => Err(Invalid::Message(Msg::with(
                "apiwarn-validationfailed-keytoolong",
                vec![Param::NumValue(MAX_USERJS_NAME_BYTES as i64)],
            ))),
            Kind::Userjs
                if !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
            {
                Err(Invalid::Message(Msg::new(
                    "apiwarn-validationfailed-badchars",
                )))
            }
            Kind::Userjs => Ok(()),
            Kind::Special => Err(Invalid::Message(Msg::new(
                "apiwarn-validationfailed-cannotset",
            ))),
            Kind::Unused => Err(Invalid::Message(Msg::new(
                "apiwarn-validationfailed-badpref",
            ))),
        };
        let verdict = match verdict {
            Ok(()) if value.as_ref().is_some_and(|v| v.len() > MAX_VALUE_BYTES) => {
                Err(Invalid::Message(Msg::with(
                    "apiwarn-validationfailed-valuetoolong",
                    vec![Param::NumValue(MAX_VALUE_BYTES as i64)],
                )))
            }
            other => other,
        };
        let problem = match verdict {
            Ok(()) => {
                pending.set(&name, value.take());
                changed = true;
                continue;
            }
            Err(Invalid::NoField) => {
                return Err(ApiError::caught_exception(
                    "DomainException",
                    &random_request_id(),
                ));
            }
            Err(Invalid::Message(msg)) => Param::Message(Box::new(msg)),
            Err(Invalid::Text(msg)) => Param::Text(html_escape(&msg.text(&ctx.interface_voice()))),
        };
        let shown_name = escape_wikitext(&name, release.wikitext_escape);
        ctx.warn(
            INFO.name,
            "validationfailed",
            Msg::with(
                "apiwarn-validationfailed",
                vec![Param::Text(shown_name), problem],
            ),
            None,
        );
    }

    if changed && let Some(account) = ctx.store.by_id_mut(user_id) {
        account.options = pending.saved();
    }
    Ok(vec![(INFO.name.to_string(), Val::from("success"))])
}

/// Message::escaped(): the text with `&`, `<`, `>`, `"` and `'` as HTML references.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#039;"),
            _ => out.push(c),
        }
    }
    out
}

/// A request id as WebRequest::getRequestId() makes one (24 hexadecimal digits).
fn random_request_id() -> String {
    let mut bytes = [0u8; 12];
    rand::fill(&mut bytes[..]);
    hex::encode(bytes)
}
