//! The loopback recording proxy a sample program talks to: it listens on 127.0.0.1, forwards every
//! request (whatever its path, with its query string, method, headers and body) to the target's
//! api.php, passes the answer back unchanged, and records each exchange for the judge and the
//! report. One proxy per program run, so a recording is that program's traffic alone.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::Response;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// Bodies larger than this are not forwarded (no sample sends one).
const MAX_BODY: usize = 8 << 20;

/// One request the program made and what the wiki answered.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Exchange {
    pub method: String,
    /// Path and query as the program sent them to the proxy.
    pub path: String,
    pub request_content_type: String,
    pub request_body: String,
    pub status: u16,
    pub response_content_type: String,
    pub response_body: String,
}

impl Exchange {
    /// The request's parameters: the query string's, then the body's (form-encoded bodies).
    pub fn params(&self) -> Vec<(String, String)> {
        let mut params: Vec<(String, String)> = self
            .path
            .split_once('?')
            .map(|(_, query)| {
                url::form_urlencoded::parse(query.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        if self
            .request_content_type
            .starts_with("application/x-www-form-urlencoded")
        {
            params.extend(url::form_urlencoded::parse(self.request_body.as_bytes()).into_owned());
        }
        params
    }

    /// The value of parameter `name` (the last one given).
    pub fn param(&self, name: &str) -> Option<String> {
        self.params()
            .into_iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The answer read as JSON (`None` when it is not).
    pub fn response_json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.response_body).ok()
    }
}

#[derive(Clone)]
struct Forward {
    target: String,
    client: reqwest::Client,
    recorded: Arc<Mutex<Vec<Exchange>>>,
}

/// A running proxy; [`RecordingProxy::finish`] stops it and hands over the recording.
pub struct RecordingProxy {
    /// `http://127.0.0.1:PORT` (what `{{server}}` stands for).
    pub server: String,
    recorded: Arc<Mutex<Vec<Exchange>>>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RecordingProxy {
    /// Starts a proxy for the api.php URL `target`.
    pub async fn start(
        target: &str,
        timeout: std::time::Duration,
    ) -> std::io::Result<RecordingProxy> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .build()
            .map_err(std::io::Error::other)?;
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let forward = Forward {
            target: target.to_owned(),
            client,
            recorded: recorded.clone(),
        };
        let app = axum::Router::new().fallback(relay).with_state(forward);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(RecordingProxy {
            server: format!("http://{address}"),
            recorded,
            stop: Some(stop),
            task,
        })
    }

    /// The api.php URL the program is given (`{{api}}`, `MWCHECK_API`).
    pub fn api(&self) -> String {
        format!("{}/w/api.php", self.server)
    }

    /// Stops the proxy; the exchanges in the order they were answered.
    pub async fn finish(mut self) -> Vec<Exchange> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // A client that keeps its connection open must not hold the run.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), &mut self.task).await;
        self.task.abort();
        std::mem::take(&mut *self.recorded.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Headers that belong to one connection, or that the client sets itself.
fn hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "host"
            | "connection"
            | "keep-alive"
            | "proxy-connection"
            | "transfer-encoding"
            | "content-length"
            | "accept-encoding"
            | "content-encoding"
            | "upgrade"
            | "te"
            | "trailer"
    )
}

fn header(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn relay(State(forward): State<Forward>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(err) => {
            return plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("mwcheck proxy: {err}"),
            );
        }
    };
    let mut url = forward.target.clone();
    if let Some((_, query)) = path.split_once('?') {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(query);
    }
    let mut outgoing = forward.client.request(parts.method.clone(), &url);
    for (name, value) in &parts.headers {
        if !hop_by_hop(name) {
            outgoing = outgoing.header(name, value);
        }
    }
    let mut exchange = Exchange {
        method: parts.method.to_string(),
        path,
        request_content_type: header(&parts.headers, "content-type"),
        request_body: String::from_utf8_lossy(&body).into_owned(),
        status: 0,
        response_content_type: String::new(),
        response_body: String::new(),
    };
    let answer = match outgoing.body(body).send().await {
        Ok(answer) => answer,
        Err(err) => {
            exchange.status = 502;
            exchange.response_body = format!("mwcheck proxy: the target did not answer: {err}");
            let response = plain(StatusCode::BAD_GATEWAY, exchange.response_body.clone());
            forward
                .recorded
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(exchange);
            return response;
        }
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    let bytes = answer.bytes().await.unwrap_or_default();
    exchange.status = status.as_u16();
    exchange.response_content_type = header(&headers, "content-type");
    exchange.response_body = String::from_utf8_lossy(&bytes).into_owned();
    forward
        .recorded
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(exchange);
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    for (name, value) in &headers {
        if !hop_by_hop(name) {
            response.headers_mut().append(name, value.clone());
        }
    }
    response
}

fn plain(status: StatusCode, text: String) -> Response {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response
}
