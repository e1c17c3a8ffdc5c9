//! The command line: `mwcheck run`, `mwcheck serve`, `mwcheck list`, `mwcheck lint` (clap derive), with examples
//! in every `--help`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "mwcheck",
    version,
    about = "Conformance harness and mock wiki for the MediaWiki Action API's account modules",
    after_help = "Examples:\n  \
        mwcheck run                                   # all scenarios against the built-in mock\n  \
        mwcheck run --target http://127.0.0.1:8080/api.php --outbox /tmp/mw1/outbox.jsonl\n  \
        mwcheck serve --port 8081                     # serve the mock wiki\n  \
        mwcheck list\n\n\
        Exit status: 0 nothing failed, 1 a scenario failed, 2 usage or scenario-file errors (and a\n\
        --target that is not a MediaWiki API)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run scenarios against the built-in mock or a wiki.
    #[command(after_help = "Examples:\n  \
        mwcheck run\n  \
        mwcheck run --filter 'createaccount/*' --filter tokens/csrf --jobs 8\n  \
        mwcheck run --quiet                           # no progress bar on the terminal\n  \
        mwcheck run --target http://127.0.0.1:8080/api.php --outbox /tmp/mw1/outbox.jsonl\n  \
        mwcheck run --target http://127.0.0.1:8101/api.php --config readonly --filter 'configs/readonly/*'\n  \
        mwcheck run --target https://wiki.example.org/w/api.php --allow-writes --report-json out.json\n  \
        mwcheck run --target https://test.example.org/w/api.php --pace 500ms --maxlag 3 --jobs 1\n  \
        mwcheck run --report-junit junit.xml --report-html report.html\n  \
        mwcheck run --docs                            # documentation claims vs the documented profiles\n  \
        mwcheck run --docs --target http://127.0.0.1:8080/api.php --outbox /tmp/mw1/outbox.jsonl\n  \
        mwcheck run --docs --page samples/docs/000_ac13d6fa22dc5fbc.txt  # one page's sample programs\n  \
        mwcheck run --level must --dry-run            # what would run, and why the rest would not\n  \
        mwcheck run --target URL --expectations known-failures.yaml\n  \
        mwcheck run --target URL --write-expectations known-failures.yaml\n  \
        mwcheck run --target http://127.0.0.1:8080/api.php --outbox /tmp/mw1/outbox.jsonl --record-snapshots\n  \
        cargo insta review                            # then review the pending step-NN.snap.new files\n\n\
        Exit status: 0 nothing failed unexpectedly (expected failures listed in --expectations do\n\
        not count), 1 a scenario failed unexpectedly or a listed scenario passed (XPASS), 2 usage,\n\
        scenario-file or expectations-file errors, 130 interrupted by Ctrl-C (the reports cover the\n\
        scenarios that finished; a second Ctrl-C quits at once). The verdict line (CONFORMANT /\n\
        NOT CONFORMANT) counts every failed must scenario, expected or not.")]
    Run(Box<RunArgs>),
    /// Serve the mock wiki until Ctrl-C.
    #[command(after_help = "Examples:\n  \
        mwcheck serve\n  \
        mwcheck serve --host 127.0.0.1 --port 8081 --outbox /tmp/mock-outbox.jsonl\n  \
        mwcheck serve --port 8082 --config private\n  \
        mwcheck serve --port 8083 --config legacy-1.21      # a documented older profile")]
    Serve(ServeArgs),
    /// List the scenarios: id, level, configuration, title and required capabilities.
    #[command(
        after_help = "Examples:\n  mwcheck list\n  mwcheck list --level must --tag createaccount\n  \
        mwcheck list --filter 'tokens/*'\n  mwcheck list --scenarios tests/fixtures/real/scenarios"
    )]
    List(ListSelectArgs),
    /// Print the MediaWiki codes the scenarios assert, as a Markdown table (code, kind, module,
    /// scenarios, configuration); the README's coverage table is this output.
    #[command(after_help = "Examples:\n  mwcheck coverage\n  \
        mwcheck coverage > coverage.md\n  \
        mwcheck coverage --scenarios tests/fixtures/real/scenarios")]
    Coverage(ListArgs),
    /// Check scenario files without any target: everything a run checks (YAML, keys, types,
    /// configurations, variables defined before use, schemas), plus duplicate ids, unused
    /// captures and actors, duplicate step names, and snapshot files no step takes.
    #[command(after_help = "Examples:\n  \
        mwcheck lint\n  \
        mwcheck lint --deny-warnings\n  \
        mwcheck lint --scenarios tests/fixtures/lint/unused-capture/scenarios --snapshots /tmp/none\n\n\
        Errors: YAML, unknown keys, wrong types, unknown configurations, undefined variables or\n\
        ones used before the step that captures them, missing schemas, duplicate scenario ids,\n\
        snapshot files no step takes. Warnings: captures never used, actors never used,\n\
        duplicate step names, pending .snap.new files.\n\n\
        Exit status: 0 no errors (warnings allowed), 2 errors (or warnings with --deny-warnings).")]
    Lint(LintArgs),
    /// Run the selected scenarios against two targets and compare their normalised step
    /// snapshots: which steps differ, with a unified diff each.
    #[command(after_help = "Examples:\n  \
        mwcheck diff --target http://127.0.0.1:8080/api.php --outbox /tmp/mw1/outbox.jsonl --against builtin\n  \
        mwcheck diff --target builtin --against builtin:readonly --filter 'tokens/*'\n  \
        mwcheck diff --target http://127.0.0.1:8080/api.php --against http://127.0.0.1:8081/api.php --report-json d.json\n\n\
        A side is a URL, `builtin` (the mock in the scenarios' configuration) or `builtin:NAME` (the\n\
        mock serving NAME, run as --config). Only scenarios of --config run.\n\n\
        Exit status: 0 no step differs, 1 some step differs, 2 usage or scenario-file errors.")]
    Diff(Box<DiffArgs>),
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Side A: an api.php URL, `builtin` or `builtin:NAME`.
    #[arg(long, value_name = "URL|builtin[:NAME]", default_value = "builtin")]
    pub target: String,
    /// Side A's outbox (JSON-lines file or URL).
    #[arg(long, value_name = "FILE|URL")]
    pub outbox: Option<String>,
    /// Side B: an api.php URL, `builtin` or `builtin:NAME`.
    #[arg(long, value_name = "URL|builtin[:NAME]", default_value = "builtin")]
    pub against: String,
    /// Side B's outbox.
    #[arg(long, value_name = "FILE|URL")]
    pub against_outbox: Option<String>,
    /// The configuration both sides are run as; only its scenarios run.
    #[arg(long, value_name = "NAME", default_value = "default", value_parser = config_name)]
    pub config: String,
    /// The MediaWiki version a built-in side answers as [default: the first the mock speaks].
    #[arg(long, alias = "mediawiki", value_name = "VERSION", value_parser = version_value)]
    pub mediawiki_version: Option<mwcheck_mock::MediaWikiVersion>,
    /// Let scenarios that create accounts or send mail run against a non-loopback target.
    #[arg(long)]
    pub allow_writes: bool,
    #[command(flatten)]
    pub folders: Folders,
    /// Only scenarios whose id matches (id, folder prefix or glob). Repeatable.
    #[arg(long, value_name = "ID_OR_GLOB")]
    pub filter: Vec<String>,
    /// Only scenarios with this tag. Repeatable.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// How many scenarios run at once on each side.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
    /// Also write the comparison as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub report_json: Option<PathBuf>,
    #[command(flatten)]
    pub accounts: TargetAccounts,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub folders: Folders,
    /// The snapshot folder [default: `snapshots` beside the scenarios folder; not checked if absent].
    #[arg(long, value_name = "DIR")]
    pub snapshots: Option<PathBuf>,
    /// Treat warnings as errors (exit 2).
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The wiki's api.php URL; without it the built-in mock is started in-process.
    #[arg(long, value_name = "URL")]
    pub target: Option<String>,
    /// Where the target's mails can be read: a JSON-lines file or a URL answering a JSON array.
    #[arg(long, value_name = "FILE|URL", requires = "target")]
    pub outbox: Option<String>,
    /// The named wiki configuration the --target wiki runs [default: default]; scenarios needing
    /// another are skipped. Without --target, one built-in mock is started per configuration the
    /// selected scenarios need; with --docs and no --target, the built-in mock runs in NAME and
    /// plays MediaWiki (as --mediawiki-version) for the scenarios whose `mediawiki-config` is NAME.
    #[arg(long, alias = "profile", value_name = "NAME", value_parser = config_name)]
    pub config: Option<String>,
    /// Documentation mode: run the documentation scenarios (those with `claim`s) and print the
    /// drift report: for each documented claim, whether the target agrees and what it said
    /// instead. Against a documented profile every claim must agree; against MediaWiki (a target
    /// in a scenario's `mediawiki-config`) exactly the claims marked `drift` for its version differ.
    #[arg(long)]
    pub docs: bool,
    /// Let scenarios that create accounts or send mail run against a non-loopback target.
    #[arg(long)]
    pub allow_writes: bool,
    #[command(flatten)]
    pub accounts: TargetAccounts,
    /// Colour the ok/FAILED/skipped words: auto (on a terminal, unless NO_COLOR is set), always,
    /// never.
    #[arg(long, value_name = "WHEN", default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
    /// Do not ask the --target what it offers before the run (nothing is then skipped for lack of
    /// a module, extension or email, and nothing is sent before the first scenario).
    #[arg(long, requires = "target")]
    pub no_probe: bool,
    /// How many scenarios run at once.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
    /// No progress bar (it is drawn on stderr only when stderr is a terminal and CI is unset).
    #[arg(long, short)]
    pub quiet: bool,
    /// Also write the results as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub report_json: Option<PathBuf>,
    /// Also write the results as JUnit XML to this file (for GitLab, Jenkins and GitHub test
    /// summaries): a test suite per module, a test case per scenario, failures with their
    /// request, expected and actual responses and diff (secrets redacted).
    #[arg(long, value_name = "FILE")]
    pub report_junit: Option<PathBuf>,
    /// Also write a self-contained HTML report to this file: a matrix of modules by level, and
    /// each failure with its request, expected and actual responses and diff (secrets redacted).
    #[arg(long, value_name = "FILE")]
    pub report_html: Option<PathBuf>,
    #[command(flatten)]
    pub folders: Folders,
    #[command(flatten)]
    pub samples: crate::commands::samples::SampleArgs,
    /// Run only scenarios whose id matches: an id, a folder prefix, or a glob (`*`, `?`). Repeatable.
    #[arg(long, value_name = "ID_OR_GLOB")]
    pub filter: Vec<String>,
    /// Run only scenarios with this tag. Repeatable.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Run only scenarios of this level (must, should, may). Repeatable.
    #[arg(long, value_name = "LEVEL", value_parser = level_name)]
    pub level: Vec<mwcheck_harness::scenario::Level>,
    /// Send nothing: print for each scenario whether it would run, or why not (filtered out by
    /// which option, or the target lacks a configuration or capability). Exit 0.
    #[arg(long)]
    pub dry_run: bool,
    /// Known failures on this target (YAML: `expected-failures:` entries with `scenario`,
    /// `reason`, optional `step` and `message`): reported as xfail and not failing the run; a
    /// listed scenario that passes is an XPASS and fails the run.
    #[arg(long, value_name = "FILE", conflicts_with = "docs")]
    pub expectations: Option<PathBuf>,
    /// Write this run's failures as an expectations file (a starting point for --expectations).
    #[arg(long, value_name = "FILE", conflicts_with = "docs")]
    pub write_expectations: Option<PathBuf>,
    /// The snapshot folder, one set per MediaWiki version in it (`DIR/1.43/…`) [default:
    /// `snapshots` beside the scenarios folder].
    #[arg(long, value_name = "DIR")]
    pub snapshots: Option<PathBuf>,
    /// The target's MediaWiki version (e.g. 1.43), whose contract the scenarios are read for
    /// [default: the version siteinfo's `generator` names; for a target that does not say (a
    /// private wiki, --no-probe), the newest reference version, with a note]. For the built-in
    /// mock: the version it answers as (1.43 or 1.39) [default: --reference, else 1.43].
    #[arg(long, value_name = "VERSION", value_parser = version_value)]
    pub mediawiki_version: Option<mwcheck_mock::MediaWikiVersion>,
    /// The real MediaWiki version whose snapshots the responses are compared with, for the
    /// fidelity verdict [default: the target's version].
    #[arg(long, value_name = "VERSION", value_parser = version_value)]
    pub reference: Option<mwcheck_mock::MediaWikiVersion>,
    /// Let a run in which no `must` scenario ran (NO VERDICT: all filtered out or skipped) exit 0;
    /// without it such a run exits 1, so a misconfigured CI gate cannot pass by accident.
    #[arg(long)]
    pub allow_no_verdict: bool,
    /// Fail the run when fidelity is not 100%: a step's response differs from its snapshot, or
    /// no snapshot was compared. Without it, fidelity is reported and does not change the exit
    /// status.
    #[arg(long, conflicts_with_all = ["no_snapshots", "docs"])]
    pub require_fidelity: bool,
    /// Write each passed scenario's snapshots instead of checking them (record from a real
    /// MediaWiki only; scripts/record-snapshots.sh records them all).
    #[arg(long, conflicts_with = "no_snapshots")]
    pub update_snapshots: bool,
    /// Like --update-snapshots, but for review: each step whose response differs from its
    /// snapshot (or has none) is written as insta's pending file `step-NN.snap.new` beside it;
    /// accepted files stay untouched. Then `cargo insta review` (or `accept` / `reject`).
    #[arg(long, conflicts_with_all = ["no_snapshots", "update_snapshots"])]
    pub record_snapshots: bool,
    /// Do not check responses against the snapshots.
    #[arg(long)]
    pub no_snapshots: bool,
    /// Seconds a whole request may take (connect to end of body).
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub timeout: f64,
    /// Seconds to wait for a connection.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub connect_timeout: f64,
    /// Send `maxlag=N` with every api.php request: MediaWiki then declines requests while its
    /// database replicas lag more than N seconds, and mwcheck waits as told and sends them again
    /// [default: 5 for a non-loopback --target, off otherwise].
    #[arg(long, value_name = "N|off", value_parser = maxlag_value)]
    pub maxlag: Option<Maxlag>,
    /// The least pause between one request to the target ending and the next starting, across
    /// all jobs (requests then go one at a time), e.g. `200ms`, `1s`, or `off` [default: 100ms
    /// for a non-loopback --target, off otherwise].
    #[arg(long, value_name = "DURATION|off", value_parser = pace_value)]
    pub pace: Option<Pace>,
    /// How often a request the target declines (the maxlag error; HTTP 429 or 503 with
    /// Retry-After) is sent again, after the wait it asks for, before the step fails.
    #[arg(long, value_name = "N", default_value_t = mwcheck_harness::runner::pacing::DEFAULT_MAX_RETRIES)]
    pub max_retries: u32,
    /// The longest wait, in seconds, a Retry-After may ask for; a longer one fails the step.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub max_retry_wait: f64,
}

/// `--maxlag`: a number of seconds, or off.
#[derive(Clone, Copy, Debug)]
pub struct Maxlag(pub Option<u32>);

fn maxlag_value(text: &str) -> Result<Maxlag, String> {
    if text == "off" {
        return Ok(Maxlag(None));
    }
    text.parse()
        .map(|n| Maxlag(Some(n)))
        .map_err(|_| "a whole number of seconds, or `off`".to_owned())
}

/// `--pace`: a duration, or off.
#[derive(Clone, Copy, Debug)]
pub struct Pace(pub Option<std::time::Duration>);

/// `250ms`, `2s`, `1.5s`; `off` (or a zero duration) turns pacing off.
fn pace_value(text: &str) -> Result<Pace, String> {
    const USAGE: &str = "a duration such as 200ms or 1.5s, or `off`";
    if text == "off" {
        return Ok(Pace(None));
    }
    let (number, unit) = match text.strip_suffix("ms") {
        Some(number) => (number, 1e-3),
        None => (text.strip_suffix('s').ok_or(USAGE)?, 1.0),
    };
    let value: f64 = number.parse().map_err(|_| USAGE)?;
    let duration =
        std::time::Duration::try_from_secs_f64(value * unit).map_err(|_| USAGE.to_owned())?;
    Ok(Pace((!duration.is_zero()).then_some(duration)))
}

#[derive(Debug, Args)]
pub struct Folders {
    /// The scenarios folder.
    #[arg(long, value_name = "DIR", default_value = "scenarios")]
    pub scenarios: PathBuf,
    /// The JSON Schema folder [default: `schemas` beside the scenarios folder].
    #[arg(long, value_name = "DIR")]
    pub schemas: Option<PathBuf>,
}

impl Folders {
    pub fn schemas_dir(&self) -> PathBuf {
        self.schemas
            .clone()
            .unwrap_or_else(|| self.beside_scenarios("schemas"))
    }

    /// A folder named `name` in the folder holding the scenarios folder.
    pub fn beside_scenarios(&self, name: &str) -> PathBuf {
        let absolute = std::path::absolute(&self.scenarios).unwrap_or(self.scenarios.clone());
        absolute
            .parent()
            .map(|p| p.join(name))
            .unwrap_or_else(|| PathBuf::from(name))
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// The port to listen on.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Also append each mail to this file as one JSON line.
    #[arg(long, value_name = "FILE")]
    pub outbox: Option<PathBuf>,
    /// The named wiki configuration (or profile, e.g. `legacy-1.21`) to serve.
    #[arg(long, alias = "profile", value_name = "NAME", default_value = "default", value_parser = config_name)]
    pub config: String,
    /// PBKDF2 rounds for the passwords it stores: MediaWiki's cost by default; a client's own
    /// tests may ask for fewer (e.g. 1) to create accounts faster.
    #[arg(long, value_name = "N", default_value_t = mwcheck_mock::password_hash::MEDIAWIKI_PBKDF2_ITERATIONS,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub pbkdf2_iterations: u32,
    /// Serve the test endpoints (`/_mwcheck/outbox`: every mail, temporary passwords included;
    /// `/_mwcheck/captcha`: any session's captcha answer) even when --host is not a loopback
    /// address; on loopback they are always served.
    #[arg(long)]
    pub test_endpoints: bool,
    /// The MediaWiki version to answer as (1.43 or 1.39) [default: the first of those the mock
    /// speaks].
    #[arg(long, alias = "mediawiki", value_name = "VERSION", value_parser = version_value)]
    pub mediawiki_version: Option<mwcheck_mock::MediaWikiVersion>,
    /// The most connections held at once; past it the one idle the longest is closed.
    #[arg(long, value_name = "N", default_value_t = 4096, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Seconds a client has to send a request's headers, on a new connection and between
    /// kept-alive requests, before the connection is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_timeout: u64,
    /// Threads answering requests. The wiki's state sits behind one lock, so one thread is
    /// fastest (more mostly wait for it); password hashing runs on its own threads either way.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub workers: u16,
}

/// Accepts the names of `WikiConfig::NAMES`.
fn config_name(name: &str) -> Result<String, String> {
    let known = mwcheck_mock::WikiConfig::NAMES;
    if known.contains(&name) {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "unknown configuration; known: {}",
            known.join(", ")
        ))
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub folders: Folders,
}

/// Accepts `must`, `should` and `may`.
fn version_value(text: &str) -> Result<mwcheck_mock::MediaWikiVersion, String> {
    text.parse()
}

fn level_name(name: &str) -> Result<mwcheck_harness::scenario::Level, String> {
    use mwcheck_harness::scenario::Level;
    match name {
        "must" => Ok(Level::Must),
        "should" => Ok(Level::Should),
        "may" => Ok(Level::May),
        _ => Err("known levels: must, should, may".to_owned()),
    }
}

/// `mwcheck list`: the folders and the selection options of `run`.
#[derive(Debug, Args)]
pub struct ListSelectArgs {
    #[command(flatten)]
    pub folders: Folders,
    /// List only scenarios whose id matches: an id, a folder prefix, or a glob. Repeatable.
    #[arg(long, value_name = "ID_OR_GLOB")]
    pub filter: Vec<String>,
    /// List only scenarios with this tag. Repeatable.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// List only scenarios of this level (must, should, may). Repeatable.
    #[arg(long, value_name = "LEVEL", value_parser = level_name)]
    pub level: Vec<mwcheck_harness::scenario::Level>,
}

/// The accounts scenarios use on a URL target (`run --target`, `diff`'s URL sides); a built-in
/// mock has its own.
#[derive(Debug, Args)]
pub struct TargetAccounts {
    /// A `sysop` account on the target wiki (a URL target), for scenarios that log in (`{{admin_user}}`).
    #[arg(long, value_name = "NAME", default_value = "Admin")]
    pub admin_user: String,
    /// That account's password (`{{admin_password}}`; redacted in all output) [default: the one
    /// scripts/mediawiki.sh sets]. A command line is readable by other local users: prefer the
    /// environment variable or --admin-password-file for a real password.
    #[arg(
        long,
        value_name = "PASSWORD",
        env = "MWCHECK_ADMIN_PASSWORD",
        hide_env_values = true,
        default_value = "Adminpass-12345",
        hide_default_value = true
    )]
    pub admin_password: String,
    /// Read that password from this file (its first line).
    #[arg(long, value_name = "FILE", value_parser = secret_file, conflicts_with = "admin_password")]
    pub admin_password_file: Option<String>,
    /// A bot password of that account, as `User@appid` (`{{bot_user}}`).
    #[arg(long, value_name = "USER@APPID", default_value = "Admin@mwcheck")]
    pub bot_user: String,
    /// That bot password (`{{bot_password}}`; redacted in all output) [default: the one
    /// scripts/mediawiki.sh creates].
    #[arg(
        long,
        value_name = "PASSWORD",
        env = "MWCHECK_BOT_PASSWORD",
        hide_env_values = true,
        default_value = mwcheck_mock::BOT_PASSWORD,
        hide_default_value = true
    )]
    pub bot_password: String,
    /// Read that bot password from this file (its first line).
    #[arg(long, value_name = "FILE", value_parser = secret_file, conflicts_with = "bot_password")]
    pub bot_password_file: Option<String>,
}

/// A secret kept in a file: its first line (a trailing newline is not part of it).
fn secret_file(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("cannot read {path}: {err}"))?;
    let secret = text.lines().next().unwrap_or_default().to_owned();
    if secret.is_empty() {
        return Err(format!("{path} holds no password on its first line"));
    }
    Ok(secret)
}

impl TargetAccounts {
    /// Whether any account option differs from its default (they only mean something for a URL
    /// target, so the commands refuse them otherwise).
    pub fn given(&self) -> bool {
        self.admin_user != "Admin"
            || self.admin().password != "Adminpass-12345"
            || self.bot_user != "Admin@mwcheck"
            || self.bot().password != mwcheck_mock::BOT_PASSWORD
    }

    pub fn admin(&self) -> mwcheck_harness::vars::Credentials {
        mwcheck_harness::vars::Credentials {
            user: self.admin_user.clone(),
            password: self
                .admin_password_file
                .clone()
                .unwrap_or_else(|| self.admin_password.clone()),
        }
    }

    pub fn bot(&self) -> mwcheck_harness::vars::Credentials {
        mwcheck_harness::vars::Credentials {
            user: self.bot_user.clone(),
            password: self
                .bot_password_file
                .clone()
                .unwrap_or_else(|| self.bot_password.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn pace_takes_milliseconds_seconds_or_off() {
        let pace = |text| pace_value(text).map(|p| p.0);
        assert_eq!(pace("200ms"), Ok(Some(Duration::from_millis(200))));
        assert_eq!(pace("1.5s"), Ok(Some(Duration::from_millis(1500))));
        assert_eq!(pace("off"), Ok(None));
        assert_eq!(pace("0s"), Ok(None));
        assert!(pace("200").is_err());
        assert!(pace("-1s").is_err());
        assert!(pace("fast").is_err());
    }

    #[test]
    fn maxlag_takes_seconds_or_off() {
        assert_eq!(maxlag_value("5").map(|m| m.0), Ok(Some(5)));
        assert_eq!(maxlag_value("off").map(|m| m.0), Ok(None));
        assert!(maxlag_value("-1").is_err());
    }

    #[test]
    fn serve_hashes_at_mediawiki_cost_unless_asked() {
        let rounds = |args: &[&str]| match Cli::try_parse_from(args).map(|cli| cli.command) {
            Ok(Command::Serve(serve)) => Ok(serve.pbkdf2_iterations),
            Ok(_) => Err("not serve".to_owned()),
            Err(err) => Err(err.to_string()),
        };
        assert_eq!(rounds(&["mwcheck", "serve"]), Ok(30_000));
        assert_eq!(
            rounds(&["mwcheck", "serve", "--pbkdf2-iterations", "1"]),
            Ok(1)
        );
        assert!(rounds(&["mwcheck", "serve", "--pbkdf2-iterations", "0"]).is_err());
    }
}
