//! The throughput baseline for `scripts/bench.sh`: a minimal axum server that answers every
//! request, GET or POST, on any path, with one fixed body and the headers the mock sends with an
//! API result. No parsing, no state: what axum, hyper and tokio cost on their own.
//!
//! `cargo run --release --example static_axum -- [PORT]` (default 18190); prints its URL.

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue};

const BODY: &str = r#"{"batchcomplete":"","query":{"tokens":{"csrftoken":"+\\"}}}"#;

async fn fixed() -> ([(HeaderName, HeaderValue); 5], &'static str) {
    let headers = [
        (
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ),
        (
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        ),
        (
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ),
        (
            CONTENT_DISPOSITION,
            HeaderValue::from_static("inline; filename=api-result.json"),
        ),
        (
            CACHE_CONTROL,
            HeaderValue::from_static("private, must-revalidate, max-age=0"),
        ),
    ];
    (headers, BODY)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "PORT must be a number")
        })?,
        None => 18190,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("http://{}/api.php", listener.local_addr()?);
    axum::serve(listener, Router::new().fallback(fixed)).await
}
