//! The preferences form as action=options sees it (DefaultPreferencesFactory's form descriptor,
//! simplified): which kind an option name is (a preference of the form, one the API cannot set,
//! a user script's `userjs-*`, or none), and each preference's field rule with its validation
//! (HTMLFormField::validate: select and radio options, integer and number bounds, the time zone,
//! the signature; `hide-if` conditions play no part for the API). The fields of each release are
//! data (crates/mock/data/preference-fields-*.json, captured from the real wikis' forms), some
//! only in the form of users with one of the field's `rights` (rollback, patrol, delete, …) or
//! whose option `if_option` is on.

use super::format::Val;
use super::messages::{Msg, Param};
use super::release::Release;
use super::time_correction::TimeCorrection;

/// The most characters a signature may have (`$wgMaxSigChars`).
const MAX_SIGNATURE_CHARS: usize = 255;

/// What the form makes of an option name (PreferencesFactory::getResetKinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A field of the form.
    Registered,
    /// A field the API may not set (the real name, the email address).
    Special,
    /// `userjs-*`: any name a user script picks.
    Userjs,
    /// Anything else.
    Unused,
}

impl Kind {
    /// The `resetkinds` value naming this kind.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Registered => "registered",
            Kind::Special => "special",
            Kind::Userjs => "userjs",
            Kind::Unused => "unused",
        }
    }
}

/// The `resetkinds` values, in the order the module lists them (`all` last).
pub const RESET_KINDS: &[&str] = &[
    "registered",
    "registered-multiselect",
    "registered-checkmatrix",
    "userjs",
    "special",
    "unused",
    "all",
];

/// Why a value does not pass its field.
#[derive(Clone, Debug, PartialEq)]
pub enum Invalid {
    /// A message the warning carries as a message parameter.
    Message(Msg),
    /// A message the field renders to (escaped) text first; the warning carries the text.
    Text(Msg),
    /// The form has no field of that name to validate with (an information row such as
    /// `username`): MediaWiki throws a DomainException.
    NoField,
}

/// The preferences form of a release.
pub struct Form {
    fields: serde_json::Map<String, serde_json::Value>,
    /// The time a time zone's offset is taken at (unix seconds).
    now: u64,
}

impl Form {
    /// The form of a user who has the rights `has_right` says and the options `option`
    /// reads, at unix time `now`.
    pub fn of(
        release: &Release,
        now: u64,
        has_right: &dyn Fn(&str) -> bool,
        option: &dyn Fn(&str) -> Option<String>,
    ) -> Form {
        let mut fields = match serde_json::from_str(release.preference_fields) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        fields.retain(
            |_, rule| match rule.get("rights").and_then(|r| r.as_array()) {
                Some(rights) => rights.iter().any(|r| r.as_str().is_some_and(has_right)),
                None => true,
            },
        );
        fields.retain(
            |_, rule| match rule.get("if_option").and_then(|o| o.as_str()) {
                Some(name) => option(name).is_some_and(|v| php_truthy(&v)),
                None => true,
            },
        );
        Form { fields, now }
    }

    pub fn kind(&self, name: &str) -> Kind {
        if matches!(name, "realname" | "emailaddress") {
            Kind::Special
        } else if self.fields.contains_key(name) {
            Kind::Registered
        } else if name.starts_with("userjs-") {
            Kind::Userjs
        } else {
            Kind::Unused
        }
    }

    /// Validates `value` for the registered preference `name`, the user's options being
    /// `current` (the signature reads `fancysig`).
    pub fn validate(
        &self,
        name: &str,
        value: &str,
        current: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(), Invalid> {
        let Some(rule) = self.fields.get(name) else {
            return Err(Invalid::NoField);
        };
        let field = rule.get("field").and_then(|f| f.as_str()).unwrap_or("free");
        if field == "info" {
            return Err(Invalid::NoField);
        }
        match field {
            "select" | "radio" => {
                let options = rule.get("options").and_then(|o| o.as_array());
                if options.is_some_and(|o| o.iter().any(|v| v.as_str() == Some(value))) {
                    Ok(())
                } else {
                    Err(Invalid::Message(Msg::new("htmlform-select-badoption")))
                }
            }
            "int" | "float" => validate_number(rule, value, field == "int"),
            "timezone" => {
                if TimeCorrection::parse(value, self.now, true).is_valid() {
                    Ok(())
                } else {
                    Err(Invalid::Text(Msg::new("timezone-invalid")))
                }
            }
            "signature" => validate_signature(value, current),
            _ => Ok(()),
        }
    }
}

/// HTMLFloatField (and HTMLIntField, which also wants an integer): empty passes; otherwise a
/// decimal number, then the bounds, the value trimmed of white space.
fn validate_number(rule: &serde_json::Value, value: &str, integer: bool) -> Result<(), Invalid> {
    let value = value.trim_matches([' ', '\t', '\n', '\r', '\0', '\x0b']);
    if value.is_empty() {
        return Ok(());
    }
    if !is_decimal_number(value) {
        return Err(Invalid::Message(Msg::new("htmlform-float-invalid")));
    }
    let number: f64 = value.parse().unwrap_or(0.0);
    if let Some(min) = rule.get("min")
        && min.as_f64().is_some_and(|m| m > number)
    {
        return Err(Invalid::Message(Msg::with(
            "htmlform-int-toolow",
            vec![bound(min)],
        )));
    }
    if let Some(max) = rule.get("max")
        && max.as_f64().is_some_and(|m| m < number)
    {
        return Err(Invalid::Message(Msg::with(
            "htmlform-int-toohigh",
            vec![bound(max)],
        )));
    }
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if integer && !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Invalid::Message(Msg::new("htmlform-int-invalid")));
    }
    Ok(())
}

/// `(\+|\-)?\d+(\.\d+)?(E(\+|\-)?\d+)?`, case-insensitively.
fn is_decimal_number(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

/// A bound as the field message has it: an integer, or a float.
fn bound(value: &serde_json::Value) -> Param {
    match value.as_i64() {
        Some(n) => Param::Num(n),
        None => Param::Float(value.as_f64().unwrap_or(0.0)),
    }
}

/// DefaultPreferencesFactory::validateSignature with `$wgSignatureValidation = 'warning'`: at
/// most 255 characters; a fancy signature (`fancysig` on) other than the user's current one must
/// be well-formed XML.
fn validate_signature(
    value: &str,
    current: &dyn Fn(&str) -> Option<String>,
) -> Result<(), Invalid> {
    if value.chars().count() > MAX_SIGNATURE_CHARS {
        return Err(Invalid::Text(Msg::with(
            "badsiglength",
            vec![Param::NumValue(MAX_SIGNATURE_CHARS as i64)],
        )));
    }
    let fancy = current("fancysig").is_some_and(|v| php_truthy(&v));
    if value.is_empty() || !fancy {
        return Ok(());
    }
    if current("nickname").is_some_and(|signature| signature == value) {
        return Ok(());
    }
    if super::xml_fragment::is_well_formed(value) {
        Ok(())
    } else {
        Err(Invalid::Text(Msg::new("badsig")))
    }
}

/// PHP's truthiness of a string: anything but `""` and `"0"`.
pub fn php_truthy(text: &str) -> bool {
    !text.is_empty() && text != "0"
}

/// An option's value as PHP compares it with a stored text: a boolean as 0 or 1.
pub fn value_text(value: &Val) -> Option<String> {
    match value {
        Val::NativeBool(b) | Val::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
        Val::Int(n) => Some(n.to_string()),
        Val::Str(s) => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::{MEDIAWIKI_1_39, MEDIAWIKI_1_43};

    fn check(release: &Release, name: &str, value: &str) -> Result<(), Invalid> {
        let defaults = |_: &str| None;
        Form::of(release, 0, &|_| true, &|_| None).validate(name, value, &defaults)
    }

    #[test]
    fn kinds_of_names() {
        let form = Form::of(&MEDIAWIKI_1_43, 0, &|_| true, &|_| None);
        assert_eq!(form.kind("skin"), Kind::Registered);
        assert_eq!(form.kind("realname"), Kind::Special);
        assert_eq!(form.kind("userjs-x"), Kind::Userjs);
        assert_eq!(form.kind("foo"), Kind::Unused);
        assert_eq!(
            Form::of(&MEDIAWIKI_1_39, 0, &|_| true, &|_| None).kind("requireemail"),
            Kind::Unused
        );
        assert_eq!(form.kind("requireemail"), Kind::Registered);
        let without_rollback =
            Form::of(&MEDIAWIKI_1_43, 0, &|right| right != "rollback", &|_| None);
        assert_eq!(
            without_rollback.kind("showrollbackconfirmation"),
            Kind::Unused
        );
        assert_eq!(form.kind("watchlistreloadautomatically"), Kind::Unused);
        let old_filters = Form::of(&MEDIAWIKI_1_43, 0, &|_| true, &|_| Some("1".into()));
        assert_eq!(
            old_filters.kind("watchlistreloadautomatically"),
            Kind::Registered
        );
    }

    #[test]
    fn fields_validate_as_the_form_does() {
        let r = &MEDIAWIKI_1_43;
        assert_eq!(check(r, "imagesize", "1"), Ok(()));
        assert!(
            matches!(check(r, "imagesize", "9"), Err(Invalid::Message(m)) if m.key == "htmlform-select-badoption")
        );
        assert_eq!(check(r, "rclimit", " 7 "), Ok(()));
        assert_eq!(check(r, "rclimit", ""), Ok(()));
        assert!(
            matches!(check(r, "rclimit", "1e2"), Err(Invalid::Message(m)) if m.key == "htmlform-int-invalid")
        );
        assert!(
            matches!(check(r, "rclimit", "1001"), Err(Invalid::Message(m)) if m.key == "htmlform-int-toohigh")
        );
        assert!(
            matches!(check(r, "rcdays", "0.01"), Err(Invalid::Message(m)) if m.params == vec![Param::Float(1.0 / 24.0)])
        );
        assert_eq!(check(r, "hideminor", "banana"), Ok(()));
        assert_eq!(check(r, "username", "x"), Err(Invalid::NoField));
        assert!(matches!(
            check(r, "timecorrection", "bogus"),
            Err(Invalid::Text(_))
        ));
        assert_eq!(check(&MEDIAWIKI_1_39, "timecorrection", "bogus"), Ok(()));
    }
}
