//! `mwcheck coverage`: the Markdown table of the error codes and results the scenarios assert.

use super::{load, print_stdout};
use crate::cli::ListArgs;
use mwcheck_harness::coverage;
use std::process::ExitCode;

pub fn coverage(args: ListArgs) -> ExitCode {
    let scenarios = match load(&args.folders) {
        Ok(s) => s,
        Err(code) => return code,
    };
    print_stdout(&coverage::markdown(&coverage::collect(&scenarios)));
    ExitCode::SUCCESS
}
