//! Which MediaWiki codes the scenarios assert: error codes, FAIL/UI/RESTART message codes,
//! validatepassword messages, login results and non-bc warning codes, read from the expected JSON
//! of every step. `mwcheck coverage` prints it as the Markdown table the README carries.

use crate::scenario::node::{Node, NodeValue};
use crate::scenario::{Action, HttpRequest, Scenario};
use std::collections::{BTreeMap, BTreeSet};

/// Where a code appears, in the catalog's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A top-level error (`error.code`, `errors[].code`).
    Error,
    /// `status: FAIL` with `messagecode`.
    Fail,
    /// `status: UI` with `messagecode`.
    Ui,
    /// `status: RESTART`.
    Restart,
    /// An entry of `validatepassword.validitymessages`.
    Validity,
    /// A `login.result` (with its reason code, when the errorformat gives one).
    LoginResult,
    /// A warning code (non-bc error formats only; bc warnings carry no code).
    Warning,
}

impl Kind {
    /// The catalog's abbreviation.
    pub fn short(self) -> &'static str {
        match self {
            Kind::Error => "E",
            Kind::Fail => "F",
            Kind::Ui => "U",
            Kind::Restart => "RS",
            Kind::Validity => "VM",
            Kind::LoginResult => "L",
            Kind::Warning => "W",
        }
    }
}

/// One asserted code.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CodeUse {
    pub code: String,
    pub kind: Kind,
    pub module: String,
}

/// Every code the scenarios assert, with the scenarios (id and configuration) that assert it.
pub fn collect<'s>(
    scenarios: impl IntoIterator<Item = &'s Scenario>,
) -> BTreeMap<CodeUse, BTreeSet<(String, String)>> {
    let mut table: BTreeMap<CodeUse, BTreeSet<(String, String)>> = BTreeMap::new();
    for scenario in scenarios {
        for step in &scenario.steps {
            let Action::Http(request) = &step.action else {
                continue;
            };
            let module = module_of(request);
            for body in [&step.expect.json, &step.expect.json_subset]
                .into_iter()
                .flatten()
            {
                for found in codes_in(body, &module) {
                    table
                        .entry(found)
                        .or_default()
                        .insert((scenario.id.clone(), scenario.config.clone()));
                }
            }
        }
    }
    table
}

/// The Markdown table: code, kind, module, scenarios (at most three named), configurations.
pub fn markdown(table: &BTreeMap<CodeUse, BTreeSet<(String, String)>>) -> String {
    let mut out = String::from(
        "| Code | Kind | Module | Scenarios | Configuration |\n|---|---|---|---|---|\n",
    );
    for (code, uses) in table {
        let ids: Vec<&str> = uses.iter().map(|(id, _)| id.as_str()).collect();
        let mut shown = ids
            .iter()
            .take(3)
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if ids.len() > 3 {
            shown.push_str(&format!(" (+{} more)", ids.len() - 3));
        }
        let configs: BTreeSet<&str> = uses.iter().map(|(_, config)| config.as_str()).collect();
        let configs = configs.into_iter().collect::<Vec<_>>().join(", ");
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            code.code,
            code.kind.short(),
            code.module,
            shown,
            configs
        ));
    }
    out
}

/// The module a request addresses: `action`, or for `action=query` the `meta` value.
fn module_of(request: &HttpRequest) -> String {
    let param = |name: &str| {
        request
            .params
            .iter()
            .chain(&request.query)
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.text.clone())
    };
    match param("action").as_deref() {
        Some("query") => param("meta").unwrap_or_else(|| "query".to_owned()),
        Some(action) => action.to_owned(),
        None => "main".to_owned(),
    }
}

fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.value {
        NodeValue::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
        _ => None,
    }
}

/// A literal string (not a matcher, not a template).
fn literal(node: Option<&Node>) -> Option<&str> {
    match node.map(|n| &n.value) {
        Some(NodeValue::String(text)) if !text.starts_with('$') && !text.contains("{{") => {
            Some(text.as_str())
        }
        _ => None,
    }
}

fn items(node: Option<&Node>) -> &[Node] {
    match node.map(|n| &n.value) {
        Some(NodeValue::Seq(items)) => items,
        _ => &[],
    }
}

fn codes_in(body: &Node, module: &str) -> Vec<CodeUse> {
    let mut found = Vec::new();
    let mut push = |code: &str, kind: Kind, module: &str| {
        found.push(CodeUse {
            code: code.to_owned(),
            kind,
            module: module.to_owned(),
        })
    };
    if let Some(code) = literal(get(body, "error").and_then(|e| get(e, "code"))) {
        push(code, Kind::Error, module);
    }
    for error in items(get(body, "errors")) {
        if let Some(code) = literal(get(error, "code")) {
            push(
                code,
                Kind::Error,
                literal(get(error, "module")).unwrap_or(module),
            );
        }
    }
    for warning in items(get(body, "warnings")) {
        if let Some(code) = literal(get(warning, "code")) {
            push(
                code,
                Kind::Warning,
                literal(get(warning, "module")).unwrap_or(module),
            );
        }
    }
    for flow in ["createaccount", "clientlogin"] {
        let Some(result) = get(body, flow) else {
            continue;
        };
        let kind = match literal(get(result, "status")) {
            Some("FAIL") => Kind::Fail,
            Some("UI") => Kind::Ui,
            Some("RESTART") => Kind::Restart,
            _ => continue,
        };
        if let Some(code) = literal(get(result, "messagecode")) {
            push(code, kind, flow);
        }
    }
    let validity = get(body, "validatepassword").and_then(|v| get(v, "validitymessages"));
    for message in items(validity) {
        if let Some(code) = literal(get(message, "code")) {
            push(code, Kind::Validity, "validatepassword");
        }
    }
    if let Some(login) = get(body, "login")
        && let Some(result) = literal(get(login, "result"))
    {
        match literal(get(login, "reason").and_then(|r| get(r, "code"))) {
            Some(reason) => push(&format!("{result} ({reason})"), Kind::LoginResult, "login"),
            None => push(result, Kind::LoginResult, "login"),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(yaml: &str, module: &str) -> Vec<(String, &'static str, String)> {
        let node: Node = serde_saphyr::from_str(yaml).expect("valid YAML");
        codes_in(&node, module)
            .into_iter()
            .map(|c| (c.code, c.kind.short(), c.module))
            .collect()
    }

    #[test]
    fn finds_each_kind_of_code() {
        assert_eq!(
            codes("{error: {code: badtoken, info: x}}", "createaccount"),
            vec![("badtoken".into(), "E", "createaccount".into())]
        );
        assert_eq!(
            codes(
                "{errors: [{code: readonly, module: main}], warnings: [{code: unrecognizedparams, module: main}]}",
                "login"
            ),
            vec![
                ("readonly".into(), "E", "main".into()),
                ("unrecognizedparams".into(), "W", "main".into())
            ]
        );
        assert_eq!(
            codes(
                "{createaccount: {status: FAIL, messagecode: userexists}}",
                "createaccount"
            ),
            vec![("userexists".into(), "F", "createaccount".into())]
        );
        assert_eq!(
            codes(
                "{validatepassword: {validity: Change, validitymessages: [{code: passwordincommonlist}]}}",
                "validatepassword"
            ),
            vec![(
                "passwordincommonlist".into(),
                "VM",
                "validatepassword".into()
            )]
        );
        assert_eq!(
            codes(
                "{login: {result: Failed, reason: {code: wrongpassword}}}",
                "login"
            ),
            vec![("Failed (wrongpassword)".into(), "L", "login".into())]
        );
    }

    #[test]
    fn matchers_and_templates_are_not_codes() {
        assert!(codes("{error: {code: $any-string}}", "x").is_empty());
        assert!(codes("{clientlogin: {status: PASS, username: x}}", "x").is_empty());
        assert!(codes("{error: {code: \"{{code}}\"}}", "x").is_empty());
    }
}
