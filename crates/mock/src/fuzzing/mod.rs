//! The in-process entry the fuzz targets (`fuzz/fuzz_targets/`) and their corpus replay
//! (`crates/mock/tests/mock/fuzz_corpora.rs`) share, so both decode input bytes the same way: a fresh mock wiki
//! per input, its whole axum router called with `tower::ServiceExt::oneshot` on one
//! current-thread runtime (no sockets), and the invariant every answer must keep — never a 5xx,
//! and a body that is a MediaWiki answer in the format that was asked for. Not a stable API.
//!
//! - [`check_http_request`]: the `request` target. The bytes are one raw HTTP/1.1 request
//!   (request line, headers, body), decoded by [`decode_http_request`].
//! - [`check_module_calls`]: the `modules` target. The bytes drive `arbitrary` to build a
//!   [`module_calls::Session`]: a configuration, a login, and calls of the mock's API modules with
//!   their real parameter names and hostile values.

mod call_request;
pub mod module_calls;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Uri, header};
use tower::ServiceExt;

use super::WikiConfig;

/// `$wgServer` of the in-process wikis (never contacted: it only appears in answers).
pub const SERVER: &str = "http://127.0.0.1:8080";

/// The client address the in-process requests come from.
const PEER: ([u8; 4], u16) = ([127, 0, 0, 1], 40000);

/// One answer of the mock.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// A mock wiki served in-process.
pub struct InProcessWiki {
    router: axum::Router,
}

impl InProcessWiki {
    /// A fresh wiki in `config`, with the cheapest password hashing.
    pub fn new(mut config: WikiConfig) -> InProcessWiki {
        config.pbkdf2_iterations = 1;
        config.outbox_file = None;
        let shared = Arc::new(super::Shared::new(config, SERVER.to_string()));
        InProcessWiki {
            router: super::router(shared, true),
        }
    }

    /// Sends one request through the router and reads the whole answer.
    pub fn send(&self, mut request: Request<Body>) -> Answer {
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(PEER)));
        let router = self.router.clone();
        runtime().block_on(async move {
            let response = match router.oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            let (parts, body) = response.into_parts();
            let body = axum::body::to_bytes(body, usize::MAX)
                .await
                .map(|b| b.to_vec())
                .unwrap_or_default();
            Answer {
                status: parts.status.as_u16(),
                headers: parts.headers,
                body,
            }
        })
    }
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread runtime")
    })
}

/// What an answer did wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation(pub String);

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The `request` target: decodes one raw HTTP request, sends it to a fresh default wiki and
/// checks the answer. Bytes that are no HTTP request (hyper would refuse them before the mock
/// saw anything) pass.
pub fn check_http_request(data: &[u8]) -> Result<(), Violation> {
    let Some(request) = decode_http_request(data) else {
        return Ok(());
    };
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let wiki = InProcessWiki::new(WikiConfig::default());
    let answer = wiki.send(request);
    check_answer(&method, &path, None, &answer)
}

/// The `modules` target: see [`module_calls`].
pub fn check_module_calls(data: &[u8]) -> Result<(), Violation> {
    module_calls::run(data)
}

/// One raw HTTP/1.1 request as hyper would hand it on: request line and headers parsed by
/// httparse (as hyper does), the body the rest of the bytes, cut at `Content-Length`.
/// None when hyper would refuse the request itself (bad syntax, method, target or header).
pub fn decode_http_request(data: &[u8]) -> Option<Request<Body>> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut headers);
    let httparse::Status::Complete(head_len) = parsed.parse(data).ok()? else {
        return None;
    };
    let method = Method::from_bytes(parsed.method?.as_bytes()).ok()?;
    let uri: Uri = parsed.path?.parse().ok()?;
    let mut builder = Request::builder().method(method).uri(uri);
    let mut content_length = None;
    for h in parsed.headers.iter() {
        let name = HeaderName::from_bytes(h.name.as_bytes()).ok()?;
        let value = HeaderValue::from_bytes(h.value).ok()?;
        if name == header::CONTENT_LENGTH {
            content_length = Some(value.to_str().ok()?.trim().parse::<usize>().ok()?);
        }
        builder = builder.header(name, value);
    }
    let mut body = &data[head_len..];
    if let Some(length) = content_length {
        body = &body[..length.min(body.len())];
    }
    builder.body(Body::from(body.to_vec())).ok()
}

/// The invariant: no 5xx (MediaWiki answers none for these modules), and from `/api.php` a body
/// in the printer's format that is a MediaWiki answer: JSON that parses with an `error` object
/// (`code`, `info`) or `errors` list (`code`, `module`) matching the MediaWiki-API-Error header,
/// and likewise XML, PHP serialisation, the HTML pretty-printer page or nothing (`format=none`).
/// `format`, when given, is the `format` parameter the request sent (the printer it must get).
/// Two answers come before any printer: ApiMain's CORS refusal (403, a line of text, when the
/// `origin` parameter is not in the Origin header) and an OPTIONS answer (no body), both with
/// PHP's default content type.
pub fn check_answer(
    method: &Method,
    path: &str,
    format: Option<Option<&str>>,
    answer: &Answer,
) -> Result<(), Violation> {
    let fail = |why: String| Err(Violation(format!("{why}; answer: {answer:?}")));
    if answer.status >= 500 {
        return fail(format!("status {}", answer.status));
    }
    if path != "/api.php" {
        return Ok(());
    }
    let content_type = answer
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let before_printer = content_type == "text/html; charset=UTF-8";
    if before_printer
        && answer.status == 403
        && answer.body == b"'origin' parameter does not match Origin header\n"
    {
        return Ok(());
    }
    if *method == Method::OPTIONS {
        return if before_printer && answer.body.is_empty() {
            Ok(())
        } else {
            fail("an OPTIONS answer is not empty with PHP's default content type".to_string())
        };
    }
    let error_code = answer
        .headers
        .get("mediawiki-api-error")
        .and_then(|v| v.to_str().ok());
    let printer = printer_of(content_type);
    let Some(printer) = printer else {
        return fail(format!("unknown Content-Type {content_type:?}"));
    };
    if let Some(format) = format {
        let expected = expected_printer(format);
        let callback_json = printer == Printer::JsonCallback && expected == Printer::Json;
        if printer != expected && !callback_json {
            return fail(format!("format {format:?} printed as {printer:?}"));
        }
    }
    // HEAD answers have no body.
    if *method == Method::HEAD {
        return Ok(());
    }
    let Ok(text) = std::str::from_utf8(&answer.body) else {
        return fail("the body is not UTF-8".to_string());
    };
    match printer {
        Printer::Json => check_json_body(text, error_code).or_else(fail),
        Printer::JsonCallback => {
            let inner = text
                .strip_prefix("/**/")
                .and_then(|t| t.split_once('('))
                .and_then(|(_, rest)| rest.strip_suffix(')'));
            match inner {
                Some(json) => check_json_body(json, error_code).or_else(fail),
                None => fail("a callback body is not /**/name(…)".to_string()),
            }
        }
        Printer::Xml => {
            let root_ok = text.starts_with("<?xml version=\"1.0\"?><api")
                && (text.ends_with("</api>") || text.ends_with("/>"));
            let error_ok = error_code.is_none_or(|code| {
                text.contains(&format!("<error code=\"{}\"", xml_escaped(code)))
                    || text.contains("<errors>")
            });
            if root_ok && error_ok {
                Ok(())
            } else {
                fail("not an <api> XML document with its error".to_string())
            }
        }
        Printer::Php => {
            if text.starts_with("a:") && text.ends_with('}') {
                Ok(())
            } else {
                fail("not a serialised PHP array".to_string())
            }
        }
        Printer::None => {
            if text.is_empty() {
                Ok(())
            } else {
                fail("format=none printed a body".to_string())
            }
        }
        Printer::Html => {
            if text.contains("<!DOCTYPE html>") && text.trim_end().ends_with("</html>") {
                Ok(())
            } else {
                fail("not the HTML pretty-printer page".to_string())
            }
        }
    }
}

/// The printers ApiMain can pick, told apart by their Content-Type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Printer {
    Json,
    JsonCallback,
    Xml,
    Php,
    None,
    Html,
}

fn printer_of(content_type: &str) -> Option<Printer> {
    Some(match content_type {
        "application/json; charset=utf-8" => Printer::Json,
        "text/javascript; charset=utf-8" => Printer::JsonCallback,
        "text/xml; charset=utf-8" => Printer::Xml,
        "application/vnd.php.serialized; charset=utf-8" => Printer::Php,
        "text/plain; charset=utf-8" => Printer::None,
        "text/html; charset=UTF-8" => Printer::Html,
        _ => return None,
    })
}

/// The printer a `format` value gets: the pretty-printers (and any unknown value, through the
/// error printer, and no value at all) print the HTML page.
fn expected_printer(format: Option<&str>) -> Printer {
    match format {
        Some("json") => Printer::Json,
        Some("xml") => Printer::Xml,
        Some("php") => Printer::Php,
        Some("none") => Printer::None,
        _ => Printer::Html,
    }
}

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn check_json_body(text: &str, error_code: Option<&str>) -> Result<(), String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("the JSON does not parse: {e}"))?;
    let Some(object) = value.as_object() else {
        return Err("the JSON is not an object".to_string());
    };
    let codes: Vec<&str> = if let Some(error) = object.get("error") {
        let code = error.get("code").and_then(|c| c.as_str());
        let info = error.get("info").and_then(|c| c.as_str());
        match (code, info) {
            (Some(code), Some(_)) => vec![code],
            _ => return Err("an `error` without `code` and `info`".to_string()),
        }
    } else if let Some(errors) = object.get("errors") {
        let list = errors.as_array().filter(|l| !l.is_empty());
        let Some(list) = list else {
            return Err("`errors` is not a non-empty list".to_string());
        };
        let mut codes = Vec::new();
        for entry in list {
            let code = entry.get("code").and_then(|c| c.as_str());
            let module = entry.get("module").and_then(|c| c.as_str());
            match (code, module) {
                (Some(code), Some(_)) => codes.push(code),
                _ => return Err("an `errors` entry without `code` and `module`".to_string()),
            }
        }
        codes
    } else {
        Vec::new()
    };
    match (error_code, codes.first()) {
        (None, None) => Ok(()),
        (Some(header), Some(code)) if header == *code => Ok(()),
        (header, code) => Err(format!(
            "MediaWiki-API-Error {header:?} but the body's error code is {code:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_requests_decode_with_their_body() {
        let raw = b"POST /api.php?format=json HTTP/1.1\r\nHost: x\r\nContent-Type: \
                    application/x-www-form-urlencoded\r\nContent-Length: 5\r\n\r\na=1&bcdef";
        let request = decode_http_request(raw).expect("an HTTP request");
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri().query(), Some("format=json"));
        let body = runtime().block_on(axum::body::to_bytes(request.into_body(), 100));
        assert_eq!(body.unwrap().as_ref(), b"a=1&b");
        assert!(decode_http_request(b"GET /api.php HTTP/1.1\r\nHost: x\r\n").is_none());
        assert!(decode_http_request(b"\x00\x01 / HTTP/1.1\r\n\r\n").is_none());
    }

    #[test]
    fn the_invariant_refuses_what_mediawiki_never_answers() {
        let answer = |status: u16, content_type: &str, error: Option<&str>, body: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, content_type.parse().unwrap());
            if let Some(code) = error {
                headers.insert("mediawiki-api-error", code.parse().unwrap());
            }
            Answer {
                status,
                headers,
                body: body.as_bytes().to_vec(),
            }
        };
        let json = "application/json; charset=utf-8";
        let check = |a: &Answer| check_answer(&Method::GET, "/api.php", Some(Some("json")), a);
        assert!(check(&answer(200, json, None, r#"{"batchcomplete":""}"#)).is_ok());
        let error = r#"{"error":{"code":"badtoken","info":"Invalid CSRF token."}}"#;
        assert!(check(&answer(200, json, Some("badtoken"), error)).is_ok());
        assert!(check(&answer(500, json, None, "{}")).is_err());
        assert!(check(&answer(200, json, None, "{")).is_err());
        assert!(check(&answer(200, json, None, error)).is_err());
        assert!(check(&answer(200, json, Some("x"), r#"{"error":{"code":"x"}}"#)).is_err());
        let html = "text/html; charset=UTF-8";
        assert!(check(&answer(200, html, None, "<!DOCTYPE html><html></html>")).is_err());
    }
}
