//! Account creation throughput of the mock, with MediaWiki's password hashing cost (PBKDF2-SHA512,
//! 30000 rounds) and, for comparison, the test cost (1 round). Each account is one fresh client:
//! `meta=tokens&type=createaccount`, then `action=createaccount` (two requests), with several
//! clients at once. Prints accounts per second, the median of several timed runs.
//!
//! `cargo bench --bench createaccount` (scripts/bench.sh runs it with the others).

use mwcheck_mock::password_hash::{MEDIAWIKI_PBKDF2_ITERATIONS, TEST_PBKDF2_ITERATIONS};
use mwcheck_mock::{MockWiki, WikiConfig};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 4;
const RUNS: usize = 3;
const RUN_FOR: Duration = Duration::from_secs(5);

/// A response's body as JSON (`null` when it is not JSON).
async fn json(response: reqwest::Response) -> Result<serde_json::Value, reqwest::Error> {
    let body = response.bytes().await?;
    Ok(serde_json::from_slice(&body).unwrap_or_default())
}

/// Creates one account through a fresh session; whether the wiki said PASS.
async fn create_one(api: &str, name: &str) -> Result<bool, reqwest::Error> {
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let tokens = client
        .get(api)
        .query(&[
            ("action", "query"),
            ("meta", "tokens"),
            ("type", "createaccount"),
            ("format", "json"),
        ])
        .send()
        .await?;
    let tokens = json(tokens).await?;
    let token = tokens["query"]["tokens"]["createaccounttoken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let answer = client
        .post(api)
        .form(&[
            ("action", "createaccount"),
            ("format", "json"),
            ("createtoken", token.as_str()),
            ("username", name),
            ("password", "Bench-pass-12345"),
            ("retype", "Bench-pass-12345"),
            ("createreturnurl", "http://127.0.0.1/"),
        ])
        .send()
        .await?;
    let answer = json(answer).await?;
    Ok(answer["createaccount"]["status"] == "PASS")
}

/// Accounts per second over one run of `RUN_FOR` with `CLIENTS` clients.
async fn one_run(api: Arc<str>, run: usize) -> f64 {
    let created = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut clients = Vec::new();
    for client in 0..CLIENTS {
        let (api, created, failed) = (api.clone(), created.clone(), failed.clone());
        clients.push(tokio::spawn(async move {
            let mut n = 0;
            while started.elapsed() < RUN_FOR {
                n += 1;
                let name = format!("Bench r{run} c{client} n{n}");
                match create_one(&api, &name).await {
                    Ok(true) => created.fetch_add(1, Ordering::Relaxed),
                    _ => failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    for client in clients {
        client.await.expect("a client task ends");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let failed = failed.load(Ordering::Relaxed);
    assert_eq!(failed, 0, "{failed} creations did not PASS");
    created.load(Ordering::Relaxed) as f64 / elapsed
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

async fn measure(rounds: u32) {
    let config = WikiConfig {
        pbkdf2_iterations: rounds,
        ..WikiConfig::default()
    };
    let wiki = MockWiki::start(config).await.expect("the mock starts");
    let api: Arc<str> = wiki.api_url().into();
    let mut rates = Vec::new();
    for run in 0..RUNS {
        rates.push(one_run(api.clone(), run).await);
    }
    let each: Vec<String> = rates.iter().map(|r| format!("{r:.1}")).collect();
    println!(
        "createaccount, PBKDF2 {rounds} round(s): {:.1} accounts/s (median of {RUNS} runs of {} s, {CLIENTS} clients: {})",
        median(rates),
        RUN_FOR.as_secs(),
        each.join(", ")
    );
    wiki.shutdown().await;
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing else we need.
    if std::env::args().any(|arg| arg == "--list") {
        return;
    }
    measure(MEDIAWIKI_PBKDF2_ITERATIONS).await;
    measure(TEST_PBKDF2_ITERATIONS).await;
}
