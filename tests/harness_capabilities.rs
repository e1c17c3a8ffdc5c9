//! The capability probe against wiremock targets (HTML, a minimal MediaWiki answer) and the
//! built-in mock, and the skips it causes.

use mwcheck::harness::capabilities::{self, Capabilities};
use mwcheck::harness::runner::http::HttpLimits;
use mwcheck::harness::runner::{self, RunOptions, Status};
use mwcheck::harness::scenario;
use mwcheck::harness::target::Target;
use serde_json::json;
use std::path::Path;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn an_html_target_fails_the_probe() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html><body>Hi</body></html>"))
        .mount(&server)
        .await;
    let api = format!("{}/api.php", server.uri());
    let err = capabilities::probe(&api, &HttpLimits::default())
        .await
        .unwrap_err();
    assert!(err.contains("not a MediaWiki API"), "{err}");
    assert!(err.contains("<html>"), "{err}");
}

/// A wiki answering a minimal siteinfo, an authmanagerinfo without email, and a paraminfo
/// without createaccount.
async fn minimal_wiki() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .and(query_param("action", "query"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "batchcomplete": true,
            "query": {"general": {"generator": "MediaWiki 1.40.0", "writeapi": true},
                      "extensions": [{"type": "other", "name": "OATHAuth"}],
                      "authmanagerinfo": {"requests": [{"fields": {"username": {}}}]}}})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .and(query_param("action", "paraminfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "paraminfo": {"modules": [{"name": "login"}, {"name": "validatepassword"}]}})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_minimal_wiki_is_described_and_scenarios_skip_what_it_lacks() {
    let server = minimal_wiki().await;
    let api = format!("{}/api.php", server.uri());
    let caps = capabilities::probe(&api, &HttpLimits::default())
        .await
        .unwrap();
    assert_eq!(
        caps.line(),
        "target: MediaWiki 1.40.0, extensions OATHAuth; email off; \
         no createaccount, resetpassword, clientlogin, logout"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = scenario::load_dir(&root.join("scenarios"), &root.join("schemas"))
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    let picked: Vec<_> = loaded
        .iter()
        .filter(|s| s.config == "default" && s.module() == "createaccount")
        .take(3)
        .collect();
    assert!(!picked.is_empty());
    let mut target = Target::url(
        &api,
        None,
        false,
        mwcheck::harness::vars::Credentials {
            user: "Admin".into(),
            password: "x".into(),
        },
    )
    .unwrap();
    target.capabilities = Some(caps);
    let options = RunOptions::new(root.join("schemas"));
    let outcomes = runner::run_all(picked, &target, &options).await;
    for outcome in &outcomes {
        assert_eq!(
            outcome.status,
            Status::Skipped(
                "needs the `createaccount` module; the target's paraminfo does not list it".into()
            ),
            "{}",
            outcome.id
        );
    }
}

#[tokio::test]
async fn the_mock_served_over_http_is_probed_like_any_wiki() {
    let mock = mwcheck::mock::MockWiki::start(mwcheck::mock::WikiConfig::default())
        .await
        .unwrap();
    let caps = capabilities::probe(&mock.api_url(), &HttpLimits::default())
        .await
        .unwrap();
    // The mock serves no siteinfo; what authmanagerinfo and paraminfo tell is still read.
    assert_eq!(caps.generator, None);
    assert_eq!(caps.email, Some(true));
    assert_eq!(
        caps.modules.as_deref().map(<[String]>::len),
        Some(capabilities::ACCOUNT_MODULES.len())
    );
    let known = Capabilities::from_config(mock.config());
    assert_eq!(known.email, caps.email);
    mock.shutdown().await;
}
