//! The integration tests of mwcheck, one test binary (one link after a change, not one per file):
//! each file below is a module. `common`, `fault_server` and `race_client` are helpers they share;
//! the scenario runner (`tests/scenarios.rs`, libtest-mimic) is the only other test binary.

mod common;
mod fault_server;
mod race_client;

mod cli_help;
mod cli_stdout;
mod failure_detail;
mod faults_cli;
mod fuzz_corpora;
mod gate_cli;
mod harness_capabilities;
mod harness_cli;
mod harness_pacing;
mod harness_parse;
mod harness_transport;
mod harness_xml;
mod jobs_bound;
mod lint_cli;
mod mock_api;
mod mock_concurrency;
mod mock_connections;
mod mock_hostile_input;
mod mock_import;
mod mock_policy;
mod mock_security;
mod progress_hook;
mod readme_coverage;
mod reports_cli;
mod safety_cli;
mod versions_cli;
mod writes_gate;
