//! ApiMain: the request pipeline shared by all modules (main parameters, assert, module
//! parameters, token, permissions, HTTP method, execute, unused-parameter warnings) and the
//! per-request context (`Ctx`) that modules work with.

use md5::Digest as _;

use super::config::WikiConfig;
use super::errors::{ApiError, ErrorFormat, Renderer, Warning, docref_text};
use super::format::{OutputFormat, Val};
use super::messages::{Msg, Param};
use super::modules;
use super::request::ApiRequest;
use super::session::RequestSession;
use super::store::{Account, Store};
use super::tokens::{self, TokenType};

/// What a module declares about itself (ApiBase flags).
#[derive(Clone, Copy, Debug)]
pub struct ModuleInfo {
    pub name: &'static str,
    pub must_be_posted: bool,
    pub is_write: bool,
    /// Token parameter name and type, for modules with needsToken().
    pub token: Option<(&'static str, TokenType)>,
}

/// The output of a completed request.
#[derive(Debug)]
pub struct ApiOutput {
    pub status: u16,
    /// The body to print (the JSON tree).
    pub body: Val,
    /// The error code for the MediaWiki-API-Error header.
    pub error_code: Option<String>,
    /// Session cookie changes (sent before Content-Type, like PHP's session handling).
    pub session_cookies: Vec<String>,
    /// Cookies set while executing (chronology protector, login).
    pub cookies: Vec<String>,
}

/// Per-request state handed to modules.
pub struct Ctx<'a> {
    pub config: &'a WikiConfig,
    pub server: &'a str,
    pub store: &'a mut Store,
    pub session: RequestSession,
    pub req: &'a ApiRequest,
    pub now: u64,
    pub warnings: Vec<Warning>,
    pub cookies: Vec<String>,
    pub renderer: Renderer,
    pub out: OutputFormat,
    /// The user is forced anonymous (callback / origin=*: same-origin policy not applied).
    pub lacks_same_origin: bool,
}

impl Ctx<'_> {
    /// The logged-in account, if any.
    pub fn user(&self) -> Option<&Account> {
        if self.lacks_same_origin || self.session.data.user_id == 0 {
            return None;
        }
        self.store.by_id(self.session.data.user_id)
    }

    /// The performer's name: the account name or the client IP.
    pub fn user_name(&self) -> String {
        match self.user() {
            Some(a) => a.name.clone(),
            None => self.req.ip_name(),
        }
    }

    pub fn sitename(&self) -> &str {
        &self.config.sitename
    }

    /// Adds a warning.
    pub fn warn(&mut self, module: &str, code: &str, msg: Msg, data: Option<Val>) {
        self.warnings.push(Warning {
            module: module.to_string(),
            code: code.to_string(),
            msg,
            data,
        });
    }

    /// The cookies ChronologyProtector sets after a request that wrote to the database.
    pub fn mark_db_write(&mut self) {
        let agent = self.req.header("user-agent").unwrap_or("");
        let client = hex::encode(md5::Md5::digest(
            format!("{}\n{}", self.req.ip_name(), agent).as_bytes(),
        ));
        let expires = httpdate::fmt_http_date(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(self.now + 10),
        );
        let cp = format!("1%40{}%23{}", self.now, client);
        for (name, value) in [
            ("cpPosIndex", cp.as_str()),
            ("UseDC", "master"),
            ("UseCDNCache", "false"),
        ] {
            self.cookies.push(format!(
                "{name}={value}; expires={expires}; Max-Age=10; path=/; HttpOnly"
            ));
        }
    }

    /// The checks ApiMain runs between a module's parameter parsing and its execution:
    /// token (posted, valid), write permissions, HTTP method, mustbeposted.
    pub fn pre_execute(&mut self, info: &ModuleInfo) -> Result<(), ApiError> {
        if let Some((param, ty)) = info.token {
            let value = self.req.get(param).map(str::to_string);
            let Some(value) = value.filter(|v| !v.is_empty()) else {
                return Err(ApiError::missing_param(info.name, param));
            };
            if self.req.in_query(param) {
                return Err(ApiError::must_post_params(info.name, &[param.to_string()]));
            }
            let logged_in = self.user().is_some();
            if !tokens::validate(&mut self.session, logged_in, ty, &value) {
                return Err(ApiError::bad_token(info.name));
            }
        }
        // ApiMain::checkExecutePermissions. Only anonymous users can lack `read` or `writeapi`
        // in the configurations the mock supports (the `user` group keeps both).
        let anonymous = self.user().is_none();
        if self.is_read_mode(info.name) && anonymous && !self.config.anon_read {
            return Err(ApiError::new(
                "main",
                "readapidenied",
                Msg::new("apierror-readapidenied"),
            ));
        }
        if info.is_write {
            if anonymous && !self.config.anon_write_api {
                return Err(ApiError::new(
                    "main",
                    "writeapidenied",
                    Msg::new("apierror-writeapidenied"),
                ));
            }
            if self
                .req
                .header("promise-non-write-api-action")
                .is_some_and(|v| !v.is_empty())
            {
                return Err(ApiError::new(
                    "main",
                    "promised-nonwrite-api",
                    Msg::new("apierror-promised-nonwrite-api"),
                ));
            }
            if let Some(reason) = &self.config.read_only_reason {
                let mut err = ApiError::new("main", "readonly", Msg::new("apierror-readonly"));
                err.data = Some(Box::new(Val::map().with("readonlyreason", reason.as_str())));
                return Err(err);
            }
        }
        if !matches!(
            self.req.method.as_str(),
            "GET" | "HEAD" | "POST" | "OPTIONS"
        ) {
            let mut e = ApiError::new("main", "invalidmethod", Msg::new("apierror-invalidmethod"));
            e.status = 405;
            return Err(e);
        }
        if info.must_be_posted && !self.req.was_posted() {
            return Err(ApiError::must_be_posted(info.name));
        }
        if self.req.was_posted() && self.req.header("content-type").is_none() {
            self.warn(
                "main",
                "deprecation",
                Msg::new("apiwarn-deprecation-post-without-content-type"),
                Some(Val::map().with("feature", "post-without-content-type")),
            );
        }
        Ok(())
    }

    /// ApiBase::isReadMode: validatepassword and resetpassword need `read`; the account and login
    /// modules do not; action=query does unless only `meta` is given and every meta module
    /// (tokens, authmanagerinfo) is exempt (ApiQuery::isReadMode).
    fn is_read_mode(&self, module: &str) -> bool {
        match module {
            "validatepassword" | "resetpassword" => true,
            "query" => {
                let other_params = [
                    "prop",
                    "list",
                    "export",
                    "exportnowrap",
                    "exportschema",
                    "iwurl",
                    "continue",
                    "titles",
                    "pageids",
                    "revids",
                    "generator",
                    "redirects",
                    "converttitles",
                ];
                if other_params
                    .iter()
                    .any(|name| self.req.get(name).is_some_and(|v| !v.is_empty()))
                {
                    return true;
                }
                // Unknown meta values are dropped before the check.
                let meta: Vec<String> = split_multi(self.req.get("meta").unwrap_or(""))
                    .into_iter()
                    .filter(|m| matches!(m.as_str(), "tokens" | "authmanagerinfo" | "userinfo"))
                    .collect();
                meta.is_empty() || meta.iter().any(|m| m == "userinfo")
            }
            _ => false,
        }
    }

    /// Whether the performer has the `createaccount` right: anonymous users (and so everyone) when
    /// `$wgGroupPermissions['*']['createaccount']`, otherwise sysops only.
    pub fn may_create_accounts(&self) -> bool {
        self.config.anon_create_account
            || self
                .user()
                .is_some_and(|a| a.groups.iter().any(|g| g == "sysop"))
    }

    /// Requires the named parameters to be absent from the query string (requirePostedParameters).
    pub fn require_posted(&self, module: &str, names: &[&str]) -> Result<(), ApiError> {
        let bad: Vec<String> = names
            .iter()
            .filter(|n| self.req.in_query(n))
            .map(|n| n.to_string())
            .collect();
        if bad.is_empty() {
            Ok(())
        } else {
            Err(ApiError::must_post_params(module, &bad))
        }
    }

    /// An enum parameter: None if absent, badvalue if not one of `values`.
    pub fn enum_param(
        &self,
        module: &str,
        name: &str,
        values: &[&str],
    ) -> Result<Option<String>, ApiError> {
        match self.req.get(name) {
            None => Ok(None),
            Some(v) if values.contains(&v) => Ok(Some(v.to_string())),
            Some(v) => Err(ApiError::bad_value(module, name, v)),
        }
    }

    /// A multi-value enum parameter: unknown values are dropped with an `unrecognizedvalues`
    /// warning; `*` (when allowed) means all values. None if absent.
    pub fn multi_enum_param(
        &mut self,
        module_path: &str,
        name: &str,
        values: &[&str],
        allow_all: bool,
    ) -> Option<Vec<String>> {
        let raw = self.req.get(name)?.to_string();
        if allow_all && raw == "*" {
            return Some(values.iter().map(|v| v.to_string()).collect());
        }
        let parts = split_multi(&raw);
        let shown_raw = raw.clone();
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for p in parts {
            if values.contains(&p.as_str()) {
                if !good.contains(&p) {
                    good.push(p);
                }
            } else if !bad.contains(&p) {
                bad.push(p);
            }
        }
        if !bad.is_empty() {
            let shown = shown_raw;
            let data = Val::map().with(
                "values",
                Val::List(bad.iter().map(|b| Val::Str(b.clone())).collect()),
            );
            let msg = Msg::with(
                "paramvalidator-unrecognizedvalues",
                vec![
                    Param::Plain(name.to_string()),
                    Param::Plain(shown),
                    Param::List(bad.clone()),
                    Param::NumValue(bad.len() as i64),
                ],
            );
            self.warn(module_path, "unrecognizedvalues", msg, Some(data));
        }
        Some(good)
    }
}

/// Splits a multi-value parameter on `|`, or on U+001F when it starts with one.
pub fn split_multi(raw: &str) -> Vec<String> {
    if raw.is_empty() {
        return Vec::new();
    }
    match raw.strip_prefix('\u{1f}') {
        Some(rest) => rest.split('\u{1f}').map(str::to_string).collect(),
        None => raw.split('|').map(str::to_string).collect(),
    }
}

/// The action modules this mock serves.
pub const ACTIONS: &[&str] = &[
    "block",
    "clientlogin",
    "createaccount",
    "login",
    "paraminfo",
    "query",
    "resetpassword",
    "userrights",
    "validatepassword",
];

/// The output formats MediaWiki knows.
pub const FORMATS: &[&str] = &[
    "json", "jsonfm", "none", "php", "phpfm", "rawfm", "xml", "xmlfm",
];

/// True when the printer is ApiFormatJson (json, jsonfm, and the jsonfm fallback).
pub fn is_json_printer(format: Option<&str>) -> bool {
    !matches!(
        format,
        Some("xml" | "xmlfm" | "php" | "phpfm" | "none" | "rawfm")
    )
}

/// The parameters the chosen printer reads (ApiFormat*::getAllowedParams).
fn printer_params(format: Option<&str>) -> &'static [&'static str] {
    match format {
        Some("xml" | "xmlfm") => &["xslt", "includexmlnamespace"],
        Some("php" | "phpfm") => &["formatversion"],
        Some("none") => &[],
        _ => &["callback", "utf8", "ascii", "formatversion"],
    }
}

/// What ApiFormatXml adds while printing: `xslt` is refused (`$wgEnableUnsafeXsltOption` is off).
fn xml_printer_warnings(ctx: &mut Ctx) {
    if ctx.req.raw("format") == Some("xml") && ctx.req.raw("xslt").is_some() {
        ctx.warn(
            "xml",
            "xslt-disabled",
            Msg::new("apiwarn-xslt-disabled"),
            None,
        );
    }
}

/// Runs the request through the pipeline and returns what to print.
pub fn run(
    config: &WikiConfig,
    server: &str,
    store: &mut Store,
    session: RequestSession,
    req: &ApiRequest,
    now: u64,
) -> (ApiOutput, RequestSession) {
    let errfmt = ErrorFormat::from_raw(req.raw("errorformat"));
    let fv_raw = req.raw("formatversion");
    let out = OutputFormat {
        fv2: matches!(fv_raw, Some("2") | Some("latest")),
        utf8: req.has("utf8"),
        ascii: req.has("ascii"),
    };
    let renderer = Renderer {
        format: errfmt,
        sitename: config.sitename.clone(),
        docref: docref_text(&format!("{server}/api.php"), &config.sitename),
    };
    let lacks_same_origin = req.has("callback")
        || req.raw("origin") == Some("*")
        || req.header("treat-as-untrusted").is_some();
    let mut ctx = Ctx {
        config,
        server,
        store,
        session,
        req,
        now,
        warnings: Vec::new(),
        cookies: Vec::new(),
        renderer,
        out,
        lacks_same_origin,
    };
    let result = execute(&mut ctx);
    let module = ctx.req.raw("action").unwrap_or("main").to_string();
    for name in ctx.req.take_changed_reads() {
        let msg = Msg::with("apiwarn-badutf8", vec![Param::Text(name)]);
        ctx.warn(&module, "badutf8", msg, None);
    }
    let (status, body, error_code) = match result {
        Ok(mut entries) => {
            // `warnings` is created on top of the result; ApiQuery then puts `batchcomplete`
            // on top. Warnings first created after the module ran end up before batchcomplete.
            let warned_during_module = !ctx.warnings.is_empty();
            let unused = ctx.req.unused_params();
            if !unused.is_empty() {
                let msg = Msg::with(
                    "apierror-unrecognizedparams",
                    vec![
                        Param::IndexedList(unused.clone()),
                        Param::Num(unused.len() as i64),
                    ],
                );
                ctx.warn("main", "unrecognizedparams", msg, None);
            }
            xml_printer_warnings(&mut ctx);
            let mut body = Val::map();
            let warnings = ctx.renderer.warnings_value(&ctx.warnings);
            if let Some(w) = warnings.clone().filter(|_| !warned_during_module) {
                body.set("warnings", w);
            }
            let batch = entries.iter().position(|(k, _)| k == "batchcomplete");
            if let Some(i) = batch {
                let (k, v) = entries.remove(i);
                body.set(&k, v);
            }
            if let Some(w) = warnings.filter(|_| warned_during_module) {
                body.set("warnings", w);
            }
            for (k, v) in entries {
                body.set(&k, v);
            }
            (200, body, None)
        }
        Err(err) => {
            xml_printer_warnings(&mut ctx);
            let body = ctx.renderer.error_body(&err, &ctx.warnings);
            (err.status, body, Some(err.code.clone()))
        }
    };
    let mut body = body;
    if req.raw("format") == Some("xml") && req.has("includexmlnamespace") {
        body.set("xmlns", "http://www.mediawiki.org/xml/api/");
    }
    // An invalid formatversion only fails when the printer starts: the error printer retries
    // without parameters, reporting both problems.
    let (status, body, error_code) = match fv_raw {
        Some(v) if is_json_printer(req.raw("format")) && !matches!(v, "1" | "2" | "latest") => {
            let err = ApiError::bad_value("json", "formatversion", v);
            let warnings = vec![
                Warning {
                    module: "main".into(),
                    code: "errorprinterfailed".into(),
                    msg: Msg::new("apiwarn-errorprinterfailed"),
                    data: None,
                },
                Warning {
                    module: "json".into(),
                    code: "badvalue".into(),
                    msg: (*err.msg).clone(),
                    data: None,
                },
            ];
            let body = ctx.renderer.error_body(&err, &warnings);
            (200, body, Some(err.code))
        }
        _ => (status, body, error_code),
    };
    let output = ApiOutput {
        status,
        body,
        error_code,
        session_cookies: Vec::new(),
        cookies: ctx.cookies,
    };
    (output, ctx.session)
}

fn execute(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    // Main parameters, in ApiMain::getAllowedParams order.
    let action = ctx.req.get("action").unwrap_or("help").to_string();
    if !ACTIONS.contains(&action.as_str()) {
        return Err(ApiError::bad_value("main", "action", &action));
    }
    if let Some(f) = ctx.req.get("format")
        && !FORMATS.contains(&f)
    {
        return Err(ApiError::bad_value("main", "format", f));
    }
    for name in ["maxlag", "smaxage", "maxage"] {
        if let Some(v) = ctx.req.get(name)
            && !is_php_integer(v)
        {
            return Err(ApiError::new(
                "main",
                "badinteger",
                Msg::with(
                    "paramvalidator-badinteger",
                    vec![Param::Plain(name.into()), Param::Plain(v.into())],
                ),
            ));
        }
    }
    let assert = ctx.enum_param("main", "assert", &["anon", "user", "bot"])?;
    let assert_user = ctx.req.get("assertuser").map(str::to_string);
    for name in [
        "requestid",
        "servedby",
        "curtimestamp",
        "responselanginfo",
        "origin",
        "uselang",
        "variant",
        "errorlang",
        "errorsuselocal",
    ] {
        ctx.req.mark_used(name);
    }
    for name in printer_params(ctx.req.get("format")) {
        ctx.req.mark_used(name);
    }
    ctx.enum_param(
        "main",
        "errorformat",
        &["plaintext", "wikitext", "html", "raw", "none", "bc"],
    )?;
    // Asserts.
    let logged_in = ctx.user().is_some();
    match assert.as_deref() {
        Some("user") if !logged_in => {
            return Err(ApiError::new(
                "main",
                "assertuserfailed",
                Msg::new("apierror-assertuserfailed"),
            ));
        }
        Some("anon") if logged_in => {
            return Err(ApiError::new(
                "main",
                "assertanonfailed",
                Msg::new("apierror-assertanonfailed"),
            ));
        }
        Some("bot") => {
            return Err(ApiError::new(
                "main",
                "assertbotfailed",
                Msg::new("apierror-assertbotfailed"),
            ));
        }
        _ => {}
    }
    if let Some(name) = assert_user {
        let current = ctx.user().map(|a| a.name.clone());
        let wanted = super::username::canonical(&name);
        if wanted.is_none() || current != wanted {
            let shown = wanted.unwrap_or(name);
            return Err(ApiError::new(
                "main",
                "assertnameduserfailed",
                Msg::with("apierror-assertnameduserfailed", vec![Param::Text(shown)]),
            ));
        }
    }
    match action.as_str() {
        "query" => modules::query::run(ctx),
        "createaccount" => modules::createaccount::run(ctx),
        "validatepassword" => modules::validatepassword::run(ctx),
        "resetpassword" => modules::resetpassword::run(ctx),
        "login" => modules::login::run(ctx),
        "clientlogin" => modules::clientlogin::run(ctx),
        "paraminfo" => modules::paraminfo::run(ctx),
        "block" => modules::block::run(ctx),
        "userrights" => modules::userrights::run(ctx),
        _ => Err(ApiError::bad_value("main", "action", &action)),
    }
}

/// ParamValidator's integer syntax: optional sign and decimal digits.
fn is_php_integer(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_values_split() {
        assert_eq!(split_multi("a|b"), vec!["a", "b"]);
        assert_eq!(split_multi("\u{1f}a|b\u{1f}c"), vec!["a|b", "c"]);
        assert!(split_multi("").is_empty());
    }

    #[test]
    fn integers() {
        assert!(is_php_integer("5"));
        assert!(is_php_integer("-5"));
        assert!(!is_php_integer("5s"));
        assert!(!is_php_integer(""));
    }
}
