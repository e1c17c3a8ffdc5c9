//! paraminfo's descriptions of the action and meta modules the mock serves (the account
//! modules, block/unblock/userrights, options, query's meta modules), parameter by parameter, as
//! the releases' installs describe them.

use super::{Kind, ModuleDef, ParamDef, param};

const MESSAGE_FORMATS: &[&str] = &["html", "wikitext", "raw", "none"];

/// The parameters createaccount and clientlogin share (ApiAuthManagerHelper), with their token.
const fn auth_flow_params(token_type: &'static str) -> [ParamDef; 7] {
    [
        ParamDef {
            multi: true,
            ..param("requests", Kind::Named("string"))
        },
        ParamDef {
            default: Some("wikitext"),
            ..param("messageformat", Kind::Enum(MESSAGE_FORMATS))
        },
        param("mergerequestfields", Kind::Named("boolean")),
        param("preservestate", Kind::Named("boolean")),
        param("returnurl", Kind::Named("string")),
        param("continue", Kind::Named("boolean")),
        ParamDef {
            required: true,
            sensitive: true,
            token_type: Some(token_type),
            ..param("token", Kind::Named("string"))
        },
    ]
}

const CREATEACCOUNT_PARAMS: [ParamDef; 7] = auth_flow_params("createaccount");
const CLIENTLOGIN_PARAMS: [ParamDef; 7] = auth_flow_params("login");

const RESETPASSWORD_PARAMS: [ParamDef; 3] = [
    ParamDef {
        subtypes: &["name"],
        ..param("user", Kind::Named("user"))
    },
    param("email", Kind::Named("string")),
    ParamDef {
        required: true,
        sensitive: true,
        token_type: Some("csrf"),
        ..param("token", Kind::Named("string"))
    },
];

const VALIDATEPASSWORD_PARAMS: [ParamDef; 4] = [
    ParamDef {
        required: true,
        sensitive: true,
        ..param("password", Kind::Named("password"))
    },
    ParamDef {
        subtypes: &["name", "id"],
        ..param("user", Kind::Named("user"))
    },
    param("email", Kind::Named("string")),
    param("realname", Kind::Named("string")),
];

const LOGIN_PARAMS: [ParamDef; 4] = [
    param("name", Kind::Named("string")),
    ParamDef {
        sensitive: true,
        ..param("password", Kind::Named("password"))
    },
    param("domain", Kind::Named("string")),
    ParamDef {
        sensitive: true,
        ..param("token", Kind::Named("string"))
    },
];

const LOGOUT_PARAMS: [ParamDef; 1] = [ParamDef {
    required: true,
    sensitive: true,
    token_type: Some("csrf"),
    ..param("token", Kind::Named("string"))
}];

const TOKENS_PARAMS: [ParamDef; 1] = [ParamDef {
    default: Some("csrf"),
    multi: true,
    all_specifier: true,
    ..param("type", Kind::Enum(super::super::super::tokens::TYPE_NAMES))
}];

const AUTHMANAGERINFO_PARAMS: [ParamDef; 4] = [
    param("securitysensitiveoperation", Kind::Named("string")),
    param(
        "requestsfor",
        Kind::Enum(super::super::super::api_names::AUTHMANAGERINFO_ACTIONS),
    ),
    param("mergerequestfields", Kind::Named("boolean")),
    ParamDef {
        default: Some("wikitext"),
        ..param("messageformat", Kind::Enum(MESSAGE_FORMATS))
    },
];

const OPTIONS_PARAMS: [ParamDef; 7] = [
    param("reset", Kind::Named("boolean")),
    ParamDef {
        default: Some("all"),
        multi: true,
        ..param(
            "resetkinds",
            Kind::Enum(super::super::super::preferences::RESET_KINDS),
        )
    },
    ParamDef {
        multi: true,
        ..param("change", Kind::Named("string"))
    },
    param("optionname", Kind::Named("string")),
    param("optionvalue", Kind::Named("string")),
    ParamDef {
        default: Some("ignore"),
        in_release: |release| release.options_global_param,
        ..param("global", Kind::Enum(&["ignore", "update", "override"]))
    },
    ParamDef {
        required: true,
        sensitive: true,
        token_type: Some("csrf"),
        ..param("token", Kind::Named("string"))
    },
];

const USERINFO_PARAMS: [ParamDef; 2] = [
    ParamDef {
        multi: true,
        all_specifier: true,
        ..param("prop", Kind::ReleaseEnum(|release| release.userinfo_props))
    },
    param("attachedwiki", Kind::Named("string")),
];

const SITEINFO_PARAMS: [ParamDef; 5] = [
    ParamDef {
        default: Some("general"),
        multi: true,
        ..param("prop", Kind::ReleaseEnum(|release| release.siteinfo_props))
    },
    param(
        "filteriw",
        Kind::Enum(super::super::super::api_names::SITEINFO_FILTER_IW),
    ),
    param("showalldb", Kind::Named("boolean")),
    param("numberingroup", Kind::Named("boolean")),
    param("inlanguagecode", Kind::Named("string")),
];

pub(super) const HELP: &str = "https://www.mediawiki.org/wiki/Special:MyLanguage/API:";

pub(super) const MODULES: &[ModuleDef] = &[
    ModuleDef {
        name: "acquiretempusername",
        classname: "ApiAcquireTempUserName",
        path: "acquiretempusername",
        group: "action",
        prefix: "",
        readrights: true,
        writerights: |_| true,
        mustbeposted: true,
        helpurl: "",
        parameters: &[],
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "createaccount",
        classname: "ApiAMCreateAccount",
        path: "createaccount",
        group: "action",
        prefix: "create",
        readrights: false,
        writerights: |_| true,
        mustbeposted: true,
        helpurl: "Account_creation",
        parameters: &CREATEACCOUNT_PARAMS,
        dynamic_parameters: true,
    },
    ModuleDef {
        name: "resetpassword",
        classname: "ApiResetPassword",
        path: "resetpassword",
        group: "action",
        prefix: "",
        readrights: true,
        writerights: |_| true,
        mustbeposted: true,
        helpurl: "Manage_authentication_data",
        parameters: &RESETPASSWORD_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "validatepassword",
        classname: "ApiValidatePassword",
        path: "validatepassword",
        group: "action",
        prefix: "",
        readrights: true,
        writerights: |_| false,
        mustbeposted: true,
        helpurl: "Validatepassword",
        parameters: &VALIDATEPASSWORD_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "options",
        classname: "ApiOptions",
        path: "options",
        group: "action",
        prefix: "",
        readrights: true,
        writerights: |_| true,
        mustbeposted: true,
        helpurl: "Options",
        parameters: &OPTIONS_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "login",
        classname: "ApiLogin",
        path: "login",
        group: "action",
        prefix: "lg",
        readrights: false,
        writerights: |_| true,
        mustbeposted: true,
        helpurl: "Login",
        parameters: &LOGIN_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "logout",
        classname: "ApiLogout",
        path: "logout",
        group: "action",
        prefix: "",
        readrights: false,
        writerights: |release| release.logout_is_write_mode,
        mustbeposted: true,
        helpurl: "Logout",
        parameters: &LOGOUT_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "clientlogin",
        classname: "ApiClientLogin",
        path: "clientlogin",
        group: "action",
        prefix: "login",
        readrights: false,
        writerights: |_| true,
        mustbeposted: true,
        helpurl: "Login",
        parameters: &CLIENTLOGIN_PARAMS,
        dynamic_parameters: true,
    },
    ModuleDef {
        name: "tokens",
        classname: "ApiQueryTokens",
        path: "query+tokens",
        group: "meta",
        prefix: "",
        readrights: false,
        writerights: |_| false,
        mustbeposted: false,
        helpurl: "Tokens",
        parameters: &TOKENS_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "authmanagerinfo",
        classname: "ApiQueryAuthManagerInfo",
        path: "query+authmanagerinfo",
        group: "meta",
        prefix: "ami",
        readrights: false,
        writerights: |_| false,
        mustbeposted: false,
        helpurl: "Authmanagerinfo",
        parameters: &AUTHMANAGERINFO_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "userinfo",
        classname: "ApiQueryUserInfo",
        path: "query+userinfo",
        group: "meta",
        prefix: "ui",
        readrights: true,
        writerights: |_| false,
        mustbeposted: false,
        helpurl: "Userinfo",
        parameters: &USERINFO_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "siteinfo",
        classname: "ApiQuerySiteinfo",
        path: "query+siteinfo",
        group: "meta",
        prefix: "si",
        readrights: true,
        writerights: |_| false,
        mustbeposted: false,
        helpurl: "Siteinfo",
        parameters: &SITEINFO_PARAMS,
        dynamic_parameters: false,
    },
];
