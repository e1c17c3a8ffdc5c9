//! The conformance harness: scenario files (`scenario`: model, parser, static checks, and
//! `scenario::versions`, how a file reads for each MediaWiki version), variables (`vars`), the
//! runner (`runner`), the target (`target`), the fidelity verdict against a real version's
//! snapshots (`fidelity`, with `snapshot` the normalisation and files), the reports (`report`, and
//! `drift_report` for documentation mode; `report_junit` and `report_html` files, from
//! `report_entries`), the table of codes the scenarios assert (`coverage`) and the static checks
//! of scenario files (`lint`); for a CI gate: selection with reasons (`selection`), known failures
//! (`expectations`) and the summary by module and level with the verdict (`summary`); the
//! comparison of two targets' snapshots (`snapshot_diff`); the run's progress bar (`progress`).

#[cfg(feature = "builtin-mock")]
mod builtin;
pub mod capabilities;
pub mod coverage;
pub mod drift_report;
pub mod expectations;
pub mod fidelity;
mod filter;
pub mod lint;
pub mod progress;
pub mod report;
pub mod report_entries;
pub mod report_html;
pub mod report_junit;
pub mod runner;
pub mod scenario;
pub mod selection;
pub mod snapshot;
pub mod snapshot_diff;
mod suite;
pub mod summary;
pub mod target;
pub mod terminal;
pub mod vars;

#[cfg(feature = "builtin-mock")]
pub use suite::BuiltinMocks;
pub use suite::{Against, SuiteError, SuiteRun, run_suite, skips};
