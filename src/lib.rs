//! mwcheck: a conformance harness for the MediaWiki Action API's account modules. `harness` owns
//! scenario files, the runner, the two verdicts (conformance, and fidelity to a real version's
//! snapshots) and the reports. The mock wiki it runs against by default is the crate
//! `mwcheck-mock` (crates/mock), re-exported here as `mock`; it also owns what both sides speak of:
//! the MediaWiki versions (`mock::version`) and the one-time codes of two-factor logins (`totp`).

pub mod harness;
/// The mock wiki, the crate `mwcheck-mock` (crates/mock).
pub use mwcheck_mock as mock;
pub use mwcheck_mock::totp;
