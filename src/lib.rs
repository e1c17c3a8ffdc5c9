//! mwcheck: a conformance harness for the MediaWiki Action API's account modules, and a mock wiki
//! that answers like MediaWiki 1.39. `mock` owns the mock wiki (and `mock::version`, the
//! MediaWiki versions both sides speak of); `harness` owns scenario files, the runner, the two
//! verdicts (conformance, and fidelity to a real version's snapshots) and the reports; `totp`
//! computes the one-time codes both use for two-factor logins.

pub mod harness;
pub mod mock;
pub mod totp;
