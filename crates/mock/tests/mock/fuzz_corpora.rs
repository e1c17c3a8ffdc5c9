//! Replays the committed fuzz corpora and crash inputs (fuzz/corpus/<target>/ and
//! fuzz/regressions/<target>/) through the very entry points the cargo-fuzz targets call
//! (`mwcheck_mock::fuzzing`), so every input a fuzz run kept, and every input that once broke the
//! mock, keeps the invariant in `cargo test`: no 5xx, no panic, a MediaWiki answer in the format
//! asked for. Each failing file is named with what went wrong.

use std::path::{Path, PathBuf};

use mwcheck_mock::fuzzing::{Violation, check_http_request, check_module_calls};

type Check = fn(&[u8]) -> Result<(), Violation>;

const TARGETS: &[(&str, Check)] = &[
    ("request", check_http_request),
    ("modules", check_module_calls),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Every file of `folder`/<target>, checked by its target; the failures described.
fn replay(folder: &str) -> (usize, Vec<String>) {
    // The fuzz targets live at the workspace's top (fuzz/), two folders above this crate.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(folder);
    let mut count = 0;
    let mut failures = Vec::new();
    for (target, check) in TARGETS {
        for file in files(&root.join(target)) {
            count += 1;
            let data = std::fs::read(&file).expect("a readable corpus file");
            let outcome = std::panic::catch_unwind(|| check(&data));
            let shown = file.strip_prefix(&root).unwrap_or(&file).display();
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err(violation)) => failures.push(format!("{shown}: {violation}")),
                Err(_) => failures.push(format!("{shown}: panicked")),
            }
        }
    }
    (count, failures)
}

#[test]
fn corpora_keep_the_invariant() {
    let (count, failures) = replay("corpus");
    assert!(count > 0, "fuzz/corpus/* holds no input");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn crash_inputs_stay_fixed() {
    let (_, failures) = replay("regressions");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
