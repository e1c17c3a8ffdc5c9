//! Running scenarios against a target: scenarios concurrently (at most `jobs` at once), each
//! scenario's steps in order, skipping scenarios the target cannot run (`skip_reason`). The first
//! unmet expectation fails a scenario with a message naming file, line and step (secrets redacted);
//! each step's normalised response is compared with its snapshot, a difference kept as fidelity.
//! In documentation mode (`docs`) every step runs and each records whether the target agrees.
//! Requests go out as the run's [`pacing`] says; an [`interrupt`] stops the run early.

pub(crate) mod browse;
mod check;
pub(crate) mod detail;
pub(crate) mod docs;
mod exchange;
pub(crate) mod expect;
mod hook;
pub mod http;
pub mod interrupt;
pub(crate) mod mail;
pub mod pacing;
pub(crate) mod page;
mod skip;

pub use hook::FinishedHook;
pub use skip::skip_reason;

use crate::scenario::{Action, Pos, Scenario, Step, Text, VarSource};
use crate::schema::SchemaCache;
use crate::snapshot::{self, Normalizer, SnapshotMode, Snapshots, StepSnapshot};
use crate::snapshot::{Difference, Fidelity};
use crate::target::Target;
use crate::vars::Vars;
use detail::{FailureDetail, RequestRecord, ResponseRecord, StepTrace};
use docs::{DocsRole, StepCheck};
use futures::StreamExt;
use http::{HttpLimits, Response};
use interrupt::{Interrupt, Interrupted};
use mail::MailWaits;
use pacing::{Pacing, Retry};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

/// How a run behaves.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub jobs: usize,
    pub http: HttpLimits,
    pub mail: MailWaits,
    pub schemas_dir: PathBuf,
    pub snapshots: Snapshots,
    /// Documentation mode: only documentation scenarios are meant to run; each runs every step
    /// and records its claims.
    pub docs: bool,
    /// Called as each scenario finishes (the progress bar).
    pub on_finished: Option<FinishedHook>,
    /// maxlag, pace and retries of the requests to the target.
    pub pacing: Pacing,
    /// Raised (Ctrl-C): start no more scenarios, cancel those in flight.
    pub interrupt: Interrupt,
}

impl RunOptions {
    pub fn new(schemas_dir: PathBuf) -> RunOptions {
        RunOptions {
            jobs: 4,
            http: HttpLimits::default(),
            mail: MailWaits::default(),
            schemas_dir,
            snapshots: Snapshots::off(),
            docs: false,
            on_finished: None,
            pacing: Pacing::default(),
            interrupt: Interrupt::default(),
        }
    }
}

/// How a scenario ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    /// The failure message (may span lines: a diff).
    Failed(String),
    /// The reason.
    Skipped(String),
}

/// One scenario's result.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub id: String,
    pub status: Status,
    /// Each step's normalised response (with `SnapshotMode::Collect` and `Record`).
    pub snapshots: Vec<StepSnapshot>,
    /// In documentation mode: the role the target played and each step's record.
    pub docs: Option<(DocsRole, Vec<StepCheck>)>,
    /// Wall time the scenario took (zero when skipped).
    pub duration: std::time::Duration,
    /// For reports: the failed step's request, expectation, response and diff (redacted), when
    /// a step failed.
    pub failure: Option<Box<FailureDetail>>,
    /// Requests the target declined for now (maxlag, 429, 503) and that were sent again.
    pub retries: Vec<Retry>,
    /// The steps compared with their snapshots, and those that differ (the fidelity verdict;
    /// they do not fail the scenario).
    pub fidelity: Fidelity,
}

/// What a run ended with.
#[derive(Clone, Debug)]
pub struct Run {
    /// The finished scenarios' outcomes, sorted by id.
    pub outcomes: Vec<Outcome>,
    /// Set when the run was interrupted: what it left.
    pub interrupted: Option<Interrupted>,
}

/// Runs scenarios (at most `options.jobs` at once); outcomes sorted by id.
pub async fn run_all<'s>(
    scenarios: impl IntoIterator<Item = &'s Scenario>,
    target: &Target,
    options: &RunOptions,
) -> Vec<Outcome> {
    run_until_interrupted(scenarios, target, options)
        .await
        .outcomes
}

/// Runs scenarios (at most `options.jobs` at once) until `options.interrupt` is raised: then no
/// more start, those in flight are cancelled, and the run returns the finished ones' outcomes.
pub async fn run_until_interrupted<'s>(
    scenarios: impl IntoIterator<Item = &'s Scenario>,
    target: &Target,
    options: &RunOptions,
) -> Run {
    let scenarios: Vec<&Scenario> = scenarios.into_iter().collect();
    let schemas = SchemaCache::new(&options.schemas_dir);
    let started = std::sync::Mutex::new(Vec::new());
    let mut outcomes: Vec<Outcome> = futures::stream::iter(&scenarios)
        .map(|scenario| {
            let (started, schemas) = (&started, &schemas);
            async move {
                if let Ok(mut started) = started.lock() {
                    started.push(scenario.id.clone());
                }
                let outcome = run_one(scenario, target, options, schemas).await;
                if let Some(hook) = &options.on_finished {
                    hook.call(&outcome.id);
                }
                outcome
            }
        })
        .buffer_unordered(options.jobs.max(1))
        .take_until(options.interrupt.raised())
        .collect()
        .await;
    outcomes.sort_by(|a, b| a.id.cmp(&b.id));
    let interrupted = options.interrupt.is_raised().then(|| {
        let started = started.into_inner().unwrap_or_default();
        let mut cancelled: Vec<String> = started
            .iter()
            .filter(|id| !outcomes.iter().any(|o| &o.id == *id))
            .cloned()
            .collect();
        cancelled.sort();
        Interrupted {
            cancelled,
            not_started: scenarios.len() - started.len(),
        }
    });
    Run {
        outcomes,
        interrupted,
    }
}

/// Runs one scenario.
pub async fn run_one(
    scenario: &Scenario,
    target: &Target,
    options: &RunOptions,
    schemas: &SchemaCache,
) -> Outcome {
    let started = std::time::Instant::now();
    let mut docs = None;
    let mut failure = None;
    let mut retries = Vec::new();
    let mut fidelity = Fidelity::default();
    let (status, snapshots) = match skip_reason(scenario, target, options.docs) {
        Some(reason) => (Status::Skipped(reason), Vec::new()),
        None if options.docs => {
            let role = DocsRole::of(scenario, &target.config);
            let mut run = ScenarioRun::new(scenario, target, options, schemas);
            run.docs = true;
            run.role = role;
            let status = match run.execute().await {
                Err(message) => Status::Failed(detail::bounded(
                    &run.vars.redactor().redact(&message),
                    detail::MAX_MESSAGE_CHARS,
                )),
                Ok(()) => match docs::failure(scenario, role, &run.checks) {
                    Some(message) => Status::Failed(detail::bounded(
                        &run.vars.redactor().redact(&message),
                        detail::MAX_MESSAGE_CHARS,
                    )),
                    None => Status::Passed,
                },
            };
            // The reports' detail is the first step that went against expectation.
            retries = std::mem::take(&mut run.retries);
            failure = run
                .checks
                .iter()
                .find(|check| check.verdict(role).is_problem())
                .and_then(|check| check.detail.clone());
            docs = Some((role, run.checks));
            (status, Vec::new())
        }
        None => {
            let mut run = ScenarioRun::new(scenario, target, options, schemas);
            let status = match run.execute().await {
                Ok(()) => record(scenario, options, &run.snapshots),
                Err(message) => Status::Failed(detail::bounded(
                    &run.vars.redactor().redact(&message),
                    detail::MAX_MESSAGE_CHARS,
                )),
            };
            failure = run.failure.take().map(Box::new);
            retries = run.retries;
            fidelity = run.fidelity;
            (status, run.snapshots)
        }
    };
    Outcome {
        id: scenario.id.clone(),
        status,
        snapshots,
        docs,
        duration: started.elapsed(),
        failure,
        retries,
        fidelity,
    }
}

/// In record mode, replaces a passed scenario's snapshot files; in review mode, writes pending
/// files for those that differ.
fn record(scenario: &Scenario, options: &RunOptions, snapshots: &[StepSnapshot]) -> Status {
    let dir = &options.snapshots.dir;
    if options.snapshots.mode == SnapshotMode::Review {
        // Pending files for `cargo insta review`; accepted ones stay as they are.
        let written = snapshots
            .iter()
            .try_for_each(|s| snapshot::write_pending(dir, s, &scenario.file).map(|_| ()));
        return match written {
            Ok(()) => Status::Passed,
            Err(problem) => Status::Failed(problem),
        };
    }
    if options.snapshots.mode != SnapshotMode::Record {
        return Status::Passed;
    }
    let written = snapshot::clear(dir, &scenario.id).and_then(|()| {
        snapshots
            .iter()
            .try_for_each(|s| snapshot::write(dir, s, &scenario.file))
    });
    match written {
        Ok(()) => Status::Passed,
        Err(problem) => Status::Failed(problem),
    }
}

/// A step failure: the line it is about and what went wrong.
struct Failure {
    pos: Pos,
    message: String,
}

fn fail<T>(pos: Pos, message: impl Into<String>) -> Result<T, Failure> {
    Err(Failure {
        pos,
        message: message.into(),
    })
}

struct ScenarioRun<'a> {
    scenario: &'a Scenario,
    target: &'a Target,
    options: &'a RunOptions,
    schemas: &'a SchemaCache,
    vars: Vars,
    clients: HashMap<String, reqwest::Client>,
    mail_baseline: usize,
    snapshots: Vec<StepSnapshot>,
    /// Documentation mode: run every step, record each in `checks`.
    docs: bool,
    /// The side the target plays (outside documentation mode, the scenario's own configuration):
    /// steps `only-as` the other side are left out.
    role: DocsRole,
    checks: Vec<StepCheck>,
    /// In documentation mode, what the last failed step's target said.
    said: Option<String>,
    /// What the current step sent and received, for a failure's detail.
    trace: StepTrace,
    /// The failed step, for reports.
    failure: Option<FailureDetail>,
    /// Requests resent after the target declined them.
    retries: Vec<Retry>,
    /// Steps compared with their snapshots, and the differences.
    fidelity: Fidelity,
}

impl<'a> ScenarioRun<'a> {
    fn new(
        scenario: &'a Scenario,
        target: &'a Target,
        options: &'a RunOptions,
        schemas: &'a SchemaCache,
    ) -> ScenarioRun<'a> {
        ScenarioRun {
            scenario,
            target,
            options,
            schemas,
            vars: Vars::with_builtins(&target.server, &target.api, &target.admin, &target.bot),
            clients: HashMap::new(),
            mail_baseline: 0,
            snapshots: Vec::new(),
            docs: false,
            role: DocsRole::Documented,
            checks: Vec::new(),
            said: None,
            trace: StepTrace::default(),
            failure: None,
            retries: Vec::new(),
            fidelity: Fidelity::default(),
        }
    }

    async fn execute(&mut self) -> Result<(), String> {
        let scenario = self.scenario;
        let file = &scenario.file;
        for var in &scenario.vars {
            let (value, secret, volatile) = match &var.source {
                VarSource::Literal { value, secret } => {
                    let filled = self.vars.interpolate(&value.text).map_err(|err| {
                        format!("{file}:{}: variable `{}`: {err}", var.pos.line, var.name)
                    })?;
                    (filled, *secret, self.vars.uses_volatile(&value.text))
                }
                VarSource::Generate(generator) => (
                    generator.generate(),
                    generator.is_secret(),
                    generator.is_random(),
                ),
            };
            if volatile {
                self.vars.set_volatile(&var.name, value, secret);
            } else {
                self.vars.set(&var.name, value, secret);
            }
        }
        for actor in &scenario.actors {
            let client = http::client(&self.options.http)?;
            self.clients.insert(actor.clone(), client);
        }
        let has_mail = scenario
            .steps
            .iter()
            .any(|s| matches!(s.action, Action::Mail(_)));
        if has_mail && let Some(outbox) = &self.target.outbox {
            let client = self.client(&scenario.actors[0])?;
            self.mail_baseline = outbox
                .baseline(&client)
                .await
                .map_err(|err| format!("{file}: {err}"))?;
        }
        for step in &scenario.steps {
            if step.only_as.is_some_and(|side| side != self.role) {
                continue;
            }
            let result = self.step(step).await;
            if self.docs {
                self.record_check(step, result.err());
                continue;
            }
            if let Err(failure) = result {
                self.failure = Some(self.failure_detail(step, &failure));
                return Err(format!(
                    "{file}:{}: step {} \"{}\": {}",
                    failure.pos.line, step.number, step.name, failure.message
                ));
            }
        }
        Ok(())
    }

    /// A failed step's detail for reports, from what the step exchanged (redacted).
    fn failure_detail(&mut self, step: &Step, failure: &Failure) -> FailureDetail {
        let trace = std::mem::take(&mut self.trace);
        let redactor = self.vars.redactor();
        let body = match &trace.response {
            Some(response) => serde_json::from_slice::<Value>(&response.body).ok(),
            None => trace.mails.clone(),
        };
        let actual = match (&trace.response, &trace.mails) {
            (Some(response), _) => Some(ResponseRecord::from_response(response, redactor)),
            (None, Some(mails)) => Some(ResponseRecord::from_mails(mails, redactor)),
            (None, None) => None,
        };
        let bound = |text: String| detail::bounded(&text, detail::MAX_MESSAGE_CHARS);
        let expected = detail::expected_text(&step.expect, &self.vars).map(bound);
        let diff = body
            .and_then(|body| detail::json_diff(&step.expect, &self.vars, &body))
            .map(bound);
        FailureDetail {
            step: step.number,
            step_name: redactor.redact(&step.name),
            file: self.scenario.file.clone(),
            line: failure.pos.line,
            message: detail::bounded(
                &redactor.redact(&detail::message_without_diff(&failure.message)),
                detail::MAX_MESSAGE_CHARS,
            ),
            request: trace
                .request
                .map(|(url, request)| RequestRecord::new(&url, &request, redactor)),
            expected,
            actual,
            diff,
        }
    }

    /// Documentation mode: keeps how the step went.
    fn record_check(&mut self, step: &Step, failure: Option<Failure>) {
        let said = self.said.take();
        // A claim whose request could not even be built (a variable only the other side's set-up
        // defines) was never put to the target: that is no known drift, whatever its note says.
        let never_sent = failure.is_some()
            && matches!(step.action, Action::Http(_))
            && self.trace.request.is_none();
        let mut check = StepCheck {
            number: step.number,
            name: step.name.clone(),
            line: failure.as_ref().map_or(step.pos.line, |f| f.pos.line),
            claim: step.claim.clone(),
            known_drift: if never_sent { None } else { step.drift.clone() },
            differs: failure.as_ref().map(|f| {
                let message = detail::bounded(
                    &self.vars.redactor().redact(&f.message),
                    detail::MAX_MESSAGE_CHARS,
                );
                if never_sent {
                    format!("not sent: {message}")
                } else {
                    message
                }
            }),
            said: said.map(|s| self.vars.redactor().redact(&s)),
            detail: None,
        };
        // A step that goes against expectation keeps what it exchanged, for the reports.
        if check.verdict(self.role).is_problem() {
            let failure = failure.unwrap_or_else(|| Failure {
                pos: step.pos,
                message: format!(
                    "agrees with the documentation, but is recorded as a drift of MediaWiki {} ({})",
                    self.scenario.mediawiki_version,
                    step.drift.as_deref().unwrap_or_default()
                ),
            });
            check.detail = Some(Box::new(self.failure_detail(step, &failure)));
        }
        self.checks.push(check);
    }

    fn client(&self, actor: &str) -> Result<reqwest::Client, String> {
        self.clients
            .get(actor)
            .cloned()
            .ok_or_else(|| format!("actor `{actor}` is not declared"))
    }

    fn fill(&self, text: &Text) -> Result<String, Failure> {
        self.vars.interpolate(&text.text).map_err(|err| Failure {
            pos: text.pos,
            message: err.to_string(),
        })
    }

    fn fill_all(&self, pairs: &[(String, Text)]) -> Result<Vec<(String, String)>, Failure> {
        pairs
            .iter()
            .map(|(name, text)| Ok((name.clone(), self.fill(text)?)))
            .collect()
    }

    async fn step(&mut self, step: &Step) -> Result<(), Failure> {
        self.trace = StepTrace::default();
        let (response, mails) = match self.exchange(step).await {
            Ok(exchanged) => {
                self.trace.response = exchanged.0.clone();
                self.trace.mails = exchanged.1.clone();
                exchanged
            }
            Err(failure) => {
                // No response (or, for a mail step, not the mails): the failure says what came.
                self.said = Some(failure.message.clone());
                return Err(failure);
            }
        };
        let checked = match (&response, &mails) {
            (Some(response), _) => self.check_response(step, response),
            (None, mails) => Ok(mails.clone()),
        };
        let checked = checked.and_then(|body| match &body {
            Some(body) => self
                .check_body(&step.expect, body)
                .map(|()| Some(body.clone())),
            None => Ok(None),
        });
        match checked {
            Ok(body) => {
                self.capture(step, response.as_ref(), body.as_ref())?;
                self.snapshot(step, response.as_ref(), body.as_ref())
            }
            Err(failure) => {
                if self.docs {
                    let body = match &response {
                        Some(r) => serde_json::from_slice::<Value>(&r.body).ok(),
                        None => mails,
                    };
                    let redactor = self.vars.redactor();
                    self.said = Some(docs::said(response.as_ref(), body.as_ref(), redactor));
                    self.capture_what_there_is(step, response.as_ref(), body.as_ref());
                }
                Err(failure)
            }
        }
    }

    /// Documentation mode, after a step differed: takes each capture that the response still
    /// offers, and sets the others empty so that later claims are still put to the target
    /// (their requests then say so by what they send).
    fn capture_what_there_is(
        &mut self,
        step: &Step,
        response: Option<&Response>,
        body: Option<&Value>,
    ) {
        for capture in &step.captures {
            let single = Step {
                captures: vec![capture.clone()],
                ..step.clone()
            };
            if self.capture(&single, response, body).is_err() {
                self.vars.set_volatile(&capture.name, String::new(), false);
            }
        }
    }

    /// Normalises the step's response and compares it with its snapshot (a difference is a
    /// fidelity difference, not a failure) or keeps it, as the run's snapshot mode says.
    fn snapshot(
        &mut self,
        step: &Step,
        response: Option<&Response>,
        mails: Option<&Value>,
    ) -> Result<(), Failure> {
        let mode = &self.options.snapshots.mode;
        if *mode == SnapshotMode::Off || step.snapshot.skip.is_some() {
            return Ok(());
        }
        let normalizer = Normalizer::new(&self.vars);
        let text = match (response, mails) {
            (Some(response), _) => normalizer.http(response, &step.snapshot.redact),
            (None, Some(mails)) => normalizer.mails(mails),
            (None, None) => return Ok(()),
        };
        // Whatever the normalisation missed, secrets never reach a snapshot.
        let text = self.vars.redactor().redact(&text);
        let description = format!("step {}: {}", step.number, step.name);
        let taken = StepSnapshot::new(&self.scenario.id, step.number, description, text);
        if *mode == SnapshotMode::Check {
            self.fidelity.compared += 1;
            if let Some(problem) = snapshot::check(&self.options.snapshots.dir, &taken) {
                let redactor = self.vars.redactor();
                self.fidelity.differences.push(Difference {
                    step: step.number,
                    step_name: redactor.redact(&step.name),
                    line: step.pos.line,
                    summary: redactor.redact(&problem.summary),
                    diff: problem
                        .diff
                        .map(|d| detail::bounded(&redactor.redact(&d), detail::MAX_MESSAGE_CHARS)),
                });
            }
        }
        self.snapshots.push(taken);
        Ok(())
    }
}
