//! The capability probe against wiremock targets (HTML, a minimal MediaWiki answer) and the
//! built-in mock served over HTTP (its siteinfo, in the default and the `captcha`
//! configurations, and the line `mwcheck run` prints), and the skips it causes.

use mwcheck_harness::capabilities::{self, Capabilities};
use mwcheck_harness::runner::http::HttpLimits;
use mwcheck_harness::runner::{self, RunOptions, Status};
use mwcheck_harness::scenario;
use mwcheck_harness::target::Target;
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
        mwcheck_harness::vars::Credentials {
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
    let mock = mwcheck_mock::MockWiki::start(mwcheck_mock::WikiConfig::default())
        .await
        .unwrap();
    let caps = capabilities::probe(&mock.api_url(), &HttpLimits::default())
        .await
        .unwrap();
    // Its siteinfo names the version; the skins it lists are no extensions.
    assert_eq!(caps.generator.as_deref(), Some("MediaWiki 1.43.12"));
    assert_eq!(caps.extensions, Some(Vec::new()));
    assert_eq!(caps.write_api, Some(true));
    assert_eq!(caps.email, Some(true));
    assert_eq!(
        caps.modules.as_deref().map(<[String]>::len),
        Some(capabilities::ACCOUNT_MODULES.len())
    );
    assert_eq!(
        caps.line(),
        "target: MediaWiki 1.43.12, no extensions; email on"
    );
    let known = Capabilities::from_config(mock.config());
    assert_eq!(known.email, caps.email);
    assert_eq!(known.extensions, caps.extensions);
    mock.shutdown().await;
}

/// The mock in the `captcha` configuration, served over HTTP.
async fn captcha_mock() -> mwcheck_mock::MockWiki {
    let mut config = mwcheck_mock::WikiConfig::named("captcha").unwrap();
    config.pbkdf2_iterations = 1;
    mwcheck_mock::MockWiki::start(config).await.unwrap()
}

const CAPTCHA_LINE: &str =
    "target: MediaWiki 1.43.12, extensions ConfirmEdit (QuestyCaptcha); email on";

#[tokio::test]
async fn a_mock_with_confirmedit_tells_its_captcha_type() {
    let mock = captcha_mock().await;
    let caps = capabilities::probe(&mock.api_url(), &HttpLimits::default())
        .await
        .unwrap();
    assert_eq!(
        caps.extensions,
        Some(vec!["ConfirmEdit".to_owned(), "QuestyCaptcha".to_owned()])
    );
    assert_eq!(caps.captcha.as_deref(), Some("QuestyCaptcha"));
    assert_eq!(caps.line(), CAPTCHA_LINE);
    // What the probe reads agrees with what the built-in target knows from the configuration.
    let known = Capabilities::from_config(mock.config());
    assert_eq!(
        (&known.extensions, &known.captcha),
        (&caps.extensions, &caps.captcha)
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn mwcheck_run_prints_the_probed_line_for_a_served_mock() {
    let mock = captcha_mock().await;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = [
        "run",
        "--target",
        &mock.api_url(),
        "--config",
        "captcha",
        "--filter",
        "configs/captcha/authmanagerinfo-create",
        "--scenarios",
        &root.join("scenarios").to_string_lossy(),
        "--schemas",
        &root.join("schemas").to_string_lossy(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mwcheck"))
            .args(&args)
            .env("CI", "1")
            .output()
            .expect("mwcheck runs")
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.lines().any(|line| line == CAPTCHA_LINE),
        "stderr: {stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("1 passed, 0 failed, 0 skipped"), "{stdout}");
    mock.shutdown().await;
}
