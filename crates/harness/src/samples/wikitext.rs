//! Extraction from a page in wikitext (how the documentation pages are written): each
//! `<syntaxhighlight lang="python|php|javascript">` block is a program (JavaScript using `mw.Api`
//! is MediaWiki JS); a `lang="json"` block is the documented output of the programs after it.
//! Blocks in other languages are neither. An unclosed block or a tag without `lang` is an error at
//! its file, line and column.

use super::expected::{self, Block};
use super::language::Language;
use super::model::{Expected, PageError, Program, assign_ids};
use regex::Regex;
use std::sync::LazyLock;

static OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<(syntaxhighlight|source)\b([^>]*)>").expect("opening-tag pattern is valid")
});
static LANG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\blang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("lang pattern is valid")
});

/// Line and column (1-based) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The sample programs of a wikitext page, in page order.
pub fn extract(file: &str, text: &str) -> Result<Vec<Program>, PageError> {
    let error = |offset: usize, message: String| {
        let (line, column) = position(text, offset);
        PageError {
            file: file.to_owned(),
            line,
            column,
            message,
        }
    };
    let mut programs = Vec::new();
    let mut expected: Option<Expected> = None;
    let mut from = 0;
    while let Some(open) = OPEN.captures_at(text, from) {
        let whole = open.get(0).expect("group 0 always matches");
        let tag = open[1].to_ascii_lowercase();
        let Some(lang) = LANG.captures(&open[2]) else {
            return Err(error(
                whole.start(),
                format!("<{tag}> without a lang attribute"),
            ));
        };
        let lang = lang
            .get(1)
            .or(lang.get(2))
            .or(lang.get(3))
            .map_or("", |m| m.as_str())
            .to_owned();
        let close = format!("</{tag}>");
        let body_start = whole.end();
        let Some(length) = text[body_start..].to_ascii_lowercase().find(&close) else {
            return Err(error(
                whole.start(),
                format!("<{tag}> is never closed ({close})"),
            ));
        };
        let body = &text[body_start..body_start + length];
        from = body_start + length + close.len();
        let trimmed = body.trim_matches('\n');
        let skipped = body.len() - body.trim_start_matches('\n').len();
        let (line, _) = position(text, body_start + skipped);
        if lang.eq_ignore_ascii_case("json") {
            let lines: Vec<&str> = trimmed.lines().collect();
            expected = Some(expected::read(
                file,
                &Block {
                    lines,
                    first_line: line,
                },
            )?);
            continue;
        }
        let Some(language) = Language::from_lang_attribute(&lang, body) else {
            continue;
        };
        programs.push(Program {
            id: language.slug().to_owned(),
            language,
            file_name: language.default_file().to_owned(),
            source: format!("{}\n", trimmed.trim_end()),
            line,
            expected: expected.clone(),
            companions: Vec::new(),
        });
    }
    assign_ids(&mut programs);
    Ok(programs)
}
