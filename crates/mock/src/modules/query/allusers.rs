//! list=allusers: the accounts in name order (or reversed), filtered by `from`/`to`/`prefix`,
//! group memberships (`group`, `excludegroup`, and the groups holding `rights`), edits
//! (`witheditsonly`), the active-users cache (`activeusers`) and, where the release has them,
//! temporary-account filters; with the properties `blockinfo`, `centralids`, `editcount`,
//! `groups`, `implicitgroups`, `registration` and `rights`; `limit` and continuation (`from`).

use super::super::super::blocks::add_block_details;
use super::super::super::context::Ctx;
use super::super::super::errors::ApiError;
use super::super::super::format::Val;
use super::super::super::list_result::ListResult;
use super::super::super::numeric_params::LimitBounds;
use super::super::super::rights::{group_rights, permission_groups, rights_in};
use super::super::super::store::Account;
use super::super::super::temp_users;
use super::super::super::user_listing::{
    add_central_ids, explicit_groups, implicit_groups, implicit_rights, known_rights,
    session_limited,
};
use super::super::super::username::PrefixLookup as _;
use mwcheck_shared::iso8601;

const PATH: &str = "query+allusers";

/// The module's parameters (prefixed `au`); a batch that skips the module still reads them.
pub const PARAMS: &[&str] = &[
    "aufrom",
    "auto",
    "auprefix",
    "audir",
    "augroup",
    "auexcludegroup",
    "aurights",
    "auprop",
    "aulimit",
    "auwitheditsonly",
    "auactiveusers",
    "auattachedwiki",
    "auexcludenamed",
    "auexcludetemp",
];

const PROPS: &[&str] = &[
    "blockinfo",
    "centralids",
    "editcount",
    "groups",
    "implicitgroups",
    "registration",
    "rights",
];

const LIMIT: LimitBounds = LimitBounds {
    default: 10,
    min: 1,
    max: 500,
    high_max: 5000,
};

/// ApiQueryAllUsers::getCanonicalUserName: the content language's ucfirst, underscores to
/// spaces (no other normalisation).
fn canonical_bound(ctx: &Ctx, raw: &str) -> String {
    ctx.config.user_name_rules().ucfirst(raw).replace('_', " ")
}

pub fn run(ctx: &mut Ctx) -> Result<ListResult, ApiError> {
    // Parameters in ApiQueryAllUsers::getAllowedParams order.
    let from = ctx.req.get("aufrom").map(|v| canonical_bound(ctx, v));
    let to = ctx.req.get("auto").map(|v| canonical_bound(ctx, v));
    let prefix = ctx.req.get("auprefix").map(|v| canonical_bound(ctx, v));
    let descending = ctx
        .enum_param(PATH, "audir", &["ascending", "descending"])?
        .as_deref()
        == Some("descending");
    let groups_known = explicit_groups(ctx);
    let mut group = ctx.multi_enum_param(PATH, "augroup", &groups_known, false)?;
    let exclude_group = ctx.multi_enum_param(PATH, "auexcludegroup", &groups_known, false)?;
    let rights_known = known_rights(ctx.config);
    let rights = ctx.multi_enum_param(PATH, "aurights", &rights_known, false)?;
    let props = ctx
        .multi_enum_param(PATH, "auprop", PROPS, false)?
        .unwrap_or_default();
    let limit = ctx.limit_param(PATH, "aulimit", LIMIT)?;
    let with_edits_only = ctx.req.check("auwitheditsonly");
    let active_only = ctx.req.check("auactiveusers");
    let attached_wiki = ctx.req.get("auattachedwiki").map(str::to_string);
    let (exclude_named, exclude_temp) = if ctx.release().allusers_temp_account_filters {
        (
            ctx.req.check("auexcludenamed"),
            ctx.req.check("auexcludetemp"),
        )
    } else {
        (false, false)
    };
    let has = |p: &str| props.iter().any(|x| x == p);

    if let Some(rights) = rights.filter(|r| !r.is_empty()) {
        let release = ctx.release();
        let implicit = implicit_rights(ctx.config);
        let mut holders: Vec<String> = Vec::new();
        for right in &rights {
            if implicit.contains(&right.as_str()) {
                holders.push("*".into());
                continue;
            }
            for g in permission_groups(ctx.config) {
                if group_rights(ctx.config, g).contains(&right.as_str())
                    && !holders.iter().any(|h| h == g)
                {
                    holders.push(g.to_string());
                }
            }
        }
        if holders.is_empty() {
            // No group has the right: nothing to list.
            return Ok(ListResult::complete(Val::tagged("u", Vec::new())));
        }
        if release.allusers_everyone_rights_match_all
            && holders.iter().any(|h| h == "*" || h == "user")
        {
            holders.clear();
        }
        group = Some(match group {
            None => holders,
            Some(mut given) => {
                for h in holders {
                    if !given.contains(&h) {
                        given.push(h);
                    }
                }
                given
            }
        });
    }
    // requireMaxOneParameter: an empty list counts as given.
    if group.is_some() && exclude_group.is_some() {
        return Err(ApiError::parameter_combination(
            PATH,
            "invalidparammix",
            "apierror-invalidparammix",
            &["augroup", "auexcludegroup"],
        ));
    }
    let group = group.filter(|g| !g.is_empty());
    let exclude_group = exclude_group.filter(|g| !g.is_empty());

    let matches = |a: &Account| -> bool {
        if let Some(p) = &prefix
            && !a.name.starts_with(p.as_str())
        {
            return false;
        }
        if let Some(g) = &group
            && !a.groups.iter().any(|x| g.contains(x))
        {
            return false;
        }
        if let Some(g) = &exclude_group
            && a.groups.iter().any(|x| g.contains(x))
        {
            return false;
        }
        let edits = ctx.store.pages.edit_count(a.id);
        if with_edits_only && edits == 0 {
            return false;
        }
        if active_only && !ctx.store.active_users.contains(&a.name) {
            return false;
        }
        let temp = temp_users::is_temp_name(ctx.config, &a.name);
        !(exclude_temp && temp || exclude_named && !temp && ctx.config.temp_accounts.is_some())
    };

    let names = ctx.store.names_in_order();
    let in_range = |n: &&String| {
        from.as_ref().is_none_or(|f| {
            if descending {
                n.as_str() <= f.as_str()
            } else {
                n.as_str() >= f.as_str()
            }
        }) && to.as_ref().is_none_or(|t| {
            if descending {
                n.as_str() >= t.as_str()
            } else {
                n.as_str() <= t.as_str()
            }
        })
    };
    let ordered: Box<dyn Iterator<Item = &String>> = if descending {
        Box::new(names.iter().rev())
    } else {
        Box::new(names.iter())
    };
    let mut picked: Vec<&Account> = Vec::new();
    let mut continue_from = None;
    for name in ordered.filter(in_range) {
        let Some(account) = ctx.store.by_name(name) else {
            continue;
        };
        if !matches(account) {
            continue;
        }
        if picked.len() as i64 >= limit.value {
            continue_from = Some(("aufrom".to_string(), account.name.clone()));
            break;
        }
        picked.push(account);
    }

    let release = ctx.release();
    let mut items = Vec::with_capacity(picked.len());
    for account in picked {
        let mut v = Val::map()
            .with("userid", account.id)
            .with("name", account.name.as_str());
        if has("centralids") {
            add_central_ids(ctx, &mut v, account, attached_wiki.as_deref());
        }
        if has("blockinfo")
            && let Some(block) = ctx.store.active_block(account.id, ctx.now)
        {
            add_block_details(&mut v, block, release);
        }
        if has("editcount") {
            v.set("editcount", ctx.store.pages.edit_count(account.id));
        }
        if active_only {
            v.set(
                "recentactions",
                ctx.store.active_users.recent_actions(account.id, ctx.now),
            );
        }
        if has("registration") {
            v.set("registration", iso8601(account.registration));
        }
        if has("groups") || has("implicitgroups") || has("rights") {
            let implicit = implicit_groups(ctx, account);
            let listed: Vec<String> = implicit.iter().chain(&account.groups).cloned().collect();
            if has("groups") {
                v.set("groups", strings("g", &listed));
            }
            if has("implicitgroups") {
                v.set("implicitgroups", strings("g", &implicit));
            }
            if has("rights") {
                let rights = if release.allusers_rights_of_listed_groups {
                    rights_in(ctx.config, &listed)
                } else {
                    let groups: Vec<String> =
                        account.groups.iter().chain(&implicit).cloned().collect();
                    session_limited(ctx, rights_in(ctx.config, &groups))
                };
                v.set("rights", strings("r", &rights));
            }
        }
        items.push(v);
    }
    Ok(ListResult {
        items: Val::tagged("u", items),
        continue_from,
        parsed_limit: limit.was_max.then_some(limit.value),
    })
}

fn strings(tag: &'static str, items: &[String]) -> Val {
    Val::tagged(tag, items.iter().map(|s| Val::Str(s.clone())).collect())
}
