//! The languages messages render in besides English: MediaWiki 1.39's translations of the mock's
//! messages (data/messages/LANG.json, extracted by scripts/extract-messages.py) and the request's
//! choice of language (`uselang`, `errorlang`), which its `messages::Voice` carries. A key a
//! language does not translate falls back to English, as in MediaWiki for languages without a
//! fallback chain (de, fr, da, tw).

use std::collections::HashMap;
use std::sync::LazyLock;

/// The languages the mock has tables for, besides English.
const TABLES: &[(&str, &str)] = &[
    ("de", include_str!("../data/messages/de.json")),
    ("fr", include_str!("../data/messages/fr.json")),
    // The languages of the translated documentation pages (Danish API:Resetpassword, Twi
    // API:Account creation), whose error tables quote MediaWiki's da and tw texts.
    ("da", include_str!("../data/messages/da.json")),
    ("tw", include_str!("../data/messages/tw.json")),
];

static TRANSLATIONS: LazyLock<HashMap<&'static str, HashMap<String, String>>> =
    LazyLock::new(|| {
        TABLES
            .iter()
            .map(|(lang, json)| (*lang, serde_json::from_str(json).unwrap_or_default()))
            .collect()
    });

/// The translation of `key` in `lang`, if the mock has one.
pub fn translation(lang: &str, key: &str) -> Option<&'static str> {
    TRANSLATIONS
        .get(lang)
        .and_then(|table| table.get(key))
        .map(String::as_str)
}

/// The language a request's `uselang` asks for: `user` (the default) is the user's `language`
/// option (`user_language`; English for anonymous users and the default), `content` English; a
/// code the mock has a table for is that language; anything else renders in English (MediaWiki
/// would use its own translations of a valid code; the mock only has de, fr, da and tw).
pub fn uselang(raw: Option<&str>, user_language: Option<&str>) -> &'static str {
    match raw {
        None | Some("user") => user_language.map_or("en", table_for),
        Some("content") => "en",
        Some(code) => table_for(code),
    }
}

/// The language of errors and warnings (`errorlang`): `uselang` by default, `content` English.
pub fn errorlang(raw: Option<&str>, uselang: &'static str) -> &'static str {
    match raw {
        None | Some("uselang") => uselang,
        Some("content") => "en",
        Some(code) => table_for(code),
    }
}

fn table_for(code: &str) -> &'static str {
    TABLES
        .iter()
        .find(|(lang, _)| *lang == code)
        .map_or("en", |(lang, _)| lang)
}

/// Which `{{PLURAL:…}}` form a number takes: 0 for the first (singular) form, 1 for the second.
pub fn plural_form(lang: &str, n: f64) -> usize {
    let singular = match lang {
        // French: 0 and 1 take the singular. Danish differs from English only for fractions;
        // Twi has no rules of its own and takes English's.
        "fr" => (0.0..2.0).contains(&n),
        _ => n == 1.0,
    };
    if singular { 0 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_and_translate() {
        assert_eq!(
            translation("fr", "apierror-badtoken"),
            Some("Jeton CSRF non valide.")
        );
        // de does not translate it: English is used.
        assert_eq!(translation("de", "apierror-badtoken"), None);
        assert!(translation("de", "passwordincommonlist").is_some());
    }

    #[test]
    fn language_choice_follows_the_parameters() {
        assert_eq!(uselang(None, None), "en");
        assert_eq!(uselang(Some("de"), None), "de");
        assert_eq!(uselang(Some("xx-bogus"), None), "en");
        assert_eq!(uselang(None, Some("fr")), "fr");
        assert_eq!(uselang(Some("user"), Some("de")), "de");
        assert_eq!(uselang(Some("content"), Some("de")), "en");
        assert_eq!(errorlang(None, "de"), "de");
        assert_eq!(errorlang(Some("content"), "de"), "en");
        assert_eq!(errorlang(Some("fr"), "de"), "fr");
    }

    #[test]
    fn french_plural_takes_singular_for_zero() {
        assert_eq!(plural_form("fr", 0.0), 0);
        assert_eq!(plural_form("en", 0.0), 1);
        assert_eq!(plural_form("de", 1.0), 0);
    }
}
