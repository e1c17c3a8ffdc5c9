//! action=validatepassword: checks a password against the policy for the current user (with
//! their groups; the IP for anonymous users) or for a new user named by `user`, answering
//! Good / Change / Invalid with `validitymessages`.

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::{ApiError, ErrorFormat, raw_params};
use super::super::format::Val;
use super::super::messages::json_params;
use super::super::messages::{Msg, Param, escape_wikitext};
use super::super::password_policy::validity;
use super::super::rights::effective_groups;
use super::super::username::UserParam;

const INFO: ModuleInfo = ModuleInfo {
    name: "validatepassword",
    must_be_posted: true,
    is_write: false,
    token: None,
};

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let password = ctx.req.get("password").unwrap_or("").to_string();
    if password.is_empty() {
        return Err(ApiError::missing_param(INFO.name, "password"));
    }
    let user_param = match ctx.req.get("user") {
        None => None,
        Some(raw) => match ctx.config.user_name_rules().parse_user_param(raw, true) {
            Ok(p) => Some(p),
            Err(()) => return Err(ApiError::bad_user(INFO.name, "user", raw)),
        },
    };
    ctx.req.get("email");
    ctx.req.get("realname");
    ctx.pre_execute(&INFO)?;
    ctx.require_posted(INFO.name, &["password"])?;

    let (name, groups) = match user_param {
        Some(UserParam::Id(id)) => match ctx.store.by_id(id) {
            Some(_) => {
                return Err(ApiError::new(
                    INFO.name,
                    "userexists",
                    Msg::new("userexists"),
                ));
            }
            None => return Err(bad_user_user(ctx, "Unknown user")),
        },
        Some(UserParam::Name(name)) => {
            // parse_user_param gave the canonical (valid) name; it must also be creatable.
            if !ctx.config.user_name_rules().is_creatable_valid_name(&name) {
                return Err(bad_user_user(ctx, &name));
            }
            if ctx.store.by_name(&name).is_some() {
                return Err(ApiError::new(
                    INFO.name,
                    "userexists",
                    Msg::new("userexists"),
                ));
            }
            (name, Vec::new())
        }
        None => match ctx.user() {
            Some(a) => (a.name.clone(), effective_groups(&a.groups, true)),
            None => (ctx.req.ip_name(), effective_groups(&[], false)),
        },
    };
    let group_refs: Vec<&str> = groups.iter().map(String::as_str).collect();
    let failures = ctx
        .config
        .active_password_policy()
        .check(&name, &password, &group_refs);
    let mut v = Val::map().with("validity", validity(&failures).as_str());
    if !failures.is_empty() {
        let mut list = Vec::new();
        for f in &failures {
            let msg = Msg {
                key: f.key.to_string(),
                params: json_params(&f.params),
            };
            list.push(validity_message(ctx, &msg));
        }
        // The bc formatter names the merged list after its last part ("warning").
        let tag = if ctx.renderer.format == ErrorFormat::Bc {
            "warning"
        } else {
            "error"
        };
        v.set("validitymessages", Val::tagged(tag, list));
    }
    Ok(vec![("validatepassword".to_string(), v)])
}

/// `apierror-baduser` for the `user` value (escaped as wikitext, `wfEscapeWikiText`).
fn bad_user_user(ctx: &Ctx, shown: &str) -> ApiError {
    let shown = escape_wikitext(shown, ctx.release().wikitext_escape);
    ApiError::new(
        INFO.name,
        "baduser_user",
        Msg::with(
            "apierror-baduser",
            vec![Param::Text("user".into()), Param::Text(shown)],
        ),
    )
}

/// One entry of `validitymessages`: bc `{message, params, code, type}`, else the error format's.
fn validity_message(ctx: &Ctx, msg: &Msg) -> Val {
    if ctx.renderer.format == ErrorFormat::Bc {
        Val::map()
            .with("message", msg.key.as_str())
            .with("params", raw_params(&msg.params))
            .with("code", msg.key.as_str())
            .with("type", "error")
    } else {
        ctx.renderer.message_object(&msg.key, msg, None)
    }
}
