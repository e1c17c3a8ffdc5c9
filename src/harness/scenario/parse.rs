//! Turns a scenario file's text into a [`Scenario`]: YAML syntax through serde-saphyr (with
//! positions), then the file's shape by hand, so that every mistake (unknown key, wrong type,
//! bad value) is reported at its line and column, and all of a file's mistakes at once.

use super::node::{Key, Node, NodeValue, Pos};
use super::{
    Action, Capability, Capture, CaptureSource, Diagnostic, Expect, HttpRequest, Level, MailQuery,
    ParamsIn, Scenario, Step, Text, VarDef, VarSource,
};
use crate::harness::vars::Generator;

const TOP_KEYS: &[&str] = &[
    "title", "docs", "level", "tags", "requires", "config", "actors", "vars", "steps",
];
const STEP_KEYS: &[&str] = &[
    "name",
    "actor",
    "get",
    "post",
    "query",
    "multipart",
    "method",
    "headers",
    "mail",
    "expect",
    "capture",
];
const EXPECT_KEYS: &[&str] = &[
    "status",
    "headers",
    "cookies",
    "json",
    "json-subset",
    "schema",
    "body",
];

/// Parses one scenario file.
pub fn parse(id: &str, file: &str, source: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let options = serde_saphyr::options! { with_snippet: false };
    let root: Node = serde_saphyr::from_str_with_options(source, options).map_err(|err| {
        let pos = err
            .location()
            .map(|loc| Pos {
                line: u32::try_from(loc.line()).unwrap_or(0),
                col: u32::try_from(loc.column()).unwrap_or(0),
            })
            .unwrap_or_default();
        vec![Diagnostic::new(file, source, pos, yaml_message(&err))]
    })?;
    let mut parser = Parser { errors: Vec::new() };
    let scenario = parser.scenario(id, file, &root);
    if parser.errors.is_empty()
        && let Some(scenario) = scenario
    {
        return Ok(scenario);
    }
    let mut problems: Vec<Diagnostic> = parser
        .errors
        .into_iter()
        .map(|(pos, message)| Diagnostic::new(file, source, pos, message))
        .collect();
    problems.sort_by_key(|d| (d.pos.line, d.pos.col));
    Err(problems)
}

/// serde-saphyr's message without its own "at line … column …" suffix (we print the position).
fn yaml_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    let cut = first
        .find(" at line ")
        .map(|i| &first[..i])
        .unwrap_or(first);
    format!("invalid YAML: {cut}")
}

struct Parser {
    errors: Vec<(Pos, String)>,
}

type Entries = [(Key, Node)];

impl Parser {
    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.errors.push((pos, message.into()));
    }

    fn mapping<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n Entries> {
        match &node.value {
            NodeValue::Map(entries) => Some(entries),
            other => {
                self.error(
                    node.pos,
                    format!("{what} must be a mapping, found {}", other.kind()),
                );
                None
            }
        }
    }

    /// Reports keys not in `allowed`.
    fn known_keys(&mut self, entries: &Entries, allowed: &[&str], what: &str) {
        for (key, _) in entries {
            if !allowed.contains(&key.name.as_str()) {
                self.error(
                    key.pos,
                    format!(
                        "unknown key `{}` in {what} (expected one of: {})",
                        key.name,
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            NodeValue::String(s) => Some(s.clone()),
            other => {
                self.error(
                    node.pos,
                    format!("{what} must be a string, found {}", other.kind()),
                );
                None
            }
        }
    }

    fn text(&mut self, node: &Node, what: &str) -> Option<Text> {
        self.string(node, what).map(|text| Text {
            text,
            pos: node.pos,
        })
    }

    /// A parameter value: strings as they are, numbers and booleans as their text.
    fn scalar_text(&mut self, node: &Node, what: &str) -> Option<Text> {
        let text = match &node.value {
            NodeValue::String(s) => s.clone(),
            NodeValue::Number(n) => n.to_string(),
            NodeValue::Bool(b) => b.to_string(),
            other => {
                self.error(
                    node.pos,
                    format!(
                        "{what} must be a string, number or boolean, found {} (write \"\" for an empty value)",
                        other.kind()
                    ),
                );
                return None;
            }
        };
        Some(Text {
            text,
            pos: node.pos,
        })
    }

    fn strings(&mut self, node: &Node, what: &str) -> Vec<(String, Pos)> {
        match &node.value {
            NodeValue::Seq(items) => items
                .iter()
                .filter_map(|item| {
                    self.string(item, &format!("each entry of {what}"))
                        .map(|s| (s, item.pos))
                })
                .collect(),
            other => {
                self.error(
                    node.pos,
                    format!("{what} must be a list of strings, found {}", other.kind()),
                );
                Vec::new()
            }
        }
    }

    fn count(&mut self, node: &Node, what: &str) -> Option<usize> {
        match &node.value {
            NodeValue::Number(n) if n.as_u64().is_some() => {
                usize::try_from(n.as_u64().unwrap_or(0)).ok()
            }
            other => {
                self.error(
                    node.pos,
                    format!("{what} must be a whole number ≥ 0, found {}", other.kind()),
                );
                None
            }
        }
    }

    fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match &node.value {
            NodeValue::Bool(b) => Some(*b),
            other => {
                self.error(
                    node.pos,
                    format!("{what} must be true or false, found {}", other.kind()),
                );
                None
            }
        }
    }

    fn scenario(&mut self, id: &str, file: &str, root: &Node) -> Option<Scenario> {
        let entries = self.mapping(root, "a scenario file")?;
        self.known_keys(entries, TOP_KEYS, "the scenario");
        let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);

        let title = match get("title") {
            Some(node) => self.string(node, "`title`"),
            None => {
                self.error(root.pos, "missing key `title`");
                None
            }
        };
        let docs = match get("docs") {
            Some(node) => self.strings(node, "`docs`"),
            None => {
                self.error(
                    root.pos,
                    "missing key `docs` (write `docs: []` if no page documents this)",
                );
                Vec::new()
            }
        };
        let level = match get("level") {
            Some(node) => self.string(node, "`level`").and_then(|s| match s.as_str() {
                "must" => Some(Level::Must),
                "should" => Some(Level::Should),
                "may" => Some(Level::May),
                _ => {
                    self.error(
                        node.pos,
                        format!("unknown level `{s}` (expected must, should or may)"),
                    );
                    None
                }
            }),
            None => {
                self.error(root.pos, "missing key `level` (must, should or may)");
                None
            }
        };
        let tags = get("tags")
            .map(|n| self.strings(n, "`tags`"))
            .unwrap_or_default();
        let mut requires = Vec::new();
        if let Some(node) = get("requires") {
            for (name, pos) in self.strings(node, "`requires`") {
                match name.as_str() {
                    "writes" => requires.push(Capability::Writes),
                    "outbox" => requires.push(Capability::Outbox),
                    _ => self.error(
                        pos,
                        format!("unknown capability `{name}` (expected writes or outbox)"),
                    ),
                }
            }
        }
        let config = match get("config") {
            Some(node) => self.string(node, "`config`").unwrap_or_default(),
            None => "default".to_owned(),
        };
        let mut actors = Vec::new();
        if let Some(node) = get("actors") {
            for (name, pos) in self.strings(node, "`actors`") {
                if actors.iter().any(|(a, _): &(String, Pos)| *a == name) {
                    self.error(pos, format!("actor `{name}` is declared twice"));
                } else if name.is_empty() {
                    self.error(pos, "an actor name must not be empty");
                } else {
                    actors.push((name, pos));
                }
            }
            if actors.is_empty() && self.errors.is_empty() {
                self.error(node.pos, "`actors` must name at least one actor");
            }
        }
        let actors: Vec<String> = if actors.is_empty() {
            vec!["anon".to_owned()]
        } else {
            actors.into_iter().map(|(a, _)| a).collect()
        };
        let vars = match get("vars") {
            Some(node) => self.vars(node),
            None => Vec::new(),
        };
        let steps = match get("steps") {
            Some(node) => self.steps(node, &actors),
            None => {
                self.error(root.pos, "missing key `steps`");
                Vec::new()
            }
        };
        Some(Scenario {
            id: id.to_owned(),
            file: file.to_owned(),
            title: title?,
            docs: docs.into_iter().map(|(d, _)| d).collect(),
            level: level?,
            tags: tags.into_iter().map(|(t, _)| t).collect(),
            requires,
            config,
            actors,
            vars,
            steps,
        })
    }

    fn vars(&mut self, node: &Node) -> Vec<VarDef> {
        let Some(entries) = self.mapping(node, "`vars`") else {
            return Vec::new();
        };
        let mut vars = Vec::new();
        for (key, value) in entries {
            let source = match &value.value {
                NodeValue::Map(fields) => self.var_from_map(key, value, fields),
                _ => self
                    .scalar_text(value, &format!("variable `{}`", key.name))
                    .map(|value| VarSource::Literal {
                        value,
                        secret: false,
                    }),
            };
            if let Some(source) = source {
                vars.push(VarDef {
                    name: key.name.clone(),
                    pos: key.pos,
                    source,
                });
            }
        }
        vars
    }

    fn var_from_map(&mut self, key: &Key, node: &Node, fields: &Entries) -> Option<VarSource> {
        let get = |name: &str| fields.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
        let what = format!("variable `{}`", key.name);
        if let Some(value) = get("value") {
            self.known_keys(fields, &["value", "secret"], &what);
            let value = self.scalar_text(value, &format!("`value` of {what}"))?;
            let secret = match get("secret") {
                Some(n) => self.boolean(n, "`secret`")?,
                None => false,
            };
            return Some(VarSource::Literal { value, secret });
        }
        let Some(kind_node) = get("generate") else {
            self.error(
                node.pos,
                format!(
                    "{what} must be a string, `{{generate: …}}` or `{{value: …, secret: true}}`"
                ),
            );
            return None;
        };
        let kind = self.string(kind_node, "`generate`")?;
        let text_option = |p: &mut Parser, name: &str, default: &str| -> Option<String> {
            match get(name) {
                Some(n) => p.string(n, &format!("`{name}`")),
                None => Some(default.to_owned()),
            }
        };
        let generator = match kind.as_str() {
            "username" => {
                self.known_keys(fields, &["generate", "prefix"], &what);
                Generator::Username {
                    prefix: text_option(self, "prefix", "Mwc")?,
                }
            }
            "password" => {
                self.known_keys(fields, &["generate", "prefix"], &what);
                Generator::Password {
                    prefix: text_option(self, "prefix", "Pw-")?,
                }
            }
            "email" => {
                self.known_keys(fields, &["generate", "prefix", "domain"], &what);
                Generator::Email {
                    prefix: text_option(self, "prefix", "mwc")?,
                    domain: text_option(self, "domain", "example.org")?,
                }
            }
            "hex" => {
                self.known_keys(fields, &["generate", "length"], &what);
                let length = match get("length") {
                    Some(n) => self.count(n, "`length`")?,
                    None => 8,
                };
                Generator::Hex { length }
            }
            "repeat" => {
                self.known_keys(fields, &["generate", "text", "count"], &what);
                let (Some(text), Some(count)) = (get("text"), get("count")) else {
                    self.error(node.pos, "`generate: repeat` needs both `text` and `count`");
                    return None;
                };
                let text = self.string(text, "`text`")?;
                let count = self.count(count, "`count`")?;
                if text.len().saturating_mul(count) > 1 << 20 {
                    self.error(node.pos, "`generate: repeat` must make at most 1 MiB");
                    return None;
                }
                Generator::Repeat { text, count }
            }
            other => {
                self.error(
                    kind_node.pos,
                    format!("unknown generator `{other}` (expected username, password, email, hex or repeat)"),
                );
                return None;
            }
        };
        Some(VarSource::Generate(generator))
    }

    fn steps(&mut self, node: &Node, actors: &[String]) -> Vec<Step> {
        let NodeValue::Seq(items) = &node.value else {
            self.error(
                node.pos,
                format!("`steps` must be a list, found {}", node.value.kind()),
            );
            return Vec::new();
        };
        if items.is_empty() {
            self.error(node.pos, "`steps` must have at least one step");
        }
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.step(i + 1, item, actors))
            .collect()
    }

    fn step(&mut self, number: usize, node: &Node, actors: &[String]) -> Option<Step> {
        let entries = self.mapping(node, &format!("step {number}"))?;
        self.known_keys(entries, STEP_KEYS, &format!("step {number}"));
        let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
        let name = match get("name") {
            Some(n) => self.string(n, "`name`")?,
            None => {
                self.error(node.pos, format!("step {number} has no `name`"));
                return None;
            }
        };
        let (actor, actor_pos) = match get("actor") {
            Some(n) => (self.string(n, "`actor`")?, n.pos),
            None => (actors.first().cloned().unwrap_or_default(), node.pos),
        };
        let chosen: Vec<&str> = ["get", "post", "mail"]
            .into_iter()
            .filter(|k| get(k).is_some())
            .collect();
        if chosen.len() != 1 {
            self.error(
                node.pos,
                format!(
                    "step {number} must have exactly one of `get`, `post` (or `mail`), found {}",
                    if chosen.is_empty() {
                        "none".to_owned()
                    } else {
                        chosen.join(" and ")
                    }
                ),
            );
            return None;
        }
        let action = if let Some(mail) = get("mail") {
            for key in ["query", "multipart", "method", "headers"] {
                if let Some((k, _)) = entries.iter().find(|(k, _)| k.name == key) {
                    self.error(k.pos, format!("`{key}` does not apply to a mail step"));
                }
            }
            Action::Mail(self.mail(mail)?)
        } else {
            Action::Http(self.http(entries)?)
        };
        let is_mail = matches!(action, Action::Mail(_));
        let expect = match get("expect") {
            Some(n) => self.expect(n, is_mail)?,
            None => Expect {
                pos: node.pos,
                ..Expect::default()
            },
        };
        let captures = match get("capture") {
            Some(n) => self.captures(n)?,
            None => Vec::new(),
        };
        Some(Step {
            number,
            name,
            pos: node.pos,
            actor,
            actor_pos,
            action,
            expect,
            captures,
        })
    }

    fn params(&mut self, node: &Node, what: &str) -> Option<Vec<(String, Text)>> {
        let entries = self.mapping(node, what)?;
        let mut params = Vec::new();
        for (key, value) in entries {
            let text = self.scalar_text(value, &format!("parameter `{}`", key.name))?;
            params.push((key.name.clone(), text));
        }
        Some(params)
    }

    fn http(&mut self, entries: &Entries) -> Option<HttpRequest> {
        let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
        let (params_in, params_node) = match (get("get"), get("post")) {
            (Some(n), None) => (ParamsIn::Query, n),
            (None, Some(n)) => (ParamsIn::Body, n),
            _ => return None,
        };
        let params = self.params(params_node, "the parameters")?;
        let mut query = Vec::new();
        if let Some(n) = get("query") {
            if params_in == ParamsIn::Query {
                self.error(n.pos, "`query` goes with `post` (a `get` already sends its parameters in the query string)");
            }
            query = self.params(n, "`query`")?;
        }
        let mut multipart = false;
        if let Some(n) = get("multipart") {
            multipart = self.boolean(n, "`multipart`")?;
            if multipart && params_in == ParamsIn::Query {
                self.error(n.pos, "`multipart` goes with `post`");
            }
        }
        let method = match get("method") {
            Some(n) => {
                let m = self.string(n, "`method`")?;
                if m.is_empty() || !m.bytes().all(|b| b.is_ascii_alphabetic()) {
                    self.error(n.pos, format!("`{m}` is not an HTTP method"));
                    return None;
                }
                Some(m.to_ascii_uppercase())
            }
            None => None,
        };
        let headers = match get("headers") {
            Some(n) => self.params(n, "`headers`")?,
            None => Vec::new(),
        };
        Some(HttpRequest {
            params_in,
            method,
            params,
            query,
            multipart,
            headers,
        })
    }

    fn mail(&mut self, node: &Node) -> Option<MailQuery> {
        let entries = self.mapping(node, "`mail`")?;
        self.known_keys(entries, &["to", "count"], "`mail`");
        let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
        let Some(to) = get("to") else {
            self.error(node.pos, "`mail` needs `to` (the recipient address)");
            return None;
        };
        let to = self.text(to, "`to`")?;
        let count = match get("count") {
            Some(n) => self.count(n, "`count`")?,
            None => 1,
        };
        Some(MailQuery { to, count })
    }

    fn expected_values(&mut self, node: &Node, what: &str) -> Option<Vec<(Key, Option<Text>)>> {
        let entries = self.mapping(node, what)?;
        let mut out = Vec::new();
        for (key, value) in entries {
            match &value.value {
                NodeValue::Null => out.push((key.clone(), None)),
                _ => out.push((
                    key.clone(),
                    Some(self.scalar_text(value, &format!("`{}`", key.name))?),
                )),
            }
        }
        Some(out)
    }

    fn expect(&mut self, node: &Node, is_mail: bool) -> Option<Expect> {
        let entries = self.mapping(node, "`expect`")?;
        self.known_keys(entries, EXPECT_KEYS, "`expect`");
        let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
        if is_mail {
            for key in ["status", "headers", "cookies", "body"] {
                if let Some((k, _)) = entries.iter().find(|(k, _)| k.name == key) {
                    self.error(k.pos, format!("`{key}` does not apply to a mail step"));
                }
            }
        }
        let mut expect = Expect {
            pos: node.pos,
            ..Expect::default()
        };
        if let Some(n) = get("status") {
            match &n.value {
                NodeValue::Number(v) if v.as_u64().is_some_and(|s| (100..=599).contains(&s)) => {
                    expect.status = Some((v.as_u64().and_then(|s| u16::try_from(s).ok())?, n.pos));
                }
                _ => {
                    self.error(n.pos, "`status` must be an HTTP status code (100–599)");
                    return None;
                }
            }
        }
        if let Some(n) = get("headers") {
            expect.headers = self.expected_values(n, "`headers`")?;
        }
        if let Some(n) = get("cookies") {
            expect.cookies = self.expected_values(n, "`cookies`")?;
        }
        expect.json = get("json").cloned();
        expect.json_subset = get("json-subset").cloned();
        if let Some(n) = get("schema") {
            expect.schema = Some(self.text(n, "`schema`")?);
        }
        if let Some(n) = get("body") {
            expect.body = Some(self.text(n, "`body`")?);
        }
        Some(expect)
    }

    fn captures(&mut self, node: &Node) -> Option<Vec<Capture>> {
        let entries = self.mapping(node, "`capture`")?;
        let mut captures = Vec::new();
        for (key, value) in entries {
            let what = format!("capture `{}`", key.name);
            let (source, secret) = match &value.value {
                NodeValue::String(pointer) => (
                    CaptureSource::Pointer {
                        pointer: pointer.clone(),
                        regex: None,
                    },
                    false,
                ),
                NodeValue::Map(fields) => {
                    self.known_keys(fields, &["pointer", "regex", "header", "secret"], &what);
                    let get =
                        |name: &str| fields.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
                    let secret = match get("secret") {
                        Some(n) => self.boolean(n, "`secret`")?,
                        None => false,
                    };
                    let source = match (get("pointer"), get("header")) {
                        (Some(p), None) => CaptureSource::Pointer {
                            pointer: self.string(p, "`pointer`")?,
                            regex: match get("regex") {
                                Some(r) => Some(self.string(r, "`regex`")?),
                                None => None,
                            },
                        },
                        (None, Some(h)) => {
                            if let Some((k, _)) = fields.iter().find(|(k, _)| k.name == "regex") {
                                self.error(k.pos, "`regex` goes with `pointer`");
                            }
                            CaptureSource::Header(self.string(h, "`header`")?)
                        }
                        _ => {
                            self.error(
                                value.pos,
                                format!("{what} needs exactly one of `pointer` and `header`"),
                            );
                            continue;
                        }
                    };
                    (source, secret)
                }
                other => {
                    self.error(
                        value.pos,
                        format!(
                            "{what} must be a JSON pointer or a mapping, found {}",
                            other.kind()
                        ),
                    );
                    continue;
                }
            };
            captures.push(Capture {
                name: key.name.clone(),
                pos: key.pos,
                source,
                secret,
            });
        }
        Some(captures)
    }
}
