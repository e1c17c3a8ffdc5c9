//! The names the API's main module and `action=query` accept (action modules, output formats,
//! query's meta modules and data parameters), below everything that lists or dispatches them.
//! Which action modules exist is decided per release (`is_action`).

use super::release::Release;

/// The action modules this mock serves in every release it speaks.
pub const ACTIONS: &[&str] = &[
    "block",
    "clientlogin",
    "createaccount",
    "login",
    "logout",
    "paraminfo",
    "query",
    "resetpassword",
    "userrights",
    "validatepassword",
];

/// The action modules of releases with temporary accounts (`Release::temp_accounts`):
/// acquiretempusername, and the part of action=edit that creates temporary accounts.
pub const TEMP_ACCOUNT_ACTIONS: &[&str] = &["acquiretempusername", "edit"];

/// Whether `action` names an action module of `release` (anything else is `badvalue`).
pub fn is_action(action: &str, release: &Release) -> bool {
    ACTIONS.contains(&action)
        || (release.temp_accounts.is_some() && TEMP_ACCOUNT_ACTIONS.contains(&action))
}

/// The output formats MediaWiki knows.
pub const FORMATS: &[&str] = &[
    "json", "jsonfm", "none", "php", "phpfm", "rawfm", "xml", "xmlfm",
];

/// The meta modules this mock serves.
pub const QUERY_META: &[&str] = &["authmanagerinfo", "siteinfo", "tokens", "userinfo"];

/// ApiQuery's parameters that select pages or data beyond `prop`, `list` and `meta` (any of them
/// makes the query a read; the mock serves none of their results).
pub const QUERY_DATA_PARAMS: &[&str] = &[
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

/// meta=authmanagerinfo's `amirequestsfor` values.
pub const AUTHMANAGERINFO_ACTIONS: &[&str] = &[
    "change",
    "create",
    "create-continue",
    "link",
    "link-continue",
    "login",
    "login-continue",
    "remove",
    "unlink",
];

/// meta=userinfo's `uiprop` values.
pub const USERINFO_PROPS: &[&str] = &[
    "acceptlang",
    "blockinfo",
    "centralids",
    "changeablegroups",
    "editcount",
    "email",
    "groupmemberships",
    "groups",
    "hasmsg",
    "implicitgroups",
    "latestcontrib",
    "options",
    "ratelimits",
    "realname",
    "registrationdate",
    "rights",
    "theoreticalratelimits",
    "unreadcount",
];

/// meta=siteinfo's `siprop` values (ApiQuerySiteinfo::getAllowedParams, sorted as paraminfo lists them).
pub const SITEINFO_PROPS: &[&str] = &[
    "dbrepllag",
    "defaultoptions",
    "extensions",
    "extensiontags",
    "fileextensions",
    "functionhooks",
    "general",
    "interwikimap",
    "languages",
    "languagevariants",
    "libraries",
    "magicwords",
    "namespacealiases",
    "namespaces",
    "protocols",
    "restrictions",
    "rightsinfo",
    "showhooks",
    "skins",
    "specialpagealiases",
    "statistics",
    "uploaddialog",
    "usergroups",
    "variables",
];

/// meta=siteinfo's `sifilteriw` values.
pub const SITEINFO_FILTER_IW: &[&str] = &["!local", "local"];
