//! Placeholder for the scenario test runner (owned by the harness branch; dropped on merge).
fn main() {}
