//! The output a page documents for its programs: a JSON block (the "Response" / "Result" block,
//! whatever language the page's heading is in) read as JSON. A block the page prints incomplete
//! (closing brackets missing) is completed and the repair is said, quoting file, line and column;
//! one that cannot be read is an error quoting them.

use super::model::{Expected, PageError};

/// A JSON block's lines as found on the page: `first_line` is 1-based.
pub struct Block<'a> {
    pub lines: Vec<&'a str>,
    pub first_line: usize,
}

/// The JSON blocks of a plain-text page: each starts at a line that is `{` (at column 0) and runs
/// until its brackets close, or to the last non-blank line before an unindented line that follows
/// a blank line (a block the page leaves open).
pub fn json_blocks(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "{" {
            i += 1;
            continue;
        }
        let start = i;
        let mut depth: i64 = 0;
        let mut end = i;
        let mut j = i;
        while j < lines.len() {
            let line = lines[j];
            if line.trim().is_empty() {
                let next = lines.get(j + 1).copied().unwrap_or("");
                if !next.starts_with([' ', '\t', '}', ']']) {
                    break;
                }
            } else {
                depth += bracket_balance(line);
                end = j;
                if depth <= 0 {
                    break;
                }
            }
            j += 1;
        }
        blocks.push((start, end));
        i = end + 1;
    }
    blocks
}

/// The brackets of a JSON text (`{`, `[`, `}`, `]`) outside its strings, in order.
fn structural_brackets(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_string = false;
    let mut escaped = false;
    text.chars().filter(move |&c| {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            return false;
        }
        if c == '"' {
            in_string = true;
        }
        matches!(c, '{' | '[' | '}' | ']')
    })
}

/// Opening minus closing brackets on a line, outside JSON strings.
fn bracket_balance(line: &str) -> i64 {
    structural_brackets(line)
        .map(|c| if matches!(c, '{' | '[') { 1 } else { -1 })
        .sum()
}

/// Reads a block as JSON. Closing brackets the page left out are added (and said); any other
/// problem is an error at its file, line and column.
pub fn read(file: &str, block: &Block) -> Result<Expected, PageError> {
    let text = block.lines.join("\n");
    let error_at = |err: &serde_json::Error| PageError {
        file: file.to_owned(),
        line: block.first_line + err.line().saturating_sub(1),
        column: err.column(),
        message: format!("the documented output is not JSON: {err}"),
    };
    match serde_json::from_str(&text) {
        Ok(value) => Ok(Expected {
            value,
            line: block.first_line,
            repaired: None,
        }),
        Err(err) if err.is_eof() => {
            let closers = missing_closers(&text);
            let completed = format!("{text}\n{closers}");
            let value = serde_json::from_str(&completed).map_err(|_| error_at(&err))?;
            let last = block.first_line + block.lines.len() - 1;
            let column = block.lines.last().map_or(0, |l| l.chars().count()) + 1;
            Ok(Expected {
                value,
                line: block.first_line,
                repaired: Some(format!(
                    "{file}:{last}:{column}: the documented output ends before its JSON does \
                     (`{closers}` missing); read as if the page closed it"
                )),
            })
        }
        Err(err) => Err(error_at(&err)),
    }
}

/// The closing brackets an incomplete JSON text needs, innermost first.
fn missing_closers(text: &str) -> String {
    let mut stack = Vec::new();
    for c in structural_brackets(text) {
        match c {
            '{' => stack.push('}'),
            '[' => stack.push(']'),
            _ => {
                stack.pop();
            }
        }
    }
    stack.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_left_open_is_completed_and_the_repair_quotes_where() {
        let lines = ["{", "  \"a\": {", "    \"b\": \"c\"", "  }"];
        let found = json_blocks(&[&lines[..], &["", "Sample code"]].concat());
        assert_eq!(found, vec![(0, 3)]);
        let block = Block {
            lines: lines.to_vec(),
            first_line: 58,
        };
        let expected = read("page.txt", &block).unwrap();
        assert_eq!(expected.value, serde_json::json!({"a": {"b": "c"}}));
        let note = expected.repaired.unwrap();
        assert!(note.starts_with("page.txt:61:4: "), "{note}");
        assert!(note.contains("`}` missing"), "{note}");
    }

    #[test]
    fn a_block_that_is_not_json_is_an_error_at_its_line_and_column() {
        let lines = ["{", "  \"a\": 1,,", "}"];
        let block = Block {
            lines: lines.to_vec(),
            first_line: 10,
        };
        let err = read("p.txt", &block).unwrap_err();
        assert_eq!((err.line, err.column), (11, 10));
    }

    #[test]
    fn a_closed_block_ends_at_its_closing_bracket() {
        let lines = ["Result", "{", "  \"x\": [", "  ]", "}", "Next heading"];
        assert_eq!(json_blocks(&lines), vec![(1, 4)]);
    }
}
