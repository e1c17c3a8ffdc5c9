//! The two verdicts, end to end: scenario files read per MediaWiki version (switches, `$absent`,
//! a step's and a scenario's `versions:`, lint of malformed switches); fidelity reported apart from
//! conformance (a snapshot difference alone leaves the target CONFORMANT, and fails the run only
//! with `--require-fidelity`), in the console and every report; and a target that breaks a must is
//! still NOT CONFORMANT whatever its fidelity.

use super::common;

use common::copy_tree;
use mwcheck_harness::scenario::{self, Action};
use mwcheck_mock::{MediaWikiVersion, MockWiki, WikiConfig};
use std::path::PathBuf;
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mwcheck-versions-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

fn mwcheck(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("mwcheck runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn param<'s>(step: &'s scenario::Step, name: &str) -> Option<&'s str> {
    let Action::Http(request) = &step.action else {
        return None;
    };
    request
        .params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.text.as_str())
}

#[test]
fn a_file_reads_differently_for_each_version() {
    let dir = root().join("tests/fixtures/versions/scenarios");
    let schemas = root().join("schemas");
    let read = |version| {
        scenario::load_dir_for(&dir, &schemas, version)
            .expect("the fixture reads for every version")
            .into_iter()
            .find(|s| s.id == "switches")
            .expect("the switches fixture")
    };
    let old = read(MediaWikiVersion::V1_39);
    let new = read(MediaWikiVersion::V1_43);
    assert_eq!(param(&old.steps[0], "type"), Some("login"));
    assert_eq!(param(&new.steps[0], "type"), Some("csrf"));
    // The step for 1.43 and later is not there for 1.39.
    assert_eq!(old.steps.len(), 2, "{:?}", old.steps);
    assert_eq!(new.steps.len(), 3);
    assert_eq!(new.steps[1].name, "only sent to 1.43 and later");
    assert_eq!(new.steps[1].expect.status.map(|(s, _)| s), Some(200));
    let later = scenario::load_dir_for(&dir, &schemas, MediaWikiVersion::new(1, 44)).unwrap();
    let later = later.iter().find(|s| s.id == "switches").unwrap();
    assert_eq!(later.steps[1].expect.status.map(|(s, _)| s), Some(201));
    // `$absent` leaves the member out: the expected body has no `warnings`.
    let json = old.steps[0].expect.json.as_ref().unwrap().to_json();
    assert_eq!(
        json,
        serde_json::json!({"batchcomplete": "", "query": {"tokens": {"logintoken": "$token"}}})
    );
}

#[test]
fn the_mock_runs_the_1_39_forms_and_skips_scenarios_of_other_versions() {
    let out = mwcheck(&[
        "run",
        "--mediawiki-version",
        "1.39",
        "--scenarios",
        "tests/fixtures/versions/scenarios",
        "--schemas",
        "schemas",
    ]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(shown.contains("ok       switches"), "{shown}");
    assert!(
        shown.contains("skipped  only-newer (applies to MediaWiki >=1.43: the target is 1.39)"),
        "{shown}"
    );
}

#[test]
fn lint_reports_gaps_overlaps_and_bad_conditions_at_their_place() {
    let out = mwcheck(&[
        "lint",
        "--scenarios",
        "tests/fixtures/lint/versions/scenarios",
        "--schemas",
        "schemas",
    ]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("gaps.yaml:6:72: error: `$versions` has no form for MediaWiki 1.38"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "gaps.yaml:10:27: error: `$versions` has several forms for MediaWiki 1.43 (\"<=1.43\", \">=1.43\")"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("gaps.yaml:12:15: error: `newest` is not a version condition"),
        "{shown}"
    );
    assert!(
        shown.contains("gaps.yaml:15:33: error: `$versions` must be the only key of its mapping"),
        "{shown}"
    );
}

#[test]
fn the_builtin_mock_refuses_a_version_it_does_not_speak_and_a_silent_target_gets_the_newest() {
    let out = mwcheck(&["run", "--mediawiki-version", "1.44", "--filter", "tokens"]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains(&format!(
            "the built-in mock does not answer as MediaWiki 1.44 (it speaks {})",
            spoken()
        )),
        "{shown}"
    );
    // A target that does not say its version is read for the newest reference version, with a
    // note (nothing answers on port 9, so the scenario then fails its first step).
    let out = mwcheck(&[
        "run",
        "--target",
        "http://127.0.0.1:9/api.php",
        "--no-probe",
        "--no-snapshots",
        "--filter",
        "tokens/all-types",
    ]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("note: the target's MediaWiki version is not known (--no-probe asks nothing); its scenarios are read for 1.43"),
        "{shown}"
    );
}

/// A copy of the 1.39 snapshot set of one scenario with one step's recorded body changed: the
/// mock now differs from "MediaWiki 1.39" in that step only.
fn edited_snapshots(id: &str) -> PathBuf {
    let dir = temp("snapshots");
    let set = dir.join("1.39").join(id);
    copy_tree(&root().join("snapshots/1.39").join(id), &set);
    let step = set.join("step-01.snap");
    let recorded = std::fs::read_to_string(&step).expect("step 1");
    assert!(recorded.contains("batchcomplete"), "{recorded}");
    std::fs::write(&step, recorded.replace("batchcomplete", "batchcompletx")).expect("edit");
    dir
}

#[test]
fn a_fidelity_difference_is_reported_everywhere_and_fails_only_when_required() {
    let id = "tokens/all-types";
    let snapshots = edited_snapshots(id);
    let reports = temp("reports");
    let (json, junit, html) = (
        reports.join("r.json"),
        reports.join("r.xml"),
        reports.join("r.html"),
    );
    let args = |required: bool| {
        let mut args = vec![
            "run".to_owned(),
            "--reference".into(),
            "1.39".into(),
            "--filter".into(),
            id.into(),
            "--snapshots".into(),
            snapshots.display().to_string(),
            "--report-json".into(),
            json.display().to_string(),
            "--report-junit".into(),
            junit.display().to_string(),
            "--report-html".into(),
            html.display().to_string(),
        ];
        if required {
            args.push("--require-fidelity".into());
        }
        args
    };
    let run = |required| {
        let args = args(required);
        mwcheck(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let out = run(false);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("CONFORMANT: every must scenario that ran passed (1/1)"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("FIDELITY {id} step 1 ")) && shown.contains("-  \"batchcompletx\""),
        "{shown}"
    );
    assert!(
        shown.contains("steps identical to the snapshots, 1 differ)"),
        "{shown}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["fidelity"]["differing"], 1, "{report}");
    assert_eq!(report["fidelity"]["reference"], "1.39");
    assert_eq!(report["verdict"]["conformant"], true);
    assert_eq!(
        report["scenarios"][0]["fidelity"]["differences"][0]["step"],
        1
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains("name=\"fidelity\" value=\"FIDELITY vs MediaWiki 1.39: "),
        "{xml}"
    );
    assert!(
        xml.contains("<system-out>FIDELITY: 1 step(s) differ"),
        "{xml}"
    );
    assert!(!xml.contains("type=\"fidelity\""), "{xml}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("id=\"fidelity\">FIDELITY vs MediaWiki 1.39"),
        "{page}"
    );
    assert!(page.contains("Fidelity differences (1)"), "{page}");

    let out = run(true);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("CONFORMANT: every must scenario that ran passed (1/1)"),
        "{shown}"
    );
    assert!(
        shown.contains("FIDELITY REQUIRED (--require-fidelity): the run fails"),
        "{shown}"
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("type=\"fidelity\""), "{xml}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_that_breaks_a_must_is_not_conformant_whatever_its_fidelity() {
    // The mock in `readonly` plays a default wiki: its createaccount answers `readonly`, a
    // contract break the scenarios state; snapshots are compared too (fidelity differs as well).
    let mut config = WikiConfig::named("readonly").expect("a known configuration");
    config.pbkdf2_iterations = 1;
    let wiki = MockWiki::start(config).await.expect("the mock starts");
    let api = wiki.api_url();
    let out = tokio::task::spawn_blocking(move || {
        mwcheck(&[
            "run",
            "--target",
            &api,
            "--filter",
            "createaccount/pass/basic",
            "--filter",
            "tokens/all-types",
        ])
    })
    .await
    .unwrap();
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains(
            "NOT CONFORMANT: 1 must scenario failed (1/2 passed): createaccount/pass/basic"
        ),
        "{shown}"
    );
    assert!(shown.contains("FIDELITY vs MediaWiki 1.43: "), "{shown}");
    wiki.shutdown().await;
}

#[test]
fn serve_refuses_a_version_the_mock_does_not_speak() {
    let out = mwcheck(&["serve", "--port", "0", "--mediawiki", "1.38"]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains(&format!(
            "the built-in mock does not answer as MediaWiki 1.38 (it speaks {})",
            spoken()
        )),
        "{shown}"
    );
}

/// The versions the mock speaks as the CLI lists them.
fn spoken() -> String {
    mwcheck_mock::MOCK_VERSIONS
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `--reference` picks the version the built-in mocks answer as: each version's scenarios pass
/// against it with full fidelity to that version's snapshots, and siteinfo names the release.
#[test]
fn the_builtin_mock_answers_as_the_version_a_run_asks_for() {
    for version in mwcheck_mock::MOCK_VERSIONS {
        let version = version.to_string();
        let out = mwcheck(&[
            "run",
            "--reference",
            &version,
            "--require-fidelity",
            "--filter",
            "siteinfo/general",
            "--filter",
            "tokens/*",
        ]);
        let shown = text(&out);
        assert_eq!(out.status.code(), Some(0), "{shown}");
        assert!(
            shown.contains(&format!("FIDELITY vs MediaWiki {version}: 100.00%")),
            "{shown}"
        );
    }
}

/// A client's Rust test starts the mock as either release; siteinfo's generator names it.
#[tokio::test]
async fn mock_wiki_speaks_the_release_its_configuration_names() {
    for (version, generator) in [
        (MediaWikiVersion::V1_43, "MediaWiki 1.43.12"),
        (MediaWikiVersion::V1_39, "MediaWiki 1.39.17"),
    ] {
        let config = WikiConfig::default()
            .speaking(version)
            .with_test_hash_cost();
        let wiki = MockWiki::start(config).await.expect("the mock starts");
        let url = format!(
            "{}?action=query&meta=siteinfo&format=json&formatversion=2",
            wiki.api_url()
        );
        let text = reqwest::get(url).await.unwrap().text().await.unwrap();
        let body: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body["query"]["general"]["generator"], generator);
        wiki.shutdown().await;
    }
    let refused =
        MockWiki::start(WikiConfig::default().speaking(MediaWikiVersion::new(1, 44))).await;
    assert_eq!(
        refused.err().map(|e| e.kind()),
        Some(std::io::ErrorKind::InvalidInput)
    );
}
