//! Targets that misbehave (HTML, HTTP 500, truncated JSON, a hang past the timeout, a connection
//! closed mid-response or reset before or midway through the response, an endless body fast or
//! slow, a closed port): each fails its step with a clear one-line message, and the run goes on
//! to the next scenario.

use super::fault_server;

use mwcheck_harness::runner::{self, Outcome, RunOptions, Status};
use mwcheck_harness::scenario::{self, Scenario};
use mwcheck_harness::target::Target;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn scenarios() -> (Vec<Scenario>, RunOptions) {
    let root = crate::workspace().join("tests/fixtures/transport");
    let loaded = scenario::load_dir(&root.join("scenarios"), &root.join("schemas"))
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    let mut options = RunOptions::new(root.join("schemas"));
    options.http.connect_timeout = Duration::from_millis(500);
    options.http.request_timeout = Duration::from_millis(500);
    (loaded, options)
}

async fn run_against(api: &str) -> Vec<Outcome> {
    run_with(api, |_| {}).await
}

/// Runs the fixtures against `api` with the test's options as `configure` changes them.
async fn run_with(api: &str, configure: impl FnOnce(&mut RunOptions)) -> Vec<Outcome> {
    let (loaded, mut options) = scenarios();
    configure(&mut options);
    let target = Target::url(
        api,
        None,
        false,
        mwcheck_harness::vars::Credentials {
            user: "Admin".into(),
            password: "Adminpass-12345".into(),
        },
    )
    .unwrap();
    runner::run_all(&loaded, &target, &options).await
}

/// Both scenarios ran and failed, each with a one-line message containing `needle`.
fn assert_both_failed_with(outcomes: &[Outcome], needle: &str) {
    assert_eq!(outcomes.len(), 2, "{outcomes:#?}");
    for outcome in outcomes {
        let Status::Failed(message) = &outcome.status else {
            panic!("{} did not fail: {:?}", outcome.id, outcome.status);
        };
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(message.contains("step 1"), "{message}");
        assert!(message.contains(needle), "{message}");
    }
}

async fn server_answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn html_answer() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_raw("<!DOCTYPE html><html>Maintenance</html>", "text/html"),
    )
    .await;
    let outcomes = run_against(&format!("{}/api.php", server.uri())).await;
    assert_both_failed_with(&outcomes, "response is not JSON");
    let Status::Failed(message) = &outcomes[0].status else {
        unreachable!()
    };
    assert!(message.contains("Content-Type: text/html"), "{message}");
    assert!(
        message.contains("<!DOCTYPE html><html>Maintenance"),
        "{message}"
    );
}

#[tokio::test]
async fn server_error() {
    let server =
        server_answering(ResponseTemplate::new(500).set_body_string("Internal error")).await;
    let outcomes = run_against(&format!("{}/api.php", server.uri())).await;
    assert_both_failed_with(
        &outcomes,
        "expected HTTP status 200, got 500: Internal error",
    );
}

#[tokio::test]
async fn truncated_json() {
    let server = server_answering(ResponseTemplate::new(200).set_body_raw(
        "{\"batchcomplete\":\"\",\"query\":{\"tok",
        "application/json",
    ))
    .await;
    let outcomes = run_against(&format!("{}/api.php", server.uri())).await;
    assert_both_failed_with(&outcomes, "response is not JSON (EOF while parsing");
}

#[tokio::test]
async fn hang_past_the_timeout() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_string("{}")
            .set_delay(Duration::from_secs(10)),
    )
    .await;
    // The message says the request timeout (0.5 s) ended it, not the server's 10-second delay.
    let outcomes = run_against(&format!("{}/api.php", server.uri())).await;
    assert_both_failed_with(&outcomes, "within 0.5 s (request timeout)");
}

#[tokio::test]
async fn connection_closed_mid_response() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = tokio::io::AsyncReadExt::read(&mut socket, &mut request).await;
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"batch";
            let _ = socket.write_all(head.as_bytes()).await;
            drop(socket);
        }
    });
    let outcomes = run_against(&format!("http://{addr}/api.php")).await;
    assert_both_failed_with(&outcomes, "broke before the response was complete");
}

#[tokio::test]
async fn closed_port() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let outcomes = run_against(&format!("http://{addr}/api.php")).await;
    assert_both_failed_with(
        &outcomes,
        &format!("cannot connect to http://{addr}/api.php"),
    );
}

#[tokio::test]
async fn a_right_answer_passes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .and(wiremock::matchers::query_param("meta", "tokens"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"batchcomplete":"","query":{"tokens":{"csrftoken":"+\\"}}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .and(wiremock::matchers::query_param("meta", "userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"batchcomplete":"","query":{"userinfo":{"id":0,"name":"127.0.0.1","anon":""}}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let outcomes = run_against(&format!("{}/api.php", server.uri())).await;
    assert!(
        outcomes.iter().all(|o| o.status == Status::Passed),
        "{outcomes:#?}"
    );
}

#[tokio::test]
async fn reset_before_any_response() {
    let server = fault_server::FaultServer::start("reset-before-response").await;
    let outcomes = run_against(&server.api()).await;
    assert_both_failed_with(
        &outcomes,
        &format!(
            "the connection to {} was reset by the peer before any response",
            server.api()
        ),
    );
}

#[tokio::test]
async fn reset_midway_through_the_body() {
    let server = fault_server::FaultServer::start("reset-midway").await;
    let outcomes = run_against(&server.api()).await;
    assert_both_failed_with(
        &outcomes,
        "was reset by the peer midway through the response (HTTP 200, ",
    );
}

#[tokio::test]
async fn an_endless_fast_body_hits_the_size_cap() {
    let server = fault_server::FaultServer::start("endless-fast").await;
    let outcomes = run_with(&server.api(), |options| {
        options.http.max_body_bytes = 1 << 20;
        // Generous: the cap, not the deadline, must end this.
        options.http.request_timeout = Duration::from_secs(300);
    })
    .await;
    assert_both_failed_with(
        &outcomes,
        &format!(
            "response body from {} larger than 1048576 bytes (HTTP 200); gave up reading it",
            server.api()
        ),
    );
}

#[tokio::test]
async fn an_endless_slow_body_hits_the_request_deadline() {
    // A byte every 50 ms: no single read waits long, only the whole-request deadline ends it.
    let server = fault_server::FaultServer::start("endless-slow").await;
    let outcomes = run_against(&server.api()).await;
    assert_both_failed_with(&outcomes, "within 0.5 s (request timeout; HTTP 200, ");
    let Status::Failed(message) = &outcomes[0].status else {
        unreachable!()
    };
    assert!(message.contains("of body came)"), "{message}");
}
