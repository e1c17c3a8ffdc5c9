//! The harness's integration tests, one test binary (each file below is a module): scenario files
//! parsed and refused with their diagnostics (`parse`), the runner against fake wikis (wiremock,
//! and `fault_server` for connections that hang, close or answer garbage): transport failures
//! (`transport`), pacing and retries (`pacing`), XML answers (`xml`), failure messages
//! (`failure_detail`) and the progress hook (`progress_hook`). The fixtures are the workspace's
//! `tests/fixtures/`, shared with the CLI's tests.

mod fault_server;

mod failure_detail;
mod pacing;
mod parse;
mod progress_hook;
mod samples;
mod transport;
mod xml;

/// The workspace's top folder (the scenario files, schemas and test fixtures live there).
fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
