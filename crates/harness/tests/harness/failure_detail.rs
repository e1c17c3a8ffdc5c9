//! What the runner keeps of steps that are not an `expect` mismatch: a response that differs from
//! its recorded snapshot (a fidelity difference with the snapshot's diff; the scenario still
//! passes), and, in the reports' structured detail, a documentation claim that goes against expectation in `--docs` mode (a
//! drift nothing records, or an agreement where a drift is recorded), each with the request and
//! the response that the step exchanged.

use mwcheck_harness::runner::{self, Outcome, RunOptions, Status};
use mwcheck_harness::scenario::{self, Scenario};
use mwcheck_harness::snapshot::{SnapshotMode, Snapshots};
use mwcheck_harness::target::Target;
use std::path::PathBuf;

fn root() -> PathBuf {
    crate::workspace()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mwcheck-detail-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A documentation scenario from its text, as `scenarios/ID.yaml` read for 1.39.
fn docs_scenario(id: &str, text: &str) -> Scenario {
    let file = format!("scenarios/{id}.yaml");
    scenario::parse::parse(id, &file, text, mwcheck_mock::MediaWikiVersion::V1_39)
        .unwrap_or_else(|problems| panic!("{}", problems[0]))
}

/// Documentation mode, no snapshots.
fn docs_options() -> RunOptions {
    let mut options = RunOptions::new(root().join("schemas"));
    options.docs = true;
    options.snapshots = Snapshots::off();
    options
}

/// The built-in mock in a named configuration.
async fn mock(config: &str) -> Target {
    Target::builtin_named(config, mwcheck_mock::MOCK_VERSIONS[0])
        .await
        .expect("a known configuration")
        .expect("the mock starts")
}

async fn run_one(scenario: &Scenario, target: &Target, options: &RunOptions) -> Outcome {
    let outcomes = runner::run_all(std::iter::once(scenario), target, options).await;
    outcomes.into_iter().next().expect("one outcome")
}

#[tokio::test]
async fn a_snapshot_mismatch_is_a_fidelity_difference_with_its_diff() {
    let id = "tokens/anonymous-csrf";
    let all = scenario::load_dir(&root().join("scenarios"), &root().join("schemas"))
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    let chosen = all.iter().find(|s| s.id == id).expect("the scenario");

    // A copy of its recorded snapshots, with one line of the first changed.
    let dir = scratch("snapshot");
    let folder = dir.join(id);
    std::fs::create_dir_all(&folder).expect("snapshot folder");
    for entry in std::fs::read_dir(root().join("snapshots/1.39").join(id)).expect("recorded") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), folder.join(entry.file_name())).expect("copy");
    }
    let first = folder.join("step-01.snap");
    let recorded = std::fs::read_to_string(&first).expect("step 1's snapshot");
    assert!(recorded.contains("\"batchcomplete\": \"\""), "{recorded}");
    std::fs::write(
        &first,
        recorded.replace("\"batchcomplete\": \"\"", "\"batchcomplete\": \"no\""),
    )
    .expect("altered");

    let mut options = RunOptions::new(root().join("schemas"));
    options.snapshots = Snapshots {
        mode: SnapshotMode::Check,
        dir: dir.clone(),
    };
    let target = Target::builtin().await.expect("mock");
    let outcome = run_one(chosen, &target, &options).await;
    target.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);

    // A snapshot difference is fidelity: the scenario still passes, the step's difference is kept.
    assert_eq!(outcome.status, Status::Passed, "{outcome:?}");
    assert!(outcome.failure.is_none(), "{outcome:?}");
    assert_eq!(outcome.fidelity.compared, 2, "{:?}", outcome.fidelity);
    let [difference] = outcome.fidelity.differences.as_slice() else {
        panic!("one difference expected: {:?}", outcome.fidelity);
    };
    assert_eq!(difference.step, 1);
    assert!(
        difference
            .summary
            .starts_with("response differs from the snapshot ")
            && !difference.summary.contains("--- snapshot"),
        "the summary is one line, without the diff: {}",
        difference.summary
    );
    let diff = difference.diff.as_deref().expect("the snapshot's diff");
    assert!(diff.starts_with("--- snapshot\n+++ this target"), "{diff}");
    assert!(diff.contains("\n-  \"batchcomplete\": \"no\","), "{diff}");
    assert!(diff.contains("\n+  \"batchcomplete\": \"\","), "{diff}");
}

/// A documentation scenario compared with MediaWiki 1.39 (`default`): step 1's claim is false
/// there and records no drift; step 2 records a drift that the target does not show.
const DOCS_SCENARIO: &str = r#"title: "claims that go against expectation"
docs: ["API:Validatepassword"]
level: should
config: documented
mediawiki-config: default
snapshot: {skip: "a test's scenario"}
steps:
  - name: a claim 1.39 does not keep
    claim: "a password is always Bogus"
    post: {action: validatepassword, password: "Correct-horse-77", format: json}
    expect:
      json: {validatepassword: {validity: Bogus}}
  - name: a recorded drift that is not there
    claim: "answers with a validity"
    drift: "said to differ on 1.39"
    post: {action: validatepassword, password: "Correct-horse-77", format: json}
    expect:
      json-subset: {validatepassword: {validity: "$regex:^(Good|Change|Invalid)$"}}
"#;

#[tokio::test]
async fn docs_failures_carry_the_step_they_are_about() {
    let file = "scenarios/docs/test-claims.yaml";
    let scenario = docs_scenario("docs/test-claims", DOCS_SCENARIO);
    let options = docs_options();
    let target = mock("default").await;
    let outcome = run_one(&scenario, &target, &options).await;

    let Status::Failed(message) = &outcome.status else {
        panic!("the false claim passed: {outcome:?}");
    };
    assert!(
        message.contains("2 steps went against expectation"),
        "{message}"
    );
    // The reports' detail is the first: the drift nothing records, with its request, response
    // and the body's diff.
    let detail = outcome.failure.as_deref().expect("structured detail");
    assert_eq!((detail.step, detail.file.as_str()), (1, file));
    assert!(detail.message.contains("Bogus"), "{}", detail.message);
    let request = detail.request.as_ref().expect("the request");
    assert_eq!(request.method, "POST");
    assert!(
        request
            .body_params
            .contains(&("password".into(), "[redacted]".into())),
        "{:?}",
        request.body_params
    );
    let actual = detail.actual.as_ref().expect("the response");
    assert!(
        actual.body.contains("\"validity\": \"Good\""),
        "{}",
        actual.body
    );
    let diff = detail.diff.as_deref().expect("the diff");
    assert!(diff.contains("-") && diff.contains("Bogus"), "{diff}");

    // Each step keeps its own detail: the second is the agreement where a drift is recorded.
    let (_, checks) = outcome.docs.as_ref().expect("docs checks");
    let second = checks[1]
        .detail
        .as_deref()
        .expect("the second step's detail");
    assert_eq!(second.step, 2);
    assert!(
        second
            .message
            .starts_with("agrees with the documentation, but is recorded as a drift of MediaWiki 1.39 (said to differ on 1.39)"),
        "{}",
        second.message
    );
    assert!(second.actual.is_some() && second.request.is_some());
    assert_eq!(second.diff, None);

    // As the documented profile (the mock `documented`), the same claims pass or fail without
    // a recorded drift, and a passing scenario has no detail.
    let documented = mock("documented").await;
    let mut agreeing = scenario.clone();
    agreeing.steps.remove(0);
    let outcome = run_one(&agreeing, &documented, &options).await;
    assert_eq!(outcome.status, Status::Passed, "{outcome:?}");
    assert!(outcome.failure.is_none());
    documented.shutdown().await;
    target.shutdown().await;
}

/// A claim whose request uses a variable only the documented side's set-up captures: on the
/// MediaWiki side it is never sent, and that is a problem, not its recorded drift.
const NEVER_SENT_SCENARIO: &str = r#"title: "a claim the MediaWiki side cannot send"
docs: ["API:Validatepassword"]
level: should
config: documented
mediawiki-config: default
snapshot: {skip: "a test's scenario"}
steps:
  - name: a token only the documented side fetches
    only-as: documented
    get: {action: query, meta: tokens, format: json}
    capture: {tok: /query/tokens/csrftoken}
  - name: a claim that needs it
    claim: "answers with a validity"
    drift: "said to differ on 1.39"
    post: {action: validatepassword, password: "Correct-horse-77", format: json, token: "{{tok}}"}
    expect:
      json-subset: {validatepassword: {validity: Bogus}}
"#;

#[tokio::test]
async fn a_claim_never_sent_is_no_known_drift() {
    let scenario = docs_scenario("docs/never-sent", NEVER_SENT_SCENARIO);
    let target = mock("default").await;
    let outcome = run_one(&scenario, &target, &docs_options()).await;
    target.shutdown().await;
    let Status::Failed(message) = &outcome.status else {
        panic!("a claim never sent passed as its known drift: {outcome:?}");
    };
    assert!(message.contains("not sent: "), "{message}");
    assert!(message.contains("`tok`"), "{message}");
}
