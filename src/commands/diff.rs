//! `mwcheck diff`: runs the selected scenarios against two targets (URLs or built-in mocks),
//! collecting normalised step snapshots, and prints which steps differ.

use super::{USAGE, print_diagnostics};
use crate::cli::DiffArgs;
use mwcheck_harness::runner::RunOptions;
use mwcheck_harness::runner::pacing::Pacing;
use mwcheck_harness::selection::Selection;
use mwcheck_harness::snapshot::{SnapshotMode, Snapshots};
use mwcheck_harness::target::Target;
use mwcheck_harness::vars::shown_url;
use mwcheck_harness::{Against, SuiteError, SuiteRun, run_suite, scenario, snapshot_diff};
use std::process::ExitCode;

pub async fn diff(args: DiffArgs) -> ExitCode {
    match diff_inner(args).await {
        Ok(code) | Err(code) => code,
    }
}

/// Starts one side: a URL, `builtin` (the mock in `config`) or `builtin:NAME` (run as `config`).
async fn side(spec: &str, outbox: Option<&str>, args: &DiffArgs) -> Result<Target, ExitCode> {
    let usage = |message: String| {
        eprintln!("error: {message}");
        ExitCode::from(USAGE)
    };
    if let Some(rest) = spec.strip_prefix("builtin") {
        if outbox.is_some() {
            return Err(usage(format!("`{spec}`: a built-in mock needs no outbox")));
        }
        let serves = match rest.strip_prefix(':') {
            Some(name) => name,
            None if rest.is_empty() => args.config.as_str(),
            None => {
                return Err(usage(format!(
                    "`{spec}` is neither a URL nor builtin[:NAME]"
                )));
            }
        };
        let version = super::versions::of_builtin(args.mediawiki_version).map_err(usage)?;
        let started = Target::builtin_named(serves, version)
            .await
            .ok_or_else(|| usage(format!("unknown wiki configuration `{serves}`")))?;
        let target = started.map_err(|err| usage(format!("cannot start the mock: {err}")))?;
        return Ok(target.with_config(&args.config));
    }
    Target::url(spec, outbox, args.allow_writes, args.accounts.admin())
        .map(|t| t.with_config(&args.config).with_bot(args.accounts.bot()))
        .map_err(usage)
}

async fn diff_inner(args: DiffArgs) -> Result<ExitCode, ExitCode> {
    let is_url = |spec: &str| !spec.starts_with("builtin");
    if args.accounts.given() && !is_url(&args.target) && !is_url(&args.against) {
        eprintln!(
            "error: --admin-user, --admin-password, --bot-user and --bot-password name accounts on a URL side; both sides are built-in mocks"
        );
        return Err(ExitCode::from(USAGE));
    }
    let scenarios = scenario::load_dir(&args.folders.scenarios, &args.folders.schemas_dir())
        .map_err(|problems| {
            print_diagnostics(&problems);
            ExitCode::from(USAGE)
        })?;
    let selection = Selection {
        filters: &args.filter,
        tags: &args.tag,
        ..Selection::default()
    };
    let selected: Vec<_> = selection
        .select(&scenarios)
        .into_iter()
        .filter(|s| s.config == args.config)
        .collect();
    if selected.is_empty() {
        eprintln!(
            "error: no scenario of configuration `{}` matches the selection",
            args.config
        );
        return Err(ExitCode::from(USAGE));
    }
    let mut options = RunOptions::new(args.folders.schemas_dir());
    options.jobs = usize::from(args.jobs);
    options.snapshots = Snapshots {
        mode: SnapshotMode::Collect,
        dir: Default::default(),
    };
    let a = side(&args.target, args.outbox.as_deref(), &args).await?;
    let b = match side(&args.against, args.against_outbox.as_deref(), &args).await {
        Ok(b) => b,
        Err(code) => {
            a.shutdown().await;
            return Err(code);
        }
    };
    // Each side paced as `run` paces it by default (maxlag and a pace for a non-loopback wiki).
    let paced = |side: &Target| RunOptions {
        pacing: Pacing::for_target(side.loopback),
        ..options.clone()
    };
    let (options_a, options_b) = (paced(&a), paced(&b));
    // Suites on targets already described cannot fail to start; a mistake is still reported.
    let unstarted = |problem: SuiteError| {
        eprintln!("error: {problem}");
        ExitCode::from(USAGE)
    };
    let SuiteRun {
        run: run_a,
        label: a,
    } = run_suite(&selected, Against::Target(a), &options_a)
        .await
        .map_err(unstarted)?;
    let SuiteRun {
        run: run_b,
        label: b,
    } = run_suite(&selected, Against::Target(b), &options_b)
        .await
        .map_err(unstarted)?;
    let (outcomes_a, outcomes_b) = (run_a.outcomes, run_b.outcomes);
    let (label_a, label_b) = (
        format!("{} ({a})", shown_url(&args.target)),
        format!("{} ({b})", shown_url(&args.against)),
    );
    let compared = snapshot_diff::compare(&outcomes_a, &outcomes_b, &label_a, &label_b);
    super::print_stdout(&snapshot_diff::console(&compared, &label_a, &label_b));
    if let Some(path) = &args.report_json {
        let json = snapshot_diff::json_report(&compared, &label_a, &label_b);
        let text = serde_json::to_string_pretty(&json).unwrap_or_default() + "\n";
        if let Err(err) = std::fs::write(path, text) {
            eprintln!("error: cannot write {}: {err}", path.display());
            return Err(ExitCode::from(USAGE));
        }
    }
    Ok(if compared.differing() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
