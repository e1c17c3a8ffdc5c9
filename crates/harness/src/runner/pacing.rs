//! Being a considerate client of a live wiki: `maxlag=N` on every api.php request, a pace (the
//! least pause between one request to the target ending and the next starting, across all jobs)
//! and bounded retries of the answers by which a server declines a request for now: MediaWiki's
//! `maxlag` error, and HTTP 429 or 503 with `Retry-After`. Each retry is kept for the reports.
//!
//! Only answers that say the request was not acted on are resent, so a retry never repeats a
//! write: MediaWiki checks `maxlag` before it runs the module (ApiMain::checkMaxLag, before
//! execute), and 429 ("too many requests") and 503 ("unable to handle the request") are
//! refusals. A timeout, a reset connection or an HTTP 500 may come after the wiki acted (an
//! account created), so they are never retried: the step fails with what happened.

use super::http::{self, HttpLimits, Request, Response};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::{Mutex, MutexGuard};
use tokio::time::Instant;

/// What MediaWiki recommends bots send (<https://www.mediawiki.org/wiki/Manual:Maxlag_parameter>).
pub const DEFAULT_MAXLAG: u32 = 5;
/// The pause between requests to a non-loopback target unless `--pace` says otherwise.
pub const DEFAULT_PACE: Duration = Duration::from_millis(100);
/// How often a declined request is resent before the step fails.
pub const DEFAULT_MAX_RETRIES: u32 = 5;
/// The longest wait a server may ask for; asking more fails the step.
pub const DEFAULT_MAX_RETRY_WAIT: Duration = Duration::from_secs(60);
/// The formats MediaWiki 1.39 answers without an HTML page around them.
const PLAIN_FORMATS: [&str; 4] = ["json", "php", "xml", "none"];
/// The wait after a `maxlag` error without `Retry-After` (MediaWiki never asks for less).
const MAXLAG_WAIT: Duration = Duration::from_secs(5);

/// How requests to the target are paced and retried. Clones share the pace: one run, one pace.
#[derive(Clone, Debug)]
pub struct Pacing {
    /// Sent as `maxlag=N` with every api.php request (`None`: not sent).
    pub maxlag: Option<u32>,
    /// With a pace, requests to the target go one at a time (as API:Etiquette asks of bots),
    /// each starting at least this long after the previous one ended.
    pub pace: Option<Duration>,
    pub max_retries: u32,
    pub max_retry_wait: Duration,
    /// When the last paced request ended; held while a paced request is under way.
    last_end: Arc<Mutex<Option<Instant>>>,
}

impl Default for Pacing {
    /// No maxlag, no pace; declined requests retried within the default bounds.
    fn default() -> Self {
        Pacing {
            maxlag: None,
            pace: None,
            max_retries: DEFAULT_MAX_RETRIES,
            max_retry_wait: DEFAULT_MAX_RETRY_WAIT,
            last_end: Arc::default(),
        }
    }
}

/// A request resent after the server declined it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retry {
    /// The step that sent it (0: not a step, e.g. the capability probe).
    pub step: usize,
    /// What the server said: `maxlag (database lag 7 s)`, `HTTP 429 Too Many Requests`, …
    pub reason: String,
    /// How long mwcheck waited before resending.
    pub waited: Duration,
}

impl Retry {
    /// `step 3: maxlag (database lag 7 s), retried after 5 s`.
    pub fn line(&self) -> String {
        format!(
            "step {}: {}, retried after {}",
            self.step,
            self.reason,
            http::seconds(self.waited)
        )
    }
}

impl Pacing {
    /// The defaults for a target: none for loopback (a wiki of one's own, and the snapshots were
    /// recorded without maxlag), `maxlag=5` and a 100 ms pace for any other.
    pub fn for_target(loopback: bool) -> Pacing {
        if loopback {
            Pacing::default()
        } else {
            Pacing {
                maxlag: Some(DEFAULT_MAXLAG),
                pace: Some(DEFAULT_PACE),
                ..Pacing::default()
            }
        }
    }

    /// Adds `maxlag=N` to an api.php request's query string, unless the request sets maxlag
    /// itself or is answered by an HTML pretty-printer (`jsonfm`, `xmlfm`, …; also what a missing
    /// or unknown `format` gets): those pages echo the request's URL, and scenarios compare them
    /// with MediaWiki's.
    pub fn add_maxlag(&self, request: &mut Request) {
        let Some(maxlag) = self.maxlag else { return };
        let value = |name: &str| {
            let form = request.form.as_deref().unwrap_or_default();
            request
                .query
                .iter()
                .chain(form)
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        let plain = value("format").is_some_and(|f| PLAIN_FORMATS.contains(&f.as_str()));
        if value("maxlag").is_none() && plain {
            request
                .query
                .push(("maxlag".to_owned(), maxlag.to_string()));
        }
    }

    /// Sends a request within the pace, resending it (at most `max_retries` times, each after
    /// the wait the server asked for) while the server declines it; each retry is added to
    /// `retries` as made by `step`. Fails when the server still declines after the last retry or
    /// asks for a wait longer than `max_retry_wait`.
    pub async fn send(
        &self,
        client: &reqwest::Client,
        url: &str,
        request: &Request,
        limits: &HttpLimits,
        step: usize,
        retries: &mut Vec<Retry>,
    ) -> Result<Response, String> {
        // With a pace, the turn is held through the waits too: a server asking to wait is
        // asking the whole client, so no other job's request goes out meanwhile.
        let _turn = self.turn().await;
        let shown = crate::vars::shown_url(url);
        let mut attempts = 0;
        loop {
            let response = http::send(client, url, request, limits).await?;
            attempts += 1;
            let Some(declined) = Declined::of(&response, SystemTime::now()) else {
                return Ok(response);
            };
            let Some(wait) = declined.wait else {
                // No word on when to come back: the step fails on the answer as it is.
                return Ok(response);
            };
            if wait > self.max_retry_wait {
                return Err(format!(
                    "{} from {shown}: asked to wait {} before retrying, more than the {} allowed (--max-retry-wait); gave up",
                    declined.reason,
                    http::seconds(wait),
                    http::seconds(self.max_retry_wait)
                ));
            }
            if attempts > self.max_retries {
                return Err(format!(
                    "still {} from {shown} after {} retries (--max-retries); gave up",
                    declined.reason,
                    attempts - 1
                ));
            }
            retries.push(Retry {
                step,
                reason: declined.reason,
                waited: wait,
            });
            tokio::time::sleep(wait.max(self.pace.unwrap_or_default())).await;
        }
    }

    /// Waits for this request's turn under the pace (`None`: no pace, go now).
    async fn turn(&self) -> Option<Turn<'_>> {
        let pace = self.pace?;
        let last_end = self.last_end.lock().await;
        if let Some(ended) = *last_end {
            tokio::time::sleep_until(ended + pace).await;
        }
        Some(Turn { last_end })
    }
}

/// A paced request under way; when it is over (answered, failed or cancelled), the next may go
/// a pace later.
struct Turn<'a> {
    last_end: MutexGuard<'a, Option<Instant>>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.last_end = Some(Instant::now());
    }
}

/// An answer by which the server declines the request for now.
#[derive(Debug, PartialEq, Eq)]
struct Declined {
    reason: String,
    /// How long the server asks to wait (`None`: it does not say).
    wait: Option<Duration>,
}

impl Declined {
    /// MediaWiki's `maxlag` error (an API error, any HTTP status), or HTTP 429 or 503.
    fn of(response: &Response, now: SystemTime) -> Option<Declined> {
        let retry_after = retry_after(response, now);
        if is_maxlag(response) {
            let lag = response
                .header("x-database-lag")
                .map(|lag| format!(" (database lag {} s)", lag.trim()))
                .unwrap_or_default();
            return Some(Declined {
                reason: format!("maxlag{lag}"),
                wait: Some(retry_after.unwrap_or(MAXLAG_WAIT)),
            });
        }
        let reason = match response.status {
            429 => "HTTP 429 Too Many Requests",
            503 => "HTTP 503 Service Unavailable",
            _ => return None,
        };
        Some(Declined {
            reason: reason.to_owned(),
            wait: retry_after,
        })
    }
}

/// Whether the answer is MediaWiki's `maxlag` error: its `MediaWiki-API-Error` header, or the
/// error in the body (`error.code`, or `errors[].code` with `errorformat`).
fn is_maxlag(response: &Response) -> bool {
    if response
        .header("mediawiki-api-error")
        .is_some_and(|codes| codes.split(',').any(|code| code.trim() == "maxlag"))
    {
        return true;
    }
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(&response.body) else {
        return false;
    };
    body["error"]["code"] == "maxlag"
        || body["errors"]
            .as_array()
            .is_some_and(|errors| errors.iter().any(|e| e["code"] == "maxlag"))
}

/// The wait `Retry-After` asks for: delay-seconds or an HTTP-date (a date passed: no wait).
/// `None` when absent or unreadable.
fn retry_after(response: &Response, now: SystemTime) -> Option<Duration> {
    let value = response.header("retry-after")?;
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response {
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in headers {
            map.append(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        Response {
            status,
            headers: map,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn maxlag_errors_are_declines_with_their_wait() {
        let now = SystemTime::now();
        let maxlag = r#"{"error":{"code":"maxlag","info":"Waiting for db1: 7 seconds lagged.","host":"db1","lag":7,"type":"db"}}"#;
        let answer = response(
            200,
            &[("Retry-After", "5"), ("X-Database-Lag", "7")],
            maxlag,
        );
        assert_eq!(
            Declined::of(&answer, now),
            Some(Declined {
                reason: "maxlag (database lag 7 s)".into(),
                wait: Some(Duration::from_secs(5)),
            })
        );
        let errorformat = r#"{"errors":[{"code":"maxlag","text":"Waiting"}]}"#;
        let answer = response(200, &[], errorformat);
        assert_eq!(Declined::of(&answer, now).unwrap().wait, Some(MAXLAG_WAIT));
        let header_only = response(200, &[("MediaWiki-API-Error", "maxlag")], "");
        assert!(Declined::of(&header_only, now).is_some());
        let other = response(200, &[], r#"{"error":{"code":"badtoken"}}"#);
        assert_eq!(Declined::of(&other, now), None);
        assert_eq!(Declined::of(&response(500, &[], "x"), now), None);
    }

    #[test]
    fn retry_after_takes_seconds_or_an_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        let answer = response(429, &[("Retry-After", &later)], "");
        assert_eq!(
            Declined::of(&answer, now),
            Some(Declined {
                reason: "HTTP 429 Too Many Requests".into(),
                wait: Some(Duration::from_secs(30)),
            })
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(30));
        let answer = response(503, &[("Retry-After", &past)], "");
        assert_eq!(
            Declined::of(&answer, now).unwrap().wait,
            Some(Duration::ZERO)
        );
        let answer = response(503, &[("Retry-After", "soon")], "");
        assert_eq!(Declined::of(&answer, now).unwrap().wait, None);
        let answer = response(429, &[], "");
        assert_eq!(Declined::of(&answer, now).unwrap().wait, None);
    }

    #[test]
    fn maxlag_is_added_unless_the_request_sets_it_or_is_pretty_printed() {
        let pacing = Pacing::for_target(false);
        let get = |pairs: &[(&str, &str)]| Request {
            method: reqwest::Method::GET,
            query: pairs
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            form: None,
            multipart: false,
            headers: Vec::new(),
        };
        let mut request = get(&[("action", "query"), ("format", "json")]);
        pacing.add_maxlag(&mut request);
        assert_eq!(request.query[2], ("maxlag".into(), "5".into()));
        pacing.add_maxlag(&mut request);
        assert_eq!(request.query.len(), 3);
        let mut posted = Request {
            method: reqwest::Method::POST,
            query: Vec::new(),
            form: Some(vec![
                ("format".into(), "json".into()),
                ("maxlag".into(), "1".into()),
            ]),
            ..request.clone()
        };
        pacing.add_maxlag(&mut posted);
        assert!(posted.query.is_empty());
        let pretty_printed: [&[(&str, &str)]; 3] = [
            &[("action", "query")],
            &[("format", "xmlfm")],
            &[("format", "bogus")],
        ];
        for pretty in pretty_printed {
            let mut request = get(pretty);
            pacing.add_maxlag(&mut request);
            assert_eq!(request.query.len(), pretty.len());
        }
        let mut loopback = get(&[("format", "json")]);
        Pacing::for_target(true).add_maxlag(&mut loopback);
        assert_eq!(loopback.query.len(), 1);
    }

    #[test]
    fn retry_lines_say_step_reason_and_wait() {
        let retry = Retry {
            step: 3,
            reason: "maxlag (database lag 7 s)".into(),
            waited: Duration::from_secs(5),
        };
        assert_eq!(
            retry.line(),
            "step 3: maxlag (database lag 7 s), retried after 5 s"
        );
    }
}
