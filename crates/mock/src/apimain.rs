//! ApiMain: the request pipeline shared by all modules (main parameters, assert, module
//! parameters, token, permissions, HTTP method, execute, unused-parameter warnings). The
//! per-request context and the per-module checks live in `context`.

#[cfg(feature = "fuzzing")]
pub use super::api_names::ACTIONS;
pub use super::api_names::FORMATS;
pub use super::context::Ctx;

use super::config::WikiConfig;
use super::errors::{ApiError, ErrorFormat, Renderer, Warning};
use super::format::Val;
use super::messages::{Msg, Param};
use super::messages_i18n;
use super::modules;
use super::request::ApiRequest;
use super::session::RequestSession;
use super::username::Rigor;
use super::wiki_state::StateLock;

/// The output of a completed request.
#[derive(Debug)]
pub struct ApiOutput {
    pub status: u16,
    /// The body to print (the JSON tree).
    pub body: Val,
    /// The error code for the MediaWiki-API-Error header.
    pub error_code: Option<String>,
    /// Cookies set while executing (chronology protector, login).
    pub cookies: Vec<String>,
}

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

/// Runs the request through the pipeline and returns what to print, the session to save and the
/// lock (still held) to save it under.
pub fn run<'a>(
    config: &'a WikiConfig,
    server: &'a str,
    store: StateLock<'a>,
    session: RequestSession,
    req: &'a ApiRequest,
    now: u64,
) -> (ApiOutput, RequestSession, StateLock<'a>) {
    let errfmt = ErrorFormat::from_raw(req.raw("errorformat"));
    let fv_raw = req.raw("formatversion");
    // uselang for AuthManager messages; errorlang for errors and warnings (bc: always English).
    let lacks_same_origin = req.lacks_same_origin_security();
    // The logged-in user's `language` option is the interface language `uselang=user` means
    // (even where the request then acts as anonymous: a callback, origin=*).
    let user_language = (session.data.user_id != 0)
        .then(|| store.by_id(session.data.user_id))
        .flatten()
        .and_then(|account| account.option("language").map(str::to_string));
    let uselang = messages_i18n::uselang(req.raw("uselang"), user_language.as_deref());
    let errorlang = match errfmt {
        ErrorFormat::Bc => "en",
        _ => messages_i18n::errorlang(req.raw("errorlang"), uselang),
    };
    let renderer = Renderer::new(
        errfmt,
        config.sitename.clone(),
        config.site_messages,
        config.release().account_texts,
        errorlang,
        (!config.legacy_1_21).then(|| format!("{server}/api.php")),
    );
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
        uselang,
        lacks_same_origin,
    };
    let mut result = execute(&mut ctx);
    let module = ctx.req.raw("action").unwrap_or("main").to_string();
    if config.documented_profile {
        result = result.map_err(|err| super::profile_documented::translate(&module, err));
    }
    ctx.flush_read_notices();
    let (status, body, error_code) = match result {
        Ok(mut entries) => {
            // `warnings` is created on top of the result; ApiQuery then puts `batchcomplete`
            // on top. Warnings first created after the module ran end up before batchcomplete.
            let warned_during_module = !ctx.warnings.is_empty();
            let mut unused = ctx.req.unused_params();
            if ctx.release().unrecognized_params_reindexed {
                for (index, entry) in unused.iter_mut().enumerate() {
                    entry.0 = index;
                }
            }
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
            // What ApiQuery adds on top of the result after its modules ran: `batchcomplete`
            // above the continuation.
            for key in ["batchcomplete", "continue", "query-continue"] {
                if let Some(i) = entries.iter().position(|(k, _)| k == key) {
                    let (k, v) = entries.remove(i);
                    body.set(&k, v);
                }
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
            let restored = ctx.warnings.len();
            xml_printer_warnings(&mut ctx);
            let body = ctx.renderer.error_body(&err, &ctx.warnings, restored);
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
            let err = ApiError::bad_value("json", "formatversion", v, &["1", "2", "latest"]);
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
            let body = ctx.renderer.error_body(&err, &warnings, 0);
            (200, body, Some(err.code))
        }
        _ => (status, body, error_code),
    };
    let output = ApiOutput {
        status,
        body,
        error_code,
        cookies: ctx.cookies,
    };
    (output, ctx.session, ctx.store)
}

fn execute(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    // Main parameters, in ApiMain::getAllowedParams order.
    let action = ctx.req.get("action").unwrap_or("help").to_string();
    if !ctx.release().serves_action(&action) {
        return Err(ApiError::bad_value(
            "main",
            "action",
            &action,
            &ctx.release().api_main_module_names(),
        ));
    }
    if let Some(f) = ctx.req.get("format")
        && !FORMATS.contains(&f)
    {
        return Err(ApiError::bad_value("main", "format", f, FORMATS));
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
        if name != "maxlag" && ctx.release().cache_ages_have_minimum {
            warn_below_zero(ctx, name);
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
        let wanted = ctx
            .config
            .user_name_rules()
            .canonical_with(&name, Rigor::Valid);
        if wanted.is_none() || current != wanted {
            let shown = wanted.unwrap_or(name);
            return Err(ApiError::new(
                "main",
                "assertnameduserfailed",
                Msg::with("apierror-assertnameduserfailed", vec![Param::Text(shown)]),
            ));
        }
    }
    ctx.req.set_reader(&action);
    match modules::action_module(&action) {
        Some(module) => (module.run)(ctx),
        None => Err(ApiError::bad_value(
            "main",
            "action",
            &action,
            &ctx.release().api_main_module_names(),
        )),
    }
}

/// IntegerDef's `PARAM_MIN => 0` on a cache age: a negative value is raised to 0 with an
/// `outofrange` warning (the mock sends no cache headers that would use it).
fn warn_below_zero(ctx: &mut Ctx, name: &str) {
    let Some(value) = ctx.req.get(name).map(str::to_string) else {
        return;
    };
    let negative = value
        .parse::<i128>()
        .map_or(value.starts_with('-'), |n| n < 0);
    if !negative {
        return;
    }
    let msg = Msg::with(
        "paramvalidator-outofrange-min",
        vec![
            Param::Plain(name.into()),
            Param::Plain(value),
            Param::NumValue(0),
            Param::EmptyNumValue,
        ],
    );
    let data = Val::map()
        .with("min", 0i64)
        .with("curmax", Val::Null)
        .with("max", Val::Null)
        .with("highmax", Val::Null);
    ctx.warn("main", "outofrange", msg, Some(data));
}

/// ParamValidator's integer syntax: optional sign and decimal digits.
fn is_php_integer(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::split_multi;

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
