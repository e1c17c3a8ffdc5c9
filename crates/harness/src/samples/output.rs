//! What a program printed, read as data: JSON as such (PHP's and node's raw answers, the MediaWiki
//! JS runtime's console), or a Python literal (`print(dict)` prints `{'a': True, 'b': None}`).

use serde_json::{Map, Value};

/// How the output was read.
#[derive(Clone, Debug, PartialEq)]
pub enum Printed {
    Nothing,
    Json(Value),
    /// A Python literal, as the JSON it stands for.
    PythonLiteral(Value),
    Text(String),
}

/// Reads a program's standard output.
pub fn read(stdout: &str) -> Printed {
    let text = stdout.trim();
    if text.is_empty() {
        return Printed::Nothing;
    }
    if let Ok(value) = serde_json::from_str(text) {
        return Printed::Json(value);
    }
    if let Some(value) = python_literal(text) {
        return Printed::PythonLiteral(value);
    }
    Printed::Text(text.to_owned())
}

/// Parses a Python literal (dicts, lists, tuples, strings, numbers, True/False/None) as JSON.
pub fn python_literal(text: &str) -> Option<Value> {
    let mut parser = Literal {
        chars: text.chars().collect(),
        at: 0,
    };
    let value = parser.value()?;
    parser.blank();
    (parser.at == parser.chars.len()).then_some(value)
}

struct Literal {
    chars: Vec<char>,
    at: usize,
}

impl Literal {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn blank(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.blank();
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Value> {
        self.blank();
        match self.peek()? {
            '{' => self.dict(),
            '[' => self.list(']'),
            '(' => self.list(')'),
            '\'' | '"' => self.string().map(Value::String),
            _ => self.word(),
        }
    }

    fn dict(&mut self) -> Option<Value> {
        self.at += 1;
        let mut map = Map::new();
        if self.eat('}') {
            return Some(Value::Object(map));
        }
        loop {
            let key = match self.value()? {
                Value::String(s) => s,
                other => other.to_string(),
            };
            if !self.eat(':') {
                return None;
            }
            let value = self.value()?;
            map.insert(key, value);
            if self.eat('}') {
                return Some(Value::Object(map));
            }
            if !self.eat(',') {
                return None;
            }
            if self.eat('}') {
                return Some(Value::Object(map));
            }
        }
    }

    fn list(&mut self, close: char) -> Option<Value> {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                return Some(Value::Array(items));
            }
            items.push(self.value()?);
            if self.eat(close) {
                return Some(Value::Array(items));
            }
            if !self.eat(',') {
                return None;
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        let quote = self.peek()?;
        self.at += 1;
        let mut out = String::new();
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                c if c == quote => return Some(out),
                '\\' => {
                    let escaped = self.peek()?;
                    self.at += 1;
                    match escaped {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'x' | 'u' | 'U' => {
                            let width = match escaped {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let hex: String =
                                self.chars.get(self.at..self.at + width)?.iter().collect();
                            self.at += width;
                            out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn word(&mut self) -> Option<Value> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'))
        {
            self.at += 1;
        }
        let word: String = self.chars[start..self.at].iter().collect();
        match word.as_str() {
            "True" => Some(Value::Bool(true)),
            "False" => Some(Value::Bool(false)),
            "None" => Some(Value::Null),
            number => serde_json::from_str::<serde_json::Number>(number)
                .ok()
                .map(Value::Number),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_python_dict_reads_as_json() {
        let printed = read(
            "{'createaccount': {'status': 'FAIL', 'message': \"Isn't it\", 'n': 3, 'ok': True, 'x': None}}\n",
        );
        assert_eq!(
            printed,
            Printed::PythonLiteral(
                json!({"createaccount": {"status": "FAIL", "message": "Isn't it", "n": 3, "ok": true, "x": null}})
            )
        );
    }

    #[test]
    fn json_text_and_nothing() {
        assert_eq!(read("{\"a\":[1]}"), Printed::Json(json!({"a": [1]})));
        assert_eq!(read("  \n"), Printed::Nothing);
        assert_eq!(read("hello"), Printed::Text("hello".into()));
    }
}
