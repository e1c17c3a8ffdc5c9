//! The parsed API request: method, query-string and body parameters kept apart (PHP semantics:
//! names mangled like PHP, last duplicate wins, POST values shadow query values), which parameters
//! the modules used (for the "Unrecognized parameter(s)" warning), headers and the client IP.
//! Values are normalised as WebRequest does (NFC, C0 controls but HT/LF/CR to U+FFFD); reading a
//! value that normalisation changed is remembered, for the `badutf8` warning.

use std::cell::RefCell;
use std::collections::HashSet;
use std::net::IpAddr;

use super::username::normalize_input;

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
    /// Adds a raw `name=value` pair the way PHP fills $_GET/$_POST.
    pub fn push_raw(&mut self, raw_name: &str, value: String) {
        let (name, is_array) = php_param_name(raw_name);
        if name.is_empty() {
            return;
        }
        let value = if is_array {
            ParamValue::Array
        } else {
            let normalized = normalize_input(&value);
            if normalized == value {
                self.changed.remove(&name);
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

    /// Parses an application/x-www-form-urlencoded string.
    pub fn from_urlencoded(data: &[u8]) -> ParamList {
        let mut list = ParamList::default();
        for (k, v) in url::form_urlencoded::parse(data) {
            list.push_raw(&k, v.into_owned());
        }
        list
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

/// An incoming API request.
#[derive(Debug)]
pub struct ApiRequest {
    /// Upper-case HTTP method.
    pub method: String,
    pub query: ParamList,
    pub body: ParamList,
    /// Header names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub client_ip: IpAddr,
    used: RefCell<HashSet<String>>,
    /// Parameters read through [`ApiRequest::get`] whose value normalisation changed, in order.
    changed_reads: RefCell<Vec<String>>,
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
            method: method.to_ascii_uppercase(),
            query,
            body,
            headers,
            client_ip,
            used: RefCell::new(HashSet::new()),
            changed_reads: RefCell::new(Vec::new()),
        }
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

    /// The string value of a parameter (None if absent or an array); marks it used, and
    /// remembers the read if normalisation changed the value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.mark_used(name);
        let from_body = self.was_posted() && self.body.get(name).is_some();
        let list = if from_body { &self.body } else { &self.query };
        if list.was_changed(name) {
            let mut reads = self.changed_reads.borrow_mut();
            if !reads.iter().any(|n| n == name) {
                reads.push(name.to_string());
            }
        }
        self.raw(name)
    }

    /// The parameters read so far whose value normalisation changed (each once), emptied.
    pub fn take_changed_reads(&self) -> Vec<String> {
        std::mem::take(&mut *self.changed_reads.borrow_mut())
    }

    /// Like [`ApiRequest::get`] but does not mark the parameter used.
    pub fn raw(&self, name: &str) -> Option<&str> {
        match self.lookup(name) {
            Some(ParamValue::Str(s)) => Some(s.as_str()),
            _ => None,
        }
    }

    /// WebRequest::getCheck(): present with any value; marks it used.
    pub fn check(&self, name: &str) -> bool {
        self.mark_used(name);
        self.lookup(name).is_some()
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
        self.used.borrow_mut().insert(name.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, q: &str, b: &str) -> ApiRequest {
        ApiRequest::new(
            method,
            ParamList::from_urlencoded(q.as_bytes()),
            ParamList::from_urlencoded(b.as_bytes()),
            vec![("cookie".into(), "a=1; my_wiki_session=abc%20d; x=2".into())],
            "127.0.0.1".parse().unwrap(),
        )
    }

    #[test]
    fn last_duplicate_wins_and_post_shadows_query() {
        let r = req("POST", "a=1&a=2&b=q", "b=p&c=3");
        assert_eq!(r.raw("a"), Some("2"));
        assert_eq!(r.raw("b"), Some("p"));
        assert!(r.in_query("b"));
        assert!(!r.in_query("c"));
    }

    #[test]
    fn get_requests_ignore_the_body() {
        let r = req("GET", "a=1", "b=2");
        assert_eq!(r.raw("b"), None);
        assert_eq!(r.unused_params(), vec![(0, "a".to_string())]);
    }

    #[test]
    fn unused_params_are_post_first() {
        let r = req("POST", "action=x&q1=1&both=1", "p1=1&both=2&action=y");
        r.get("action");
        assert_eq!(
            r.unused_params(),
            vec![(0, "p1".into()), (1, "both".into()), (3, "q1".into())]
        );
    }

    #[test]
    fn php_name_mangling() {
        let r = req("GET", "a.b=1&c d=2&arr[]=3&arr[]=4", "");
        assert_eq!(r.raw("a_b"), Some("1"));
        assert_eq!(r.raw("c_d"), Some("2"));
        assert!(r.has("arr"));
        assert_eq!(r.raw("arr"), None);
    }

    #[test]
    fn raw_plus_in_form_body_decodes_to_space() {
        let r = req("POST", "", "token=+\\");
        assert_eq!(r.raw("token"), Some(" \\"));
    }

    #[test]
    fn values_are_normalized_and_changed_reads_remembered() {
        let r = req("POST", "", "password=e%CC%81%01x&user=Ok");
        assert_eq!(r.get("user"), Some("Ok"));
        assert!(r.take_changed_reads().is_empty());
        assert_eq!(r.get("password"), Some("\u{e9}\u{fffd}x"));
        r.get("password");
        assert_eq!(r.take_changed_reads(), vec!["password".to_string()]);
        assert!(r.take_changed_reads().is_empty());
    }

    #[test]
    fn cookies_are_decoded() {
        let r = req("GET", "", "");
        assert_eq!(r.cookie("my_wiki_session").as_deref(), Some("abc d"));
        assert_eq!(r.cookie("nope"), None);
    }
}
