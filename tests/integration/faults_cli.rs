//! `mwcheck run` against a target that misbehaves in every way a transport can, end to end: each
//! faulty scenario fails its step with its own one-line message, the others still run, the run
//! exits 1 and every requested report file is written. And Ctrl-C: the run stops, exits 130 and
//! writes the reports of the scenarios that finished.

use super::fault_server::FaultServer;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn scenarios() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/faults/scenarios")
        .display()
        .to_string()
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("mwcheck-faults-{}-{name}", std::process::id()))
}

/// `mwcheck run` against `api` with the fault fixtures, no probe and no snapshots, plus `extra`.
fn run_command(api: &str, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mwcheck"));
    command
        .args(["run", "--target", api, "--scenarios", &scenarios()])
        .args(["--no-probe", "--no-snapshots", "--color", "never"])
        .args(extra);
    command
}

fn text(output: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("the JSON report is written");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn every_fault_fails_its_own_step_and_every_report_is_written() {
    let server = FaultServer::start("none").await;
    let api = server.api();
    let (json, junit, html) = (temp("report.json"), temp("junit.xml"), temp("report.html"));
    let mut command = run_command(&api, &["--timeout", "1", "--jobs", "3"]);
    command
        .arg("--report-json")
        .arg(&json)
        .arg("--report-junit")
        .arg(&junit)
        .arg("--report-html")
        .arg(&html);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let expected = [
        ("a-passes", None),
        (
            "endless-fast",
            Some("larger than 8388608 bytes (HTTP 200)".to_owned()),
        ),
        (
            "endless-slow",
            Some(format!(
                "no complete response from {api} within 1 s (request timeout; HTTP 200, "
            )),
        ),
        (
            "hangs",
            Some(format!(
                "no complete response from {api} within 1 s (request timeout)"
            )),
        ),
        ("html", Some("response is not JSON".to_owned())),
        (
            "reset-before-response",
            Some(format!(
                "the connection to {api} was reset by the peer before any response"
            )),
        ),
        (
            "reset-midway",
            Some(format!(
                "the connection to {api} was reset by the peer midway through the response (HTTP 200, "
            )),
        ),
        (
            "server-error",
            Some("expected HTTP status 200, got 500: Internal error".to_owned()),
        ),
        (
            "truncated",
            Some("response is not JSON (EOF while parsing".to_owned()),
        ),
    ];
    let report = read_json(&json);
    let listed = report["scenarios"].as_array().unwrap();
    assert_eq!(listed.len(), expected.len(), "{report:#}");
    for (entry, (id, needle)) in listed.iter().zip(&expected) {
        assert_eq!(entry["id"], *id);
        let Some(needle) = needle else {
            assert_eq!(entry["status"], "passed", "{entry:#}");
            continue;
        };
        assert_eq!(entry["status"], "failed", "{entry:#}");
        let message = entry["message"].as_str().unwrap();
        assert!(
            message.contains("step 1 \"ask for userinfo\": "),
            "{message}"
        );
        assert!(message.contains(needle.as_str()), "{id}: {message}");
        assert_eq!(entry["failure"]["step"], 1, "{entry:#}");
        let detail = entry["failure"]["message"].as_str().unwrap();
        assert_eq!(detail.lines().count(), 1, "{detail}");
        assert!(detail.contains(needle.as_str()), "{id}: {detail}");
    }
    assert_eq!(report["summary"]["passed"], 1);
    assert_eq!(report["summary"]["failed"], 8);
    assert_eq!(report["interrupted"], false);
    let junit = std::fs::read_to_string(&junit).expect("the JUnit report is written");
    assert_eq!(junit.matches("<failure ").count(), 8, "{junit}");
    assert!(
        junit.contains("reset by the peer before any response"),
        "{junit}"
    );
    let html = std::fs::read_to_string(&html).expect("the HTML report is written");
    assert!(html.contains("NOT CONFORMANT"), "{html}");
    assert!(html.contains("larger than 8388608 bytes"));
    let console = String::from_utf8_lossy(&output.stdout);
    assert!(
        console.contains("1 passed, 8 failed, 0 skipped"),
        "{console}"
    );
}

#[tokio::test]
async fn ctrl_c_stops_the_run_writes_what_finished_and_exits_130() {
    let mut server = FaultServer::start("none").await;
    let json = temp("interrupted.json");
    // One at a time, in id order: a-passes, then hangs (held open, well within the timeout),
    // then html, which never starts.
    let mut command = run_command(
        &server.api(),
        &["--jobs", "1", "--timeout", "600", "--filter", "a-passes"],
    );
    command
        .args(["--filter", "hangs", "--filter", "html", "--report-json"])
        .arg(&json)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = command.spawn().unwrap();
    // The hanging request arrives only once a-passes has finished.
    assert_eq!(server.arrived.recv().await.as_deref(), Some("none"));
    assert_eq!(server.arrived.recv().await.as_deref(), Some("hang"));
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let output = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", text(&output));
    let report = read_json(&json);
    assert_eq!(report["interrupted"], true, "{report:#}");
    assert_eq!(report["cancelled"], serde_json::json!(["hangs"]));
    assert_eq!(report["not_started"], 1);
    let listed = report["scenarios"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{report:#}");
    assert_eq!(listed[0]["id"], "a-passes");
    assert_eq!(listed[0]["status"], "passed");
    let console = String::from_utf8_lossy(&output.stdout);
    assert!(console.contains("ok       a-passes\n"), "{console}");
    assert!(
        console.contains(
            "INTERRUPTED (Ctrl-C): the report covers the 1 scenario that finished; \
             cancelled in flight: hangs; not started: 1"
        ),
        "{console}"
    );
    assert!(
        server.arrived.try_recv().is_err(),
        "html must not have started"
    );
}
