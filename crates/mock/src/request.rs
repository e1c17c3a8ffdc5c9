//! The parsed API request: method, query-string and body parameters kept apart (PHP semantics:
//! names mangled like PHP, last duplicate wins, POST values shadow query values), which parameters
//! the modules used (for the "Unrecognized parameter(s)" warning), headers and the client IP.
//! Values are normalised as WebRequest does (bytes to text by `php_input`, then NFC, C0 controls
//! but HT/LF/CR to U+FFFD; a value starting with U+001F, a multi-value list, value by value).
//! Reading a value that normalisation changed, or one sent with PHP's array syntax, leaves a
//! [`ReadNotice`] for the `badutf8` / `unsupportedarray` warnings, in reading order and naming
//! the module that read it.

use std::cell::RefCell;
use std::collections::HashSet;
use std::net::IpAddr;

use super::php_text::{clean_utf8, query_value_text};
use super::username::normalize_input;

/// Where a parameter came from: WebRequest re-reads query-string values that are not UTF-8 as
/// Windows-1252; body values only lose their invalid sequences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueSource {
    Query,
    Body,
}

/// Something a module's reading of a parameter makes ApiMain warn about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ReadNotice {
    /// `apiwarn-badutf8`, from the module (path) that read the parameter.
    BadUtf8 { module: String, name: String },
    /// `apiwarn-unsupportedarray` (always from `main`).
    UnsupportedArray { name: String },
}

/// One parameter value as PHP would see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamValue {
    Str(String),
    /// `name[]=…` style parameters become PHP arrays; the API treats them as absent values.
    Array,
}

/// An ordered PHP-style parameter array ($_GET or $_POST).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParamList {
    entries: Vec<(String, ParamValue)>,
    /// Names whose (last) value was changed by normalisation.
    changed: HashSet<String>,
}

impl ParamList {
    /// Adds a decoded `name=value` pair of bytes: PHP cuts the name at a NUL byte and mangles it;
    /// WebRequest turns the value into normalised text.
    pub fn push_bytes(&mut self, raw_name: &[u8], raw_value: &[u8], source: ValueSource) {
        let raw_name = raw_name.split(|&b| b == 0).next().unwrap_or(b"");
        let (name, is_array) = php_param_name(&clean_utf8(raw_name));
        if name.is_empty() {
            return;
        }
        let value = if is_array {
            ParamValue::Array
        } else {
            let normalized = if raw_value.first() == Some(&0x1f) {
                // A multi-value list separated by U+001F keeps its separators: each value is
                // normalised alone (ApiParamValidatorCallbacks::getValue), from the raw bytes.
                clean_utf8(raw_value)
                    .split('\u{1f}')
                    .map(normalize_input)
                    .collect::<Vec<_>>()
                    .join("\u{1f}")
            } else {
                let text = match source {
                    ValueSource::Query => query_value_text(raw_value),
                    ValueSource::Body => clean_utf8(raw_value),
                };
                normalize_input(&text)
            };
            if normalized.as_bytes() == raw_value {
                if !self.changed.is_empty() {
                    self.changed.remove(&name);
                }
            } else {
                self.changed.insert(name.clone());
            }
            ParamValue::Str(normalized)
        };
        if let Some(slot) = self.entries.iter_mut().find(|(k, _)| *k == name) {
            if !(is_array && slot.1 == ParamValue::Array) {
                slot.1 = value;
            }
        } else {
            self.entries.push((name, value));
        }
    }

    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// Whether normalisation changed this parameter's value.
    pub fn was_changed(&self, name: &str) -> bool {
        self.changed.contains(name)
    }

    /// The parameters with string values, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().filter_map(|(k, v)| match v {
            ParamValue::Str(s) => Some((k.as_str(), s.as_str())),
            ParamValue::Array => None,
        })
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }
}

/// PHP's mangling of request variable names: leading spaces dropped, ' ' and '.' become '_',
/// and a `[...]` suffix makes the value an array.
fn php_param_name(raw: &str) -> (String, bool) {
    let trimmed = raw.trim_start_matches(' ');
    let (base, is_array) = match trimmed.find('[') {
        Some(i) if trimmed[i..].contains(']') && i > 0 => (&trimmed[..i], true),
        _ => (trimmed, false),
    };
    let mut name = String::with_capacity(base.len());
    for c in base.chars() {
        name.push(if c == ' ' || c == '.' { '_' } else { c });
    }
    // PHP also turns an unmatched '[' into '_'.
    if !is_array {
        name = name.replace('[', "_");
    }
    (name, is_array)
}

/// php.ini `post_max_size` of the test wiki: 8M. A body one byte larger leaves `$_POST` empty.
pub const POST_MAX_SIZE: u64 = 8 * 1024 * 1024;

/// An incoming API request.
#[derive(Debug)]
pub struct ApiRequest {
    /// The HTTP method as sent (methods are case-sensitive: `get` is not GET).
    pub method: String,
    pub query: ParamList,
    pub body: ParamList,
    /// Header names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub client_ip: IpAddr,
    /// The names read so far that the request has (a few dozen at most: modules read names of
    /// their own).
    used: RefCell<Vec<String>>,
    /// What reading parameters gave ApiMain to warn about, in order, not yet taken.
    notices: RefCell<Vec<ReadNotice>>,
    /// Every notice given so far (each is given once).
    noticed: RefCell<HashSet<ReadNotice>>,
    /// The module (path) reading parameters now: `main`, an action, `query+tokens`.
    reader: RefCell<String>,
}

impl ApiRequest {
    pub fn new(
        method: &str,
        query: ParamList,
        body: ParamList,
        headers: Vec<(String, String)>,
        client_ip: IpAddr,
    ) -> ApiRequest {
        ApiRequest {
            method: method.to_string(),
            query,
            body,
            headers,
            client_ip,
            used: RefCell::new(Vec::new()),
            notices: RefCell::new(Vec::new()),
            noticed: RefCell::new(HashSet::new()),
            reader: RefCell::new("main".to_string()),
        }
    }

    /// ApiMain::lacksSameOriginSecurity: a JSONP `callback`, anonymous CORS (`origin=*`) or a
    /// `Treat-as-Untrusted` header; such a request runs logged out and is answered with
    /// `MediaWiki-Login-Suppressed: true`.
    pub fn lacks_same_origin_security(&self) -> bool {
        self.has("callback")
            || self.raw("origin") == Some("*")
            || self.header("treat-as-untrusted").is_some()
    }

    /// Whether the request declares a body (`Content-Length`) larger than `post_max_size`.
    pub fn declares_oversized_body(&self) -> bool {
        self.header("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .is_some_and(|length| length > POST_MAX_SIZE)
    }

    /// WebRequest::wasPosted()
    pub fn was_posted(&self) -> bool {
        self.method == "POST"
    }

    fn lookup(&self, name: &str) -> Option<&ParamValue> {
        if self.was_posted()
            && let Some(v) = self.body.get(name)
        {
            return Some(v);
        }
        self.query.get(name)
    }

    /// The string value of a parameter (None if absent or an array); marks it used, and leaves
    /// a notice if normalisation changed the value or it was sent as an array (ApiMain::getVal).
    pub fn get(&self, name: &str) -> Option<&str> {
        let posted = self.was_posted().then(|| self.body.get(name)).flatten();
        let (list, value) = match posted {
            Some(value) => (&self.body, Some(value)),
            None => (&self.query, self.query.get(name)),
        };
        let value = value?;
        match value {
            ParamValue::Array => self.notice(ReadNotice::UnsupportedArray {
                name: name.to_string(),
            }),
            ParamValue::Str(_) if list.was_changed(name) => {
                let module = self.reader.borrow().clone();
                self.notice(ReadNotice::BadUtf8 {
                    module,
                    name: name.to_string(),
                });
            }
            ParamValue::Str(_) => {}
        }
        self.remember_used(name);
        match value {
            ParamValue::Str(text) => Some(text),
            ParamValue::Array => None,
        }
    }

    fn notice(&self, notice: ReadNotice) {
        if self.noticed.borrow_mut().insert(notice.clone()) {
            self.notices.borrow_mut().push(notice);
        }
    }

    /// Names the module (path) whose parameter reads follow, for the notices they leave.
    pub fn set_reader(&self, module: &str) {
        *self.reader.borrow_mut() = module.to_string();
    }

    /// The notices left by reads since the last call, in order.
    pub fn take_notices(&self) -> Vec<ReadNotice> {
        std::mem::take(&mut *self.notices.borrow_mut())
    }

    /// Like [`ApiRequest::get`] but does not mark the parameter used.
    pub fn raw(&self, name: &str) -> Option<&str> {
        match self.lookup(name) {
            Some(ParamValue::Str(s)) => Some(s.as_str()),
            _ => None,
        }
    }

    /// ApiMain::getCheck(): present with a string value (an array is absent, with a notice);
    /// marks it used.
    pub fn check(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Presence without marking.
    pub fn has(&self, name: &str) -> bool {
        self.lookup(name).is_some()
    }

    /// Whether the name appears in the query string (for mustpostparams).
    pub fn in_query(&self, name: &str) -> bool {
        self.query.get(name).is_some()
    }

    pub fn mark_used(&self, name: &str) {
        // Only names the request has can be unused; modules read many it does not have.
        if self.query.get(name).is_none() && self.body.get(name).is_none() {
            return;
        }
        self.remember_used(name);
    }

    /// Records a name the request has as read.
    fn remember_used(&self, name: &str) {
        let mut used = self.used.borrow_mut();
        if !used.iter().any(|n| n == name) {
            used.push(name.to_owned());
        }
    }

    /// WebRequest::getValueNames() minus the used ones (POST names first, then query-only
    /// names), each with its position among all names (PHP's array_diff keeps the keys).
    pub fn unused_params(&self) -> Vec<(usize, String)> {
        let used = self.used.borrow();
        let mut all: Vec<String> = Vec::new();
        let mut push = |n: &str| {
            if !all.iter().any(|x| x == n) {
                all.push(n.to_string());
            }
        };
        if self.was_posted() {
            for n in self.body.names() {
                push(n);
            }
        }
        for n in self.query.names() {
            push(n);
        }
        all.into_iter()
            .enumerate()
            .filter(|(_, n)| !used.contains(n))
            .collect()
    }

    /// A request header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of a cookie sent by the client.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let mut found = None;
        for (k, v) in &self.headers {
            if k != "cookie" {
                continue;
            }
            for part in v.split(';') {
                if let Some((ck, cv)) = part.trim().split_once('=')
                    && ck.trim() == name
                {
                    // PHP decodes cookie values and keeps the first occurrence.
                    if found.is_none() {
                        let decoded = percent_encoding::percent_decode_str(cv.trim())
                            .decode_utf8_lossy()
                            .into_owned();
                        found = Some(decoded);
                    }
                }
            }
        }
        found
    }

    /// The client's address as MediaWiki names anonymous users.
    pub fn ip_name(&self) -> String {
        match self.client_ip {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => v6.to_string().to_ascii_uppercase(),
            },
        }
    }
}

/// Splits a multi-value parameter on `|`, or on U+001F when it starts with one.
pub fn split_multi(raw: &str) -> Vec<String> {
    if raw.is_empty() {
        return Vec::new();
    }
    match raw.strip_prefix('\u{1f}') {
        Some(rest) => rest.split('\u{1f}').map(str::to_string).collect(),
        None => raw.split('|').map(str::to_string).collect(),
    }
}
