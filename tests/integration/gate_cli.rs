//! `mwcheck run` as a CI gate, end to end: against a non-conformant target (the built-in mock in
//! its `readonly` configuration, run as if it were `default`) the run exits 1 and says NOT
//! CONFORMANT; an expectations file listing exactly its failures turns it green (xfail, exit 0,
//! verdict still honest); listing a passing scenario too gives an XPASS and exit 1. Also the dry
//! run, `--level`, `--write-expectations` and the expectations file's own errors.

use mwcheck_mock::{MockWiki, WikiConfig};
use std::path::{Path, PathBuf};
use std::process::Output;

const FAILING: [&str; 2] = ["createaccount/fail/userexists", "createaccount/pass/basic"];
const PASSING: &str = "tokens/all-types";

fn scenarios() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .display()
        .to_string()
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

fn text(output: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("mwcheck-gate-{}-{name}", std::process::id()))
}

/// The run's arguments against `api` with the test's selection, plus `extra`.
fn run_args(api: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "run",
        "--target",
        api,
        "--config",
        "default",
        "--no-snapshots",
        "--scenarios",
        &scenarios(),
        "--filter",
        FAILING[0],
        "--filter",
        FAILING[1],
        "--filter",
        PASSING,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

fn entries(ids: &[&str]) -> String {
    let mut file = String::from("expected-failures:\n");
    for id in ids {
        file.push_str(&format!(
            "  - scenario: {id}\n    reason: T100 the wiki is read-only\n"
        ));
    }
    file
}

#[tokio::test]
async fn a_non_conformant_target_fails_and_expectations_turn_it_green() {
    let mock = MockWiki::start(WikiConfig::named("readonly").unwrap())
        .await
        .unwrap();
    let api = mock.api_url();

    // 1. Without expectations: the must failures fail the run.
    let report = temp("report.json");
    let out = mwcheck(run_args(
        &api,
        &["--report-json", &report.display().to_string()],
    ))
    .await;
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    for id in FAILING {
        assert!(shown.contains(&format!("FAILED   {id}\n")), "{shown}");
    }
    assert!(shown.contains(&format!("ok       {PASSING}\n")), "{shown}");
    assert!(shown.contains("1 passed, 2 failed, 0 skipped\n"), "{shown}");
    assert!(shown.contains("createaccount   must 0/2"), "{shown}");
    assert!(shown.contains("tokens          must 1/1"), "{shown}");
    assert!(
        shown.contains("NOT CONFORMANT: 2 must scenarios failed (1/3 passed): "),
        "{shown}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    std::fs::remove_file(&report).unwrap();
    assert_eq!(json["verdict"]["conformant"], false);
    assert_eq!(json["modules"]["createaccount"]["must"]["failed"], 2);
    assert_eq!(json["modules"]["tokens"]["must"]["passed"], 1);
    assert_eq!(json["scenarios"][0]["expectation"], serde_json::Value::Null);

    // 2. The failures listed: xfail, exit 0, the verdict stays honest. The file is the one
    //    --write-expectations wrote from run 1's failures.
    let written = temp("written.yaml");
    let out = mwcheck(run_args(
        &api,
        &["--write-expectations", &written.display().to_string()],
    ))
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let listed = std::fs::read_to_string(&written).unwrap();
    for id in FAILING {
        assert!(listed.contains(&format!("scenario: \"{id}\"")), "{listed}");
    }
    assert!(!listed.contains(PASSING), "{listed}");
    let report = temp("report2.json");
    let junit = temp("report2.xml");
    let out = mwcheck(run_args(
        &api,
        &[
            "--expectations",
            &written.display().to_string(),
            "--report-json",
            &report.display().to_string(),
            "--report-junit",
            &junit.display().to_string(),
        ],
    ))
    .await;
    // JUnit shows expected failures as skipped (as test runners show an xfail): a green CI page.
    let xml = std::fs::read_to_string(&junit).unwrap();
    std::fs::remove_file(&junit).unwrap();
    assert!(
        xml.contains(
            "<testsuites name=\"mwcheck\" tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"2\""
        ),
        "{xml}"
    );
    assert!(
        xml.contains("<skipped message=\"expected failure (listed at "),
        "{xml}"
    );
    std::fs::remove_file(&written).unwrap();
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    for id in FAILING {
        assert!(
            shown.contains(&format!("xfail    {id} (TODO: why?")),
            "{shown}"
        );
    }
    assert!(
        shown.contains("1 passed, 0 failed, 0 skipped, 2 xfail\n"),
        "{shown}"
    );
    assert!(
        shown.contains("createaccount   must 0/2 (2 xfail)"),
        "{shown}"
    );
    assert!(
        shown.contains("NOT CONFORMANT: 2 must scenarios failed (1/3 passed; 2 of them listed"),
        "{shown}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    std::fs::remove_file(&report).unwrap();
    assert_eq!(json["summary"]["expected_failures"], 2);
    assert_eq!(json["summary"]["failed"], 0);
    let statuses: Vec<serde_json::Value> = json["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["expectation"]["status"].clone())
        .collect();
    assert_eq!(
        statuses,
        [
            serde_json::json!("xfail"),
            serde_json::json!("xfail"),
            serde_json::Value::Null
        ]
    );

    // 3. A passing scenario listed too: XPASS, exit 1.
    let file = temp("xpass.yaml");
    let junit = temp("xpass.xml");
    std::fs::write(&file, entries(&[FAILING[0], FAILING[1], PASSING])).unwrap();
    let out = mwcheck(run_args(
        &api,
        &[
            "--expectations",
            &file.display().to_string(),
            "--report-junit",
            &junit.display().to_string(),
        ],
    ))
    .await;
    let shown = text(&out);
    // JUnit shows the unexpected pass as a failure, so the stale entry is noticed.
    let xml = std::fs::read_to_string(&junit).unwrap();
    std::fs::remove_file(&junit).unwrap();
    assert!(
        xml.contains("<failure message=\"XPASS: passed, but listed at "),
        "{xml}"
    );
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains(&format!(
            "XPASS    {PASSING} (listed as an expected failure"
        )),
        "{shown}"
    );
    assert!(
        shown.contains("0 failed, 0 skipped, 2 xfail, 1 XPASS\n"),
        "{shown}"
    );

    // 4. An entry pinned to another step: the failure is a failure again.
    std::fs::write(
        &file,
        format!(
            "{}  - scenario: {}\n    reason: T7\n    step: 9\n",
            entries(&[FAILING[0]]),
            FAILING[1]
        ),
    )
    .unwrap();
    let out = mwcheck(run_args(
        &api,
        &["--expectations", &file.display().to_string()],
    ))
    .await;
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains(&format!("FAILED   {} (listed at ", FAILING[1])),
        "{shown}"
    );
    assert!(
        shown.contains("but expected to fail at step 9, failed at step"),
        "{shown}"
    );
    std::fs::remove_file(&file).unwrap();
    mock.shutdown().await;
}

#[tokio::test]
async fn expectations_file_mistakes_and_unmatched_entries() {
    let file = temp("bad.yaml");
    std::fs::write(&file, "expected-failures:\n  - scenario: a\n    reasn: x\n").unwrap();
    let out = mwcheck(run_args(
        "http://192.0.2.1/api.php",
        &["--expectations", &file.display().to_string()],
    ))
    .await;
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains(&format!(
            "{}:3:5: error: unknown key `reasn`",
            file.display()
        )),
        "{shown}"
    );
    // A reserved documentation address: a dry run sends nothing.
    std::fs::write(&file, entries(&["nothing/like/this", PASSING])).unwrap();
    let out = mwcheck(run_args(
        "http://192.0.2.1/api.php",
        &[
            "--expectations",
            &file.display().to_string(),
            "--dry-run",
            "--level",
            "must",
        ],
    ))
    .await;
    std::fs::remove_file(&file).unwrap();
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(
        shown
            .contains("warning: expected failure `nothing/like/this` matches no selected scenario"),
        "{shown}"
    );
    assert!(shown.contains(&format!("run       {PASSING}")), "{shown}");
    assert!(
        shown.contains("(expected to fail: T100 the wiki is read-only)"),
        "{shown}"
    );
    assert!(shown.contains("matches no --filter"), "{shown}");
    assert!(
        shown.contains("skip      createaccount/pass/basic"),
        "{shown}"
    );
    assert!(shown.contains("needs writes"), "{shown}");
    assert!(shown.contains("nothing was sent"), "{shown}");
}
