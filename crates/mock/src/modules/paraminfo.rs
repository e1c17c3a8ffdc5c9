//! action=paraminfo (`modules`, `helpformat=none`): the parameter descriptions of the modules
//! this mock serves, as MediaWiki 1.39 reports them, and `badmodule` warnings for others.

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};

const INFO: ModuleInfo = ModuleInfo {
    name: "paraminfo",
    must_be_posted: false,
    is_write: false,
    token: None,
};

/// A parameter's type: a named type or a sorted list of enum values.
enum Kind {
    Named(&'static str),
    Enum(&'static [&'static str]),
}

/// One module parameter as ApiParamInfo describes it (without help texts).
struct ParamDef {
    name: &'static str,
    kind: Kind,
    required: bool,
    sensitive: bool,
    default: Option<&'static str>,
    multi: bool,
    all_specifier: bool,
    subtypes: &'static [&'static str],
    token_type: Option<&'static str>,
}

const fn param(name: &'static str, kind: Kind) -> ParamDef {
    ParamDef {
        name,
        kind,
        required: false,
        sensitive: false,
        default: None,
        multi: false,
        all_specifier: false,
        subtypes: &[],
        token_type: None,
    }
}

/// One module's description.
struct ModuleDef {
    name: &'static str,
    classname: &'static str,
    path: &'static str,
    group: &'static str,
    prefix: &'static str,
    readrights: bool,
    writerights: bool,
    mustbeposted: bool,
    helpurl: &'static str,
    parameters: &'static [ParamDef],
    dynamic_parameters: bool,
}

const MESSAGE_FORMATS: &[&str] = &["html", "none", "raw", "wikitext"];

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
    ..param(
        "type",
        Kind::Enum(&[
            "createaccount",
            "csrf",
            "login",
            "patrol",
            "rollback",
            "userrights",
            "watch",
        ]),
    )
}];

const AUTHMANAGERINFO_PARAMS: [ParamDef; 4] = [
    param("securitysensitiveoperation", Kind::Named("string")),
    param(
        "requestsfor",
        Kind::Enum(super::super::api_names::AUTHMANAGERINFO_ACTIONS),
    ),
    param("mergerequestfields", Kind::Named("boolean")),
    ParamDef {
        default: Some("wikitext"),
        ..param("messageformat", Kind::Enum(MESSAGE_FORMATS))
    },
];

const USERINFO_PARAMS: [ParamDef; 2] = [
    ParamDef {
        multi: true,
        all_specifier: true,
        ..param("prop", Kind::Enum(super::super::api_names::USERINFO_PROPS))
    },
    param("attachedwiki", Kind::Named("string")),
];

const SITEINFO_PARAMS: [ParamDef; 5] = [
    ParamDef {
        default: Some("general"),
        multi: true,
        ..param("prop", Kind::Enum(super::super::api_names::SITEINFO_PROPS))
    },
    param(
        "filteriw",
        Kind::Enum(super::super::api_names::SITEINFO_FILTER_IW),
    ),
    param("showalldb", Kind::Named("boolean")),
    param("numberingroup", Kind::Named("boolean")),
    param("inlanguagecode", Kind::Named("string")),
];

const HELP: &str = "https://www.mediawiki.org/wiki/Special:MyLanguage/API:";

const MODULES: &[ModuleDef] = &[
    ModuleDef {
        name: "createaccount",
        classname: "ApiAMCreateAccount",
        path: "createaccount",
        group: "action",
        prefix: "create",
        readrights: false,
        writerights: true,
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
        writerights: true,
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
        writerights: false,
        mustbeposted: true,
        helpurl: "Validatepassword",
        parameters: &VALIDATEPASSWORD_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "login",
        classname: "ApiLogin",
        path: "login",
        group: "action",
        prefix: "lg",
        readrights: false,
        writerights: true,
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
        writerights: false,
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
        writerights: true,
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
        writerights: false,
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
        writerights: false,
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
        writerights: false,
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
        writerights: false,
        mustbeposted: false,
        helpurl: "Siteinfo",
        parameters: &SITEINFO_PARAMS,
        dynamic_parameters: false,
    },
];

/// Help formats MediaWiki accepts; this mock describes modules without help texts only.
const HELP_FORMATS: &[&str] = &["html", "none", "raw", "wikitext"];

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let modules = ctx.multi_values(INFO.name, "modules")?.unwrap_or_default();
    let helpformat = ctx
        .enum_param(INFO.name, "helpformat", HELP_FORMATS)?
        .unwrap_or_else(|| "none".to_string());
    ctx.pre_execute(&INFO)?;
    if helpformat != "none" {
        // Help texts (descriptions, examples) are not part of this mock.
        return Err(ApiError::bad_value(INFO.name, "helpformat", &helpformat));
    }
    let mut described: Vec<Val> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for path in &modules {
        match MODULES.iter().find(|m| m.path == path.as_str()) {
            Some(def) if seen.contains(&def.path) => {}
            Some(def) => {
                seen.push(def.path);
                described.push(describe(ctx, def));
            }
            None => {
                let msg = bad_module_message(path);
                ctx.warn(INFO.name, "badmodule", msg, None);
            }
        }
    }
    let mut result = Val::map().with("helpformat", helpformat.as_str());
    if !described.is_empty() {
        result.set("modules", Val::tagged("module", described));
    }
    Ok(vec![("paraminfo".to_string(), result)])
}

/// The warning for a module path this wiki does not have (ApiParamInfo via ApiBase's lookup):
/// a missing submodule of `main`/`query`, or a path below a module without submodules.
fn bad_module_message(path: &str) -> Msg {
    let mut parent = "main".to_string();
    for part in path.split('+') {
        let has_submodules = parent == "main" || parent == "query";
        let exists = match parent.as_str() {
            "main" => super::super::api_names::ACTIONS.contains(&part) || part == "paraminfo",
            "query" => MODULES.iter().any(|m| m.group == "meta" && m.name == part),
            _ => false,
        };
        if !has_submodules {
            return Msg::with("apierror-badmodule-nosubmodules", vec![Param::Text(parent)]);
        }
        if !exists {
            return Msg::with(
                "apierror-badmodule-badsubmodule",
                vec![Param::Text(parent), Param::Text(part.to_string())],
            );
        }
        parent = if parent == "main" {
            part.to_string()
        } else {
            format!("{parent}+{part}")
        };
    }
    // Only reached for paths that exist but are not described here (e.g. "query").
    Msg::with(
        "apierror-badmodule-badsubmodule",
        vec![Param::Text("main".into()), Param::Text(path.to_string())],
    )
}

fn describe(ctx: &Ctx, def: &ModuleDef) -> Val {
    let mut v = Val::map()
        .with("name", def.name)
        .with("classname", def.classname)
        .with("path", def.path)
        .with("group", def.group)
        .with("prefix", def.prefix)
        .with("source", "MediaWiki")
        .with("sourcename", "MediaWiki")
        .with("licensetag", "GPL-2.0-or-later")
        .with(
            "licenselink",
            format!("{}/index.php/Special:Version/License/MediaWiki", ctx.server),
        );
    // ApiLogin::isDeprecated: only when bot passwords are off.
    let deprecated = def.name == "login" && !ctx.config.enable_bot_passwords;
    for (flag, on) in [
        ("deprecated", deprecated),
        ("readrights", def.readrights),
        ("writerights", def.writerights),
        ("mustbeposted", def.mustbeposted),
    ] {
        if on {
            v.set(flag, true);
        }
    }
    v.set(
        "helpurls",
        Val::tagged("helpurl", vec![Val::Str(format!("{HELP}{}", def.helpurl))]),
    );
    let parameters = def
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| describe_param(i + 1, p))
        .collect();
    v.set("parameters", Val::tagged("param", parameters));
    v.set("templatedparameters", Val::tagged("param", Vec::new()));
    if def.dynamic_parameters {
        v.set("dynamicparameters", true);
    }
    v
}

fn describe_param(index: usize, p: &ParamDef) -> Val {
    let mut v = Val::map().with("index", index).with("name", p.name);
    match p.kind {
        Kind::Named(t) => v.set("type", t),
        Kind::Enum(values) => v.set(
            "type",
            Val::tagged("t", values.iter().map(|s| Val::from(*s)).collect()),
        ),
    }
    v.set("required", p.required);
    if p.sensitive {
        v.set("sensitive", true);
    }
    if let Some(d) = p.default {
        v.set("default", d);
    }
    v.set("multi", p.multi);
    if p.multi {
        v.set("lowlimit", 50i64);
        v.set("highlimit", 500i64);
        v.set("limit", 50i64);
        if p.all_specifier {
            v.set("allspecifier", "*");
        }
    }
    if !p.subtypes.is_empty() {
        v.set(
            "subtypes",
            Val::List(p.subtypes.iter().map(|s| Val::from(*s)).collect()),
        );
    }
    if let Some(t) = p.token_type {
        v.set("tokentype", t);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Voice;

    fn shown(path: &str) -> String {
        bad_module_message(path).plaintext(&Voice::english("TestWiki"))
    }

    #[test]
    fn bad_module_paths() {
        assert_eq!(
            shown("nosuch"),
            "The module \"main\" does not have a submodule \"nosuch\"."
        );
        assert_eq!(
            shown("query+nosuch"),
            "The module \"query\" does not have a submodule \"nosuch\"."
        );
        assert_eq!(shown("login+x"), "The module \"login\" has no submodules.");
        assert_eq!(
            shown("query+tokens+x"),
            "The module \"query+tokens\" has no submodules."
        );
    }

    #[test]
    fn enum_types_are_sorted_and_indexes_count_from_one() {
        for module in MODULES {
            for p in module.parameters {
                if let Kind::Enum(values) = p.kind {
                    let mut sorted = values.to_vec();
                    sorted.sort_unstable();
                    assert_eq!(values, sorted.as_slice(), "{}.{}", module.name, p.name);
                }
            }
            let first = describe_param(1, &module.parameters[0]);
            assert_eq!(first.get("index"), Some(&Val::Int(1)));
        }
    }
}
