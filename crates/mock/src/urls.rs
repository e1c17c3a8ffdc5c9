//! How MediaWiki reads a URL it is given: PHP's `parse_url` ([`parse_url`]) and, on top of it,
//! `UrlUtils::parse` (1.43) / `wfParseUrl` (1.39) ([`parse`]), which only keeps URLs whose scheme,
//! in any case, is one of `$wgUrlProtocols` (with `://` or with `:` alone) and marks a
//! protocol-relative `//host` URL by an empty scheme. `createaccount`, `clientlogin` and
//! `linkaccount` refuse a `*returnurl` this gives no scheme for (`badurl_*`).
//!
//! Why not the `url` crate: it implements the WHATWG URL standard, which reads many strings
//! differently from `parse_url`, in both directions. WHATWG strips leading spaces and removes
//! tabs and newlines (`" http://x"` is fine there; PHP finds no scheme in it), reads `http:80` as
//! scheme `http` (PHP: host `http`, port 80, no scheme), `http:x` as `http://x/` and refuses
//! `http://x:8a/` (PHP: port 8), while PHP takes `http://a b/` and a lone `http:`. The rule is
//! PHP's own byte-level scan, so this module follows PHP's documented and observed behaviour
//! step by step: a scheme candidate before the first `:`, the `host:port` forms that look like a
//! scheme (`a.com:80`), `//` for the authority, the last `@` for user information, the last `:`
//! for the port (not inside `[…]`), `strtol` reading the port (so `+80` and `8a` are port 80 and
//! 8; more than five characters, no digits or a value over 65535 make the whole URL invalid),
//! then the fragment, the query and the path; control characters in a component become `_`.
//! The verdicts were checked against PHP 8.2's `parse_url` on a generated corpus
//! (`scripts/url-parse-differential.py`) and against real MediaWiki 1.43 and 1.39
//! (`scripts/mwdiff_urls.py`).
//!
//! Both releases accept and refuse the same URLs (their `parse` differs only in touch-ups of the
//! host and path that nothing the mock answers shows: 1.39 moves the path of a `mailto:`-style URL
//! into the host, 1.43 turns ideographic full stops of a host into dots), so [`parse`] returns
//! `parse_url`'s components as they are.

/// `$wgUrlProtocols` of both stock releases.
pub use super::installation::URL_PROTOCOLS as STOCK_URL_PROTOCOLS;

/// What PHP's `parse_url` returns for a URL it can read: each component it found (an absent one
/// is `None`; `Some("")` is an empty one, e.g. the fragment of `http://x/#`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhpUrl {
    pub scheme: Option<String>,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub user: Option<String>,
    pub pass: Option<String>,
    pub path: Option<String>,
    pub query: Option<String>,
    pub fragment: Option<String>,
}

/// A URL MediaWiki's `UrlUtils::parse` accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlBits {
    /// The scheme in lower case; empty for a protocol-relative URL (`//host/path`).
    pub scheme: String,
    /// `://`, `:` (schemes such as `mailto:` listed without slashes) or `//` (protocol-relative).
    pub delimiter: &'static str,
    /// `parse_url`'s components (for a protocol-relative URL, of the URL with `http:` put first).
    pub parts: PhpUrl,
}

/// `UrlUtils::parse($url)` with `$wgUrlProtocols` = `protocols`: `None` where MediaWiki returns
/// null (PHP cannot read the URL, it has no scheme, or the scheme is not a listed protocol).
pub fn parse(url: &str, protocols: &[&str]) -> Option<UrlBits> {
    // parse_url misreads `//host`; MediaWiki reads it as `http://host` and then drops the scheme.
    let protocol_relative = url.starts_with("//");
    let parts = if protocol_relative {
        parse_url(&format!("http:{url}"))?
    } else {
        parse_url(url)?
    };
    let scheme = parts.scheme.as_deref()?.to_ascii_lowercase();
    let listed = |suffix: &str| protocols.iter().any(|p| *p == format!("{scheme}{suffix}"));
    let delimiter = if listed("://") {
        "://"
    } else if listed(":") {
        ":"
    } else {
        return None;
    };
    Some(if protocol_relative {
        UrlBits {
            scheme: String::new(),
            delimiter: "//",
            parts,
        }
    } else {
        UrlBits {
            scheme,
            delimiter,
            parts,
        }
    })
}

/// Whether an API module taking a return URL (`createreturnurl`, `loginreturnurl`,
/// `linkreturnurl`) accepts `url` on a stock wiki: MediaWiki reads it and finds a scheme
/// (`badurl_*` otherwise).
pub fn is_return_url(url: &str) -> bool {
    parse(url, STOCK_URL_PROTOCOLS).is_some_and(|bits| !bits.scheme.is_empty())
}

/// PHP's `parse_url($url)`: `None` where PHP returns false.
pub fn parse_url(url: &str) -> Option<PhpUrl> {
    let b = url.as_bytes();
    let end = b.len();
    let mut out = PhpUrl::default();
    let slashes_at = |i: usize| i + 1 < end && b[i] == b'/' && b[i + 1] == b'/';
    // Where the scan goes on after the scheme: an authority (host) or straight to the path.
    let (start, authority) = match b.iter().position(|&c| c == b':') {
        Some(colon) if colon > 0 => {
            if !b[..colon].iter().all(|&c| is_scheme_byte(c)) {
                // Not a scheme: maybe `host:port`, else `//authority` or a plain path.
                if colon + 1 < end && colon < first_of(b, 0, b"?#") {
                    port_after_colon(b, colon, &mut out)?
                } else if slashes_at(0) {
                    (2, true)
                } else {
                    (0, false)
                }
            } else if colon + 1 == end {
                // Only a scheme (`http:`).
                out.scheme = Some(component(&url[..colon]));
                return Some(out);
            } else if b[colon + 1] != b'/' {
                // `mailto:x`, unless the rest is up to five digits and maybe a path: `a.com:80`.
                let digits = b[colon + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                let after = colon + 1 + digits;
                if (after == end || b[after] == b'/') && digits < 6 {
                    port_after_colon(b, colon, &mut out)?
                } else {
                    out.scheme = Some(component(&url[..colon]));
                    (colon + 1, false)
                }
            } else {
                out.scheme = Some(component(&url[..colon]));
                if colon + 2 < end && b[colon + 2] == b'/' {
                    let is_file = url[..colon].eq_ignore_ascii_case("file");
                    if is_file && colon + 3 < end && b[colon + 3] == b'/' {
                        // file:///path, and file:///c:/path keeping its drive letter.
                        let drive = colon + 5 < end && b[colon + 5] == b':';
                        (if drive { colon + 4 } else { colon + 3 }, false)
                    } else {
                        (colon + 3, true)
                    }
                } else {
                    (colon + 1, false)
                }
            }
        }
        // A leading `:`: only a port may follow.
        Some(colon) => port_after_colon(b, colon, &mut out)?,
        None if slashes_at(0) => (2, true),
        None => (0, false),
    };
    let path_start = if authority {
        match read_authority(url, start, &mut out)? {
            Some(rest) => rest,
            None => return Some(out),
        }
    } else {
        start
    };
    read_path(url, path_start, &mut out);
    Some(out)
}

/// A byte `parse_url` allows in a scheme (C locale: ASCII letters and digits, `+ - .`).
fn is_scheme_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')
}

/// Where the first of `stops` is at or after `from` (the end when there is none).
fn first_of(b: &[u8], from: usize, stops: &[u8]) -> usize {
    b[from..]
        .iter()
        .position(|c| stops.contains(c))
        .map_or(b.len(), |i| from + i)
}

/// A component as PHP returns it: control characters (C's `iscntrl`) become `_`.
fn component(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_control() { '_' } else { c })
        .collect()
}

/// The text after a `:` that is no scheme's: one to five digits, then the end or `/`, are a port
/// (over 65535: the URL is invalid); nothing at all after the `:` makes the URL invalid. Returns
/// where the scan goes on (past a leading `//`) and whether an authority comes there.
fn port_after_colon(b: &[u8], colon: usize, out: &mut PhpUrl) -> Option<(usize, bool)> {
    let end = b.len();
    let first = colon + 1;
    let digits = b[first..]
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_digit())
        .count();
    let after = first + digits;
    let slashes = b.starts_with(b"//");
    if digits > 0 && digits < 6 && (after == end || b[after] == b'/') {
        out.port = Some(strtol_port(&b[first..after])?);
        Some((if slashes { 2 } else { 0 }, true))
    } else if digits == 0 && after == end {
        None
    } else if slashes {
        Some((2, true))
    } else {
        Some((0, false))
    }
}

/// C's `strtol(text, &end, 10)` as `parse_url` uses it for a port: leading white space, a sign,
/// then digits up to the first other byte. `None` (the URL is invalid) when no digit is read or
/// the value is outside 0..=65535.
fn strtol_port(text: &[u8]) -> Option<u16> {
    let mut i = text
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
        .count();
    let negative = match text.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digits = &text[i..];
    let count = digits.iter().take_while(|c| c.is_ascii_digit()).count();
    if count == 0 {
        return None;
    }
    let value: i64 = digits[..count]
        .iter()
        .fold(0, |v, d| v * 10 + i64::from(d - b'0'));
    let value = if negative { -value } else { value };
    u16::try_from(value).ok()
}

/// The authority from `start` up to the first `/`, `?` or `#`: user information before the last
/// `@`, a port after the last `:` (unless the host is a bracketed `[…]` literal), and a host that
/// must not be empty. Returns where the path starts, or `None` inside when the URL ends there.
fn read_authority(url: &str, start: usize, out: &mut PhpUrl) -> Option<Option<usize>> {
    let b = url.as_bytes();
    let end = first_of(b, start, b"/?#");
    let mut host_start = start;
    if let Some(at) = b[start..end].iter().rposition(|&c| c == b'@') {
        let at = start + at;
        match b[start..at].iter().position(|&c| c == b':') {
            Some(colon) => {
                out.user = Some(component(&url[start..start + colon]));
                out.pass = Some(component(&url[start + colon + 1..at]));
            }
            None => out.user = Some(component(&url[start..at])),
        }
        host_start = at + 1;
    }
    let bracketed = host_start < b.len() && b[host_start] == b'[' && b[end - 1] == b']';
    let colon = if bracketed {
        None
    } else {
        b[host_start..end]
            .iter()
            .rposition(|&c| c == b':')
            .map(|i| host_start + i)
    };
    let host_end = match colon {
        Some(colon) => {
            // A port read before (`a.com:80`) stands, unless it was 0.
            if out.port.unwrap_or(0) == 0 {
                let port = &b[colon + 1..end];
                if port.len() > 5 {
                    return None;
                }
                if !port.is_empty() {
                    out.port = Some(strtol_port(port)?);
                }
            }
            colon
        }
        None => end,
    };
    if host_end <= host_start {
        return None;
    }
    out.host = Some(component(&url[host_start..host_end]));
    Some((end < b.len()).then_some(end))
}

/// The rest from `start`: the fragment after the first `#`, the query after the first `?` before
/// it, and the path before that (present when not empty, or when nothing at all is left).
fn read_path(url: &str, start: usize, out: &mut PhpUrl) {
    let b = url.as_bytes();
    let mut end = b.len();
    if let Some(hash) = b[start..].iter().position(|&c| c == b'#') {
        let hash = start + hash;
        out.fragment = Some(component(&url[hash + 1..]));
        end = hash;
    }
    if let Some(question) = b[start..end].iter().position(|&c| c == b'?') {
        let question = start + question;
        out.query = Some(component(&url[question + 1..end]));
        end = question;
    }
    if start < end || start == b.len() {
        out.path = Some(component(&url[start..end]));
    }
}

#[cfg(test)]
mod tests;
