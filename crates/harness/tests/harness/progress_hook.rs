//! The runner's `on_finished` hook (what the progress bar counts) is called once per scenario,
//! with its id, whatever the scenario's outcome.

use mwcheck_harness::progress::FinishedHook;
use mwcheck_harness::runner::{self, RunOptions};
use mwcheck_harness::scenario;
use mwcheck_harness::target::Target;
use std::sync::{Arc, Mutex};

#[tokio::test]
async fn each_finished_scenario_is_reported_once() {
    let root = crate::workspace().join("tests/fixtures/jobs");
    let loaded = scenario::load_dir(&root.join("scenarios"), &root.join("schemas"))
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let mut options = RunOptions::new(root.join("schemas"));
    options.jobs = 3;
    options.on_finished = Some(FinishedHook::new(move |id| {
        record.lock().unwrap().push(id.to_owned());
    }));
    // The built-in mock answers these GETs without the `held` field: every scenario fails, and
    // is still counted.
    let target = Target::builtin().await.expect("the mock starts");
    let outcomes = runner::run_all(&loaded, &target, &options).await;
    target.shutdown().await;

    assert_eq!(outcomes.len(), 6);
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o.status, runner::Status::Failed(_)))
    );
    let mut reported = seen.lock().unwrap().clone();
    reported.sort();
    let ids: Vec<String> = outcomes.iter().map(|o| o.id.clone()).collect();
    assert_eq!(reported, ids);
}
