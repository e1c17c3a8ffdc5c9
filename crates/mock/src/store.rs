//! The wiki's data: user accounts (id, canonical name, password hash, email, real name, groups,
//! registration time, temporary password and when it was sent), user blocks (the `block` table),
//! the outbox of sent mails (optionally mirrored to a JSON-lines file), bot passwords, and the
//! counters of the password attempt throttles (main-account and bot-password logins count apart)
//! and of the account creation throttle. Accounts are indexed by name, and their ids are their
//! positions (1, 2, …; MediaWiki never deletes a user row), so lookups stay O(1) with a million.

use indexmap::IndexMap;
use std::io::Write as _;
use std::path::PathBuf;

use super::Mail;
use super::bot_passwords::BotPasswords;
use super::rate_counter::RateCounters;
use super::throttle::Throttler;
use mwcheck_shared::civil;

/// User::INVALID_TOKEN: the user_token of system users.
const INVALID_USER_TOKEN: &str = "*** INVALID ***";

/// The name of the system user the installer creates to author the Main Page.
pub const INSTALLER_USER: &str = "MediaWiki default";

/// One user account (a `user` table row plus group memberships).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: u64,
    pub name: String,
    /// Hash of the main password (empty when the account has none).
    pub password_hash: String,
    pub email: String,
    pub realname: String,
    /// Explicit groups in the order MediaWiki lists them (alphabetical).
    pub groups: Vec<String>,
    /// Unix time of registration.
    pub registration: u64,
    /// user_newpassword: hash of the temporary password, if one was sent.
    pub temp_password_hash: Option<String>,
    /// user_newpass_time: unix time the temporary password was set.
    pub temp_password_time: Option<u64>,
    /// user_token (32 hex), used for the remember-me cookie.
    pub token: String,
    /// user_password_expires: unix time the main password expires (None: never).
    pub password_expires: Option<u64>,
    /// user_properties: the options the user set away from the defaults, (name, value) in the
    /// order they were first set (action=options writes them).
    pub options: Vec<(String, String)>,
}

impl Account {
    /// A new `user` row registered at `registration`: no password, email, real name or group, and
    /// a fresh user_token; [`Store::insert`] gives it its id.
    pub fn new(name: String, registration: u64) -> Account {
        Account {
            id: 0,
            name,
            password_hash: String::new(),
            email: String::new(),
            realname: String::new(),
            groups: Vec::new(),
            registration,
            temp_password_hash: None,
            temp_password_time: None,
            token: super::session::random_hex32(),
            password_expires: None,
            options: Vec::new(),
        }
    }

    /// The installer's system user (`MediaWiki default`, the author of the Main Page): a `user`
    /// row with no password, no email and the invalid user_token, so no one can log in as it
    /// (User::isSystemUser).
    pub fn system_user(name: &str, registration: u64) -> Account {
        Account {
            token: INVALID_USER_TOKEN.to_string(),
            ..Account::new(name.to_string(), registration)
        }
    }

    /// User::isSystemUser: no email, the invalid token and no password to authenticate with.
    pub fn is_system_user(&self) -> bool {
        self.email.is_empty() && self.token == INVALID_USER_TOKEN && self.password_hash.is_empty()
    }

    /// The value the user set for option `name`, if they set one.
    pub fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// UserOptionsLookup::getBoolOption( 'requireemail' ): password resets for this user need
    /// both its name and its address (the default is off).
    pub fn requires_email_for_reset(&self) -> bool {
        self.option("requireemail")
            .is_some_and(|v| !v.is_empty() && v != "0")
    }
}

/// An account for [`super::MockWiki::import_accounts`]: its name, its password's stored hash and
/// its email address (may be empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedAccount {
    pub name: String,
    pub password_hash: String,
    pub email: String,
}

/// A block of one user account (a `block` row with a `block_target` user).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub id: u64,
    pub target_id: u64,
    pub target_name: String,
    pub by_id: u64,
    pub by_name: String,
    pub reason: String,
    /// Unix time the block was first placed (kept on reblock).
    pub timestamp: u64,
    /// Unix time it ends; `None` is infinite.
    pub expiry: Option<u64>,
    /// Account creation disabled (`bl_create_account`).
    pub nocreate: bool,
    pub noemail: bool,
    pub allowusertalk: bool,
}

impl Block {
    pub fn is_active(&self, now: u64) -> bool {
        self.expiry.is_none_or(|e| e > now)
    }
}

/// Accounts, blocks and mails.
#[derive(Debug, Default)]
pub struct Store {
    /// By canonical name, in id order (the account with id N is at index N - 1).
    accounts: IndexMap<String, Account>,
    /// The same names in byte order (the `user_name` index list=allusers walks).
    sorted_names: std::collections::BTreeSet<String>,
    blocks: Vec<Block>,
    /// The last block id handed out (ids are never reused, as the table's AUTOINCREMENT).
    last_block_id: u64,
    outbox: Vec<Mail>,
    outbox_file: Option<PathBuf>,
    /// $wgPasswordAttemptThrottle counters (kept in the object cache by MediaWiki).
    pub password_attempts: Throttler,
    /// Other integers in the object cache (ConfirmEdit's bad-login counters, rate limits,
    /// OATHAuth's last used TOTP window).
    pub counters: RateCounters,
    /// The same throttle for bot-password logins (Throttler type `botpassword`).
    pub bot_password_attempts: Throttler,
    /// The `bot_passwords` table.
    pub bot_passwords: BotPasswords,
    /// $wgAccountCreationThrottle counters (per IP, in the object cache too).
    pub account_creations: Throttler,
    /// The `openid-connect` configuration's provider: the codes it issued.
    pub openid_codes: super::flows::IssuedCodes,
    /// $wgTempAccountNameAcquisitionThrottle counters (per IP, in the object cache).
    pub temp_name_acquisitions: Throttler,
    /// The active-users cache and the recent changes it counts.
    pub active_users: super::active_users::ActiveUsers,
    /// The wiki's pages (action=edit).
    pub pages: super::pages::Pages,
    /// The `user_autocreate_serial` table: the last temporary-account serial number handed out,
    /// by year (0 when the serial provider does not number by year).
    pub temp_user_serials: std::collections::BTreeMap<i64, u64>,
}

impl Store {
    pub fn new(outbox_file: Option<PathBuf>) -> Store {
        Store {
            accounts: IndexMap::new(),
            sorted_names: Default::default(),
            blocks: Vec::new(),
            last_block_id: 0,
            outbox: Vec::new(),
            outbox_file,
            password_attempts: Throttler::default(),
            counters: RateCounters::default(),
            bot_password_attempts: Throttler::default(),
            bot_passwords: BotPasswords::default(),
            account_creations: Throttler::default(),
            openid_codes: Default::default(),
            temp_name_acquisitions: Throttler::default(),
            temp_user_serials: Default::default(),
            pages: Default::default(),
            active_users: Default::default(),
        }
    }

    /// Adds an account with the next id and returns that id; adds nothing and gives None when an
    /// account has that name already (user_name is unique: User::addToDatabase's `userexists`).
    pub fn insert(&mut self, mut account: Account) -> Option<u64> {
        if self.accounts.contains_key(&account.name) {
            return None;
        }
        let id = self.accounts.len() as u64 + 1;
        account.id = id;
        account.groups.sort();
        self.sorted_names.insert(account.name.clone());
        self.accounts.insert(account.name.clone(), account);
        Some(id)
    }

    /// SiteStats' user count (ss_users): the accounts, but for system users, which the
    /// installer adds without counting.
    pub fn site_stats_users(&self) -> usize {
        self.accounts
            .values()
            .filter(|a| !a.is_system_user())
            .count()
    }

    /// Every account's name in byte order.
    pub fn names_in_order(&self) -> &std::collections::BTreeSet<String> {
        &self.sorted_names
    }

    /// Every account's name, by id.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.accounts.keys().map(String::as_str)
    }

    /// The account with this canonical name (exact match).
    pub fn by_name(&self, name: &str) -> Option<&Account> {
        self.accounts.get(name)
    }

    /// Every account, by id.
    pub fn accounts(&self) -> impl ExactSizeIterator<Item = &Account> {
        self.accounts.values()
    }

    pub fn by_id(&self, id: u64) -> Option<&Account> {
        let index = usize::try_from(id.checked_sub(1)?).ok()?;
        self.accounts.get_index(index).map(|(_, account)| account)
    }

    /// The account, to change anything but its id and name (the index is by name).
    pub fn by_id_mut(&mut self, id: u64) -> Option<&mut Account> {
        let index = usize::try_from(id.checked_sub(1)?).ok()?;
        self.accounts
            .get_index_mut(index)
            .map(|(_, account)| account)
    }

    /// Accounts whose email is exactly `email` (case-sensitive, like `user_email = …`), by id.
    pub fn by_email(&self, email: &str) -> Vec<&Account> {
        self.accounts
            .values()
            .filter(|a| !email.is_empty() && a.email == email)
            .collect()
    }

    /// The block in force on this account at `now`, if any.
    pub fn active_block(&self, user_id: u64, now: u64) -> Option<&Block> {
        self.blocks
            .iter()
            .find(|b| b.target_id == user_id && b.is_active(now))
    }

    /// Places a block: replaces the account's existing block (keeping its id and start time) or
    /// adds one with the next id. Returns the block as stored.
    pub fn place_block(&mut self, mut block: Block) -> Block {
        if let Some(old) = self
            .blocks
            .iter_mut()
            .find(|b| b.target_id == block.target_id)
        {
            block.id = old.id;
            if old.is_active(block.timestamp) {
                block.timestamp = old.timestamp;
            }
            *old = block.clone();
            return block;
        }
        self.last_block_id += 1;
        block.id = self.last_block_id;
        self.blocks.push(block.clone());
        block
    }

    /// The block in force with id `id` at `now`, if any.
    pub fn active_block_by_id(&self, id: u64, now: u64) -> Option<&Block> {
        self.blocks.iter().find(|b| b.id == id && b.is_active(now))
    }

    /// Removes the block with id `id` (an unblock), returning it.
    pub fn remove_block(&mut self, id: u64) -> Option<Block> {
        let index = self.blocks.iter().position(|b| b.id == id)?;
        Some(self.blocks.remove(index))
    }

    /// Records a mail (and appends it to the outbox file when configured).
    pub fn send_mail(&mut self, mail: Mail) {
        if let Some(path) = &self.outbox_file
            && let Ok(line) = serde_json::to_string(&mail)
            && let Ok(mut file) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
        {
            // A write failure must not break the request; the in-memory outbox still has it.
            let _ = writeln!(file, "{line}");
        }
        self.outbox.push(mail);
    }

    pub fn outbox(&self) -> &[Mail] {
        &self.outbox
    }
}

/// A user's date and time in the wiki's default format (`05:54, 23 November 2026`, UTC).
pub fn human_date(unix: u64) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (y, mo, d, h, mi, _) = civil(unix);
    let month = MONTHS[(mo as usize).saturating_sub(1) % 12];
    format!("{h:02}:{mi:02}, {d} {month} {y}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use mwcheck_shared::iso8601;

    fn account(name: &str, email: &str) -> Account {
        Account {
            id: 0,
            name: name.into(),
            password_hash: String::new(),
            email: email.into(),
            realname: String::new(),
            groups: vec!["sysop".into(), "bureaucrat".into()],
            registration: 0,
            temp_password_hash: None,
            temp_password_time: None,
            token: String::new(),
            password_expires: None,
            options: Vec::new(),
        }
    }

    #[test]
    fn requireemail_is_an_option_the_user_set() {
        let mut a = account("A", "a@example.org");
        assert!(!a.requires_email_for_reset());
        a.options.push(("requireemail".into(), "1".into()));
        assert!(a.requires_email_for_reset());
        a.options[0].1 = "0".into();
        assert!(!a.requires_email_for_reset());
    }

    #[test]
    fn ids_names_and_emails() {
        let mut s = Store::new(None);
        assert_eq!(s.insert(account("Admin", "")), Some(1));
        assert_eq!(s.insert(account("B", "x@y.org")), Some(2));
        assert_eq!(s.insert(account("C", "x@y.org")), Some(3));
        assert_eq!(s.insert(account("B", "")), None, "names are unique");
        assert_eq!(s.by_name("B").unwrap().email, "x@y.org");
        assert_eq!(
            s.by_name("Admin").unwrap().groups,
            vec!["bureaucrat", "sysop"]
        );
        assert!(s.by_name("admin").is_none());
        assert_eq!(s.by_email("x@y.org").len(), 2);
        assert!(s.by_email("X@y.org").is_empty());
        assert!(s.by_email("").is_empty());
        assert_eq!(s.by_id(2).unwrap().name, "B");
        assert!(s.by_id(0).is_none() && s.by_id(4).is_none());
        s.by_id_mut(3).unwrap().email = "z@y.org".into();
        assert_eq!(s.by_name("C").unwrap().email, "z@y.org");
        assert_eq!(s.names().collect::<Vec<_>>(), ["Admin", "B", "C"]);
        assert_eq!(s.accounts().len(), 3);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_795_405_666), "2026-11-23T03:47:46Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn outbox_file_gets_json_lines() {
        let dir = std::env::temp_dir().join(format!("mwcheck-store-{}", std::process::id()));
        let _ = std::fs::remove_file(&dir);
        let mut s = Store::new(Some(dir.clone()));
        let mail = Mail {
            to: vec!["\"A\" <a@b.c>".into()],
            subject: "S".into(),
            body: "B\nC".into(),
        };
        s.send_mail(mail.clone());
        let text = std::fs::read_to_string(&dir).unwrap();
        assert_eq!(
            text,
            "{\"to\":[\"\\\"A\\\" <a@b.c>\"],\"subject\":\"S\",\"body\":\"B\\nC\"}\n"
        );
        assert_eq!(s.outbox(), &[mail]);
        let _ = std::fs::remove_file(&dir);
    }
}
