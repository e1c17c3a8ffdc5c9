//! What extraction finds on a page: its sample programs (language, text, where on the page), the
//! output the page says each prints, the files that come with a program (a web app's form) and
//! the notes about the page itself (a Response block that is not complete JSON), and the page's
//! table of possible errors.

use super::language::Language;
use std::path::PathBuf;

/// A documentation page and its sample programs.
#[derive(Clone, Debug)]
pub struct Page {
    /// The page file's stem (`000_ac13d6fa22dc5fbc`); names its substitution file.
    pub id: String,
    pub file: PathBuf,
    /// The page's first line (its title), for reports.
    pub title: String,
    pub programs: Vec<Program>,
    /// The page's table of possible errors (code and message), when it has one after its
    /// programs.
    pub documented_errors: Vec<DocumentedError>,
}

/// A row of a page's "possible errors" table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentedError {
    pub code: String,
    pub info: String,
    pub line: usize,
}

/// One sample program as the page gives it.
#[derive(Clone, Debug)]
pub struct Program {
    /// Unique on its page: the file name the page gives it, else the language's slug (with `-2`,
    /// `-3` … for a second program of the same language).
    pub id: String,
    pub language: Language,
    /// The file the program is written to when run.
    pub file_name: String,
    pub source: String,
    /// The line (1-based) of the program's first line in the page file.
    pub line: usize,
    /// What the page says it prints.
    pub expected: Option<Expected>,
    /// Files that come with it (a web app's form template), by name.
    pub companions: Vec<Companion>,
}

/// A file the page gives beside a program (not a program itself).
#[derive(Clone, Debug)]
pub struct Companion {
    pub name: String,
    pub text: String,
    pub line: usize,
}

/// The output the page documents for a program: its "Response" (or "Result") block.
#[derive(Clone, Debug)]
pub struct Expected {
    pub value: serde_json::Value,
    /// The block's first line in the page file.
    pub line: usize,
    /// What was wrong with the block as printed and how it was read (`None`: valid JSON).
    pub repaired: Option<String>,
}

/// An extraction error: the file, line and column it is at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for PageError {}

/// Gives each program its id: the page's file name, or the language slug numbered from the
/// second program of that language on.
pub(super) fn assign_ids(programs: &mut [Program]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for program in programs.iter_mut() {
        let base = program.id.clone();
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            program.id = format!("{base}-{count}");
        }
    }
}
