//! What a target offers, asked once before a run (`probe`: meta=siteinfo general|extensions with
//! meta=authmanagerinfo for account creation, then paraminfo for the account modules) or known
//! from the built-in mock's configuration (`from_config`); and why a scenario cannot run on it
//! (`lacks_for`), derived from the scenario's module, configuration and mail steps.

use crate::runner::http::{self, HttpLimits, Request};
use crate::runner::pacing::Pacing;
use crate::scenario::{Action, Capability, Scenario};
use serde_json::{Value, json};

/// The action modules asked about in paraminfo.
pub const ACCOUNT_MODULES: &[&str] = &[
    "createaccount",
    "resetpassword",
    "validatepassword",
    "login",
    "clientlogin",
    "logout",
];

/// What was detected; `None` fields were not told (e.g. a private wiki refuses siteinfo).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// siteinfo's `generator`, e.g. `MediaWiki 1.39.17`.
    pub generator: Option<String>,
    /// Installed extensions (not skins), when siteinfo told them.
    pub extensions: Option<Vec<String>>,
    /// The captcha type, when ConfirmEdit is installed (`QuestyCaptcha`, `FancyCaptcha`, …).
    pub captcha: Option<String>,
    /// Email on: account creation asks for an email address.
    pub email: Option<bool>,
    /// siteinfo's `writeapi`.
    pub write_api: Option<bool>,
    /// Which of `ACCOUNT_MODULES` paraminfo knows.
    pub modules: Option<Vec<String>>,
}

impl Capabilities {
    /// Reads the two probe answers; an error when either is not a MediaWiki API answer.
    pub fn from_answers(query: &Value, paraminfo: &Value) -> Result<Capabilities, String> {
        for (what, answer) in [("siteinfo query", query), ("paraminfo", paraminfo)] {
            let is_api = answer.as_object().is_some_and(|o| {
                [
                    "batchcomplete",
                    "query",
                    "error",
                    "errors",
                    "warnings",
                    "paraminfo",
                ]
                .iter()
                .any(|k| o.contains_key(*k))
            });
            if !is_api {
                return Err(format!(
                    "the {what} answer is JSON but not a MediaWiki API answer"
                ));
            }
        }
        let q = &query["query"];
        let general = &q["general"];
        let extensions: Option<Vec<String>> = q["extensions"].as_array().map(|list| {
            list.iter()
                .filter(|e| e["type"].as_str() != Some("skin"))
                .filter_map(|e| e["name"].as_str().map(str::to_owned))
                .collect()
        });
        let captcha = extensions.as_ref().and_then(|list| {
            list.iter().any(|e| e == "ConfirmEdit").then(|| {
                list.iter()
                    .find(|e| e.ends_with("Captcha"))
                    .cloned()
                    .unwrap_or_else(|| "SimpleCaptcha".to_owned())
            })
        });
        let email = q["authmanagerinfo"]["requests"]
            .as_array()
            .map(|requests| requests.iter().any(|r| r["fields"].get("email").is_some()));
        let modules = paraminfo["paraminfo"]["modules"].as_array().map(|list| {
            list.iter()
                .filter_map(|m| m["name"].as_str().map(str::to_owned))
                .collect()
        });
        Ok(Capabilities {
            generator: general["generator"].as_str().map(str::to_owned),
            extensions,
            captcha,
            email,
            write_api: general["writeapi"].as_bool(),
            modules,
        })
    }

    /// The one line printed before a run.
    pub fn line(&self) -> String {
        let version = self
            .generator
            .as_deref()
            .unwrap_or("version unknown (no siteinfo)");
        let extensions = match &self.extensions {
            None => "extensions unknown".to_owned(),
            Some(list) if list.is_empty() => "no extensions".to_owned(),
            Some(list) => {
                let named: Vec<String> = list
                    .iter()
                    .filter(|e| !e.ends_with("Captcha"))
                    .map(|e| match (e.as_str(), &self.captcha) {
                        ("ConfirmEdit", Some(kind)) => format!("ConfirmEdit ({kind})"),
                        _ => e.clone(),
                    })
                    .collect();
                format!("extensions {}", named.join(", "))
            }
        };
        let email = match self.email {
            Some(true) => "email on",
            Some(false) => "email off",
            None => "email unknown",
        };
        let missing: Vec<&str> = match &self.modules {
            Some(known) => ACCOUNT_MODULES
                .iter()
                .copied()
                .filter(|m| !known.iter().any(|k| k == m))
                .collect(),
            None => Vec::new(),
        };
        let modules = if missing.is_empty() {
            String::new()
        } else {
            format!("; no {}", missing.join(", "))
        };
        format!("target: {version}, {extensions}; {email}{modules}")
    }

    /// The JSON report's `capabilities`.
    pub fn json(&self) -> Value {
        json!({
            "generator": self.generator,
            "extensions": self.extensions,
            "captcha": self.captcha,
            "email": self.email,
            "writeapi": self.write_api,
            "modules": self.modules,
        })
    }

    pub(crate) fn has_extension(&self, name: &str) -> Option<bool> {
        self.extensions
            .as_ref()
            .map(|list| list.iter().any(|e| e == name))
    }

    /// Why this target cannot run the scenario (`None`: nothing detected stands in its way).
    /// Needs come from the scenario's module (paraminfo must know it), its configuration (a
    /// captcha, OATHAuth, email on or off) and whether it reads mail.
    pub fn lacks_for(&self, scenario: &Scenario) -> Option<String> {
        let module = scenario.module();
        if let Some(known) = &self.modules
            && ACCOUNT_MODULES.contains(&module)
            && !known.iter().any(|k| k == module)
        {
            return Some(format!(
                "needs the `{module}` module; the target's paraminfo does not list it"
            ));
        }
        let config = mwcheck_shared::config_needs(&scenario.config)?;
        if config.captcha && self.has_extension("ConfirmEdit") == Some(false) {
            return Some("needs a captcha (ConfirmEdit); the target has none".to_owned());
        }
        if config.two_factor && self.has_extension("OATHAuth") == Some(false) {
            return Some("needs two-factor authentication (OATHAuth); the target has none".into());
        }
        let reads_mail = scenario.requires.contains(&Capability::Outbox)
            || scenario
                .steps
                .iter()
                .any(|s| matches!(s.action, Action::Mail(_)));
        match self.email {
            Some(false) if reads_mail && config.email => {
                Some("needs email; the target has email off".to_owned())
            }
            Some(true) if !config.email => Some(format!(
                "needs email off (configuration `{}`); the target has email on",
                scenario.config
            )),
            _ => None,
        }
    }
}

/// Asks the target what it offers: two GET requests. Fails (with a one-line reason) when the
/// target does not answer, or answers with something other than MediaWiki API JSON.
pub async fn probe(api: &str, limits: &HttpLimits) -> Result<Capabilities, String> {
    probe_paced(api, limits, &Pacing::default()).await
}

/// [`probe`] with the run's pacing (maxlag, pace, retries of declined requests).
pub async fn probe_paced(
    api: &str,
    limits: &HttpLimits,
    pacing: &Pacing,
) -> Result<Capabilities, String> {
    let client = http::client(limits)?;
    let ask = |params: &[(&str, &str)]| {
        let mut request = Request {
            method: reqwest::Method::GET,
            query: params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            form: None,
            multipart: false,
            headers: Vec::new(),
        };
        pacing.add_maxlag(&mut request);
        request
    };
    let query = ask(&[
        ("action", "query"),
        ("meta", "siteinfo|authmanagerinfo"),
        ("siprop", "general|extensions"),
        ("amirequestsfor", "create"),
        ("format", "json"),
        ("formatversion", "2"),
    ]);
    let modules = ACCOUNT_MODULES.join("|");
    let paraminfo = ask(&[
        ("action", "paraminfo"),
        ("modules", &modules),
        ("format", "json"),
        ("formatversion", "2"),
    ]);
    let query = answer(&client, api, &query, limits, pacing).await?;
    let paraminfo = answer(&client, api, &paraminfo, limits, pacing).await?;
    Capabilities::from_answers(&query, &paraminfo)
}

async fn answer(
    client: &reqwest::Client,
    api: &str,
    request: &Request,
    limits: &HttpLimits,
    pacing: &Pacing,
) -> Result<Value, String> {
    // Declined requests are retried as steps' are; these retries belong to no scenario, so
    // no report lists them.
    let response = pacing
        .send(client, api, request, limits, 0, &mut Vec::new())
        .await?;
    let start: String = String::from_utf8_lossy(&response.body)
        .chars()
        .take(60)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    serde_json::from_slice(&response.body).map_err(|_| {
        format!(
            "{} is not a MediaWiki API: HTTP {} with a body that is not JSON (starts `{start}`)",
            crate::vars::shown_url(api),
            response.status
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_siteinfo_extensions_and_email() {
        let query = json!({"batchcomplete": true, "query": {
            "general": {"generator": "MediaWiki 1.39.17", "writeapi": true},
            "extensions": [{"type": "skin", "name": "Vector"},
                           {"type": "antispam", "name": "ConfirmEdit"},
                           {"type": "antispam", "name": "QuestyCaptcha"},
                           {"type": "other", "name": "OATHAuth"}],
            "authmanagerinfo": {"requests": [{"fields": {"email": {}}}]}}});
        let paraminfo = json!({"paraminfo": {"modules": [{"name": "createaccount"}]}});
        let caps = Capabilities::from_answers(&query, &paraminfo).unwrap();
        assert_eq!(caps.captcha.as_deref(), Some("QuestyCaptcha"));
        assert_eq!(caps.email, Some(true));
        assert_eq!(
            caps.line(),
            "target: MediaWiki 1.39.17, extensions ConfirmEdit (QuestyCaptcha), OATHAuth; \
             email on; no resetpassword, validatepassword, login, clientlogin, logout"
        );
    }

    #[test]
    fn a_refused_siteinfo_leaves_things_unknown_but_other_json_is_refused() {
        let refused = json!({"error": {"code": "readapidenied"}});
        let caps = Capabilities::from_answers(&refused, &json!({"paraminfo": {}})).unwrap();
        assert_eq!(caps.generator, None);
        assert!(caps.line().contains("version unknown"));
        let err = Capabilities::from_answers(&json!({"hello": 1}), &json!({})).unwrap_err();
        assert!(err.contains("not a MediaWiki API answer"), "{err}");
    }
}
