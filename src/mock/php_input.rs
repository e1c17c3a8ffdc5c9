//! How PHP fills `$_GET` and `$_POST` from the raw HTTP request, for the mock's `ApiRequest`: the
//! query string and `application/x-www-form-urlencoded` bodies (`&`-separated, `+` and `%XX`
//! decoded; names cut at a NUL byte), `multipart/form-data` bodies read as leniently as PHP's
//! rfc1867 parser (preamble, LF line ends, a missing closing boundary; file parts left out), and
//! the limits of the test wiki's php.ini: `post_max_size` (8M: a larger body is read and thrown
//! away, and `$_POST` stays empty) and `max_input_vars` (1000: later variables are dropped).
//! Bytes become text as WebRequest makes them: query-string values that are not UTF-8 are read as
//! Windows-1252 (Language::checkTitleEncoding), body values lose each invalid UTF-8 sequence to
//! one U+FFFD (UtfNormal's cleanUp); `request` then applies NFC.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use futures::StreamExt;

use super::request::{ApiRequest, ParamList, ValueSource};

/// php.ini `post_max_size` of the test wiki: 8M. A body one byte larger leaves `$_POST` empty.
pub const POST_MAX_SIZE: u64 = 8 * 1024 * 1024;

/// php.ini `max_input_vars` of the test wiki.
pub const MAX_INPUT_VARS: usize = 1000;

/// Reads the HTTP request into an `ApiRequest` (query and body parameters as PHP sees them).
/// Bodies over [`POST_MAX_SIZE`] are read to their end but never held in memory.
pub async fn read_request(peer: SocketAddr, request: Request) -> ApiRequest {
    let method = request.method().as_str().to_string();
    let query = query_params(request.uri().query().unwrap_or("").as_bytes());
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let lower_type = content_type.to_ascii_lowercase();
    let declared_length = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let mut body = ParamList::default();
    // PHP fills $_POST only for the two form content types (and not without a Content-Type).
    let is_multipart = lower_type.starts_with("multipart/form-data");
    let is_form = lower_type.starts_with("application/x-www-form-urlencoded");
    if method == "POST" && (is_multipart || is_form) {
        let bytes = read_body_within_limit(request.into_body(), declared_length).await;
        if let Some(bytes) = bytes {
            body = if is_multipart {
                multipart_body_params(&bytes, &content_type)
            } else {
                urlencoded_body_params(&bytes)
            };
        }
    }
    ApiRequest::new(&method, query, body, headers, peer.ip())
}

/// The whole body, or None when it is larger than `post_max_size` (then read and dropped as it
/// arrives, as PHP does, so the client still gets its answer).
async fn read_body_within_limit(body: Body, declared_length: Option<u64>) -> Option<Vec<u8>> {
    let mut stream = body.into_data_stream();
    let mut kept: Option<Vec<u8>> = match declared_length {
        Some(length) if length > POST_MAX_SIZE => None,
        _ => Some(Vec::new()),
    };
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            // A body cut off mid-way: PHP parses what it has.
            break;
        };
        if let Some(buffer) = kept.as_mut() {
            if (buffer.len() + chunk.len()) as u64 > POST_MAX_SIZE {
                kept = None;
            } else {
                buffer.extend_from_slice(&chunk);
            }
        }
    }
    kept
}

/// `$_GET`: `&`-separated variables (empty ones skipped, at most `max_input_vars`).
pub fn query_params(query: &[u8]) -> ParamList {
    let mut list = ParamList::default();
    let variables = query.split(|&b| b == b'&').filter(|v| !v.is_empty());
    for variable in variables.take(MAX_INPUT_VARS) {
        push_variable(&mut list, variable, ValueSource::Query);
    }
    list
}

/// `$_POST` of a form-urlencoded body: every `&`-separated piece counts against
/// `max_input_vars`, empty ones too, and PHP stops only after registering one variable more.
pub fn urlencoded_body_params(body: &[u8]) -> ParamList {
    let mut list = ParamList::default();
    for variable in body.split(|&b| b == b'&').take(MAX_INPUT_VARS + 1) {
        push_variable(&mut list, variable, ValueSource::Body);
    }
    list
}

fn push_variable(list: &mut ParamList, variable: &[u8], source: ValueSource) {
    let (name, value) = match variable.iter().position(|&b| b == b'=') {
        Some(i) => (&variable[..i], &variable[i + 1..]),
        None => (variable, &b""[..]),
    };
    list.push_bytes(&url_decode(name), &url_decode(value), source);
}

/// PHP's urldecode(): `+` is a space, `%XX` a byte, anything else as it is.
fn url_decode(raw: &[u8]) -> Vec<u8> {
    if !raw.iter().any(|&b| b == b'+' || b == b'%') {
        return raw.to_vec();
    }
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_encoding::percent_decode(&plus_as_space).collect()
}

/// `$_POST` of a multipart/form-data body, parsed as leniently as PHP's rfc1867 parser. No
/// boundary in the Content-Type, or none in the body: no variables.
pub fn multipart_body_params(body: &[u8], content_type: &str) -> ParamList {
    let mut list = ParamList::default();
    let Some(boundary) = multipart_boundary(content_type) else {
        return list;
    };
    let delimiter = [b"--", boundary.as_bytes()].concat();
    let next_delimiter = [b"\n", delimiter.as_slice()].concat();
    // The first line that starts with the delimiter opens the first part (a preamble is skipped).
    let mut pos = 0;
    loop {
        let (line, next) = line_at(body, pos);
        if line.starts_with(&delimiter) {
            pos = next;
            break;
        }
        if next >= body.len() {
            return list;
        }
        pos = next;
    }
    let mut count = 0;
    while pos < body.len() && count < MAX_INPUT_VARS {
        // Part headers, up to an empty line.
        let mut name: Option<Vec<u8>> = None;
        let mut is_file = false;
        loop {
            let (line, next) = line_at(body, pos);
            pos = next;
            if line.is_empty() {
                break;
            }
            if let Some((header_name, value)) = split_header(line)
                && header_name.eq_ignore_ascii_case(b"content-disposition")
            {
                (name, is_file) = disposition_name(value);
            }
            if pos >= body.len() {
                return list;
            }
        }
        let (value, rest) = match find(&body[pos..], &next_delimiter) {
            Some(i) => {
                let value = &body[pos..pos + i];
                (value.strip_suffix(b"\r").unwrap_or(value), Some(pos + i))
            }
            None => (strip_partial_delimiter(&body[pos..], &next_delimiter), None),
        };
        if let Some(name) = name.filter(|_| !is_file) {
            list.push_bytes(&name, value, ValueSource::Body);
            count += 1;
        }
        let Some(at) = rest else {
            break;
        };
        let after = at + next_delimiter.len();
        if body[after..].starts_with(b"--") {
            break;
        }
        pos = line_at(body, after).1;
    }
    list
}

/// The `boundary=` parameter of a multipart Content-Type, without quotes.
fn multipart_boundary(content_type: &str) -> Option<String> {
    let at = content_type.to_ascii_lowercase().find("boundary")?;
    let rest = &content_type[at + "boundary".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let boundary = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or(""),
        None => rest.split([',', ';']).next().unwrap_or("").trim_end(),
    };
    (!boundary.is_empty()).then(|| boundary.to_string())
}

/// The line starting at `pos` without its `\n` or `\r\n`, and where the next line starts.
fn line_at(body: &[u8], pos: usize) -> (&[u8], usize) {
    let rest = &body[pos.min(body.len())..];
    match rest.iter().position(|&b| b == b'\n') {
        Some(i) => {
            let line = &rest[..i];
            (line.strip_suffix(b"\r").unwrap_or(line), pos + i + 1)
        }
        None => (rest.strip_suffix(b"\r").unwrap_or(rest), body.len()),
    }
}

fn split_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    Some((line[..colon].trim_ascii(), line[colon + 1..].trim_ascii()))
}

/// The `name` of a Content-Disposition value (quoted or not), and whether it names a file.
fn disposition_name(value: &[u8]) -> (Option<Vec<u8>>, bool) {
    let mut name = None;
    let mut is_file = false;
    for word in value.split(|&b| b == b';') {
        let word = word.trim_ascii();
        let Some(eq) = word.iter().position(|&b| b == b'=') else {
            continue;
        };
        let key = word[..eq].trim_ascii();
        let raw = word[eq + 1..].trim_ascii();
        let unquoted = match raw.strip_prefix(b"\"") {
            Some(quoted) => quoted.split(|&b| b == b'"').next().unwrap_or(b""),
            None => raw,
        };
        if key.eq_ignore_ascii_case(b"name") {
            name = Some(unquoted.to_vec());
        } else if key.eq_ignore_ascii_case(b"filename") {
            is_file = true;
        }
    }
    (name, is_file)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A value that runs to the end of the body loses a trailing start of the next delimiter
/// (`\r\n--bound`), as PHP's buffered boundary search does.
fn strip_partial_delimiter<'a>(value: &'a [u8], next_delimiter: &[u8]) -> &'a [u8] {
    let start = value.len().saturating_sub(next_delimiter.len());
    let end = (start..value.len())
        .find(|&cut| next_delimiter.starts_with(&value[cut..]))
        .unwrap_or(value.len());
    let kept = &value[..end];
    kept.strip_suffix(b"\r").unwrap_or(kept)
}

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
    fn input_variable_limits() {
        let many: Vec<String> = (0..1100).map(|i| format!("p{i}=1")).collect();
        let query = query_params(many.join("&&").as_bytes());
        assert_eq!(query.names().count(), MAX_INPUT_VARS);
        assert!(query.get("p999").is_some() && query.get("p1000").is_none());
        // A body counts empty pieces and keeps one variable more.
        let body = urlencoded_body_params(many.join("&&").as_bytes());
        assert_eq!(body.names().count(), 501);
        let body = urlencoded_body_params(many.join("&").as_bytes());
        assert!(body.get("p1000").is_some() && body.get("p1001").is_none());
    }

    #[test]
    fn names_stop_at_nul() {
        let list = query_params(b"a%00b=1&c=d");
        assert_eq!(list.names().collect::<Vec<_>>(), vec!["a", "c"]);
    }

    fn multipart(body: &[u8], content_type: &str) -> Vec<(String, String)> {
        multipart_body_params(body, content_type)
            .pairs()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn multipart_is_read_leniently() {
        let ct = "multipart/form-data; boundary=XyZ";
        let field = |v: &str| vec![("action".to_string(), v.to_string())];
        let part = "--XyZ\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nzzz";
        assert_eq!(
            multipart(format!("{part}\r\n--XyZ--\r\n").as_bytes(), ct),
            field("zzz")
        );
        // No closing delimiter, with or without the line end before it.
        assert_eq!(multipart(part.as_bytes(), ct), field("zzz"));
        assert_eq!(
            multipart(format!("{part}\r\n").as_bytes(), ct),
            field("zzz")
        );
        assert_eq!(
            multipart(format!("{part}\r\n--X").as_bytes(), ct),
            field("zzz")
        );
        // A preamble, LF line ends, an unquoted name, a quoted boundary.
        let lf = b"pre\n--XyZ\nContent-Disposition: form-data; name=action\n\nzzz\n--XyZ--\n";
        assert_eq!(multipart(lf, ct), field("zzz"));
        let quoted = "multipart/form-data; boundary=\"XyZ\"";
        assert_eq!(
            multipart(format!("{part}\r\n--XyZ--").as_bytes(), quoted),
            field("zzz")
        );
        // Files, a wrong boundary, none at all, garbage: no variables.
        let file =
            "--XyZ\r\nContent-Disposition: form-data; name=\"action\"; filename=\"a\"\r\n\r\nz";
        assert!(multipart(file.as_bytes(), ct).is_empty());
        assert!(multipart(part.as_bytes(), "multipart/form-data; boundary=Other").is_empty());
        assert!(multipart(part.as_bytes(), "multipart/form-data").is_empty());
        assert!(multipart(b"garbage", ct).is_empty());
    }

    #[test]
    fn multipart_keeps_several_fields_and_stops_at_the_end() {
        let body = b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n2\r\n--B\r\n\
                     Content-Disposition: form-data; name=\"b\"\r\n\r\n3\r\n--B--\r\n\
                     Content-Disposition: form-data; name=\"c\"\r\n\r\n4\r\n";
        assert_eq!(
            multipart(body, "multipart/form-data; boundary=B"),
            vec![("a".into(), "1\r\n2".into()), ("b".into(), "3".into())]
        );
    }
}
