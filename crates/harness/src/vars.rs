//! Scenario variables: the `{{name | filter}}` template syntax, the generators behind
//! `{generate: …}`, the built-in variables (`server`, `api`, `docref`, `admin_user`,
//! `admin_password`, `bot_user`, `bot_password`), and the redaction set that
//! keeps passwords and tokens out of every message and report.

use indexmap::IndexMap;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use regex::Regex;
use std::sync::LazyLock;

/// The names every scenario can use without defining them.
pub const BUILTIN_NAMES: [&str; 7] = [
    "server",
    "api",
    "docref",
    "admin_user",
    "admin_password",
    "bot_user",
    "bot_password",
];

/// The filters a variable use may name, applied left to right.
pub const FILTERS: [&str; 6] = ["lower", "upper", "ucfirst", "lcfirst", "urlencode", "totp"];

/// What replaces a secret in output.
pub const REDACTED: &str = "[redacted]";

/// One piece of a template string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Literal(String),
    Var(VarUse),
}

/// A `{{name | filter…}}` in a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarUse {
    pub name: String,
    pub filters: Vec<String>,
    /// Byte offset of the `{{` in the template text.
    pub offset: usize,
    /// The use as written, `{{` to `}}`.
    pub raw: String,
}

static VAR_USE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*((?:\|\s*[A-Za-z_][A-Za-z0-9_-]*\s*)*)\}\}")
        .expect("variable-use pattern is valid")
});

/// Splits a template into literal text and variable uses. A `{{` that does not open a well-formed
/// `{{name}}` / `{{name | filter}}` (for example wikitext's `{{PLURAL:$1|…}}`) is literal text.
pub fn parse_template(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut last = 0;
    for caps in VAR_USE.captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        if whole.start() > last {
            pieces.push(Piece::Literal(text[last..whole.start()].to_owned()));
        }
        let filters = caps
            .get(2)
            .map(|m| {
                m.as_str()
                    .split('|')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        pieces.push(Piece::Var(VarUse {
            name: caps[1].to_owned(),
            filters,
            offset: whole.start(),
            raw: whole.as_str().to_owned(),
        }));
        last = whole.end();
    }
    if last < text.len() {
        pieces.push(Piece::Literal(text[last..].to_owned()));
    }
    pieces
}

/// The variable uses in a template.
pub fn var_uses(text: &str) -> Vec<VarUse> {
    parse_template(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Var(v) => Some(v),
            Piece::Literal(_) => None,
        })
        .collect()
}

/// Characters `urlencode` leaves alone: RFC 3986's unreserved set.
const URL_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Applies one filter. `totp` reads the value as a base32 secret and gives the current 6-digit
/// TOTP code (RFC 6238: HMAC-SHA-1, 30-second steps), computed when the step is sent.
pub fn apply_filter(filter: &str, value: &str) -> Result<String, InterpolateError> {
    let first_mapped = |upper: bool| {
        let mut chars = value.chars();
        match chars.next() {
            Some(first) if upper => first.to_uppercase().chain(chars).collect(),
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    };
    Ok(match filter {
        "lower" => value.to_lowercase(),
        "upper" => value.to_uppercase(),
        "ucfirst" => first_mapped(true),
        "lcfirst" => first_mapped(false),
        "urlencode" => utf8_percent_encode(value, URL_UNRESERVED).to_string(),
        "totp" => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            mwcheck_shared::totp::code_at(value, now).ok_or_else(|| InterpolateError::BadValue {
                filter: filter.to_string(),
                reason: "the value is not a base32 secret",
            })?
        }
        _ => return Err(InterpolateError::UnknownFilter(filter.to_string())),
    })
}

/// A generator from `{generate: …}` with its options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Generator {
    Username { prefix: String },
    Password { prefix: String },
    Email { prefix: String, domain: String },
    Hex { length: usize },
    Repeat { text: String, count: usize },
}

impl Generator {
    /// Whether the generated value is a secret.
    pub fn is_secret(&self) -> bool {
        matches!(self, Generator::Password { .. })
    }

    /// Whether runs get different values (everything but `repeat`).
    pub fn is_random(&self) -> bool {
        !matches!(self, Generator::Repeat { .. })
    }

    /// A fresh value.
    pub fn generate(&self) -> String {
        match self {
            Generator::Username { prefix } => format!("{prefix}{}", random_hex(10)),
            Generator::Password { prefix } => format!("{prefix}{}-x", random_hex(16)),
            Generator::Email { prefix, domain } => format!("{prefix}{}@{domain}", random_hex(10)),
            Generator::Hex { length } => random_hex(*length),
            Generator::Repeat { text, count } => text.repeat(*count),
        }
    }
}

/// `length` random lower-case hex digits.
pub fn random_hex(length: usize) -> String {
    let mut bytes = vec![0u8; length.div_ceil(2)];
    rand::fill(&mut bytes[..]);
    let mut text = hex::encode(bytes);
    text.truncate(length);
    text
}

/// The text MediaWiki puts in an error's docref for the given api.php URL.
pub fn docref(api: &str) -> String {
    format!(
        "See {api} for API usage. Subscribe to the mediawiki-api-announce mailing list at \
         &lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; \
         for notice of API deprecations and breaking changes."
    )
}

/// Why a template could not be filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterpolateError {
    Undefined(String),
    UnknownFilter(String),
    /// A filter cannot use the variable's value (e.g. `totp` on a value that is not base32).
    BadValue {
        filter: String,
        reason: &'static str,
    },
}

impl std::fmt::Display for InterpolateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InterpolateError::Undefined(name) => write!(f, "variable `{name}` is not defined"),
            InterpolateError::UnknownFilter(name) => write!(f, "unknown filter `{name}`"),
            InterpolateError::BadValue { filter, reason } => {
                write!(f, "filter `{filter}`: {reason}")
            }
        }
    }
}

/// An account's name and password (the password is redacted wherever it is used).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &REDACTED)
            .finish()
    }
}

/// The variables of one running scenario, and the secrets among their values.
#[derive(Clone, Debug, Default)]
pub struct Vars {
    values: IndexMap<String, String>,
    /// Names whose values differ from target to target or run to run (generated, captured, the
    /// target's URL and accounts, secrets): snapshots show them as `{{name}}`.
    volatile: indexmap::IndexSet<String>,
    redactor: Redactor,
}

impl Vars {
    /// Variables holding the built-ins for a target; the administrator's password and the bot
    /// password are secrets.
    pub fn with_builtins(server: &str, api: &str, admin: &Credentials, bot: &Credentials) -> Vars {
        let mut vars = Vars::default();
        vars.set_volatile("server", server.to_owned(), false);
        vars.set_volatile("api", api.to_owned(), false);
        vars.set("docref", docref(api), false);
        vars.set_volatile("admin_user", admin.user.clone(), false);
        vars.set("admin_password", admin.password.clone(), true);
        vars.set("bot_user", bot.user.clone(), false);
        vars.set("bot_password", bot.password.clone(), true);
        for password in url_password(api) {
            vars.add_secret(&password);
        }
        vars
    }

    /// Adds a value to the redaction set without naming it (a session cookie the wiki set).
    pub fn add_secret(&mut self, value: &str) {
        self.redactor.add(value);
    }

    /// Defines or redefines a variable; a secret's value joins the redaction set.
    pub fn set(&mut self, name: &str, value: String, secret: bool) {
        if secret {
            self.redactor.add(&value);
            self.volatile.insert(name.to_owned());
        } else {
            self.volatile.shift_remove(name);
        }
        self.values.insert(name.to_owned(), value);
    }

    /// Defines a variable whose value depends on the target or the run.
    pub fn set_volatile(&mut self, name: &str, value: String, secret: bool) {
        self.set(name, value, secret);
        self.volatile.insert(name.to_owned());
    }

    /// Whether a template uses a volatile variable.
    pub fn uses_volatile(&self, text: &str) -> bool {
        var_uses(text)
            .iter()
            .any(|var| self.volatile.contains(&var.name))
    }

    /// The volatile variables and their values.
    pub fn volatile(&self) -> impl Iterator<Item = (&str, &str)> {
        self.volatile
            .iter()
            .filter_map(|name| Some((name.as_str(), self.get(name)?)))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// The redaction set built so far.
    pub fn redactor(&self) -> &Redactor {
        &self.redactor
    }

    /// Fills in a template.
    pub fn interpolate(&self, text: &str) -> Result<String, InterpolateError> {
        self.interpolate_with(text, |s| s.to_owned())
    }

    /// Fills in a template, passing each substituted value through `escape` (e.g. regex escaping).
    pub fn interpolate_with(
        &self,
        text: &str,
        escape: impl Fn(&str) -> String,
    ) -> Result<String, InterpolateError> {
        let mut out = String::with_capacity(text.len());
        for piece in parse_template(text) {
            match piece {
                Piece::Literal(lit) => out.push_str(&lit),
                Piece::Var(var) => {
                    let mut value = self
                        .get(&var.name)
                        .ok_or_else(|| InterpolateError::Undefined(var.name.clone()))?
                        .to_owned();
                    for filter in &var.filters {
                        value = apply_filter(filter, &value)?;
                    }
                    out.push_str(&escape(&value));
                }
            }
        }
        Ok(out)
    }
}

static TOKEN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    // A MediaWiki token as text, or as it looks inside a JSON string (backslash escaped), or
    // percent-encoded in a URL.
    Regex::new(r"[0-9a-f]{40}(?:\+\\\\|\+\\|%2B%5C)").expect("token pattern is valid")
});

/// Replaces secrets (and anything shaped like a MediaWiki token) with `[redacted]`.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// Adds a secret, with the forms it takes inside JSON text and URLs.
    pub fn add(&mut self, secret: &str) {
        // Very short values would blank out ordinary text; they are too weak to be secrets anyway.
        if secret.chars().count() < 4 {
            return;
        }
        let json_form = serde_json::to_string(secret).unwrap_or_default();
        let json_form = json_form
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(&json_form)
            .to_owned();
        let url_form = apply_filter("urlencode", secret).unwrap_or_default();
        for form in [secret.to_owned(), json_form, url_form] {
            if !self.secrets.contains(&form) {
                self.secrets.push(form);
            }
        }
        // Longest first, so a secret containing another is replaced whole.
        self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    /// Adds every secret of another redactor.
    pub fn extend(&mut self, other: &Redactor) {
        for secret in &other.secrets {
            if !self.secrets.contains(secret) {
                self.secrets.push(secret.clone());
            }
        }
        self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    /// The text with every secret replaced.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
        TOKEN_TEXT.replace_all(&out, REDACTED).into_owned()
    }
}

/// The password of a URL's `user:password@` part, as written and percent-decoded.
fn url_password(url: &str) -> Vec<String> {
    let Some((start, end)) = userinfo_span(url) else {
        return Vec::new();
    };
    match url[start..end].split_once(':') {
        Some((_, password)) if !password.is_empty() => {
            let decoded = percent_encoding::percent_decode_str(password).decode_utf8_lossy();
            vec![password.to_owned(), decoded.into_owned()]
        }
        _ => Vec::new(),
    }
}

/// Where a URL's `user:password` part lies (before the last `@` of the authority).
fn userinfo_span(url: &str) -> Option<(usize, usize)> {
    let start = url.find("://")? + 3;
    let authority_end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    let at = url[start..authority_end].rfind('@')? + start;
    Some((start, at))
}

/// The URL as it may be shown: a password in its `user:password@` part is replaced with
/// `[redacted]` (the URL need not parse).
pub fn shown_url(url: &str) -> String {
    match userinfo_span(url) {
        Some((start, end)) => match url[start..end].split_once(':') {
            Some((user, _)) => format!("{}{user}:{REDACTED}{}", &url[..start], &url[end..]),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Whether a value looks like a full MediaWiki token (32 hex HMAC, 8 hex timestamp, `+\`).
pub fn is_token(value: &str) -> bool {
    static FULL_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[0-9a-f]{32}[0-9a-f]{8}\+\\$").expect("token pattern is valid")
    });
    FULL_TOKEN.is_match(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_a_url_is_never_shown() {
        assert_eq!(
            shown_url("http://ci:s%40cret@wiki.example:8080/w/api.php?a=b@c"),
            "http://ci:[redacted]@wiki.example:8080/w/api.php?a=b@c"
        );
        assert_eq!(shown_url("http://ci@h/api.php"), "http://ci@h/api.php");
        assert_eq!(
            shown_url("http://h/api.php?x=a:b@c"),
            "http://h/api.php?x=a:b@c"
        );
        assert_eq!(shown_url("not a url"), "not a url");
        assert_eq!(shown_url("http://u:p:q@h"), "http://u:[redacted]@h");
        let admin = Credentials {
            user: "Admin".into(),
            password: "Adminpass-12345".into(),
        };
        let vars = Vars::with_builtins(
            "http://h",
            "http://ci:s%40cret-pass@h/api.php",
            &admin,
            &admin,
        );
        assert_eq!(
            vars.redactor().redact("s@cret-pass and s%40cret-pass"),
            "[redacted] and [redacted]"
        );
    }

    #[test]
    fn templates_split_into_literals_and_uses() {
        let pieces = parse_template("a {{ user | lower |urlencode}}b{{PLURAL:$1|x}}{{x}}");
        assert_eq!(pieces.len(), 4);
        assert_eq!(
            pieces[1],
            Piece::Var(VarUse {
                name: "user".into(),
                filters: vec!["lower".into(), "urlencode".into()],
                offset: 2,
                raw: "{{ user | lower |urlencode}}".into(),
            })
        );
        assert_eq!(pieces[2], Piece::Literal("b{{PLURAL:$1|x}}".into()));
    }

    #[test]
    fn interpolation_applies_filters_and_reports_undefined() {
        let admin = Credentials {
            user: "Admin".into(),
            password: "Adminpass-12345".into(),
        };
        let bot = Credentials {
            user: "Admin@mwcheck".into(),
            password: "mwcheckbotpassword0123456789abcd".into(),
        };
        let mut vars = Vars::with_builtins("http://h:1", "http://h:1/api.php", &admin, &bot);
        assert_eq!(vars.get("admin_user"), Some("Admin"));
        assert_eq!(vars.get("bot_user"), Some("Admin@mwcheck"));
        assert_eq!(
            vars.redactor().redact("lgpassword=Adminpass-12345"),
            "lgpassword=[redacted]"
        );
        assert_eq!(
            vars.redactor()
                .redact("lgpassword=mwcheck@mwcheckbotpassword0123456789abcd"),
            "lgpassword=mwcheck@[redacted]"
        );
        assert!(!format!("{admin:?}").contains("Adminpass"));
        vars.set("user", "Mwc ÄB".into(), false);
        assert_eq!(
            vars.interpolate("{{user|lower}}/{{user | urlencode}}/{{user|lcfirst}}")
                .unwrap(),
            "mwc äb/Mwc%20%C3%84B/mwc ÄB"
        );
        assert_eq!(
            vars.interpolate("{{nope}}"),
            Err(InterpolateError::Undefined("nope".into()))
        );
        assert_eq!(
            vars.interpolate("{{user|shout}}"),
            Err(InterpolateError::UnknownFilter("shout".into()))
        );
        assert!(
            vars.get("docref")
                .unwrap()
                .starts_with("See http://h:1/api.php for")
        );
    }

    #[test]
    fn totp_filter_gives_the_current_code_of_a_base32_secret() {
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        let before = mwcheck_shared::totp::code_at(secret, unix_now()).unwrap();
        let code = apply_filter("totp", secret).unwrap();
        let after = mwcheck_shared::totp::code_at(secret, unix_now()).unwrap();
        assert!(code == before || code == after, "{code}");
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        let err = apply_filter("totp", "not base32!").unwrap_err();
        assert_eq!(
            err.to_string(),
            "filter `totp`: the value is not a base32 secret"
        );
        assert!(matches!(
            apply_filter("nonesuch", "x"),
            Err(InterpolateError::UnknownFilter(_))
        ));
    }

    #[test]
    fn totp_filter_takes_the_documentations_spaced_secret() {
        // API:Account creation's example 3 shows secrets in groups of four.
        let spaced = "6CO3 2AKV EP2X MIV5";
        let before = mwcheck_shared::totp::code_at("6CO32AKVEP2XMIV5", unix_now()).unwrap();
        let code = apply_filter("totp", spaced).unwrap();
        let after = mwcheck_shared::totp::code_at("6CO32AKVEP2XMIV5", unix_now()).unwrap();
        assert!(code == before || code == after, "{code}");
        assert_eq!(
            apply_filter("totp", "6co3 2akv ep2x miv5").unwrap().len(),
            6,
            "lower case too"
        );
    }

    fn unix_now() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }

    #[test]
    fn generators_have_their_documented_shapes() {
        let user = Generator::Username {
            prefix: "Mwc".into(),
        }
        .generate();
        assert!(Regex::new("^Mwc[0-9a-f]{10}$").unwrap().is_match(&user));
        let pass = Generator::Password {
            prefix: "Pw-".into(),
        }
        .generate();
        assert!(Regex::new("^Pw-[0-9a-f]{16}-x$").unwrap().is_match(&pass));
        let email = Generator::Email {
            prefix: "mwc".into(),
            domain: "example.org".into(),
        }
        .generate();
        assert!(
            Regex::new("^mwc[0-9a-f]{10}@example.org$")
                .unwrap()
                .is_match(&email)
        );
        assert_eq!(Generator::Hex { length: 7 }.generate().len(), 7);
        let repeated = Generator::Repeat {
            text: "ab".into(),
            count: 3,
        };
        assert_eq!(repeated.generate(), "ababab");
    }

    #[test]
    fn redaction_covers_secrets_and_tokens() {
        let mut redactor = Redactor::default();
        redactor.add("Pw-0123456789abcdef-x");
        let token = format!("{}+\\", "0a".repeat(20));
        let json = serde_json::to_string(&token).unwrap();
        let text = format!("p=Pw-0123456789abcdef-x t={token} j={json}");
        let out = redactor.redact(&text);
        assert_eq!(out, "p=[redacted] t=[redacted] j=\"[redacted]\"");
        assert!(is_token(&token));
        assert!(!is_token("+\\"));
    }
}
