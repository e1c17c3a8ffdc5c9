//! The per-request context modules work with (`Ctx`: configuration, store, session, request,
//! warnings, cookies) and the checks ApiMain makes for a module before it executes (token, read
//! and write permissions, read-only mode, HTTP method, parameters that must be posted), with the
//! shared readers for enum and multi-value parameters (and their limit of values) and the warnings
//! parameter reads leave (`badutf8`, `unsupportedarray`).

use md5::Digest as _;

use super::config::WikiConfig;
use super::errors::{ApiError, Renderer, Warning};
use super::format::Val;
use super::messages::{Msg, Param, Voice};
use super::password_hash::{self, PasswordHasher};
use super::release::Release;
use super::request::split_multi;
use super::request::{ApiRequest, ReadNotice};
use super::session::RequestSession;
use super::store::Account;
use super::tokens::{self, TokenType};
use super::wiki_state::StateLock;

/// ParamValidator's limits on the number of values of a multi-value parameter: for everyone, and
/// for users with `apihighlimits`.
pub const MULTI_LOW_LIMIT: usize = 50;
pub const MULTI_HIGH_LIMIT: usize = 500;

/// What a module declares about itself (ApiBase flags).
#[derive(Clone, Copy, Debug)]
pub struct ModuleInfo {
    pub name: &'static str,
    pub must_be_posted: bool,
    pub is_write: bool,
    /// Token parameter name and type, for modules with needsToken().
    pub token: Option<(&'static str, TokenType)>,
}

/// Per-request state handed to modules.
pub struct Ctx<'a> {
    pub config: &'a WikiConfig,
    pub server: &'a str,
    /// The store, locked for the whole request (see `wiki_state`).
    pub store: StateLock<'a>,
    pub session: RequestSession,
    pub req: &'a ApiRequest,
    pub now: u64,
    pub warnings: Vec<Warning>,
    pub cookies: Vec<String>,
    pub renderer: Renderer,
    /// The request's interface language (`uselang`: `en` or a language the mock has a table for).
    pub uselang: &'static str,
    /// The user is forced anonymous (callback / origin=*: same-origin policy not applied).
    pub lacks_same_origin: bool,
}

impl<'a> Ctx<'a> {
    /// How the module's own texts speak (mail bodies, combined policy messages, login's
    /// reasons): English, with the wiki's own texts for keys. It borrows the configuration, not
    /// the context.
    pub fn voice(&self) -> Voice<'a> {
        let config: &'a WikiConfig = self.config;
        Voice {
            sitename: &config.sitename,
            site: config.site_messages,
            release: config.release().account_texts,
            lang: "en",
            raw_message_key: config.release().raw_message_key,
        }
    }

    /// The row of the release this wiki answers as: what the modules read where MediaWiki
    /// releases differ.
    pub fn release(&self) -> &'static Release {
        self.config.release()
    }

    /// How AuthManager's response messages speak: the request's interface language.
    pub fn interface_voice(&self) -> Voice<'a> {
        self.voice().in_language(self.uselang)
    }
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

    /// Adds a warning (after those the parameter reads so far left).
    pub fn warn(&mut self, module: &str, code: &str, msg: Msg, data: Option<Val>) {
        self.flush_read_notices();
        self.warnings.push(Warning {
            module: module.to_string(),
            code: code.to_string(),
            msg,
            data,
        });
    }

    /// A new password's stored form (MediaWiki's PBKDF2 at the configured cost), hashed with the
    /// wiki unlocked (`wiki_state`): the caller re-reads whatever it needs afterwards.
    pub fn hash_password(&mut self, password: &str) -> String {
        let hasher = self.password_hasher();
        self.store.without_lock(|| hasher.hash(password))
    }

    /// Whether `password` is the one `stored` was made from, checked with the wiki unlocked.
    pub fn verify_password(&mut self, stored: &str, password: &str) -> bool {
        self.store
            .without_lock(|| password_hash::verify(stored, password))
    }

    /// The hasher for new passwords.
    pub fn password_hasher(&self) -> PasswordHasher {
        PasswordHasher {
            iterations: self.config.pbkdf2_iterations,
        }
    }

    /// Turns the notices parameter reads left into warnings, in reading order.
    pub fn flush_read_notices(&mut self) {
        for notice in self.req.take_notices() {
            let (module, code, msg) = match notice {
                ReadNotice::BadUtf8 { module, name } => (
                    module,
                    "badutf8",
                    Msg::with("apiwarn-badutf8", vec![Param::Text(name)]),
                ),
                ReadNotice::UnsupportedArray { name } => (
                    "main".to_string(),
                    "unsupportedarray",
                    Msg::with("apiwarn-unsupportedarray", vec![Param::Text(name)]),
                ),
            };
            self.warnings.push(Warning {
                module,
                code: code.to_string(),
                msg,
                data: None,
            });
        }
    }

    /// The cookies ChronologyProtector (and, in some releases, the entry point) sets after a
    /// request that wrote to the database, as the release lists them.
    pub fn mark_db_write(&mut self) {
        use super::release::DbWriteCookie;
        let agent = self.req.header("user-agent").unwrap_or("");
        let client = hex::encode(md5::Md5::digest(
            format!("{}\n{}", self.req.ip_name(), agent).as_bytes(),
        ));
        let expires = httpdate::fmt_http_date(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(self.now + 10),
        );
        for cookie in self.release().db_write_cookies {
            let (name, value) = match *cookie {
                DbWriteCookie::PositionIndex(position) => (
                    "cpPosIndex",
                    format!("{position}%40{}%23{client}", self.now),
                ),
                DbWriteCookie::UseDc => ("UseDC", "master".to_string()),
                DbWriteCookie::UseCdnCache => ("UseCDNCache", "false".to_string()),
            };
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
        // in the configurations the mock supports (the `user` group keeps both); releases
        // without the `writeapi` right do not check it.
        let anonymous = self.user().is_none();
        let lacks_read = (anonymous && !self.config.anon_read) || !self.session_allows("read");
        if self.is_read_mode(info.name) && lacks_read {
            return Err(ApiError::new(
                "main",
                "readapidenied",
                Msg::new("apierror-readapidenied"),
            ));
        }
        if info.is_write {
            let lacks_writeapi =
                (anonymous && !self.config.anon_write_api) || !self.session_allows("writeapi");
            if self.release().writeapi_right && lacks_writeapi {
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
        if self.req.was_posted()
            && self.release().refuses_oversized_posts
            && self.req.declares_oversized_body()
        {
            let mut err = ApiError::new(
                "main",
                "http-contenttoolarge",
                Msg::with(
                    "apierror-http-contenttoolarge",
                    vec![Param::Size(super::request::POST_MAX_SIZE)],
                ),
            );
            err.status = 413;
            return Err(err);
        }
        Ok(())
    }

    /// ApiBase::isReadMode: validatepassword and resetpassword need `read`; the account and login
    /// modules do not; action=query does unless only `meta` is given and every meta module
    /// (tokens, authmanagerinfo) is exempt (ApiQuery::isReadMode; userinfo and siteinfo are not).
    fn is_read_mode(&self, module: &str) -> bool {
        match module {
            "validatepassword" | "resetpassword" | "edit" => true,
            "query" => {
                if ["prop", "list"]
                    .iter()
                    .chain(super::api_names::QUERY_DATA_PARAMS)
                    .any(|name| self.req.get(name).is_some_and(|v| !v.is_empty()))
                {
                    return true;
                }
                // Unknown meta values are dropped before the check.
                let meta: Vec<String> = split_multi(self.req.get("meta").unwrap_or(""))
                    .into_iter()
                    .filter(|m| super::api_names::QUERY_META.contains(&m.as_str()))
                    .collect();
                meta.is_empty() || meta.iter().any(|m| m == "userinfo" || m == "siteinfo")
            }
            _ => false,
        }
    }

    /// Whether the session lets its user use `right` at all: a bot-password session allows only
    /// the rights of its grants (SessionProvider::getAllowedUserRights); other sessions allow all.
    pub fn session_allows(&self, right: &str) -> bool {
        match &self.session.data.bot {
            Some(bot) => bot.rights.iter().any(|r| r == right),
            None => true,
        }
    }

    /// Whether the logged-in user has `right`: through their groups, within what the session
    /// allows (anonymous callers: false).
    pub fn user_has_right(&self, right: &str) -> bool {
        use super::rights::{effective_groups, rights_of};
        self.session_allows(right)
            && self.user().is_some_and(|a| {
                rights_of(
                    self.release().group_permissions,
                    &effective_groups(&a.groups, true),
                )
                .iter()
                .any(|r| r == right)
            })
    }

    /// Whether the performer has the `createaccount` right: anonymous users (and so everyone) when
    /// `$wgGroupPermissions['*']['createaccount']`, otherwise sysops only; never in a session
    /// whose grants withhold it.
    pub fn may_create_accounts(&self) -> bool {
        let by_group = self.config.anon_create_account
            || self
                .user()
                .is_some_and(|a| a.groups.iter().any(|g| g == "sysop"));
        by_group && self.session_allows("createaccount")
    }

    /// `badaccess-groups` for the `createaccount` right: the groups that have it, as wikitext (`*`
    /// when anonymous users have it, and the administrators), one text or (where the release says
    /// so) a comma list parameter, and their number.
    pub fn create_account_refused(&self) -> Msg {
        let admins = format!("[[{}:Administrators|Administrators]]", self.sitename());
        let groups = if self.config.anon_create_account {
            vec!["*".to_string(), admins]
        } else {
            vec![admins]
        };
        let count = groups.len() as i64;
        let groups = if self.release().permission_groups_as_list {
            Param::IndexedList(groups.into_iter().enumerate().collect())
        } else {
            Param::Text(groups.join(", "))
        };
        Msg::with("badaccess-groups", vec![groups, Param::Num(count)])
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
            Some(v) => Err(ApiError::bad_value(module, name, v, values)),
        }
    }

    /// The values of a multi-value parameter (None if absent): `toomanyvalues` past the limit of
    /// 50 values (500 for users with `apihighlimits`).
    pub fn multi_values(
        &self,
        module_path: &str,
        name: &str,
    ) -> Result<Option<Vec<String>>, ApiError> {
        let Some(raw) = self.req.get(name) else {
            return Ok(None);
        };
        let parts = split_multi(raw);
        let limit = if self.user_has_right("apihighlimits") {
            MULTI_HIGH_LIMIT
        } else {
            MULTI_LOW_LIMIT
        };
        if parts.len() > limit {
            let mut err = ApiError::new(
                module_path,
                "toomanyvalues",
                Msg::with(
                    "paramvalidator-toomanyvalues",
                    vec![
                        Param::Plain(name.to_string()),
                        Param::NumValue(limit as i64),
                    ],
                ),
            );
            let mut data = Val::map();
            if self.release().toomanyvalues_names_parameter {
                data.set("parameter", name);
            }
            err.data = Some(Box::new(
                data.with("limit", limit)
                    .with("lowlimit", MULTI_LOW_LIMIT)
                    .with("highlimit", MULTI_HIGH_LIMIT),
            ));
            return Err(err);
        }
        Ok(Some(parts))
    }

    /// A multi-value enum parameter: `toomanyvalues` past the limit; unknown values are dropped
    /// with an `unrecognizedvalues` warning; `*` (when allowed) means all values. None if absent.
    pub fn multi_enum_param(
        &mut self,
        module_path: &str,
        name: &str,
        values: &[&str],
        allow_all: bool,
    ) -> Result<Option<Vec<String>>, ApiError> {
        let Some(parts) = self.multi_values(module_path, name)? else {
            return Ok(None);
        };
        let raw = self.req.raw(name).unwrap_or_default().to_string();
        if allow_all && raw == "*" {
            return Ok(Some(values.iter().map(|v| v.to_string()).collect()));
        }
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
        Ok(Some(good))
    }
}
