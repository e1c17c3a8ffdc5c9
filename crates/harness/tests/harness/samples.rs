//! Sample programs run against the built-in mock through stand-in runtime wrappers (`python`
//! running the machine's python3; the samples use its standard library only): the wikitext
//! fixture page's two programs get their verdicts (one works, one drifts with its cause), a
//! runtime whose `--check` fails skips its programs with the reason, a program still naming an
//! off-loopback endpoint is not run, and nothing runs against a wiki off loopback without
//! `--allow-writes` (the runner's write gate), and a web app is run, its served form submitted and its
//! whole process group ended.

use mwcheck_harness::samples::judge::Verdict;
use mwcheck_harness::samples::{SamplesOptions, run_page};
use mwcheck_harness::target::Target;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A folder holding a stand-in `python` wrapper (the runtime contract: `--check` prints one line
/// and exits 0 or 127; otherwise it runs the program).
fn stand_in_runtimes(usable: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "mwcheck-standin-{}",
        mwcheck_harness::vars::random_hex(8)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let script = if usable {
        "#!/bin/sh\nif [ \"$1\" = --check ]; then echo \"stand-in python usable: $(python3 --version)\"; exit 0; fi\nexec python3 \"$@\"\n"
    } else {
        "#!/bin/sh\necho 'python runtime missing: no virtualenv (stand-in)' >&2\nexit 127\n"
    };
    let path = dir.join("python");
    std::fs::write(&path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

fn options(bin: &Path, substitutions: &Path) -> SamplesOptions {
    SamplesOptions {
        runtime_bin: bin.to_owned(),
        substitutions_dir: substitutions.to_owned(),
        timeout: Duration::from_secs(60),
        mediawiki_version: Some("1.43".to_owned()),
    }
}

fn fixture() -> PathBuf {
    super::workspace().join("tests/fixtures/samples")
}

#[tokio::test]
async fn the_wikitext_page_gives_one_working_and_one_broken_sample() {
    let bin = stand_in_runtimes(true);
    let target = Target::builtin().await.unwrap();
    let page = run_page(
        &fixture().join("validatepassword.wiki"),
        &target,
        &options(&bin, &fixture().join("pages")),
    )
    .await;
    let rows: Vec<(&str, Verdict)> = page
        .programs
        .iter()
        .map(|r| (r.program.as_str(), r.judgement.verdict))
        .collect();
    assert_eq!(
        rows,
        [("python", Verdict::Works), ("python-2", Verdict::Drift)],
        "{:#?}",
        page.programs
    );
    let works = &page.programs[0];
    assert!(
        works.diff.contains("+URL = \"http://127.0.0.1:"),
        "{}",
        works.diff
    );
    assert_eq!(works.exchanges.len(), 1);
    assert!(
        works.printed.contains("'validity': 'Good'"),
        "{}",
        works.printed
    );
    let broken = &page.programs[1];
    assert_eq!(
        broken.judgement.reason,
        "the sample sends an empty password: the wiki answered `missingparam` to \
         action=validatepassword (request 1 of 1, POST)"
    );
    assert!(broken.exchanges[0].answer.contains("missingparam"));
    std::fs::remove_dir_all(bin).unwrap();
}

#[tokio::test]
async fn an_unusable_runtime_skips_its_programs_with_the_wrappers_reason() {
    let bin = stand_in_runtimes(false);
    let target = Target::builtin().await.unwrap();
    let page = run_page(
        &fixture().join("validatepassword.wiki"),
        &target,
        &options(&bin, &fixture().join("pages")),
    )
    .await;
    for row in &page.programs {
        assert_eq!(row.judgement.verdict, Verdict::Skipped);
        assert!(
            row.judgement
                .reason
                .contains("python runtime missing: no virtualenv (stand-in)"),
            "{}",
            row.judgement.reason
        );
        assert!(row.exchanges.is_empty());
    }
    std::fs::remove_dir_all(bin).unwrap();
}

#[tokio::test]
async fn a_program_still_naming_a_remote_endpoint_is_not_run() {
    let bin = stand_in_runtimes(true);
    let target = Target::builtin().await.unwrap();
    let empty = std::env::temp_dir().join(format!(
        "mwcheck-nosubs-{}",
        mwcheck_harness::vars::random_hex(8)
    ));
    std::fs::create_dir_all(&empty).unwrap();
    let page = run_page(
        &fixture().join("validatepassword.wiki"),
        &target,
        &options(&bin, &empty),
    )
    .await;
    for row in &page.programs {
        assert_eq!(row.judgement.verdict, Verdict::Skipped);
        assert!(
            row.judgement
                .reason
                .starts_with("the program would still contact https://en.wikipedia.org/w/api.php"),
            "{}",
            row.judgement.reason
        );
        assert!(!row.ran);
    }
    std::fs::remove_dir_all(bin).unwrap();
    std::fs::remove_dir_all(empty).unwrap();
}

#[tokio::test]
async fn nothing_is_sent_to_a_wiki_off_loopback_without_allow_writes() {
    let bin = stand_in_runtimes(true);
    // TEST-NET-1: never reached, the programs are skipped before anything runs.
    let admin = mwcheck_harness::vars::Credentials {
        user: "Admin".into(),
        password: "unused-password".into(),
    };
    let target = Target::url("http://192.0.2.1/w/api.php", None, false, admin).unwrap();
    let page = run_page(
        &fixture().join("validatepassword.wiki"),
        &target,
        &options(&bin, &fixture().join("pages")),
    )
    .await;
    assert_eq!(page.programs.len(), 2);
    for row in &page.programs {
        assert_eq!(row.judgement.verdict, Verdict::Skipped);
        assert!(
            row.judgement.reason.contains("--allow-writes"),
            "{}",
            row.judgement.reason
        );
        assert!(!row.ran);
    }
    std::fs::remove_dir_all(bin).unwrap();
}

#[tokio::test]
async fn a_web_app_is_run_its_form_submitted_and_the_whole_group_stopped() {
    let bin = stand_in_runtimes(true);
    let work = std::env::temp_dir().join(format!(
        "mwcheck-webapp-{}",
        mwcheck_harness::vars::random_hex(8)
    ));
    std::fs::create_dir_all(&work).unwrap();
    let pid_file = work.join("child.pid");
    let page_text = std::fs::read_to_string(fixture().join("web_app/signup.wiki"))
        .unwrap()
        .replace(
            "PIDFILE = \"PIDFILE\"",
            &format!("PIDFILE = {:?}", pid_file.display().to_string()),
        );
    let page_file = work.join("signup.wiki");
    std::fs::write(&page_file, page_text).unwrap();
    let target = Target::builtin().await.unwrap();
    let page = run_page(
        &page_file,
        &target,
        &options(&bin, &fixture().join("web_app/pages")),
    )
    .await;
    let row = &page.programs[0];
    assert_eq!(row.judgement.verdict, Verdict::Drift, "{row:#?}");
    assert!(
        row.judgement.reason.starts_with(
            "submitting the app's own form fails (POST / with username, password, \
             confirm-password, captcha-word → HTTP 500), raising KeyError: 'retype'"
        ),
        "{}",
        row.judgement.reason
    );
    assert!(row.diff.contains("+APP.run(port="), "{}", row.diff);
    assert!(
        row.printed.contains("GET / → HTTP 200")
            && row.printed.contains(
                "served form: POST / with fields username, password, confirm-password, captcha-word"
            )
            && row.printed.contains(
                "&password=[redacted]&confirm-password=[redacted]&captcha-word= → HTTP 500"
            ),
        "{}",
        row.printed
    );
    // Both requests of the app reached the wiki through the proxy.
    assert_eq!(row.exchanges.len(), 2, "{:#?}", row.exchanges);
    assert!(row.stderr.contains("KeyError: 'retype'"), "{}", row.stderr);
    // The child it left running was ended with its group.
    let child: i32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let mut gone = false;
    for _ in 0..50 {
        // SAFETY: signal 0 only asks whether the process exists.
        let alive = unsafe { libc::kill(child, 0) } == 0
            && !std::fs::read_to_string(format!("/proc/{child}/stat"))
                .is_ok_and(|s| s.contains(") Z "));
        if !alive {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(gone, "the app's child {child} outlived the run");
    std::fs::remove_dir_all(bin).unwrap();
    std::fs::remove_dir_all(work).unwrap();
}
