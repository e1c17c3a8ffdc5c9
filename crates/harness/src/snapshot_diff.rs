//! The snapshot diff between two targets (`mwcheck diff`): each scenario's normalised step
//! snapshots from side A and side B, compared step by step, with a unified diff for each step that
//! differs, as console text and as JSON.

use crate::runner::{Outcome, Status};
use crate::snapshot::StepSnapshot;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// One step compared.
#[derive(Clone, Debug)]
pub struct StepDiff {
    pub scenario: String,
    /// `step-NN`.
    pub step: String,
    pub description: String,
    /// `None` when both sides gave the same text; else the unified diff (a side without the
    /// step's snapshot, because its scenario failed there or earlier, shows why).
    pub diff: Option<String>,
}

/// Both sides' outcomes compared.
#[derive(Clone, Debug, Default)]
pub struct SnapshotDiff {
    pub steps: Vec<StepDiff>,
    /// Scenarios one side skipped or failed: (id, side A's status, side B's status).
    pub notes: Vec<(String, String, String)>,
}

impl SnapshotDiff {
    pub fn differing(&self) -> usize {
        self.steps.iter().filter(|s| s.diff.is_some()).count()
    }
}

fn status(status: &Status) -> String {
    match status {
        Status::Passed => "passed".to_owned(),
        Status::Failed(m) => format!("failed: {}", m.lines().next().unwrap_or_default()),
        Status::Skipped(r) => format!("skipped: {r}"),
    }
}

/// Compares the outcomes of the same scenarios on two targets.
pub fn compare(a: &[Outcome], b: &[Outcome], label_a: &str, label_b: &str) -> SnapshotDiff {
    let b_by_id: BTreeMap<&str, &Outcome> = b.iter().map(|o| (o.id.as_str(), o)).collect();
    let mut result = SnapshotDiff::default();
    for outcome_a in a {
        let Some(outcome_b) = b_by_id.get(outcome_a.id.as_str()) else {
            continue;
        };
        if outcome_a.status != Status::Passed || outcome_b.status != Status::Passed {
            result.notes.push((
                outcome_a.id.clone(),
                status(&outcome_a.status),
                status(&outcome_b.status),
            ));
        }
        let steps_b: BTreeMap<&str, &StepSnapshot> = outcome_b
            .snapshots
            .iter()
            .map(|s| (s.name.as_str(), s))
            .collect();
        let mut names: Vec<&str> = outcome_a
            .snapshots
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        names.extend(steps_b.keys().copied());
        names.sort_unstable();
        names.dedup();
        for name in names {
            let side_a = outcome_a.snapshots.iter().find(|s| s.name == name);
            let side_b = steps_b.get(name).copied();
            // A side without the step did not get a checked response there: say why.
            let text = |s: Option<&StepSnapshot>, outcome: &Outcome| match s {
                Some(s) => format!("{}\n", s.text.trim_end()),
                None => format!("[no snapshot of this step: {}]\n", status(&outcome.status)),
            };
            let (text_a, text_b) = (text(side_a, outcome_a), text(side_b, outcome_b));
            let diff = (text_a != text_b).then(|| {
                similar::TextDiff::from_lines(text_a.as_str(), text_b.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(label_a, label_b)
                    .to_string()
            });
            let description = side_a
                .or(side_b)
                .map(|s| s.description.clone())
                .unwrap_or_default();
            result.steps.push(StepDiff {
                scenario: outcome_a.id.clone(),
                step: name.to_owned(),
                description,
                diff,
            });
        }
    }
    result
}

/// The console report: each differing step with its diff, notes, then a summary line.
pub fn console(diff: &SnapshotDiff, label_a: &str, label_b: &str) -> String {
    let mut out = format!("A: {label_a}\nB: {label_b}\n\n");
    for step in diff.steps.iter().filter(|s| s.diff.is_some()) {
        out.push_str(&format!(
            "differs  {} {} ({})\n{}\n",
            step.scenario,
            step.step,
            step.description,
            step.diff.as_deref().unwrap_or_default().trim_end()
        ));
        out.push('\n');
    }
    for (id, a, b) in &diff.notes {
        out.push_str(&format!("note     {id}: A {a}; B {b}\n"));
    }
    let scenarios: std::collections::BTreeSet<&str> = diff
        .steps
        .iter()
        .filter(|s| s.diff.is_some())
        .map(|s| s.scenario.as_str())
        .collect();
    out.push_str(&format!(
        "{} steps compared, {} differ (in {} scenarios)\n",
        diff.steps.len(),
        diff.differing(),
        scenarios.len()
    ));
    out
}

/// The JSON report.
pub fn json_report(diff: &SnapshotDiff, label_a: &str, label_b: &str) -> Value {
    json!({
        "a": label_a,
        "b": label_b,
        "summary": {"steps": diff.steps.len(), "differ": diff.differing()},
        "steps": diff.steps.iter().map(|s| json!({
            "scenario": s.scenario,
            "step": s.step,
            "description": s.description,
            "same": s.diff.is_none(),
            "diff": s.diff,
        })).collect::<Vec<_>>(),
        "notes": diff.notes.iter().map(|(id, a, b)| json!({"scenario": id, "a": a, "b": b})).collect::<Vec<_>>(),
    })
}
