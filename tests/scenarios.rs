//! The project's scenario files as tests: one trial per file in `scenarios/` and MediaWiki version
//! the mock speaks (`1.43/createaccount/…`), each run against the built-in mock wiki of its
//! configuration answering as that version (one per configuration and version, started on first
//! use; one tokio runtime shared by all trials), then each step's normalised response checked with
//! insta against the snapshot recorded from a real MediaWiki of that version
//! (`snapshots/1.43/<id>/step-NN.snap`). A failing trial
//! shows the runner's message or insta's diff; a file with mistakes fails with its diagnostics.
//! Snapshots are recorded from a real wiki only (scripts/record-snapshots.sh), so insta does not
//! write pending `.snap.new` files from the mock unless INSTA_UPDATE says otherwise.

use libtest_mimic::{Arguments, Failed, Trial};
use mwcheck_harness::BuiltinMocks;
use mwcheck_harness::runner::{self, RunOptions, Status};
use mwcheck_harness::scenario;
use mwcheck_harness::schema::SchemaCache;
use mwcheck_harness::snapshot::{SnapshotMode, Snapshots, StepSnapshot};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

fn main() {
    if std::env::var_os("INSTA_UPDATE").is_none() {
        // SAFETY: no other thread exists yet.
        unsafe { std::env::set_var("INSTA_UPDATE", "no") };
    }
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenarios_dir = root.join("scenarios");
    let schemas_dir = root.join("schemas");
    let files = scenario::find_files(&scenarios_dir)
        .map(|found| found.files)
        .unwrap_or_else(|err| {
            eprintln!("cannot read {}: {err}", scenarios_dir.display());
            Vec::new()
        });
    let runtime = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime"),
    );
    // One mock per wiki configuration and version, started by the first scenario that needs it.
    let targets = Arc::new(BuiltinMocks::default());
    let schemas = Arc::new(SchemaCache::new(&schemas_dir));
    let mut trials = Vec::new();
    // The mock answers as each version it speaks: its responses must equal that version's
    // snapshots, each file read as it reads for that version.
    for &version in mwcheck_mock::MOCK_VERSIONS {
        let snapshots_dir =
            mwcheck_harness::fidelity::snapshot_dir(&root.join("snapshots"), version);
        let mut run_options = RunOptions::new(schemas_dir.clone());
        run_options.snapshots = Snapshots {
            mode: SnapshotMode::Collect,
            dir: snapshots_dir.clone(),
        };
        let options = Arc::new(run_options);
        // What each scenario's snapshot folder may hold: its steps that take snapshots.
        let mut expected_files: HashMap<String, Vec<String>> = HashMap::new();
        for (id, path) in &files {
            let loaded = scenario::load_file_for(id, path, &schemas, version);
            // A scenario for other versions (its `versions:`, or its configuration's) is not run
            // as this one: ignored, as a target of this version skips it.
            let other_versions = loaded
                .as_ref()
                .is_ok_and(|scenario| scenario.version_mismatch().is_some());
            if let Ok(scenario) = &loaded {
                expected_files.insert(id.clone(), mwcheck_harness::lint::snapshot_files(scenario));
            }
            let (runtime, targets, options, schemas, snapshots_dir) = (
                runtime.clone(),
                targets.clone(),
                options.clone(),
                schemas.clone(),
                snapshots_dir.clone(),
            );
            trials.push(
                Trial::test(format!("{version}/{id}"), move || {
                    let scenario = loaded.map_err(|problems| {
                        Failed::from(
                            problems
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join("\n"),
                        )
                    })?;
                    let target = runtime
                        .block_on(targets.target(&scenario.config, version))
                        .map_err(|problem| Failed::from(problem.to_string()))?;
                    let outcome =
                        runtime.block_on(runner::run_one(&scenario, &target, &options, &schemas));
                    match outcome.status {
                        Status::Passed => outcome
                            .snapshots
                            .iter()
                            .try_for_each(|taken| check_snapshot(&snapshots_dir, taken)),
                        Status::Failed(message) => Err(message.into()),
                        Status::Skipped(reason) => {
                            Err(format!("skipped against the mock: {reason}").into())
                        }
                    }
                })
                .with_ignored_flag(other_versions),
            );
        }
        trials.push(Trial::test(
            format!("{version}/snapshots/no-stray-files"),
            move || stray_snapshots(&snapshots_dir, &expected_files),
        ));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// Fails on snapshot files no scenario step takes (a deleted scenario or step, or a step that
/// now says `snapshot: {skip: …}`), and on pending `.snap.new` files (`mwcheck lint`'s check).
fn stray_snapshots(dir: &Path, expected: &HashMap<String, Vec<String>>) -> Result<(), Failed> {
    let (stray, pending) = mwcheck_harness::lint::stray_snapshots(dir, expected);
    let mut all: Vec<String> = stray
        .iter()
        .chain(&pending)
        .map(|p| p.display().to_string())
        .collect();
    all.sort();
    if all.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "snapshot files no scenario step takes, or pending review (remove them, review them \
             with `cargo insta review`, or re-record with scripts/record-snapshots.sh):\n  {}",
            all.join("\n  ")
        )
        .into())
    }
}

/// insta's check of one step against its recorded snapshot.
fn check_snapshot(dir: &Path, taken: &StepSnapshot) -> Result<(), Failed> {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir.join(&taken.folder));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(taken.description.clone());
    settings.set_omit_expression(true);
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(taken.name.clone(), taken.text.clone()));
    }));
    checked.map_err(|_| {
        Failed::from(format!(
            "{}: the mock's response differs from the real wiki's snapshot {} (diff above)",
            taken.description,
            taken.path(dir).display()
        ))
    })
}
