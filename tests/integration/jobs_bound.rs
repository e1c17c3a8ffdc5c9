//! `mwcheck run --jobs N` keeps at most N scenarios in flight: a counting target holds each
//! request until N + 1 are in flight (which a working bound never allows) or 2 s pass, and
//! records the peak; a run of six one-GET scenarios must reach N at once and never more.

use axum::extract::State;
use axum::routing::get;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::watch;

/// The counting target's shared state.
struct Counter {
    /// Requests in flight now (published so held requests see arrivals).
    in_flight: watch::Sender<usize>,
    /// The most requests ever in flight at once.
    peak: AtomicUsize,
    /// Requests answered.
    answered: AtomicUsize,
    /// How many in flight releases a held request early (one more than --jobs allows).
    release_at: usize,
}

async fn held(State(counter): State<Arc<Counter>>) -> ([(&'static str, &'static str); 1], String) {
    let mut now = 0;
    counter.in_flight.send_modify(|n| {
        *n += 1;
        now = *n;
    });
    counter.peak.fetch_max(now, Ordering::SeqCst);
    let mut seen = counter.in_flight.subscribe();
    let release_at = counter.release_at;
    let _ = tokio::time::timeout(Duration::from_secs(2), seen.wait_for(|n| *n >= release_at)).await;
    counter.in_flight.send_modify(|n| *n -= 1);
    counter.answered.fetch_add(1, Ordering::SeqCst);
    (
        [("content-type", "application/json")],
        r#"{"held":true}"#.to_owned(),
    )
}

/// Runs the six fixture scenarios with `--jobs jobs` against a target that holds each request
/// until `jobs + 1` are in flight or 2 s pass; returns the peak and the count answered, and the run's exit status and stdout.
async fn run_with_jobs(jobs: usize) -> (usize, usize, std::process::Output) {
    let (in_flight, _) = watch::channel(0usize);
    let counter = Arc::new(Counter {
        in_flight,
        peak: AtomicUsize::new(0),
        answered: AtomicUsize::new(0),
        release_at: jobs + 1,
    });
    let app = axum::Router::new()
        .route("/api.php", get(held))
        .with_state(counter.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let scenarios =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jobs/scenarios");
    let args: Vec<String> = vec![
        "run".into(),
        "--target".into(),
        format!("http://{address}/api.php"),
        "--no-probe".into(),
        "--no-snapshots".into(),
        "--jobs".into(),
        jobs.to_string(),
        "--scenarios".into(),
        scenarios.display().to_string(),
    ];
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mwcheck"))
            .args(&args)
            .output()
            .expect("mwcheck runs")
    })
    .await
    .unwrap();
    server.abort();
    (
        counter.peak.load(Ordering::SeqCst),
        counter.answered.load(Ordering::SeqCst),
        output,
    )
}

async fn assert_bound(jobs: usize) {
    let (peak, answered, output) = run_with_jobs(jobs).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "the six scenarios pass:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(answered, 6, "one request per scenario:\n{stdout}");
    assert!(
        peak <= jobs,
        "--jobs {jobs} let {peak} requests be in flight at once"
    );
    assert_eq!(
        peak, jobs,
        "--jobs {jobs} never ran {jobs} scenarios at once (peak {peak})"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_2_keeps_two_scenarios_in_flight_and_never_more() {
    assert_bound(2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_3_keeps_three_scenarios_in_flight_and_never_more() {
    assert_bound(3).await;
}
