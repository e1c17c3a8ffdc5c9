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
    /// The program was started (its output and the wiki's answers are evidence).
    pub ran: bool,
    pub duration: Duration,
}

/// One page's run: the page and its programs' rows (none for a page without sample programs).
#[derive(Clone, Debug)]
pub struct PageReport {
    pub id: String,
    pub title: String,
    pub file: String,
    pub programs: Vec<ProgramReport>,
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
            ran: false,
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
            ran: false,
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
        if self.ran {
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
pub fn counts(reports: &[&ProgramReport]) -> [(Verdict, usize); 4] {
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

/// Every program's row, page after page.
pub fn programs(pages: &[PageReport]) -> Vec<&ProgramReport> {
    pages.iter().flat_map(|p| &p.programs).collect()
}

/// The console report: per page, each program's verdict and reason (with the substitutions,
/// the wiki's answers and the output of every program that did not work), then the totals.
pub fn console(target: &str, pages: &[PageReport]) -> String {
    let mut out = format!("\nDocumentation sample programs against {target}\n");
    for page in pages {
        out.push_str(&format!("\n{} ({})\n", page.title, page.file));
        if page.programs.is_empty() {
            out.push_str("  (no sample programs on this page)\n");
        }
        for report in &page.programs {
            out.push_str(&console_row(report));
        }
    }
    let all = programs(pages);
    let totals: Vec<String> = counts(&all)
        .iter()
        .map(|(v, n)| format!("{n} {}", v.label().to_ascii_lowercase()))
        .collect();
    out.push_str(&format!(
        "\nSAMPLES: {} programs on {} page{}: {}\n",
        all.len(),
        pages.len(),
        if pages.len() == 1 { "" } else { "s" },
        totals.join(", ")
    ));
    out
}

fn console_row(report: &ProgramReport) -> String {
    let mut out = format!(
        "  {:8} {:<32} ",
        report.judgement.verdict.label(),
        if report.line > 0 {
            format!("{} (line {})", report.program, report.line)
        } else {
            report.program.clone()
        }
    );
    let mut detail: Vec<String> = report
        .detail(SHOWN_CHARS)
        .lines()
        .map(str::to_owned)
        .collect();
    if report.judgement.verdict == Verdict::Works {
        detail.truncate(1);
    }
    let indent = " ".repeat(11);
    for (i, line) in detail.iter().enumerate() {
        if i > 0 {
            out.push_str(&format!("\n{indent}"));
        }
        out.push_str(line);
    }
    out.push('\n');
    out
}

/// The JSON report's `samples` value: totals, the pages (with their program ids) and every
/// program's row.
pub fn json(pages: &[PageReport]) -> serde_json::Value {
    let all = programs(pages);
    let counts: serde_json::Map<String, serde_json::Value> = counts(&all)
        .iter()
        .map(|(v, n)| (v.label().to_ascii_lowercase(), json!(n)))
        .collect();
    json!({
        "summary": counts,
        "pages": pages.iter().map(|p| json!({
            "page": p.id,
            "title": p.title,
            "file": p.file,
            "programs": p.programs.iter().map(|r| r.program.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "programs": all.iter().map(|r| r.json()).collect::<Vec<_>>(),
    })
}
