//! The conformance harness: reads scenario files, runs them against a wiki and gives the two
//! verdicts (conformance to the contract; fidelity to a real MediaWiki version's snapshots) with
//! reports a CI gate can use.
//!
//! One entry point: [`run_suite`] runs the selected scenarios [`Against`] a wiki (an api.php URL
//! as a [`target::Target`], or built-in mocks with the default feature `builtin-mock`) and returns
//! the outcomes; [`skips`] is its dry run. A run goes:
//!
//! ```text
//! scenario::load_dir ──▶ selection::Selection ──▶ run_suite ──▶ summary / report* / fidelity
//!   (files, lint)         (--filter/--tag/…)       (runner)      (what a CI job reads)
//! ```
//!
//! The modules, top to bottom (a module imports only from those below it):
//! - the entry point: `suite` ([`run_suite`], [`skips`], [`BuiltinMocks`]) and, with the feature,
//!   `builtin` (the mock started in-process as a target);
//! - reports, from outcomes: `summary` (by module and level, the verdict), `report` (console and
//!   JSON), `report_entries` → `report_junit` / `report_html`, `drift_report` (documentation mode),
//!   `fidelity` (the snapshot verdict), `snapshot_diff` (two targets compared), `progress` and
//!   `terminal` (the console);
//! - choosing and checking scenarios: `selection` (and `filter`, the `--filter` syntax),
//!   `expectations` (known failures), `coverage` and `lint` (static checks of the files);
//! - running: `runner` (one scenario's steps: HTTP, checks, pacing, mail, interrupts), `target`
//!   (the wiki and what it may do), `capabilities` (what it offers, probed), `snapshot` (the
//!   normalisation, the files, and what a comparison found);
//! - the model: `scenario` (model, parser with diagnostics that quote the line, and
//!   `scenario::versions`, how a file reads for each MediaWiki version), `vars` (variables,
//!   captures, redaction) and `schema` (the JSON Schemas, each compiled once).

// The entry point.
#[cfg(feature = "builtin-mock")]
mod builtin;
mod suite;

// Reports.
pub mod drift_report;
pub mod fidelity;
pub mod progress;
pub mod report;
pub mod report_entries;
pub mod report_html;
pub mod report_junit;
pub mod snapshot_diff;
pub mod summary;
pub mod terminal;

// Choosing and checking scenarios.
pub mod coverage;
pub mod expectations;
mod filter;
pub mod lint;
pub mod selection;

// Running.
pub mod capabilities;
pub mod runner;
pub mod samples;
pub mod snapshot;
pub mod target;

// The model, and the JSON Schemas its files name.
pub mod scenario;
pub mod schema;
pub mod vars;

#[cfg(feature = "builtin-mock")]
pub use suite::BuiltinMocks;
pub use suite::{Against, SuiteError, SuiteRun, run_suite, skips};
