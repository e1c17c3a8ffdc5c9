//! `mwcheck lint` on fixtures (tests/fixtures/lint/KIND/): each kind of mistake is reported with
//! its file:line:col, severity, message and quoted line, and sets the exit status; the project's
//! own scenarios lint clean.

use super::common;

use common::copy_tree;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `mwcheck lint` on a fixture; (exit code, stdout).
fn lint(kind: &str, extra: &[&str]) -> (i32, String) {
    let dir = root().join("tests/fixtures/lint").join(kind);
    let out = Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .arg("lint")
        .arg("--scenarios")
        .arg(dir.join("scenarios"))
        .arg("--schemas")
        .arg(root().join("schemas"))
        .arg("--snapshots")
        .arg(dir.join("snapshots"))
        .args(extra)
        .output()
        .expect("mwcheck runs");
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The finding at `file_end:line:col` with `severity`, its message and quoted line.
fn assert_finding(
    out: &str,
    file_end: &str,
    at: &str,
    severity: &str,
    message: &str,
    quoted: &str,
) {
    let head = format!("{file_end}:{at}: {severity}: ");
    let Some(start) = out.find(&head) else {
        panic!("no `{head}` in:\n{out}");
    };
    let finding = &out[start..];
    let finding = &finding[..finding.find("\n\n").unwrap_or(finding.len())];
    assert!(finding.contains(message), "{finding}");
    if !quoted.is_empty() {
        let line = at.split(':').next().unwrap_or_default();
        assert!(finding.contains(&format!("{line} | {quoted}")), "{finding}");
    }
}

#[test]
fn a_capture_used_before_its_step_is_an_error() {
    let (code, out) = lint("before-capture", &[]);
    assert_eq!(code, 2, "{out}");
    assert_finding(
        &out,
        "before.yaml",
        "7:63",
        "error",
        "variable `token` is used before it is captured (step 2 captures it",
        r#"    post: {action: createaccount, format: json, createtoken: "{{token}}"}"#,
    );
    // The use after the capturing step is fine.
    assert!(out.contains("1 error, 0 warnings"), "{out}");
}

#[test]
fn an_unused_capture_is_a_warning() {
    let (code, out) = lint("unused-capture", &[]);
    assert_eq!(code, 0, "{out}");
    assert_finding(
        &out,
        "unused.yaml",
        "8:7",
        "warning",
        "capture `token` (step 1) is never used",
        "      token: /query/tokens/createaccounttoken",
    );
    assert!(!out.contains("`kept`"), "{out}");
    let (code, out) = lint("unused-capture", &["--deny-warnings"]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn captures_used_later_in_expectations_or_snapshots_and_used_actors_are_clean() {
    let (code, out) = lint("clean", &["--deny-warnings"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn two_files_with_one_id_are_an_error() {
    let (code, out) = lint("duplicate-id", &[]);
    assert_eq!(code, 2, "{out}");
    assert_finding(
        &out,
        "same.yml",
        "1:1",
        "error",
        "duplicate scenario id `same`",
        "title: The other file with the same id",
    );
    assert!(out.contains("same.yaml has it too"), "{out}");
}

#[test]
fn duplicate_step_names_are_a_warning() {
    let (code, out) = lint("duplicate-step", &[]);
    assert_eq!(code, 0, "{out}");
    assert_finding(
        &out,
        "steps.yaml",
        "9:11",
        "warning",
        "step 3 has the same name as step 1",
        "  - name: fetch a token",
    );
}

#[test]
fn unknown_configurations_are_errors() {
    let (code, out) = lint("unknown-config", &[]);
    assert_eq!(code, 2, "{out}");
    assert_finding(
        &out,
        "config.yaml",
        "4:9",
        "error",
        "unknown wiki configuration `read-only`",
        "config: read-only",
    );
    let (code, out) = lint("unknown-mediawiki-config", &[]);
    assert_eq!(code, 2, "{out}");
    assert_finding(
        &out,
        "docs.yaml",
        "5:19",
        "error",
        "unknown wiki configuration `privat`",
        "mediawiki-config: privat",
    );
}

#[test]
fn an_unused_actor_is_a_warning() {
    let (code, out) = lint("unused-actor", &[]);
    assert_eq!(code, 0, "{out}");
    assert_finding(
        &out,
        "actors.yaml",
        "4:17",
        "warning",
        "actor `bob` is declared but no step uses it",
        "actors: [alice, bob, carol]",
    );
    assert!(
        !out.contains("`alice`") && !out.contains("`carol`"),
        "{out}"
    );
}

#[test]
fn a_missing_schema_is_an_error() {
    let (code, out) = lint("missing-schema", &[]);
    assert_eq!(code, 2, "{out}");
    assert_finding(
        &out,
        "schema.yaml",
        "8:15",
        "error",
        "schema file `no-such-schema.json` not found",
        "      schema: no-such-schema.json",
    );
}

#[test]
fn snapshot_files_no_step_takes_are_errors_and_pending_ones_warnings() {
    let (code, out) = lint("snapshots", &[]);
    assert_eq!(code, 2, "{out}");
    let gone = Path::new("snapshots/1.39/gone/step-01.snap")
        .display()
        .to_string();
    assert!(
        out.contains(&format!("{gone}: error: no scenario `gone` exists")),
        "{out}"
    );
    assert!(
        out.contains("fetch/step-02.snap: error: no step of scenario `tokens/fetch` takes this snapshot (its steps take: step-01.snap)"),
        "{out}"
    );
    assert!(
        out.contains("fetch/step-01.snap.new: warning: pending snapshot"),
        "{out}"
    );
    // A folder beside the version sets (the layout before snapshots were kept per version).
    assert!(
        out.contains("tokens-old: error: not a snapshot set: the snapshots folder holds one folder per reference version (1.39, 1.43)"),
        "{out}"
    );
    assert!(out.contains("3 errors, 1 warning"), "{out}");
}

#[test]
fn the_projects_scenarios_lint_clean() {
    let out = Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .current_dir(root())
        .args(["lint", "--deny-warnings"])
        .output()
        .expect("mwcheck runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
}

#[test]
fn record_snapshots_writes_insta_pending_files_for_review() {
    let work = std::env::temp_dir().join(format!("mwcheck-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let id = "tokens/createaccount-token-persists-session";
    let snapshots = work.join("snapshots");
    copy_tree(
        &root().join("snapshots/1.39").join(id),
        &snapshots.join("1.39").join(id),
    );
    let folder = snapshots.join("1.39").join(id);
    let changed = folder.join("step-02.snap");
    let original = std::fs::read_to_string(&changed).expect("step 2");
    std::fs::write(&changed, original.replace("batchcomplete", "batchcompletx")).expect("edit");
    std::fs::remove_file(folder.join("step-03.snap")).expect("remove step 3");
    let step1 = std::fs::read_to_string(folder.join("step-01.snap")).expect("step 1");
    let out = Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .current_dir(root())
        .args([
            "run",
            "--record-snapshots",
            "--reference",
            "1.39",
            "--filter",
            id,
            "--snapshots",
        ])
        .arg(&snapshots)
        .output()
        .expect("mwcheck runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Equal steps get no pending file; accepted files are untouched.
    assert!(!folder.join("step-01.snap.new").exists());
    assert_eq!(
        std::fs::read_to_string(folder.join("step-01.snap")).unwrap(),
        step1
    );
    assert!(
        std::fs::read_to_string(&changed)
            .unwrap()
            .contains("batchcompletx")
    );
    let pending = std::fs::read_to_string(folder.join("step-02.snap.new")).expect("pending 2");
    assert_eq!(
        pending, original,
        "the pending file is what a recording writes"
    );
    assert!(folder.join("step-03.snap.new").exists());

    // Accepted with the real cargo-insta when it is installed.
    let has_insta = Command::new("cargo")
        .args(["insta", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_insta {
        // CI installs cargo-insta (.ci/run): there the review half must run.
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
            "cargo-insta is not installed, and CI=true needs the `cargo insta accept` half"
        );
        eprintln!("skipping the `cargo insta accept` half: cargo-insta is not installed");
        let _ = std::fs::remove_dir_all(&work);
        return;
    }
    std::fs::create_dir_all(work.join("src")).expect("src");
    std::fs::write(
        work.join("Cargo.toml"),
        "[package]\nname = \"review\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .expect("manifest");
    std::fs::write(work.join("src/main.rs"), "fn main() {}\n").expect("main");
    let accepted = Command::new("cargo")
        .current_dir(&work)
        .args(["insta", "accept", "--workspace-root"])
        .arg(&work)
        .output()
        .expect("cargo insta runs");
    assert!(accepted.status.success(), "{accepted:?}");
    assert!(!folder.join("step-02.snap.new").exists());
    let read = |name: &str| {
        mwcheck_harness::snapshot::read(&folder.join(name))
            .expect("readable")
            .expect("present")
    };
    let expected = |name: &str| {
        mwcheck_harness::snapshot::read(&root().join("snapshots/1.39").join(id).join(name))
            .expect("readable")
            .expect("present")
    };
    assert_eq!(read("step-02.snap"), expected("step-02.snap"));
    assert_eq!(read("step-03.snap"), expected("step-03.snap"));
    let _ = std::fs::remove_dir_all(&work);
}

/// Runs `mwcheck diff` with these arguments; (exit code, stdout and stderr).
fn diff(extra: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .current_dir(root())
        .arg("diff")
        .args(extra)
        .output()
        .expect("mwcheck runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), format!("{stdout}{stderr}"))
}

#[test]
fn diff_of_the_mock_against_itself_finds_nothing() {
    let (code, out) = diff(&["--filter", "tokens/*", "--against", "builtin"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" 0 differ (in 0 scenarios)"), "{out}");
    assert!(!out.contains("\n0 steps compared"), "{out}");
}

#[test]
fn diff_of_default_against_readonly_names_the_differing_steps() {
    let (code, out) = diff(&[
        "--filter",
        "tokens/rotate-on-login",
        "--target",
        "builtin",
        "--against",
        "builtin:readonly",
    ]);
    assert_eq!(code, 1, "{out}");
    // Step 1 (fetching tokens) is the same; logging in on a read-only wiki is not.
    assert!(
        !out.contains("differs  tokens/rotate-on-login step-01"),
        "{out}"
    );
    assert!(
        out.contains(
            "differs  tokens/rotate-on-login step-02 (step 2: log in as the administrator with clientlogin)"
        ),
        "{out}"
    );
    assert!(
        out.contains("--- builtin (") && out.contains("+++ builtin:readonly ("),
        "{out}"
    );
    assert!(
        out.contains("+[no snapshot of this step: failed: "),
        "{out}"
    );
}

#[test]
fn diff_refuses_an_unknown_side() {
    let (code, out) = diff(&["--against", "builtin:nope"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("unknown wiki configuration `nope`"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diff_logs_in_to_a_url_side_with_the_accounts_given() {
    let served = mwcheck_mock::MockWiki::start_default().await.expect("mock");
    let api = served.api_url();
    let run = |password: &'static str| {
        let api = api.clone();
        tokio::task::spawn_blocking(move || {
            diff(&[
                "--filter",
                "authmanagerinfo/logged-in",
                "--target",
                &api,
                "--against",
                "builtin",
                "--admin-password",
                password,
            ])
        })
    };
    // The mock's administrator password: both sides log in alike.
    let (code, out) = run("Adminpass-12345").await.expect("diff runs");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" 0 differ (in 0 scenarios)"), "{out}");
    // A wrong one reaches the URL side: its login fails where the built-in mock's succeeds.
    let (code, out) = run("Not-the-password-1").await.expect("diff runs");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("differs  authmanagerinfo/logged-in step-"),
        "{out}"
    );
    assert!(
        !out.contains("Not-the-password-1"),
        "the password is redacted: {out}"
    );
}

#[test]
fn diff_refuses_accounts_when_no_side_is_a_url() {
    let (code, out) = diff(&["--admin-user", "Someone", "--filter", "tokens/*"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("both sides are built-in mocks"), "{out}");
}

/// A scenario folder holding a link back up the tree and a FIFO named like a scenario: `lint`,
/// `list` and `run` each finish, take every scenario once, and say what they skipped.
#[cfg(unix)]
#[test]
fn a_link_loop_and_a_fifo_in_the_scenarios_folder_are_skipped_and_said() {
    let dir = std::env::temp_dir().join(format!("mwcheck-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let scenarios = dir.join("scenarios/validatepassword");
    copy_tree(&root().join("scenarios/validatepassword"), &scenarios);
    fn yaml_files(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                if p.is_dir() {
                    yaml_files(&p)
                } else {
                    usize::from(p.extension().is_some_and(|e| e == "yaml"))
                }
            })
            .sum()
    }
    let expected = yaml_files(&scenarios);
    std::os::unix::fs::symlink(dir.join("scenarios"), scenarios.join("loop")).unwrap();
    let fifo = dir.join("scenarios/pipe.yaml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for command in [
        vec!["lint"],
        vec!["list"],
        vec!["run", "--filter", "validatepassword/"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_mwcheck"))
            .args(&command)
            .arg("--scenarios")
            .arg(dir.join("scenarios"))
            .arg("--schemas")
            .arg(root().join("schemas"))
            .output()
            .expect("mwcheck runs");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            all.contains("a folder already walked") && all.contains("a FIFO"),
            "{command:?}: {all}"
        );
        assert!(!all.contains("loop/"), "{command:?} walked the loop: {all}");
        if command[0] == "list" {
            let listed = String::from_utf8_lossy(&out.stdout).lines().count();
            assert_eq!(listed, expected, "{all}");
        }
        if command[0] == "run" {
            assert_eq!(out.status.code(), Some(0), "{all}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
