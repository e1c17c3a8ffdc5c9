//! Placeholder command-line entry point (owned by the harness branch; dropped on merge).
fn main() {}
