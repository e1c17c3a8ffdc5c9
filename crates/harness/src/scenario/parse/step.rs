//! The step half of the scenario parser: `steps`, each step's request (`get`/`post`/`mail`/
//! `captcha`/`fetch`/`browse`), its `expect` and its `capture`.

use super::{Entries, Parser};
use crate::scenario::node::{Key, Node, NodeValue};
use crate::scenario::{
    Action, Capture, CaptureSource, DocsRole, Expect, HttpRequest, MailQuery, ParamsIn,
    SnapshotRule, Step, Text,
};

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
    "captcha",
    "fetch",
    "browse",
    "expect",
    "capture",
    "snapshot",
    "claim",
    "drift",
    "only-as",
];
const SNAPSHOT_KEYS: &[&str] = &["redact", "skip"];
const EXPECT_KEYS: &[&str] = &[
    "status",
    "headers",
    "cookies",
    "json",
    "json-subset",
    "schema",
    "body",
];

impl Parser {
    pub(super) fn steps(&mut self, node: &Node, actors: &[String]) -> Vec<Step> {
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
        let chosen: Vec<&str> = ["get", "post", "mail", "captcha", "fetch", "browse"]
            .into_iter()
            .filter(|k| get(k).is_some())
            .collect();
        if chosen.len() != 1 {
            self.error(
                node.pos,
                format!(
                    "step {number} must have exactly one of `get`, `post` (or `mail`, `captcha`, `fetch`, `browse`), found {}",
                    if chosen.is_empty() {
                        "none".to_owned()
                    } else {
                        chosen.join(" and ")
                    }
                ),
            );
            return None;
        }
        let kind = chosen[0];
        if matches!(kind, "mail" | "captcha" | "fetch" | "browse") {
            for key in ["query", "multipart", "method", "headers"] {
                if let Some((k, _)) = entries.iter().find(|(k, _)| k.name == key) {
                    self.error(k.pos, format!("`{key}` does not apply to a {kind} step"));
                }
            }
        }
        let action = if let Some(mail) = get("mail") {
            Action::Mail(self.mail(mail)?)
        } else if let Some(captcha) = get("captcha") {
            let entries = self.mapping(captcha, "`captcha`")?;
            self.known_keys(entries, &["id"], "`captcha`");
            let Some((_, id)) = entries.iter().find(|(k, _)| k.name == "id") else {
                self.error(captcha.pos, "`captcha` needs `id` (the captcha's id)");
                return None;
            };
            Action::Captcha(self.text(id, "`id`")?)
        } else if let Some(path) = get("fetch") {
            Action::Fetch(self.text(path, "`fetch`")?)
        } else if let Some(browse) = get("browse") {
            self.browse(browse)?
        } else {
            Action::Http(self.http(entries)?)
        };
        // Neither has an HTTP status, headers or body of its own.
        let is_mail = matches!(action, Action::Mail(_) | Action::Browse { .. });
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
        let snapshot = match get("snapshot") {
            Some(n) => self.snapshot_rule(n)?,
            None => SnapshotRule::default(),
        };
        let claim = match get("claim") {
            Some(n) => Some(self.nonempty(n, "`claim`", "say what the documentation claims")?),
            None => None,
        };
        let drift = match get("drift") {
            Some(n) => {
                if claim.is_none() {
                    self.error(n.pos, "`drift` annotates a `claim`; this step has none");
                }
                Some(self.nonempty(n, "`drift`", "say what MediaWiki 1.39 does instead")?)
            }
            None => None,
        };
        let only_as = match get("only-as") {
            Some(n) => {
                if claim.is_some() {
                    self.error(
                        n.pos,
                        "`only-as` is for set-up steps: a `claim` is answered by both sides",
                    );
                }
                match self.string(n, "`only-as`")?.as_str() {
                    "documented" => Some(DocsRole::Documented),
                    "mediawiki" => Some(DocsRole::MediaWiki),
                    other => {
                        self.error(
                            n.pos,
                            format!("`only-as` is `documented` or `mediawiki`, not `{other}`"),
                        );
                        None
                    }
                }
            }
            None => None,
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
            snapshot,
            claim,
            drift,
            only_as,
        })
    }

    /// A string that must say something.
    fn nonempty(&mut self, node: &Node, what: &str, hint: &str) -> Option<String> {
        let text = self.string(node, what)?;
        if text.trim().is_empty() {
            self.error(node.pos, format!("{what} must not be empty: {hint}"));
        }
        Some(text)
    }

    /// `snapshot: {redact: [JSON pointers], skip: "why"}`.
    pub(super) fn snapshot_rule(&mut self, node: &Node) -> Option<SnapshotRule> {
        let entries = self.mapping(node, "`snapshot`")?;
        self.known_keys(entries, SNAPSHOT_KEYS, "`snapshot`");
        let mut rule = SnapshotRule::default();
        for (key, value) in entries {
            match key.name.as_str() {
                "redact" => {
                    for (pointer, pos) in self.strings(value, "`snapshot.redact`") {
                        if !pointer.starts_with('/') {
                            self.error(
                                pos,
                                format!("`{pointer}` is not a JSON pointer (it must start with /)"),
                            );
                        }
                        rule.redact.push(pointer);
                    }
                }
                "skip" => {
                    let reason = self.string(value, "`snapshot.skip`")?;
                    if reason.trim().is_empty() {
                        self.error(value.pos, "`snapshot.skip` must say why");
                    }
                    rule.skip = Some(reason);
                }
                _ => {}
            }
        }
        Some(rule)
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

    /// `browse: {url: …, until: …}`.
    fn browse(&mut self, node: &Node) -> Option<Action> {
        let entries = self.mapping(node, "`browse`")?;
        self.known_keys(entries, &["url", "until"], "`browse`");
        let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
        let (Some(url), Some(until)) = (get("url"), get("until")) else {
            self.error(
                node.pos,
                "`browse` needs `url` (where to start) and `until` (the return URL to stop at)",
            );
            return None;
        };
        Some(Action::Browse {
            url: self.text(url, "`url`")?,
            until: self.text(until, "`until`")?,
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
                    self.error(
                        k.pos,
                        format!("`{key}` does not apply to a mail or browse step"),
                    );
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
