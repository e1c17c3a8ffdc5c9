//! The mock's memory with 1,000,000 accounts: the process's resident memory before, and its peak
//! after importing them (each with its own copy of a password hash at MediaWiki's cost, as a
//! `user` table would hold), then the time of a clientlogin as the last one and as the first
//! (lookups must not grow with the table). Linux only (reads /proc/self/status).
//!
//! `cargo bench --bench accounts_memory` (scripts/bench.sh runs it with the others).

use mwcheck_mock::password_hash::PasswordHasher;
use mwcheck_mock::{ImportedAccount, MockWiki, WikiConfig};
use std::time::{Duration, Instant};

const ACCOUNTS: usize = 1_000_000;
const PASSWORD: &str = "Bench-pass-12345";

/// A line of /proc/self/status (e.g. `VmRSS`), in MiB.
fn status_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// A response's body as JSON (`null` when it is not JSON).
async fn json(response: reqwest::Response) -> serde_json::Value {
    let body = response.bytes().await.expect("a response body");
    serde_json::from_slice(&body).unwrap_or_default()
}

/// The median time of a full clientlogin (login token, then the login) as `user`.
async fn login_time(api: &str, user: &str) -> Duration {
    let mut times = Vec::new();
    for _ in 0..5 {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("a client");
        let started = Instant::now();
        let tokens = client
            .get(api)
            .query(&[
                ("action", "query"),
                ("meta", "tokens"),
                ("type", "login"),
                ("format", "json"),
            ])
            .send()
            .await;
        let tokens = json(tokens.expect("token request")).await;
        let token = tokens["query"]["tokens"]["logintoken"]
            .as_str()
            .unwrap_or_default();
        let answer = client
            .post(api)
            .form(&[
                ("action", "clientlogin"),
                ("format", "json"),
                ("logintoken", token),
                ("username", user),
                ("password", PASSWORD),
                ("loginreturnurl", "http://127.0.0.1/"),
            ])
            .send()
            .await;
        let answer = json(answer.expect("login request")).await;
        times.push(started.elapsed());
        assert_eq!(answer["clientlogin"]["status"], "PASS", "{answer}");
    }
    times.sort();
    times[times.len() / 2]
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|arg| arg == "--list") {
        return;
    }
    let wiki = MockWiki::start(WikiConfig::default())
        .await
        .expect("the mock starts");
    let api = wiki.api_url();
    let before = status_mib("VmRSS");
    let hash = PasswordHasher::default().hash(PASSWORD);
    let started = Instant::now();
    let added = wiki.import_accounts((1..=ACCOUNTS).map(|n| ImportedAccount {
        name: format!("Bench user {n}"),
        password_hash: hash.clone(),
        email: format!("bench{n}@example.org"),
    }));
    let import = started.elapsed();
    assert_eq!(added, ACCOUNTS);
    let peak = status_mib("VmHWM");
    let after = status_mib("VmRSS");
    let last = login_time(&api, &format!("Bench user {ACCOUNTS}")).await;
    let first = login_time(&api, "Bench user 1").await;
    println!(
        "1,000,000 accounts: resident {before:.1} MiB before, {after:.1} MiB after, peak {peak:.1} MiB \
         ({:.0} bytes an account); imported in {:.2} s",
        (after - before) * 1024.0 * 1024.0 / ACCOUNTS as f64,
        import.as_secs_f64()
    );
    println!(
        "clientlogin with 1,000,000 accounts (median of 5, PBKDF2 30000 rounds): as the last {:.1} ms, as the first {:.1} ms",
        last.as_secs_f64() * 1000.0,
        first.as_secs_f64() * 1000.0
    );
    wiki.shutdown().await;
}
