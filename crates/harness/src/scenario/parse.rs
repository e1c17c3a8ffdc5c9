//! Turns a scenario file's text into a [`Scenario`]: YAML syntax through serde-saphyr (with
//! positions), then the file's shape by hand, so that every mistake (unknown key, wrong type,
//! bad value) is reported at its line and column, and all of a file's mistakes at once.

use super::node::{Key, Node, NodeValue, Pos};
use super::versions::{self, VersionCondition};
use super::{Capability, Diagnostic, Level, Scenario, SnapshotRule, Text, VarDef, VarSource};
use crate::vars::Generator;
use mwcheck_shared::MediaWikiVersion;

mod step;

const TOP_KEYS: &[&str] = &[
    "title",
    "docs",
    "level",
    "tags",
    "requires",
    "config",
    "mediawiki-config",
    "actors",
    "vars",
    "steps",
    "snapshot",
    "versions",
];
/// Parses one scenario file as it reads for MediaWiki `version` (its `$versions` switches
/// resolved, steps for other versions left out).
pub fn parse(
    id: &str,
    file: &str,
    source: &str,
    version: MediaWikiVersion,
) -> Result<Scenario, Vec<Diagnostic>> {
    let root = yaml_root(file, source)?;
    let root = versions::resolve(&root, version).map_err(|errors| {
        errors
            .into_iter()
            .map(|(pos, message)| Diagnostic::new(file, source, pos, message))
            .collect::<Vec<_>>()
    })?;
    let mut parser = Parser { errors: Vec::new() };
    let scenario = parser.scenario(id, file, &root, version);
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
/// A YAML file's node tree with positions (scenario and expectations files); a syntax error as a
/// diagnostic at its place.
pub fn yaml_root(file: &str, source: &str) -> Result<Node, Vec<Diagnostic>> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(source, options).map_err(|err| {
        let pos = err
            .location()
            .map(|loc| Pos {
                line: u32::try_from(loc.line()).unwrap_or(0),
                col: u32::try_from(loc.column()).unwrap_or(0),
            })
            .unwrap_or_default();
        vec![Diagnostic::new(file, source, pos, yaml_message(&err))]
    })
}

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

    fn scenario(
        &mut self,
        id: &str,
        file: &str,
        root: &Node,
        version: MediaWikiVersion,
    ) -> Option<Scenario> {
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
                    "captcha-answers" => requires.push(Capability::CaptchaAnswers),
                    _ => self.error(
                        pos,
                        format!("unknown capability `{name}` (expected writes, outbox or captcha-answers)"),
                    ),
                }
            }
        }
        let config = match get("config") {
            Some(node) => self.config_name(node, "`config`"),
            None => "default".to_owned(),
        };
        let versions = get("versions").and_then(|node| {
            let text = self.string(node, "`versions`")?;
            VersionCondition::parse(&text)
                .map_err(|message| self.error(node.pos, message))
                .ok()
        });
        let mediawiki_config = get("mediawiki-config")
            .map(|node| (self.config_name(node, "`mediawiki-config`"), node.pos));
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
        let mut steps = match get("steps") {
            Some(node) => self.steps(node, &actors),
            None => {
                self.error(root.pos, "missing key `steps`");
                Vec::new()
            }
        };
        // A top-level `snapshot:` applies to every step that does not say otherwise (e.g. a
        // configuration only the mock has, so no real wiki to record from).
        if let Some(node) = get("snapshot")
            && let Some(rule) = self.snapshot_rule(node)
        {
            for step in &mut steps {
                if step.snapshot == SnapshotRule::default() {
                    step.snapshot = rule.clone();
                }
            }
        }
        if mediawiki_config.is_none()
            && let Some(step) = steps.iter().find(|s| s.only_as.is_some())
        {
            self.error(
                step.pos,
                format!(
                    "step {} has `only-as`, which needs the scenario's `mediawiki-config` (the side that plays a real MediaWiki)",
                    step.number
                ),
            );
        }
        if let Some((name, pos)) = &mediawiki_config {
            if !steps.iter().any(|s| s.claim.is_some()) {
                self.error(
                    *pos,
                    "`mediawiki-config` belongs to a documentation scenario: give its steps `claim`s",
                );
            }
            if *name == config {
                self.error(
                    *pos,
                    format!("`mediawiki-config` repeats `config` (`{name}`); leave it out"),
                );
            }
        }
        Some(Scenario {
            id: id.to_owned(),
            file: file.to_owned(),
            title: title?,
            docs: docs.into_iter().map(|(d, _)| d).collect(),
            level: level?,
            tags: tags.into_iter().map(|(t, _)| t).collect(),
            requires,
            config,
            mediawiki_config: mediawiki_config.map(|(name, _)| name),
            versions,
            mediawiki_version: version,
            actors,
            vars,
            steps,
        })
    }

    /// A named wiki configuration (one of `WikiConfig::NAMES`).
    fn config_name(&mut self, node: &Node, what: &str) -> String {
        let name = self.string(node, what).unwrap_or_default();
        if !mwcheck_shared::CONFIG_NAMES.contains(&name.as_str()) {
            self.error(
                node.pos,
                format!(
                    "unknown wiki configuration `{name}`; known: {}",
                    mwcheck_shared::CONFIG_NAMES.join(", ")
                ),
            );
        }
        name
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
}
