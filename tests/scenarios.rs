//! The project's scenario files as tests: one trial per file in `scenarios/`, each run against the
//! built-in mock wiki of its configuration (one per configuration, started on first use; one tokio
//! runtime shared by all trials). A failing trial shows the runner's message; a file with mistakes
//! fails with its diagnostics.

use libtest_mimic::{Arguments, Failed, Trial};
use mwcheck::harness::runner::schema::SchemaCache;
use mwcheck::harness::runner::{self, RunOptions, Status};
use mwcheck::harness::scenario;
use mwcheck::harness::target::Target;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

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
    // One mock per wiki configuration, started by the first scenario that needs it.
    let targets: Arc<Mutex<HashMap<String, Arc<Target>>>> = Arc::new(Mutex::new(HashMap::new()));
    let options = Arc::new(RunOptions::new(schemas_dir.clone()));
    let schemas = Arc::new(SchemaCache::new(&schemas_dir));

    let trials = files
        .into_iter()
        .map(|(id, path)| {
            let loaded = scenario::load_file(&id, &path, &schemas_dir);
            let (runtime, targets, options, schemas) = (
                runtime.clone(),
                targets.clone(),
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
                let target = mock_for(&runtime, &targets, &scenario.config)?;
                let outcome =
                    runtime.block_on(runner::run_one(&scenario, &target, &options, &schemas));
                match outcome.status {
                    Status::Passed => Ok(()),
                    Status::Failed(message) => Err(message.into()),
                    Status::Skipped(reason) => {
                        Err(format!("skipped against the mock: {reason}").into())
                    }
                }
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// The shared mock in `config`, started on first use.
fn mock_for(
    runtime: &tokio::runtime::Runtime,
    targets: &Mutex<HashMap<String, Arc<Target>>>,
    config: &str,
) -> Result<Arc<Target>, Failed> {
    let mut started = targets
        .lock()
        .map_err(|_| Failed::from("a scenario panicked while starting a mock"))?;
    if let Some(target) = started.get(config) {
        return Ok(target.clone());
    }
    let target = runtime
        .block_on(Target::builtin_named(config))
        .ok_or_else(|| Failed::from(format!("unknown wiki configuration `{config}`")))?
        .map_err(|err| Failed::from(format!("cannot start the built-in mock wiki: {err}")))?;
    let target = Arc::new(target);
    started.insert(config.to_owned(), target.clone());
    Ok(target)
}
