//! Sending a step's request: one reqwest client with its own cookie store per actor, a connect
//! timeout and one deadline for the whole exchange (connect to last body byte), a cap on body
//! size, and every transport failure turned into one clear line naming what happened (timeout,
//! reset by the peer, connection broken midway, body too large), how far the response got, and
//! the URL (the caller fails the step with it and the run goes on). The TLS set-up (the
//! platform's root certificates) is built once per process and shared by every client.

use rustls_platform_verifier::BuilderVerifierExt;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

/// reqwest's own TLS set-up (aws-lc-rs, the platform's roots, ALPN h2 then http/1.1), built once:
/// building it per client reads and parses every root certificate each time.
static TLS: LazyLock<Result<rustls::ClientConfig, String>> = LazyLock::new(|| {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|err| format!("cannot set up TLS: {err}"))?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
});

/// Limits on each request.
#[derive(Clone, Copy, Debug)]
pub struct HttpLimits {
    pub connect_timeout: Duration,
    /// The whole request, from connecting to the end of the body.
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 8 << 20,
        }
    }
}

/// A request with everything filled in.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: reqwest::Method,
    /// Parameters for the query string.
    pub query: Vec<(String, String)>,
    /// Parameters for the body (`None`: no body).
    pub form: Option<Vec<(String, String)>>,
    pub multipart: bool,
    pub headers: Vec<(String, String)>,
}

/// A response, read whole.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    /// Every value of a header, joined with ", " (`None` when absent).
    pub fn header(&self, name: &str) -> Option<String> {
        let values: Vec<String> = self
            .headers
            .get_all(name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        if values.is_empty() {
            None
        } else {
            Some(values.join(", "))
        }
    }

    /// The cookies this response sets: name → the Set-Cookie text after `name=`.
    pub fn set_cookies(&self) -> Vec<(String, String)> {
        self.headers
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| {
                let text = String::from_utf8_lossy(v.as_bytes()).into_owned();
                let (name, rest) = text.split_once('=')?;
                Some((name.trim().to_owned(), rest.to_owned()))
            })
            .collect()
    }
}

/// A client for one actor: its own cookie store, no proxy, no redirects followed.
pub fn client(limits: &HttpLimits) -> Result<reqwest::Client, String> {
    let tls = TLS.clone()?;
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .cookie_store(true)
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(limits.connect_timeout)
        .timeout(limits.request_timeout)
        .user_agent(concat!("mwcheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|err| format!("cannot build an HTTP client: {}", root_cause(&err)))
}

/// Sends a request to `url` and reads the response, or says in one line why that failed.
pub async fn send(
    client: &reqwest::Client,
    url_with_credentials: &str,
    request: &Request,
    limits: &HttpLimits,
) -> Result<Response, String> {
    // Messages name the URL without any password in it.
    let shown = crate::vars::shown_url(url_with_credentials);
    let url = shown.as_str();
    let mut target = url::Url::parse(url_with_credentials)
        .map_err(|err| format!("bad target URL {url}: {err}"))?;
    if !request.query.is_empty() {
        let mut pairs = target.query_pairs_mut();
        for (name, value) in &request.query {
            pairs.append_pair(name, value);
        }
    }
    let mut builder = client.request(request.method.clone(), target);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    if let Some(form) = &request.form {
        builder = if request.multipart {
            let mut multipart = reqwest::multipart::Form::new();
            for (name, value) in form {
                multipart = multipart.text(name.clone(), value.clone());
            }
            builder.multipart(multipart)
        } else {
            builder.form(form)
        };
    }
    let mut progress = Progress::default();
    // The whole exchange, from connecting to the last body byte, has one deadline: a server
    // dripping a byte now and then never trips a per-read timeout, but it trips this one.
    match tokio::time::timeout(
        limits.request_timeout,
        exchange(builder, url, limits, &mut progress),
    )
    .await
    {
        Ok(result) => result,
        Err(_) => Err(progress.timed_out(url, limits)),
    }
}

/// How far a response got (for the messages of failures midway).
#[derive(Default)]
struct Progress {
    status: Option<u16>,
    body_bytes: usize,
}

impl Progress {
    /// `HTTP 200, 12 bytes of body came` (`None` before the status line came).
    fn so_far(&self) -> Option<String> {
        self.status
            .map(|status| format!("HTTP {status}, {} of body came", bytes(self.body_bytes)))
    }

    /// The request-timeout message.
    fn timed_out(&self, url: &str, limits: &HttpLimits) -> String {
        let so_far = self.so_far().map(|s| format!("; {s}")).unwrap_or_default();
        format!(
            "no complete response from {url} within {} (request timeout{so_far})",
            seconds(limits.request_timeout)
        )
    }
}

/// Sends the request and reads the whole body (at most `max_body_bytes`), noting in `progress`
/// how far it got.
async fn exchange(
    builder: reqwest::RequestBuilder,
    url: &str,
    limits: &HttpLimits,
    progress: &mut Progress,
) -> Result<Response, String> {
    let mut response = builder
        .send()
        .await
        .map_err(|err| describe_error(&err, url, limits, progress))?;
    let status = response.status().as_u16();
    progress.status = Some(status);
    let headers = response.headers().clone();
    let mut body = Vec::new();
    loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(err) => return Err(describe_error(&err, url, limits, progress)),
        };
        if body.len() + chunk.len() > limits.max_body_bytes {
            return Err(format!(
                "response body from {url} larger than {} bytes (HTTP {status}); gave up reading it",
                limits.max_body_bytes
            ));
        }
        body.extend_from_slice(&chunk);
        progress.body_bytes = body.len();
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// One line saying what went wrong, without the request's parameters (they may hold secrets).
fn describe_error(
    err: &reqwest::Error,
    url: &str,
    limits: &HttpLimits,
    progress: &Progress,
) -> String {
    let cause = root_cause(err);
    if err.is_timeout() {
        return progress.timed_out(url, limits);
    }
    if err.is_connect() {
        if cause.contains("timed out") || cause.contains("deadline") {
            return format!(
                "cannot connect to {url}: no answer within {}",
                seconds(limits.connect_timeout)
            );
        }
        return format!("cannot connect to {url}: {cause}");
    }
    if io_error_kind(err) == Some(std::io::ErrorKind::ConnectionReset) {
        return match progress.so_far() {
            None => format!("the connection to {url} was reset by the peer before any response"),
            Some(so_far) => format!(
                "the connection to {url} was reset by the peer midway through the response ({so_far})"
            ),
        };
    }
    if err.is_body() || err.is_decode() || err.is_request() {
        let so_far = progress
            .so_far()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        return format!(
            "the connection to {url} broke before the response was complete{so_far}: {cause}"
        );
    }
    format!("request to {url} failed: {cause}")
}

/// The kind of the I/O error underneath, if the error comes from one.
fn io_error_kind(err: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut current = Some(err);
    while let Some(error) = current {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        current = error.source();
    }
    None
}

fn bytes(count: usize) -> String {
    if count == 1 {
        "1 byte".to_owned()
    } else {
        format!("{count} bytes")
    }
}

/// `5 s`, `0.5 s`.
pub(crate) fn seconds(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

/// The innermost error message, on one line.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string().replace('\n', " ")
}
