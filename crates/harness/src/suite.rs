//! The harness's entry point: [`run_suite`] runs selected scenarios against a wiki (a URL target,
//! or built-in mocks: one per configuration the scenarios need, or one in a named configuration)
//! and returns the outcomes with the label the reports give the wiki; [`skips`] says, sending
//! nothing, which of them that wiki would skip and why (a dry run); [`BuiltinMocks`] keeps one
//! built-in mock per configuration for callers that run scenarios one by one (the scenario tests).

use crate::runner::{self, RunOptions};
use crate::scenario::Scenario;
use crate::target::Target;
#[cfg(feature = "builtin-mock")]
use mwcheck_shared::MediaWikiVersion;
use std::collections::HashMap;

/// The wiki a suite runs against.
// One value per run: a boxed target would only move the size.
#[allow(clippy::large_enum_variant)]
pub enum Against {
    /// Built-in mocks answering as this MediaWiki version: one per configuration the selected
    /// scenarios name, each started when its scenarios come up and stopped when they are done.
    #[cfg(feature = "builtin-mock")]
    Builtin(MediaWikiVersion),
    /// One built-in mock in the named configuration, answering as this MediaWiki version, for
    /// every scenario (documentation mode's `--config NAME`: the mock plays MediaWiki for
    /// scenarios whose `mediawiki-config` is NAME, the documented profile for those whose
    /// `config` is NAME; the others are skipped).
    #[cfg(feature = "builtin-mock")]
    BuiltinAs(String, MediaWikiVersion),
    /// A target already described (an api.php URL, or a mock started by the caller); it is shut
    /// down when the suite is done.
    Target(Target),
}

/// What a suite ended with.
pub struct SuiteRun {
    /// The outcomes (sorted by id) and, when interrupted, what was left.
    pub run: runner::Run,
    /// What the reports call the wiki (for built-in mocks, each one started, comma-separated).
    pub label: String,
}

/// Why a suite could not run (nothing was run).
#[derive(Debug)]
pub enum SuiteError {
    /// A scenario or `BuiltinAs` names a configuration the mock does not have.
    UnknownConfig(String),
    /// The built-in mock could not start (no port to listen on, …).
    CannotStart {
        config: String,
        error: std::io::Error,
    },
}

impl std::fmt::Display for SuiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SuiteError::UnknownConfig(config) => {
                write!(f, "unknown wiki configuration `{config}`")
            }
            SuiteError::CannotStart { config, error } => {
                write!(
                    f,
                    "cannot start the built-in mock wiki (`{config}`): {error}"
                )
            }
        }
    }
}

impl std::error::Error for SuiteError {}

/// Runs the selected scenarios (at most `options.jobs` at once) against `against` until they are
/// done or `options.interrupt` is raised; once it is, no further mock starts and the scenarios
/// left are counted as not started.
pub async fn run_suite(
    selected: &[&Scenario],
    against: Against,
    options: &RunOptions,
) -> Result<SuiteRun, SuiteError> {
    match against {
        Against::Target(target) => Ok(run_on(selected, target, options).await),
        #[cfg(feature = "builtin-mock")]
        Against::BuiltinAs(config, version) => {
            let target = start(&config, version).await?;
            Ok(run_on(selected, target, options).await)
        }
        #[cfg(feature = "builtin-mock")]
        Against::Builtin(version) => per_configuration(selected, version, options).await,
    }
}

/// For each selected scenario (by id), why `against` would skip it (`None`: it would run), as a
/// run decides it; nothing is sent. A URL target is only described; built-in mocks are started, as
/// a run would start them, and stopped.
pub async fn skips(
    selected: &[&Scenario],
    against: Against,
    docs: bool,
) -> Result<HashMap<String, Option<String>>, SuiteError> {
    let decide = |target: &Target, group: &[&Scenario]| {
        group
            .iter()
            .map(|s| (s.id.clone(), runner::skip_reason(s, target, docs)))
            .collect::<Vec<_>>()
    };
    let mut skips = HashMap::new();
    match against {
        Against::Target(target) => {
            skips.extend(decide(&target, selected));
            target.shutdown().await;
        }
        #[cfg(feature = "builtin-mock")]
        Against::BuiltinAs(config, version) => {
            let target = start(&config, version).await?;
            skips.extend(decide(&target, selected));
            target.shutdown().await;
        }
        #[cfg(feature = "builtin-mock")]
        Against::Builtin(version) => {
            for (config, group) in by_configuration(selected) {
                let target = start(config, version).await?;
                skips.extend(decide(&target, &group));
                target.shutdown().await;
            }
        }
    }
    Ok(skips)
}

/// The selected scenarios grouped by the configuration they name, configurations in name order.
#[cfg(feature = "builtin-mock")]
fn by_configuration<'s>(selected: &[&'s Scenario]) -> Vec<(&'s str, Vec<&'s Scenario>)> {
    let mut configs: Vec<&str> = selected.iter().map(|s| s.config.as_str()).collect();
    configs.sort_unstable();
    configs.dedup();
    configs
        .into_iter()
        .map(|config| {
            let group = selected
                .iter()
                .copied()
                .filter(|s| s.config == config)
                .collect();
            (config, group)
        })
        .collect()
}

async fn run_on(selected: &[&Scenario], target: Target, options: &RunOptions) -> SuiteRun {
    let run = runner::run_until_interrupted(selected.iter().copied(), &target, options).await;
    let label = target.label.clone();
    target.shutdown().await;
    SuiteRun { run, label }
}

/// One built-in mock per configuration, in the configurations' order, one at a time.
#[cfg(feature = "builtin-mock")]
async fn per_configuration(
    selected: &[&Scenario],
    version: MediaWikiVersion,
    options: &RunOptions,
) -> Result<SuiteRun, SuiteError> {
    use crate::runner::interrupt::Interrupted;
    let mut outcomes = Vec::new();
    let mut interrupted: Option<Interrupted> = None;
    let mut labels = Vec::new();
    for (config, group) in by_configuration(selected) {
        if options.interrupt.is_raised() {
            interrupted.get_or_insert_default().not_started += group.len();
            continue;
        }
        let target = start(config, version).await?;
        let SuiteRun { run, label } = run_on(&group, target, options).await;
        outcomes.extend(run.outcomes);
        if let Some(left) = run.interrupted {
            interrupted.get_or_insert_default().merge(left);
        }
        labels.push(label);
    }
    outcomes.sort_by(|a, b| a.id.cmp(&b.id));
    let label = if labels.is_empty() {
        "built-in mock".to_owned()
    } else {
        labels.join(", ")
    };
    Ok(SuiteRun {
        run: runner::Run {
            outcomes,
            interrupted,
        },
        label,
    })
}

/// Starts the built-in mock in the named configuration, answering as `version`.
#[cfg(feature = "builtin-mock")]
async fn start(config: &str, version: MediaWikiVersion) -> Result<Target, SuiteError> {
    Target::builtin_named(config, version)
        .await
        .ok_or_else(|| SuiteError::UnknownConfig(config.to_owned()))?
        .map_err(|error| SuiteError::CannotStart {
            config: config.to_owned(),
            error,
        })
}

/// Built-in mocks shared by scenarios run one at a time: one per configuration and MediaWiki
/// version, started by the first scenario that needs it and kept until the set is dropped.
#[cfg(feature = "builtin-mock")]
#[derive(Default)]
pub struct BuiltinMocks {
    started: tokio::sync::Mutex<HashMap<(String, MediaWikiVersion), std::sync::Arc<Target>>>,
}

#[cfg(feature = "builtin-mock")]
impl BuiltinMocks {
    /// The mock in `config` answering as `version`, started on first use.
    pub async fn target(
        &self,
        config: &str,
        version: MediaWikiVersion,
    ) -> Result<std::sync::Arc<Target>, SuiteError> {
        let mut started = self.started.lock().await;
        let key = (config.to_owned(), version);
        if let Some(target) = started.get(&key) {
            return Ok(target.clone());
        }
        let target = std::sync::Arc::new(start(config, version).await?);
        started.insert(key, target.clone());
        Ok(target)
    }
}
