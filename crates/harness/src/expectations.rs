//! The expectations file (`mwcheck run --expectations FILE`): scenarios known to fail on a target,
//! each with a reason and optionally the failing step or a substring of the failure message. It
//! is parsed with positions (mistakes are reported at file:line:col like scenario files), judged
//! against a run's outcomes (expected failure, unexpected pass, failed otherwise, not run) and
//! written from a run's failures (`--write-expectations`).

use crate::filter::filter_matches;
use crate::runner::{Outcome, Status};
use crate::scenario::{Diagnostic, Key, Node, NodeValue, Pos, Scenario};
use crate::vars::Redactor;
use std::collections::BTreeMap;

/// The one top-level key.
const TOP_KEY: &str = "expected-failures";
const ENTRY_KEYS: &[&str] = &["scenario", "reason", "step", "message"];

/// A parsed expectations file.
#[derive(Clone, Debug, Default)]
pub struct Expectations {
    /// The file as named in messages.
    pub file: String,
    pub entries: Vec<Entry>,
}

/// One known failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// A scenario id, folder or glob (as `--filter`).
    pub scenario: String,
    /// Why it fails (e.g. a bug number).
    pub reason: String,
    /// The step (its number, from 1) that must be the one failing.
    pub step: Option<u32>,
    /// A substring the failure message must contain.
    pub message: Option<String>,
    /// Where the entry starts.
    pub pos: Pos,
}

/// How a listed scenario's outcome compares with its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// Failed as listed: reported as `xfail`, does not fail the run.
    ExpectedFailure,
    /// Listed but passed: reported as `XPASS`, fails the run (the entry is stale).
    UnexpectedPass,
    /// Listed but failed another way (another step, another message): a failure.
    FailedOtherwise,
    /// Listed but skipped.
    NotRun,
}

impl MarkKind {
    /// The name used in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::ExpectedFailure => "xfail",
            MarkKind::UnexpectedPass => "xpass",
            MarkKind::FailedOtherwise => "failed-otherwise",
            MarkKind::NotRun => "not-run",
        }
    }
}

/// A listed scenario's mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub kind: MarkKind,
    /// The entry's reason.
    pub reason: String,
    /// The entry's place, `file:line`.
    pub entry: String,
    /// For `FailedOtherwise`: what the entry expected that did not happen.
    pub detail: Option<String>,
}

/// A run's outcomes judged against an expectations file: each listed scenario's mark (by id).
#[derive(Clone, Debug, Default)]
pub struct Judgement {
    pub marks: BTreeMap<String, Mark>,
}

impl Judgement {
    pub fn mark(&self, id: &str) -> Option<&Mark> {
        self.marks.get(id)
    }

    /// Whether the outcome failed the run: a failure not expected, or an unexpected pass.
    pub fn counts_against(&self, outcome: &Outcome) -> bool {
        let kind = self.mark(&outcome.id).map(|m| m.kind);
        match outcome.status {
            Status::Failed(_) => kind != Some(MarkKind::ExpectedFailure),
            Status::Passed => kind == Some(MarkKind::UnexpectedPass),
            Status::Skipped(_) => false,
        }
    }
}

impl Expectations {
    /// Reads and parses the file.
    pub fn load(path: &std::path::Path) -> Result<Expectations, Vec<Diagnostic>> {
        let file = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|err| {
            vec![Diagnostic::new(
                &file,
                "",
                Pos::default(),
                format!("cannot read the expectations file: {err}"),
            )]
        })?;
        Expectations::parse(&file, &source)
    }

    /// Parses an expectations file's text; all mistakes at once, each at its position.
    pub fn parse(file: &str, source: &str) -> Result<Expectations, Vec<Diagnostic>> {
        let root = crate::scenario::parse::yaml_root(file, source)?;
        let mut errors: Vec<(Pos, String)> = Vec::new();
        let entries = top_level(&root, &mut errors)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| entry(item, &mut errors))
                    .collect()
            })
            .unwrap_or_default();
        if errors.is_empty() {
            return Ok(Expectations {
                file: file.to_owned(),
                entries,
            });
        }
        let mut problems: Vec<Diagnostic> = errors
            .into_iter()
            .map(|(pos, message)| Diagnostic::new(file, source, pos, message))
            .collect();
        problems.sort_by_key(|d| (d.pos.line, d.pos.col));
        Err(problems)
    }

    /// The first entry naming the scenario id.
    pub fn entry_for(&self, id: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| filter_matches(&e.scenario, id))
    }

    /// Warnings for entries that name none of the selected scenarios (`file:line:col: warning: …`).
    pub fn unmatched(&self, selected: &[&Scenario]) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| !selected.iter().any(|s| filter_matches(&e.scenario, &s.id)))
            .map(|e| {
                format!(
                    "{}:{}:{}: warning: expected failure `{}` matches no selected scenario",
                    self.file, e.pos.line, e.pos.col, e.scenario
                )
            })
            .collect()
    }

    /// Judges the outcomes: each outcome of a listed scenario gets a mark. A failure is expected
    /// when some entry naming it has its `step` and `message` (if given) met.
    pub fn judge(&self, outcomes: &[Outcome]) -> Judgement {
        let mut marks = BTreeMap::new();
        for outcome in outcomes {
            let naming: Vec<&Entry> = self
                .entries
                .iter()
                .filter(|e| filter_matches(&e.scenario, &outcome.id))
                .collect();
            let Some(first) = naming.first() else {
                continue;
            };
            let mark = |kind, entry: &Entry, detail| Mark {
                kind,
                reason: entry.reason.clone(),
                entry: format!("{}:{}", self.file, entry.pos.line),
                detail,
            };
            let judged = match &outcome.status {
                Status::Passed => mark(MarkKind::UnexpectedPass, first, None),
                Status::Skipped(_) => mark(MarkKind::NotRun, first, None),
                Status::Failed(message) => {
                    match naming.iter().find(|e| e.unmet(outcome, message).is_none()) {
                        Some(met) => mark(MarkKind::ExpectedFailure, met, None),
                        None => mark(
                            MarkKind::FailedOtherwise,
                            first,
                            first.unmet(outcome, message),
                        ),
                    }
                }
            };
            marks.insert(outcome.id.clone(), judged);
        }
        Judgement { marks }
    }
}

impl Entry {
    /// What of the entry's `step` and `message` the failure does not meet (`None`: all met).
    fn unmet(&self, outcome: &Outcome, message: &str) -> Option<String> {
        if let Some(step) = self.step {
            match failed_step(outcome) {
                Some(failed) if failed == step => {}
                Some(failed) => {
                    return Some(format!(
                        "expected to fail at step {step}, failed at step {failed}"
                    ));
                }
                None => return Some(format!("expected to fail at step {step}")),
            }
        }
        match &self.message {
            Some(text) if !message.contains(text.as_str()) => Some(format!(
                "expected a failure message containing {}",
                serde_json::Value::from(text.as_str())
            )),
            _ => None,
        }
    }
}

/// The step a failed outcome failed at: from the runner's failure detail, else (a failure before
/// or outside the steps' checks) from its message.
fn failed_step(outcome: &Outcome) -> Option<u32> {
    match outcome.failure.as_deref() {
        Some(detail) if detail.step > 0 => u32::try_from(detail.step).ok(),
        Some(_) => None,
        None => match &outcome.status {
            Status::Failed(message) => failing_step(message),
            _ => None,
        },
    }
}

/// The step number a runner failure message names (`file:LINE: step N "name": …`).
pub fn failing_step(message: &str) -> Option<u32> {
    let first = message.lines().next()?;
    let at = first.find(": step ")?;
    let rest = &first[at + ": step ".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn top_level<'n>(root: &'n Node, errors: &mut Vec<(Pos, String)>) -> Option<&'n [Node]> {
    let NodeValue::Map(keys) = &root.value else {
        errors.push((
            root.pos,
            format!(
                "an expectations file is a mapping with the key `{TOP_KEY}`, not {}",
                root.value.kind()
            ),
        ));
        return None;
    };
    let mut items = None;
    for (key, value) in keys {
        if key.name != TOP_KEY {
            errors.push(unknown(key, &[TOP_KEY]));
            continue;
        }
        match &value.value {
            NodeValue::Seq(list) => items = Some(list.as_slice()),
            NodeValue::Null => items = Some(&[][..]),
            other => errors.push((
                value.pos,
                format!("`{TOP_KEY}` is a list of entries, not {}", other.kind()),
            )),
        }
    }
    if items.is_none() && !keys.iter().any(|(k, _)| k.name == TOP_KEY) {
        errors.push((root.pos, format!("missing key `{TOP_KEY}`")));
    }
    items
}

fn unknown(key: &Key, known: &[&str]) -> (Pos, String) {
    (
        key.pos,
        format!(
            "unknown key `{}`; known keys: {}",
            key.name,
            known.join(", ")
        ),
    )
}

fn entry(node: &Node, errors: &mut Vec<(Pos, String)>) -> Option<Entry> {
    let NodeValue::Map(keys) = &node.value else {
        errors.push((
            node.pos,
            format!(
                "an expected failure is a mapping (scenario, reason, step, message), not {}",
                node.value.kind()
            ),
        ));
        return None;
    };
    let before = errors.len();
    let (mut scenario, mut reason, mut step, mut message) = (None, None, None, None);
    for (key, value) in keys {
        match key.name.as_str() {
            "scenario" => scenario = text(value, "scenario", errors),
            "reason" => reason = text(value, "reason", errors),
            "message" => message = text(value, "message", errors),
            "step" => match &value.value {
                NodeValue::Number(n) if n.as_u64().is_some_and(|v| v >= 1) => {
                    step = n.as_u64().and_then(|v| u32::try_from(v).ok());
                }
                other => errors.push((
                    value.pos,
                    format!(
                        "`step` is a step number (1 for the first step), not {}",
                        match other {
                            NodeValue::Number(n) => n.to_string(),
                            other => other.kind().to_owned(),
                        }
                    ),
                )),
            },
            _ => errors.push(unknown(key, ENTRY_KEYS)),
        }
    }
    if scenario.is_none() && !keys.iter().any(|(k, _)| k.name == "scenario") {
        errors.push((
            node.pos,
            "missing key `scenario` (a scenario id or glob)".to_owned(),
        ));
    }
    if reason.is_none() && !keys.iter().any(|(k, _)| k.name == "reason") {
        errors.push((
            node.pos,
            "missing key `reason` (why it fails, e.g. a bug number)".to_owned(),
        ));
    }
    if errors.len() > before {
        return None;
    }
    Some(Entry {
        scenario: scenario?,
        reason: reason?,
        step,
        message,
        pos: node.pos,
    })
}

/// A non-empty string value.
fn text(value: &Node, key: &str, errors: &mut Vec<(Pos, String)>) -> Option<String> {
    match &value.value {
        NodeValue::String(s) if !s.trim().is_empty() => Some(s.clone()),
        NodeValue::String(_) => {
            errors.push((value.pos, format!("`{key}` is empty")));
            None
        }
        other => {
            errors.push((
                value.pos,
                format!("`{key}` is a string, not {} (quote it)", other.kind()),
            ));
            None
        }
    }
}

/// An expectations file listing the run's failures (each scenario by its id, pinned to the step
/// that failed), keeping the reason of an entry that already named it; others get the first line
/// of their failure as a reason to replace (e.g. with a bug number).
pub fn write_text(target: &str, outcomes: &[Outcome], previous: Option<&Expectations>) -> String {
    let redactor = Redactor::default();
    let quote = |s: &str| serde_json::Value::from(s).to_string();
    let mut out = format!(
        "# Known failures on {target}, written by `mwcheck run --write-expectations`.\n\
         # Use with `mwcheck run --expectations FILE`; replace each reason with why the scenario\n\
         # fails (e.g. a bug number). `step` pins the failing step: failing elsewhere is a failure.\n\
         {TOP_KEY}:\n"
    );
    let failed = outcomes.iter().filter_map(|o| match &o.status {
        Status::Failed(message) => Some((o, message)),
        _ => None,
    });
    let mut any = false;
    for (outcome, message) in failed {
        any = true;
        let step = failed_step(outcome);
        let kept = previous
            .and_then(|p| p.entry_for(&outcome.id))
            .map(|e| e.reason.clone());
        let reason = kept.unwrap_or_else(|| {
            let first = redactor.redact(message.lines().next().unwrap_or_default());
            let what = first
                .find(": step ")
                .map_or(first.as_str(), |at| &first[at + 2..]);
            let what: String = what.chars().take(160).collect();
            format!("TODO: why? it fails with: {what}")
        });
        out.push_str(&format!("  - scenario: {}\n", quote(&outcome.id)));
        out.push_str(&format!("    reason: {}\n", quote(&reason)));
        if let Some(step) = step {
            out.push_str(&format!("    step: {step}\n"));
        }
    }
    if !any {
        out.push_str("  []\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(id: &str, status: Status) -> Outcome {
        Outcome {
            id: id.into(),
            status,
            snapshots: Vec::new(),
            docs: None,
            duration: Default::default(),
            failure: None,
            retries: Vec::new(),
            fidelity: Default::default(),
        }
    }

    fn failed(step: u32, what: &str) -> Status {
        Status::Failed(format!(
            "scenarios/x.yaml:12: step {step} \"create\": {what}"
        ))
    }

    const FILE: &str = "expected-failures:\n  \
        - scenario: createaccount/pass/*\n    reason: T1 read-only\n  \
        - scenario: tokens/csrf\n    reason: T2\n    step: 2\n  \
        - scenario: userinfo/anon\n    reason: T3\n    message: readonly\n";

    #[test]
    fn parses_entries_with_positions() {
        let e = Expectations::parse("x.yaml", FILE).unwrap();
        assert_eq!(e.entries.len(), 3);
        assert_eq!(e.entries[1].step, Some(2));
        assert_eq!(e.entries[2].message.as_deref(), Some("readonly"));
        assert_eq!(e.entries[1].pos, Pos { line: 4, col: 5 });
        assert_eq!(
            e.entry_for("createaccount/pass/basic").unwrap().reason,
            "T1 read-only"
        );
    }

    #[test]
    fn mistakes_are_reported_at_their_position() {
        let text = "expected-failures:\n  - scenario: a\n    reasn: x\n  - reason: z\n    step: 0\n  - 3\n";
        let problems = Expectations::parse("e.yaml", text).unwrap_err();
        let shown: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}: {}", p.pos.line, p.pos.col, p.message))
            .collect();
        assert_eq!(
            shown,
            [
                "2:5: missing key `reason` (why it fails, e.g. a bug number)",
                "3:5: unknown key `reasn`; known keys: scenario, reason, step, message",
                "4:5: missing key `scenario` (a scenario id or glob)",
                "5:11: `step` is a step number (1 for the first step), not 0",
                "6:5: an expected failure is a mapping (scenario, reason, step, message), not a number",
            ]
        );
        assert!(problems[0].to_string().starts_with("e.yaml:2:5: error: "));
        let problems = Expectations::parse("e.yaml", "known: []\n").unwrap_err();
        assert!(problems[0].message.contains("unknown key `known`"));
        assert!(Expectations::parse("e.yaml", "expected-failures: [a\n").is_err());
    }

    #[test]
    fn outcomes_are_judged_by_their_entries() {
        let e = Expectations::parse("x.yaml", FILE).unwrap();
        let outcomes = vec![
            outcome("createaccount/pass/basic", failed(1, "readonly")),
            outcome("createaccount/pass/email", Status::Passed),
            outcome("tokens/csrf", failed(3, "bad")),
            outcome("userinfo/anon", failed(1, "body differs")),
            outcome(
                "createaccount/pass/mail",
                Status::Skipped("needs the outbox".into()),
            ),
            outcome("login/other", failed(1, "x")),
        ];
        let judged = e.judge(&outcomes);
        let kind = |id: &str| judged.mark(id).map(|m| m.kind);
        assert_eq!(
            kind("createaccount/pass/basic"),
            Some(MarkKind::ExpectedFailure)
        );
        assert_eq!(
            kind("createaccount/pass/email"),
            Some(MarkKind::UnexpectedPass)
        );
        assert_eq!(kind("tokens/csrf"), Some(MarkKind::FailedOtherwise));
        assert_eq!(
            judged.mark("tokens/csrf").unwrap().detail.as_deref(),
            Some("expected to fail at step 2, failed at step 3")
        );
        assert_eq!(kind("userinfo/anon"), Some(MarkKind::FailedOtherwise));
        assert_eq!(kind("createaccount/pass/mail"), Some(MarkKind::NotRun));
        assert_eq!(kind("login/other"), None);
        let against: Vec<&str> = outcomes
            .iter()
            .filter(|o| judged.counts_against(o))
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(
            against,
            [
                "createaccount/pass/email",
                "tokens/csrf",
                "userinfo/anon",
                "login/other"
            ]
        );
        assert_eq!(judged.mark("tokens/csrf").unwrap().entry, "x.yaml:4");
    }

    #[test]
    fn written_files_parse_back_and_expect_the_same_failures() {
        let outcomes = vec![
            outcome("a/one", failed(2, "expected code \"x\"\n  diff")),
            outcome("b/two", Status::Passed),
            outcome("c/three", failed(1, "quote \" and \\ back")),
        ];
        let previous = Expectations::parse(
            "old.yaml",
            "expected-failures:\n  - {scenario: c/three, reason: T9}\n",
        )
        .unwrap();
        let text = write_text("http://t/api.php", &outcomes, Some(&previous));
        let back = Expectations::parse("new.yaml", &text).unwrap();
        assert_eq!(back.entries.len(), 2);
        assert_eq!(back.entries[0].scenario, "a/one");
        assert_eq!(back.entries[0].step, Some(2));
        assert_eq!(
            back.entries[0].reason,
            "TODO: why? it fails with: step 2 \"create\": expected code \"x\""
        );
        assert_eq!(back.entries[1].reason, "T9");
        let judged = back.judge(&outcomes);
        assert!(outcomes.iter().all(|o| !judged.counts_against(o)));
        let empty = write_text("t", &[outcome("b/two", Status::Passed)], None);
        assert!(
            Expectations::parse("e.yaml", &empty)
                .unwrap()
                .entries
                .is_empty()
        );
    }

    #[test]
    fn failing_step_reads_the_runner_message() {
        assert_eq!(failing_step("s/x.yaml:3: step 12 \"n\": bad"), Some(12));
        assert_eq!(failing_step("s/x.yaml: cannot read the outbox"), None);
    }
}
