//! Static checks of a parsed scenario, before anything is sent: variables defined before use (and
//! known filters), actors declared, captures well-formed, matchers known and their regexes valid,
//! schema files present and compilable, mail steps declaring the `outbox` capability, requests
//! that can change a wiki declaring `writes` (see `scenario::writes`); and the
//! variables a step uses ([`step_uses`], for `mwcheck lint`'s unused-capture check).

use super::matcher::Matcher;
use super::node::{Node, NodeValue, Pos};
use super::{Action, Capability, CaptureSource, Diagnostic, Scenario, Step, Text, VarSource};
use crate::schema::SchemaCache;
use crate::vars::{self, BUILTIN_NAMES, FILTERS};
use regex::Regex;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[A-Za-z_][A-Za-z0-9_-]*$").expect("name pattern is valid"));

/// Every problem found in the scenario (empty when it is fine).
pub fn check(scenario: &Scenario, source: &str, schemas_dir: &Path) -> Vec<Diagnostic> {
    check_with(scenario, source, &SchemaCache::new(schemas_dir))
}

/// [`check`], with schema files tried once across the scenarios sharing `schemas`.
pub fn check_with(scenario: &Scenario, source: &str, schemas: &SchemaCache) -> Vec<Diagnostic> {
    let mut checker = Checker {
        scenario,
        source,
        problems: Vec::new(),
        defined: BUILTIN_NAMES.iter().map(|s| (*s).to_owned()).collect(),
    };
    checker.run(schemas);
    let mut problems = checker.problems;
    problems.sort_by_key(|d| (d.pos.line, d.pos.col));
    problems
}

struct Checker<'a> {
    scenario: &'a Scenario,
    source: &'a str,
    problems: Vec<Diagnostic>,
    defined: HashSet<String>,
}

impl Checker<'_> {
    fn problem(&mut self, pos: Pos, message: impl Into<String>) {
        self.problems.push(Diagnostic::new(
            &self.scenario.file,
            self.source,
            pos,
            message,
        ));
    }

    fn run(&mut self, schemas: &SchemaCache) {
        let scenario = self.scenario;
        for var in &scenario.vars {
            self.name_ok(&var.name, var.pos, "a variable");
            if let VarSource::Literal { value, .. } = &var.source {
                self.uses(value);
            }
            self.defined.insert(var.name.clone());
        }
        for step in &scenario.steps {
            if !scenario.actors.contains(&step.actor) {
                self.problem(
                    step.actor_pos,
                    format!(
                        "actor `{}` is not declared (actors: {})",
                        step.actor,
                        scenario.actors.join(", ")
                    ),
                );
            }
            match &step.action {
                Action::Http(request) => {
                    if let Some(why) = super::writes::step_write(request)
                        && !scenario.requires.contains(&Capability::Writes)
                        && scenario
                            .first_write()
                            .is_some_and(|(first, _)| first.number == step.number)
                    {
                        self.problem(
                            step.pos,
                            format!(
                                "step {} sends {why}, which can change a wiki: add `writes` to `requires`",
                                step.number
                            ),
                        );
                    }
                    for (_, text) in request
                        .params
                        .iter()
                        .chain(&request.query)
                        .chain(&request.headers)
                    {
                        self.uses(text);
                    }
                }
                Action::Captcha(id) => {
                    self.uses(id);
                    if !scenario.requires.contains(&Capability::CaptchaAnswers) {
                        self.problem(
                            step.pos,
                            "a captcha step needs captcha answers: add `captcha-answers` to `requires`",
                        );
                    }
                }
                Action::Fetch(path) => self.uses(path),
                Action::Browse { url, until } => {
                    self.uses(url);
                    self.uses(until);
                }
                Action::Mail(mail) => {
                    self.uses(&mail.to);
                    if !scenario.requires.contains(&Capability::Outbox) {
                        self.problem(
                            step.pos,
                            "a mail step needs the outbox: add `outbox` to `requires`",
                        );
                    }
                }
            }
            let expect = &step.expect;
            for (_, value) in expect.headers.iter().chain(&expect.cookies) {
                if let Some(text) = value {
                    self.expected_text(text);
                }
            }
            if let Some(body) = &expect.body {
                self.expected_text(body);
            }
            for node in expect.json.iter().chain(&expect.json_subset) {
                self.expected_node(node);
            }
            if let Some(name) = &expect.schema
                && let Err(problem) = schemas.get(&name.text)
            {
                self.problem(name.pos, problem);
            }
            for capture in &step.captures {
                self.name_ok(&capture.name, capture.pos, "a capture");
                match &capture.source {
                    CaptureSource::Pointer { pointer, regex } => {
                        if !pointer.is_empty() && !pointer.starts_with('/') {
                            self.problem(
                                capture.pos,
                                format!(
                                    "`{pointer}` is not a JSON pointer (it must start with `/`)"
                                ),
                            );
                        }
                        if let Some(pattern) = regex {
                            match Regex::new(pattern) {
                                Ok(re) if re.captures_len() < 2 => self.problem(
                                    capture.pos,
                                    format!("regex `{pattern}` has no group `( )` to capture"),
                                ),
                                Ok(_) => {}
                                Err(err) => self.problem(
                                    capture.pos,
                                    format!("invalid regex: {}", one_line(&err.to_string())),
                                ),
                            }
                        }
                    }
                    CaptureSource::Header(name) => {
                        if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
                            self.problem(capture.pos, format!("`{name}` is not a header name"));
                        }
                    }
                }
            }
            for capture in &step.captures {
                self.defined.insert(capture.name.clone());
            }
        }
    }

    fn name_ok(&mut self, name: &str, pos: Pos, what: &str) {
        if !NAME.is_match(name) {
            self.problem(
                pos,
                format!(
                    "`{name}` cannot name {what} (letters, digits, `_` and `-`; not first a digit)"
                ),
            );
        } else if BUILTIN_NAMES.contains(&name) {
            self.problem(
                pos,
                format!("`{name}` is a built-in variable and cannot be redefined"),
            );
        }
    }

    /// Every `{{name}}` in the text is defined by now and its filters exist.
    fn uses(&mut self, text: &Text) {
        self.uses_in(&text.text, text.pos);
    }

    fn uses_in(&mut self, text: &str, pos: Pos) {
        for var in vars::var_uses(text) {
            let at = self.locate(pos, &var.raw);
            if !self.defined.contains(&var.name) {
                let message = match self.captured_by(&var.name) {
                    Some(step) => format!(
                        "variable `{}` is used before it is captured (step {step} captures it; use it in a later step)",
                        var.name
                    ),
                    None => format!(
                        "undefined variable `{}` (define it under `vars`, or capture it in an earlier step)",
                        var.name
                    ),
                };
                self.problem(at, message);
            }
            for filter in &var.filters {
                if !FILTERS.contains(&filter.as_str()) {
                    self.problem(
                        at,
                        format!(
                            "unknown filter `{filter}` (expected one of: {})",
                            FILTERS.join(", ")
                        ),
                    );
                }
            }
        }
    }

    /// The number of the first step that captures `name`, if any.
    fn captured_by(&self, name: &str) -> Option<usize> {
        self.scenario
            .steps
            .iter()
            .find(|step| step.captures.iter().any(|c| c.name == name))
            .map(|step| step.number)
    }

    /// The position of `needle` on the line at `pos`, from its column on; else `pos` itself.
    fn locate(&self, pos: Pos, needle: &str) -> Pos {
        let Some(line) = self.source.lines().nth((pos.line as usize).wrapping_sub(1)) else {
            return pos;
        };
        let start: usize = line
            .char_indices()
            .nth(pos.col.saturating_sub(1) as usize)
            .map(|(i, _)| i)
            .unwrap_or(line.len());
        match line[start..].find(needle) {
            Some(offset) => Pos {
                line: pos.line,
                col: u32::try_from(line[..start + offset].chars().count() + 1).unwrap_or(pos.col),
            },
            None => pos,
        }
    }

    /// An expected string: its variables, and if it is a matcher, a known one with a valid regex.
    fn expected_text(&mut self, text: &Text) {
        self.expected_str(&text.text, text.pos);
    }

    fn expected_str(&mut self, text: &str, pos: Pos) {
        self.uses_in(text, pos);
        match Matcher::parse(text) {
            Err(problem) => self.problem(pos, problem),
            Ok(Matcher::Regex(pattern)) => {
                // Variables are filled in (escaped) at run time; any text stands in for them here.
                let probe = vars::parse_template(pattern)
                    .into_iter()
                    .map(|piece| match piece {
                        vars::Piece::Literal(lit) => lit,
                        vars::Piece::Var(_) => "x".to_owned(),
                    })
                    .collect::<String>();
                if let Err(err) = Regex::new(&probe) {
                    self.problem(
                        pos,
                        format!("invalid regex: {}", one_line(&err.to_string())),
                    );
                }
            }
            Ok(_) => {}
        }
    }

    fn expected_node(&mut self, node: &Node) {
        match &node.value {
            NodeValue::String(s) => self.expected_str(s, node.pos),
            NodeValue::Seq(items) => items.iter().for_each(|item| self.expected_node(item)),
            NodeValue::Map(entries) => {
                for (key, value) in entries {
                    self.uses_in(&key.name, key.pos);
                    self.expected_node(value);
                }
            }
            NodeValue::Null | NodeValue::Bool(_) | NodeValue::Number(_) => {}
        }
    }
}

/// The names of the variables a step uses: in its request (or mail, captcha, fetch, browse) and
/// in its expectations (headers, cookies, body, JSON keys and values).
pub fn step_uses(step: &Step) -> Vec<String> {
    let mut texts: Vec<&str> = Vec::new();
    match &step.action {
        Action::Http(request) => texts.extend(
            request
                .params
                .iter()
                .chain(&request.query)
                .chain(&request.headers)
                .map(|(_, t)| t.text.as_str()),
        ),
        Action::Captcha(id) => texts.push(&id.text),
        Action::Fetch(path) => texts.push(&path.text),
        Action::Browse { url, until } => texts.extend([url.text.as_str(), until.text.as_str()]),
        Action::Mail(mail) => texts.push(&mail.to.text),
    }
    let expect = &step.expect;
    for (_, value) in expect.headers.iter().chain(&expect.cookies) {
        texts.extend(value.iter().map(|t| t.text.as_str()));
    }
    texts.extend(expect.body.iter().map(|t| t.text.as_str()));
    fn node_texts<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
        match &node.value {
            NodeValue::String(s) => out.push(s),
            NodeValue::Seq(items) => items.iter().for_each(|item| node_texts(item, out)),
            NodeValue::Map(entries) => {
                for (key, value) in entries {
                    out.push(&key.name);
                    node_texts(value, out);
                }
            }
            NodeValue::Null | NodeValue::Bool(_) | NodeValue::Number(_) => {}
        }
    }
    for node in expect.json.iter().chain(&expect.json_subset) {
        node_texts(node, &mut texts);
    }
    texts
        .into_iter()
        .flat_map(vars::var_uses)
        .map(|v| v.name)
        .collect()
}

/// A multi-line message (regex errors draw pictures) as one line.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or(text)
        .to_owned()
}
