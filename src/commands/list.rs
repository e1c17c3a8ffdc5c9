//! `mwcheck list`: the selected scenarios, one line each (id, level, configuration, title and
//! what the target must offer).

use super::{load, print_stdout};
use crate::cli::ListSelectArgs;
use mwcheck_harness::selection::Selection;
use std::process::ExitCode;

pub fn list(args: ListSelectArgs) -> ExitCode {
    let all = match load(&args.folders) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let selection = Selection {
        filters: &args.filter,
        tags: &args.tag,
        levels: &args.level,
        docs_only: false,
    };
    let scenarios = selection.select(&all);
    let width = scenarios.iter().map(|s| s.id.len()).max().unwrap_or(0);
    let cwidth = scenarios.iter().map(|s| s.config.len()).max().unwrap_or(0);
    let mut text = String::new();
    for s in scenarios {
        let requires: Vec<&str> = s.requires.iter().map(|c| c.as_str()).collect();
        let requires = if requires.is_empty() {
            String::new()
        } else {
            format!("  [requires {}]", requires.join(", "))
        };
        text += &format!(
            "{:width$}  {:6}  {:cwidth$}  {}{requires}\n",
            s.id,
            s.level.as_str(),
            s.config,
            s.title
        );
    }
    print_stdout(&text);
    ExitCode::SUCCESS
}
