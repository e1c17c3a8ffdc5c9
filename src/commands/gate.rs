//! The binary's CI-gate parts of `mwcheck run`: reading the expectations file, judging the
//! outcomes against it (with warnings for entries that name no selected scenario), writing
//! `--write-expectations`, and `--dry-run` (selection and skip reasons, nothing sent).

use super::USAGE;
use mwcheck_harness::Against;
use mwcheck_harness::expectations::{self, Expectations, Judgement};
use mwcheck_harness::runner::Outcome;
use mwcheck_harness::scenario::Scenario;
use mwcheck_harness::selection::{self, Plan, Selection};
use std::path::Path;
use std::process::ExitCode;

/// Reads `--expectations` (usage errors print each mistake at its position).
pub fn load_expectations(path: Option<&Path>) -> Result<Option<Expectations>, ExitCode> {
    let Some(path) = path else {
        return Ok(None);
    };
    Expectations::load(path).map(Some).map_err(|problems| {
        for problem in &problems {
            eprintln!("{problem}\n");
        }
        eprintln!("errors in the expectations file; nothing was sent");
        ExitCode::from(USAGE)
    })
}

/// Judges the outcomes; warns about entries naming no selected scenario.
pub fn judge(
    expectations: Option<&Expectations>,
    selected: &[&Scenario],
    outcomes: &[Outcome],
) -> Judgement {
    let Some(expectations) = expectations else {
        return Judgement::default();
    };
    for warning in expectations.unmatched(selected) {
        eprintln!("{warning}");
    }
    expectations.judge(outcomes)
}

/// Writes `--write-expectations`.
pub fn write_expectations(
    path: &Path,
    target: &str,
    outcomes: &[Outcome],
    previous: Option<&Expectations>,
) -> Result<(), ExitCode> {
    let text = expectations::write_text(target, outcomes, previous);
    std::fs::write(path, text).map_err(|err| {
        eprintln!("error: cannot write {}: {err}", path.display());
        ExitCode::from(USAGE)
    })
}

/// `run --dry-run`: for every scenario, would it run, be skipped (the runner's reason) or is it
/// filtered out (by which option). A URL target is only described, never contacted; built-in
/// mocks are started (one per configuration, as a run would) and sent nothing.
pub async fn dry_run(
    against: Against,
    docs: bool,
    scenarios: &[Scenario],
    selection: &Selection<'_>,
    expectations: Option<&Expectations>,
) -> Result<ExitCode, ExitCode> {
    let selected = selection.select(scenarios);
    let skips = mwcheck_harness::skips(&selected, against, docs)
        .await
        .map_err(|problem| {
            eprintln!("error: {problem}");
            ExitCode::from(USAGE)
        })?;
    let plans: Vec<Plan> = scenarios
        .iter()
        .map(|s| match selection.why_not(s) {
            Some(reason) => Plan::FilteredOut(reason),
            None => match skips.get(&s.id).cloned().flatten() {
                Some(reason) => Plan::Skip(reason),
                None => Plan::Run,
            },
        })
        .collect();
    if let Some(expectations) = expectations {
        for warning in expectations.unmatched(&selected) {
            eprintln!("{warning}");
        }
    }
    print!(
        "{}",
        selection::dry_run_report(scenarios, &plans, expectations)
    );
    Ok(ExitCode::SUCCESS)
}
