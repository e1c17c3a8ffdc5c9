//! Result values and their rendering: the neutral result tree (`Val`) that modules build, and the
//! `format=json` printer with MediaWiki's formatversion 1/2 rules (fv1 booleans, `*` content keys,
//! `\uXXXX` escaping, ApiResult's array types) plus the output options parsed from the request
//! (`OutputFormat`).

use std::fmt::Write as _;

/// One node of an API result, independent of the output format version.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Null,
    Bool(bool),
    /// A boolean without ApiResult::META_BC_BOOLS: JSON `true`/`false` in formatversion 1 too
    /// (e.g. a user option); XML prints it like [`Val::Bool`].
    NativeBool(bool),
    Int(i64),
    /// A PHP float (JSON prints it as PHP's `serialize_precision` -1 does).
    Float(f64),
    Str(String),
    /// Textual content: its key becomes `*` in formatversion 1 (ApiResult::META_CONTENT).
    Content(String),
    List(Vec<Val>),
    /// A list whose items XML names `<tag>` instead of `<_v>` (ApiResult::setIndexedTagName);
    /// JSON prints it like [`Val::List`].
    Tagged(&'static str, Vec<Val>),
    /// An object: a PHP array ApiResult types `assoc`.
    Map(Vec<(String, Val)>),
    /// A keyed PHP array of another [`ArrayType`], whose integer-keyed items XML names `<tag>`
    /// (with `_idx="KEY"` unless it prints as a list).
    Typed(ArrayType, &'static str, Vec<(String, Val)>),
}

/// The array types of ApiResult::setArrayType that [`Val::Typed`] carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrayType {
    /// `assoc`: an object, whatever its keys (like [`Val::Map`]).
    Assoc,
    /// `BCassoc`: an object in formatversion 2 and XML; formatversion 1 treats it as untyped.
    BcAssoc,
    /// No type: a list when its keys are 0, 1, … (or none at all, e.g. after formatversion 1
    /// dropped its false booleans), an object otherwise.
    Untyped,
}

impl ArrayType {
    /// Whether `entries` (the ones left to print) print as a list rather than an object, given
    /// whether the printer applies the formatversion 1 (BC) transformation.
    pub fn prints_as_list(self, entries: &[&(String, Val)], bc: bool) -> bool {
        match self {
            ArrayType::Assoc => false,
            ArrayType::BcAssoc if !bc => false,
            ArrayType::BcAssoc | ArrayType::Untyped => {
                let mut keys: Vec<usize> = Vec::with_capacity(entries.len());
                for (key, _) in entries {
                    match key.parse::<usize>() {
                        Ok(n) if n.to_string() == *key => keys.push(n),
                        _ => return false,
                    }
                }
                keys.sort_unstable();
                keys.iter().enumerate().all(|(i, k)| i == *k)
            }
        }
    }
}

impl Val {
    /// An empty JSON object.
    pub fn map() -> Val {
        Val::Map(Vec::new())
    }

    /// Appends (or replaces) `key` in a map; a no-op on other variants.
    pub fn set(&mut self, key: &str, value: impl Into<Val>) {
        if let Val::Map(entries) = self {
            let value = value.into();
            if let Some(slot) = entries.iter_mut().find(|(k, _)| k == key) {
                slot.1 = value;
            } else {
                entries.push((key.to_string(), value));
            }
        }
    }

    /// Builder form of [`Val::set`].
    pub fn with(mut self, key: &str, value: impl Into<Val>) -> Val {
        self.set(key, value);
        self
    }

    /// The value under `key` of a map.
    #[cfg(test)]
    pub fn get(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl From<&str> for Val {
    fn from(s: &str) -> Val {
        Val::Str(s.to_string())
    }
}
impl From<String> for Val {
    fn from(s: String) -> Val {
        Val::Str(s)
    }
}
impl From<&String> for Val {
    fn from(s: &String) -> Val {
        Val::Str(s.clone())
    }
}
impl From<bool> for Val {
    fn from(b: bool) -> Val {
        Val::Bool(b)
    }
}
impl From<i64> for Val {
    fn from(n: i64) -> Val {
        Val::Int(n)
    }
}
impl From<u64> for Val {
    fn from(n: u64) -> Val {
        Val::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<usize> for Val {
    fn from(n: usize) -> Val {
        Val::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<Vec<Val>> for Val {
    fn from(v: Vec<Val>) -> Val {
        Val::List(v)
    }
}

impl Val {
    /// A list whose XML items are `<tag>` elements.
    pub fn tagged(tag: &'static str, items: Vec<Val>) -> Val {
        Val::Tagged(tag, items)
    }
}

/// Output options taken from the main and printer parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutputFormat {
    /// formatversion 2 (or `latest`)
    pub fv2: bool,
    /// `utf8=1`: fv1 without `\uXXXX` escaping
    pub utf8: bool,
    /// `ascii=1`: fv2 with `\uXXXX` escaping
    pub ascii: bool,
}

impl OutputFormat {
    #[cfg(test)]
    pub const FV1: OutputFormat = OutputFormat {
        fv2: false,
        utf8: false,
        ascii: false,
    };
    #[cfg(test)]
    pub const FV2: OutputFormat = OutputFormat {
        fv2: true,
        utf8: false,
        ascii: false,
    };

    fn escape_unicode(&self) -> bool {
        if self.fv2 { self.ascii } else { !self.utf8 }
    }
}

/// Renders a result tree as MediaWiki's JSON printer does (FormatJson, no pretty printing).
pub fn to_json(val: &Val, out: OutputFormat) -> String {
    let mut s = String::with_capacity(256);
    write_val(&mut s, val, out);
    s
}

/// Renders with 4-space indentation, as the `jsonfm` pretty printer shows it.
pub fn to_json_pretty(val: &Val, out: OutputFormat) -> String {
    let compact = to_json(val, out);
    match serde_json::from_str::<serde_json::Value>(&compact) {
        Ok(parsed) => {
            let mut buf = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
            if serde::Serialize::serialize(&parsed, &mut ser).is_err() {
                return compact;
            }
            let pretty = String::from_utf8(buf).unwrap_or(compact);
            // serde_json escapes nothing beyond JSON's needs; re-apply the fv1 escaping rules.
            if out.escape_unicode() {
                escape_non_ascii(&pretty)
            } else {
                pretty
            }
        }
        Err(_) => compact,
    }
}

fn escape_non_ascii(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) > 0x7f {
            push_char_escaped(&mut o, c, true);
        } else {
            o.push(c);
        }
    }
    o
}

fn write_val(s: &mut String, val: &Val, out: OutputFormat) {
    match val {
        Val::Null => s.push_str("null"),
        Val::Bool(b) => {
            if out.fv2 {
                s.push_str(if *b { "true" } else { "false" });
            } else {
                // fv1: true is ""; false values are dropped by the parent, "" elsewhere.
                s.push_str("\"\"");
            }
        }
        Val::NativeBool(b) => s.push_str(if *b { "true" } else { "false" }),
        Val::Int(n) => {
            let _ = write!(s, "{n}");
        }
        Val::Float(f) => s.push_str(&super::php_text::php_float_json(*f)),
        Val::Str(t) | Val::Content(t) => write_string(s, t, out),
        Val::List(items) | Val::Tagged(_, items) => {
            s.push('[');
            let mut first = true;
            for item in items {
                if !out.fv2 && matches!(item, Val::Bool(false)) {
                    continue;
                }
                if !first {
                    s.push(',');
                }
                first = false;
                write_val(s, item, out);
            }
            s.push(']');
        }
        Val::Map(entries) => write_object(s, entries, out),
        Val::Typed(kind, _, entries) => {
            let kept: Vec<&(String, Val)> = entries
                .iter()
                .filter(|(_, v)| out.fv2 || !matches!(v, Val::Bool(false)))
                .collect();
            if kind.prints_as_list(&kept, !out.fv2) {
                let mut items: Vec<(usize, &Val)> = kept
                    .iter()
                    .map(|(k, v)| (k.parse().unwrap_or(0), v))
                    .collect();
                items.sort_by_key(|(k, _)| *k);
                let list: Vec<Val> = items.into_iter().map(|(_, v)| v.clone()).collect();
                write_val(s, &Val::List(list), out);
            } else {
                write_object(s, entries, out);
            }
        }
    }
}

/// An object's members: formatversion 1 drops false booleans and moves the content value to the
/// end under `*`.
fn write_object(s: &mut String, entries: &[(String, Val)], out: OutputFormat) {
    s.push('{');
    let mut first = true;
    let ordered: Vec<&(String, Val)> = if out.fv2 {
        entries.iter().collect()
    } else {
        let (content, other): (Vec<_>, Vec<_>) = entries
            .iter()
            .partition(|(_, v)| matches!(v, Val::Content(_)));
        other.into_iter().chain(content).collect()
    };
    for (key, item) in ordered {
        if !out.fv2 && matches!(item, Val::Bool(false)) {
            continue;
        }
        if !first {
            s.push(',');
        }
        first = false;
        let key = if !out.fv2 && matches!(item, Val::Content(_)) {
            "*"
        } else {
            key.as_str()
        };
        write_string(s, key, out);
        s.push(':');
        write_val(s, item, out);
    }
    s.push('}');
}

fn write_string(s: &mut String, t: &str, out: OutputFormat) {
    let escape = out.escape_unicode();
    s.push('"');
    for c in t.chars() {
        push_char_escaped(s, c, escape);
    }
    s.push('"');
}

fn push_char_escaped(s: &mut String, c: char, escape_unicode: bool) {
    match c {
        '"' => s.push_str("\\\""),
        '\\' => s.push_str("\\\\"),
        '\n' => s.push_str("\\n"),
        '\r' => s.push_str("\\r"),
        '\t' => s.push_str("\\t"),
        '\u{8}' => s.push_str("\\b"),
        '\u{c}' => s.push_str("\\f"),
        c if (c as u32) < 0x20 => {
            let _ = write!(s, "\\u{:04x}", c as u32);
        }
        // FormatJson always escapes the JavaScript line terminators.
        '\u{2028}' | '\u{2029}' => {
            let _ = write!(s, "\\u{:04x}", c as u32);
        }
        c if escape_unicode && (c as u32) > 0x7f => {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(s, "\\u{:04x}", unit);
            }
        }
        c => s.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fv1_drops_false_and_writes_true_as_empty_string() {
        let v = Val::map().with("a", true).with("b", false).with("c", 1i64);
        assert_eq!(to_json(&v, OutputFormat::FV1), r#"{"a":"","c":1}"#);
        assert_eq!(
            to_json(&v, OutputFormat::FV2),
            r#"{"a":true,"b":false,"c":1}"#
        );
    }

    #[test]
    fn content_key_is_star_in_fv1() {
        let v = Val::map().with("docref", Val::Content("x/y".into()));
        assert_eq!(to_json(&v, OutputFormat::FV1), r#"{"*":"x/y"}"#);
        assert_eq!(to_json(&v, OutputFormat::FV2), r#"{"docref":"x/y"}"#);
    }

    #[test]
    fn escaping_follows_formatversion() {
        let v = Val::from("Éclair ⧼x⧽ 😀 <a&b> \\ \"");
        assert_eq!(
            to_json(&v, OutputFormat::FV1),
            r#""\u00c9clair \u29fcx\u29fd \ud83d\ude00 <a&b> \\ \"""#
        );
        assert_eq!(
            to_json(&v, OutputFormat::FV2),
            "\"Éclair ⧼x⧽ 😀 <a&b> \\\\ \\\"\""
        );
        let ascii = OutputFormat {
            fv2: true,
            utf8: false,
            ascii: true,
        };
        assert_eq!(to_json(&Val::from("é"), ascii), r#""\u00e9""#);
        let utf8 = OutputFormat {
            fv2: false,
            utf8: true,
            ascii: false,
        };
        assert_eq!(to_json(&Val::from("é\u{2028}"), utf8), "\"é\\u2028\"");
    }

    #[test]
    fn empty_map_and_list() {
        let v = Val::map()
            .with("metadata", Val::map())
            .with("l", Val::List(vec![]));
        assert_eq!(to_json(&v, OutputFormat::FV2), r#"{"metadata":{},"l":[]}"#);
    }

    #[test]
    fn array_types_follow_apiresult() {
        let limits = Val::Typed(
            ArrayType::BcAssoc,
            "limit",
            vec![("0".into(), Val::Int(120)), ("1".into(), Val::Int(150))],
        );
        assert_eq!(to_json(&limits, OutputFormat::FV1), "[120,150]");
        assert_eq!(to_json(&limits, OutputFormat::FV2), r#"{"0":120,"1":150}"#);
        let magic = Val::Typed(
            ArrayType::Untyped,
            "",
            vec![("ISBN".into(), Val::Bool(false))],
        );
        assert_eq!(to_json(&magic, OutputFormat::FV1), "[]");
        assert_eq!(to_json(&magic, OutputFormat::FV2), r#"{"ISBN":false}"#);
        let namespaces = Val::Typed(
            ArrayType::Assoc,
            "ns",
            vec![("0".into(), Val::Int(0)), ("1".into(), Val::Int(1))],
        );
        assert_eq!(to_json(&namespaces, OutputFormat::FV1), r#"{"0":0,"1":1}"#);
    }

    #[test]
    fn pretty_uses_four_spaces() {
        let v = Val::map().with("a", Val::map().with("b", "é"));
        assert_eq!(
            to_json_pretty(&v, OutputFormat::FV1),
            "{\n    \"a\": {\n        \"b\": \"\\u00e9\"\n    }\n}"
        );
    }
}
