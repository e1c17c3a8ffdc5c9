//! `mwcheck run`: loads and selects the scenarios, describes and probes the --target (or picks
//! the built-in mocks), runs the suite through the harness's `run_suite`, then prints the console
//! report with the gate's summary, writes the report files and sets the exit status. Ctrl-C stops
//! a run cleanly (the reports cover what finished).

use super::{
    INTERRUPTED, USAGE, gate, load, load_for, print_stdout, report_files, samples, seconds,
    versions,
};
use crate::cli::RunArgs;
use mwcheck_harness::runner::interrupt::Interrupt;
use mwcheck_harness::runner::pacing::Pacing;
use mwcheck_harness::runner::{self, RunOptions};
use mwcheck_harness::selection::Selection;
use mwcheck_harness::snapshot::{SnapshotMode, Snapshots};
use mwcheck_harness::summary::GateSummary;
use mwcheck_harness::target::Target;
use mwcheck_harness::{
    Against, SuiteRun, capabilities, drift_report, fidelity, progress, report, report_entries,
    run_suite, terminal,
};
use mwcheck_mock::{MOCK_VERSIONS, MediaWikiVersion};
use std::process::ExitCode;

pub async fn run(args: RunArgs) -> ExitCode {
    match run_inner(args).await {
        Ok(code) | Err(code) => code,
    }
}

async fn run_inner(args: RunArgs) -> Result<ExitCode, ExitCode> {
    if !args.samples.page.is_empty() {
        report_files::check_paths(&args).map_err(|problem| {
            eprintln!("error: {problem}; nothing was sent");
            ExitCode::from(USAGE)
        })?;
        return samples::pages_only(&args, url_target).await;
    }
    let mut options = RunOptions::new(args.folders.schemas_dir());
    options.jobs = usize::from(args.jobs);
    options.docs = args.docs;
    if args.target.is_none() && args.config.is_some() && !args.docs {
        eprintln!(
            "error: --config names the --target wiki's configuration (or, with --docs, the mock's)"
        );
        return Err(ExitCode::from(USAGE));
    }
    if args.target.is_none() && args.accounts.given() {
        eprintln!(
            "error: --admin-user, --admin-password, --bot-user and --bot-password name accounts on a --target wiki; the built-in mock has its own"
        );
        return Err(ExitCode::from(USAGE));
    }
    // A report that could not be written at the end would lose the run: checked before anything
    // is sent.
    report_files::check_paths(&args).map_err(|problem| {
        eprintln!("error: {problem}; nothing was sent");
        ExitCode::from(USAGE)
    })?;
    options.http.request_timeout = seconds(args.timeout, "--timeout")?;
    options.http.connect_timeout = seconds(args.connect_timeout, "--connect-timeout")?;
    options.pacing = pacing(&args, true)?;
    let snapshot_mode = if args.no_snapshots || args.docs {
        // Documentation claims are checked by their expectations alone.
        SnapshotMode::Off
    } else if args.update_snapshots {
        SnapshotMode::Record
    } else if args.record_snapshots {
        SnapshotMode::Review
    } else {
        SnapshotMode::Check
    };
    let snapshot_root = args
        .snapshots
        .clone()
        .unwrap_or_else(|| args.folders.beside_scenarios("snapshots"));
    if snapshot_mode == SnapshotMode::Check && !snapshot_root.is_dir() {
        eprintln!(
            "note: no snapshot folder at {}; responses are not compared with snapshots",
            snapshot_root.display()
        );
    }
    // Checked for every reference version, read for the built-in mock's until the target's is known.
    let mut scenarios = load(&args.folders)?;
    let selection = Selection {
        filters: &args.filter,
        tags: &args.tag,
        levels: &args.level,
        docs_only: args.docs,
    };
    let expectations = gate::load_expectations(args.expectations.as_deref())?;
    if args.dry_run {
        // Nothing is sent, so the version is the one given, or the mock's.
        if let Some(version) = args.mediawiki_version {
            scenarios = load_for(&args.folders, version)?;
        }
        let against = match &args.target {
            Some(url) => Against::Target(url_target(&args, url)?),
            None => {
                let version = versions::of_builtin(args.mediawiki_version.or(args.reference))
                    .map_err(|problem| {
                        eprintln!("error: {problem}");
                        ExitCode::from(USAGE)
                    })?;
                if version != MOCK_VERSIONS[0] {
                    scenarios = load_for(&args.folders, version)?;
                }
                builtin(&args, version)
            }
        };
        return gate::dry_run(
            against,
            args.docs,
            &scenarios,
            &selection,
            expectations.as_ref(),
        )
        .await;
    }
    if selection.select(&scenarios).is_empty() && selection.restricts() {
        eprintln!(
            "error: no {}scenario matches the given --filter/--tag/--level",
            if args.docs { "documentation " } else { "" }
        );
        return Err(ExitCode::from(USAGE));
    }
    listen_for_ctrl_c(options.interrupt.clone());
    let started = std::time::SystemTime::now();
    let mut capabilities_json = None;
    let mut url_target = match &args.target {
        Some(url) => {
            let mut target = url_target(&args, url)?;
            options.pacing = pacing(&args, target.loopback)?;
            if let Some(line) = pacing_line(&options.pacing) {
                eprintln!("{line}");
            }
            // Ctrl-C during the probe: nothing ran; the (empty) reports are still written.
            tokio::select! {
                probed = probe_target(&args, &options, &mut target) => capabilities_json = probed?,
                () = options.interrupt.raised() => {}
            }
            Some(target)
        }
        None => None,
    };
    let version = match &url_target {
        Some(target) => versions::of_target(&args, target),
        None => {
            versions::of_builtin(args.mediawiki_version.or(args.reference)).map_err(|problem| {
                eprintln!("error: {problem}");
                ExitCode::from(USAGE)
            })?
        }
    };
    if version != MOCK_VERSIONS[0] {
        scenarios = load_for(&args.folders, version)?;
    }
    let reference = args.reference.unwrap_or(version);
    options.snapshots = Snapshots {
        mode: snapshot_mode,
        dir: snapshot_root.clone(),
    };
    versions::choose_snapshots(&mut options.snapshots, &snapshot_root, reference);
    let selected = selection.select(&scenarios);
    let progress =
        progress::progress_wanted_here(args.quiet).then(|| progress::bar(selected.len()));
    options.on_finished = progress.as_ref().map(progress::bar_hook);
    let against = match url_target.take() {
        Some(target) => Against::Target(target),
        None => builtin(&args, version),
    };
    let SuiteRun { run, label } =
        run_suite(&selected, against, &options)
            .await
            .map_err(|problem| {
                eprintln!("error: {problem}");
                ExitCode::from(USAGE)
            })?;
    let runner::Run {
        outcomes,
        interrupted,
    } = run;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let judged = gate::judge(expectations.as_ref(), &selected, &outcomes);
    let fidelity = (options.snapshots.mode == SnapshotMode::Check)
        .then(|| fidelity::Totals::of(reference, outcomes.iter().map(|o| &o.fidelity)))
        .flatten();
    let gate_summary = GateSummary::new(&selected, &outcomes, &judged).with_fidelity(
        version,
        fidelity.clone(),
        args.require_fidelity,
    );
    // A --docs run against a --target runs the pages' sample programs too.
    // (In the default configuration only: the pages document a wiki as installed.)
    let default_config = args.config.as_deref().is_none_or(|c| c == "default");
    let sample_reports = match (&args.target, args.docs && default_config, &interrupted) {
        (Some(url), true, None) => {
            let pages = samples::pages_after_docs_run(&args.samples);
            let target = self::url_target(&args, url)?;
            samples::run_pages(&pages, &target, version, &args.samples).await?
        }
        _ => Vec::new(),
    };
    if args.docs {
        print_stdout(&drift_report::console(&label, &selected, &outcomes));
        if !sample_reports.is_empty() {
            print_stdout(&mwcheck_harness::samples::report::console(
                &label,
                &sample_reports,
            ));
        }
    } else {
        let choice = match args.color.as_str() {
            "always" => terminal::ColorChoice::Always,
            "never" => terminal::ColorChoice::Never,
            _ => terminal::ColorChoice::Auto,
        };
        let mut text = report::console_judged(&outcomes, &judged);
        if fidelity.is_some() {
            text.push_str(&fidelity::console(
                outcomes.iter().map(|o| (o.id.as_str(), &o.fidelity)),
            ));
        }
        text.push_str(&gate_summary.console());
        if terminal::colour_for_stdout(choice) {
            print_stdout(&terminal::colourise(&text));
        } else {
            print_stdout(&text);
        }
    }
    if let Some(left) = &interrupted {
        print_stdout(&format!("{}\n", left.line(outcomes.len())));
    }
    // A gate that checked nothing must not pass by accident.
    let no_verdict_fails = !args.docs
        && !args.allow_no_verdict
        && interrupted.is_none()
        && gate_summary.conformant().is_none();
    if no_verdict_fails {
        print_stdout(
            "NO VERDICT fails the run: no must scenario ran (pass --allow-no-verdict when that is expected)\n",
        );
    }
    match (&args.write_expectations, &interrupted) {
        (Some(path), Some(_)) => eprintln!(
            "note: {} not written: the run was interrupted, so its failures are not all known",
            path.display()
        ),
        (Some(path), None) => {
            gate::write_expectations(path, &label, &outcomes, expectations.as_ref())?
        }
        (None, _) => {}
    }
    // Every report is attempted even when one cannot be written; then the run says so (exit 2).
    let mut all_written = true;
    if let Some(path) = &args.report_json {
        let mut json = report::json_report(&label, &outcomes);
        if !args.docs {
            gate_summary.add_to_json(&mut json, &judged);
        }
        if let Some(found) = capabilities_json {
            json["capabilities"] = found;
        }
        if !sample_reports.is_empty() {
            json["samples"] = mwcheck_harness::samples::report::json(&sample_reports);
        }
        json["interrupted"] = interrupted.is_some().into();
        if let Some(left) = &interrupted {
            json["cancelled"] = left.cancelled.clone().into();
            json["not_started"] = left.not_started.into();
        }
        let text = serde_json::to_string_pretty(&json).unwrap_or_default() + "\n";
        all_written &= report_files::write(path, text);
    }
    let mut entries = report_entries::entries(&selected, &outcomes, &judged);
    entries.extend(samples::entries(&sample_reports));
    all_written &= report_files::write_junit_html(&args, &label, started, &entries, &gate_summary);
    if !all_written {
        return Err(ExitCode::from(USAGE));
    }
    Ok(if interrupted.is_some() {
        ExitCode::from(INTERRUPTED)
    } else if outcomes.iter().any(|o| judged.counts_against(o))
        || gate_summary.fidelity_fails()
        || no_verdict_fails
        || samples::fail_run(&sample_reports)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Asks the --target wiki what it offers (unless --no-probe), prints the line saying so and
/// keeps it on the target; the JSON report's `capabilities`. A target that is no MediaWiki API
/// stops the run before any scenario.
async fn probe_target(
    args: &RunArgs,
    options: &RunOptions,
    target: &mut Target,
) -> Result<Option<serde_json::Value>, ExitCode> {
    if args.no_probe {
        return Ok(None);
    }
    match capabilities::probe_paced(&target.api, &options.http, &options.pacing).await {
        Ok(found) => {
            eprintln!("{}", found.line());
            let json = found.json();
            target.capabilities = Some(found);
            Ok(Some(json))
        }
        Err(problem) => {
            eprintln!("error: cannot probe the target, nothing was run: {problem}");
            // The reports still say what happened (a CI job keeps them whatever the outcome).
            let started = std::time::SystemTime::now();
            report_files::write_probe_failure(args, &target.label, started, &problem);
            Err(ExitCode::from(USAGE))
        }
    }
}

/// The pacing of requests to a target: the defaults for a loopback target or any other
/// ([`Pacing::for_target`]), changed by --maxlag, --pace, --max-retries and --max-retry-wait.
fn pacing(args: &RunArgs, loopback: bool) -> Result<Pacing, ExitCode> {
    let mut pacing = Pacing::for_target(loopback);
    if let Some(maxlag) = args.maxlag {
        pacing.maxlag = maxlag.0;
    }
    if let Some(pace) = args.pace {
        pacing.pace = pace.0;
    }
    pacing.max_retries = args.max_retries;
    pacing.max_retry_wait = seconds(args.max_retry_wait, "--max-retry-wait")?;
    Ok(pacing)
}

/// The stderr line saying how requests are paced (`None` with neither maxlag nor a pace).
fn pacing_line(pacing: &Pacing) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(maxlag) = pacing.maxlag {
        parts.push(format!("maxlag={maxlag}"));
    }
    if let Some(pace) = pacing.pace {
        parts.push(format!(
            "one request at a time, {} ms apart",
            pace.as_millis()
        ));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "pacing: {}; declined requests retried up to {} times (waits up to {} s)",
            parts.join(", "),
            pacing.max_retries,
            pacing.max_retry_wait.as_secs_f64()
        )
    })
}

/// Ctrl-C during a run: the first raises `interrupt` (no more scenarios start, those in flight
/// are cancelled, the reports cover what finished and the exit status is 130); a second exits
/// at once. The handler is in place when this returns.
fn listen_for_ctrl_c(interrupt: Interrupt) {
    #[cfg(unix)]
    let presses = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt());
    #[cfg(windows)]
    let presses = tokio::signal::windows::ctrl_c();
    let mut presses = match presses {
        Ok(presses) => presses,
        Err(err) => {
            eprintln!("warning: cannot listen for Ctrl-C ({err}); it will end the run at once");
            return;
        }
    };
    tokio::spawn(async move {
        presses.recv().await;
        eprintln!(
            "interrupted: no more scenarios start and those running are cancelled; the reports \
             cover those that finished (Ctrl-C again quits at once)"
        );
        interrupt.raise();
        presses.recv().await;
        std::process::exit(i32::from(INTERRUPTED));
    });
}

/// The --target wiki as the options describe it (nothing is sent yet).
fn url_target(args: &RunArgs, url: &str) -> Result<Target, ExitCode> {
    Ok(Target::url(
        url,
        args.outbox.as_deref(),
        args.allow_writes,
        args.accounts.admin(),
    )
    .map_err(|m| {
        eprintln!("error: {m}");
        ExitCode::from(USAGE)
    })?
    .with_config(args.config.as_deref().unwrap_or("default"))
    .with_bot(args.accounts.bot()))
}

/// The built-in mocks a run without --target uses, answering as `version`: one per
/// configuration, or with --docs and --config NAME one in NAME.
fn builtin(args: &RunArgs, version: MediaWikiVersion) -> Against {
    match (&args.config, args.docs) {
        (Some(config), true) => Against::BuiltinAs(config.clone(), version),
        _ => Against::Builtin(version),
    }
}
