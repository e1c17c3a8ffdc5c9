//! How the `modules` fuzz target's calls go over HTTP: GET (and other methods) with every
//! parameter in the query string, POST as a form, as multipart, or without a Content-Type; and
//! the `format` such a request sends as PHP reads it, which names the printer to expect.

use axum::body::Body;
use axum::http::{Method, Request, header};

use crate::php_input;
use crate::request::ApiRequest;
use arbitrary::Arbitrary;

/// How a call is sent.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    PostForm,
    PostMultipart,
    PostWithoutContentType,
    Other,
}

fn percent_encoded(bytes: &[u8]) -> String {
    percent_encoding::percent_encode(bytes, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The HTTP request for a call (GET and other methods put everything in the query string, POST
/// in the body), its method, and the `format` it sends as PHP reads it (the printer to expect);
/// None for a request no HTTP server would pass on (a URI too long).
pub fn build_request(
    method: HttpMethod,
    params: &[(String, Vec<u8>)],
    cookie: Vec<u8>,
) -> Option<(Request<Body>, Method, Option<String>)> {
    let encoded = params
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encoded(k.as_bytes()), percent_encoded(v)))
        .collect::<Vec<_>>()
        .join("&");
    let (http_method, uri, content_type, body) = match method {
        HttpMethod::Get => (Method::GET, format!("/api.php?{encoded}"), None, Vec::new()),
        HttpMethod::Other => (Method::PUT, format!("/api.php?{encoded}"), None, Vec::new()),
        HttpMethod::PostForm => (
            Method::POST,
            "/api.php".to_string(),
            Some("application/x-www-form-urlencoded".to_string()),
            encoded.into_bytes(),
        ),
        HttpMethod::PostWithoutContentType => (
            Method::POST,
            "/api.php".to_string(),
            None,
            encoded.into_bytes(),
        ),
        HttpMethod::PostMultipart => {
            let boundary = "mwcheck-fuzz-boundary";
            let mut body = Vec::new();
            for (k, v) in params {
                body.extend_from_slice(
                    format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n")
                        .as_bytes(),
                );
                body.extend_from_slice(v);
                body.extend_from_slice(b"\r\n");
            }
            body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
            (
                Method::POST,
                "/api.php".to_string(),
                Some(format!("multipart/form-data; boundary={boundary}")),
                body,
            )
        }
    };
    let format = sent_format(&http_method, &uri, content_type.as_deref(), &body);
    let mut builder = Request::builder().method(http_method.clone()).uri(uri);
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    if let Ok(value) = axum::http::HeaderValue::from_bytes(&cookie)
        && !cookie.is_empty()
    {
        builder = builder.header(header::COOKIE, value);
    }
    // A target past the http crate's URI length is one hyper refuses (414) before the mock.
    let request = builder.body(Body::from(body)).ok()?;
    Some((request, http_method, format))
}

/// The `format` parameter as PHP fills `$_GET` and `$_POST` from these parts.
fn sent_format(
    method: &Method,
    uri: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Option<String> {
    let query = uri.split_once('?').map(|(_, q)| q).unwrap_or("");
    let query = php_input::query_params(query.as_bytes());
    let posted = match content_type {
        _ if *method != Method::POST || body.len() as u64 > php_input::POST_MAX_SIZE => None,
        Some(ct) if ct.starts_with("multipart/") => {
            Some(php_input::multipart_body_params(body, ct))
        }
        Some(_) => Some(php_input::urlencoded_body_params(body)),
        None => None,
    };
    let request = ApiRequest::new(
        method.as_str(),
        query,
        posted.unwrap_or_default(),
        Vec::new(),
        std::net::IpAddr::from([127, 0, 0, 1]),
    );
    request.raw("format").map(str::to_string)
}
