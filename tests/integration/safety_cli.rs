//! Nothing is lost to a mistake in the command line: a report path that cannot be written stops
//! the run before anything is sent (a report that could not be written at the end would lose the
//! run), and `serve` refuses an outbox file it cannot write instead of dropping mails.

use super::common;

use common::{mwcheck, output_text as text, strings};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The three report files of a run, in a fresh folder of their own.
struct Reports {
    folder: std::path::PathBuf,
    json: std::path::PathBuf,
    junit: std::path::PathBuf,
    html: std::path::PathBuf,
}

impl Reports {
    fn new(name: &str) -> Reports {
        let folder = std::env::temp_dir().join(format!("mwcheck-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        Reports {
            json: folder.join("r.json"),
            junit: folder.join("r.xml"),
            html: folder.join("r.html"),
            folder,
        }
    }

    /// `--report-json … --report-junit … --report-html …`.
    fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        for (option, path) in [
            ("--report-json", &self.json),
            ("--report-junit", &self.junit),
            ("--report-html", &self.html),
        ] {
            args.push(option.to_owned());
            args.push(path.display().to_string());
        }
        args
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unwritable_report_path_stops_the_run_before_anything_is_sent() {
    let wiki = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&wiki)
        .await;
    let api = format!("{}/api.php", wiki.uri());
    let missing = std::env::temp_dir()
        .join(format!("mwcheck-no-such-folder-{}", std::process::id()))
        .join("report.html");
    let out = mwcheck(strings(&[
        "run",
        "--target",
        &api,
        "--filter",
        "tokens/all-types",
        "--report-html",
        &missing.display().to_string(),
    ]))
    .await;
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains(&format!(
            "error: cannot write the report file {}",
            missing.display()
        )) && shown.contains("nothing was sent"),
        "{shown}"
    );
    assert!(
        wiki.received_requests().await.unwrap().is_empty(),
        "not even the probe may go out"
    );
}

#[tokio::test]
async fn a_writable_report_path_is_left_as_it_was_by_the_check() {
    // The check creates nothing that the run would not write: a usage error after it leaves no
    // empty report behind.
    let folder = std::env::temp_dir().join(format!("mwcheck-report-check-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let report = folder.join("r.json");
    let out = mwcheck(strings(&[
        "run",
        "--report-json",
        &report.display().to_string(),
        "--filter",
        "no-such-scenario",
    ]))
    .await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(!report.exists(), "the check left {}", report.display());
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn serve_refuses_an_outbox_it_cannot_write() {
    let missing = std::env::temp_dir()
        .join(format!("mwcheck-no-such-folder-{}", std::process::id()))
        .join("outbox.jsonl");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .args(["serve", "--port", "0", "--outbox"])
        .arg(&missing)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("mwcheck starts");
    // Serving would mean waiting forever: give it ten seconds to refuse.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while child.try_wait().expect("waitable").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve started with an outbox it cannot write");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains(&format!(
            "error: cannot write the outbox file {}",
            missing.display()
        )),
        "{shown}"
    );
}

/// `run --target` against an in-process mock (administrator `Admin` / `Adminpass-12345`) with the
/// administrator's password given by `how`; (exit status, everything printed).
async fn logged_in_run(how: &[&str], env: Option<&str>) -> (Option<i32>, String) {
    let wiki = mwcheck_mock::MockWiki::start(
        mwcheck_mock::WikiConfig::named("default")
            .unwrap()
            .with_test_hash_cost(),
    )
    .await
    .unwrap();
    let mut args = strings(&[
        "run",
        "--target",
        &wiki.api_url(),
        "--no-snapshots",
        "--filter",
        "authmanagerinfo/logged-in",
    ]);
    args.extend(strings(how));
    let env = env.map(str::to_owned);
    let out = tokio::task::spawn_blocking(move || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mwcheck"));
        command.current_dir(env!("CARGO_MANIFEST_DIR")).args(&args);
        command.env_remove("MWCHECK_ADMIN_PASSWORD");
        if let Some(password) = env {
            command.env("MWCHECK_ADMIN_PASSWORD", password);
        }
        command.output().expect("mwcheck runs")
    })
    .await
    .unwrap();
    wiki.shutdown().await;
    (out.status.code(), text(&out))
}

#[tokio::test(flavor = "multi_thread")]
async fn passwords_come_from_a_file_or_the_environment_not_only_argv() {
    let folder = std::env::temp_dir().join(format!("mwcheck-secret-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let right = folder.join("right");
    std::fs::write(&right, "Adminpass-12345\n").unwrap();
    let wrong = folder.join("wrong");
    std::fs::write(&wrong, "Not-the-password-987\n").unwrap();

    let (code, shown) = logged_in_run(
        &["--admin-password-file", &right.display().to_string()],
        None,
    )
    .await;
    assert_eq!(code, Some(0), "{shown}");
    let (code, shown) = logged_in_run(
        &["--admin-password-file", &wrong.display().to_string()],
        None,
    )
    .await;
    assert_eq!(code, Some(1), "{shown}");
    assert!(!shown.contains("Not-the-password-987"), "{shown}");
    let (code, shown) = logged_in_run(&[], Some("Not-the-password-987")).await;
    assert_eq!(
        code,
        Some(1),
        "the environment's password was not used: {shown}"
    );
    assert!(!shown.contains("Not-the-password-987"), "{shown}");
    let (code, shown) = logged_in_run(&[], Some("Adminpass-12345")).await;
    assert_eq!(code, Some(0), "{shown}");
    std::fs::remove_dir_all(&folder).unwrap();
}

/// `run` of the four `tests/fixtures/big` scenarios against `target` (no probe, read as 1.43),
/// writing all three reports.
async fn run_big_fixture(target: &str, reports: &Reports) -> std::process::Output {
    let mut args = strings(&[
        "run",
        "--target",
        target,
        "--no-probe",
        "--mediawiki-version",
        "1.43",
        "--scenarios",
        "tests/fixtures/big/scenarios",
        "--schemas",
        "schemas",
    ]);
    args.extend(reports.args());
    mwcheck(args).await
}

#[tokio::test(flavor = "multi_thread")]
async fn reports_stay_small_when_responses_are_huge() {
    // A 7 MB answer whose value breaks the schema: the violation quotes the value.
    let huge = format!(
        r#"{{"batchcomplete":"","query":{{"tokens":"{}"}}}}"#,
        "x".repeat(7 << 20)
    );
    let wiki = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .set_body_string(huge),
        )
        .mount(&wiki)
        .await;
    let reports = Reports::new("big");
    let out = run_big_fixture(&format!("{}/api.php", wiki.uri()), &reports).await;
    assert_eq!(out.status.code(), Some(1));
    let console = String::from_utf8_lossy(&out.stdout);
    assert!(
        console.contains("4 failed"),
        "{}",
        &console[..console.len().min(2000)]
    );
    assert!(console.contains("more characters)"), "the cut is said");
    // Four failures against 7 MB answers: every output stays well under a megabyte.
    for (what, size) in [
        ("console", out.stdout.len() as u64),
        ("JSON", std::fs::metadata(&reports.json).unwrap().len()),
        ("JUnit", std::fs::metadata(&reports.junit).unwrap().len()),
        ("HTML", std::fs::metadata(&reports.html).unwrap().len()),
    ] {
        assert!(size < 1 << 20, "the {what} report has {size} bytes");
    }
    std::fs::remove_dir_all(&reports.folder).unwrap();
}

/// The HTTP status of a GET of `path` on the mock.
async fn status_of(wiki: &mwcheck_mock::MockWiki, path: &str) -> u16 {
    let url = format!("{}{path}", wiki.server());
    reqwest::get(url).await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_test_endpoints_are_served_only_where_they_are_safe() {
    use mwcheck_mock::{MockWiki, TestEndpoints, WikiConfig};
    let outbox = "/_mwcheck/outbox";
    let captcha = "/_mwcheck/captcha?id=1";
    // On loopback (every built-in target): served.
    let local = MockWiki::start(WikiConfig::default()).await.unwrap();
    assert_eq!(status_of(&local, outbox).await, 200);
    local.shutdown().await;
    // On every interface: off, and the printed URL is one that works here.
    let wildcard: std::net::SocketAddr = "0.0.0.0:0".parse().unwrap();
    let open = MockWiki::bind(wildcard, WikiConfig::default())
        .await
        .unwrap();
    assert!(
        open.api_url().starts_with("http://127.0.0.1:"),
        "{}",
        open.api_url()
    );
    assert_eq!(
        status_of(&open, "/api.php?action=query&meta=tokens&format=json").await,
        200
    );
    assert_eq!(status_of(&open, outbox).await, 404);
    assert_eq!(status_of(&open, captcha).await, 404);
    open.shutdown().await;
    // Asked for explicitly: served there too.
    let config = WikiConfig {
        test_endpoints: TestEndpoints::On,
        ..WikiConfig::default()
    };
    let asked = MockWiki::bind(wildcard, config).await.unwrap();
    assert_eq!(status_of(&asked, outbox).await, 200);
    asked.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_the_probe_stops_still_writes_its_reports() {
    // A server that answers HTML: no MediaWiki API, so the probe stops the run.
    let wiki = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("<!DOCTYPE html><p>hi</p>"))
        .mount(&wiki)
        .await;
    let reports = Reports::new("probe");
    let mut args = strings(&[
        "run",
        "--target",
        &format!("{}/api.php", wiki.uri()),
        "--filter",
        "tokens/all-types",
    ]);
    args.extend(reports.args());
    let out = mwcheck(args).await;
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&reports.json).expect("the JSON report"))
            .unwrap();
    assert!(
        report["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot probe the target, nothing was run"),
        "{report}"
    );
    assert!(
        std::fs::read_to_string(&reports.junit)
            .unwrap()
            .contains("<testsuites")
    );
    assert!(
        std::fs::read_to_string(&reports.html)
            .unwrap()
            .contains("NO VERDICT")
    );
    std::fs::remove_dir_all(&reports.folder).unwrap();
}

/// Everything a run writes (console and the three reports).
fn everything_written(out: &std::process::Output, reports: &Reports) -> String {
    let mut all = text(out);
    for path in [&reports.json, &reports.junit, &reports.html] {
        all += &std::fs::read_to_string(path).unwrap_or_default();
    }
    all
}

#[tokio::test(flavor = "multi_thread")]
async fn credentials_in_the_target_url_and_echoed_session_cookies_are_never_written() {
    // A wiki behind HTTP authentication that hands out a session and echoes it in a body that
    // breaks the schema (so the failure quotes the body).
    let session = "EchoedSessionValue0123456789abcd";
    let wiki = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .insert_header(
                    "set-cookie",
                    format!("wiki_session={session}; path=/; HttpOnly").as_str(),
                )
                .set_body_string(format!(
                    r#"{{"batchcomplete":"","query":{{"tokens":"your session is {session}"}}}}"#
                )),
        )
        .mount(&wiki)
        .await;
    let password = "Url-Pass%40word-77";
    let target = wiki
        .uri()
        .replace("http://", &format!("http://ci-user:{password}@"))
        + "/api.php";
    let reports = Reports::new("credentials");
    let out = run_big_fixture(&target, &reports).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let written = everything_written(&out, &reports);
    assert!(written.contains("ci-user:[redacted]@"), "{written}");
    for secret in [password, "Url-Pass@word-77", session] {
        assert!(
            !written.contains(secret),
            "`{secret}` was written:\n{written}"
        );
    }
    // The server answers HTML: the probe's message names the URL, without the password.
    wiki.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>login</html>"))
        .mount(&wiki)
        .await;
    let mut args = strings(&["run", "--target", &target, "--filter", "tokens/all-types"]);
    args.extend(reports.args());
    let out = mwcheck(args).await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let written = everything_written(&out, &reports);
    assert!(written.contains("is not a MediaWiki API"), "{written}");
    assert!(!written.contains(password), "{written}");
    std::fs::remove_dir_all(&reports.folder).unwrap();
}
