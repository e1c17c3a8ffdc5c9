//! Reporting outcomes: one console line per scenario (failures with their indented message, and a
//! line per request the target declined and mwcheck sent again), the closing
//! `N passed, N failed, N skipped` line, and the JSON report. Anything shaped like a token
//! is redacted here too, on top of each scenario's own secrets.

use crate::expectations::{Judgement, MarkKind};
use crate::runner::{Outcome, Status};
use crate::vars::Redactor;
use serde_json::json;

/// How many scenarios ended each way. With an expectations file, `failed` leaves out the
/// expected failures (`xfail`), and `xpass` counts listed scenarios that passed (also in `passed`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub xfail: usize,
    pub xpass: usize,
}

pub fn summary(outcomes: &[Outcome]) -> Summary {
    summary_judged(outcomes, &Judgement::default())
}

/// The counts, with the outcomes judged against an expectations file.
pub fn summary_judged(outcomes: &[Outcome], judged: &Judgement) -> Summary {
    let mut summary = Summary::default();
    for outcome in outcomes {
        let kind = judged.mark(&outcome.id).map(|m| m.kind);
        match outcome.status {
            Status::Passed => {
                summary.passed += 1;
                summary.xpass += usize::from(kind == Some(MarkKind::UnexpectedPass));
            }
            Status::Failed(_) if kind == Some(MarkKind::ExpectedFailure) => summary.xfail += 1,
            Status::Failed(_) => summary.failed += 1,
            Status::Skipped(_) => summary.skipped += 1,
        }
    }
    summary
}

/// The closing line (`xfail` and `XPASS` counts only when there are any).
pub fn closing_line(summary: Summary) -> String {
    let mut line = format!(
        "{} passed, {} failed, {} skipped",
        summary.passed, summary.failed, summary.skipped
    );
    if summary.xfail > 0 {
        line.push_str(&format!(", {} xfail", summary.xfail));
    }
    if summary.xpass > 0 {
        line.push_str(&format!(", {} XPASS", summary.xpass));
    }
    line
}

/// The console report: a line per outcome (in the given order), then the closing line.
pub fn console(outcomes: &[Outcome]) -> String {
    console_judged(outcomes, &Judgement::default())
}

/// The console report with the outcomes judged against an expectations file: expected failures
/// as `xfail` (with the entry's reason), listed scenarios that passed as `XPASS`.
pub fn console_judged(outcomes: &[Outcome], judged: &Judgement) -> String {
    let redactor = Redactor::default();
    let mut out = String::new();
    for outcome in outcomes {
        let mark = judged.mark(&outcome.id);
        match (&outcome.status, mark) {
            (Status::Passed, Some(m)) if m.kind == MarkKind::UnexpectedPass => {
                out.push_str(&format!(
                    "XPASS    {} (listed as an expected failure at {}: {}; it passed, so the entry is stale)\n",
                    outcome.id, m.entry, m.reason
                ));
            }
            (Status::Failed(_), Some(m)) if m.kind == MarkKind::ExpectedFailure => {
                out.push_str(&format!("xfail    {} ({})\n", outcome.id, m.reason));
            }
            (Status::Failed(message), Some(m)) if m.kind == MarkKind::FailedOtherwise => {
                out.push_str(&format!(
                    "FAILED   {} (listed at {}, but {})\n",
                    outcome.id,
                    m.entry,
                    m.detail.as_deref().unwrap_or("it failed otherwise")
                ));
                for line in redactor.redact(message).lines() {
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            (Status::Passed, _) => out.push_str(&format!("ok       {}\n", outcome.id)),
            (Status::Skipped(reason), _) => {
                out.push_str(&format!(
                    "skipped  {} ({})\n",
                    outcome.id,
                    redactor.redact(reason)
                ));
            }
            (Status::Failed(message), _) => {
                out.push_str(&format!("FAILED   {}\n", outcome.id));
                for line in redactor.redact(message).lines() {
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        for retry in &outcome.retries {
            out.push_str(&format!("  {}\n", retry.line()));
        }
    }
    out.push_str(&closing_line(summary_judged(outcomes, judged)));
    out.push('\n');
    out
}

/// The JSON report.
pub fn json_report(target: &str, outcomes: &[Outcome]) -> serde_json::Value {
    let redactor = Redactor::default();
    let counts = summary(outcomes);
    let scenarios: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|outcome| {
            let (status, message) = match &outcome.status {
                Status::Passed => ("passed", None),
                Status::Failed(m) => ("failed", Some(redactor.redact(m))),
                Status::Skipped(r) => ("skipped", Some(redactor.redact(r))),
            };
            let mut entry = json!({
                "id": outcome.id,
                "status": status,
                "message": message,
                "duration_ms": outcome.duration.as_millis(),
            });
            if let Some(detail) = &outcome.failure {
                entry["failure"] = detail.json();
            }
            if !outcome.retries.is_empty() {
                entry["retries"] = outcome
                    .retries
                    .iter()
                    .map(|retry| {
                        json!({
                            "step": retry.step,
                            "reason": retry.reason,
                            "waited_ms": retry.waited.as_millis(),
                        })
                    })
                    .collect();
            }
            if let Some((role, checks)) = &outcome.docs {
                entry["docs"] = crate::drift_report::json(*role, checks);
            }
            if outcome.fidelity.compared > 0 {
                entry["fidelity"] = json!({
                    "compared": outcome.fidelity.compared,
                    "differences": crate::fidelity::differences_json(&outcome.fidelity),
                });
            }
            entry
        })
        .collect();
    json!({
        "target": target,
        "summary": {"passed": counts.passed, "failed": counts.failed, "skipped": counts.skipped},
        "scenarios": scenarios,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcomes() -> Vec<Outcome> {
        vec![
            Outcome {
                id: "a".into(),
                status: Status::Passed,
                snapshots: Vec::new(),
                fidelity: Default::default(),
                docs: None,
                duration: Default::default(),
                failure: None,
                retries: Vec::new(),
            },
            Outcome {
                id: "b".into(),
                status: Status::Failed(format!(
                    "x.yaml:3: step 1 \"s\": bad\n  {}+\\",
                    "f".repeat(40)
                )),
                snapshots: Vec::new(),
                fidelity: Default::default(),
                docs: None,
                duration: Default::default(),
                failure: None,
                retries: Vec::new(),
            },
            Outcome {
                id: "c".into(),
                status: Status::Skipped("needs writes".into()),
                snapshots: Vec::new(),
                fidelity: Default::default(),
                docs: None,
                duration: Default::default(),
                failure: None,
                retries: Vec::new(),
            },
        ]
    }

    #[test]
    fn console_lines_and_closing_line() {
        let text = console(&outcomes());
        assert_eq!(
            text,
            "ok       a\nFAILED   b\n  x.yaml:3: step 1 \"s\": bad\n    [redacted]\n\
             skipped  c (needs writes)\n1 passed, 1 failed, 1 skipped\n"
        );
    }

    #[test]
    fn json_report_shape() {
        let report = json_report("http://t/api.php", &outcomes());
        assert_eq!(
            report["summary"],
            json!({"passed": 1, "failed": 1, "skipped": 1})
        );
        assert_eq!(
            report["scenarios"][0],
            json!({"id": "a", "status": "passed", "message": null, "duration_ms": 0})
        );
        assert_eq!(report["scenarios"][2]["message"], "needs writes");
        assert!(!report.to_string().contains("ffffffff"));
    }
}
