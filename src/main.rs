//! The `mwcheck` binary: parses the command line (`cli`) and runs one command (`commands`, one
//! file each). What the commands do is the harness's (`mwcheck-harness`) and the mock's
//! (`mwcheck-mock`); this crate only reads options, prints and sets the exit status.

mod cli;
mod commands;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

/// mimalloc: the mock allocates a few dozen small strings per request, and glibc's malloc and
/// free took 18% of `serve`'s CPU under load (scripts/bench.sh).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Command::Serve(serve) = &cli.command {
        runtime.worker_threads(usize::from(serve.workers));
    }
    let runtime = match runtime.enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async {
        match cli.command {
            Command::Run(args) => commands::run::run(*args).await,
            Command::Serve(args) => commands::serve::serve(args).await,
            Command::List(args) => commands::list::list(args),
            Command::Coverage(args) => commands::coverage::coverage(args),
            Command::Lint(args) => commands::lint::lint(args),
            Command::Diff(args) => commands::diff::diff(*args).await,
        }
    })
}
