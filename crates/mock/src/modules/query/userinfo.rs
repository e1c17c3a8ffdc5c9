//! meta=userinfo: id, name, anon, and the properties groups, groupmemberships, implicitgroups,
//! rights, changeablegroups, editcount, ratelimits, realname, email, registrationdate,
//! acceptlang, unreadcount, centralids/attachedlocal, hasmsg, blockinfo (user blocks), and
//! cancreateaccount where the release has it.

use super::super::super::blocks::blocked_text;
use super::super::super::config::Window;
use super::super::super::context::Ctx;
use super::super::super::errors::ApiError;
use super::super::super::format::Val;
use super::super::super::messages::{Msg, Voice};
use super::super::super::release::Release;
use super::super::super::rights::{effective_groups, rights_in};
use super::super::super::temp_users;
use super::super::super::user_options::{default_options, options_of};
use mwcheck_shared::iso8601;

const PATH: &str = "query+userinfo";

fn strs(tag: &'static str, items: &[String]) -> Val {
    Val::tagged(tag, items.iter().map(|s| Val::Str(s.clone())).collect())
}

/// The release's `$wgRateLimits` that apply to the caller (none with `noratelimit`);
/// `extension_limits` are the loaded extensions' per-user limits (name, hits, seconds), listed
/// after core's.
fn rate_limits(
    release: &Release,
    registered: bool,
    rights: &[String],
    mailpassword: Option<Window>,
    extension_limits: &[(&str, i64, i64)],
) -> Val {
    if rights.iter().any(|r| r == "noratelimit") {
        return Val::map();
    }
    let w = |hits: i64, seconds: i64| Val::map().with("hits", hits).with("seconds", seconds);
    let table = if registered {
        release.rate_limits_user
    } else {
        release.rate_limits_anon
    };
    let key = if registered { "user" } else { "ip" };
    let mut out = Val::map();
    for (name, hits, seconds) in table {
        if *name == "mailpassword" {
            if let Some(limit) = mailpassword {
                out.set(
                    name,
                    Val::map().with(key, w(i64::from(limit.count), limit.seconds as i64)),
                );
            }
            continue;
        }
        out.set(name, Val::map().with(key, w(*hits, *seconds)));
    }
    if registered {
        for (name, hits, seconds) in extension_limits {
            out.set(name, Val::map().with("user", w(*hits, *seconds)));
        }
    }
    out
}

pub fn run(ctx: &mut Ctx) -> Result<Val, ApiError> {
    let props = ctx
        .multi_enum_param(PATH, "uiprop", ctx.release().userinfo_props, true)?
        .unwrap_or_default();
    ctx.req.get("uiattachedwiki");
    let has = |p: &str| props.iter().any(|x| x == p);
    let account = ctx.user().cloned();
    let registered = account.is_some();
    let temp = account
        .as_ref()
        .is_some_and(|a| temp_users::is_temp_name(ctx.config, &a.name));
    let mut v = Val::map();
    match &account {
        Some(a) => {
            v.set("id", a.id);
            v.set("name", a.name.as_str());
            if temp {
                v.set("temp", true);
            }
        }
        None => {
            v.set("id", 0i64);
            v.set("name", ctx.req.ip_name());
            v.set("anon", true);
        }
    }
    let explicit: Vec<String> = account
        .as_ref()
        .map(|a| a.groups.clone())
        .unwrap_or_default();
    let groups = if temp {
        temp_users::groups_of_temp_account(&explicit)
    } else {
        effective_groups(&explicit, registered)
    };
    let rights: Vec<String> = rights_in(ctx.config, &groups)
        .into_iter()
        .filter(|r| ctx.session_allows(r))
        .collect();
    if has("blockinfo") {
        match &account {
            Some(a) => {
                if let Some(block) = ctx.store.active_block(a.id, ctx.now) {
                    super::super::super::blocks::add_block_details(&mut v, block, ctx.release());
                }
            }
            None if ctx.config.dnsbl_listed.contains(&ctx.req.ip_name()) => {
                add_dnsbl_block(&mut v, ctx.now, &ctx.voice(), ctx.release());
            }
            None => {}
        }
    }
    if has("hasmsg") {
        v.set("messages", false);
    }
    if has("groups") {
        v.set("groups", strs("g", &groups));
    }
    if has("groupmemberships") {
        let list = explicit
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
        let implicit: Vec<String> = groups[explicit.len()..].to_vec();
        v.set("implicitgroups", strs("g", &implicit));
    }
    if has("rights") {
        v.set("rights", strs("r", &rights));
    }
    if has("changeablegroups") {
        let all = ["bot", "sysop", "interface-admin", "bureaucrat", "suppress"];
        let can = rights.iter().any(|r| r == "userrights");
        let list = |on: bool| {
            Val::tagged(
                "g",
                if on {
                    all.iter().map(|s| Val::from(*s)).collect()
                } else {
                    Vec::new()
                },
            )
        };
        v.set(
            "changeablegroups",
            Val::map()
                .with("add", list(can))
                .with("remove", list(can))
                .with("add-self", Val::tagged("g", Vec::new()))
                .with("remove-self", Val::tagged("g", Vec::new())),
        );
    }
    if has("options") {
        let options = match &account {
            Some(a) => options_of(ctx.release(), &a.options, ctx.now),
            None => default_options(ctx.release()),
        };
        v.set("options", options);
    }
    let contributions = account
        .as_ref()
        .and_then(|a| ctx.store.pages.contributions(a.id));
    if has("editcount") {
        v.set("editcount", contributions.map_or(0, |(count, _)| count));
    }
    let extension_limits = match ctx.config.oathauth {
        Some(_) => ctx.release().oathauth_rate_limits,
        None => &[],
    };
    if has("ratelimits") {
        v.set(
            "ratelimits",
            if temp {
                temp_users::rate_limits(ctx.config, &rights)
            } else {
                rate_limits(
                    ctx.release(),
                    registered,
                    &rights,
                    ctx.config.mailpassword_rate_limit,
                    extension_limits,
                )
            },
        );
    }
    if has("theoreticalratelimits") {
        v.set(
            "theoreticalratelimits",
            if temp {
                temp_users::rate_limits(ctx.config, &[])
            } else {
                rate_limits(
                    ctx.release(),
                    registered,
                    &[],
                    ctx.config.mailpassword_rate_limit,
                    extension_limits,
                )
            },
        );
    }
    if has("realname") {
        v.set(
            "realname",
            account
                .as_ref()
                .map(|a| a.realname.clone())
                .unwrap_or_default(),
        );
    }
    if has("email") {
        v.set(
            "email",
            account
                .as_ref()
                .map(|a| a.email.clone())
                .unwrap_or_default(),
        );
    }
    if has("registrationdate")
        && let Some(a) = &account
    {
        v.set("registrationdate", iso8601(a.registration));
    }
    if has("acceptlang") {
        v.set("acceptlang", Val::tagged("lang", Vec::new()));
    }
    if has("unreadcount") {
        v.set("unreadcount", 0i64);
    }
    if has("centralids") {
        let id = account.as_ref().map(|a| a.id).unwrap_or(0);
        v.set("centralids", Val::map().with("local", id));
        v.set("attachedlocal", Val::map().with("local", registered));
    }
    if has("latestcontrib")
        && let Some((_, latest)) = contributions
    {
        v.set("latestcontrib", iso8601(latest));
    }
    if has("cancreateaccount") {
        let refusal = create_account_refusal(ctx);
        v.set("cancreateaccount", refusal.is_none());
        if let Some((code, msg)) = refusal {
            v.set(
                "cancreateaccounterror",
                ctx.renderer.status_errors(code, &msg),
            );
        }
    }
    Ok(v)
}

/// Why the performer may not create accounts (PermissionManager's `createaccount` check on
/// Special:CreateAccount): the API code and the message, or None when they may.
fn create_account_refusal(ctx: &Ctx) -> Option<(&'static str, Msg)> {
    if !ctx.may_create_accounts() {
        return Some(("permissiondenied", ctx.create_account_refused()));
    }
    let user = ctx.user()?;
    let block = ctx.store.active_block(user.id, ctx.now)?;
    block
        .nocreate
        .then(|| ("blocked", blocked_text(block, &ctx.req.ip_name())))
}

/// BlockManager's system block for an anonymous caller whose IP the DNS blacklist lists: no id,
/// no blocker, anonymous users only, made "now"; its reason is the message's unexpanded text.
fn add_dnsbl_block(
    v: &mut Val,
    now: u64,
    voice: &Voice,
    release: &super::super::super::release::Release,
) {
    use super::super::super::store::human_date;
    use mwcheck_shared::iso8601;
    v.set("blockid", Val::Null);
    v.set("blockedby", "");
    v.set("blockedbyid", 0i64);
    v.set(
        "blockreason",
        super::super::super::messages::lookup("sorbsreason", voice).unwrap_or_default(),
    );
    v.set("blockedtimestamp", iso8601(now));
    v.set("blockexpiry", "infinite");
    v.set("blockpartial", false);
    v.set("blocknocreate", false);
    v.set("blockanononly", true);
    if release.blockinfo_email_and_owntalk {
        v.set("blockemail", false);
        v.set("blockowntalk", true);
    }
    v.set("blockedtimestampformatted", human_date(now));
    v.set("systemblocktype", "dnsbl");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rights::rights_of;

    #[test]
    fn admin_rights_follow_group_order() {
        let groups = effective_groups(
            &[
                "bureaucrat".into(),
                "interface-admin".into(),
                "sysop".into(),
            ],
            true,
        );
        let rights = rights_of(&crate::group_permissions::STOCK_1_39, &groups);
        // The Admin list as the live wiki returns it.
        let live = "userrights noratelimit editinterface editsitecss editsitejson editsitejs editusercss edituserjson edituserjs block createaccount delete bigdelete deletedhistory deletedtext undelete import importupload move move-subpages move-rootuserpages move-categorypages patrol autopatrol protect editprotected rollback upload reupload reupload-shared unwatchedpages autoconfirmed editsemiprotected ipblock-exempt blockemail markbotedits apihighlimits browsearchive movefile unblockself suppressredirect mergehistory managechangetags deletechangetags read edit createpage createtalk writeapi viewmywatchlist editmywatchlist viewmyprivateinfo editmyprivateinfo editmyoptions minoredit editmyusercss editmyuserjson editmyuserjs editmyuserjsredirect purge sendemail applychangetags changetags editcontentmodel";
        assert_eq!(rights.join(" "), live);
        // In a session of a bot password with the `basic` grant, as the live wiki returns it.
        let allowed = crate::bot_passwords::grant_rights(&["basic".into()]);
        let limited: Vec<String> = rights.into_iter().filter(|r| allowed.contains(r)).collect();
        assert_eq!(
            limited.join(" "),
            "autopatrol unwatchedpages autoconfirmed editsemiprotected ipblock-exempt read writeapi purge"
        );
    }

    #[test]
    fn anonymous_rights() {
        let anonymous = effective_groups(&[], false);
        assert_eq!(
            rights_of(&crate::group_permissions::STOCK_1_39, &anonymous).len(),
            11
        );
        assert_eq!(
            rights_of(&crate::group_permissions::STOCK_1_43, &anonymous).len(),
            8
        );
    }
}
