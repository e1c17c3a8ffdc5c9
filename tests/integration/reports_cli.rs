//! The report files end to end: `mwcheck run` against a deliberately non-conformant target (the
//! mock in configuration `readonly`, run as `--config default`) exits 1 and writes a JUnit XML
//! file that validates against tests/fixtures/junit/junit.xsd (xmllint) and an HTML report whose
//! matrix and a failure's diff are in the DOM a headless Chromium renders; neither holds a secret.
//! Under CI=true a missing xmllint or chromium fails the test; elsewhere that part is skipped
//! with a printed reason.

use mwcheck_mock::{MockWiki, WikiConfig};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// Scenarios that fail on a read-only wiki (must), one that passes there, one skipped (it needs
/// another configuration).
const FAILING: [&str; 2] = [
    "createaccount/pass/basic",
    "createaccount/error/badurl-returnurl",
];
const PASSING: &str = "tokens/anonymous-csrf";
const SKIPPED: &str = "configs/private/read-modules";

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Whether a tool can run; under CI its absence is a failure, elsewhere a printed skip.
fn tool_available(program: &str, install: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            !in_ci(),
            "{program} is missing; CI must install it (apt-get install {install})"
        );
        eprintln!(
            "skipping the {program} checks: {program} is not installed (apt-get install {install})"
        );
    }
    found
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mwcheck-reports-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs a program, killing it if it hangs (a guard, not an assertion on timing).
async fn run_guarded(program: &str, args: &[String]) -> Output {
    let child = tokio::process::Command::new(program)
        .args(args)
        .kill_on_drop(true)
        .output();
    tokio::time::timeout(Duration::from_secs(180), child)
        .await
        .unwrap_or_else(|_| panic!("{program} did not finish"))
        .unwrap_or_else(|err| panic!("cannot run {program}: {err}"))
}

async fn chromium(profile: &Path, args: &[&str], page: &Path) -> Output {
    let mut all: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,2000",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    all.push(format!("--user-data-dir={}", profile.display()));
    all.extend(args.iter().map(|s| s.to_string()));
    all.push(format!("file://{}", page.display()));
    run_guarded("chromium", &all).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_conformant_target_fails_and_both_reports_show_why() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch_dir();
    let (junit, html, json) = (
        dir.join("junit.xml"),
        dir.join("report.html"),
        dir.join("report.json"),
    );
    let wiki = MockWiki::start(WikiConfig::named("readonly").expect("readonly exists"))
        .await
        .expect("mock starts");
    let mut args: Vec<String> = vec![
        "run".into(),
        "--target".into(),
        wiki.api_url(),
        "--config".into(),
        "default".into(),
        "--no-snapshots".into(),
        "--scenarios".into(),
        root.join("scenarios").display().to_string(),
        "--report-junit".into(),
        junit.display().to_string(),
        "--report-html".into(),
        html.display().to_string(),
        "--report-json".into(),
        json.display().to_string(),
    ];
    for id in FAILING.iter().chain([&PASSING, &SKIPPED]) {
        args.extend(["--filter".to_owned(), (*id).to_owned()]);
    }
    let output = run_guarded(env!("CARGO_BIN_EXE_mwcheck"), &args).await;
    wiki.shutdown().await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("\n1 passed, 2 failed, 1 skipped\n"),
        "{stdout}"
    );

    let xml = std::fs::read_to_string(&junit).expect("JUnit file written");
    let page = std::fs::read_to_string(&html).expect("HTML file written");
    let full_token = regex::Regex::new(r"[0-9a-f]{32}\+\\").unwrap();
    for text in [&xml, &page] {
        // The administrator's password, and any full token, never reach a report.
        assert!(!text.contains("Adminpass-12345"));
        assert!(!full_token.is_match(text));
        assert!(text.contains("password=[redacted]"));
    }
    assert!(xml.contains(
        "<testsuites name=\"mwcheck\" tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"1\""
    ));
    assert!(xml.contains("<testsuite name=\"createaccount\" tests=\"2\" failures=\"2\""));
    assert!(
        xml.contains(
            "<testcase name=\"createaccount/pass/basic\" classname=\"createaccount.must\""
        )
    );
    assert!(xml.contains("<failure message=\"header MediaWiki-API-Error should be absent, got &quot;readonly&quot;\" type=\"must\">"));
    assert!(xml.contains(&format!("<testcase name=\"{SKIPPED}\"")));
    assert!(xml.contains("<skipped message=\"needs the wiki configuration `private`"));

    if tool_available("xmllint", "libxml2-utils") {
        let schema = root.join("tests/fixtures/junit/junit.xsd");
        let checked = run_guarded(
            "xmllint",
            &[
                "--noout".into(),
                "--schema".into(),
                schema.display().to_string(),
                junit.display().to_string(),
            ],
        )
        .await;
        assert!(
            checked.status.success(),
            "the JUnit file does not validate: {}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }

    if tool_available("chromium", "chromium") {
        let dom = chromium(&dir.join("profile-dom"), &["--dump-dom"], &html).await;
        assert!(
            dom.status.success(),
            "{}",
            String::from_utf8_lossy(&dom.stderr)
        );
        let dom = String::from_utf8_lossy(&dom.stdout);
        // The matrix: createaccount's must cell counts 0 of 2 passed, and links its failures.
        assert!(
            dom.contains("<table class=\"matrix\" id=\"matrix\">"),
            "{dom}"
        );
        assert!(dom.contains("<tr><td><code>createaccount</code></td><td class=\"cell fail\" title=\"0 passed, 2 failed, 0 skipped\"><span class=\"big\">0/2</span><span class=\"small\"><a href=\"#failure-0\">2 failed</a></span></td>"), "{dom}");
        // A failure's diff, with the expected line removed and the read-only error added.
        assert!(dom.contains("<pre class=\"diff\">"), "{dom}");
        assert!(
            dom.contains("<span class=\"add\">+  \"error\": {</span>")
                || dom.contains("<span class=\"add\">+    \"code\": \"readonly\",</span>"),
            "{dom}"
        );
        assert!(dom.contains("<span class=\"del\">-"), "{dom}");
        assert!(
            dom.contains("<p class=\"verdict fail\" id=\"verdict\">NOT CONFORMANT: 2 must scenarios failed (1/3 passed)"),
            "{dom}"
        );

        let png = dir.join("report.png");
        let shot = chromium(
            &dir.join("profile-shot"),
            &[&format!("--screenshot={}", png.display())],
            &html,
        )
        .await;
        assert!(
            shot.status.success(),
            "{}",
            String::from_utf8_lossy(&shot.stderr)
        );
        let image = std::fs::read(&png).expect("screenshot written");
        assert_eq!(&image[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height, big-endian, at bytes 16..24.
        assert_eq!(&image[16..24], &[0, 0, 5, 0, 0, 0, 7, 208]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
