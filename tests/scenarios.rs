//! Scenario test entry point. (Temporary placeholder from the `policy` branch so that the manifest's
//! `scenarios` test target builds; the harness branch owns the real file.)

fn main() {}
