//! What the user lists (list=allusers, list=users) show of an account beyond its row: the
//! groups one can be put in, the rights the wiki knows (and which of them everyone has
//! implicitly), an account's implicit groups, and its central ids.

use super::config::WikiConfig;
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

/// The implicit rights of a wiki in `config` (PermissionManager::getImplicitRights): its
/// release's and those of the loaded extensions.
pub fn implicit_rights(config: &WikiConfig) -> Vec<&'static str> {
    let release = config.release();
    let mut rights = release.implicit_rights.to_vec();
    if config.captcha.is_some() {
        rights.extend(release.captcha_rights.implicit);
    }
    if config.oathauth.is_some() {
        rights.extend(release.oathauth_rights.implicit);
    }
    rights
}

/// Every right of a wiki in `config`, sorted: the release's (its implicit ones included) and
/// the loaded extensions' available and implicit rights.
pub fn known_rights(config: &WikiConfig) -> Vec<&'static str> {
    let release = config.release();
    let mut rights = release.all_rights.to_vec();
    if config.captcha.is_some() {
        rights.extend(release.captcha_rights.available);
    }
    if config.oathauth.is_some() {
        rights.extend(release.oathauth_rights.available);
    }
    rights.extend(implicit_rights(config));
    rights.sort_unstable();
    rights.dedup();
    rights
}

/// PermissionManager::getUserPermissions for a listed account: a User object reads the request's
/// session, so every account listed in a bot-password session has only the rights the session's
/// grants allow (an account's own rights otherwise).
pub fn session_limited(ctx: &Ctx, rights: Vec<String>) -> Vec<String> {
    rights
        .into_iter()
        .filter(|r| ctx.session_allows(r))
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

#[cfg(test)]
mod tests {
    use super::*;
    use mwcheck_shared::MediaWikiVersion;

    fn config(name: &str, version: MediaWikiVersion) -> WikiConfig {
        WikiConfig {
            mediawiki: version,
            ..WikiConfig::named(name).expect("a named configuration")
        }
    }

    #[test]
    fn extensions_add_rights_and_1_43_makes_their_rate_limits_implicit() {
        let stock = known_rights(&config("default", MediaWikiVersion::V1_43));
        assert_eq!(stock.len(), 90);
        let captcha = config("captcha", MediaWikiVersion::V1_43);
        assert!(known_rights(&captcha).contains(&"skipcaptcha"));
        assert!(implicit_rights(&captcha).contains(&"badcaptcha"));
        let captcha_1_39 = config("captcha", MediaWikiVersion::V1_39);
        assert!(known_rights(&captcha_1_39).contains(&"skipcaptcha"));
        assert!(implicit_rights(&captcha_1_39).is_empty());
        let oath = known_rights(&config("oathauth", MediaWikiVersion::V1_43));
        assert!(oath.contains(&"oathauth-api-all") && oath.contains(&"verify-2fa"));
        assert!(oath.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
    }
}
