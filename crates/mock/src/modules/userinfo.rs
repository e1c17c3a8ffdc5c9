//! meta=userinfo: id, name, anon, and the properties groups, groupmemberships, implicitgroups,
//! rights, changeablegroups, editcount, ratelimits, realname, email, registrationdate,
//! acceptlang, unreadcount, centralids/attachedlocal, hasmsg, blockinfo (user blocks).

use super::super::apimain::Ctx;
use super::super::config::{WikiConfig, Window};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::store::iso8601;

const PATH: &str = "query+userinfo";

/// `uiprop` values.
pub const PROPS: &[&str] = &[
    "acceptlang",
    "blockinfo",
    "centralids",
    "changeablegroups",
    "editcount",
    "email",
    "groupmemberships",
    "groups",
    "hasmsg",
    "implicitgroups",
    "latestcontrib",
    "options",
    "ratelimits",
    "realname",
    "registrationdate",
    "rights",
    "theoreticalratelimits",
    "unreadcount",
];

/// $wgGroupPermissions of a stock 1.39 install (rights granted, in definition order).
const GROUP_RIGHTS: &[(&str, &[&str])] = &[
    (
        "*",
        &[
            "createaccount",
            "read",
            "edit",
            "createpage",
            "createtalk",
            "writeapi",
            "viewmywatchlist",
            "editmywatchlist",
            "viewmyprivateinfo",
            "editmyprivateinfo",
            "editmyoptions",
        ],
    ),
    (
        "user",
        &[
            "move",
            "move-subpages",
            "move-rootuserpages",
            "move-categorypages",
            "movefile",
            "read",
            "edit",
            "createpage",
            "createtalk",
            "writeapi",
            "upload",
            "reupload",
            "reupload-shared",
            "minoredit",
            "editmyusercss",
            "editmyuserjson",
            "editmyuserjs",
            "editmyuserjsredirect",
            "purge",
            "sendemail",
            "applychangetags",
            "changetags",
            "editcontentmodel",
        ],
    ),
    ("autoconfirmed", &["autoconfirmed", "editsemiprotected"]),
    (
        "bot",
        &[
            "bot",
            "autoconfirmed",
            "editsemiprotected",
            "nominornewtalk",
            "autopatrol",
            "suppressredirect",
            "apihighlimits",
            "writeapi",
        ],
    ),
    (
        "sysop",
        &[
            "block",
            "createaccount",
            "delete",
            "bigdelete",
            "deletedhistory",
            "deletedtext",
            "undelete",
            "editinterface",
            "editsitejson",
            "edituserjson",
            "import",
            "importupload",
            "move",
            "move-subpages",
            "move-rootuserpages",
            "move-categorypages",
            "patrol",
            "autopatrol",
            "protect",
            "editprotected",
            "rollback",
            "upload",
            "reupload",
            "reupload-shared",
            "unwatchedpages",
            "autoconfirmed",
            "editsemiprotected",
            "ipblock-exempt",
            "blockemail",
            "markbotedits",
            "apihighlimits",
            "browsearchive",
            "noratelimit",
            "movefile",
            "unblockself",
            "suppressredirect",
            "mergehistory",
            "managechangetags",
            "deletechangetags",
        ],
    ),
    (
        "interface-admin",
        &[
            "editinterface",
            "editsitecss",
            "editsitejson",
            "editsitejs",
            "editusercss",
            "edituserjson",
            "edituserjs",
        ],
    ),
    ("bureaucrat", &["userrights", "noratelimit"]),
    (
        "suppress",
        &[
            "hideuser",
            "suppressrevision",
            "viewsuppressed",
            "suppressionlog",
            "deleterevision",
            "deletelogentry",
        ],
    ),
];

/// The effective groups: explicit ones, then the implicit `*`, `user`, `autoconfirmed`.
pub fn effective_groups(explicit: &[String], registered: bool) -> Vec<String> {
    let mut groups: Vec<String> = explicit.to_vec();
    groups.push("*".into());
    if registered {
        groups.push("user".into());
        groups.push("autoconfirmed".into());
    }
    groups
}

/// Rights of a set of groups, first occurrence kept.
pub fn rights_of(groups: &[String]) -> Vec<String> {
    let mut rights: Vec<String> = Vec::new();
    for g in groups {
        if let Some((_, list)) = GROUP_RIGHTS.iter().find(|(name, _)| name == g) {
            for r in *list {
                if !rights.iter().any(|x| x == r) {
                    rights.push(r.to_string());
                }
            }
        }
    }
    rights
}

/// The groups of $wgGroupPermissions, in definition order.
pub fn permission_groups() -> impl Iterator<Item = &'static str> {
    GROUP_RIGHTS.iter().map(|(name, _)| *name)
}

/// One group's rights on a wiki in `config`, in definition order: the stock table less what the
/// named configurations take away ($wgGroupPermissions['*'] read, createaccount and writeapi;
/// editmyprivateinfo for '*' and 'user'), plus what the loaded extensions grant (ConfirmEdit:
/// `skipcaptcha` to bots and sysops; OATHAuth: `oathauth-enable` to users, its administration
/// rights to sysops), appended as extension.json's GroupPermissions merge them.
pub fn group_rights(config: &WikiConfig, group: &str) -> Vec<&'static str> {
    let withdrawn = |right: &str| match (group, right) {
        ("*", "read") => !config.anon_read,
        ("*", "createaccount") => !config.anon_create_account,
        ("*", "writeapi") => !config.anon_write_api,
        ("*" | "user", "editmyprivateinfo") => !config.edit_my_private_info,
        _ => false,
    };
    let mut rights: Vec<&'static str> = GROUP_RIGHTS
        .iter()
        .find(|(name, _)| *name == group)
        .map(|(_, list)| list.iter().copied().filter(|r| !withdrawn(r)).collect())
        .unwrap_or_default();
    if config.captcha.is_some() && matches!(group, "bot" | "sysop") {
        rights.push("skipcaptcha");
    }
    if config.oathauth.is_some() {
        match group {
            "user" => rights.push("oathauth-enable"),
            "sysop" => rights.extend([
                "oathauth-disable-for-user",
                "oathauth-verify-user",
                "oathauth-view-log",
            ]),
            _ => {}
        }
    }
    rights
}

/// The rights of these groups on a wiki in `config` (each group's [`group_rights`]), first
/// occurrence kept.
pub fn rights_in(config: &WikiConfig, groups: &[String]) -> Vec<String> {
    let mut rights: Vec<String> = Vec::new();
    for g in groups {
        for r in group_rights(config, g) {
            if !rights.iter().any(|x| x == r) {
                rights.push(r.to_string());
            }
        }
    }
    rights
}

fn strs(tag: &'static str, items: &[String]) -> Val {
    Val::tagged(tag, items.iter().map(|s| Val::Str(s.clone())).collect())
}

fn rate_limits(registered: bool, rights: &[String], mailpassword: Option<Window>) -> Val {
    if rights.iter().any(|r| r == "noratelimit") {
        return Val::map();
    }
    let w = |hits: i64, seconds: i64| Val::map().with("hits", hits).with("seconds", seconds);
    let table: &[(&str, i64, i64)] = if registered {
        &[
            ("edit", 90, 60),
            ("move", 8, 60),
            ("rollback", 10, 60),
            ("emailuser", 20, 86400),
            ("changeemail", 4, 86400),
            ("confirmemail", 4, 86400),
            ("purge", 30, 60),
            ("linkpurge", 30, 60),
            ("renderfile", 700, 30),
            ("renderfile-nonstandard", 70, 30),
            ("editcontentmodel", 8, 60),
        ]
    } else {
        &[
            ("edit", 8, 60),
            ("upload", 8, 60),
            ("mailpassword", 5, 3600),
            ("emailuser", 5, 86400),
            ("purge", 30, 60),
            ("linkpurge", 30, 60),
            ("renderfile", 700, 30),
            ("renderfile-nonstandard", 70, 30),
            ("stashedit", 30, 60),
            ("stashbasehtml", 5, 60),
            ("changetag", 8, 60),
        ]
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
    out
}

pub fn run(ctx: &mut Ctx) -> Result<Val, ApiError> {
    let props = ctx
        .multi_enum_param(PATH, "uiprop", PROPS, true)?
        .unwrap_or_default();
    ctx.req.get("uiattachedwiki");
    let has = |p: &str| props.iter().any(|x| x == p);
    let account = ctx.user().cloned();
    let registered = account.is_some();
    let mut v = Val::map();
    match &account {
        Some(a) => {
            v.set("id", a.id);
            v.set("name", a.name.as_str());
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
    let groups = effective_groups(&explicit, registered);
    let rights: Vec<String> = rights_in(ctx.config, &groups)
        .into_iter()
        .filter(|r| ctx.session_allows(r))
        .collect();
    if has("blockinfo") {
        match &account {
            Some(a) => {
                if let Some(block) = ctx.store.active_block(a.id, ctx.now) {
                    super::block::add_block_details(&mut v, block);
                }
            }
            None if ctx.config.dnsbl_listed.contains(&ctx.req.ip_name()) => {
                add_dnsbl_block(&mut v, ctx.now);
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
        v.set("options", default_options());
    }
    if has("editcount") {
        v.set("editcount", 0i64);
    }
    if has("ratelimits") {
        v.set(
            "ratelimits",
            rate_limits(registered, &rights, ctx.config.mailpassword_rate_limit),
        );
    }
    if has("theoreticalratelimits") {
        v.set(
            "theoreticalratelimits",
            rate_limits(registered, &[], ctx.config.mailpassword_rate_limit),
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
    Ok(v)
}

/// MediaWiki 1.39's default user options on the stock test wiki, as `uiprop=options` shows them
/// (captured from the real wiki into data/default-user-options.json). The mock's accounts never
/// change their preferences, so every user, anonymous or not, has these.
pub fn default_options() -> Val {
    static OPTIONS: std::sync::LazyLock<Vec<(String, serde_json::Value)>> =
        std::sync::LazyLock::new(|| {
            let text = include_str!("../../data/default-user-options.json");
            match serde_json::from_str::<serde_json::Value>(text) {
                Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
                _ => Vec::new(),
            }
        });
    Val::Map(
        OPTIONS
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    serde_json::Value::Bool(b) => Val::NativeBool(*b),
                    serde_json::Value::Number(n) => Val::Int(n.as_i64().unwrap_or(0)),
                    serde_json::Value::String(text) => Val::Str(text.clone()),
                    _ => Val::Null,
                };
                (key.clone(), value)
            })
            .collect(),
    )
}

/// BlockManager's system block for an anonymous caller whose IP the DNS blacklist lists: no id,
/// no blocker, anonymous users only, made "now"; its reason is the message's unexpanded text.
fn add_dnsbl_block(v: &mut Val, now: u64) {
    use super::super::store::{human_date, iso8601};
    v.set("blockid", Val::Null);
    v.set("blockedby", "");
    v.set("blockedbyid", 0i64);
    v.set(
        "blockreason",
        super::super::messages::lookup("sorbsreason").unwrap_or_default(),
    );
    v.set("blockedtimestamp", iso8601(now));
    v.set("blockexpiry", "infinite");
    v.set("blockpartial", false);
    v.set("blocknocreate", false);
    v.set("blockanononly", true);
    v.set("blockedtimestampformatted", human_date(now));
    v.set("systemblocktype", "dnsbl");
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let rights = rights_of(&groups);
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
        assert_eq!(rights_of(&effective_groups(&[], false)).len(), 11);
    }
}
