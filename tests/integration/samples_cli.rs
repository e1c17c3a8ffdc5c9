//! `mwcheck run --docs --page FILE` end to end: the wikitext fixture page's two sample programs
//! against the built-in mock, through a stand-in `python` runtime (the machine's python3; the
//! samples use its standard library only): the console names each verdict and cause, the JSON
//! report has a row per program with the substitution diff and the wiki's answers (no secret),
//! the JUnit file has a failure for the broken one; exit 0 (a drift is a finding, not an error),
//! and exit 1 when the page's substitution file names a program the page does not have or a
//! literal a program does not contain (quoting the file, the program and its line).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("mwcheck-samples-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A folder with a stand-in `python` wrapper (the runtime contract's `--check` and run).
fn stand_in_runtimes(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let path = bin.join("python");
    std::fs::write(
        &path,
        "#!/bin/sh\nif [ \"$1\" = --check ]; then echo \"stand-in python usable\"; exit 0; fi\nexec python3 \"$@\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples")
}

fn run(dir: &Path, pages: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .args(["run", "--docs", "--page"])
        .arg(fixture().join("validatepassword.wiki"))
        .arg("--samples-pages")
        .arg(pages)
        .arg("--samples-runtime")
        .arg(stand_in_runtimes(dir))
        .arg("--report-json")
        .arg(dir.join("report.json"))
        .arg("--report-junit")
        .arg(dir.join("junit.xml"))
        .output()
        .unwrap()
}

#[test]
fn a_wikitext_page_gives_the_right_verdicts_in_every_report() {
    let dir = scratch("verdicts");
    let output = run(&dir, &fixture().join("pages"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("\nValidating a password ("), "{stdout}");
    assert!(stdout.contains("  works    python (line 20)"), "{stdout}");
    let drift = stdout
        .lines()
        .find(|l| l.starts_with("  DRIFT    python-2 (line 33) "))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        drift.ends_with(
            "the sample sends an empty password: the wiki answered `missingparam` to \
             action=validatepassword (request 1 of 1, POST)"
        ),
        "{drift}"
    );
    assert!(
        stdout.contains("SAMPLES: 2 programs on 1 page: 1 works, 1 drift, 0 skipped, 0 error"),
        "{stdout}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    let programs = report["samples"]["programs"].as_array().unwrap();
    assert_eq!(programs.len(), 2);
    assert_eq!(programs[0]["verdict"], "works");
    assert_eq!(programs[1]["verdict"], "drift");
    assert!(
        programs[1]["substitutions"]
            .as_str()
            .unwrap()
            .contains("+URL = \"http://127.0.0.1:")
    );
    let answered = &programs[1]["exchanges"][0];
    assert_eq!(answered["status"], 200);
    assert!(
        answered["answer"]
            .as_str()
            .unwrap()
            .contains("missingparam")
    );
    let junit = std::fs::read_to_string(dir.join("junit.xml")).unwrap();
    assert!(
        junit.contains("samples/validatepassword/python-2"),
        "{junit}"
    );
    assert_eq!(junit.matches("<failure").count(), 1, "{junit}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_substitution_file_naming_a_missing_program_fails_the_run() {
    let dir = scratch("unknown");
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(
        pages.join("validatepassword.yaml"),
        "programs:\n  php:\n    - replace: a\n      with: b\n  python-2:\n    - replace: not in it\n      with: b\n",
    )
    .unwrap();
    let output = run(&dir, &pages);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "names the program `php`, which the page does not have (it has: python, python-2)"
        ),
        "{stdout}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
