//! IP address recognition and normalisation as MediaWiki does it for user names
//! (`Wikimedia\IPUtils` 1.x: `isValid`, `isIPAddress`, `isValidRange`, `sanitizeIP`).
//!
//! * An IPv4 byte is 1 to 3 ASCII digits with a value up to 255 (`010` is allowed); a prefix
//!   length is `0`–`32` (IPv6: `0`–`128`) without leading zeros.
//! * IPv6 is 8 words of 1–4 hex digits, or fewer with exactly one `::`; embedded IPv4 forms are not
//!   recognised.
//! * PHP's `$` also matches before one final newline, so `"1.2.3.4\n"` counts as an address.
//! * `sanitize_ip` trims, strips leading zeros from IPv4 octets, and upper-cases and expands IPv6
//!   (`::1` becomes `0:0:0:0:0:0:0:1`); other text is only trimmed.

/// Remove the one trailing newline PHP's `$` tolerates.
fn php_dollar(text: &str) -> &str {
    text.strip_suffix('\n').unwrap_or(text)
}

fn is_ipv4_byte(text: &str) -> bool {
    (1..=3).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_digit())
        && text.parse::<u16>().is_ok_and(|value| value <= 255)
}

fn is_ipv4_address(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4 && parts.iter().all(|part| is_ipv4_byte(part))
}

/// A decimal number in `0..=max` written without leading zeros.
fn is_prefix_length(text: &str, max: u8) -> bool {
    let digits_ok = match text.as_bytes() {
        [d] => d.is_ascii_digit(),
        [b'0', ..] => false,
        [..] => (2..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()),
    };
    digits_ok && text.parse::<u8>().is_ok_and(|value| value <= max)
}

fn is_ipv6_word(text: &str) -> bool {
    (1..=4).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A colon-separated run of IPv6 words (empty text is zero words); `None` if malformed.
fn ipv6_word_count(text: &str) -> Option<usize> {
    if text.is_empty() {
        return Some(0);
    }
    let words: Vec<&str> = text.split(':').collect();
    words
        .iter()
        .all(|word| is_ipv6_word(word))
        .then_some(words.len())
}

fn is_ipv6_address(text: &str) -> bool {
    if text == "::" {
        return true;
    }
    match text.find("::") {
        None => ipv6_word_count(text) == Some(8),
        Some(gap) => {
            let (before, after) = (&text[..gap], &text[gap + 2..]);
            match (ipv6_word_count(before), ipv6_word_count(after)) {
                (Some(b), Some(a)) => (1..=7).contains(&(a + b)),
                _ => false,
            }
        }
    }
}

/// `IPUtils::isValidIPv4`: a single IPv4 address (no range).
pub fn is_valid_ipv4(text: &str) -> bool {
    is_ipv4_address(php_dollar(text))
}

/// `IPUtils::isValidIPv6`: a single IPv6 address (no range).
pub fn is_valid_ipv6(text: &str) -> bool {
    is_ipv6_address(php_dollar(text))
}

/// `IPUtils::isValid`: a single IPv4 or IPv6 address.
pub fn is_valid(text: &str) -> bool {
    is_valid_ipv4(text) || is_valid_ipv6(text)
}

/// `address` optionally followed by `/prefix`, with the given address and prefix rules.
fn with_optional_prefix(text: &str, address: fn(&str) -> bool, max_prefix: u8) -> bool {
    match text.split_once('/') {
        Some((addr, prefix)) => address(addr) && is_prefix_length(prefix, max_prefix),
        None => address(text),
    }
}

/// `IPUtils::isIPv4`: an IPv4 address, optionally with a CIDR prefix.
fn is_ipv4_with_optional_prefix(text: &str) -> bool {
    with_optional_prefix(php_dollar(text), is_ipv4_address, 32)
}

/// `IPUtils::isIPv6`: an IPv6 address, optionally with a CIDR prefix.
fn is_ipv6_with_optional_prefix(text: &str) -> bool {
    with_optional_prefix(php_dollar(text), is_ipv6_address, 128)
}

/// `IPUtils::isIPAddress`: an IPv4 or IPv6 address, optionally with a CIDR prefix.
pub fn is_ip_address(text: &str) -> bool {
    is_ipv4_with_optional_prefix(text) || is_ipv6_with_optional_prefix(text)
}

/// `A/prefix` or `A - B` (each space optional) with the given address rule.
fn is_range(text: &str, address: fn(&str) -> bool, max_prefix: u8) -> bool {
    if let Some((addr, prefix)) = text.split_once('/') {
        return address(addr) && is_prefix_length(prefix, max_prefix);
    }
    text.match_indices('-').any(|(dash, _)| {
        let start = &text[..dash];
        let end = &text[dash + 1..];
        let start = start.strip_suffix(' ').unwrap_or(start);
        let end = end.strip_prefix(' ').unwrap_or(end);
        address(start) && address(end)
    })
}

/// `IPUtils::isValidRange`: an IPv4 or IPv6 range in CIDR (`a/n`) or explicit (`a - b`) form.
pub fn is_valid_range(text: &str) -> bool {
    let text = php_dollar(text);
    is_range(text, is_ipv4_address, 32) || is_range(text, is_ipv6_address, 128)
}

/// `IPUtils::sanitizeIP`: `None` for empty (after trimming) input; addresses are normalised and
/// anything else is returned trimmed.
pub fn sanitize_ip(text: &str) -> Option<String> {
    let ip = text.trim_matches([' ', '\t', '\n', '\r', '\0', '\x0b']);
    if ip.is_empty() {
        return None;
    }
    if !is_ip_address(ip) {
        return Some(ip.to_string());
    }
    if is_ipv4_with_optional_prefix(ip) {
        return Some(strip_ipv4_leading_zeros(ip));
    }
    Some(strip_ipv6_leading_zeros(&expand_ipv6_gap(
        &ip.to_ascii_uppercase(),
    )))
}

/// Strip leading zeros from each octet, keeping at least one digit (the prefix is untouched).
fn strip_ipv4_leading_zeros(ip: &str) -> String {
    let (address, prefix) = match ip.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (ip, None),
    };
    let octets: Vec<&str> = address
        .split('.')
        .map(|octet| {
            let stripped = octet.trim_start_matches('0');
            if stripped.is_empty() {
                &octet[octet.len() - 1..]
            } else {
                stripped
            }
        })
        .collect();
    let mut result = octets.join(".");
    if let Some(prefix) = prefix {
        result.push('/');
        result.push_str(prefix);
    }
    result
}

/// Replace the `::` abbreviation with explicit zero words, the way `sanitizeIP` counts colons.
fn expand_ipv6_gap(ip: &str) -> String {
    let Some(gap) = ip.find("::") else {
        return ip.to_string();
    };
    let address_end = match ip.find('/') {
        Some(cidr_start) => cidr_start as isize - 1,
        None => ip.len() as isize - 1,
    };
    let (repeat, extra, pad) = if gap == 0 {
        ("0:", if ip == "::" { "0" } else { "" }, 9usize)
    } else if gap as isize == address_end - 1 {
        (":0", "", 9)
    } else {
        (":0", ":", 8)
    };
    let colons = ip.matches(':').count();
    let replacement = repeat.repeat(pad.saturating_sub(colons)) + extra;
    ip.replace("::", &replacement)
}

/// Strip leading zeros from each word that starts the text or follows a colon, keeping at least
/// one hex digit.
fn strip_ipv6_leading_zeros(ip: &str) -> String {
    let mut result = String::with_capacity(ip.len());
    let bytes = ip.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || bytes[i - 1] == b':';
        if at_word_start && bytes[i] == b'0' {
            let zeros_end = bytes[i..]
                .iter()
                .position(|b| *b != b'0')
                .map_or(bytes.len(), |n| i + n);
            let next_is_hex = bytes.get(zeros_end).is_some_and(u8::is_ascii_hexdigit);
            // Keep one zero when nothing but zeros make up the word.
            let skip_to = if next_is_hex {
                zeros_end
            } else {
                zeros_end - 1
            };
            if skip_to > i {
                i = skip_to;
                continue;
            }
        }
        result.push(bytes[i] as char);
        i += 1;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_addresses() {
        for ip in [
            "1.2.3.4",
            "255.255.255.255",
            "0.0.0.0",
            "010.001.000.099",
            "127.0.0.1\n",
        ] {
            assert!(is_valid(ip), "{ip:?}");
        }
        for ip in [
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.0004",
            "1.2.3.4 ",
            "1.2.3.x",
            "١.2.3.4",
        ] {
            assert!(!is_valid(ip), "{ip:?}");
        }
    }

    #[test]
    fn ipv6_addresses() {
        for ip in [
            "::",
            "::1",
            "1::",
            "1::2",
            "1:2:3:4:5:6:7:8",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "abcd:EF01::9",
            "0000:0000::0",
        ] {
            assert!(is_valid(ip), "{ip:?}");
        }
        for ip in [
            ":",
            ":::",
            "1:::2",
            "1::2::3",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4::5:6:7:8",
            "12345::",
            "g::1",
            "::ffff:1.2.3.4",
        ] {
            assert!(!is_valid(ip), "{ip:?}");
        }
    }

    #[test]
    fn ranges() {
        for range in [
            "1.2.3.0/24",
            "1.2.3.4/0",
            "1.2.3.4 - 1.2.3.9",
            "1.2.3.4-1.2.3.9",
            "::/0",
            "1::/128",
        ] {
            assert!(is_valid_range(range), "{range:?}");
            assert!(!is_valid(range), "{range:?}");
        }
        for range in [
            "1.2.3.0/33",
            "1.2.3.0/08",
            "1::/129",
            "1.2.3.4  - 1.2.3.5",
            "1.2.3.4/",
        ] {
            assert!(!is_valid_range(range), "{range:?}");
        }
        assert!(is_ip_address("1.2.3.0/24"));
        assert!(!is_ip_address("1.2.3.4 - 1.2.3.9"));
    }

    #[test]
    fn sanitizing() {
        let sanitize = |ip: &str| sanitize_ip(ip).unwrap_or_default();
        assert_eq!(sanitize(" 010.001.000.00 "), "10.1.0.0");
        assert_eq!(sanitize("1.2.3.000/24"), "1.2.3.0/24");
        assert_eq!(sanitize("::1"), "0:0:0:0:0:0:0:1");
        assert_eq!(sanitize("::"), "0:0:0:0:0:0:0:0");
        assert_eq!(sanitize("1::"), "1:0:0:0:0:0:0:0");
        assert_eq!(sanitize("a::b"), "A:0:0:0:0:0:0:B");
        assert_eq!(sanitize("1::/64"), "1:0:0:0:0:0:0:0/64");
        assert_eq!(sanitize("00ab:0000:0:0:0:0:0:0cd"), "AB:0:0:0:0:0:0:CD");
        assert_eq!(sanitize("Not an IP"), "Not an IP");
        assert_eq!(sanitize_ip("  "), None);
    }
}
