//! API errors and warnings and their envelopes: `errorformat=bc` (`error` object with `info`, and
//! warnings keyed by module) and the non-bc formats (plaintext, wikitext, html, raw, none) with
//! `errors`/`warnings` arrays and a top-level `docref`.

use super::format::Val;
use super::messages::{Msg, Param, SiteMessages, Voice};

/// The `errorformat` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFormat {
    Bc,
    Plaintext,
    Wikitext,
    Html,
    Raw,
    None,
}

impl ErrorFormat {
    /// ApiMain reads `errorformat` raw before validating it; unknown values fall back to bc.
    pub fn from_raw(value: Option<&str>) -> ErrorFormat {
        match value {
            Some("plaintext") => ErrorFormat::Plaintext,
            Some("wikitext") => ErrorFormat::Wikitext,
            Some("html") => ErrorFormat::Html,
            Some("raw") => ErrorFormat::Raw,
            Some("none") => ErrorFormat::None,
            _ => ErrorFormat::Bc,
        }
    }
}

/// A top-level API error (ApiUsageException).
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub code: String,
    pub msg: Box<Msg>,
    /// Extra data: keys inside `error` in bc, `data` otherwise.
    pub data: Option<Box<Val>>,
    /// HTTP status (200 except invalidmethod).
    pub status: u16,
    /// Module path reported in non-bc formats (`main`, `createaccount`, `query+tokens`).
    pub module: String,
    /// An exception the API caught (`internal_api_error_<class>`): no module and no docref,
    /// its data before its text.
    pub caught_exception: bool,
}

impl ApiError {
    pub fn new(module: &str, code: &str, msg: Msg) -> ApiError {
        ApiError {
            code: code.to_string(),
            msg: Box::new(msg),
            data: None,
            status: 200,
            module: module.to_string(),
            caught_exception: false,
        }
    }

    /// A refused combination of parameters (ApiBase's requireOnlyOneParameter,
    /// requireMaxOneParameter, requireAtLeastOneParameter): `code` with the message `key`, which
    /// lists the parameters' names (each as `<var>`) and their count.
    pub fn parameter_combination(module: &str, code: &str, key: &str, names: &[&str]) -> ApiError {
        let listed = names.iter().map(|n| format!("<var>{n}</var>")).collect();
        ApiError::new(
            module,
            code,
            Msg::with(
                key,
                vec![Param::TextList(listed), Param::Num(names.len() as i64)],
            ),
        )
    }

    /// An exception of PHP class `class` the API caught (ApiMain::errorMessagesFromException):
    /// `apierror-exceptioncaughttype` with the request's id.
    pub fn caught_exception(class: &str, request_id: &str) -> ApiError {
        let mut err = ApiError::new(
            "main",
            &format!("internal_api_error_{class}"),
            Msg::with(
                "apierror-exceptioncaughttype",
                vec![Param::Text(request_id.into()), Param::Text(class.into())],
            ),
        );
        err.data = Some(Box::new(Val::map().with("errorclass", class)));
        err.caught_exception = true;
        err
    }

    /// `paramvalidator-missingparam`: a required parameter is absent or empty.
    pub fn missing_param(module: &str, name: &str) -> ApiError {
        ApiError::new(
            module,
            "missingparam",
            Msg::with(
                "paramvalidator-missingparam",
                vec![Param::Plain(name.to_string())],
            ),
        )
    }

    /// `paramvalidator-badvalue-enumnotmulti`: a value outside an enum; `allowed` are the enum's
    /// values in the order the module defines them (the raw formats list them, and their count).
    pub fn bad_value(module: &str, name: &str, value: &str, allowed: &[&str]) -> ApiError {
        ApiError::new(
            module,
            "badvalue",
            Msg::with(
                "paramvalidator-badvalue-enumnotmulti",
                vec![
                    Param::Plain(name.to_string()),
                    Param::Plain(value.to_string()),
                    Param::PlainTextList(allowed.iter().map(|v| v.to_string()).collect()),
                    Param::NumValue(allowed.len() as i64),
                ],
            ),
        )
    }

    /// `apierror-mustpostparams` for the given (prefixed) parameter names.
    pub fn must_post_params(module: &str, names: &[String]) -> ApiError {
        ApiError::new(
            module,
            "mustpostparams",
            Msg::with(
                "apierror-mustpostparams",
                vec![
                    Param::Text(names.join(", ")),
                    Param::Num(names.len() as i64),
                ],
            ),
        )
    }

    /// `apierror-mustbeposted` for `module`: ApiMain raises it, so the error's module is `main`.
    pub fn must_be_posted(module: &str) -> ApiError {
        ApiError::new(
            "main",
            "mustbeposted",
            Msg::with("apierror-mustbeposted", vec![Param::Text(module.into())]),
        )
    }

    /// `apierror-badtoken`.
    pub fn bad_token(module: &str) -> ApiError {
        ApiError::new(module, "badtoken", Msg::new("apierror-badtoken"))
    }

    /// `paramvalidator-baduser` (code `baduser`).
    pub fn bad_user(module: &str, name: &str, value: &str) -> ApiError {
        ApiError::new(
            module,
            "baduser",
            Msg::with(
                "paramvalidator-baduser",
                vec![Param::Plain(name.into()), Param::Plain(value.into())],
            ),
        )
    }
}

/// One warning, in the order it was added.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub module: String,
    pub code: String,
    pub msg: Msg,
    pub data: Option<Val>,
}

/// How messages are rendered in errors and warnings for this request.
#[derive(Clone, Debug)]
pub struct Renderer {
    pub format: ErrorFormat,
    pub sitename: String,
    /// The wiki's own texts for message keys.
    pub site: SiteMessages,
    /// The English texts of the wiki's MediaWiki release that differ from the tables.
    pub release: SiteMessages,
    /// The language of the texts (`errorlang`; English for the bc format).
    pub lang: &'static str,
    /// The api.php URL the docref names; `None` in the legacy 1.21 profile, whose errors have none.
    pub docref_api: Option<String>,
    /// The docref text (api-usage-docref + api-usage-mailinglist-ref, not decoded), rendered the
    /// first time an error or warning needs it (most answers have none).
    docref: std::cell::OnceCell<String>,
}

impl Renderer {
    pub fn new(
        format: ErrorFormat,
        sitename: String,
        site: SiteMessages,
        release: SiteMessages,
        lang: &'static str,
        docref_api: Option<String>,
    ) -> Renderer {
        Renderer {
            format,
            sitename,
            site,
            release,
            lang,
            docref_api,
            docref: std::cell::OnceCell::new(),
        }
    }

    /// How the texts of errors and warnings speak: the error language, the wiki's texts.
    fn voice(&self) -> Voice<'_> {
        Voice {
            sitename: &self.sitename,
            site: self.site,
            release: self.release,
            lang: self.lang,
            ..Voice::english(&self.sitename)
        }
    }

    /// The docref text in the error language (empty when the wiki's errors have none).
    fn docref(&self) -> &str {
        let Some(api) = &self.docref_api else {
            return "";
        };
        self.docref.get_or_init(|| docref_text(api, &self.voice()))
    }

    /// The message as a non-bc error/warning object: `code`, then the text in the chosen
    /// format, then `data` (the caller adds `module`).
    pub fn message_object(&self, code: &str, msg: &Msg, data: Option<&Val>) -> Val {
        let mut v = Val::map().with("code", code);
        match self.format {
            ErrorFormat::Plaintext => v.set("text", Val::Content(msg.plaintext(&self.voice()))),
            ErrorFormat::Wikitext => v.set("text", Val::Content(msg.text(&self.voice()))),
            ErrorFormat::Html => v.set("html", Val::Content(msg.html(&self.voice()))),
            ErrorFormat::Raw => {
                v.set("key", msg.key.as_str());
                v.set("params", raw_params(&msg.params));
            }
            ErrorFormat::None | ErrorFormat::Bc => {}
        }
        if let Some(d) = data {
            v.set("data", d.clone());
        }
        v
    }

    /// ApiErrorFormatter::arrayFromStatus for a status with one error: a list tagged `error`
    /// holding the message as the error format shows it (bc: key, raw params, code, type).
    pub fn status_errors(&self, code: &str, msg: &Msg) -> Val {
        let error = if self.format == ErrorFormat::Bc {
            Val::map()
                .with("message", msg.key.as_str())
                .with("params", raw_params(&msg.params))
                .with("code", code)
                .with("type", "error")
        } else {
            self.message_object(code, msg, None)
        };
        Val::tagged("error", vec![error])
    }

    /// The `warnings` value, or None if there are none.
    pub fn warnings_value(&self, warnings: &[Warning]) -> Option<Val> {
        if warnings.is_empty() {
            return None;
        }
        if self.format == ErrorFormat::Bc {
            // Keyed by the last path component; newest module first (ApiResult::ADD_ON_TOP);
            // several warnings of one module are joined with "\n" unless already present.
            let mut modules: Vec<(String, String)> = Vec::new();
            for w in warnings {
                let name = w.module.rsplit('+').next().unwrap_or(&w.module).to_string();
                let text = w.msg.plaintext(&self.voice());
                if let Some(entry) = modules.iter_mut().find(|(m, _)| *m == name) {
                    if !entry.1.split('\n').any(|line| line == text) {
                        entry.1 = format!("{}\n{}", entry.1, text);
                    }
                } else {
                    modules.insert(0, (name, text));
                }
            }
            let entries = modules
                .into_iter()
                .map(|(m, t)| (m, Val::map().with("warnings", Val::Content(t))))
                .collect();
            return Some(Val::Map(entries));
        }
        let mut list: Vec<Val> = Vec::new();
        for w in warnings {
            let v = self
                .message_object(&w.code, &w.msg, w.data.as_ref())
                .with("module", w.module.as_str());
            if !list.contains(&v) {
                list.push(v);
            }
        }
        Some(Val::tagged("warning", list))
    }

    /// The complete error response body. ApiMain puts the `restored` warnings given before the
    /// error back after it; warnings only given afterwards (by the printer) are created on top.
    pub fn error_body(&self, err: &ApiError, warnings: &[Warning], restored: usize) -> Val {
        let mut body = Val::map();
        let warnings_value = self.warnings_value(warnings);
        if restored == 0
            && let Some(w) = warnings_value.clone()
        {
            body.set("warnings", w);
        }
        self.set_error(&mut body, err);
        if restored > 0
            && let Some(w) = warnings_value
        {
            body.set("warnings", w);
        }
        if !err.caught_exception {
            self.set_docref(&mut body);
        }
        body
    }

    /// The `error` object (bc, docref inside) or the `errors` list.
    fn set_error(&self, body: &mut Val, err: &ApiError) {
        if self.format == ErrorFormat::Bc {
            let mut e = Val::map()
                .with("code", err.code.as_str())
                .with("info", err.msg.plaintext(&self.voice()));
            if let Some(Val::Map(extra)) = err.data.as_deref() {
                for (k, v) in extra {
                    e.set(k, v.clone());
                }
            }
            let docref = self.docref();
            if !docref.is_empty() && !err.caught_exception {
                e.set("docref", Val::Content(docref.to_owned()));
            }
            body.set("error", e);
        } else if err.caught_exception {
            let e = match self.format {
                ErrorFormat::Raw => self.message_object(&err.code, &err.msg, err.data.as_deref()),
                _ => {
                    let text = self.message_object(&err.code, &err.msg, None);
                    let mut e = Val::map().with("code", err.code.as_str());
                    if let Some(d) = err.data.as_deref() {
                        e.set("data", d.clone());
                    }
                    if let Val::Map(entries) = text {
                        for (k, v) in entries.into_iter().filter(|(k, _)| k != "code") {
                            e.set(&k, v);
                        }
                    }
                    e
                }
            };
            body.set("errors", Val::tagged("error", vec![e]));
        } else {
            let e = self
                .message_object(&err.code, &err.msg, err.data.as_deref())
                .with("module", err.module.as_str());
            body.set("errors", Val::tagged("error", vec![e]));
        }
    }

    /// The top-level docref of the non-bc formats.
    fn set_docref(&self, body: &mut Val) {
        if self.format != ErrorFormat::Bc && !self.docref().is_empty() {
            body.set("docref", Val::Content(self.docref().to_owned()));
        }
    }
}

/// Message parameters as the raw format shows them.
pub fn raw_params(params: &[Param]) -> Val {
    Val::tagged(
        "param",
        params
            .iter()
            .map(|p| match p {
                Param::Text(s) => Val::Str(s.clone()),
                Param::Num(n) => Val::Int(*n),
                Param::Float(f) => Val::Float(*f),
                Param::Null => Val::Null,
                Param::IndexedList(items) => {
                    let sequential = items.iter().enumerate().all(|(i, (k, _))| i == *k);
                    let list = if sequential {
                        Val::List(items.iter().map(|(_, s)| Val::Str(s.clone())).collect())
                    } else {
                        Val::Map(
                            items
                                .iter()
                                .map(|(k, s)| (k.to_string(), Val::Str(s.clone())))
                                .collect(),
                        )
                    };
                    Val::map().with("list", list).with("type", "comma")
                }
                Param::Plain(s) => Val::map().with("plaintext", s.as_str()),
                Param::NumValue(n) => Val::map().with("num", *n),
                Param::EmptyNumValue => Val::map().with("num", ""),
                Param::Duration(seconds) => Val::map().with("duration", *seconds as i64),
                Param::Size(bytes) => Val::map().with("size", *bytes as i64),
                Param::Message(msg) => Val::map().with(
                    "message",
                    Val::map()
                        .with("key", msg.key.as_str())
                        .with("params", raw_params(&msg.params)),
                ),
                Param::List(items) => plaintext_list(items, "comma"),
                Param::PlainTextList(items) => plaintext_list(items, "text"),
                Param::TextList(items) => Val::map()
                    .with(
                        "list",
                        Val::List(items.iter().map(|s| Val::from(s.as_str())).collect()),
                    )
                    .with("type", "text"),
            })
            .collect(),
    )
}

/// A MessageValue list of plaintext values as the raw format shows it.
fn plaintext_list(items: &[String], list_type: &str) -> Val {
    let values = items
        .iter()
        .map(|s| Val::map().with("plaintext", s.as_str()))
        .collect();
    Val::map()
        .with("list", Val::List(values))
        .with("type", list_type)
}

/// The docref text for a wiki whose api.php is at `api_url`.
pub fn docref_text(api_url: &str, voice: &Voice) -> String {
    format!(
        "{} {}",
        Msg::with("api-usage-docref", vec![Param::Text(api_url.to_string())]).text(voice),
        Msg::new("api-usage-mailinglist-ref").text(voice)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{OutputFormat, to_json};

    fn renderer(format: ErrorFormat) -> Renderer {
        Renderer::new(
            format,
            "TestWiki".into(),
            &[],
            &[],
            "en",
            Some("http://127.0.0.1:8080/api.php".into()),
        )
    }

    const DOCREF: &str = "See http://127.0.0.1:8080/api.php for API usage. Subscribe to the mediawiki-api-announce mailing list at &lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; for notice of API deprecations and breaking changes.";

    #[test]
    fn bc_error_envelopes() {
        let body =
            renderer(ErrorFormat::Bc).error_body(&ApiError::bad_token("resetpassword"), &[], 0);
        assert_eq!(
            to_json(&body, OutputFormat::FV1),
            format!(
                r#"{{"error":{{"code":"badtoken","info":"Invalid CSRF token.","*":"{DOCREF}"}}}}"#
            )
        );
        assert_eq!(
            to_json(&body, OutputFormat::FV2),
            format!(
                r#"{{"error":{{"code":"badtoken","info":"Invalid CSRF token.","docref":"{DOCREF}"}}}}"#
            )
        );
    }

    #[test]
    fn non_bc_error_envelopes() {
        let err = ApiError::bad_token("resetpassword");
        let plain = renderer(ErrorFormat::Plaintext).error_body(&err, &[], 0);
        assert_eq!(
            to_json(&plain, OutputFormat::FV2),
            format!(
                r#"{{"errors":[{{"code":"badtoken","text":"Invalid CSRF token.","module":"resetpassword"}}],"docref":"{DOCREF}"}}"#
            )
        );
        assert_eq!(
            to_json(&plain, OutputFormat::FV1),
            format!(
                r#"{{"errors":[{{"code":"badtoken","module":"resetpassword","*":"Invalid CSRF token."}}],"*":"{DOCREF}"}}"#
            )
        );
        let raw = renderer(ErrorFormat::Raw).error_body(
            &ApiError::missing_param("resetpassword", "token"),
            &[],
            0,
        );
        assert!(to_json(&raw, OutputFormat::FV2).starts_with(
            r#"{"errors":[{"code":"missingparam","key":"paramvalidator-missingparam","params":[{"plaintext":"token"}],"module":"resetpassword"}]"#
        ));
    }

    #[test]
    fn bc_warnings_newest_module_first_and_joined() {
        let w = |m: &str, text: &str| Warning {
            module: m.into(),
            code: "x".into(),
            msg: Msg::with("$1", vec![Param::Text(text.into())]),
            data: None,
        };
        let v = renderer(ErrorFormat::Bc)
            .warnings_value(&[
                w("query+tokens", "a"),
                w("query+userinfo", "b"),
                w("main", "c"),
                w("main", "d"),
                w("main", "c"),
            ])
            .unwrap();
        assert_eq!(
            to_json(&v, OutputFormat::FV2),
            r#"{"main":{"warnings":"c\nd"},"userinfo":{"warnings":"b"},"tokens":{"warnings":"a"}}"#
        );
    }
}
