//! How sample programs are reported: one row per program (page, program, language, verdict,
//! reason, the substitution diff, what it printed, what the wiki answered per request), as console
//! text, as the JSON report's `samples` array, and as rows of the JUnit and HTML reports. Secrets
//! are redacted: the run's own (passwords given to the program), every parameter named like a
//! password or token, and token-shaped values in answers.

use super::judge::{Judgement, Verdict};
use super::model::{Page, Program};
use super::proxy::Exchange;
use crate::report_entries::{Entry, Kind};
use crate::vars::{REDACTED, Redactor};
use regex::Regex;
use serde_json::json;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

/// Shown of an answer or an output in the console report.
const SHOWN_CHARS: usize = 400;

/// One program's line in the reports.
#[derive(Clone, Debug)]
pub struct ProgramReport {
    pub page_id: String,
    pub page_title: String,
    pub page_file: String,
    pub program: String,
    /// The language's name (`Python`); empty for a page-level error.
    pub language: String,
    /// Where the program starts in the page file.
    pub line: usize,
    pub judgement: Judgement,
    /// The substitutions as a unified diff (secrets redacted).
    pub diff: String,
    pub printed: String,
    pub stderr: String,
    pub exchanges: Vec<Recorded>,
    /// About the page's documented output (a block the page leaves incomplete).
    pub notes: Vec<String>,
    pub duration: Duration,
}

/// One recorded exchange, redacted.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub params: Vec<(String, String)>,
    pub status: u16,
    pub answer: String,
}

/// Redacts the run's secrets and token-shaped values (`…+\`, JSON-escaped or URL-encoded).
pub fn redact(redactor: &Redactor, text: &str) -> String {
    static TOKEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9a-f]{32,}(?:\+\\\\|\+\\|%2B%5C)").expect("valid"));
    TOKEN
        .replace_all(&redactor.redact(text), REDACTED)
        .into_owned()
}

fn is_secret_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("token") || name.contains("password") || name == "retype"
}

impl Recorded {
    pub fn of(exchange: &Exchange, redactor: &Redactor) -> Recorded {
        Recorded {
            method: exchange.method.clone(),
            path: redact(
                redactor,
                exchange.path.split('?').next().unwrap_or_default(),
            ),
            params: exchange
                .params()
                .into_iter()
                .map(|(name, value)| {
                    let value = if is_secret_param(&name) && !value.is_empty() {
                        REDACTED.to_owned()
                    } else {
                        redact(redactor, &value)
                    };
                    (name, value)
                })
                .collect(),
            status: exchange.status,
            answer: redact(redactor, &exchange.response_body),
        }
    }

    /// `POST action=login lgname=… → 200 {…}` (the answer cut to `limit` characters).
    pub fn line(&self, limit: usize) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!(
            "{} {} → {} {}",
            self.method,
            params.join("&"),
            self.status,
            cut(self.answer.trim(), limit)
        )
    }
}

fn cut(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(limit).collect::<String>())
    }
}

impl ProgramReport {
    pub fn new(page: &Page, program: &Program) -> ProgramReport {
        ProgramReport {
            page_id: page.id.clone(),
            page_title: page.title.clone(),
            page_file: page.file.display().to_string(),
            program: program.id.clone(),
            language: program.language.name().to_owned(),
            line: program.line,
            judgement: Judgement::new(Verdict::Error, "not run"),
            diff: String::new(),
            printed: String::new(),
            stderr: String::new(),
            exchanges: Vec::new(),
            notes: program
                .expected
                .iter()
                .filter_map(|e| e.repaired.clone())
                .collect(),
            duration: Duration::ZERO,
        }
    }

    /// A page that could not be read, or whose substitution file is wrong.
    pub fn page_error(path: &Path, message: &str) -> ProgramReport {
        ProgramReport {
            page_id: path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("page")
                .to_owned(),
            page_title: String::new(),
            page_file: path.display().to_string(),
            program: "(page)".to_owned(),
            language: String::new(),
            line: 0,
            judgement: Judgement::new(Verdict::Error, message),
            diff: String::new(),
            printed: String::new(),
            stderr: String::new(),
            exchanges: Vec::new(),
            notes: Vec::new(),
            duration: Duration::ZERO,
        }
    }

    /// `samples/<page-id>/<program>`.
    pub fn id(&self) -> String {
        format!("samples/{}/{}", self.page_id, self.program)
    }

    pub fn json(&self) -> serde_json::Value {
        json!({
            "id": self.id(),
            "page": self.page_id,
            "page_title": self.page_title,
            "file": self.page_file,
            "line": self.line,
            "program": self.program,
            "language": self.language,
            "verdict": self.judgement.verdict,
            "reason": self.judgement.reason,
            "substitutions": self.diff,
            "printed": self.printed,
            "stderr": self.stderr,
            "exchanges": self.exchanges,
            "notes": self.notes,
            "duration_ms": self.duration.as_millis() as u64,
        })
    }

    /// Everything a reader needs about it, as lines (the JUnit/HTML message, the console's
    /// detail).
    fn detail(&self, limit: usize) -> String {
        let mut out = self.judgement.reason.clone();
        for note in &self.notes {
            out.push_str(&format!("\nnote: {note}"));
        }
        if !self.diff.is_empty() {
            out.push_str("\nsubstitutions:\n");
            out.push_str(self.diff.trim_end());
        }
        if !self.exchanges.is_empty() {
            out.push_str("\nthe wiki answered:");
            for (i, exchange) in self.exchanges.iter().enumerate() {
                out.push_str(&format!("\n  {}. {}", i + 1, exchange.line(limit)));
            }
        }
        if self.judgement.verdict != Verdict::Skipped {
            out.push_str(&format!(
                "\nprinted: {}",
                if self.printed.trim().is_empty() {
                    "(nothing)".to_owned()
                } else {
                    cut(self.printed.trim(), limit)
                }
            ));
        }
        let stderr = self.stderr.trim();
        if !stderr.is_empty() && self.judgement.verdict == Verdict::Drift {
            let last: Vec<&str> = stderr.lines().rev().take(3).collect();
            out.push_str(&format!(
                "\nstderr (last lines): {}",
                last.into_iter().rev().collect::<Vec<_>>().join(" / ")
            ));
        }
        out
    }

    /// Its row in the JUnit and HTML reports: works passes, drift and errors fail.
    pub fn entry(&self) -> Entry {
        Entry {
            id: self.id(),
            title: format!("{} sample on {}", self.language, self.page_title),
            file: self.page_file.clone(),
            module: "samples".to_owned(),
            level: "must".to_owned(),
            kind: match self.judgement.verdict {
                Verdict::Works => Kind::Passed,
                Verdict::Drift | Verdict::Error => Kind::Failed,
                Verdict::Skipped => Kind::Skipped,
            },
            message: if self.judgement.verdict == Verdict::Works {
                String::new()
            } else {
                self.detail(2000)
            },
            failure: None,
            duration: self.duration,
            expected_failure: false,
            fidelity: Vec::new(),
        }
    }
}

/// Counts per verdict.
pub fn counts(reports: &[ProgramReport]) -> [(Verdict, usize); 4] {
    [
        Verdict::Works,
        Verdict::Drift,
        Verdict::Skipped,
        Verdict::Error,
    ]
    .map(|v| {
        (
            v,
            reports.iter().filter(|r| r.judgement.verdict == v).count(),
        )
    })
}

/// The console report: per page, each program's verdict and reason, then the details of every
/// program that did not work, then the totals.
pub fn console(target: &str, reports: &[ProgramReport]) -> String {
    let mut out = format!("\nDocumentation sample programs against {target}\n");
    let mut page = None;
    for report in reports {
        if page != Some(&report.page_id) {
            page = Some(&report.page_id);
            out.push_str(&format!("\n{} ({})\n", report.page_title, report.page_file));
        }
        let head = format!(
            "  {:8} {:<32} ",
            report.judgement.verdict.label(),
            if report.line > 0 {
                format!("{} (line {})", report.program, report.line)
            } else {
                report.program.clone()
            }
        );
        out.push_str(&head);
        let mut detail = report
            .detail(SHOWN_CHARS)
            .lines()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        if report.judgement.verdict == Verdict::Works {
            detail.truncate(1);
        }
        let indent = " ".repeat(11);
        for (i, line) in detail.iter().enumerate() {
            if i == 0 {
                out.push_str(line);
            } else {
                out.push_str(&format!("\n{indent}{line}"));
            }
        }
        out.push('\n');
    }
    let totals: Vec<String> = counts(reports)
        .iter()
        .map(|(v, n)| format!("{n} {}", v.label().to_ascii_lowercase()))
        .collect();
    out.push_str(&format!(
        "\nSAMPLES: {} programs: {}\n",
        reports.len(),
        totals.join(", ")
    ));
    out
}

/// The JSON report's `samples` value.
pub fn json(reports: &[ProgramReport]) -> serde_json::Value {
    let counts: serde_json::Map<String, serde_json::Value> = counts(reports)
        .iter()
        .map(|(v, n)| (v.label().to_ascii_lowercase(), json!(n)))
        .collect();
    json!({
        "summary": counts,
        "programs": reports.iter().map(ProgramReport::json).collect::<Vec<_>>(),
    })
}
