//! The `modules` fuzz target's structured input: `arbitrary` turns the bytes into a [`Session`]
//! (a named configuration, a login, and up to four calls of the mock's action and meta modules),
//! whose parameter names are drawn from what the wiki itself says it takes — `action=paraminfo`
//! for every module it describes, `meta=authmanagerinfo` for every AuthManager action's fields
//! and request ids — plus ApiMain's and the undescribed modules' parameters, random names and PHP
//! array syntax; values from the same answers' enum values, fresh tokens, the seeded accounts'
//! names and passwords, random text, invalid UTF-8, long lists and huge strings. Every answer
//! must keep the invariant of [`super::check_answer`].

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use arbitrary::{Arbitrary, Unstructured};
use axum::body::Body;
use axum::http::{Request, header};

use super::call_request::{HttpMethod, build_request};
use super::{Answer, InProcessWiki, Violation, check_answer};
use crate::WikiConfig;
use crate::apimain::{ACTIONS, FORMATS};
use crate::modules::query::META;

/// ApiMain's own parameters and those of the modules paraminfo does not describe here.
const STATIC_NAMES: &[&str] = &[
    "action",
    "format",
    "maxlag",
    "smaxage",
    "maxage",
    "assert",
    "assertuser",
    "requestid",
    "servedby",
    "curtimestamp",
    "responselanginfo",
    "origin",
    "uselang",
    "variant",
    "errorformat",
    "errorlang",
    "errorsuselocal",
    "callback",
    "utf8",
    "ascii",
    "formatversion",
    "xslt",
    "includexmlnamespace",
    "prop",
    "list",
    "meta",
    "titles",
    "pageids",
    "generator",
    "continue",
    "rawcontinue",
    "indexpageids",
    "export",
    "redirects",
    "modules",
    "helpformat",
    "user",
    "userid",
    "expiry",
    "reason",
    "nocreate",
    "noemail",
    "allowusertalk",
    "reblock",
    "autoblock",
    "add",
    "remove",
    "tags",
    "token",
    "name",
    "password",
    "email",
    "realname",
    "mailpassword",
    "domain",
    "language",
];

/// Values worth trying anywhere.
const STATIC_VALUES: &[&str] = &[
    "",
    "*",
    "1",
    "0",
    "-1",
    "2",
    "latest",
    "infinite",
    "never",
    "1 day",
    "Admin",
    "127.0.0.1",
    "en",
    "de",
    "qqx",
    "user",
    "anon",
    "bot",
    "sysop",
    "bureaucrat",
    "plaintext",
    "wikitext",
    "html",
    "raw",
    "none",
    "bc",
    "http://127.0.0.1:8080/",
    "+\\",
    "MediaWiki\\Auth\\",
];

/// One fuzzed session against a fresh wiki.
#[derive(Arbitrary, Debug)]
pub struct Session {
    /// Index into `WikiConfig::NAMES`.
    pub config: u8,
    pub login: Login,
    pub calls: Vec<Call>,
}

/// How the session starts.
#[derive(Arbitrary, Debug)]
pub enum Login {
    Anonymous,
    /// clientlogin as a seeded account (index), with its password.
    Account(u8),
    /// action=login with a seeded bot password (index).
    BotPassword(u8),
}

#[derive(Arbitrary, Debug)]
pub struct Call {
    pub method: HttpMethod,
    pub module: Module,
    pub format: Format,
    /// Index into the error formats, or none sent.
    pub errorformat: Option<u8>,
    /// Send the session's cookies.
    pub cookies: bool,
    /// Fetch every token (`meta=tokens&type=*`) before the call.
    pub fresh_tokens: bool,
    pub params: Vec<(Name, Value)>,
    /// A Cookie header of its own, added after the session's.
    pub raw_cookie: Option<Vec<u8>>,
}

#[derive(Arbitrary, Debug)]
pub enum Module {
    /// Index into the action modules.
    Action(u8),
    /// action=query with these meta modules (indexes).
    Meta(Vec<u8>),
    /// No action parameter at all.
    Absent,
}

#[derive(Arbitrary, Debug)]
pub enum Format {
    /// Index into ApiMain's formats.
    Known(u8),
    Other(String),
    Absent,
}

#[derive(Arbitrary, Debug)]
pub enum Name {
    /// Index into the names the wiki takes.
    Known(u16),
    /// The same with PHP array syntax (`name[]`).
    Array(u16),
    Random(String),
}

#[derive(Arbitrary, Debug)]
pub enum Value {
    /// Index into the values the wiki knows.
    Known(u16),
    /// Several known values joined with `|` (or U+001F), `count` times over.
    List {
        values: Vec<u16>,
        count: u8,
        unit_separator: bool,
    },
    /// The session's token of this type (index), as issued.
    Token(u8),
    AccountName(u8),
    AccountPassword(u8),
    Text(String),
    Bytes(Vec<u8>),
    /// One character repeated up to 64K times.
    Huge {
        unit: char,
        length: u16,
    },
}

/// What a configuration's wiki says it takes.
struct Vocabulary {
    names: Vec<String>,
    values: Vec<String>,
}

/// Runs the session the bytes describe and checks every answer.
pub fn run(data: &[u8]) -> Result<(), Violation> {
    let Ok(session) = Session::arbitrary_take_rest(Unstructured::new(data)) else {
        return Ok(());
    };
    let names = WikiConfig::NAMES;
    let config_name = names[usize::from(session.config) % names.len()];
    let config = WikiConfig::named(config_name).expect("a named configuration");
    let vocabulary = vocabulary(config_name, &config);
    let mut client = Client {
        wiki: InProcessWiki::new(config.clone()),
        cookies: Vec::new(),
        tokens: Vec::new(),
    };
    client.login(&session.login, &config)?;
    for call in session.calls.iter().take(4) {
        if call.fresh_tokens {
            client.fetch_tokens()?;
        }
        client.call(call, &config, &vocabulary)?;
    }
    Ok(())
}

/// The names and values the wiki in `config` reports (asked once per configuration).
fn vocabulary(config_name: &str, config: &WikiConfig) -> std::sync::Arc<Vocabulary> {
    static CACHE: OnceLock<Mutex<HashMap<String, std::sync::Arc<Vocabulary>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
    cache
        .entry(config_name.to_string())
        .or_insert_with(|| std::sync::Arc::new(ask_vocabulary(config)))
        .clone()
}

fn ask_vocabulary(config: &WikiConfig) -> Vocabulary {
    let wiki = InProcessWiki::new(config.clone());
    let mut names: Vec<String> = STATIC_NAMES.iter().map(|s| s.to_string()).collect();
    let mut values: Vec<String> = STATIC_VALUES.iter().map(|s| s.to_string()).collect();
    let add = |list: &mut Vec<String>, item: &str| {
        if !list.iter().any(|x| x == item) {
            list.push(item.to_string());
        }
    };
    let modules = "createaccount|resetpassword|validatepassword|login|logout|clientlogin|\
                   query+tokens|query+authmanagerinfo|query+userinfo|block|userrights";
    let info = get_json(
        &wiki,
        &format!("action=paraminfo&format=json&formatversion=2&modules={modules}"),
    );
    for module in info["paraminfo"]["modules"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let prefix = module["prefix"].as_str().unwrap_or("");
        for param in module["parameters"].as_array().into_iter().flatten() {
            let name = param["name"].as_str().unwrap_or("");
            add(&mut names, &format!("{prefix}{name}"));
            for value in param["type"].as_array().into_iter().flatten() {
                add(&mut values, value.as_str().unwrap_or(""));
            }
        }
    }
    for action in [
        "login",
        "login-continue",
        "create",
        "create-continue",
        "change",
        "remove",
    ] {
        let query = format!(
            "action=query&meta=authmanagerinfo&amirequestsfor={action}&format=json&formatversion=2"
        );
        let info = get_json(&wiki, &query);
        for request in info["query"]["authmanagerinfo"]["requests"]
            .as_array()
            .into_iter()
            .flatten()
        {
            add(&mut values, request["id"].as_str().unwrap_or(""));
            for field in request["fields"].as_object().into_iter().flatten() {
                add(&mut names, field.0);
            }
        }
    }
    Vocabulary { names, values }
}

fn get_json(wiki: &InProcessWiki, query: &str) -> serde_json::Value {
    let request = Request::get(format!("/api.php?{query}"))
        .body(Body::empty())
        .expect("a request");
    serde_json::from_slice(&wiki.send(request).body).unwrap_or_default()
}

/// A client with a cookie jar and the tokens it was last given.
struct Client {
    wiki: InProcessWiki,
    cookies: Vec<(String, String)>,
    tokens: Vec<String>,
}

impl Client {
    fn send(
        &mut self,
        method: HttpMethod,
        params: &[(String, Vec<u8>)],
        send_cookies: bool,
        raw_cookie: Option<&[u8]>,
    ) -> Result<Option<Answer>, Violation> {
        let cookie = self.cookie_header(send_cookies, raw_cookie);
        let Some((request, method, format)) = build_request(method, params, cookie) else {
            return Ok(None);
        };
        let answer = self.wiki.send(request);
        check_answer(&method, "/api.php", Some(format.as_deref()), &answer)?;
        self.keep_cookies(&answer);
        Ok(Some(answer))
    }

    fn cookie_header(&self, send: bool, raw: Option<&[u8]>) -> Vec<u8> {
        let mut header: Vec<u8> = Vec::new();
        if send {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            header.extend_from_slice(jar.join("; ").as_bytes());
        }
        if let Some(raw) = raw {
            if !header.is_empty() {
                header.extend_from_slice(b"; ");
            }
            header.extend_from_slice(raw);
        }
        header
    }

    fn keep_cookies(&mut self, answer: &Answer) {
        for value in answer.headers.get_all(header::SET_COOKIE) {
            let text = String::from_utf8_lossy(value.as_bytes());
            let pair = text.split(';').next().unwrap_or("");
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            self.cookies.retain(|(k, _)| k != name);
            if value != "deleted" {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
    }

    fn fetch_tokens(&mut self) -> Result<(), Violation> {
        let params = pairs(&[
            ("action", "query"),
            ("meta", "tokens"),
            ("type", "*"),
            ("format", "json"),
        ]);
        let Some(answer) = self.send(HttpMethod::Get, &params, true, None)? else {
            return Ok(());
        };
        let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap_or_default();
        self.tokens = body["query"]["tokens"]
            .as_object()
            .map(|t| {
                t.values()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        Ok(())
    }

    fn login(&mut self, login: &Login, config: &WikiConfig) -> Result<(), Violation> {
        let (index, bot) = match login {
            Login::Anonymous => return Ok(()),
            Login::Account(i) => (*i, false),
            Login::BotPassword(i) => (*i, true),
        };
        self.fetch_tokens()?;
        let login_token = self
            .tokens
            .iter()
            .find(|t| t.len() > 2)
            .cloned()
            .unwrap_or_default();
        let params = if bot {
            let Some(seed) = pick(&config.bot_passwords, index) else {
                return Ok(());
            };
            let name = format!("{}@{}", seed.user, seed.app_id);
            pairs(&[
                ("action", "login"),
                ("format", "json"),
                ("lgname", &name),
                ("lgpassword", &seed.password),
                ("lgtoken", &login_token),
            ])
        } else {
            let Some(seed) = pick(&config.accounts, index) else {
                return Ok(());
            };
            pairs(&[
                ("action", "clientlogin"),
                ("format", "json"),
                ("username", &seed.name),
                ("password", &seed.password),
                ("loginreturnurl", "http://127.0.0.1:8080/"),
                ("logintoken", &login_token),
            ])
        };
        self.send(HttpMethod::PostForm, &params, true, None)?;
        Ok(())
    }

    fn call(
        &mut self,
        call: &Call,
        config: &WikiConfig,
        words: &Vocabulary,
    ) -> Result<(), Violation> {
        let mut params: Vec<(String, Vec<u8>)> = Vec::new();
        match &call.module {
            Module::Action(i) => params.push(("action".into(), pick_str(ACTIONS, *i).into())),
            Module::Meta(list) => {
                params.push(("action".into(), b"query".to_vec()));
                let metas: Vec<&str> = list.iter().take(60).map(|i| pick_str(META, *i)).collect();
                params.push(("meta".into(), metas.join("|").into_bytes()));
            }
            Module::Absent => {}
        }
        let format = match &call.format {
            Format::Known(i) => Some(pick_str(FORMATS, *i).to_string()),
            Format::Other(text) => Some(text.clone()),
            Format::Absent => None,
        };
        if let Some(format) = &format {
            params.push(("format".into(), format.clone().into_bytes()));
        }
        if let Some(i) = call.errorformat {
            let formats = [
                "bc",
                "plaintext",
                "wikitext",
                "html",
                "raw",
                "none",
                "bogus",
            ];
            params.push(("errorformat".into(), pick_str(&formats, i).into()));
        }
        for (name, value) in call.params.iter().take(40) {
            let name = match name {
                Name::Known(i) => pick(&words.names, *i).cloned().unwrap_or_default(),
                Name::Array(i) => {
                    format!("{}[]", pick(&words.names, *i).cloned().unwrap_or_default())
                }
                Name::Random(text) => text.clone(),
            };
            params.push((name, self.value(value, config, words)));
        }
        self.send(
            call.method,
            &params,
            call.cookies,
            call.raw_cookie.as_deref(),
        )?;
        Ok(())
    }

    fn value(&self, value: &Value, config: &WikiConfig, words: &Vocabulary) -> Vec<u8> {
        match value {
            Value::Known(i) => pick(&words.values, *i)
                .cloned()
                .unwrap_or_default()
                .into_bytes(),
            Value::List {
                values,
                count,
                unit_separator,
            } => {
                let one: Vec<String> = values
                    .iter()
                    .take(8)
                    .map(|i| pick(&words.values, *i).cloned().unwrap_or_default())
                    .collect();
                let all: Vec<String> = std::iter::repeat_n(one, usize::from(*count).max(1))
                    .flatten()
                    .collect();
                if *unit_separator {
                    format!("\u{1f}{}", all.join("\u{1f}")).into_bytes()
                } else {
                    all.join("|").into_bytes()
                }
            }
            Value::Token(i) => pick(&self.tokens, *i)
                .cloned()
                .unwrap_or_default()
                .into_bytes(),
            Value::AccountName(i) => pick(&config.accounts, *i)
                .map(|a| a.name.clone())
                .unwrap_or_default()
                .into_bytes(),
            Value::AccountPassword(i) => pick(&config.accounts, *i)
                .map(|a| a.password.clone())
                .unwrap_or_default()
                .into_bytes(),
            Value::Text(text) => text.clone().into_bytes(),
            Value::Bytes(bytes) => bytes.clone(),
            Value::Huge { unit, length } => std::iter::repeat_n(*unit, usize::from(*length))
                .collect::<String>()
                .into_bytes(),
        }
    }
}

fn pick<T>(list: &[T], index: impl Into<usize>) -> Option<&T> {
    (!list.is_empty()).then(|| &list[index.into() % list.len()])
}

fn pick_str<'a>(list: &[&'a str], index: u8) -> &'a str {
    pick(list, index).copied().unwrap_or("")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
        .collect()
}
