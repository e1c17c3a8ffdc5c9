//! Documentation mode (`mwcheck run --docs`): what a documentation scenario's run records about
//! each step (does the target agree with the documented claim, and if not what it said instead),
//! which of the two roles the target plays (the mock profile in which the documentation holds, or
//! MediaWiki 1.39 with its known drifts), and how those records decide the scenario's status.

use super::http::Response;
pub use crate::scenario::DocsRole;
use crate::scenario::Scenario;
use crate::vars::Redactor;
use serde_json::Value;

impl DocsRole {
    /// The role a target running `config` plays for this scenario.
    pub fn of(scenario: &Scenario, config: &str) -> DocsRole {
        if scenario.config == config {
            DocsRole::Documented
        } else {
            DocsRole::MediaWiki
        }
    }

    /// What the target plays, for a file read for MediaWiki `version`.
    pub fn describe(self, version: mwcheck_shared::MediaWikiVersion) -> String {
        match self {
            DocsRole::Documented => "the documented profile".to_owned(),
            DocsRole::MediaWiki => format!("MediaWiki {version}"),
        }
    }
}

/// One step of a documentation scenario, as the target answered it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepCheck {
    pub number: usize,
    pub name: String,
    /// The file's line of the step.
    pub line: u32,
    pub claim: Option<String>,
    /// The known drift of MediaWiki 1.39 (`drift:`).
    pub known_drift: Option<String>,
    /// `None`: the target agrees; otherwise what differs (the runner's failure message).
    pub differs: Option<String>,
    /// When it differs: what the target said, on one line (redacted).
    pub said: Option<String>,
    /// When its verdict is a problem: the step's request, expectation, response and diff, for
    /// the reports (redacted).
    pub detail: Option<Box<super::FailureDetail>>,
}

/// How a step's record reads in a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Agrees, as it should.
    Agrees,
    /// Differs where MediaWiki 1.39 is known to differ.
    KnownDrift,
    /// Differs, and nothing says it should.
    Drift,
    /// Agrees although 1.39 is recorded as differing here (the annotation is stale, or the
    /// target is not 1.39).
    UnexpectedAgreement,
}

impl Verdict {
    /// Whether the verdict makes the run fail.
    pub fn is_problem(self) -> bool {
        matches!(self, Verdict::Drift | Verdict::UnexpectedAgreement)
    }
}

impl StepCheck {
    pub fn verdict(&self, role: DocsRole) -> Verdict {
        let expect_drift = role == DocsRole::MediaWiki && self.known_drift.is_some();
        match (self.differs.is_some(), expect_drift) {
            (false, false) => Verdict::Agrees,
            (true, true) => Verdict::KnownDrift,
            (true, false) => Verdict::Drift,
            (false, true) => Verdict::UnexpectedAgreement,
        }
    }
}

/// The scenario's failure message when any step's verdict is a problem (`None`: it passed).
pub fn failure(scenario: &Scenario, role: DocsRole, checks: &[StepCheck]) -> Option<String> {
    let problems: Vec<String> = checks
        .iter()
        .filter(|c| c.verdict(role).is_problem())
        .map(|c| match c.verdict(role) {
            Verdict::UnexpectedAgreement => format!(
                "{}:{}: step {} \"{}\": agrees with the documentation, but is recorded as a drift of MediaWiki {} ({})",
                scenario.file,
                c.line,
                c.number,
                c.name,
                scenario.mediawiki_version,
                c.known_drift.as_deref().unwrap_or_default()
            ),
            _ => {
                let what = c.differs.as_deref().unwrap_or_default();
                let said = c
                    .said
                    .as_deref()
                    .map(|s| format!("\n  said: {s}"))
                    .unwrap_or_default();
                format!(
                    "{}:{}: step {} \"{}\": {what}{said}",
                    scenario.file, c.line, c.number, c.name
                )
            }
        })
        .collect();
    (!problems.is_empty()).then(|| {
        format!(
            "as {}, {} step{} went against expectation:\n{}",
            role.describe(scenario.mediawiki_version),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            problems.join("\n")
        )
    })
}

/// The most characters of a response kept in `said`.
const SAID_CHARS: usize = 400;

/// What a response said, on one line: a JSON body compactly, anything else as its status,
/// content type and the start of its text.
pub fn said(response: Option<&Response>, body: Option<&Value>, redactor: &Redactor) -> String {
    let text = match (body, response) {
        (Some(json), _) => serde_json::to_string(json).unwrap_or_default(),
        (None, Some(response)) => {
            let text = String::from_utf8_lossy(&response.body);
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            format!(
                "HTTP {} ({}): {flat}",
                response.status,
                response
                    .header("content-type")
                    .unwrap_or_else(|| "no content type".to_owned())
            )
        }
        (None, None) => "nothing (no response)".to_owned(),
    };
    let text = redactor.redact(&text);
    if text.chars().count() > SAID_CHARS {
        let cut: String = text.chars().take(SAID_CHARS).collect();
        format!("{cut}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(differs: bool, known: bool) -> StepCheck {
        StepCheck {
            number: 1,
            name: "s".into(),
            line: 3,
            claim: Some("c".into()),
            known_drift: known.then(|| "§15".into()),
            differs: differs.then(|| "body differs".into()),
            said: differs.then(|| "{}".into()),
            detail: None,
        }
    }

    #[test]
    fn verdicts_depend_on_the_role() {
        use DocsRole::*;
        use Verdict::*;
        assert_eq!(check(false, false).verdict(Documented), Agrees);
        assert_eq!(check(false, true).verdict(Documented), Agrees);
        assert_eq!(check(true, true).verdict(Documented), Drift);
        assert_eq!(check(true, false).verdict(Documented), Drift);
        assert_eq!(check(false, false).verdict(MediaWiki), Agrees);
        assert_eq!(check(true, true).verdict(MediaWiki), KnownDrift);
        assert_eq!(check(true, false).verdict(MediaWiki), Drift);
        assert_eq!(check(false, true).verdict(MediaWiki), UnexpectedAgreement);
    }

    #[test]
    fn said_is_one_redacted_line() {
        let token = format!("{}+\\", "a".repeat(40));
        let body = serde_json::json!({"query": {"tokens": {"csrftoken": token}}});
        let text = said(None, Some(&body), &Redactor::default());
        assert!(!text.contains("aaaaaaaa"), "{text}");
        assert!(!text.contains('\n'));
        let long = serde_json::json!({"x": "y".repeat(1000)});
        assert!(said(None, Some(&long), &Redactor::default()).ends_with('…'));
        assert_eq!(
            said(None, None, &Redactor::default()),
            "nothing (no response)"
        );
    }
}
