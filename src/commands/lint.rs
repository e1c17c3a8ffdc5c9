//! `mwcheck lint`: prints every finding of [`mwcheck_harness::lint`] and sets the exit status.

use crate::cli::LintArgs;
use mwcheck_harness::lint::{self, Severity};
use std::process::ExitCode;

pub fn lint(args: LintArgs) -> ExitCode {
    let snapshots = args
        .snapshots
        .clone()
        .unwrap_or_else(|| args.folders.beside_scenarios("snapshots"));
    let report = lint::lint(
        &args.folders.scenarios,
        &args.folders.schemas_dir(),
        Some(&snapshots),
    );
    let mut text = String::new();
    for finding in &report.findings {
        text += &format!("{finding}\n\n");
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    text += &format!(
        "{} linted: {}, {}\n",
        plural(report.files, "scenario file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    super::print_stdout(&text);
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
