//! The rows the file reports (JUnit XML, HTML) are written from: each outcome with its scenario's
//! title, module and level, one of a few kinds of result, and its texts redacted again (token-shaped
//! values) on top of the runner's redaction. New kinds of outcome are mapped in [`Kind::of`] only.
//! With an expectations file, an expected failure is reported as skipped (as test runners report
//! an xfail) and marked `expected_failure`; an unexpected pass (XPASS) as a failure.

use crate::expectations::{Judgement, MarkKind};
use crate::runner::detail::FailureDetail;
use crate::runner::{Outcome, Status};
use crate::scenario::Scenario;
use crate::vars::Redactor;
use std::time::Duration;

/// The levels, in the order reports show them.
pub const LEVELS: [&str; 3] = ["must", "should", "may"];

/// How a scenario ended, as the file reports count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Passed,
    Failed,
    Skipped,
}

impl Kind {
    pub fn of(status: &Status) -> Kind {
        match status {
            Status::Passed => Kind::Passed,
            Status::Failed(_) => Kind::Failed,
            Status::Skipped(_) => Kind::Skipped,
        }
    }
}

/// One scenario's row.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub file: String,
    pub module: String,
    pub level: String,
    pub kind: Kind,
    /// The failure message or the skip reason (empty when passed).
    pub message: String,
    pub failure: Option<FailureDetail>,
    pub duration: Duration,
    /// A failure the expectations file lists (reported as skipped; still a failed must for the
    /// verdict).
    pub expected_failure: bool,
    /// Steps whose response differs from the reference version's snapshot (fidelity).
    pub fidelity: Vec<crate::fidelity::Difference>,
}

/// The rows, in the outcomes' order. A scenario missing from `scenarios` is shown under the
/// first folder of its id, at level `must`.
pub fn entries(scenarios: &[&Scenario], outcomes: &[Outcome], judged: &Judgement) -> Vec<Entry> {
    let redactor = Redactor::default();
    outcomes
        .iter()
        .map(|outcome| {
            let scenario = scenarios.iter().find(|s| s.id == outcome.id);
            let mut message = match &outcome.status {
                Status::Passed => String::new(),
                Status::Failed(text) | Status::Skipped(text) => redactor.redact(text),
            };
            let mut kind = Kind::of(&outcome.status);
            let mark = judged.mark(&outcome.id);
            let expected_failure = matches!(
                (&outcome.status, mark.map(|m| m.kind)),
                (Status::Failed(_), Some(MarkKind::ExpectedFailure))
            );
            if let Some(mark) = mark {
                if expected_failure {
                    kind = Kind::Skipped;
                    message = format!(
                        "expected failure (listed at {}: {}): {message}",
                        mark.entry, mark.reason
                    );
                } else if mark.kind == MarkKind::UnexpectedPass {
                    kind = Kind::Failed;
                    message = format!(
                        "XPASS: passed, but listed at {} as a known failure ({}); remove the entry",
                        mark.entry, mark.reason
                    );
                }
            }
            Entry {
                id: outcome.id.clone(),
                title: scenario.map(|s| s.title.clone()).unwrap_or_default(),
                file: scenario.map(|s| s.file.clone()).unwrap_or_default(),
                module: match scenario {
                    Some(s) => s.module().to_owned(),
                    None => outcome.id.split('/').next().unwrap_or("main").to_owned(),
                },
                level: scenario.map_or("must", |s| s.level.as_str()).to_owned(),
                kind,
                message,
                failure: outcome
                    .failure
                    .as_deref()
                    .map(|detail| redact_detail(detail, &redactor)),
                duration: outcome.duration,
                expected_failure,
                fidelity: outcome
                    .fidelity
                    .differences
                    .iter()
                    .map(|d| crate::fidelity::Difference {
                        step_name: redactor.redact(&d.step_name),
                        summary: redactor.redact(&d.summary),
                        diff: d.diff.as_deref().map(|t| redactor.redact(t)),
                        ..d.clone()
                    })
                    .collect(),
            }
        })
        .collect()
}

fn redact_detail(detail: &FailureDetail, redactor: &Redactor) -> FailureDetail {
    let pairs = |pairs: &[(String, String)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.clone(), redactor.redact(v)))
            .collect()
    };
    let mut out = detail.clone();
    out.message = redactor.redact(&detail.message);
    if let Some(request) = &mut out.request {
        request.url = redactor.redact(&request.url);
        request.body_params = pairs(&request.body_params);
        request.headers = pairs(&request.headers);
    }
    out.expected = detail.expected.as_deref().map(|t| redactor.redact(t));
    if let Some(actual) = &mut out.actual {
        actual.body = redactor.redact(&actual.body);
        actual.headers = pairs(&actual.headers);
    }
    out.diff = detail.diff.as_deref().map(|t| redactor.redact(t));
    out
}

/// Passed, failed and skipped counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl Counts {
    pub fn add(&mut self, kind: Kind) {
        match kind {
            Kind::Passed => self.passed += 1,
            Kind::Failed => self.failed += 1,
            Kind::Skipped => self.skipped += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.passed + self.failed + self.skipped
    }

    pub fn of<'e>(entries: impl IntoIterator<Item = &'e Entry>) -> Counts {
        let mut counts = Counts::default();
        for entry in entries {
            counts.add(entry.kind);
        }
        counts
    }
}

/// The modules present, sorted.
pub fn modules(entries: &[Entry]) -> Vec<String> {
    let mut modules: Vec<String> = entries.iter().map(|e| e.module.clone()).collect();
    modules.sort();
    modules.dedup();
    modules
}

/// A failure in plain text: where, the request, the expectation, the response and the diff.
pub fn failure_text(entry: &Entry) -> String {
    let Some(detail) = &entry.failure else {
        return entry.message.clone();
    };
    let mut out = String::new();
    if detail.step > 0 {
        out.push_str(&format!(
            "{}:{}: step {} \"{}\"\n",
            detail.file, detail.line, detail.step, detail.step_name
        ));
    }
    out.push_str(&detail.message);
    out.push('\n');
    if let Some(request) = &detail.request {
        out.push_str(&format!(
            "\nRequest:\n{}",
            indent(&request_text(request), "  ")
        ));
    }
    if let Some(expected) = &detail.expected {
        out.push_str(&format!("\nExpected:\n{}", indent(expected, "  ")));
    }
    if let Some(actual) = &detail.actual {
        out.push_str(&format!(
            "\nActual:\n{}",
            indent(&response_text(actual), "  ")
        ));
    }
    if let Some(diff) = &detail.diff {
        out.push_str(&format!("\nDiff:\n{}", indent(diff, "  ")));
    }
    out
}

/// A request as text: method and URL, then headers and body parameters.
/// A scenario's fidelity differences as text: each step's summary and diff.
pub fn fidelity_text(entry: &Entry) -> String {
    let mut out = String::new();
    for difference in &entry.fidelity {
        out.push_str(&format!(
            "step {} \"{}\" ({}:{}): {}\n",
            difference.step, difference.step_name, entry.file, difference.line, difference.summary
        ));
        if let Some(diff) = &difference.diff {
            out.push_str(diff);
            out.push('\n');
        }
    }
    out
}

pub fn request_text(request: &crate::runner::detail::RequestRecord) -> String {
    let mut out = format!("{} {}\n", request.method, request.url);
    for (name, value) in &request.headers {
        out.push_str(&format!("{name}: {value}\n"));
    }
    if !request.body_params.is_empty() {
        out.push_str(if request.multipart {
            "body (multipart/form-data):\n"
        } else {
            "body (application/x-www-form-urlencoded):\n"
        });
        for (name, value) in &request.body_params {
            out.push_str(&format!("  {name}={value}\n"));
        }
    }
    out
}

/// A response as text: status, content type, then the body.
pub fn response_text(actual: &crate::runner::detail::ResponseRecord) -> String {
    let mut out = String::new();
    match actual.status {
        Some(status) => out.push_str(&format!("HTTP {status}\n")),
        None => out.push_str("mails read from the outbox:\n"),
    }
    if let Some(content_type) = &actual.content_type {
        out.push_str(&format!("Content-Type: {content_type}\n"));
    }
    out.push_str(&actual.body);
    out.push('\n');
    out
}

fn indent(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(prefix);
        out.push_str(line);
        out.push('\n');
    }
    out
}
