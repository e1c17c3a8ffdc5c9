//! Sessions: unguessable 32-character `[0-9a-v]` ids, the `<prefix>_session` cookie and when it is
//! set (only once something persists the session), per-session token secrets, the logged-in user
//! and AuthManager flow state, expiry after inactivity; and bot-password sessions, carried by the
//! `<prefix>_BPsession` cookie, which wins over the normal one and is deleted when stale.

use std::collections::{BTreeMap, HashMap, VecDeque};

pub use super::flows::{CaptchaSession, LoginFlow};
pub use super::secrets::{new_session_id, random_hex32, secret_rng};

/// What a session stores.
#[derive(Clone, Debug, Default)]
pub struct SessionData {
    /// wsTokenSecrets: secret key name -> 32 hex characters
    pub token_secrets: BTreeMap<String, String>,
    /// Logged-in user id (0 = anonymous)
    pub user_id: u64,
    /// An authentication flow waiting for `logincontinue`.
    pub login_flow: Option<LoginFlow>,
    /// A login answered RESTART: the next `logincontinue` authenticates afresh.
    pub login_restarted: bool,
    /// A linking RESTART left a create-from-login request (ApiAuthManagerHelper::createRequest).
    pub link_preserved: bool,
    /// An account creation through the `openid-connect` provider (REDIRECT, then 2FA set-up).
    pub openid_creation: Option<super::flows::OpenIdCreation>,
    /// The legacy 1.21 profile's account-creation token (32 hex; one account each).
    pub legacy_create_token: Option<String>,
    /// Unix time of the last request that used the session.
    pub last_active: u64,
    /// Unix time of the last login (for securitysensitiveoperation).
    pub logged_in_at: u64,
    /// ConfirmEdit's captchas and flag.
    pub captcha: CaptchaSession,
    /// Set for a bot-password session (BotPasswordSessionProvider).
    pub bot: Option<BotSession>,
    /// `TempUser:name`: the temporary account name acquired for this session (temp_users.rs).
    pub temp_user_name: Option<String>,
}

/// The metadata of a bot-password session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BotSession {
    pub app_id: String,
    /// The rights its grants allow (the user's other rights are withheld).
    pub rights: Vec<String>,
}

/// The most sessions kept at once: past it the least recently used go first, so a stream of
/// cookie-less requests (each of which may start a session) cannot grow the mock without bound.
pub const MAX_SESSIONS: usize = 20_000;

/// All stored sessions, and the order they were last saved in (for expiry and the bound).
#[derive(Debug, Default)]
pub struct SessionStore {
    sessions: HashMap<String, SessionData>,
    /// (id, `last_active` when saved), oldest first. A session saved again has a later entry;
    /// an entry whose time no longer matches its session (or whose session is gone) is stale and
    /// dropped when it comes to the front.
    saved: VecDeque<(String, u64)>,
    /// Captcha id -> the session storing it, so the answer is found without a scan.
    captchas: HashMap<String, String>,
}

impl SessionStore {
    /// The answer of the captcha stored under `id` in any session (for the mock-only test
    /// endpoint); found through an index, not a scan of the sessions.
    pub fn captcha_answer(&self, id: &str) -> Option<&str> {
        let session = self.captchas.get(id)?;
        self.sessions.get(session)?.captcha.answer(id)
    }

    /// How many sessions are stored.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    fn save(&mut self, id: String, data: SessionData) {
        self.saved.push_back((id.clone(), data.last_active));
        for captcha in data.captcha.ids() {
            self.captchas.insert(captcha.to_owned(), id.clone());
        }
        if let Some(old) = self.sessions.insert(id.clone(), data) {
            let kept = &self.sessions[&id].captcha;
            for captcha in old.captcha.ids() {
                if kept.answer(captcha).is_none() {
                    self.captchas.remove(captcha);
                }
            }
        }
    }

    fn remove(&mut self, id: &str) {
        if let Some(data) = self.sessions.remove(id) {
            for captcha in data.captcha.ids() {
                self.captchas.remove(captcha);
            }
        }
    }

    /// Drops the sessions idle for longer than `expiry` seconds (as MediaWiki's session store
    /// forgets them, $wgObjectCacheSessionExpiry), then the least recently used beyond
    /// [`MAX_SESSIONS`].
    fn evict(&mut self, now: u64, expiry: u64) {
        while let Some((id, at)) = self.saved.front() {
            let current = self.sessions.get(id).map(|data| data.last_active);
            if current != Some(*at) {
                self.saved.pop_front();
                continue;
            }
            if at.saturating_add(expiry) >= now && self.sessions.len() <= MAX_SESSIONS {
                break;
            }
            if let Some((id, _)) = self.saved.pop_front() {
                self.remove(&id);
            }
        }
        // Stale entries behind the front (sessions saved again and again) are compacted away.
        if self.saved.len() > 2 * self.sessions.len() + 1024 {
            let mut order: Vec<(String, u64)> = self
                .sessions
                .iter()
                .map(|(id, data)| (id.clone(), data.last_active))
                .collect();
            order.sort_by_key(|(_, at)| *at);
            self.saved = order.into();
        }
    }
}

/// SessionManager::validateSessionId
fn valid_session_id(id: &str) -> bool {
    id.len() >= 32
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The session as seen by one request.
#[derive(Debug)]
pub struct RequestSession {
    pub id: String,
    pub data: SessionData,
    /// It exists in the store (the client sent its cookie).
    known: bool,
    /// Something asked for it to be persisted.
    persist: bool,
    /// The id changed (login): the new cookie must be sent.
    id_changed: bool,
    /// The id the client sent, if it was stored (removed on id reset).
    old_id: Option<String>,
    /// The client sent a syntactically invalid session cookie.
    cookie_malformed: bool,
    /// The client sent a bot-password session cookie naming no live bot-password session.
    bot_cookie_stale: bool,
    /// A bot-password session opened by this request (id and data), saved by `finish`.
    new_bot_session: Option<(String, SessionData)>,
}

impl RequestSession {
    /// Loads the session named by the client's cookies, or starts an unsaved anonymous one. A
    /// bot-password session cookie (`bot_cookie`, only looked at while bot passwords are enabled)
    /// comes first; the normal cookie never names a bot-password session.
    pub fn load(
        store: &SessionStore,
        cookie: Option<&str>,
        bot_cookie: Option<&str>,
        now: u64,
        expiry: u64,
    ) -> RequestSession {
        let live = |id: &str, bot: bool| {
            store
                .sessions
                .get(id)
                .filter(|data| data.bot.is_some() == bot && data.last_active + expiry >= now)
                .cloned()
        };
        let mut bot_cookie_stale = false;
        if let Some(id) = bot_cookie.filter(|id| valid_session_id(id)) {
            match live(id, true) {
                Some(data) => return RequestSession::known(id, data),
                None => bot_cookie_stale = true,
            }
        }
        let mut malformed = false;
        // A well-formed cookie for an unknown or expired session still marks the session as
        // persistent: it gets a fresh id and the new cookie is sent.
        let mut persist = false;
        if let Some(id) = cookie {
            if valid_session_id(id) {
                persist = true;
                if let Some(data) = live(id, false) {
                    let mut session = RequestSession::known(id, data);
                    session.bot_cookie_stale = bot_cookie_stale;
                    return session;
                }
            } else {
                malformed = true;
            }
        }
        RequestSession {
            id: new_session_id(),
            data: SessionData::default(),
            known: false,
            persist,
            id_changed: false,
            old_id: None,
            cookie_malformed: malformed,
            bot_cookie_stale,
            new_bot_session: None,
        }
    }

    /// A stored session the client named.
    fn known(id: &str, data: SessionData) -> RequestSession {
        RequestSession {
            id: id.to_string(),
            data,
            known: true,
            persist: true,
            id_changed: false,
            old_id: Some(id.to_string()),
            cookie_malformed: false,
            bot_cookie_stale: false,
            new_bot_session: None,
        }
    }

    /// Whether this is a bot-password session (its provider cannot change the user).
    pub fn is_bot(&self) -> bool {
        self.data.bot.is_some()
    }

    /// BotPasswordSessionProvider::newSessionForRequest: opens a bot-password session for
    /// `user_id` beside this one; it is saved and its cookie sent when the request finishes.
    pub fn start_bot_session(&mut self, user_id: u64, bot: BotSession, now: u64) {
        let data = SessionData {
            user_id,
            logged_in_at: now,
            bot: Some(bot),
            ..SessionData::default()
        };
        self.new_bot_session = Some((new_session_id(), data));
    }

    /// Session::persist()
    pub fn persist(&mut self) {
        self.persist = true;
    }

    #[cfg(test)]
    pub fn is_persistent(&self) -> bool {
        self.persist
    }

    /// The secret stored under `key`, created on first use.
    pub fn token_secret(&mut self, key: &str) -> String {
        self.data
            .token_secrets
            .entry(key.to_string())
            .or_insert_with(random_hex32)
            .clone()
    }

    /// Session::resetId(): a new id (cookie re-sent); the old id stops working.
    pub fn reset_id(&mut self) {
        self.id = new_session_id();
        self.id_changed = true;
        self.persist = true;
    }

    /// Session::unpersist() after logout: the session is forgotten (its data and token secrets
    /// with it) and no cookie is sent for it; deleting the client's cookies is the caller's part.
    pub fn unpersist(&mut self) {
        self.data = SessionData::default();
        self.persist = false;
        self.id_changed = false;
    }

    /// Session::resetAllTokens()
    pub fn reset_all_tokens(&mut self) {
        self.data.token_secrets.clear();
    }

    /// Saves the session and returns the Set-Cookie values for it; sessions idle for longer than
    /// `expiry` seconds, and the least recently used beyond the bound, are forgotten.
    pub fn finish(
        mut self,
        store: &mut SessionStore,
        cookie_prefix: &str,
        now: u64,
        expiry: u64,
    ) -> Vec<String> {
        let mut cookies = Vec::new();
        let bot_session = self.new_bot_session.take();
        if self.bot_cookie_stale {
            cookies.push(format!(
                "{cookie_prefix}_BPsession=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/; HttpOnly"
            ));
        }
        if self.cookie_malformed {
            cookies.push(format!(
                "{cookie_prefix}_session=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/; HttpOnly"
            ));
        }
        if let Some(old) = &self.old_id
            && (*old != self.id || !self.persist)
        {
            store.remove(old);
        }
        if self.persist {
            self.data.last_active = now;
            if !self.known || self.id_changed {
                let name = if self.is_bot() {
                    "BPsession"
                } else {
                    "session"
                };
                cookies.push(format!(
                    "{cookie_prefix}_{name}={}; path=/; HttpOnly",
                    self.id
                ));
            }
            store.save(self.id.clone(), self.data);
        }
        if let Some((id, mut data)) = bot_session {
            data.last_active = now;
            cookies.push(format!("{cookie_prefix}_BPsession={id}; path=/; HttpOnly"));
            store.save(id, data);
        }
        store.evict(now, expiry);
        cookies
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_32_base32_chars_and_differ() {
        let a = new_session_id();
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(&b))
        );
        assert_ne!(a, new_session_id());
    }

    #[test]
    fn ids_are_distinct_over_many_and_use_the_whole_alphabet() {
        const COUNT: usize = 100_000;
        let ids: Vec<String> = (0..COUNT).map(|_| new_session_id()).collect();
        let distinct: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), COUNT);
        // Every position takes every one of the 32 digits (5 bits each, 160 in all); a position
        // stuck on fewer would carry fewer bits. (Missing a digit by chance: < 32·(31/32)^100000.)
        for position in 0..32 {
            let seen: std::collections::HashSet<u8> =
                ids.iter().map(|id| id.as_bytes()[position]).collect();
            assert_eq!(seen.len(), 32, "position {position}");
            assert!(
                seen.iter()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'v').contains(b))
            );
        }
    }

    #[test]
    fn token_secrets_are_distinct_lowercase_hex() {
        const COUNT: usize = 100_000;
        let secrets: std::collections::HashSet<String> =
            (0..COUNT).map(|_| random_hex32()).collect();
        assert_eq!(secrets.len(), COUNT);
        for secret in &secrets {
            assert_eq!(secret.len(), 32);
            assert!(
                secret
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            );
        }
        // Each of the 16 bytes takes all 256 values somewhere.
        for byte in 0..16 {
            let seen: std::collections::HashSet<&str> =
                secrets.iter().map(|s| &s[2 * byte..2 * byte + 2]).collect();
            assert_eq!(seen.len(), 256, "byte {byte}");
        }
    }

    /// A new persisted session saved at `now`; its id.
    fn saved_session(store: &mut SessionStore, now: u64) -> String {
        let mut s = RequestSession::load(store, None, None, now, 3600);
        s.persist();
        let id = s.id.clone();
        s.finish(store, "p", now, 3600);
        id
    }

    #[test]
    fn idle_sessions_are_forgotten_and_used_ones_kept() {
        let mut store = SessionStore::default();
        let idle = saved_session(&mut store, 100);
        let used = saved_session(&mut store, 100);
        // `used` is used again at 3000; at 3701 `idle` has been idle longer than an hour.
        let s = RequestSession::load(&store, Some(&used), None, 3000, 3600);
        assert!(s.known);
        s.finish(&mut store, "p", 3000, 3600);
        saved_session(&mut store, 3701);
        assert!(
            !store.sessions.contains_key(&idle),
            "an expired session is kept"
        );
        assert!(store.sessions.contains_key(&used));
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn the_table_is_bounded_and_the_least_recently_used_go_first() {
        let mut store = SessionStore::default();
        let first = saved_session(&mut store, 1);
        let second = saved_session(&mut store, 2);
        // The first is used again: the second is now the least recently used.
        let s = RequestSession::load(&store, Some(&first), None, 3, 3600);
        s.finish(&mut store, "p", 3, 3600);
        for _ in 0..MAX_SESSIONS {
            saved_session(&mut store, 4);
        }
        assert_eq!(store.len(), MAX_SESSIONS);
        assert!(!store.sessions.contains_key(&second));
        assert!(
            !store.sessions.contains_key(&first),
            "evicted after the newer ones came"
        );
        // Saving one session over and over keeps the order queue bounded too.
        let kept = saved_session(&mut store, 5);
        for now in 6..20_000 {
            let s = RequestSession::load(&store, Some(&kept), None, now, 1_000_000);
            s.finish(&mut store, "p", now, 1_000_000);
        }
        assert!(store.saved.len() <= 2 * store.len() + 1024 + 1);
        assert!(store.sessions.contains_key(&kept));
    }

    #[test]
    fn a_captcha_answer_is_found_by_its_id_while_its_session_keeps_it() {
        use super::super::captcha::CaptchaQuestion;
        let mut store = SessionStore::default();
        let mut s = RequestSession::load(&store, None, None, 100, 3600);
        s.persist();
        let question = CaptchaQuestion {
            question: "q".into(),
            answers: vec!["word".into()],
        };
        s.data.captcha.store("17".into(), question.clone());
        let id = s.id.clone();
        s.finish(&mut store, "p", 100, 3600);
        assert_eq!(store.captcha_answer("17"), Some("word"));
        assert_eq!(store.captcha_answer("18"), None);
        // The session gets a new id: the captcha is found under it.
        let mut s = RequestSession::load(&store, Some(&id), None, 101, 3600);
        s.reset_id();
        s.finish(&mut store, "p", 101, 3600);
        assert_eq!(store.captcha_answer("17"), Some("word"));
        // Saved without it (checked and cleared): gone from the index too.
        let id = store.captchas["17"].clone();
        let mut s = RequestSession::load(&store, Some(&id), None, 102, 3600);
        s.data.captcha = Default::default();
        s.data.captcha.store("19".into(), question);
        s.finish(&mut store, "p", 102, 3600);
        assert_eq!(store.captcha_answer("17"), None);
        assert!(!store.captchas.contains_key("17"));
        // Its session expires: so does the entry.
        saved_session(&mut store, 102 + 3601);
        assert_eq!(store.captcha_answer("19"), None);
        assert!(store.captchas.is_empty());
    }

    #[test]
    fn cookie_only_once_persisted() {
        let mut store = SessionStore::default();
        let s = RequestSession::load(&store, None, None, 100, 3600);
        assert!(s.finish(&mut store, "my_wiki", 100, 3600).is_empty());
        let mut s = RequestSession::load(&store, None, None, 100, 3600);
        s.persist();
        let id = s.id.clone();
        let cookies = s.finish(&mut store, "my_wiki", 100, 3600);
        assert_eq!(
            cookies,
            vec![format!("my_wiki_session={id}; path=/; HttpOnly")]
        );
        // Known session: no cookie again.
        let s = RequestSession::load(&store, Some(&id), None, 200, 3600);
        assert!(s.known);
        assert!(s.finish(&mut store, "my_wiki", 200, 3600).is_empty());
        // Expired: a new id, sent as a new cookie.
        let s = RequestSession::load(&store, Some(&id), None, 200 + 3601, 3600);
        assert!(!s.known);
        assert_ne!(s.id, id);
        assert_eq!(s.finish(&mut store, "my_wiki", 3801, 3600).len(), 1);
    }

    #[test]
    fn malformed_cookie_is_deleted() {
        let mut store = SessionStore::default();
        let s = RequestSession::load(&store, Some("bad!"), None, 1, 3600);
        let cookies = s.finish(&mut store, "my_wiki", 1, 3600);
        assert_eq!(cookies.len(), 1);
        assert!(cookies[0].starts_with(
            "my_wiki_session=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0"
        ));
    }

    #[test]
    fn bot_sessions_use_their_own_cookie() {
        let mut store = SessionStore::default();
        let mut s = RequestSession::load(&store, None, None, 1, 3600);
        s.persist();
        let main = s.id.clone();
        let bot = BotSession {
            app_id: "app".into(),
            rights: vec!["read".into()],
        };
        s.start_bot_session(1, bot, 1);
        let cookies = s.finish(&mut store, "p", 1, 3600);
        assert_eq!(cookies.len(), 2);
        let bot_id = cookies[1]
            .strip_prefix("p_BPsession=")
            .and_then(|c| c.strip_suffix("; path=/; HttpOnly"))
            .unwrap()
            .to_string();
        // The bot cookie wins over the normal one.
        let s = RequestSession::load(&store, Some(&main), Some(&bot_id), 2, 3600);
        assert!(s.is_bot());
        assert_eq!(s.data.user_id, 1);
        assert!(s.finish(&mut store, "p", 2, 3600).is_empty());
        // The normal cookie never names a bot session.
        let s = RequestSession::load(&store, Some(&bot_id), None, 3, 3600);
        assert!(!s.known && !s.is_bot());
        // A stale bot cookie is deleted and the normal session is used.
        let stale = new_session_id();
        let s = RequestSession::load(&store, Some(&main), Some(&stale), 4, 3600);
        assert!(s.known && !s.is_bot());
        let cookies = s.finish(&mut store, "p", 4, 3600);
        assert_eq!(cookies.len(), 1);
        assert!(cookies[0].starts_with("p_BPsession=deleted; expires=Thu, 01 Jan 1970"));
    }

    #[test]
    fn reset_id_drops_the_old_session() {
        let mut store = SessionStore::default();
        let mut s = RequestSession::load(&store, None, None, 1, 3600);
        s.persist();
        let old = s.id.clone();
        s.finish(&mut store, "p", 1, 3600);
        let mut s = RequestSession::load(&store, Some(&old), None, 2, 3600);
        s.reset_id();
        let new = s.id.clone();
        let cookies = s.finish(&mut store, "p", 2, 3600);
        assert_eq!(cookies, vec![format!("p_session={new}; path=/; HttpOnly")]);
        assert!(!RequestSession::load(&store, Some(&old), None, 3, 3600).known);
    }
}
