//! MediaWiki's user-name rules, per release ([`rules_for`]): normalisation to the canonical name and the validity levels
//! `isValid` / `isUsable` / `isCreatable` (`UserNameUtils`), IP detection, and how a `user`-type
//! API parameter is accepted (`ParamValidator\TypeDef\UserDef`).
//!
//! Canonical form (`getCanonical`): upper-case the first letter; refuse any `#`; parse the text as a
//! title in the User namespace (see `title_parser`: references decoded, `_` and Unicode spaces
//! become one space, trimmed, `User:` prefix removed, illegal characters refused, IPs normalised);
//! refuse other namespaces and interwiki prefixes (`Talk:X`, `Wikipedia:X`, `:X`).
//!
//! * **valid**: non-empty, not an IP (incl. `1.2.3.xxx`, `300.1.1.1`, IPv6), no `/`, at most 255
//!   bytes, starts upper-case, reads back as the same main-namespace title, and has none of
//!   U+0080–U+009F, U+00A0, U+2000–U+200F, U+2028–U+202F, U+3000, U+E000–U+F8FF; where the
//!   release says so (1.43), also not an IP range nor an IPv4 dash range (`1.2.3.4-1.2.3.9`).
//! * **usable**: valid and not reserved (`$wgReservedUsernames`, with `msg:` entries resolved to
//!   their English text: `Redirect fixer`, `System messenger`, ...), and not matching the
//!   release's temporary-account `reservedPattern` (1.43: a leading `~`; temporary accounts are
//!   off, so no name matching it is usable).
//! * **creatable**: at most 235 bytes, none of the release's `$wgInvalidUsernameCharacters`
//!   (`@ : >`, 1.43 also `=`), and usable.
//!
//! The `user` API parameter (subtypes `name`, optionally `id`) accepts `#<digits>` as a user id when
//! ids are allowed and any name that has a valid canonical form; everything else (IPs, ranges,
//! `a>b` interwiki names, `|`, empty text, invalid titles, `#` anywhere else) is `baduser`. A
//! valid-but-not-creatable name (`Bad@user`) passes the parameter check; modules that need a
//! creatable name (validatepassword) then fail with `baduser_user`.
//!
//! Unicode: every request parameter reaches MediaWiki through [`normalize_input`] (NFC, C0 controls
//! to U+FFFD), and every string in an API result is put through it again on the way out. The
//! canonical name itself need not be NFC (`ΐx` becomes `Ϊ́x` = U+0399 U+0308 U+0301 `x`, which is
//! what MediaWiki stores), so a caller echoing a name in a response must normalise it there.

mod ip_address;
mod title_case;
mod title_parser;
mod unicode_text;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::release::{self, FirstLetterCase, Release};

pub use title_parser::{ParsedTitle, PrefixLookup, TitleError, parse_title};
pub use unicode_text::normalize_input;

use title_parser::{NS_MAIN, NS_USER};

/// How strictly [`UserNameRules::canonical_with`] checks (`UserRigorOptions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rigor {
    /// Only clean up: upper-case the first letter, drop `User:`, `_` to space (refuses `#`).
    None,
    /// A valid name (batch processes).
    Valid,
    /// Valid and not reserved (login).
    Usable,
    /// Usable and creatable (account creation).
    Creatable,
}

/// A value accepted by a `user`-type API parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserParam {
    /// A canonical, valid user name (the account may or may not exist).
    Name(String),
    /// `#<id>`: the caller looks the id up; 0 or an unknown id stands for the name `Unknown user`.
    /// Ids beyond `i64::MAX` saturate, as PHP's `(int)` does.
    Id(u64),
}

/// The canonical names of the namespaces (index, database-key name) every wiki has.
const CANONICAL_NAMESPACES: [(i32, &str); 17] = [
    (-2, "Media"),
    (-1, "Special"),
    (1, "Talk"),
    (2, "User"),
    (3, "User_talk"),
    (4, "Project"),
    (5, "Project_talk"),
    (6, "File"),
    (7, "File_talk"),
    (8, "MediaWiki"),
    (9, "MediaWiki_talk"),
    (10, "Template"),
    (11, "Template_talk"),
    (12, "Help"),
    (13, "Help_talk"),
    (14, "Category"),
    (15, "Category_talk"),
];

/// `$wgReservedUsernames` defaults, `msg:` entries resolved to their English text.
const DEFAULT_RESERVED_USERNAMES: [&str; 15] = [
    "MediaWiki default",
    "Conversion script",
    "Maintenance script",
    "Template namespace initialisation script",
    "ScriptImporter",
    "Delete page script",
    "Move page script",
    "Command line script",
    "Unknown user",
    "Redirect fixer",
    "System messenger",
    "Proxy blocker",
    "DNSBL",
    "MediaWiki spam cleanup",
    "MediaWiki automatic change",
];

/// The site name of the reference wiki the mock imitates (it names the Project namespace).
pub const DEFAULT_SITE_NAME: &str = "TestWiki";

/// The user-name configuration of one wiki.
#[derive(Debug, Clone)]
pub struct UserNameRules {
    /// `$wgMaxNameChars`: longest valid name, in bytes.
    pub max_name_chars: usize,
    /// Longest creatable name, in bytes (fixed at 235 in MediaWiki).
    pub max_creatable_name_bytes: usize,
    /// `$wgInvalidUsernameCharacters`: characters a new account's name must not contain.
    pub invalid_username_characters: String,
    /// `$wgReservedUsernames` (already resolved to text): names nobody may log in or register as.
    pub reserved_usernames: Vec<String>,
    /// The prefix `$wgAutoCreateTempUser['reservedPattern']` matches (temporary accounts being
    /// off, names with it are neither usable nor creatable).
    pub reserved_name_prefix: Option<String>,
    /// IP ranges and IPv4 dash ranges are not valid names.
    pub ip_ranges_invalid: bool,
    /// How the first letter of a name is capitalised.
    pub first_letter_case: FirstLetterCase,
    /// Lower-cased database-key namespace names and aliases → namespace index.
    namespaces: HashMap<String, i32>,
    /// Lower-cased interwiki prefixes.
    interwiki_prefixes: HashSet<String>,
}

impl UserNameRules {
    /// A release's defaults on an English wiki whose `$wgSitename` is `site_name` (which is
    /// also the Project namespace's local name, with `<site name> talk` for its talk namespace).
    pub fn for_site(site_name: &str, release: &Release) -> UserNameRules {
        let mut rules = UserNameRules {
            max_name_chars: 255,
            max_creatable_name_bytes: 235,
            invalid_username_characters: release.invalid_username_chars.to_string(),
            reserved_usernames: DEFAULT_RESERVED_USERNAMES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            reserved_name_prefix: release.reserved_username_prefix.map(str::to_string),
            ip_ranges_invalid: release.ip_ranges_are_invalid_user_names,
            first_letter_case: release.first_letter_case,
            namespaces: HashMap::new(),
            interwiki_prefixes: HashSet::new(),
        };
        for (index, name) in CANONICAL_NAMESPACES {
            rules.add_namespace_name(name, index);
        }
        rules.add_namespace_name(site_name, 4);
        rules.add_namespace_name(&format!("{site_name}_talk"), 5);
        rules.add_namespace_name("Image", 6);
        rules.add_namespace_name("Image_talk", 7);
        rules.set_interwiki_prefixes(release.interwiki_prefixes);
        rules
    }

    /// Make `name` (spaces or underscores, any case) a name or alias of namespace `index`.
    pub fn add_namespace_name(&mut self, name: &str, index: i32) {
        let key = unicode_text::lc(&name.replace(' ', "_"));
        self.namespaces.insert(key, index);
    }

    /// Replace the interwiki prefixes (any case).
    pub fn set_interwiki_prefixes<I, S>(&mut self, prefixes: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.interwiki_prefixes = prefixes
            .into_iter()
            .map(|prefix| unicode_text::lc(prefix.as_ref()))
            .collect();
    }

    /// `UserNameUtils::getCanonical($name, $rigor)`: the canonical name, or `None` when the name
    /// fails the requested level. The input is first given MediaWiki's request clean-up
    /// ([`normalize_input`]), which changes nothing for text that came through a request.
    pub fn canonical_with(&self, name: &str, rigor: Rigor) -> Option<String> {
        let name = self.ucfirst(&normalize_input(name));
        if name.contains('#') {
            return None;
        }
        if rigor == Rigor::None {
            let name = if name.starts_with("User:") {
                name.replace("User:", "")
            } else {
                name
            };
            return Some(name.replace('_', " "));
        }
        let title = parse_title(&name, NS_USER, self).ok()?;
        if title.namespace != NS_USER || !title.interwiki.is_empty() {
            return None;
        }
        let name = title.text();
        let passes = match rigor {
            Rigor::None | Rigor::Valid => self.is_valid_name(&name),
            Rigor::Usable => self.is_usable_name(&name),
            Rigor::Creatable => self.is_creatable_name(&name),
        };
        passes.then_some(name)
    }

    /// `UserNameUtils::isValid` on a name as given (MediaWiki applies it to canonical names, so
    /// `foo` is not valid here while `canonical("foo")` is `Foo`).
    pub fn is_valid_name(&self, name: &str) -> bool {
        if name.is_empty()
            || is_ip(name)
            || (self.ip_ranges_invalid && (is_ip_range(name) || is_like_ipv4_dash_range(name)))
            || name.contains('/')
            || name.len() > self.max_name_chars
            || name != self.ucfirst(name)
        {
            return false;
        }
        match parse_title(name, NS_MAIN, self) {
            Ok(title) if title.namespace == NS_MAIN && title.text() == name => {}
            _ => return false,
        }
        !name.chars().any(|ch| {
            matches!(
                ch,
                '\u{80}'..='\u{9F}'
                    | '\u{A0}'
                    | '\u{2000}'..='\u{200F}'
                    | '\u{2028}'..='\u{202F}'
                    | '\u{3000}'
                    | '\u{E000}'..='\u{F8FF}'
            )
        })
    }

    /// `UserNameUtils::isUsable` on a name as given: valid and not reserved.
    pub fn is_usable_name(&self, name: &str) -> bool {
        self.is_valid_name(name) && !self.is_reserved(name)
    }

    /// In $wgReservedUsernames, or matching the temporary accounts' reserved pattern.
    fn is_reserved(&self, name: &str) -> bool {
        self.reserved_usernames
            .iter()
            .any(|reserved| reserved == name)
            || self
                .reserved_name_prefix
                .as_deref()
                .is_some_and(|prefix| name.starts_with(prefix))
    }

    /// `UserNameUtils::isCreatable` on a name as given: short enough, no invalid characters, usable.
    pub fn is_creatable_name(&self, name: &str) -> bool {
        self.is_valid_name(name) && self.is_creatable_valid_name(name)
    }

    /// [`UserNameRules::is_creatable_name`] for a name already known to be valid (a canonical
    /// name from [`UserNameRules::canonical_with`]): the checks beyond validity only.
    pub fn is_creatable_valid_name(&self, name: &str) -> bool {
        name.len() <= self.max_creatable_name_bytes
            && !name
                .chars()
                .any(|ch| self.invalid_username_characters.contains(ch))
            && !self.is_reserved(name)
    }

    /// How a `user`-type API parameter with subtypes `name` (and `id` if `allow_id`) takes `raw`.
    /// `Err(())` means the module answers `baduser` (`baduser_<param>` is for later checks).
    #[allow(clippy::result_unit_err)] // `()` is the agreed interface: the only failure is `baduser`.
    pub fn parse_user_param(&self, raw: &str, allow_id: bool) -> Result<UserParam, ()> {
        if let Some(digits) = raw.strip_prefix('#')
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            if !allow_id {
                return Err(());
            }
            let id = digits.bytes().fold(0u64, |acc, b| {
                acc.saturating_mul(10).saturating_add(u64::from(b - b'0'))
            });
            return Ok(UserParam::Id(id.min(i64::MAX as u64)));
        }
        if raw.contains('>') {
            // An imported user name (`prefix>Name`): the `interwiki` subtype, never allowed here.
            return Err(());
        }
        self.canonical_with(raw, Rigor::Valid)
            .map(UserParam::Name)
            .ok_or(())
    }
}

impl PrefixLookup for UserNameRules {
    fn namespace_index(&self, prefix: &str) -> Option<i32> {
        self.namespaces.get(&unicode_text::lc(prefix)).copied()
    }

    fn is_interwiki(&self, prefix: &str) -> bool {
        !prefix.is_empty() && self.interwiki_prefixes.contains(&unicode_text::lc(prefix))
    }

    fn ucfirst(&self, text: &str) -> String {
        unicode_text::ucfirst_as(text, self.first_letter_case)
    }
}

/// The rules of the wiki the mock imitates (site `TestWiki`) on `release`.
pub fn rules_for(release: &'static Release) -> &'static UserNameRules {
    static RULES: [OnceLock<UserNameRules>; release::RELEASES.len()] =
        [const { OnceLock::new() }; release::RELEASES.len()];
    let index = release::RELEASES
        .iter()
        .position(|row| row.version == release.version)
        .unwrap_or(0);
    RULES[index]
        .get_or_init(|| UserNameRules::for_site(DEFAULT_SITE_NAME, release::RELEASES[index]))
}

/// The rules the free functions below apply: MediaWiki 1.39's, for the callers that do not read
/// their wiki's release yet (a module should use `WikiConfig::user_name_rules`).
pub fn default_rules() -> &'static UserNameRules {
    rules_for(&release::MEDIAWIKI_1_39)
}

/// The canonical form of a user name, `None` if it is not a valid user name (`RIGOR_VALID`).
pub fn canonical(name: &str) -> Option<String> {
    default_rules().canonical_with(name, Rigor::Valid)
}

/// `UserNameUtils::isIP`: a valid IPv4/IPv6 address, or anything shaped like `1.2.3.4` /
/// `1.2.3.xxx` with 1–3 digits per part (even `300.300.300.300`).
pub fn is_ip(name: &str) -> bool {
    ip_address::is_valid(name) || looks_like_ipv4(name)
}

/// `UserNameUtils::isValidIPRange`: an IPv4/IPv6 range, `a/n` or `a - b` (`1.2.3.0/24`).
pub fn is_ip_range(name: &str) -> bool {
    ip_address::is_valid_range(name)
}

/// `UserNameUtils::isLikeIPv4DashRange`: two [`looks_like_ipv4`] shapes joined by `-`
/// (`$` allows a final newline).
fn is_like_ipv4_dash_range(name: &str) -> bool {
    let name = name.strip_suffix('\n').unwrap_or(name);
    name.split_once('-')
        .is_some_and(|(first, second)| is_ipv4_shape(first) && is_ipv4_shape(second))
}

/// `/^\d{1,3}\.\d{1,3}\.\d{1,3}\.(?:xxx|\d{1,3})$/` (ASCII digits; `$` allows a final newline).
fn looks_like_ipv4(name: &str) -> bool {
    is_ipv4_shape(name.strip_suffix('\n').unwrap_or(name))
}

/// `\d{1,3}\.\d{1,3}\.\d{1,3}\.(?:xxx|\d{1,3})`, the whole text.
fn is_ipv4_shape(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    let digits =
        |part: &str| (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 4
        && parts[..3].iter().all(|part| digits(part))
        && (parts[3] == "xxx" || digits(parts[3]))
}

/// The name normalises to a valid user name.
pub fn is_valid(name: &str) -> bool {
    default_rules().canonical_with(name, Rigor::Valid).is_some()
}

/// The name normalises to a valid, non-reserved user name (one can log in with it).
pub fn is_usable(name: &str) -> bool {
    default_rules()
        .canonical_with(name, Rigor::Usable)
        .is_some()
}

/// The name normalises to a name a new account may take.
pub fn is_creatable(name: &str) -> bool {
    default_rules()
        .canonical_with(name, Rigor::Creatable)
        .is_some()
}

/// [`UserNameRules::parse_user_param`] with the default rules.
#[allow(clippy::result_unit_err)] // `()` is the agreed interface: the only failure is `baduser`.
pub fn parse_user_param(raw: &str, allow_id: bool) -> Result<UserParam, ()> {
    default_rules().parse_user_param(raw, allow_id)
}

#[cfg(test)]
mod tests;
