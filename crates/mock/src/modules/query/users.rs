//! list=users: accounts by name (`users`) or id (`userids`), with the properties `blockinfo`,
//! `groups`, `groupmemberships`, `implicitgroups`, `rights`, `editcount`, `registration`,
//! `emailable`, `gender`, `centralids` and, for missing names, `cancreate` (AuthManager's
//! canCreateAccount: the same name rules as account creation); invalid names first, then the
//! others in the order asked.

use super::super::super::authmanager::message_code;
use super::super::super::blocks::add_block_details;
use super::super::super::context::Ctx;
use super::super::super::errors::ApiError;
use super::super::super::format::Val;
use super::super::super::list_result::ListResult;
use super::super::super::messages::Msg;
use super::super::super::rights::{effective_groups, rights_in};
use super::super::super::store::Account;
use super::super::super::temp_users;
use super::super::super::user_listing::{add_central_ids, implicit_groups, session_limited};
use super::super::super::username::Rigor;
use mwcheck_shared::iso8601;

const PATH: &str = "query+users";

/// The module's parameters (prefixed `us`); a batch that skips the module still reads them.
pub const PARAMS: &[&str] = &["usprop", "usattachedwiki", "ususers", "ususerids"];

const PROPS: &[&str] = &[
    "blockinfo",
    "cancreate",
    "centralids",
    "editcount",
    "emailable",
    "gender",
    "groupmemberships",
    "groups",
    "implicitgroups",
    "registration",
    "rights",
];

fn unique<T: PartialEq>(values: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn strings(tag: &'static str, items: &[String]) -> Val {
    Val::tagged(tag, items.iter().map(|s| Val::Str(s.clone())).collect())
}

pub fn run(ctx: &mut Ctx) -> Result<ListResult, ApiError> {
    // Parameters in ApiQueryUsers::getAllowedParams order.
    let props = ctx
        .multi_enum_param(PATH, "usprop", PROPS, false)?
        .unwrap_or_default();
    let attached_wiki = ctx.req.get("usattachedwiki").map(str::to_string);
    // ParamValidator keeps each value of a multi-value parameter once.
    let names = ctx.multi_values(PATH, "ususers")?.map(unique);
    let ids = ctx.integer_list_param(PATH, "ususerids")?.map(unique);
    if names.is_some() && ids.is_some() {
        return Err(ApiError::parameter_combination(
            PATH,
            "invalidparammix",
            "apierror-invalidparammix",
            &["ususers", "ususerids"],
        ));
    }
    let has = |p: &str| props.iter().any(|x| x == p);
    let mut items = Vec::new();
    match (names, ids) {
        (Some(names), _) => {
            let rules = ctx.config.user_name_rules();
            let mut good = Vec::new();
            for raw in names {
                match rules.canonical_with(&raw, Rigor::Valid) {
                    Some(name) if !name.is_empty() => good.push(name),
                    _ => items.push(Val::map().with("name", raw).with("invalid", true)),
                }
            }
            for name in good {
                let item = match ctx.store.by_name(&name) {
                    Some(account) => describe(ctx, account, &props, attached_wiki.as_deref()),
                    None => {
                        let mut v = Val::map().with("name", name.as_str()).with("missing", true);
                        if has("cancreate") {
                            let refusal = creation_refusal(ctx, &name);
                            v.set("cancreate", refusal.is_none());
                            if let Some(msg) = refusal {
                                let code = message_code(&msg.key);
                                v.set("cancreateerror", ctx.renderer.status_errors(&code, &msg));
                            }
                        }
                        v
                    }
                };
                items.push(item);
            }
        }
        (None, Some(ids)) => {
            for id in ids {
                let account = u64::try_from(id).ok().and_then(|id| ctx.store.by_id(id));
                items.push(match account {
                    Some(account) => describe(ctx, account, &props, attached_wiki.as_deref()),
                    None => Val::map().with("userid", id).with("missing", true),
                });
            }
        }
        (None, None) => {}
    }
    Ok(ListResult::complete(Val::tagged("user", items)))
}

/// AuthManager::canCreateAccount for a name no account has: why it may not be created, if so.
fn creation_refusal(ctx: &Ctx, name: &str) -> Option<Msg> {
    if !ctx.config.can_create_accounts() {
        return Some(Msg::new("authmanager-create-disabled"));
    }
    if !ctx.config.user_name_rules().is_creatable_name(name) {
        return Some(Msg::new("noname"));
    }
    None
}

/// One existing account with the asked properties, in ApiQueryUsers' order.
fn describe(ctx: &Ctx, account: &Account, props: &[String], attached_wiki: Option<&str>) -> Val {
    let has = |p: &str| props.iter().any(|x| x == p);
    let release = ctx.release();
    let mut v = Val::map()
        .with("userid", account.id)
        .with("name", account.name.as_str());
    if release.users_marks_system_users && account.is_system_user() {
        v.set("systemuser", true);
    }
    if has("editcount") {
        v.set("editcount", ctx.store.pages.edit_count(account.id));
    }
    if has("registration") {
        v.set("registration", iso8601(account.registration));
    }
    let temp = temp_users::is_temp_name(ctx.config, &account.name);
    let groups = if temp {
        temp_users::groups_of_temp_account(&account.groups)
    } else {
        effective_groups(&account.groups, true)
    };
    if has("groups") {
        v.set("groups", strings("g", &groups));
    }
    if has("groupmemberships") {
        let list = account
            .groups
            .iter()
            .map(|g| {
                Val::map()
                    .with("group", g.as_str())
                    .with("expiry", "infinity")
            })
            .collect();
        v.set("groupmemberships", Val::tagged("groupmembership", list));
    }
    if has("implicitgroups") {
        v.set(
            "implicitgroups",
            strings("g", &implicit_groups(ctx, account)),
        );
    }
    if has("rights") {
        let rights = session_limited(ctx, rights_in(ctx.config, &groups));
        v.set("rights", strings("r", &rights));
    }
    if has("blockinfo")
        && let Some(block) = ctx.store.active_block(account.id, ctx.now)
    {
        add_block_details(&mut v, block, release);
    }
    if has("emailable") {
        // User::canReceiveEmail: a confirmed address (any valid one while email
        // authentication is off) and mail from other users not disabled.
        let confirmed = !account.email.is_empty() && !ctx.config.email_authentication;
        let disabled = account
            .option("disablemail")
            .is_some_and(|v| !v.is_empty() && v != "0");
        v.set("emailable", confirmed && !disabled);
    }
    if has("gender") {
        v.set("gender", account.option("gender").unwrap_or("unknown"));
    }
    if has("centralids") {
        add_central_ids(ctx, &mut v, account, attached_wiki);
    }
    v
}
