//! The HTTP response of an API request: the body in the requested format (json, php, xml, the
//! pretty-printed `fm` pages, JSONP callbacks), and the headers ApiMain and the formatters send
//! (content type, caching, cookies, the request id).

use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, header};
use rand::RngExt;

use super::release::Release;
use super::request::ApiRequest;
use super::{cors, format, format_html, format_php, format_xml};

/// What the HTML pretty-printer page needs from the server.
pub struct PageSource<'a> {
    pub server: &'a str,
    pub sitename: &'a str,
    pub release: &'static Release,
    pub started: std::time::Instant,
}

/// Writes headers and body the way ApiMain and ApiFormatJson do.
#[allow(clippy::too_many_arguments)]
pub fn render(
    req: &ApiRequest,
    page: &PageSource,
    status: u16,
    error_code: Option<&str>,
    body: &format::Val,
    session_cookies: &[String],
    cookies: &[String],
    empty: bool,
) -> Response<Body> {
    let fv2 = matches!(req.raw("formatversion"), Some("2") | Some("latest"));
    let out = format::OutputFormat {
        fv2,
        utf8: req.has("utf8"),
        ascii: req.has("ascii"),
    };
    let callback = req.raw("callback").map(str::to_string);
    let json_printer = req.raw("format") == Some("json");
    let xml_printer = req.raw("format") == Some("xml");
    let php_printer = req.raw("format") == Some("php");
    let none_printer = req.raw("format") == Some("none");
    let mut builder =
        Response::builder().status(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
    if let Some(reason) = php_reason_phrase(status) {
        builder = builder.extension(hyper::ext::ReasonPhrase::from_static(reason));
    }
    builder = builder.header("X-Content-Type-Options", "nosniff");
    if let Some(code) = error_code {
        builder = builder.header("MediaWiki-API-Error", code);
    }
    for c in session_cookies {
        builder = builder.header(header::SET_COOKIE, c);
    }
    let text = if empty || none_printer {
        String::new()
    } else if php_printer {
        format_php::to_php(body, out)
    } else if xml_printer {
        format_xml::to_xml(body)
    } else if json_printer {
        let json = format::to_json(body, out);
        match &callback {
            Some(cb) => format!("/**/{}({json})", sanitize_callback(cb)),
            None => json,
        }
    } else {
        let mut id_bytes = [0u8; 12];
        rand::fill(&mut id_bytes[..]);
        let request_id = hex::encode(id_bytes);
        let context = format_html::PageContext {
            sitename: page.sitename,
            release: page.release,
            server: page.server,
            query: req.query.pairs().collect(),
            posted: req.method == "POST",
            status,
            request_id: &request_id,
            backend_ms: page.started.elapsed().as_millis(),
        };
        match req.raw("format") {
            Some("xmlfm") => format_html::page(
                &context,
                format_html::XML,
                &format_xml::indent(&format_xml::to_xml(body)),
            ),
            Some("phpfm") => {
                format_html::page(&context, format_html::PHP, &format_php::to_php(body, out))
            }
            _ => format_html::page(
                &context,
                format_html::JSON,
                &format::to_json_pretty(body, out),
            ),
        }
    };
    let printed_as = if xml_printer {
        Some(("text/xml; charset=utf-8", "xml"))
    } else if php_printer {
        Some(("application/vnd.php.serialized; charset=utf-8", "php"))
    } else if none_printer {
        Some(("text/plain; charset=utf-8", "txt"))
    } else if json_printer && callback.is_some() {
        Some(("text/javascript; charset=utf-8", "js"))
    } else if json_printer {
        Some(("application/json; charset=utf-8", "json"))
    } else {
        None
    };
    if empty {
        // An OPTIONS request ends before a printer is made: PHP's default content type.
        builder = builder.header(header::CONTENT_TYPE, "text/html; charset=UTF-8");
    } else if let Some((content_type, extension)) = printed_as {
        builder = builder
            .header(header::CONTENT_TYPE, content_type)
            .header("X-Frame-Options", "DENY")
            .header(
                header::CONTENT_DISPOSITION,
                format!("inline; filename=api-result.{extension}"),
            );
    } else {
        builder = builder
            .header("X-Frame-Options", "DENY")
            .header(
                header::CONTENT_DISPOSITION,
                "inline; filename=api-result.html",
            )
            .header(header::CONTENT_TYPE, "text/html; charset=UTF-8")
            .header("Content-language", "en")
            .header(header::VARY, "Accept-Encoding, Cookie")
            .header(header::EXPIRES, "Thu, 01 Jan 1970 00:00:00 GMT");
    }
    for c in cookies {
        builder = builder.header(header::SET_COOKIE, c);
    }
    for (name, value) in cors::headers(req) {
        builder = builder.header(name, value);
    }
    if req.lacks_same_origin_security() {
        builder = builder.header("MediaWiki-Login-Suppressed", "true");
    }
    if !empty {
        builder = builder.header(header::CACHE_CONTROL, "private, must-revalidate, max-age=0");
    }
    builder = builder.header("X-Request-Id", request_id());
    builder
        .body(Body::from(text))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "bad header\n"))
}

/// The status texts of PHP's built-in server where they differ from the ones hyper sends.
fn php_reason_phrase(status: u16) -> Option<&'static [u8]> {
    match status {
        413 => Some(b"Request Entity Too Large"),
        _ => None,
    }
}

/// ApiFormatBase: callback names keep only `[][.\]\w]` characters.
fn sanitize_callback(cb: &str) -> String {
    cb.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '[' | ']' | '.' | '\''))
        .collect()
}

/// 24 lowercase hex characters, like WebRequest::getRequestId().
pub fn request_id() -> String {
    let mut bytes = [0u8; 12];
    rand::rng().fill(&mut bytes);
    hex::encode(bytes)
}

/// A plain-text response (the mock's own pages, and what it answers when a header cannot be
/// built).
pub fn plain(status: StatusCode, text: &str) -> Response<Body> {
    let mut resp = Response::new(Body::from(text.to_string()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}
