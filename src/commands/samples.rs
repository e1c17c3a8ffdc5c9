//! The sample programs of `mwcheck run --docs` (binary side): the options, which pages run against
//! which wiki (every page of `--docs-pages` after a `--docs` run against a `--target`; only the
//! `--page` files, and no scenarios, when given), and how their rows join the console, JSON,
//! JUnit and HTML reports.

use super::{USAGE, print_stdout, report_files, seconds, versions};
use crate::cli::RunArgs;
use clap::Args;
use mwcheck_harness::capabilities;
use mwcheck_harness::report_entries::Entry;
use mwcheck_harness::samples::judge::Verdict;
use mwcheck_harness::samples::report::{self, PageReport};
use mwcheck_harness::samples::{self, SamplesOptions};
use mwcheck_harness::summary::GateSummary;
use mwcheck_harness::target::Target;
use mwcheck_mock::MediaWikiVersion;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Run the sample programs of this documentation page only (plain text as in --docs-pages,
    /// or wikitext with `<syntaxhighlight lang=…>` blocks), and no scenarios. Repeatable.
    /// Without --target, against the built-in mock (as --mediawiki-version).
    #[arg(
        long,
        value_name = "FILE",
        requires = "docs",
        conflicts_with = "dry_run"
    )]
    pub page: Vec<PathBuf>,
    /// With --docs and --target: do not run the pages' sample programs.
    #[arg(long, conflicts_with = "page")]
    pub no_samples: bool,
    /// The documentation pages whose sample programs a `--docs --target` run (in the default
    /// configuration) also runs (copies of ../shared/docs).
    #[arg(long, value_name = "DIR", default_value = "samples/docs")]
    pub docs_pages: PathBuf,
    /// The runtime wrappers that run sample programs (`python`, `php`, `node`, `mwjs`).
    #[arg(long, value_name = "DIR", default_value = "samples/runtime/bin")]
    pub samples_runtime: PathBuf,
    /// The per-page substitution files (`PAGE-ID.yaml`: what a reader changes in its programs).
    #[arg(long, value_name = "DIR", default_value = "samples/pages")]
    pub samples_pages: PathBuf,
    /// Seconds a sample program may run.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub sample_timeout: f64,
}

fn options(args: &SampleArgs, version: MediaWikiVersion) -> Result<SamplesOptions, ExitCode> {
    Ok(SamplesOptions {
        runtime_bin: args.samples_runtime.clone(),
        substitutions_dir: args.samples_pages.clone(),
        timeout: seconds(args.sample_timeout, "--sample-timeout")?,
        mediawiki_version: Some(version.to_string()),
    })
}

/// Runs the programs of `pages` against `target` (MediaWiki `version`), page after page.
pub async fn run_pages(
    pages: &[PathBuf],
    target: &Target,
    version: MediaWikiVersion,
    args: &SampleArgs,
) -> Result<Vec<PageReport>, ExitCode> {
    let options = options(args, version)?;
    let mut reports = Vec::new();
    for page in pages {
        reports.push(samples::run_page(page, target, &options).await);
    }
    Ok(reports)
}

/// The pages a `--docs --target` run adds (none with --no-samples, or when the folder is
/// missing: then a note says so).
pub fn pages_after_docs_run(args: &SampleArgs) -> Vec<PathBuf> {
    if args.no_samples {
        return Vec::new();
    }
    match samples::pages_in(&args.docs_pages) {
        Ok(pages) => pages,
        Err(err) => {
            eprintln!(
                "note: no documentation pages at {} ({err}); their sample programs are not run (--docs-pages DIR)",
                args.docs_pages.display()
            );
            Vec::new()
        }
    }
}

/// JUnit/HTML rows for the programs.
pub fn entries(reports: &[PageReport]) -> Vec<Entry> {
    report::programs(reports)
        .iter()
        .map(|r| r.entry())
        .collect()
}

/// Whether the programs fail the run: a page or substitution file the harness could not use.
/// (Drift is the report's finding, not a failure of the run.)
pub fn fail_run(reports: &[PageReport]) -> bool {
    report::programs(reports)
        .iter()
        .any(|r| r.judgement.verdict == Verdict::Error)
}

/// How `mwcheck run` describes its --target wiki.
pub type UrlTarget = fn(&RunArgs, &str) -> Result<Target, ExitCode>;

/// `mwcheck run --docs --page FILE…`: only these pages' programs, against the --target (as
/// `url_target` describes it) or a built-in mock; the console report and the report files.
pub async fn pages_only(args: &RunArgs, url_target: UrlTarget) -> Result<ExitCode, ExitCode> {
    let started = std::time::SystemTime::now();
    let (target, version) = match &args.target {
        Some(url) => {
            let mut target = url_target(args, url)?;
            if !args.no_probe {
                let http = mwcheck_harness::runner::http::HttpLimits::default();
                match capabilities::probe(&target.api, &http).await {
                    Ok(found) => {
                        eprintln!("{}", found.line());
                        target.capabilities = Some(found);
                    }
                    Err(problem) => {
                        eprintln!("error: cannot probe the target, nothing was run: {problem}");
                        return Err(ExitCode::from(USAGE));
                    }
                }
            }
            let version = versions::of_target(args, &target);
            (target, version)
        }
        None => {
            let version = versions::of_builtin(args.mediawiki_version.or(args.reference)).map_err(
                |problem| {
                    eprintln!("error: {problem}");
                    ExitCode::from(USAGE)
                },
            )?;
            let config = args.config.as_deref().unwrap_or("default");
            match Target::builtin_named(config, version).await {
                Some(Ok(target)) => (target, version),
                Some(Err(err)) => {
                    eprintln!("error: cannot start the built-in mock wiki: {err}");
                    return Err(ExitCode::from(USAGE));
                }
                None => {
                    eprintln!("error: unknown wiki configuration `{config}`");
                    return Err(ExitCode::from(USAGE));
                }
            }
        }
    };
    let reports = run_pages(&args.samples.page, &target, version, &args.samples).await?;
    print_stdout(&report::console(&target.label, &reports));
    let mut all_written = true;
    if let Some(path) = &args.report_json {
        let json = serde_json::json!({
            "target": target.label,
            "samples": report::json(&reports),
        });
        all_written &= report_files::write(
            path,
            serde_json::to_string_pretty(&json).unwrap_or_default() + "\n",
        );
    }
    all_written &= report_files::write_junit_html(
        args,
        &target.label,
        started,
        &entries(&reports),
        &GateSummary::default(),
    );
    if !all_written {
        return Err(ExitCode::from(USAGE));
    }
    Ok(if fail_run(&reports) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
