//! The binary's CI-gate parts of `mwcheck run`: reading the expectations file, judging the
//! outcomes against it (with warnings for entries that name no selected scenario), writing
//! `--write-expectations`, and `--dry-run` (selection and skip reasons, nothing sent).

use crate::cli::RunArgs;
use crate::{USAGE, start_builtin, url_target};
use mwcheck::harness::expectations::{self, Expectations, Judgement};
use mwcheck::harness::runner::{self, Outcome};
use mwcheck::harness::scenario::Scenario;
use mwcheck::harness::selection::{self, Plan, Selection};
use mwcheck::harness::target::Target;
use std::collections::HashMap;
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
    args: &RunArgs,
    scenarios: &[Scenario],
    selection: &Selection<'_>,
    expectations: Option<&Expectations>,
) -> Result<ExitCode, ExitCode> {
    let selected = selection.select(scenarios);
    let mut skips: HashMap<String, Option<String>> = HashMap::new();
    let mut decide = |target: &Target, group: &mut dyn Iterator<Item = &&Scenario>| {
        for scenario in group {
            let reason = runner::skip_reason(scenario, target, args.docs);
            skips.insert(scenario.id.clone(), reason);
        }
    };
    match (&args.target, &args.config, args.docs) {
        (Some(url), _, _) => {
            let target = url_target(args, url)?;
            decide(&target, &mut selected.iter());
        }
        (None, Some(config), true) => {
            let target = start_builtin(config).await?;
            decide(&target, &mut selected.iter());
            target.shutdown().await;
        }
        _ => {
            let mut configs: Vec<&str> = selected.iter().map(|s| s.config.as_str()).collect();
            configs.sort_unstable();
            configs.dedup();
            for config in configs {
                let target = start_builtin(config).await?;
                decide(&target, &mut selected.iter().filter(|s| s.config == config));
                target.shutdown().await;
            }
        }
    }
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
