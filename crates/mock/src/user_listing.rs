//! What the user lists (list=allusers, list=users) show of an account beyond its row: the
//! groups one can be put in, an account's implicit groups, and its central ids.

use super::context::Ctx;
use super::format::Val;
use super::rights::{effective_groups, permission_groups};
use super::store::Account;
use super::temp_users;

/// The groups a user can be put in (UserGroupManager::listAllGroups): those of
/// $wgGroupPermissions but the implicit ones.
pub fn explicit_groups(ctx: &Ctx) -> Vec<&'static str> {
    permission_groups(ctx.config)
        .filter(|g| !matches!(*g, "*" | "user" | "autoconfirmed"))
        .collect()
}

/// The implicit groups of an account (UserGroupManager::getUserImplicitGroups).
pub fn implicit_groups(ctx: &Ctx, account: &Account) -> Vec<String> {
    if temp_users::is_temp_name(ctx.config, &account.name) {
        temp_users::groups_of_temp_account(&[])
    } else {
        effective_groups(&[], true)
    }
}

/// CentralIdLookup's view of a local account (ApiQueryUserInfo::getCentralUserInfo): its
/// central id, attached here, and whether attached to `wiki` when one is named.
pub fn add_central_ids(ctx: &Ctx, v: &mut Val, account: &Account, wiki: Option<&str>) {
    v.set("centralids", Val::map().with("local", account.id));
    v.set("attachedlocal", Val::map().with("local", true));
    if let Some(wiki) = wiki.filter(|w| !w.is_empty()) {
        // The wiki id is the database name, which $wgCookiePrefix defaults to.
        let here = wiki == ctx.config.cookie_prefix;
        v.set("attachedwiki", Val::map().with("local", here));
    }
}
