//! The `timecorrection` user option (UserTimeCorrection): how a stored value is read (`System`,
//! `Offset|minutes`, `ZoneInfo|minutes|Zone`, or what the preferences form's text box takes,
//! `hours` or `hours:minutes`), whether it is valid (1.43's time zone field validates with it) and
//! the form it is shown in once read back (`uiprop=options` shows `Offset|0` for `Offset`).
//!
//! A `ZoneInfo` value's zone is looked up in the system's time zone database (zoneinfo.rs); a
//! zone it does not know counts as its offset, and is invalid.

/// `$wgLocalTZoffset` of the stock wiki (`$wgLocaltimezone` is UTC): what `System` means.
const SYSTEM_OFFSET: i64 = 0;
/// The offsets a time correction may have, in minutes: -12:00 to +14:00.
const MIN_OFFSET: i64 = -12 * 60;
const MAX_OFFSET: i64 = 14 * 60;

/// A time correction as read from a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeCorrection {
    /// `System`, `Offset` or `ZoneInfo` (a known zone).
    kind: &'static str,
    /// The zone's name as given, for `ZoneInfo`.
    zone: Option<String>,
    /// Minutes from UTC, within -12:00 and +14:00.
    offset: i64,
    valid: bool,
}

impl TimeCorrection {
    /// The time correction `text` means at unix time `now` (a zone's offset depends on it);
    /// `bounded`: as 1.43 reads it (offsets bounded, signed hours), else as 1.39 does.
    pub fn parse(text: &str, now: u64, bounded: bool) -> TimeCorrection {
        let data: Vec<&str> = text.splitn(3, '|').collect();
        if data[0] == "ZoneInfo"
            && let Some(zone) = data.get(2)
            && let Some(seconds) = super::zoneinfo::offset_at(zone, now as i64)
        {
            return TimeCorrection {
                kind: "ZoneInfo",
                zone: Some(zone.to_string()),
                offset: seconds.div_euclid(60),
                valid: true,
            };
        }
        let (kind, offset, valid) = match data[0] {
            "Offset" | "ZoneInfo" if !bounded => {
                return TimeCorrection {
                    kind: "Offset",
                    zone: None,
                    offset: data.get(1).map_or(0, |n| php_int(n)),
                    valid: data.len() > 1 && data[0] == "Offset",
                };
            }
            "Offset" | "ZoneInfo" => (
                "Offset",
                data.get(1).map_or(0, |n| php_int(n)),
                data.len() > 1 && data[0] == "Offset",
            ),
            "System" => ("System", SYSTEM_OFFSET, true),
            _ => match text.split_once(':') {
                Some((hours, minutes)) => {
                    let h = php_int(hours);
                    let offset = h
                        .saturating_abs()
                        .saturating_mul(60)
                        .saturating_add(php_int(minutes));
                    ("Offset", if h < 0 { -offset } else { offset }, true)
                }
                None if bounded && is_signed_integer(text) => {
                    ("Offset", php_int(text).saturating_mul(60), true)
                }
                None if !bounded
                    && !text.is_empty()
                    && text.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    ("Offset", php_int(text).saturating_mul(60), true)
                }
                // Not a time correction at all: the wiki's own.
                None => {
                    return TimeCorrection {
                        kind: "System",
                        zone: None,
                        offset: SYSTEM_OFFSET,
                        valid: false,
                    };
                }
            },
        };
        TimeCorrection {
            kind,
            zone: None,
            offset: offset.clamp(MIN_OFFSET, MAX_OFFSET),
            valid: valid && (MIN_OFFSET..=MAX_OFFSET).contains(&offset),
        }
    }

    pub fn is_valid(&self) -> bool {
        self.valid
    }

    /// The stored form (`System|0`, `Offset|-90`, `ZoneInfo|60|Europe/Berlin`).
    pub fn to_option(&self) -> String {
        match &self.zone {
            Some(zone) => format!("{}|{}|{zone}", self.kind, self.offset),
            None => format!("{}|{}", self.kind, self.offset),
        }
    }
}

/// `/^[+-]?\d+$/` (PCRE's `$` also matches before a final newline).
fn is_signed_integer(text: &str) -> bool {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// PHP's `(int)` of a string: leading whitespace, then the longest numeric prefix (an integer,
/// or a decimal number with an exponent, truncated toward zero); 0 when there is none, and the
/// integer range's end when it is out of range.
pub fn php_int(text: &str) -> i64 {
    let text = text.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let bytes = text.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        end = 1;
    }
    let digits_start = end;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    let int_end = end;
    let mut is_float = false;
    if end < bytes.len() && bytes[end] == b'.' {
        let mut e = end + 1;
        while e < bytes.len() && bytes[e].is_ascii_digit() {
            e += 1;
        }
        if e > end + 1 || int_end > digits_start {
            is_float = e > end + 1 || is_float;
            end = e;
        }
    }
    if end == digits_start || (end == digits_start + 1 && bytes.get(digits_start) == Some(&b'.')) {
        return 0;
    }
    if end < bytes.len() && matches!(bytes[end], b'e' | b'E') {
        let mut e = end + 1;
        if e < bytes.len() && matches!(bytes[e], b'+' | b'-') {
            e += 1;
        }
        let exp_digits = e;
        while e < bytes.len() && bytes[e].is_ascii_digit() {
            e += 1;
        }
        if e > exp_digits {
            is_float = true;
            end = e;
        }
    }
    let number = &text[..end];
    if !is_float && let Ok(n) = number.parse::<i64>() {
        return n;
    }
    match number.parse::<f64>() {
        Ok(f) if f.is_finite() && f.abs() < 9.2e18 => f.trunc() as i64,
        Ok(f) if !is_float => {
            if f < 0.0 {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        // PHP 8 on 64 bits: a float out of range converts to 0... or wraps; both rare here.
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> (String, bool) {
        let tc = TimeCorrection::parse(text, 1_796_000_000, true);
        (tc.to_option(), tc.is_valid())
    }

    #[test]
    fn the_forms_a_time_correction_takes() {
        assert_eq!(shown("System|0"), ("System|0".into(), true));
        assert_eq!(shown("System|120"), ("System|0".into(), true));
        assert_eq!(shown("Offset|60"), ("Offset|60".into(), true));
        assert_eq!(shown("Offset"), ("Offset|0".into(), false));
        assert_eq!(shown("Offset|abc"), ("Offset|0".into(), true));
        assert_eq!(shown("Offset|900"), ("Offset|840".into(), false));
        assert_eq!(shown("Offset|-721"), ("Offset|-720".into(), false));
        assert_eq!(
            shown("ZoneInfo|60|Nowhere/Land"),
            ("Offset|60".into(), false)
        );
        assert_eq!(shown("5:30"), ("Offset|330".into(), true));
        assert_eq!(shown("-5:30"), ("Offset|-330".into(), true));
        assert_eq!(shown("-0:30"), ("Offset|30".into(), true));
        assert_eq!(shown("+3"), ("Offset|180".into(), true));
        if std::path::Path::new("/usr/share/zoneinfo/Europe/Berlin").exists() {
            assert_eq!(
                shown("ZoneInfo|0|europe/berlin"),
                ("ZoneInfo|60|europe/berlin".into(), true)
            );
        }
        assert_eq!(shown("15"), ("Offset|840".into(), false));
        assert_eq!(shown("bogus"), ("System|0".into(), false));
        assert_eq!(shown(""), ("System|0".into(), false));
    }

    #[test]
    fn release_1_39_reads_offsets_as_stored_and_unsigned_hours() {
        let shown = |text: &str| TimeCorrection::parse(text, 0, false).to_option();
        assert_eq!(shown("Offset|900"), "Offset|900");
        assert_eq!(shown("-13"), "System|0");
        assert_eq!(shown("+3"), "System|0");
        assert_eq!(shown("3"), "Offset|180");
        assert_eq!(shown("15"), "Offset|840");
    }

    #[test]
    fn php_integer_conversion() {
        assert_eq!(php_int(" 60abc"), 60);
        assert_eq!(php_int("abc"), 0);
        assert_eq!(php_int("1e2"), 100);
        assert_eq!(php_int("-2.9"), -2);
        assert_eq!(php_int("+7"), 7);
        assert_eq!(php_int("99999999999999999999"), i64::MAX);
    }
}
