//! The verdict on one program from the evidence: works (its output is what the page documents),
//! drift (it is not, with the cause the evidence shows: the API error and the request that caused
//! it, output missing, a function never called, output that differs from the page's Response, a
//! web app reading form fields its own form does not send), or skipped (with why it could not
//! run).

use super::evidence::{self, ApiFailure};
use super::execute::Ran;
use super::model::Program;
use super::output::{self, Printed};
use super::proxy::Exchange;

/// A program's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Works,
    Drift,
    Skipped,
    /// The harness could not run it as declared (a substitution that matches nothing).
    Error,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Works => "works",
            Verdict::Drift => "DRIFT",
            Verdict::Skipped => "skipped",
            Verdict::Error => "ERROR",
        }
    }
}

/// The verdict and its reason.
#[derive(Clone, Debug)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reason: String,
}

impl Judgement {
    pub fn new(verdict: Verdict, reason: impl Into<String>) -> Judgement {
        Judgement {
            verdict,
            reason: reason.into(),
        }
    }
}

/// What can be judged before running: a web application (it serves a form and does not end by
/// itself) is judged by its form: fields it reads that its own form does not send are a drift;
/// otherwise it is skipped. `None`: run the program.
pub fn before_running(program: &Program) -> Option<Judgement> {
    if !evidence::is_web_app(program.language, &program.source) {
        return None;
    }
    let read = evidence::form_fields_read(&program.source);
    let forms: Vec<_> = program
        .companions
        .iter()
        .filter(|c| c.text.to_ascii_lowercase().contains("<form"))
        .collect();
    if let Some(form) = forms.first() {
        let sent = evidence::form_fields_sent(&form.text);
        let missing: Vec<&str> = read
            .iter()
            .filter(|field| !sent.contains(field))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            return Some(Judgement::new(
                Verdict::Drift,
                format!(
                    "a web app that reads form fields its own form ({}, line {}) does not send: {} \
                     (the form sends {}); submitting it fails before any account is created",
                    form.name,
                    form.line,
                    missing.join(", "),
                    sent.join(", ")
                ),
            ));
        }
    }
    Some(Judgement::new(
        Verdict::Skipped,
        "a web application (it serves a form and runs until stopped); its form fields agree with \
         what it reads, and mwcheck does not fill in the form",
    ))
}

/// The verdict on a program that ran.
pub fn after_running(
    program: &Program,
    ran: &Ran,
    exchanges: &[Exchange],
    timeout_secs: u64,
) -> Judgement {
    let printed = output::read(&ran.stdout);
    let failure = exchanges
        .iter()
        .enumerate()
        .find_map(|(i, e)| evidence::failure_of(e, i));
    let stderr_line = ran
        .stderr
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_owned();
    if ran.timed_out {
        return Judgement::new(
            Verdict::Drift,
            format!(
                "did not finish within {timeout_secs} s ({} request(s) made){}",
                exchanges.len(),
                failure
                    .map(|f| format!("; {}", failure_reason(&f, exchanges)))
                    .unwrap_or_default()
            ),
        );
    }
    let value = match &printed {
        Printed::Json(value) | Printed::PythonLiteral(value) => Some(value),
        _ => None,
    };
    let differences = match (&program.expected, value) {
        (Some(expected), Some(value)) => Some(evidence::differences(&expected.value, value)),
        _ => None,
    };
    let ended_well = ran.exit == Some(0);
    match (&differences, &printed) {
        (Some(found), _) if found.is_empty() && ended_well => {
            return Judgement::new(
                Verdict::Works,
                format!(
                    "printed what the page's Response (line {}) shows",
                    program.expected.as_ref().map_or(0, |e| e.line)
                ),
            );
        }
        (None, Printed::Json(_) | Printed::PythonLiteral(_) | Printed::Text(_))
            if program.expected.is_none() && ended_well && failure.is_none() =>
        {
            return Judgement::new(
                Verdict::Works,
                "ran to its end; the page documents no output to compare",
            );
        }
        _ => {}
    }
    if exchanges.is_empty() {
        let uncalled = evidence::uncalled_functions(program.language, &program.source);
        let reason = if !uncalled.is_empty() {
            format!(
                "defines {} and never calls it: no request was made",
                uncalled
                    .iter()
                    .map(|f| format!("{f}()"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else if !ended_well {
            format!(
                "failed before any request ({}): {stderr_line}",
                exit_text(ran)
            )
        } else {
            "made no request".to_owned()
        };
        return Judgement::new(Verdict::Drift, reason);
    }
    let mut reasons = Vec::new();
    if let Some(failure) = &failure {
        reasons.push(failure_reason(failure, exchanges));
    }
    if printed == Printed::Nothing {
        reasons.push(format!(
            "prints nothing (the wiki's last answer, to {}, is not shown)",
            evidence::describe_request(exchanges, exchanges.len() - 1)
        ));
    } else if !ended_well {
        reasons.push(format!("{}: {stderr_line}", exit_text(ran)));
    }
    if failure.is_none() {
        match (&differences, &printed, &program.expected) {
            (Some(found), _, Some(expected)) if !found.is_empty() => reasons.push(format!(
                "the output does not match the page's Response (line {}): {}",
                expected.line,
                found.join("; ")
            )),
            (None, Printed::Text(_), Some(expected)) => reasons.push(format!(
                "the output is not the JSON the page's Response (line {}) shows",
                expected.line
            )),
            _ => {}
        }
    }
    if reasons.is_empty() {
        reasons.push("did not print what the page documents".to_owned());
    }
    Judgement::new(Verdict::Drift, reasons.join("; "))
}

fn exit_text(ran: &Ran) -> String {
    match ran.exit {
        Some(code) => format!("exit status {code}"),
        None => "ended by a signal".to_owned(),
    }
}

/// `<cause>: the wiki answered <code> to <request>`.
fn failure_reason(failure: &ApiFailure, exchanges: &[Exchange]) -> String {
    let answered = format!(
        "the wiki answered `{}` to {}",
        failure.code,
        evidence::describe_request(exchanges, failure.index)
    );
    match evidence::cause(failure, exchanges) {
        Some(cause) => format!("{cause}: {answered}"),
        None if failure.info.is_empty() => answered,
        None => format!("{answered}: {}", failure.info),
    }
}
