//! The names the API's main module and `action=query` accept (action modules, output formats,
//! query's meta modules and data parameters), below everything that lists or dispatches them.
//! Which action modules exist is decided per release (`Release::serves_action`).

/// The action modules 1.39's ApiMain has that the mock serves (every release has them).
pub const ACTIONS: &[&str] = &[
    "block",
    "checktoken",
    "clientlogin",
    "createaccount",
    "login",
    "logout",
    "options",
    "paraminfo",
    "query",
    "resetpassword",
    "unblock",
    "userrights",
    "validatepassword",
];

/// The action modules 1.43's ApiMain knows, as paraminfo and help list them: the mock's, and the
/// temporary-account module.
pub const ACTIONS_1_43: &[&str] = &[
    "acquiretempusername",
    "block",
    "checktoken",
    "clientlogin",
    "createaccount",
    "login",
    "logout",
    "options",
    "paraminfo",
    "query",
    "resetpassword",
    "unblock",
    "userrights",
    "validatepassword",
];

/// The part of action=edit that creates temporary accounts (modules/edit.rs), served where the
/// release has them (`Release::serves_action`); no release lists it among its `actions`.
pub const TEMP_ACCOUNT_EDIT: &str = "edit";

/// The output formats MediaWiki knows.
pub const FORMATS: &[&str] = &[
    "json", "jsonfm", "none", "php", "phpfm", "rawfm", "xml", "xmlfm",
];

/// The meta modules this mock serves.
pub const QUERY_META: &[&str] = &["authmanagerinfo", "siteinfo", "tokens", "userinfo"];

/// The list modules this mock serves.
pub const QUERY_LIST: &[&str] = &["allusers", "users"];

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

/// meta=authmanagerinfo's `amirequestsfor` values, in the module's definition order (errors list
/// them so; paraminfo sorts them).
pub const AUTHMANAGERINFO_ACTIONS: &[&str] = &[
    "login",
    "login-continue",
    "create",
    "create-continue",
    "link",
    "link-continue",
    "change",
    "remove",
    "unlink",
];

/// meta=userinfo's `uiprop` values in 1.43: 1.39's and `cancreateaccount`.
pub const USERINFO_PROPS_1_43: &[&str] = &[
    "acceptlang",
    "blockinfo",
    "cancreateaccount",
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

/// meta=siteinfo's `siprop` values in 1.43: 1.39's, the temporary-account settings, the
/// autopromotion conditions and the client-side libraries.
pub const SITEINFO_PROPS_1_43: &[&str] = &[
    "autocreatetempuser",
    "autopromote",
    "autopromoteonce",
    "clientlibraries",
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

/// meta=siteinfo's `sifilteriw` values, in definition order.
pub const SITEINFO_FILTER_IW: &[&str] = &["local", "!local"];
