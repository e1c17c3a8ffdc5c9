//! The documentation drift report (`mwcheck run --docs`): for each documented claim, whether the
//! target agrees and, where it does not, what it said instead; drifts MediaWiki (at the version the file is read for) is known to
//! have are told apart from unexpected ones. Console text and the JSON the `--report-json` file
//! carries per scenario.

use crate::runner::docs::{DocsRole, StepCheck, Verdict};
use crate::runner::{Outcome, Status};
use crate::scenario::Scenario;
use crate::vars::Redactor;
use serde_json::json;

/// Counts over every claim of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DriftSummary {
    pub claims: usize,
    pub agree: usize,
    pub known_drift: usize,
    pub unexpected_drift: usize,
    /// Claims recorded as drifts of the target's version that agreed.
    pub unexpected_agreement: usize,
    /// Steps without a claim (set-up) that did not go as written.
    pub setup_failures: usize,
    pub skipped_scenarios: usize,
}

pub fn summary(outcomes: &[Outcome]) -> DriftSummary {
    let mut summary = DriftSummary::default();
    for outcome in outcomes {
        if let Status::Skipped(_) = outcome.status {
            summary.skipped_scenarios += 1;
        }
        let Some((role, checks)) = &outcome.docs else {
            continue;
        };
        for check in checks {
            let verdict = check.verdict(*role);
            if check.claim.is_none() {
                if verdict != Verdict::Agrees {
                    summary.setup_failures += 1;
                }
                continue;
            }
            summary.claims += 1;
            match verdict {
                Verdict::Agrees => summary.agree += 1,
                Verdict::KnownDrift => summary.known_drift += 1,
                Verdict::Drift => summary.unexpected_drift += 1,
                Verdict::UnexpectedAgreement => summary.unexpected_agreement += 1,
            }
        }
    }
    summary
}

fn label(verdict: Verdict, is_claim: bool) -> &'static str {
    match (verdict, is_claim) {
        (Verdict::Agrees, _) => "agrees",
        (Verdict::KnownDrift, _) => "drift",
        (Verdict::Drift, true) => "DRIFT",
        (Verdict::Drift, false) => "SET-UP FAILED",
        (Verdict::UnexpectedAgreement, _) => "AGREES",
    }
}

/// The console report: per scenario its claims (and any set-up step that failed), then totals.
pub fn console(target: &str, scenarios: &[&Scenario], outcomes: &[Outcome]) -> String {
    let redactor = Redactor::default();
    let mut out = format!("Documentation drift report for {target}\n");
    for outcome in outcomes {
        let scenario = scenarios.iter().find(|s| s.id == outcome.id);
        let docs = scenario.map(|s| s.docs.join(", ")).unwrap_or_default();
        match (&outcome.status, &outcome.docs) {
            (Status::Skipped(reason), _) => {
                out.push_str(&format!(
                    "\nskipped  {} ({})\n",
                    outcome.id,
                    redactor.redact(reason)
                ));
            }
            (_, Some((role, checks))) => {
                let version =
                    scenario.map_or(mwcheck_shared::MOCK_VERSIONS[0], |s| s.mediawiki_version);
                out.push_str(&format!(
                    "\n{} [{docs}], as {}\n",
                    outcome.id,
                    role.describe(version)
                ));
                for check in checks {
                    out.push_str(&check_lines(check, *role, &redactor));
                }
            }
            (Status::Failed(message), None) => {
                out.push_str(&format!("\nFAILED   {}\n", outcome.id));
                for line in redactor.redact(message).lines() {
                    out.push_str(&format!("  {line}\n"));
                }
            }
            (Status::Passed, None) => {}
        }
    }
    out.push('\n');
    out.push_str(&closing_line(summary(outcomes)));
    out.push('\n');
    out
}

fn check_lines(check: &StepCheck, role: DocsRole, redactor: &Redactor) -> String {
    let verdict = check.verdict(role);
    if check.claim.is_none() && verdict == Verdict::Agrees {
        return String::new();
    }
    let what = check.claim.as_deref().unwrap_or(&check.name);
    let mut out = format!(
        "  {:13} step {:<2} {}\n",
        label(verdict, check.claim.is_some()),
        check.number,
        redactor.redact(what).replace('\n', "\\n")
    );
    let indent = " ".repeat(24);
    if let (Some(known), true) = (&check.known_drift, role == DocsRole::MediaWiki) {
        let tag = if verdict == Verdict::UnexpectedAgreement {
            "recorded as a drift, but agreed:"
        } else {
            "known:"
        };
        out.push_str(&format!("{indent}{tag} {}\n", redactor.redact(known)));
    }
    if let Some(differs) = &check.differs {
        // The first lines say what differs; the diff that follows is in --report-json.
        let short: Vec<&str> = differs
            .lines()
            .take_while(|l| !l.starts_with("---"))
            .take(2)
            .map(str::trim)
            .collect();
        if verdict != Verdict::KnownDrift {
            out.push_str(&format!(
                "{indent}differs: {}\n",
                redactor.redact(&short.join(": "))
            ));
        }
    }
    if let Some(said) = &check.said {
        out.push_str(&format!("{indent}said:   {}\n", redactor.redact(said)));
    }
    out
}

pub fn closing_line(s: DriftSummary) -> String {
    let mut line = format!(
        "{} claims: {} agree, {} drift ({} known for this version, {} unexpected), {} recorded drift{} did not occur",
        s.claims,
        s.agree,
        s.known_drift + s.unexpected_drift,
        s.known_drift,
        s.unexpected_drift,
        s.unexpected_agreement,
        if s.unexpected_agreement == 1 { "" } else { "s" },
    );
    if s.setup_failures > 0 {
        line.push_str(&format!("; {} set-up steps failed", s.setup_failures));
    }
    if s.skipped_scenarios > 0 {
        line.push_str(&format!("; {} scenarios skipped", s.skipped_scenarios));
    }
    line
}

/// A scenario's claims for the JSON report.
pub fn json(role: DocsRole, checks: &[StepCheck]) -> serde_json::Value {
    let redactor = Redactor::default();
    let steps: Vec<serde_json::Value> = checks
        .iter()
        .map(|c| {
            let verdict = match c.verdict(role) {
                Verdict::Agrees => "agrees",
                Verdict::KnownDrift => "known-drift",
                Verdict::Drift => "drift",
                Verdict::UnexpectedAgreement => "unexpected-agreement",
            };
            json!({
                "step": c.number,
                "name": c.name,
                "claim": c.claim,
                "verdict": verdict,
                "known_drift": c.known_drift,
                "differs": c.differs.as_deref().map(|d| redactor.redact(d)),
                "said": c.said.as_deref().map(|s| redactor.redact(s)),
            })
        })
        .collect();
    let role = match role {
        DocsRole::Documented => "documented-profile",
        DocsRole::MediaWiki => "mediawiki",
    };
    json!({"role": role, "steps": steps})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(number: usize, claim: bool, differs: bool, known: bool) -> StepCheck {
        StepCheck {
            number,
            name: format!("step {number}"),
            line: 1,
            claim: claim.then(|| format!("claim {number}")),
            known_drift: known.then(|| "catalog §15.2".into()),
            differs: differs.then(|| {
                "body differs at /error/code\n  expected \"notoken\", got \"missingparam\"\n--- expected".into()
            }),
            said: differs.then(|| "{\"error\":{\"code\":\"missingparam\"}}".into()),
            detail: None,
        }
    }

    fn outcome(role: DocsRole, checks: Vec<StepCheck>) -> Outcome {
        Outcome {
            id: "docs/x".into(),
            status: Status::Passed,
            snapshots: Vec::new(),
            docs: Some((role, checks)),
            duration: Default::default(),
            failure: None,
            retries: Vec::new(),
            fidelity: Default::default(),
        }
    }

    #[test]
    fn counts_and_lines_as_mediawiki() {
        let outcomes = vec![outcome(
            DocsRole::MediaWiki,
            vec![
                check(1, false, false, false),
                check(2, true, false, false),
                check(3, true, true, true),
                check(4, true, true, false),
                check(5, true, false, true),
            ],
        )];
        let s = summary(&outcomes);
        assert_eq!(
            (
                s.claims,
                s.agree,
                s.known_drift,
                s.unexpected_drift,
                s.unexpected_agreement
            ),
            (4, 1, 1, 1, 1)
        );
        let text = console("t", &[], &outcomes);
        assert!(
            !text.contains("step 1 "),
            "set-up steps that agree are not listed:\n{text}"
        );
        assert!(text.contains("  agrees        step 2  claim 2\n"), "{text}");
        assert!(text.contains("  drift         step 3  claim 3\n"), "{text}");
        assert!(text.contains("known: catalog §15.2"), "{text}");
        assert!(text.contains("  DRIFT         step 4  claim 4\n"), "{text}");
        assert!(
            text.contains(
                "differs: body differs at /error/code: expected \"notoken\", got \"missingparam\"\n"
            ),
            "{text}"
        );
        assert!(text.contains("  AGREES        step 5  claim 5\n"), "{text}");
        assert!(text.ends_with(
            "4 claims: 1 agree, 2 drift (1 known for this version, 1 unexpected), 1 recorded drift did not occur\n"
        ));
    }

    #[test]
    fn a_documented_profile_has_no_known_drifts() {
        let outcomes = vec![outcome(
            DocsRole::Documented,
            vec![check(1, true, false, true), check(2, true, true, true)],
        )];
        let s = summary(&outcomes);
        assert_eq!((s.agree, s.known_drift, s.unexpected_drift), (1, 0, 1));
        let value = json(DocsRole::Documented, &outcomes[0].docs.as_ref().unwrap().1);
        assert_eq!(value["role"], "documented-profile");
        assert_eq!(value["steps"][1]["verdict"], "drift");
    }
}
