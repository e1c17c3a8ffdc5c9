//! The `mwcheck` binary end to end: exit codes (0 nothing failed, 1 a failure, 2 usage or file
//! errors), the console format and closing line, the JSON report's shape, and redaction of
//! passwords, secrets and tokens in both.

use std::path::{Path, PathBuf};
use std::process::Output;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "0123456789abcdef0123456789abcdef6a1b2c3d+\\";

fn fixture(suite: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(suite)
        .join("scenarios")
}

async fn mwcheck(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mwcheck"))
            .args(&args)
            .output()
            .expect("mwcheck runs")
    })
    .await
    .unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A wiki that answers tokens and userinfo like MediaWiki, and anything else with `{"echo":"wrong"}`.
async fn small_wiki() -> MockServer {
    let server = MockServer::start().await;
    let answers = [
        (
            "tokens",
            format!(
                r#"{{"batchcomplete":"","query":{{"tokens":{{"csrftoken":{}}}}}}}"#,
                serde_json::to_string(TOKEN).unwrap()
            ),
        ),
        (
            "userinfo",
            r#"{"batchcomplete":"","query":{"userinfo":{"id":0,"name":"127.0.0.1","anon":""}}}"#
                .to_owned(),
        ),
    ];
    for (meta, body) in answers {
        Mock::given(method("GET"))
            .and(path("/api.php"))
            .and(query_param("meta", meta))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
    }
    // The capability probe (siteinfo with authmanagerinfo, then paraminfo).
    for (param, value, body) in [
        (
            "meta",
            "siteinfo|authmanagerinfo",
            r#"{"batchcomplete":true,"query":{}}"#,
        ),
        ("action", "paraminfo", r#"{"paraminfo":{"modules":[]}}"#),
    ] {
        Mock::given(method("GET"))
            .and(path("/api.php"))
            .and(query_param(param, value))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/api.php"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"echo":"wrong"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn passing_run_exits_0_with_the_closing_line() {
    let server = small_wiki().await;
    let api = format!("{}/api.php", server.uri());
    let scenarios = fixture("transport").display().to_string();
    let out = mwcheck(args(&["run", "--target", &api, "--scenarios", &scenarios])).await;
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "ok       a-tokens\nok       b-userinfo\n2 passed, 0 failed, 0 skipped\n\
         main   must 2/2   should -   may -\n\
         CONFORMANT: every must scenario that ran passed (2/2)\n"
    );
}

#[tokio::test]
async fn filters_select_scenarios() {
    let server = small_wiki().await;
    let api = format!("{}/api.php", server.uri());
    let scenarios = fixture("transport").display().to_string();
    let out = mwcheck(args(&[
        "run",
        "--target",
        &api,
        "--scenarios",
        &scenarios,
        "--filter",
        "b-*",
    ]))
    .await;
    assert_eq!(
        stdout(&out),
        "ok       b-userinfo\n1 passed, 0 failed, 0 skipped\n\
         main   must 1/1   should -   may -\n\
         CONFORMANT: every must scenario that ran passed (1/1)\n"
    );
    let out = mwcheck(args(&[
        "run",
        "--target",
        &api,
        "--scenarios",
        &scenarios,
        "--filter",
        "zzz",
    ]))
    .await;
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test]
async fn failing_run_exits_1_and_redacts_secrets_everywhere() {
    let server = small_wiki().await;
    let api = format!("{}/api.php", server.uri());
    let scenarios = fixture("secrets").display().to_string();
    let report = std::env::temp_dir().join(format!("mwcheck-report-{}.json", std::process::id()));
    let out = mwcheck(args(&[
        "run",
        "--target",
        &api,
        "--scenarios",
        &scenarios,
        "--report-json",
        &report.display().to_string(),
    ]))
    .await;
    assert_eq!(out.status.code(), Some(1));
    let console = stdout(&out);
    let report_text = std::fs::read_to_string(&report).unwrap();
    std::fs::remove_file(&report).unwrap();
    let password = regex::Regex::new("Pw-[0-9a-f]{16}-x").unwrap();
    for text in [&console, &report_text] {
        assert!(!password.is_match(text), "{text}");
        assert!(!text.contains("Sekrit-Value-42"), "{text}");
        assert!(!text.contains("0123456789abcdef"), "{text}");
        assert!(text.contains("[redacted] [redacted] [redacted]"), "{text}");
    }
    assert!(console.starts_with("FAILED   leak\n  "), "{console}");
    assert!(
        console.contains("leak.yaml:16: step 2 \"send the secrets\": body differs at /echo"),
        "{console}"
    );
    assert!(
        console.contains("\n0 passed, 1 failed, 0 skipped\n"),
        "{console}"
    );

    let report: serde_json::Value = serde_json::from_str(&report_text).unwrap();
    let keys: Vec<&String> = report.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "target",
            "summary",
            "scenarios",
            "modules",
            "verdict",
            "capabilities",
            "interrupted"
        ]
    );
    assert_eq!(report["capabilities"]["email"], serde_json::Value::Null);
    assert_eq!(report["target"], api.as_str());
    assert_eq!(
        report["summary"],
        serde_json::json!({"passed": 0, "failed": 1, "skipped": 0,
            "expected_failures": 0, "unexpected_passes": 0})
    );
    assert_eq!(report["scenarios"][0]["id"], "leak");
    assert_eq!(report["scenarios"][0]["status"], "failed");
    assert!(
        report["scenarios"][0]["message"]
            .as_str()
            .unwrap()
            .contains("--- expected")
    );
    // The structured detail of the failed step (its secrets already checked absent above).
    let failure = &report["scenarios"][0]["failure"];
    assert_eq!(failure["step"], 2);
    assert_eq!(failure["step_name"], "send the secrets");
    assert_eq!(failure["line"], 16);
    assert!(
        failure["message"]
            .as_str()
            .unwrap()
            .starts_with("body differs at /echo"),
        "{failure}"
    );
    assert_eq!(failure["request"]["method"], "POST");
    assert_eq!(failure["actual"]["status"], 200);
    assert!(
        failure["diff"]
            .as_str()
            .unwrap()
            .starts_with("--- expected\n+++ actual"),
        "{failure}"
    );
}

#[tokio::test]
async fn non_loopback_targets_skip_writes_unless_allowed() {
    let scenarios = fixture("real").display().to_string();
    // A reserved documentation address: nothing is sent because `tokens/createaccount` is filtered
    // out and the rest are skipped before any request.
    let report = std::env::temp_dir().join(format!("mwcheck-skip-{}.json", std::process::id()));
    let out = mwcheck(args(&[
        "run",
        "--target",
        "http://192.0.2.1/api.php",
        "--no-probe",
        "--scenarios",
        &scenarios,
        "--filter",
        "createaccount/*",
        "--filter",
        "resetpassword/*",
        "--report-json",
        &report.display().to_string(),
    ]))
    .await;
    let console = stdout(&out);
    // Nothing ran, so the gate fails: no verdict is no pass.
    assert_eq!(out.status.code(), Some(1), "{console}");
    assert!(
        console.starts_with(
            "skipped  createaccount/userexists (needs writes: the target is not on loopback"
        ),
        "{console}"
    );
    assert!(
        console.contains("skipped  resetpassword/by-username (needs writes"),
        "{console}"
    );
    assert!(
        console.contains("\n0 passed, 0 failed, 2 skipped\n")
            && console
                .ends_with(
                    "\nNO VERDICT: no must scenario ran (2 skipped: 2 needs writes)\n\
                     NO VERDICT fails the run: no must scenario ran (pass --allow-no-verdict when that is expected)\n"
                ),
        "{console}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    std::fs::remove_file(
        std::env::temp_dir().join(format!("mwcheck-skip-{}.json", std::process::id())),
    )
    .unwrap();
    assert_eq!(report["scenarios"][1]["status"], "skipped");

    // Told that this is expected, the same run passes.
    let out = mwcheck(args(&[
        "run",
        "--target",
        "http://192.0.2.1/api.php",
        "--no-probe",
        "--scenarios",
        &scenarios,
        "--filter",
        "createaccount/*",
        "--allow-no-verdict",
    ]))
    .await;
    let console = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{console}");
    assert!(!console.contains("fails the run"), "{console}");
}

#[tokio::test]
async fn file_errors_exit_2_and_send_nothing() {
    let server = MockServer::start().await;
    let api = format!("{}/api.php", server.uri());
    for suite in [
        "bad/syntax",
        "bad/unknown-key",
        "bad/wrong-type",
        "bad/undefined-var",
        "bad/missing-schema",
    ] {
        let scenarios = fixture(suite).display().to_string();
        let out = mwcheck(args(&["run", "--target", &api, "--scenarios", &scenarios])).await;
        assert_eq!(out.status.code(), Some(2), "{suite}");
        let errors = String::from_utf8_lossy(&out.stderr);
        assert!(
            errors.contains(".yaml:") && errors.contains(" | "),
            "{errors}"
        );
        assert!(errors.contains("nothing was sent"), "{errors}");
        assert!(out.stdout.is_empty());
    }
    assert!(
        server
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty()
    );
}

#[tokio::test]
async fn usage_errors_exit_2() {
    for bad in [
        args(&["run", "--jobs", "0"]),
        args(&["run", "--outbox", "/tmp/x.jsonl"]),
        args(&["frobnicate"]),
        args(&["run", "--admin-user", "Someone"]),
        args(&[
            "run",
            "--target",
            "ftp://example.org/api.php",
            "--scenarios",
            &fixture("real").display().to_string(),
        ]),
    ] {
        let out = mwcheck(bad.clone()).await;
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    let out = mwcheck(args(&["run", "--help"])).await;
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Examples:"));
}

#[tokio::test]
async fn list_shows_id_level_config_title_requires() {
    let scenarios = fixture("real").display().to_string();
    let out = mwcheck(args(&["list", "--scenarios", &scenarios])).await;
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let first: Vec<&str> = lines[0].split_whitespace().take(5).collect();
    assert_eq!(
        first,
        [
            "createaccount/userexists",
            "must",
            "default",
            "Creating",
            "an"
        ],
        "{text}"
    );
    assert!(lines[1].ends_with("[requires writes, outbox]"), "{text}");
}
