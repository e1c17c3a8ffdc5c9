//! The AuthManager machinery shared by createaccount, clientlogin and authmanagerinfo (the request
//! definitions live in `auth_requests`): loading requests from submitted parameters
//! (AuthenticationRequest::loadFromSubmission), and rendering requests and PASS/FAIL/UI responses
//! with `*messageformat` wikitext/html/raw/none and the `messagecode` mapping.

pub use super::auth_requests::{AuthRequest, Field, FieldType, RequestKind, Required};
use super::errors::{ApiError, raw_params};
pub use super::flows::LoginFlow;
use super::format::Val;
use super::messages::{Msg, Param, RawMessageKey, Voice};
use super::request::ApiRequest;

/// `*messageformat` / `amimessageformat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageFormat {
    Html,
    None,
    Raw,
    Wikitext,
}

impl MessageFormat {
    /// The values in ApiAuthManagerHelper's definition order (paraminfo sorts them).
    pub const VALUES: [&'static str; 4] = ["html", "wikitext", "raw", "none"];

    pub fn parse(value: &str) -> Option<MessageFormat> {
        match value {
            "html" => Some(MessageFormat::Html),
            "none" => Some(MessageFormat::None),
            "raw" => Some(MessageFormat::Raw),
            "wikitext" => Some(MessageFormat::Wikitext),
            _ => None,
        }
    }
}

/// Renders a message for an AuthManager response; None for `none`.
/// AuthManager responses speak the request's interface language (`Ctx::interface_voice`).
pub fn format_message(msg: &Msg, format: MessageFormat, voice: &Voice) -> Option<Val> {
    match format {
        MessageFormat::None => None,
        MessageFormat::Wikitext => Some(Val::Str(msg.text(voice))),
        MessageFormat::Html => Some(Val::Str(msg.html(voice))),
        MessageFormat::Raw => {
            let (key, mut params) = msg.raw_key_and_params(voice);
            // A Message parameter reaches the result as an object, which ApiResult turns into
            // its text.
            for param in &mut params {
                if let Param::Message(inner) = param {
                    *param = Param::Text(inner.text(voice));
                }
            }
            // ApiAuthManagerHelper names the list's XML items on a copy, so they stay `<_v>`.
            let params = match raw_params(&params) {
                Val::Tagged(_, items) => Val::List(items),
                other => other,
            };
            Some(Val::map().with("key", key).with("params", params))
        }
    }
}

/// ApiMessageTrait::getApiCode for a message key: mapped keys, `apierror-`/`apiwarn-` stripped,
/// characters outside `[a-zA-Z0-9_-]` replaced by `_`.
pub fn message_code(key: &str) -> String {
    let mapped = match key {
        "noname" => "invaliduser",
        "badaccess-groups" => "permissiondenied",
        "blockedtext" => "blocked",
        "blockedtext-partial" => "blocked",
        "autoblockedtext" => "autoblocked",
        "actionthrottledtext" => "ratelimited",
        "readonlytext" => "readonly",
        "userrights-nodatabase" => "nosuchdatabase",
        other => other,
    };
    let stripped = mapped
        .strip_prefix("apierror-")
        .or_else(|| mapped.strip_prefix("apiwarn-"))
        .unwrap_or(mapped);
    stripped
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn required_name(r: Required) -> &'static str {
    match r {
        Required::Required => "required",
        Required::Optional => "optional",
        Required::PrimaryRequired => "primary-required",
    }
}

fn format_fields(fields: &[(Field, bool)], format: MessageFormat, voice: &Voice) -> Val {
    let mut out = Val::map();
    for (f, optional) in fields {
        let mut v = Val::map().with("type", f.ty.name());
        if let Some(value) = &f.value {
            v.set("value", value.as_str());
        }
        if let Some(label) = format_message(&f.label, format, voice) {
            v.set("label", label);
        }
        if let Some(help) = format_message(&f.help, format, voice) {
            v.set("help", help);
        }
        v.set("optional", *optional);
        v.set("sensitive", f.sensitive);
        out.set(f.name, v);
    }
    out
}

/// AuthenticationRequest::mergeFieldInfo
fn merge_fields(reqs: &[AuthRequest]) -> Vec<(Field, bool)> {
    let mut shared: Option<Vec<&str>> = None;
    for r in reqs
        .iter()
        .filter(|r| r.required == Required::PrimaryRequired)
    {
        let required: Vec<&str> = r
            .fields
            .iter()
            .filter(|f| !f.optional)
            .map(|f| f.name)
            .collect();
        shared = Some(match shared {
            None => required,
            Some(prev) => prev.into_iter().filter(|n| required.contains(n)).collect(),
        });
    }
    let mut merged: Vec<(Field, bool)> = Vec::new();
    for r in reqs {
        for f in &r.fields {
            let optional = r.required == Required::Optional
                || (r.required == Required::PrimaryRequired
                    && !shared.as_ref().is_some_and(|s| s.contains(&f.name)))
                || f.optional;
            if let Some(existing) = merged.iter_mut().find(|(m, _)| m.name == f.name) {
                existing.1 = existing.1 && optional;
                existing.0.sensitive = existing.0.sensitive || f.sensitive;
            } else {
                merged.push((f.clone(), optional));
            }
        }
    }
    merged
}

fn metadata_map(pairs: &[(&str, String)]) -> Val {
    let mut v = Val::map();
    for (name, value) in pairs {
        v.set(name, value.as_str());
    }
    v
}

/// ApiAuthManagerHelper::formatRequests: `requests` (and `fields` when merged).
pub fn format_requests(
    reqs: &[AuthRequest],
    merge: bool,
    format: MessageFormat,
    voice: &Voice,
) -> Vec<(String, Val)> {
    let mut list = Vec::new();
    for r in reqs {
        let mut v = Val::map()
            .with("id", r.id)
            .with("metadata", metadata_map(&r.metadata))
            .with("required", required_name(r.required));
        if let Some(p) = format_message(&r.provider, format, voice) {
            v.set("provider", p);
        }
        if let Some(a) = format_message(&r.account, format, voice) {
            v.set("account", a);
        }
        if !merge {
            let fields: Vec<(Field, bool)> =
                r.fields.iter().map(|f| (f.clone(), f.optional)).collect();
            v.set("fields", format_fields(&fields, format, voice));
        }
        list.push(v);
    }
    let mut out = vec![("requests".to_string(), Val::List(list))];
    if merge {
        out.push((
            "fields".to_string(),
            format_fields(&merge_fields(reqs), format, voice),
        ));
    }
    out
}

/// Values submitted for the loaded requests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Submission {
    pub loaded: Vec<RequestKind>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub retype: Option<String>,
    pub email: Option<String>,
    pub realname: Option<String>,
    pub reason: Option<String>,
    pub mailpassword: bool,
    pub remember_me: bool,
    pub skip_reset: bool,
    pub captcha_id: Option<String>,
    pub captcha_word: Option<String>,
    pub oath_token: Option<String>,
    /// `code`: the OpenID provider's code, or a two-factor set-up code.
    pub code: Option<String>,
    /// `state`: the OpenID provider's state.
    pub state: Option<String>,
}

impl Submission {
    pub fn has(&self, kind: RequestKind) -> bool {
        self.loaded.contains(&kind)
    }
}

/// ApiAuthManagerHelper::loadAuthenticationRequests: filters by `*requests`, marks the present
/// field parameters used, requires sensitive fields to be POSTed, then loads each request whose
/// fields are all present (non-optional ones non-empty).
pub fn load_requests(
    module: &str,
    req: &ApiRequest,
    reqs: &[AuthRequest],
    wanted: Option<&[String]>,
) -> Result<(Vec<AuthRequest>, Submission), ApiError> {
    let reqs: Vec<AuthRequest> = match wanted {
        Some(w) => reqs
            .iter()
            .filter(|r| w.iter().any(|x| x == r.id))
            .cloned()
            .collect(),
        None => reqs.to_vec(),
    };
    let mut names: Vec<&'static str> = Vec::new();
    let mut sensitive: Vec<String> = Vec::new();
    for r in &reqs {
        for f in &r.fields {
            if !names.contains(&f.name) {
                names.push(f.name);
                if f.sensitive {
                    sensitive.push(f.name.to_string());
                }
            }
        }
    }
    for n in &names {
        if req.has(n) {
            req.mark_used(n);
        }
    }
    let bad: Vec<String> = sensitive
        .iter()
        .filter(|n| req.in_query(n))
        .cloned()
        .collect();
    if !bad.is_empty() {
        return Err(ApiError::must_post_params(module, &bad));
    }
    let mut sub = Submission::default();
    for r in &reqs {
        let mut values: Vec<(&str, String)> = Vec::new();
        let mut ok = true;
        // Information-only fields are never loaded.
        for f in r.fields.iter().filter(|f| f.ty != FieldType::Null) {
            match f.ty {
                FieldType::Checkbox | FieldType::Button => {
                    let set = req.has(f.name) || req.has(&format!("{}_x", f.name));
                    if !set && !f.optional {
                        ok = false;
                        break;
                    }
                    values.push((f.name, if set { "1".into() } else { String::new() }));
                }
                _ => match req.raw(f.name) {
                    None => {
                        ok = false;
                        break;
                    }
                    Some("") if !f.optional => {
                        ok = false;
                        break;
                    }
                    Some(v) => values.push((f.name, v.to_string())),
                },
            }
        }
        if !ok {
            continue;
        }
        sub.loaded.push(r.kind);
        for (name, v) in values {
            match name {
                "username" => sub.username = Some(v),
                "password" => sub.password = Some(v),
                "retype" => sub.retype = Some(v),
                "email" => sub.email = Some(v),
                "realname" => sub.realname = Some(v),
                "reason" => sub.reason = Some(v),
                "mailpassword" => sub.mailpassword = !v.is_empty(),
                "rememberMe" => sub.remember_me = !v.is_empty(),
                "skipReset" => sub.skip_reset = !v.is_empty(),
                "captchaId" => sub.captcha_id = Some(v),
                "captchaWord" => sub.captcha_word = Some(v),
                "OATHToken" => sub.oath_token = Some(v),
                "code" => sub.code = Some(v),
                "state" => sub.state = Some(v),
                _ => {}
            }
        }
    }
    Ok((reqs, sub))
}

/// An AuthenticationResponse.
#[derive(Clone, Debug, PartialEq)]
pub enum AuthResponse {
    Pass {
        username: String,
    },
    Fail {
        msg: Msg,
    },
    Ui {
        requests: Vec<AuthRequest>,
        msg: Msg,
    },
    /// Send the browser to a third party's `target`; `requests` take what it returns.
    Redirect {
        target: String,
        requests: Vec<AuthRequest>,
    },
    /// Start over: a primary provider authenticated no local user. `can_preserve`: the response
    /// carries a create-from-login request (here: a link to confirm later).
    Restart {
        requests: Vec<AuthRequest>,
        msg: Msg,
        can_preserve: bool,
    },
}

/// ApiAuthManagerHelper::formatAuthenticationResponse
pub fn format_response(
    resp: &AuthResponse,
    merge: bool,
    format: MessageFormat,
    voice: &Voice,
) -> Val {
    match resp {
        AuthResponse::Pass { username } => Val::map()
            .with("status", "PASS")
            .with("username", username.as_str()),
        AuthResponse::Fail { msg } => {
            let mut v = Val::map().with("status", "FAIL");
            if let Some(m) = format_message(msg, format, voice) {
                v.set("message", m);
            }
            v.set("messagecode", message_code(&msg.key));
            v.set("canpreservestate", false);
            v
        }
        AuthResponse::Ui { requests, msg } => {
            with_requests("UI", requests, msg, merge, format, voice)
        }
        // No message, and no canpreservestate (the helper only adds it to FAIL and RESTART).
        AuthResponse::Redirect { target, requests } => {
            let mut v = Val::map()
                .with("status", "REDIRECT")
                .with("redirecttarget", target.as_str());
            for (k, x) in format_requests(requests, merge, format, voice) {
                v.set(&k, x);
            }
            v
        }
        AuthResponse::Restart {
            requests,
            msg,
            can_preserve,
        } => with_requests("RESTART", requests, msg, merge, format, voice)
            .with("canpreservestate", *can_preserve),
    }
}

/// A UI or RESTART response: status, the requests, the message and its code.
fn with_requests(
    status: &str,
    requests: &[AuthRequest],
    msg: &Msg,
    merge: bool,
    format: MessageFormat,
    voice: &Voice,
) -> Val {
    let mut v = Val::map().with("status", status);
    for (k, x) in format_requests(requests, merge, format, voice) {
        v.set(&k, x);
    }
    if let Some(m) = format_message(msg, format, voice) {
        v.set("message", m);
    }
    v.set("messagecode", message_code(&msg.key));
    v
}

/// Combines policy messages as Status::getMessage does: one message as is, several as the raw
/// message `* $1\n* $2…` whose parameters are the rendered texts.
pub fn combine_messages(msgs: Vec<Msg>, voice: &Voice) -> Option<Msg> {
    match msgs.len() {
        0 => None,
        1 => msgs.into_iter().next(),
        n => {
            let key = (1..=n)
                .map(|i| format!("* ${i}"))
                .collect::<Vec<_>>()
                .join("\n");
            // Where raw formats show the list as `rawmessage` (its plain text), the parts stay
            // messages so that text keeps them unexpanded; otherwise they are texts.
            let params = match voice.raw_message_key {
                RawMessageKey::Text => msgs.iter().map(|m| Param::Text(m.text(voice))).collect(),
                RawMessageKey::Rawmessage => msgs
                    .into_iter()
                    .map(|m| Param::Message(Box::new(m)))
                    .collect(),
            };
            Some(Msg::with(&key, params))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{OutputFormat, to_json};

    #[test]
    fn message_codes() {
        assert_eq!(message_code("noname"), "invaliduser");
        assert_eq!(message_code("* $1\n* $2"), "___1____2");
        assert_eq!(message_code("apierror-badtoken"), "badtoken");
        assert_eq!(message_code("Bad IdP state"), "Bad_IdP_state");
    }

    #[test]
    fn create_requests_fv2_match_the_live_capture() {
        let reqs = AuthRequest::for_action("create", None, &crate::config::WikiConfig::default());
        let v = Val::Map(format_requests(
            &reqs,
            false,
            MessageFormat::Wikitext,
            &Voice::english("TestWiki"),
        ));
        assert_eq!(
            to_json(&v, OutputFormat::FV2),
            r#"{"requests":[{"id":"MediaWiki\\Auth\\PasswordAuthenticationRequest","metadata":{},"required":"primary-required","provider":"Password-based authentication","account":"","fields":{"username":{"type":"string","label":"Username","help":"Username for authentication.","optional":false,"sensitive":false},"password":{"type":"password","label":"Password","help":"Password for authentication.","optional":false,"sensitive":true},"retype":{"type":"password","label":"Retype password:","help":"Password again to confirm.","optional":false,"sensitive":true}}},{"id":"MediaWiki\\Auth\\UsernameAuthenticationRequest","metadata":{},"required":"required","provider":"MediaWiki\\Auth\\UsernameAuthenticationRequest","account":"MediaWiki\\Auth\\UsernameAuthenticationRequest","fields":{"username":{"type":"string","label":"Username","help":"Username for authentication.","optional":false,"sensitive":false}}},{"id":"MediaWiki\\Auth\\UserDataAuthenticationRequest","metadata":{},"required":"required","provider":"MediaWiki\\Auth\\UserDataAuthenticationRequest","account":"MediaWiki\\Auth\\UserDataAuthenticationRequest","fields":{"email":{"type":"string","label":"Email","help":"Email address","optional":true,"sensitive":false},"realname":{"type":"string","label":"Real name","help":"Real name of the user","optional":true,"sensitive":false}}}]}"#
        );
    }

    #[test]
    fn raw_account_of_password_request_is_null_param() {
        let reqs = vec![AuthRequest::password(
            "create",
            None,
            Required::PrimaryRequired,
        )];
        let v = Val::Map(format_requests(
            &reqs,
            true,
            MessageFormat::Raw,
            &Voice::english("W"),
        ));
        let json = to_json(&v, OutputFormat::FV2);
        assert!(
            json.contains(r#""account":{"key":"$1","params":[null]}"#),
            "{json}"
        );
    }

    #[test]
    fn merged_optional_request_fields_become_optional() {
        let reqs = vec![
            AuthRequest::password("change", Some("X"), Required::Optional),
            AuthRequest::skip_reset(),
        ];
        let merged = merge_fields(&reqs);
        assert!(merged.iter().all(|(_, optional)| *optional));
    }

    #[test]
    fn multi_messages() {
        let m = combine_messages(
            vec![Msg::new("badretype"), Msg::new("noname")],
            &Voice::english("W"),
        )
        .unwrap();
        assert_eq!(m.key, "* $1\n* $2");
        assert_eq!(
            m.text(&Voice::english("W")),
            "* The passwords you entered do not match.\n* You have not specified a valid username."
        );
    }
}
