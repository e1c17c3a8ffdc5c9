//! The project's scenario files as tests: one trial per file in `scenarios/`, each run against one
//! built-in mock wiki started once (one tokio runtime shared by all trials). A failing trial shows
//! the runner's message; a file with mistakes fails with its diagnostics.

use libtest_mimic::{Arguments, Failed, Trial};
use mwcheck::harness::runner::schema::SchemaCache;
use mwcheck::harness::runner::{self, RunOptions, Status};
use mwcheck::harness::scenario;
use mwcheck::harness::target::Target;
use std::path::Path;
use std::sync::Arc;

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenarios_dir = root.join("scenarios");
    let schemas_dir = root.join("schemas");
    let files = scenario::find_files(&scenarios_dir).unwrap_or_else(|err| {
        eprintln!("cannot read {}: {err}", scenarios_dir.display());
        Vec::new()
    });
    let runtime = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime"),
    );
    let target: Arc<Result<Target, String>> = Arc::new(if files.is_empty() {
        Err("no scenarios".to_owned())
    } else {
        runtime
            .block_on(Target::builtin())
            .map_err(|err| format!("cannot start the built-in mock wiki: {err}"))
    });
    let options = Arc::new(RunOptions::new(schemas_dir.clone()));
    let schemas = Arc::new(SchemaCache::new(&schemas_dir));

    let trials = files
        .into_iter()
        .map(|(id, path)| {
            let loaded = scenario::load_file(&id, &path, &schemas_dir);
            let ignored = match &loaded {
                Ok(s) => s.config != "default",
                Err(_) => false,
            };
            let (runtime, target, options, schemas) = (
                runtime.clone(),
                target.clone(),
                options.clone(),
                schemas.clone(),
            );
            Trial::test(id, move || {
                let scenario = loaded.map_err(|problems| {
                    Failed::from(
                        problems
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                })?;
                let target = target
                    .as_ref()
                    .as_ref()
                    .map_err(|m| Failed::from(m.as_str()))?;
                let outcome =
                    runtime.block_on(runner::run_one(&scenario, target, &options, &schemas));
                match outcome.status {
                    Status::Passed => Ok(()),
                    Status::Failed(message) => Err(message.into()),
                    Status::Skipped(reason) => {
                        Err(format!("skipped against the mock: {reason}").into())
                    }
                }
            })
            .with_ignored_flag(ignored)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
