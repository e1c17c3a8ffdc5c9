//! Users' groups and rights: the implicit groups every user is in, and a group's rights on a wiki
//! in a given configuration: its release's stock $wgGroupPermissions (`group_permissions.rs`),
//! less what the named configurations withdraw, plus what ConfirmEdit and OATHAuth grant.

use super::config::WikiConfig;
use super::group_permissions::GroupPermissions;

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

/// Rights of a set of groups in a stock install, first occurrence kept.
pub fn rights_of(stock: &GroupPermissions, groups: &[String]) -> Vec<String> {
    let mut rights: Vec<String> = Vec::new();
    for g in groups {
        if let Some((_, list)) = stock.groups.iter().find(|(name, _)| name == g) {
            for r in *list {
                if !rights.iter().any(|x| x == r) {
                    rights.push(r.to_string());
                }
            }
        }
    }
    rights
}

/// The groups of $wgGroupPermissions on a wiki in `config`, in definition order.
pub fn permission_groups(config: &WikiConfig) -> impl Iterator<Item = &'static str> {
    config
        .release()
        .group_permissions
        .groups
        .iter()
        .map(|(name, _)| *name)
}

/// One group's rights on a wiki in `config`, in definition order: the stock table less what the
/// named configurations take away ($wgGroupPermissions['*'] read, createaccount and writeapi
/// where the release has that right;
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
    let mut rights: Vec<&'static str> = config
        .release()
        .group_permissions
        .groups
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
