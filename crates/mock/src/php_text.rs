//! How PHP and MediaWiki read request bytes as text: a query-string value that is not UTF-8 is
//! read as Windows-1252 (Language::checkTitleEncoding), and invalid UTF-8 elsewhere is cleaned as
//! UtfNormal does.

/// Text of a query-string value: UTF-8 as it is; other bytes read as Windows-1252, whose five
/// unassigned bytes are dropped (Language::checkTitleEncoding through iconv //IGNORE).
pub fn query_value_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().filter_map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(byte: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match byte {
        0x80..=0x9F => match HIGH[usize::from(byte - 0x80)] {
            0 => None,
            code => char::from_u32(u32::from(code)),
        },
        _ => Some(char::from(byte)),
    }
}

/// UtfNormal's cleanUp of invalid UTF-8: a stray continuation byte, 0xFE or 0xFF, a sequence cut
/// short, and a whole overlong, surrogate or out-of-range sequence (5- and 6-byte forms included)
/// each become one U+FFFD; U+FFFE and U+FFFF too.
pub fn clean_utf8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        let tails = match lead {
            0x00..=0x7F => {
                out.push(char::from(lead));
                i += 1;
                continue;
            }
            0xC0..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF7 => 3,
            0xF8..=0xFB => 4,
            0xFC..=0xFD => 5,
            // Stray continuation bytes, 0xFE and 0xFF.
            _ => {
                out.push('\u{fffd}');
                i += 1;
                continue;
            }
        };
        let available = bytes[i + 1..]
            .iter()
            .take(tails)
            .take_while(|&&b| (0x80..0xC0).contains(&b))
            .count();
        if available < tails {
            // Cut short: one replacement, and the byte that broke it is read again.
            out.push('\u{fffd}');
            i += 1 + available;
            continue;
        }
        let sequence = &bytes[i..=i + tails];
        let decoded = std::str::from_utf8(sequence)
            .ok()
            .and_then(|s| s.chars().next())
            .filter(|c| !matches!(c, '\u{fffe}' | '\u{ffff}'));
        out.push(decoded.unwrap_or('\u{fffd}'));
        i += 1 + tails;
    }
    out
}

/// PHP's conversion of a float to a string (`precision` 14: `%.14G`).
pub fn php_float_text(value: f64) -> String {
    let scientific = format!("{value:.13e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if !(-5..14).contains(&exponent) {
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        return format!(
            "{mantissa}E{}{}",
            if exponent < 0 { '-' } else { '+' },
            exponent.abs()
        );
    }
    let decimals = (13 - exponent).max(0) as usize;
    let fixed = format!("{value:.decimals$}");
    if fixed.contains('.') {
        fixed
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        fixed
    }
}

/// A float as PHP's json_encode prints it (`serialize_precision` -1): the shortest text that
/// reads back the same, with `.0` on whole numbers.
pub fn php_float_json(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<u32> {
        text.chars().map(u32::from).collect()
    }

    #[test]
    fn invalid_utf8_is_cleaned_like_utf_normal() {
        // Each case as the real 1.39 wiki echoed a posted `action` value.
        let cases: &[(&[u8], &[u32])] = &[
            (b"a\xff\xfeb", &[0x61, 0xfffd, 0xfffd, 0x62]),
            (b"\xe2\x82", &[0xfffd]),
            (b"\xe2(\xa1x", &[0xfffd, 0x28, 0xfffd, 0x78]),
            (b"\xc3\xa9\x80x", &[0xe9, 0xfffd, 0x78]),
            (b"\xe2\x82\xac\x80\x80x", &[0x20ac, 0xfffd, 0xfffd, 0x78]),
            (b"\xf8\x88\x80\x80\x80x", &[0xfffd, 0x78]),
            (b"\xfc\x84\x80\x80\x80\x80x", &[0xfffd, 0x78]),
            (b"\xed\xa0\x80e", &[0xfffd, 0x65]),
            (b"\xc0\xafx", &[0xfffd, 0x78]),
            (b"\xf4\x90\x80\x80g", &[0xfffd, 0x67]),
            (b"\xef\xbf\xbex", &[0xfffd, 0x78]),
            (b"\xed\x9f\xbfx", &[0xd7ff, 0x78]),
            (b"\xc2\x80x", &[0x80, 0x78]),
        ];
        for (bytes, expected) in cases {
            assert_eq!(codes(&clean_utf8(bytes)), *expected, "{bytes:?}");
        }
    }

    #[test]
    fn query_values_fall_back_to_windows_1252() {
        assert_eq!(query_value_text(b"a\xe9"), "a\u{e9}");
        assert_eq!(
            query_value_text(b"a\x80\x81\x8d\x8f\x90\x9d\x9fb\xa0\xad"),
            "a\u{20ac}\u{178}b\u{a0}\u{ad}"
        );
        assert_eq!(query_value_text("\u{e9}".as_bytes()), "\u{e9}");
    }

    #[test]
    fn php_prints_floats_with_14_digits() {
        assert_eq!(php_float_text(1.0 / 24.0), "0.041666666666667");
        assert_eq!(php_float_text(90.0), "90");
        assert_eq!(php_float_text(0.5), "0.5");
    }
}
