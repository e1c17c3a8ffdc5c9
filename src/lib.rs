//! mwcheck: a conformance harness for the MediaWiki Action API's account modules, and a mock wiki
//! that answers like MediaWiki 1.39. `mock` owns the mock wiki; `harness` owns scenario files,
//! the runner and the reports.

pub mod harness;
pub mod mock;
