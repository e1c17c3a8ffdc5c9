//! mwcheck: a conformance harness for the MediaWiki Action API's account modules, and a mock wiki
//! that answers like MediaWiki 1.39. `mock` owns the mock wiki; `harness` owns scenario files,
//! the runner and the reports; `totp` computes the one-time codes both use for two-factor logins.

pub mod harness;
pub mod mock;
pub mod totp;
