//! The commands, one file each (`run`, with its CI gate in `gate`, its reports in `report_files`
//! and its MediaWiki version in `versions`; `serve`, `list`, `coverage`, `lint`, `diff`), and what
//! they share: exit statuses, loading the scenario files with their diagnostics, standard output.

pub mod coverage;
pub mod diff;
mod gate;
pub mod lint;
pub mod list;
mod report_files;
pub mod run;
pub mod samples;
pub mod serve;
mod versions;

use crate::cli;
use mwcheck_harness::scenario::{self, Diagnostic, Scenario};
use mwcheck_mock::MediaWikiVersion;
use std::process::ExitCode;
use std::time::Duration;

/// Exit status for usage and scenario-file errors.
pub const USAGE: u8 = 2;
/// Exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub const INTERRUPTED: u8 = 130;

pub fn print_diagnostics(problems: &[Diagnostic]) {
    for problem in problems {
        eprintln!("{problem}\n");
    }
    eprintln!(
        "{} error{} in scenario files; nothing was sent",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
}

pub fn load(folders: &cli::Folders) -> Result<Vec<Scenario>, ExitCode> {
    // What the folder walk skipped (a FIFO, a link looping back) is said once, here.
    if let Ok(found) = scenario::find_files(&folders.scenarios) {
        for skipped in &found.skipped {
            eprintln!("warning: {skipped}");
        }
    }
    scenario::load_dir(&folders.scenarios, &folders.schemas_dir()).map_err(|problems| {
        print_diagnostics(&problems);
        ExitCode::from(USAGE)
    })
}

/// The scenarios as they read for MediaWiki `version`.
pub fn load_for(
    folders: &cli::Folders,
    version: MediaWikiVersion,
) -> Result<Vec<Scenario>, ExitCode> {
    scenario::load_dir_for(&folders.scenarios, &folders.schemas_dir(), version).map_err(
        |problems| {
            print_diagnostics(&problems);
            ExitCode::from(USAGE)
        },
    )
}

pub fn seconds(value: f64, option: &str) -> Result<Duration, ExitCode> {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            eprintln!("error: {option} must be a positive number of seconds");
            ExitCode::from(USAGE)
        })
}

/// Writes text to standard output. A reader that has gone away (`mwcheck list | head`) is not an
/// error: the rest is dropped quietly and the command goes on (a run still writes its reports).
pub fn print_stdout(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write to standard output: {err}");
    }
}
