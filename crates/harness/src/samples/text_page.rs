//! Extraction from a page as plain text (the pages in `../shared/docs/`): a program follows a line
//! naming its language (`Python`, `PHP`, `JavaScript`, `MediaWiki JS`) or its file
//! (`create_account_with_captcha.py`), and runs up to the next such line or heading-like line; a
//! file that is no program (`create_account_form.html`) belongs to the program before it. Each
//! program's documented output is the last JSON block above it. The rows of the page's table of
//! possible errors (`code Message…` lines after the last program) are read too.

use super::expected::{self, Block};
use super::language::{Language, is_file_name_line};
use super::model::{Companion, DocumentedError, PageError, Program, assign_ids};
use regex::Regex;
use std::sync::LazyLock;

/// Where a program (or companion file) starts: the marker line's index and what it says.
enum Marker {
    Language(Language),
    File(String),
}

fn marker(line: &str) -> Option<Marker> {
    if let Some(language) = Language::from_line(line) {
        return Some(Marker::Language(language));
    }
    is_file_name_line(line).then(|| Marker::File(line.trim_end().to_owned()))
}

/// A line that closes a program: not indented, after a blank line, starting with a capital
/// letter and with none of the characters code lines are made of (`Possible errors`,
/// `Nhwɛsoɔ 2: …`).
fn is_heading_like(line: &str, previous: Option<&str>) -> bool {
    let after_blank = previous.is_none_or(|p| p.trim().is_empty());
    let starts_capital = line.chars().next().is_some_and(char::is_uppercase);
    after_blank
        && starts_capital
        && !line.contains([
            '=', '(', ')', '{', '}', '[', ']', ';', '$', '<', '>', '"', '\'', '`',
        ])
}

/// The sample programs of a plain-text page, in page order.
pub fn extract(file: &str, text: &str) -> Result<Vec<Program>, PageError> {
    let lines: Vec<&str> = text.lines().collect();
    let blocks = expected::json_blocks(&lines);
    let mut programs: Vec<Program> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(found) = marker(lines[i]) else {
            i += 1;
            continue;
        };
        let start = i + 1;
        let mut end = start;
        while end < lines.len() {
            let previous = end.checked_sub(1).map(|p| lines[p]);
            if marker(lines[end]).is_some() || is_heading_like(lines[end], previous) {
                break;
            }
            end += 1;
        }
        let body = &lines[start..end];
        let first = body.iter().position(|l| !l.trim().is_empty());
        let last = body.iter().rposition(|l| !l.trim().is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            return Err(PageError {
                file: file.to_owned(),
                line: i + 1,
                column: 1,
                message: format!("`{}` is followed by no program", lines[i].trim()),
            });
        };
        let source = body[first..=last].join("\n") + "\n";
        let line = start + first + 1;
        match found {
            Marker::Language(language) => programs.push(program(
                file, &lines, &blocks, language, None, source, line,
            )?),
            Marker::File(name) => match Language::from_file_name(&name) {
                Some(language) => programs.push(program(
                    file,
                    &lines,
                    &blocks,
                    language,
                    Some(name),
                    source,
                    line,
                )?),
                None => match programs.last_mut() {
                    Some(owner) => owner.companions.push(Companion {
                        name,
                        text: source,
                        line,
                    }),
                    None => {
                        return Err(PageError {
                            file: file.to_owned(),
                            line: i + 1,
                            column: 1,
                            message: format!(
                                "`{name}` comes before any program it could belong to"
                            ),
                        });
                    }
                },
            },
        }
        i = end;
    }
    assign_ids(&mut programs);
    Ok(programs)
}

fn program(
    file: &str,
    lines: &[&str],
    blocks: &[(usize, usize)],
    language: Language,
    file_name: Option<String>,
    source: String,
    line: usize,
) -> Result<Program, PageError> {
    let expected = blocks
        .iter()
        .rev()
        .find(|(_, end)| end + 1 < line)
        .map(|&(start, end)| {
            expected::read(
                file,
                &Block {
                    lines: lines[start..=end].to_vec(),
                    first_line: start + 1,
                },
            )
        })
        .transpose()?;
    Ok(Program {
        id: file_name
            .clone()
            .unwrap_or_else(|| language.slug().to_owned()),
        language,
        file_name: file_name.unwrap_or_else(|| language.default_file().to_owned()),
        source,
        line,
        expected,
        companions: Vec::new(),
    })
}

/// The `code Message` rows after the page's last program (its table of possible errors, whatever
/// the heading's language): a lower-case code, a space, and a message starting with a capital
/// letter or a quote.
pub fn documented_errors(text: &str, programs: &[Program]) -> Vec<DocumentedError> {
    static ROW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^([a-z][a-z0-9_-]*[a-z0-9]) (\p{Lu}.*|".*)$"#).expect("valid")
    });
    let after = programs
        .iter()
        .map(|p| {
            let own = p.line + p.source.lines().count();
            p.companions
                .iter()
                .map(|c| c.line + c.text.lines().count())
                .fold(own, usize::max)
        })
        .max();
    let Some(after) = after else {
        return Vec::new();
    };
    text.lines()
        .enumerate()
        .skip(after)
        .filter_map(|(i, line)| {
            let found = ROW.captures(line.trim_end())?;
            Some(DocumentedError {
                code: found[1].to_owned(),
                info: found[2].to_owned(),
                line: i + 1,
            })
        })
        .collect()
}
