//! Bodies of the subcommands that live outside main.rs (binary side).

pub mod diff;
pub mod lint;
