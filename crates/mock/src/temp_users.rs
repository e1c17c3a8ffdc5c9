//! Temporary accounts (MediaWiki 1.43's `$wgAutoCreateTempUser`): whether they are on for this
//! wiki and release, the names the generator pattern makes (`~2026-1`: the pattern's `$1` is the
//! year, a dash and the year's next serial number), and acquiring one for a session
//! (TempUserCreator::acquireAndStashName): the name already stashed in the session, else a new
//! one within the per-IP name-acquisition throttle, stashed as `TempUser:name`; creating the
//! account with that name (action=edit), and what marks an account as temporary (its name) and
//! which groups it is in.

use super::config::{TempAccountSettings, WikiConfig};
use super::context::Ctx;
use super::format::Val;
use super::release::TempAccountRules;
use super::session::RequestSession;
use super::store::{Account, Store};
use mwcheck_shared::civil;

/// The rules and settings of temporary accounts when this wiki hands them out: its release has
/// them and `$wgAutoCreateTempUser['enabled']` is set (TempUserCreator::isEnabled).
pub fn enabled(config: &WikiConfig) -> Option<(&'static TempAccountRules, &TempAccountSettings)> {
    let rules = config.release().temp_accounts.as_ref()?;
    Some((rules, config.temp_accounts.as_ref()?))
}

/// RealTempUserConfig::isTempName: whether `name` is a temporary account's name on this wiki
/// (temporary accounts on, and the name matches the generator pattern, which is the match
/// pattern when none is configured).
pub fn is_temp_name(config: &WikiConfig, name: &str) -> bool {
    enabled(config).is_some_and(|(rules, _)| {
        NamePattern::new(rules.gen_pattern).is_some_and(|pattern| pattern.is_match(name))
    })
}

/// siteinfo's `autocreatetempuser.matchPatterns` where temporary accounts are known (here: on):
/// the patterns that mark their names, the generator pattern when none is configured.
pub fn match_patterns(config: &WikiConfig) -> Option<Val> {
    let (rules, _) = enabled(config)?;
    Some(Val::List(vec![Val::Str(rules.gen_pattern.to_string())]))
}

/// ApiQueryUserInfo's `ratelimits` for a temporary account, a newbie: each action's `user`,
/// `ip` and `newbie` limits, in `$wgRateLimits` order; `mailpassword` is the wiki's own per-IP
/// limit; nothing for a user with `noratelimit`.
pub fn rate_limits(config: &WikiConfig, rights: &[String]) -> Val {
    let mut out = Val::map();
    let Some((rules, _)) = enabled(config) else {
        return out;
    };
    if rights.iter().any(|r| r == "noratelimit") {
        return out;
    }
    let release = config.release();
    let find = |table: &[(&str, i64, i64)], action: &str| {
        table
            .iter()
            .find(|(name, _, _)| *name == action)
            .map(|(_, hits, seconds)| (*hits, *seconds))
    };
    let mailpassword = config
        .mailpassword_rate_limit
        .map(|w| (i64::from(w.count), w.seconds as i64));
    for action in rules.rate_limit_actions {
        let ip = if *action == "mailpassword" {
            mailpassword
        } else {
            find(release.rate_limits_anon, action)
        };
        let categories = [
            ("user", find(release.rate_limits_user, action)),
            ("ip", ip),
            ("newbie", find(rules.rate_limits_newbie, action)),
        ];
        let mut limits = Val::map();
        for (category, limit) in categories {
            if let Some((hits, seconds)) = limit {
                limits.set(
                    category,
                    Val::map().with("hits", hits).with("seconds", seconds),
                );
            }
        }
        if !matches!(&limits, Val::Map(entries) if entries.is_empty()) {
            out.set(action, limits);
        }
    }
    out
}

/// UserGroupManager::getUserImplicitGroups for a temporary account: `*` and `temp` after its
/// explicit groups (it is neither `user` nor `autoconfirmed`).
pub fn groups_of_temp_account(explicit: &[String]) -> Vec<String> {
    let mut groups = explicit.to_vec();
    groups.extend(["*".to_string(), "temp".to_string()]);
    groups
}

/// TempUserCreator::create for the name acquired for this session: the account (no password,
/// no email) is added and the name leaves the session; None when the name is taken.
pub fn create_account(
    store: &mut Store,
    session: &mut RequestSession,
    name: &str,
    now: u64,
) -> Option<u64> {
    let id = store.insert(Account::new(name.to_string(), now))?;
    session.data.temp_user_name = None;
    Some(id)
}

/// AuthManager::beginAccountCreation's first step when the creator is a temporary account (so
/// that it is not tied to the account it registers): the session becomes anonymous (a new id, the
/// stashed name forgotten) and the `UserID` and `Token` cookies the client sent are deleted.
/// Whether the creator was temporary.
pub fn creator_leaves_temporary_account(ctx: &mut Ctx) -> bool {
    let temp = ctx
        .user()
        .is_some_and(|creator| is_temp_name(ctx.config, &creator.name));
    if !temp {
        return false;
    }
    ctx.session.data.user_id = 0;
    ctx.session.data.temp_user_name = None;
    ctx.session.reset_id();
    let prefix = ctx.config.cookie_prefix.clone();
    for suffix in ["UserID", "Token"] {
        let name = format!("{prefix}{suffix}");
        if ctx.req.cookie(&name).is_some() {
            ctx.cookies.push(format!(
                "{name}=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/; HttpOnly"
            ));
        }
    }
    true
}

/// A `prefix $1 suffix` pattern of `$wgAutoCreateTempUser` (TempUser\Pattern).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamePattern<'a> {
    prefix: &'a str,
    suffix: &'a str,
}

impl<'a> NamePattern<'a> {
    /// The pattern `text`, split at its `$1` (None when it has none, which MediaWiki refuses).
    pub fn new(text: &'a str) -> Option<NamePattern<'a>> {
        let (prefix, suffix) = text.split_once("$1")?;
        Some(NamePattern { prefix, suffix })
    }

    /// Pattern::generate: the name for a serial number, with the year before it when given.
    pub fn generate(&self, serial: u64, year: Option<i64>) -> String {
        let year = year.map(|y| format!("{y}-")).unwrap_or_default();
        format!("{}{year}{serial}{}", self.prefix, self.suffix)
    }

    /// Pattern::isMatch: the name starts with the prefix and ends with the suffix, which do
    /// not overlap.
    pub fn is_match(&self, name: &str) -> bool {
        name.starts_with(self.prefix)
            && name.ends_with(self.suffix)
            && name.len() >= self.prefix.len() + self.suffix.len()
    }
}

/// TempUserCreator::acquireName: the next generated name, or None when the IP has used up its
/// name-acquisition throttle or the name is taken (an account of that name exists). Counting
/// in the throttle and taking a serial number happen even when the name is then refused.
fn acquire_name(
    store: &mut Store,
    rules: &TempAccountRules,
    settings: &TempAccountSettings,
    ip: &str,
    now: u64,
) -> Option<String> {
    let throttle = &settings.name_acquisition_throttle;
    if store
        .temp_name_acquisitions
        .increase(throttle, None, ip, now)
        .is_some()
    {
        return None;
    }
    // MWTimestamp's year: the current UTC year.
    let year = rules.serial_by_year.then(|| civil(now).0);
    // DBSerialProvider::acquireIndex with one shard and the plain-numeric mapping.
    let serial = store
        .temp_user_serials
        .entry(year.unwrap_or(0))
        .or_insert(0);
    *serial += 1;
    let name = NamePattern::new(rules.gen_pattern)?.generate(*serial, year);
    store.by_name(&name).is_none().then_some(name)
}

/// How acquiring a name for a session went.
#[derive(Debug, PartialEq, Eq)]
pub enum Acquired {
    /// The name the session had stashed already (nothing was counted or written).
    Stashed(String),
    /// A new name, now stashed in the session (a serial number was taken: a database write).
    New(String),
    /// No name: the throttle refused, or the generated name is taken.
    Failed,
}

/// TempUserCreator::acquireAndStashName for the session of a request from `ip`.
pub fn acquire_and_stash(
    session: &mut RequestSession,
    store: &mut Store,
    enabled: (&TempAccountRules, &TempAccountSettings),
    ip: &str,
    now: u64,
) -> Acquired {
    if let Some(name) = &session.data.temp_user_name {
        return Acquired::Stashed(name.clone());
    }
    let (rules, settings) = enabled;
    match acquire_name(store, rules, settings, ip, now) {
        Some(name) => {
            session.data.temp_user_name = Some(name.clone());
            Acquired::New(name)
        }
        None => Acquired::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Window;
    use crate::release::MEDIAWIKI_1_43;
    use crate::session::SessionStore;

    /// 2026-12-06T19:48:44Z
    const NOW: u64 = 1_796_586_524;

    fn session() -> RequestSession {
        RequestSession::load(&SessionStore::default(), None, None, NOW, 3600)
    }

    fn rules() -> &'static TempAccountRules {
        MEDIAWIKI_1_43.temp_accounts.as_ref().unwrap()
    }

    #[test]
    fn patterns_put_year_and_serial_in_place_of_their_variable() {
        let pattern = NamePattern::new("~$1").unwrap();
        assert_eq!(pattern.generate(1, Some(2026)), "~2026-1");
        assert_eq!(pattern.generate(12, None), "~12");
        assert!(pattern.is_match("~2026-1") && pattern.is_match("~"));
        assert!(!pattern.is_match("Foo~"));
        let wrapped = NamePattern::new("*Unregistered $1*").unwrap();
        assert_eq!(wrapped.generate(3, None), "*Unregistered 3*");
        assert!(wrapped.is_match("*Unregistered 3*") && !wrapped.is_match("*Unregistered "));
        assert_eq!(NamePattern::new("no variable"), None);
    }

    #[test]
    fn a_session_keeps_its_name_and_new_sessions_count_up_by_year() {
        let mut store = Store::new(None);
        let settings = TempAccountSettings::stock();
        let mut first = session();
        let on = (rules(), &settings);
        let name = acquire_and_stash(&mut first, &mut store, on, "127.0.0.1", NOW);
        assert_eq!(name, Acquired::New("~2026-1".to_string()));
        assert_eq!(
            acquire_and_stash(&mut first, &mut store, on, "127.0.0.1", NOW),
            Acquired::Stashed("~2026-1".to_string())
        );
        let mut second = session();
        assert_eq!(
            acquire_and_stash(&mut second, &mut store, on, "127.0.0.1", NOW),
            Acquired::New("~2026-2".to_string())
        );
        // A new year starts at 1 again (2027-01-01T00:00:00Z).
        let mut third = session();
        assert_eq!(
            acquire_and_stash(&mut third, &mut store, on, "10.0.0.1", 1_798_761_600),
            Acquired::New("~2027-1".to_string())
        );
    }

    #[test]
    fn the_sixty_first_name_of_a_day_is_refused_per_ip() {
        let mut store = Store::new(None);
        let settings = TempAccountSettings::stock();
        assert_eq!(
            settings.name_acquisition_throttle,
            [Window {
                count: 60,
                seconds: 86_400
            }]
        );
        let on = (rules(), &settings);
        for n in 1..=60 {
            let got = acquire_and_stash(&mut session(), &mut store, on, "127.0.0.1", NOW);
            assert_eq!(got, Acquired::New(format!("~2026-{n}")));
        }
        let refused = acquire_and_stash(&mut session(), &mut store, on, "127.0.0.1", NOW);
        assert_eq!(refused, Acquired::Failed);
        let other_ip = acquire_and_stash(&mut session(), &mut store, on, "127.0.0.2", NOW);
        assert_eq!(other_ip, Acquired::New("~2026-61".to_string()));
        let next_day = NOW + 86_400;
        let later = acquire_and_stash(&mut session(), &mut store, on, "127.0.0.1", next_day);
        assert_eq!(later, Acquired::New("~2026-62".to_string()));
    }

    #[test]
    fn only_releases_with_temporary_accounts_enable_them() {
        use mwcheck_shared::MediaWikiVersion;
        let on = WikiConfig::named("temp-accounts").unwrap();
        let as_1_43 = on.clone().speaking(MediaWikiVersion::V1_43);
        assert!(enabled(&as_1_43).is_some());
        let as_1_39 = on.clone().speaking(MediaWikiVersion::V1_39);
        assert!(enabled(&as_1_39).is_none());
        let off = WikiConfig::default().speaking(MediaWikiVersion::V1_43);
        assert!(enabled(&off).is_none());
        // Names match the generator pattern only where temporary accounts are on.
        assert!(is_temp_name(&as_1_43, "~2026-1"));
        assert!(!is_temp_name(&as_1_43, "Admin"));
        assert!(!is_temp_name(&off, "~2026-1"));
        assert!(!is_temp_name(&as_1_39, "~2026-1"));
        assert_eq!(
            groups_of_temp_account(&[]),
            ["*".to_string(), "temp".to_string()]
        );
    }
}
