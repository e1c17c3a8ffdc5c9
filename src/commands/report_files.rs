//! The report files of `mwcheck run` (binary side): their paths checked before anything is sent,
//! and each written at the end, every one attempted even when another cannot be; a run the probe
//! stopped writes them too.

use crate::cli::RunArgs;
use mwcheck_harness::report_entries::Entry;
use mwcheck_harness::summary::GateSummary;
use mwcheck_harness::{report_html, report_junit};
use std::path::Path;
use std::time::SystemTime;

/// Each report path (and `--write-expectations`) can be written: an error naming the first that
/// cannot. A file the check had to create is removed again.
pub fn check_paths(args: &RunArgs) -> Result<(), String> {
    let paths = [
        &args.report_json,
        &args.report_junit,
        &args.report_html,
        &args.write_expectations,
    ];
    for path in paths.into_iter().flatten() {
        let existed = path.exists();
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|err| format!("cannot write the report file {}: {err}", path.display()))?;
        if !existed {
            let _ = std::fs::remove_file(path);
        }
    }
    Ok(())
}

/// Writes one report file; false (and a message) when it cannot.
pub fn write(path: &Path, text: String) -> bool {
    match std::fs::write(path, text) {
        Ok(()) => true,
        Err(err) => {
            eprintln!("error: cannot write {}: {err}", path.display());
            false
        }
    }
}

/// Writes the JUnit XML and HTML reports the command line asks for; false when one could not be.
pub fn write_junit_html(
    args: &RunArgs,
    label: &str,
    started: SystemTime,
    entries: &[Entry],
    summary: &GateSummary,
) -> bool {
    let mut all = true;
    if let Some(path) = &args.report_junit {
        all &= write(path, report_junit::junit(label, started, entries, summary));
    }
    if let Some(path) = &args.report_html {
        all &= write(path, report_html::html(label, started, entries, summary));
    }
    all
}

/// The reports of a run the probe stopped: no scenario ran, and the JSON report says why.
pub fn write_probe_failure(args: &RunArgs, label: &str, started: SystemTime, problem: &str) {
    if let Some(path) = &args.report_json {
        let json = serde_json::json!({
            "target": label,
            "error": format!("cannot probe the target, nothing was run: {problem}"),
            "summary": {"passed": 0, "failed": 0, "skipped": 0},
            "scenarios": [],
        });
        write(
            path,
            serde_json::to_string_pretty(&json).unwrap_or_default() + "\n",
        );
    }
    write_junit_html(args, label, started, &[], &GateSummary::default());
}
