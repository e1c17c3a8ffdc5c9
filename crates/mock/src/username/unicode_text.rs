//! The Unicode text rules MediaWiki (on PHP 8.2 with intl/ICU 72) applies to user input:
//! request-level clean-up (`UtfNormal\Validator::cleanUp`), `Language::ucfirst` and
//! `Language::lc`.
//!
//! Rust's case tables follow a newer Unicode version than PHP 8.2's mbstring (Unicode 14). The
//! characters whose case mapping PHP does not know yet (found by comparing `mb_strtoupper` /
//! `mb_strtolower` with Rust for every code point) are treated as uncased, as PHP does.
//!
//! NFC uses ICU4X, whose data is newer than the wiki's ICU 72 (Unicode 15). For every code point the
//! two agree except 20 characters first given decompositions in Unicode 16 (Todhri U+105C9/U+105E4,
//! Tulu-Tigalari U+11383–U+113C8, Gurung Khema U+16121–U+16128): a decomposed sequence of those
//! composes here but stays decomposed in MediaWiki. This is a known, accepted difference.

use icu_normalizer::ComposingNormalizerBorrowed;

use super::super::release::FirstLetterCase;
use super::title_case::TITLE_CASE_EXCEPTIONS;

/// Code points (inclusive ranges) that Rust maps to another case but PHP 8.2's mbstring leaves
/// unchanged, in both directions.
const CASE_UNKNOWN_TO_PHP: [(u32, u32); 10] = [
    (0x019B, 0x019B),
    (0x0264, 0x0264),
    (0x1C89, 0x1C8A),
    (0xA7CB, 0xA7CF),
    (0xA7D2, 0xA7D5),
    (0xA7DA, 0xA7DC),
    (0x10D50, 0x10D65),
    (0x10D70, 0x10D85),
    (0x16EA0, 0x16EB8),
    (0x16EBB, 0x16ED3),
];

fn case_unknown_to_php(ch: char) -> bool {
    let cp = u32::from(ch);
    CASE_UNKNOWN_TO_PHP
        .iter()
        .any(|(first, last)| (*first..=*last).contains(&cp))
}

/// `mb_strtoupper` of one character (full case mapping, so `ß` becomes `SS`).
fn php_uppercase_char(ch: char, out: &mut String) {
    if case_unknown_to_php(ch) {
        out.push(ch);
    } else {
        out.extend(ch.to_uppercase());
    }
}

/// `Language::ucfirst` for English in a release: ASCII first bytes use PHP's ASCII `ucfirst`,
/// anything else the title case of the first character where the release title-cases it (it
/// differs from the upper case only for the characters of `title_case`), else `mb_strtoupper`.
pub fn ucfirst_as(text: &str, case: FirstLetterCase) -> String {
    if case == FirstLetterCase::Title
        && let Some(first) = text.chars().next()
        && let Ok(index) = TITLE_CASE_EXCEPTIONS.binary_search_by(|(ch, _)| ch.cmp(&first))
    {
        let mut result = TITLE_CASE_EXCEPTIONS[index].1.to_string();
        result.push_str(&text[first.len_utf8()..]);
        return result;
    }
    ucfirst(text)
}

/// `Language::ucfirst` for English as MediaWiki 1.39 has it: ASCII first bytes use PHP's ASCII
/// `ucfirst`, anything else `mb_strtoupper` of the first character.
pub fn ucfirst(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut result = String::with_capacity(text.len() + 2);
    if first.is_ascii() {
        result.push(first.to_ascii_uppercase());
    } else {
        php_uppercase_char(first, &mut result);
    }
    result.push_str(chars.as_str());
    result
}

/// `Language::lc` for English: ASCII `strtolower` for ASCII-only text, otherwise `mb_strtolower`
/// (character by character: PHP 8.2 has no final-sigma rule).
pub fn lc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut result = String::with_capacity(text.len());
    for ch in text.chars() {
        if case_unknown_to_php(ch) {
            result.push(ch);
        } else {
            result.extend(ch.to_lowercase());
        }
    }
    result
}

/// `UtfNormal\Validator::cleanUp` as MediaWiki runs it on every request parameter
/// (`WebRequest::getVal` → `Language::normalize`): C0 controls other than TAB, LF and CR, and the
/// non-characters U+FFFE and U+FFFF become U+FFFD, then the text is put in NFC.
pub fn normalize_input(text: &str) -> String {
    // Printable ASCII (and tab, newline, return) is already what the clean-up makes of it.
    if text
        .bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\r' | 0x20..=0x7e))
    {
        return text.to_owned();
    }
    let replaced: String = text
        .chars()
        .map(|ch| match ch {
            '\t' | '\n' | '\r' => ch,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            _ => ch,
        })
        .collect();
    ComposingNormalizerBorrowed::new_nfc()
        .normalize(&replaced)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ucfirst_follows_php() {
        assert_eq!(ucfirst(""), "");
        assert_eq!(ucfirst("foo bar"), "Foo bar");
        assert_eq!(ucfirst("éclair"), "Éclair");
        assert_eq!(ucfirst("ßx"), "SSx");
        assert_eq!(ucfirst("ǆemal"), "Ǆemal");
        assert_eq!(ucfirst("ﬁsh"), "FIsh");
        assert_eq!(ucfirst("_x"), "_x");
        assert_eq!(ucfirst("1a"), "1a");
        // U+A7CD LATIN SMALL LETTER S WITH DIAGONAL STROKE: too new for PHP 8.2.
        assert_eq!(ucfirst("\u{a7cd}x"), "\u{a7cd}x");
    }

    #[test]
    fn lc_follows_php() {
        assert_eq!(lc("User_TALK"), "user_talk");
        assert_eq!(lc("Tal\u{212a}"), "talk");
        assert_eq!(lc("ΟΔΟΣ"), "οδοσ");
        assert_eq!(lc("\u{a7cc}"), "\u{a7cc}");
    }

    #[test]
    fn input_clean_up() {
        assert_eq!(normalize_input("a\u{1}b\tc\u{7f}"), "a\u{fffd}b\tc\u{7f}");
        assert_eq!(normalize_input("e\u{301}\u{ffff}"), "é\u{fffd}");
        assert_eq!(normalize_input("Å"), "Å");
    }
}
