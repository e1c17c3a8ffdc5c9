//! A check on a served wiki, shared by the mock's connection tests and the CLI's `serve` test
//! (tests/integration/serve_cli.rs includes this file).

use std::time::Duration;

/// Whether the wiki at `api` answers a login-token request within 20 s (a client that talks is
/// still served, whatever other connections hold).
pub async fn answered(api: &str) -> bool {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let url = format!("{api}?action=query&meta=tokens&type=login&format=json");
    match client.get(url).send().await {
        Ok(resp) => resp
            .text()
            .await
            .is_ok_and(|text| text.contains("logintoken")),
        Err(_) => false,
    }
}
