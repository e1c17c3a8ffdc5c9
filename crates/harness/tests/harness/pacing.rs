//! Pacing against a live wiki: `maxlag` sent with api.php requests and its error waited out and
//! retried (bounded), HTTP 429/503 retried after their Retry-After (seconds or an HTTP-date),
//! nothing retried without one or when it asks too long, and `pace` spacing requests across
//! concurrent jobs, as the server sees them.

use mwcheck_harness::runner::pacing::Retry;
use mwcheck_harness::runner::{self, Outcome, RunOptions, Status};
use mwcheck_harness::scenario::{self, Scenario};
use mwcheck_harness::target::Target;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKENS: &str = r#"{"batchcomplete":"","query":{"tokens":{"csrftoken":"+\\"}}}"#;
const USERINFO: &str =
    r#"{"batchcomplete":"","query":{"userinfo":{"id":0,"name":"127.0.0.1","anon":""}}}"#;
const MAXLAG: &str = r#"{"error":{"code":"maxlag","info":"Waiting for db1: 7 seconds lagged.","host":"db1","lag":7,"type":"db","*":"See api.php"}}"#;

/// The transport fixtures: `a-tokens` (meta=tokens) and `b-userinfo` (meta=userinfo).
fn fixtures() -> (Vec<Scenario>, RunOptions) {
    let root = crate::workspace().join("tests/fixtures/transport");
    let loaded = scenario::load_dir(&root.join("scenarios"), &root.join("schemas"))
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    (loaded, RunOptions::new(root.join("schemas")))
}

fn target(server: &MockServer) -> Target {
    let admin = mwcheck_harness::vars::Credentials {
        user: "Admin".into(),
        password: "Adminpass-12345".into(),
    };
    Target::url(&format!("{}/api.php", server.uri()), None, false, admin).unwrap()
}

/// Runs `a-tokens` alone with the options `configure` sets.
async fn run_tokens(server: &MockServer, configure: impl FnOnce(&mut RunOptions)) -> Outcome {
    let (loaded, mut options) = fixtures();
    configure(&mut options);
    let tokens = loaded.iter().filter(|s| s.id == "a-tokens");
    let mut outcomes = runner::run_all(tokens, &target(server), &options).await;
    assert_eq!(outcomes.len(), 1);
    outcomes.remove(0)
}

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

fn maxlag_answer(retry_after: &str) -> ResponseTemplate {
    json(MAXLAG)
        .insert_header("Retry-After", retry_after)
        .insert_header("X-Database-Lag", "7")
        .insert_header("MediaWiki-API-Error", "maxlag")
}

/// Answers the first `times` requests with `first`, the rest with the right tokens answer.
async fn server_declining(first: ResponseTemplate, times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .respond_with(json(TOKENS))
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

#[tokio::test]
async fn a_maxlag_answer_is_waited_out_and_sent_again() {
    let server = server_declining(maxlag_answer("1"), 1).await;
    let outcome = run_tokens(&server, |options| options.pacing.maxlag = Some(5)).await;
    assert_eq!(outcome.status, Status::Passed, "{outcome:#?}");
    let received = requests(&server).await;
    assert_eq!(received.len(), 2);
    for request in &received {
        let maxlag = request.url.query_pairs().find(|(name, _)| name == "maxlag");
        assert_eq!(maxlag.map(|(_, v)| v.into_owned()).as_deref(), Some("5"));
    }
    assert_eq!(
        outcome.retries,
        [Retry {
            step: 1,
            reason: "maxlag (database lag 7 s)".into(),
            waited: Duration::from_secs(1),
        }]
    );
    let console = mwcheck_harness::report::console(std::slice::from_ref(&outcome));
    assert!(
        console.contains(
            "ok       a-tokens\n  step 1: maxlag (database lag 7 s), retried after 1 s\n"
        ),
        "{console}"
    );
    let report = mwcheck_harness::report::json_report("t", std::slice::from_ref(&outcome));
    assert_eq!(
        report["scenarios"][0]["retries"],
        serde_json::json!([{"step": 1, "reason": "maxlag (database lag 7 s)", "waited_ms": 1000}])
    );
}

#[tokio::test]
async fn maxlag_is_not_sent_unless_asked() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("maxlag", "5"))
        .respond_with(maxlag_answer("0"))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(json(TOKENS))
        .mount(&server)
        .await;
    // The defaults of RunOptions (and of a loopback target): no maxlag.
    let outcome = run_tokens(&server, |_| {}).await;
    assert_eq!(outcome.status, Status::Passed, "{outcome:#?}");
    assert_eq!(requests(&server).await.len(), 1);
    assert!(outcome.retries.is_empty());
}

#[tokio::test]
async fn a_wiki_that_keeps_lagging_fails_the_step_after_the_bound() {
    let server = server_declining(maxlag_answer("0"), u64::MAX).await;
    let outcome = run_tokens(&server, |options| {
        options.pacing.maxlag = Some(5);
        options.pacing.max_retries = 2;
    })
    .await;
    let Status::Failed(message) = &outcome.status else {
        panic!("{outcome:#?}");
    };
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains(&format!(
            "step 1 \"fetch a csrf token\": still maxlag (database lag 7 s) from {}/api.php after 2 retries (--max-retries); gave up",
            server.uri()
        )),
        "{message}"
    );
    assert_eq!(requests(&server).await.len(), 3);
    assert_eq!(outcome.retries.len(), 2);
}

#[tokio::test]
async fn http_429_with_an_http_date_is_waited_out() {
    let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let server = server_declining(
        ResponseTemplate::new(429)
            .insert_header("Retry-After", later.as_str())
            .set_body_string("Too many requests"),
        1,
    )
    .await;
    let outcome = run_tokens(&server, |_| {}).await;
    assert_eq!(outcome.status, Status::Passed, "{outcome:#?}");
    assert_eq!(requests(&server).await.len(), 2);
    let [retry] = outcome.retries.as_slice() else {
        panic!("{:?}", outcome.retries);
    };
    assert_eq!(retry.reason, "HTTP 429 Too Many Requests");
    // The date has whole seconds: the wait asked for is at most the 2 s it named.
    assert!(retry.waited <= Duration::from_secs(2), "{retry:?}");
}

#[tokio::test]
async fn http_503_with_seconds_is_waited_out_even_for_a_post() {
    // A 503 means the request was not handled, so even a write is safe to send again.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(json(r#"{"validatepassword":{"validity":"Good"}}"#))
        .mount(&server)
        .await;
    let (_, options) = fixtures();
    let posted = scenario::parse::parse(
        "posted",
        "posted.yaml",
        "title: a post\ndocs: []\nlevel: must\nsteps:\n  - name: validate\n    post: {action: validatepassword, password: x, format: json}\n    expect:\n      json-subset: {validatepassword: {validity: Good}}\n",
        mwcheck_mock::MediaWikiVersion::V1_39,
    );
    let Ok(posted) = posted else {
        panic!("{posted:?}")
    };
    let outcomes = runner::run_all([&posted], &target(&server), &options).await;
    assert_eq!(outcomes[0].status, Status::Passed, "{outcomes:#?}");
    assert_eq!(requests(&server).await.len(), 2);
    assert_eq!(
        outcomes[0].retries[0].reason,
        "HTTP 503 Service Unavailable"
    );
}

#[tokio::test]
async fn without_retry_after_nothing_is_sent_again() {
    let server = server_declining(ResponseTemplate::new(503).set_body_string("down"), 1).await;
    let outcome = run_tokens(&server, |_| {}).await;
    let Status::Failed(message) = &outcome.status else {
        panic!("{outcome:#?}");
    };
    assert!(
        message.contains("expected HTTP status 200, got 503: down"),
        "{message}"
    );
    assert_eq!(requests(&server).await.len(), 1);
    assert!(outcome.retries.is_empty());
}

#[tokio::test]
async fn a_wait_longer_than_allowed_fails_the_step_at_once() {
    let server = server_declining(
        ResponseTemplate::new(429).insert_header("Retry-After", "3600"),
        1,
    )
    .await;
    let outcome = run_tokens(&server, |_| {}).await;
    let Status::Failed(message) = &outcome.status else {
        panic!("{outcome:#?}");
    };
    assert!(
        message.contains(&format!(
            "HTTP 429 Too Many Requests from {}/api.php: asked to wait 3600 s before retrying, more than the 60 s allowed (--max-retry-wait); gave up",
            server.uri()
        )),
        "{message}"
    );
    assert_eq!(requests(&server).await.len(), 1);
}

/// Answers like a wiki and notes when each request arrived.
struct Stamping(Arc<Mutex<Vec<Instant>>>);

impl Respond for Stamping {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.0.lock().unwrap().push(Instant::now());
        let tokens = request
            .url
            .query()
            .is_some_and(|q| q.contains("meta=tokens"));
        json(if tokens { TOKENS } else { USERINFO })
    }
}

#[tokio::test]
async fn the_pace_spaces_requests_across_all_jobs() {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(Stamping(arrivals.clone()))
        .mount(&server)
        .await;
    let (loaded, mut options) = fixtures();
    let pace = Duration::from_millis(150);
    options.jobs = 4;
    options.pacing.pace = Some(pace);
    // Each fixture three times: six requests, four jobs at once.
    let repeated = loaded.iter().cycle().take(6);
    let outcomes = runner::run_all(repeated, &target(&server), &options).await;
    assert!(outcomes.iter().all(|o| o.status == Status::Passed));
    let mut arrived = arrivals.lock().unwrap().clone();
    assert_eq!(arrived.len(), 6);
    arrived.sort();
    for pair in arrived.windows(2) {
        assert!(pair[1] - pair[0] >= pace, "{:?} apart", pair[1] - pair[0]);
    }
}
