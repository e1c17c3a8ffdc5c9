//! The write gate decides by the request, not by the scenario's word: against a permissive fake
//! wiki reached at an address that is not loopback by its looks (0.0.0.0 reaches a loopback
//! listener on Linux), a scenario whose request would create an account is skipped, and nothing is
//! sent, unless `--allow-writes`; a scenario that does not declare `writes` is skipped all the same
//! (library use, where no file check ran) and refused by lint (file:line:col); the project's
//! scenarios that expect a refusal of a real write are listed as skipped by a dry run.

use super::common;

use common::{mwcheck, output_text as text, strings};
use mwcheck_harness::runner::{self, RunOptions, Status};
use mwcheck_harness::scenario;
use mwcheck_harness::target::Target;
use mwcheck_mock::MediaWikiVersion;
use std::path::PathBuf;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A wiki that accepts everything: every request creates the account.
async fn permissive_wiki() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"createaccount":{"status":"PASS","username":"Anyone"}}"#),
        )
        .mount(&server)
        .await;
    server
}

/// The fake's api.php at 0.0.0.0: it answers, but the harness cannot tell it is this machine.
fn unspecified_api(server: &MockServer) -> String {
    format!("http://0.0.0.0:{}/api.php", server.address().port())
}

fn run_args(api: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = strings(&[
        "run",
        "--target",
        api,
        "--no-probe",
        "--mediawiki-version",
        "1.43",
        "--no-snapshots",
        "--scenarios",
        "tests/fixtures/writes/scenarios",
        "--schemas",
        "schemas",
    ]);
    args.extend(strings(extra));
    args
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_reaches_a_non_loopback_wiki_only_with_allow_writes() {
    let wiki = permissive_wiki().await;
    let api = unspecified_api(&wiki);
    let out = mwcheck(run_args(&api, &[])).await;
    let shown = text(&out);
    assert!(
        shown.contains("skipped  creates (needs writes: the target is not on loopback"),
        "{shown}"
    );
    assert!(
        wiki.received_requests().await.unwrap().is_empty(),
        "nothing may be sent"
    );

    let out = mwcheck(run_args(&api, &["--allow-writes"])).await;
    let shown = text(&out);
    assert!(shown.contains("ok       creates"), "{shown}");
    let sent = wiki.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        String::from_utf8_lossy(&sent[0].body).contains("action=createaccount"),
        "{sent:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_undeclared_write_is_skipped_whatever_the_scenario_says() {
    // Library use: a scenario parsed without the file checks, declaring nothing.
    let source = std::fs::read_to_string(
        root().join("tests/fixtures/lint/undeclared-write/scenarios/undeclared.yaml"),
    )
    .unwrap();
    let undeclared = scenario::parse::parse(
        "undeclared",
        "undeclared.yaml",
        &source,
        MediaWikiVersion::V1_43,
    )
    .expect("it parses");
    assert!(undeclared.requires.is_empty());
    let wiki = permissive_wiki().await;
    let target = Target::url(
        &unspecified_api(&wiki),
        None,
        false,
        mwcheck_harness::vars::Credentials {
            user: "Admin".into(),
            password: "x".into(),
        },
    )
    .unwrap();
    let outcomes = runner::run_all(
        [&undeclared],
        &target,
        &RunOptions::new(root().join("schemas")),
    )
    .await;
    let Status::Skipped(reason) = &outcomes[0].status else {
        panic!("an undeclared write was not skipped: {:?}", outcomes[0]);
    };
    assert!(
        reason.starts_with(
            "step 2 sends action=createaccount: needs writes: the target is not on loopback"
        ),
        "{reason}"
    );
    assert!(wiki.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn lint_refuses_a_write_the_scenario_does_not_declare() {
    let out = mwcheck(strings(&[
        "lint",
        "--scenarios",
        "tests/fixtures/lint/undeclared-write/scenarios",
        "--schemas",
        "schemas",
    ]))
    .await;
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains(
            "undeclared.yaml:9:5: error: step 2 sends action=createaccount, which can change a wiki: add `writes` to `requires`"
        ),
        "{shown}"
    );
}

#[tokio::test]
async fn the_scenarios_that_expect_a_refusal_are_writes_too() {
    // A dry run sends nothing; a reserved documentation address stands for a live wiki.
    let out = mwcheck(strings(&[
        "run",
        "--target",
        "http://192.0.2.1/api.php",
        "--mediawiki-version",
        "1.43",
        "--dry-run",
        "--filter",
        "createaccount",
    ]))
    .await;
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    for id in [
        "createaccount/error/badtoken",
        "createaccount/error/mustpostparams",
        "createaccount/fail/password-policy",
        "createaccount/fail/invaliduser",
        "createaccount/fail/no-primary",
    ] {
        let line = shown
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id} not listed: {shown}"));
        assert!(line.starts_with("skip"), "{line}");
        assert!(line.contains("needs writes"), "{line}");
    }
    assert!(!shown.lines().any(|l| l.starts_with("run ")), "{shown}");
}
