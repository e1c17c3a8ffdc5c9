//! Prints mwcheck's own verdicts on password-policy and user-name questions, one JSON object per
//! input line, so that `scripts/policy-differential.py` can compare them with a real MediaWiki.
//!
//! Usage: `policy_verdicts [--mediawiki 1.43]` (the release whose stock policy and user-name rules
//! apply; the mock's default release without it).
//!
//! Input (JSON lines on stdin):
//! * `{"kind":"existing","users":[{"id":1,"name":"Admin"},...]}` — accounts the wiki already has;
//! * `{"id":N,"kind":"validatepassword","password":"...","user":"..."|null,"session_user":"127.0.0.1","groups":["*"]}`
//!   — what `action=validatepassword` answers (`error` code, or `validity` and `messages`);
//! * `{"id":N,"kind":"name","name":"..."}` — the canonical name (`list=users`), the `user`
//!   parameter's verdict and whether a new account may take the name;
//! * `{"id":N,"kind":"verify","stored":"...","password":"..."}` — whether the password matches a
//!   hash as MediaWiki stores it (`user_password`).
//!
//! Passwords are never printed.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use mwcheck_mock::password_hash;
use mwcheck_mock::password_policy::validity;
use mwcheck_mock::username::{self, Rigor, UserParam, normalize_input};
use mwcheck_mock::{MediaWikiVersion, WikiConfig};
use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = WikiConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--mediawiki", Some(version)) => {
                config = config.speaking(version.parse::<MediaWikiVersion>()?);
            }
            _ => {
                return Err(
                    format!("usage: policy_verdicts [--mediawiki VERSION] ({arg:?})").into(),
                );
            }
        }
    }
    let policy = config.active_password_policy();
    let rules = config.user_name_rules();
    let mut existing: HashMap<u64, String> = HashMap::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let request: Value = serde_json::from_str(&line)?;
        let text = |key: &str| {
            request
                .get(key)
                .and_then(Value::as_str)
                .map(normalize_input)
        };
        let verdict = match request["kind"].as_str() {
            Some("existing") => {
                for user in request["users"].as_array().into_iter().flatten() {
                    if let (Some(id), Some(name)) = (user["id"].as_u64(), user["name"].as_str()) {
                        existing.insert(id, name.to_string());
                    }
                }
                continue;
            }
            Some("validatepassword") => {
                let password = text("password").unwrap_or_default();
                let groups: Vec<String> = request["groups"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|g| g.as_str().map(String::from))
                    .collect();
                let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
                let subject = match text("user") {
                    None => Ok(text("session_user").unwrap_or_else(|| "127.0.0.1".into())),
                    Some(raw) => new_user_name(rules, &existing, &raw),
                };
                match subject {
                    Err(code) => json!({"error": code}),
                    Ok(name) => {
                        let failures = policy.check(&name, &password, &groups);
                        let messages: Vec<Value> = failures
                            .iter()
                            .map(|f| json!({"code": f.key, "params": f.params}))
                            .collect();
                        json!({"validity": validity(&failures).as_str(), "messages": messages})
                    }
                }
            }
            Some("name") => {
                let name = text("name").unwrap_or_default();
                let param = match rules.parse_user_param(&name, true) {
                    Err(()) => "baduser".to_string(),
                    Ok(UserParam::Id(id)) => format!("id:{id}"),
                    Ok(UserParam::Name(canonical)) => format!("name:{canonical}"),
                };
                json!({
                    "canonical": rules.canonical_with(&name, Rigor::Valid),
                    "creatable": rules.canonical_with(&name, Rigor::Creatable),
                    "usable": rules.canonical_with(&name, Rigor::Usable),
                    "param": param,
                })
            }
            Some("verify") => {
                let stored = request["stored"].as_str().unwrap_or_default();
                let password = request["password"].as_str().unwrap_or_default();
                json!({"verified": password_hash::verify(stored, password)})
            }
            other => return Err(format!("unknown kind {other:?}").into()),
        };
        let mut verdict = verdict;
        verdict["id"] = request["id"].clone();
        writeln!(out, "{verdict}")?;
    }
    Ok(())
}

/// The name `validatepassword` checks for `user=<raw>`, or the error it answers with.
fn new_user_name(
    rules: &username::UserNameRules,
    existing: &HashMap<u64, String>,
    raw: &str,
) -> Result<String, &'static str> {
    let name = match rules.parse_user_param(raw, true) {
        Err(()) => return Err("baduser"),
        Ok(UserParam::Name(name)) => name,
        Ok(UserParam::Id(id)) => existing
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "Unknown user".to_string()),
    };
    let Some(name) = rules.canonical_with(&name, Rigor::Creatable) else {
        return Err("baduser_user");
    };
    if existing.values().any(|known| *known == name) {
        return Err("userexists");
    }
    Ok(name)
}
