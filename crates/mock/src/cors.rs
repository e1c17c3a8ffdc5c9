//! The `origin` parameter (ApiMain::handleCORS) on a stock wiki, whose `$wgCrossSiteAJAXdomains`
//! is empty: `origin=*` asks for anonymous CORS; any other value must be, character for
//! character, one of the origins the `Origin` header lists (split at white space; the URL is
//! compared, not parsed), else the request is answered 403 with a line of text before anything
//! else happens (an OPTIONS preflight included); when it is, no domain is allowed, so the answer
//! only says `MediaWiki-CORS-Rejection: Origin mismatch`. The CORS headers of `origin=*`
//! answers and preflights ([`headers`]) are here too. Both releases do the same.
//!
//! One deliberate difference: an `Origin` header listing several origins, one of them the
//! parameter, makes MediaWiki throw (HeaderParserError, a 500 error page); the mock never answers
//! 500 and treats it like a single unlisted origin.

use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, header};

use super::request::ApiRequest;

/// What the `origin` parameter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// No `origin` parameter: no CORS.
    Absent,
    /// `origin=*`: anonymous CORS (no cookies, the user logged out).
    Anonymous,
    /// An origin the `Origin` header does not list: the request is refused ([`forbidden`]).
    NotInHeader,
    /// An origin the header lists, which the wiki does not allow.
    Rejected,
}

/// The `origin` parameter of `req` as ApiMain judges it.
pub fn origin(req: &ApiRequest) -> Origin {
    let Some(param) = req.raw("origin") else {
        return Origin::Absent;
    };
    if param == "*" {
        return Origin::Anonymous;
    }
    let listed = req
        .header("origin")
        .is_some_and(|h| h.split_ascii_whitespace().any(|o| o == param));
    if listed {
        Origin::Rejected
    } else {
        Origin::NotInHeader
    }
}

/// `$wgAllowedCorsHeaders` of both stock releases: what a preflight may ask to send.
const ALLOWED_HEADERS: &[&str] = &[
    "accept",
    "accept-language",
    "content-language",
    "content-type",
    "accept-encoding",
    "dnt",
    "origin",
    "user-agent",
    "api-user-agent",
    "access-control-max-age",
    "authorization",
];

/// The CORS headers of an answer to `req` (which passed the `origin` check): for `origin=*`
/// the anonymous grant (a preflight, an OPTIONS request with `Access-Control-Request-Method`,
/// gets the methods and the headers it asked for instead of the exposed headers, or a rejection
/// when it asked for a header not in `$wgAllowedCorsHeaders`); for another origin the rejection.
pub fn headers(req: &ApiRequest) -> Vec<(&'static str, String)> {
    match origin(req) {
        Origin::Absent | Origin::NotInHeader => Vec::new(),
        Origin::Rejected => vec![("MediaWiki-CORS-Rejection", "Origin mismatch".into())],
        Origin::Anonymous => {
            let preflight =
                req.method == "OPTIONS" && req.header("access-control-request-method").is_some();
            let mut out = Vec::new();
            if preflight {
                if let Some(asked) = req.header("access-control-request-headers") {
                    let allowed = asked.trim().is_empty()
                        || asked.split(',').all(|h| {
                            ALLOWED_HEADERS.contains(&h.trim().to_ascii_lowercase().as_str())
                        });
                    if !allowed {
                        let why = "Unsupported header requested in preflight";
                        return vec![("MediaWiki-CORS-Rejection", why.into())];
                    }
                    out.push(("Access-Control-Allow-Headers", asked.to_string()));
                }
                out.push(("Access-Control-Allow-Methods", "POST, GET, HEAD".into()));
            }
            out.push(("Access-Control-Allow-Origin", "*".into()));
            out.push(("Access-Control-Allow-Credentials", "false".into()));
            if !preflight {
                out.push((
                    "Access-Control-Expose-Headers",
                    "MediaWiki-API-Error, Retry-After, X-Database-Lag, MediaWiki-Login-Suppressed"
                        .into(),
                ));
            }
            out
        }
    }
}

/// The answer to an `origin` the `Origin` header does not list.
pub fn forbidden(req: &ApiRequest, request_id: &str) -> Response<Body> {
    let mut resp = Response::new(Body::from(
        "'origin' parameter does not match Origin header\n",
    ));
    *resp.status_mut() = StatusCode::FORBIDDEN;
    let headers = resp.headers_mut();
    headers.insert(
        "X-Content-Type-Options",
        HeaderValue::from_static("nosniff"),
    );
    if req.lacks_same_origin_security() {
        headers.insert(
            "MediaWiki-Login-Suppressed",
            HeaderValue::from_static("true"),
        );
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=UTF-8"),
    );
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert("X-Request-Id", id);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(param: Option<&str>, header: Option<&str>) -> Origin {
        let query = match param {
            Some(p) => format!("origin={}", p.replace(' ', "%20")),
            None => String::new(),
        };
        let headers = header.map(|h| ("origin".to_string(), h.to_string()));
        let req = ApiRequest::new(
            "GET",
            crate::php_input::query_params(query.as_bytes()),
            Default::default(),
            headers.into_iter().collect(),
            "127.0.0.1".parse().unwrap(),
        );
        origin(&req)
    }

    fn preflight(origin: &str, asked: Option<&str>) -> Vec<(&'static str, String)> {
        let mut headers = vec![
            ("origin".to_string(), "http://a.org".to_string()),
            (
                "access-control-request-method".to_string(),
                "POST".to_string(),
            ),
        ];
        if let Some(asked) = asked {
            headers.push((
                "access-control-request-headers".to_string(),
                asked.to_string(),
            ));
        }
        let req = ApiRequest::new(
            "OPTIONS",
            crate::php_input::query_params(format!("origin={origin}").as_bytes()),
            Default::default(),
            headers,
            "127.0.0.1".parse().unwrap(),
        );
        super::headers(&req)
    }

    #[test]
    fn preflights_get_the_methods_and_the_allowed_headers_they_ask_for() {
        let names =
            |h: Vec<(&'static str, String)>| h.into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(
            names(preflight("*", None)),
            [
                "Access-Control-Allow-Methods",
                "Access-Control-Allow-Origin",
                "Access-Control-Allow-Credentials"
            ]
        );
        assert_eq!(
            preflight("*", Some("Content-Type, api-user-agent"))[0],
            (
                "Access-Control-Allow-Headers",
                "Content-Type, api-user-agent".to_string()
            )
        );
        assert_eq!(
            preflight("*", Some("X-Foo")),
            [(
                "MediaWiki-CORS-Rejection",
                "Unsupported header requested in preflight".to_string()
            )]
        );
        // Another origin, listed in the header, is never allowed on a stock wiki.
        assert_eq!(
            preflight("http%3A%2F%2Fa.org", Some("X-Foo")),
            [("MediaWiki-CORS-Rejection", "Origin mismatch".to_string())]
        );
    }

    #[test]
    fn the_parameter_must_be_one_of_the_header_origins() {
        assert_eq!(judged(None, Some("http://a.org")), Origin::Absent);
        assert_eq!(judged(Some("*"), None), Origin::Anonymous);
        assert_eq!(judged(Some("http://a.org"), None), Origin::NotInHeader);
        assert_eq!(judged(Some(""), None), Origin::NotInHeader);
        assert_eq!(
            judged(Some("http://a.org"), Some("http://a.org")),
            Origin::Rejected
        );
        assert_eq!(judged(Some("null"), Some("null")), Origin::Rejected);
        // Compared as text: no trailing slash, no case folding, no trimming of the parameter.
        assert_eq!(
            judged(Some("http://a.org/"), Some("http://a.org")),
            Origin::NotInHeader
        );
        assert_eq!(
            judged(Some("HTTP://A.ORG"), Some("http://a.org")),
            Origin::NotInHeader
        );
        assert_eq!(
            judged(Some(" http://a.org"), Some(" http://a.org")),
            Origin::NotInHeader
        );
        assert_eq!(
            judged(Some("http://a.org"), Some("  http://a.org\t")),
            Origin::Rejected
        );
    }
}
