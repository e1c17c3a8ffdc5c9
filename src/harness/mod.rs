//! The conformance harness: scenario files, the runner and the reports. (Temporary placeholder from
//! the `policy` branch; another branch owns the real module.)
