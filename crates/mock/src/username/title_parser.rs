//! Page-title parsing as MediaWiki 1.39 does it before it accepts a user name
//! (`MediaWikiTitleCodec::parseTitle` / `splitTitleString`, with `Sanitizer`'s character-reference
//! decoding).
//!
//! Steps, in MediaWiki's order: decode `&name;`, `&#n;`, `&#xh;` (then NFC if the text had any
//! `&`); spaces to `_`; drop bidi marks; collapse Unicode whitespace runs to one `_`; trim `_`;
//! reject U+FFFD; a leading `:` selects the main namespace; split one namespace or interwiki prefix
//! (case-insensitive); cut the `#fragment`; reject illegal characters (`#<>[]{}|`, controls,
//! `%XX`, `&...;`), relative paths (`.`, `..`, `./`, `/../`, ...), `~~~`, more than 255 bytes;
//! upper-case the first letter; normalise IP addresses in the User namespaces; reject a remaining
//! leading `:`.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::ip_address;
use super::unicode_text::{lc, normalize_input, ucfirst};

pub const NS_MAIN: i32 = 0;
pub const NS_TALK: i32 = 1;
pub const NS_USER: i32 = 2;
pub const NS_USER_TALK: i32 = 3;
pub const NS_SPECIAL: i32 = -1;

/// What the title parser asks of a wiki: its namespace and interwiki prefixes, and how it
/// capitalises a title's first letter.
pub trait PrefixLookup {
    /// `Language::getNsIndex` for a prefix in database-key form (`User_talk`), any case.
    fn namespace_index(&self, prefix: &str) -> Option<i32>;
    /// `InterwikiLookup::isValidInterwiki` for a prefix, any case.
    fn is_interwiki(&self, prefix: &str) -> bool;
    /// The content language's `ucfirst` (MediaWiki 1.39's unless the wiki says otherwise).
    fn ucfirst(&self, text: &str) -> String {
        ucfirst(text)
    }
}

/// A parsed title (`TitleValue`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTitle {
    pub namespace: i32,
    /// The title in database-key form (`_` for spaces), without namespace or interwiki prefix.
    pub dbkey: String,
    pub interwiki: String,
    pub fragment: String,
}

impl ParsedTitle {
    /// The title text without prefix, with spaces (`TitleValue::getText`).
    pub fn text(&self) -> String {
        self.dbkey.replace('_', " ")
    }
}

/// Why a title was rejected (the `MalformedTitleException` message keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleError {
    InvalidUtf8,
    Empty,
    TalkNamespace,
    Characters,
    Relative,
    MagicTilde,
    TooLong,
    LeadingColon,
    Invalid,
}

/// `TitleParser::parseTitle($text, $defaultNamespace)`.
pub fn parse_title(
    text: &str,
    default_namespace: i32,
    site: &dyn PrefixLookup,
) -> Result<ParsedTitle, TitleError> {
    let (decoded, references) = decode_char_references(text);
    let filtered = if references > 0 {
        normalize_input(&decoded)
    } else {
        decoded
    };
    split_title_string(&filtered, default_namespace, site)
}

fn is_bidi_mark(ch: char) -> bool {
    matches!(ch, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}')
}

fn is_title_whitespace(ch: char) -> bool {
    matches!(
        ch,
        ' ' | '_' | '\u{A0}' | '\u{1680}' | '\u{180E}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Collapse runs of title whitespace into one `_` and drop bidi marks.
fn clean_whitespace(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut in_run = false;
    for ch in text.chars().filter(|ch| !is_bidi_mark(*ch)) {
        if is_title_whitespace(ch) {
            if !in_run {
                result.push('_');
            }
            in_run = true;
        } else {
            result.push(ch);
            in_run = false;
        }
    }
    result
}

/// For `prefix:rest`, the prefix (without trailing `_`) and the rest (without leading `_`), as
/// `/^(.+?)_*:_*(.*)$/` splits it: the colon is not the first character, `.` matches no newline,
/// and `$` also matches before a final newline, which is then dropped from the rest.
fn split_prefix(dbkey: &str) -> Option<(&str, &str)> {
    let colon = dbkey.char_indices().skip(1).find(|(_, ch)| *ch == ':')?.0;
    let before = &dbkey[..colon];
    if before.contains('\n') {
        return None;
    }
    let prefix = before.trim_end_matches('_');
    let prefix = if prefix.is_empty() {
        &before[..1]
    } else {
        prefix
    };
    let rest = dbkey[colon + 1..].trim_start_matches('_');
    let rest = rest.strip_suffix('\n').unwrap_or(rest);
    if rest.contains('\n') {
        return None;
    }
    Some((prefix, rest))
}

fn split_title_string(
    text: &str,
    default_namespace: i32,
    site: &dyn PrefixLookup,
) -> Result<ParsedTitle, TitleError> {
    let mut dbkey = clean_whitespace(&text.replace(' ', "_"));
    dbkey = dbkey.trim_matches('_').to_string();
    if dbkey.contains('\u{FFFD}') {
        return Err(TitleError::InvalidUtf8);
    }
    let mut namespace = default_namespace;
    let mut interwiki = String::new();
    if let Some(rest) = dbkey.strip_prefix(':') {
        namespace = NS_MAIN;
        dbkey = rest.trim_matches('_').to_string();
    }
    if dbkey.is_empty() {
        return Err(TitleError::Empty);
    }

    if let Some((prefix, rest)) = split_prefix(&dbkey) {
        if let Some(index) = site.namespace_index(prefix) {
            if index == NS_TALK
                && split_prefix(rest).is_some_and(|(inner, _)| {
                    site.namespace_index(inner).is_some_and(|ns| ns != NS_MAIN)
                        || site.is_interwiki(inner)
                })
            {
                return Err(TitleError::TalkNamespace);
            }
            namespace = index;
            dbkey = rest.to_string();
        } else if site.is_interwiki(prefix) {
            interwiki = lc(prefix);
            let rest = rest.to_string();
            dbkey = match rest.strip_prefix(':') {
                Some(after_colon) => {
                    namespace = NS_MAIN;
                    after_colon.trim_matches('_').to_string()
                }
                None => rest,
            };
        }
    }

    let mut fragment = String::new();
    if let Some(hash) = dbkey.find('#') {
        fragment = dbkey[hash + 1..].replace('_', " ");
        dbkey.truncate(hash);
        dbkey.truncate(dbkey.trim_end_matches('_').len());
    }

    if has_illegal_characters(&dbkey) {
        return Err(TitleError::Characters);
    }
    if is_relative_path(&dbkey) {
        return Err(TitleError::Relative);
    }
    if dbkey.contains("~~~") {
        return Err(TitleError::MagicTilde);
    }
    let max_length = if namespace == NS_SPECIAL { 512 } else { 255 };
    if dbkey.len() > max_length {
        return Err(TitleError::TooLong);
    }
    // Every namespace is first-letter capitalised in the configurations the mock supports.
    if interwiki.is_empty() {
        dbkey = site.ucfirst(&dbkey);
    }
    if dbkey.is_empty() && interwiki.is_empty() && namespace != NS_MAIN {
        return Err(TitleError::Empty);
    }
    if namespace == NS_USER || namespace == NS_USER_TALK {
        dbkey = ip_address::sanitize_ip(&dbkey).unwrap_or_default();
    }
    if dbkey.starts_with(':') {
        return Err(TitleError::LeadingColon);
    }
    // TitleValue::assertValidSpec
    if dbkey.starts_with(['_', ' '])
        || dbkey.ends_with(['_', ' '])
        || dbkey.contains(['\r', '\n', '\t'])
        || (dbkey.is_empty() && namespace != NS_MAIN)
    {
        return Err(TitleError::Invalid);
    }
    Ok(ParsedTitle {
        namespace,
        dbkey,
        interwiki,
        fragment,
    })
}

/// Characters outside `$wgLegalTitleChars` (all non-ASCII is legal), `%XX` escapes and
/// `&...;` references.
fn has_illegal_characters(dbkey: &str) -> bool {
    let bytes = dbkey.as_bytes();
    bytes.iter().enumerate().any(|(i, byte)| match byte {
        0x00..=0x1F | 0x7F | b'#' | b'<' | b'>' | b'[' | b']' | b'{' | b'|' | b'}' => true,
        b'%' => bytes
            .get(i + 1..i + 3)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)),
        b'&' => reference_name_length(&bytes[i + 1..]).is_some(),
        _ => false,
    })
}

/// Length of `name;` at the start of `bytes` for `[A-Za-z0-9\x80-\xff]+;`, if present.
fn reference_name_length(bytes: &[u8]) -> Option<usize> {
    let run = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b >= 0x80)
        .count();
    (run > 0 && bytes.get(run) == Some(&b';')).then_some(run + 1)
}

fn is_relative_path(dbkey: &str) -> bool {
    dbkey.contains('.')
        && (dbkey == "."
            || dbkey == ".."
            || dbkey.starts_with("./")
            || dbkey.starts_with("../")
            || dbkey.contains("/./")
            || dbkey.contains("/../")
            || dbkey.ends_with("/.")
            || dbkey.ends_with("/.."))
}

/// The HTML5 named references MediaWiki decodes (name including `;` → replacement text).
fn named_references() -> &'static HashMap<&'static str, String> {
    static TABLE: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/html-entities.tsv")
            .lines()
            .filter_map(|line| {
                let (name, code_points) = line.split_once('\t')?;
                let text = code_points
                    .split(' ')
                    .map(|hex| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
                    .collect::<Option<String>>()?;
                Some((name, text))
            })
            .collect()
    })
}

/// `Sanitizer::validateCodepoint`: code points a numeric reference may produce.
fn is_valid_reference_code_point(code_point: u64) -> bool {
    matches!(code_point, 0x09 | 0x0A | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

fn decode_numeric_reference(code_point: u64) -> char {
    if is_valid_reference_code_point(code_point) {
        u32::try_from(code_point)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}')
    } else {
        '\u{FFFD}'
    }
}

/// `Sanitizer::decodeCharReferences`, also returning how many `&` matches there were.
pub fn decode_char_references(text: &str) -> (String, usize) {
    let mut result = String::with_capacity(text.len());
    let mut matches = 0;
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        result.push_str(&rest[..amp]);
        matches += 1;
        let after = &rest[amp + 1..];
        let bytes = after.as_bytes();
        if let Some(length) = reference_name_length(bytes) {
            let name = &after[..length];
            let name = match name {
                "\u{5E8}\u{5DC}\u{5DE};" | "\u{631}\u{644}\u{645};" => "rlm;",
                _ => name,
            };
            match named_references().get(name) {
                Some(replacement) => result.push_str(replacement),
                None => {
                    result.push('&');
                    result.push_str(&after[..length]);
                }
            }
            rest = &after[length..];
        } else if let Some((code_point, length)) = numeric_reference(bytes) {
            result.push(decode_numeric_reference(code_point));
            rest = &after[length..];
        } else {
            result.push('&');
            rest = after;
        }
    }
    result.push_str(rest);
    (result, matches)
}

/// `#digits;` or `#xhex;` at the start of `bytes`: (code point, saturated; length consumed).
fn numeric_reference(bytes: &[u8]) -> Option<(u64, usize)> {
    let (radix, start) = match bytes {
        [b'#', b'x' | b'X', ..] => (16, 2),
        [b'#', ..] => (10, 1),
        _ => return None,
    };
    let digits = bytes[start..]
        .iter()
        .take_while(|b| {
            if radix == 16 {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 || bytes.get(start + digits) != Some(&b';') {
        return None;
    }
    let value = bytes[start..start + digits].iter().fold(0u64, |acc, b| {
        let digit = (*b as char).to_digit(radix).unwrap_or(0);
        acc.saturating_mul(u64::from(radix))
            .saturating_add(u64::from(digit))
    });
    Some((value, start + digits + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestSite;

    impl PrefixLookup for TestSite {
        fn namespace_index(&self, prefix: &str) -> Option<i32> {
            match lc(prefix).as_str() {
                "talk" => Some(1),
                "user" => Some(2),
                "user_talk" => Some(3),
                "file" | "image" => Some(6),
                "special" => Some(-1),
                _ => None,
            }
        }
        fn is_interwiki(&self, prefix: &str) -> bool {
            lc(prefix) == "wikipedia"
        }
    }

    fn parse(text: &str) -> Result<(i32, String, String), TitleError> {
        parse_title(text, NS_USER, &TestSite).map(|t| (t.namespace, t.text(), t.interwiki))
    }

    #[test]
    fn normalises_whitespace_case_and_prefixes() {
        assert_eq!(
            parse("  foo__ bar\u{3000}baz "),
            Ok((2, "Foo bar baz".into(), "".into()))
        );
        assert_eq!(parse("user:  éclair"), Ok((2, "Éclair".into(), "".into())));
        assert_eq!(parse("USER_TALK:X"), Ok((3, "X".into(), "".into())));
        assert_eq!(parse("Image:x.png"), Ok((6, "X.png".into(), "".into())));
        assert_eq!(parse(":Foo"), Ok((0, "Foo".into(), "".into())));
        assert_eq!(parse("Foo:Bar"), Ok((2, "Foo:Bar".into(), "".into())));
        assert_eq!(
            parse("wikipedia:Foo"),
            Ok((2, "Foo".into(), "wikipedia".into()))
        );
        assert_eq!(parse("a\u{200E}b"), Ok((2, "Ab".into(), "".into())));
        assert_eq!(parse("Foo#bar"), Ok((2, "Foo".into(), "".into())));
    }

    #[test]
    fn decodes_references() {
        assert_eq!(parse("Foo&amp;bar"), Ok((2, "Foo&bar".into(), "".into())));
        assert_eq!(parse("&eacute;clair"), Ok((2, "Éclair".into(), "".into())));
        assert_eq!(parse("A&#66;&#x43;"), Ok((2, "ABC".into(), "".into())));
        assert_eq!(parse("A&nbsp;B"), Ok((2, "A B".into(), "".into())));
        assert_eq!(parse("Foo&#35;x"), Ok((2, "Foo".into(), "".into())));
        assert_eq!(
            decode_char_references("a&b &amp;amp; &#0; &#99999999999999999999; &nope;").0,
            "a&b &amp; \u{FFFD} \u{FFFD} &nope;"
        );
        assert_eq!(
            decode_char_references("&\u{5E8}\u{5DC}\u{5DE};").0,
            "\u{200F}"
        );
    }

    #[test]
    fn rejects_malformed_titles() {
        for (text, error) in [
            ("", TitleError::Empty),
            ("  _ ", TitleError::Empty),
            ("User:", TitleError::Empty),
            ("A|b", TitleError::Characters),
            ("A[b]", TitleError::Characters),
            ("A%41", TitleError::Characters),
            ("A&nope;", TitleError::Characters),
            ("A\u{1}", TitleError::Characters),
            (".", TitleError::Relative),
            ("../x", TitleError::Relative),
            ("a/./b", TitleError::Relative),
            ("A~~~", TitleError::MagicTilde),
            ("A\u{FFFD}", TitleError::InvalidUtf8),
            ("Talk:User:X", TitleError::TalkNamespace),
            ("Talk:Wikipedia:X", TitleError::TalkNamespace),
            ("::x", TitleError::LeadingColon),
        ] {
            assert_eq!(parse(text).map(|_| ()), Err(error), "{text:?}");
        }
        assert_eq!(
            parse(&"a".repeat(256)).map(|_| ()),
            Err(TitleError::TooLong)
        );
        assert!(parse(&"a".repeat(255)).is_ok());
        assert!(parse("A%4").is_ok());
    }

    #[test]
    fn normalises_ip_addresses_in_user_namespaces() {
        assert_eq!(parse("010.1.1.1"), Ok((2, "10.1.1.1".into(), "".into())));
        assert_eq!(parse("a::b"), Ok((2, "A:0:0:0:0:0:0:B".into(), "".into())));
        assert_eq!(
            parse_title("a::b", NS_MAIN, &TestSite).map(|t| t.text()),
            Ok("A::b".into())
        );
    }
}
