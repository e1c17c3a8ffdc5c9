//! The integration tests of mwcheck, one test binary (one link after a change, not one per file):
//! each file below is a module, and each runs the `mwcheck` binary or the harness as the CLI uses
//! it. `common` and `fault_server` are helpers they share; the scenario runner
//! (`tests/scenarios.rs`, libtest-mimic) is the only other test binary of this crate. The mock's
//! and the harness's own tests are in their crates (crates/*/tests/).

mod common;
/// Shared with the harness's tests (a server that hangs, closes or answers garbage).
#[path = "../../crates/harness/tests/harness/fault_server.rs"]
mod fault_server;
/// Shared with the mock's tests (whether a served wiki answers).
#[path = "../../crates/mock/tests/mock/served.rs"]
mod served;

mod cli_help;
mod cli_stdout;
mod faults_cli;
mod gate_cli;
mod harness_capabilities;
mod harness_cli;
mod jobs_bound;
mod lint_cli;
mod readme_coverage;
mod reports_cli;
mod safety_cli;
mod samples_cli;
mod serve_cli;
mod serve_secrets;
mod versions_cli;
mod writes_gate;
