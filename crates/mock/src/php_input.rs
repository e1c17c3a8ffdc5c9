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

pub use super::request::POST_MAX_SIZE;

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

#[cfg(test)]
mod tests {
    use super::*;

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

#[cfg(test)]
mod request_tests {
    //! ApiRequest as the parameters PHP reads make it.
    use super::*;
    use crate::request::ReadNotice;

    fn req(method: &str, q: &str, b: &str) -> ApiRequest {
        ApiRequest::new(
            method,
            query_params(q.as_bytes()),
            urlencoded_body_params(b.as_bytes()),
            vec![("cookie".into(), "a=1; my_wiki_session=abc%20d; x=2".into())],
            "127.0.0.1".parse().unwrap(),
        )
    }

    #[test]
    fn last_duplicate_wins_and_post_shadows_query() {
        let r = req("POST", "a=1&a=2&b=q", "b=p&c=3");
        assert_eq!(r.raw("a"), Some("2"));
        assert_eq!(r.raw("b"), Some("p"));
        assert!(r.in_query("b"));
        assert!(!r.in_query("c"));
    }

    #[test]
    fn methods_keep_their_case() {
        let r = req("oPTIONS", "", "a=1");
        assert_eq!(r.method, "oPTIONS");
        assert!(!req("post", "", "a=1").was_posted());
    }

    #[test]
    fn get_requests_ignore_the_body() {
        let r = req("GET", "a=1", "b=2");
        assert_eq!(r.raw("b"), None);
        assert_eq!(r.unused_params(), vec![(0, "a".to_string())]);
    }

    #[test]
    fn unused_params_are_post_first() {
        let r = req("POST", "action=x&q1=1&both=1", "p1=1&both=2&action=y");
        r.get("action");
        assert_eq!(
            r.unused_params(),
            vec![(0, "p1".into()), (1, "both".into()), (3, "q1".into())]
        );
    }

    #[test]
    fn php_name_mangling() {
        let r = req("GET", "a.b=1&c d=2&arr[]=3&arr[]=4", "");
        assert_eq!(r.raw("a_b"), Some("1"));
        assert_eq!(r.raw("c_d"), Some("2"));
        assert!(r.has("arr"));
        assert_eq!(r.raw("arr"), None);
    }

    #[test]
    fn raw_plus_in_form_body_decodes_to_space() {
        let r = req("POST", "", "token=+\\");
        assert_eq!(r.raw("token"), Some(" \\"));
    }

    #[test]
    fn values_are_normalized_and_changed_reads_noticed() {
        let r = req("POST", "", "password=e%CC%81%01x&user=Ok&bad=%FF&arr[]=1");
        assert_eq!(r.get("user"), Some("Ok"));
        assert!(r.take_notices().is_empty());
        r.set_reader("validatepassword");
        assert_eq!(r.get("password"), Some("\u{e9}\u{fffd}x"));
        r.get("password");
        assert_eq!(r.get("bad"), Some("\u{fffd}"));
        assert_eq!(r.get("arr"), None);
        let notice = |name: &str| ReadNotice::BadUtf8 {
            module: "validatepassword".into(),
            name: name.into(),
        };
        assert_eq!(
            r.take_notices(),
            vec![
                notice("password"),
                notice("bad"),
                ReadNotice::UnsupportedArray { name: "arr".into() }
            ]
        );
        r.get("password");
        assert!(!r.check("arr"));
        assert!(r.take_notices().is_empty());
    }

    #[test]
    fn invalid_query_bytes_read_as_windows_1252() {
        let r = ApiRequest::new(
            "GET",
            query_params(b"type=csrf%E9&ok=%C3%A9"),
            ParamList::default(),
            Vec::new(),
            "127.0.0.1".parse().unwrap(),
        );
        assert_eq!(r.get("type"), Some("csrf\u{e9}"));
        assert_eq!(r.get("ok"), Some("\u{e9}"));
        assert_eq!(r.take_notices().len(), 1);
    }

    #[test]
    fn cookies_are_decoded() {
        let r = req("GET", "", "");
        assert_eq!(r.cookie("my_wiki_session").as_deref(), Some("abc d"));
        assert_eq!(r.cookie("nope"), None);
    }
}
