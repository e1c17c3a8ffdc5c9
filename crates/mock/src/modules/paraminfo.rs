//! action=paraminfo (`modules`, `helpformat=none`): the parameter descriptions of the modules
//! this mock serves, as the wiki's MediaWiki release reports them (class names, value lists and
//! flags from its `Release` row), and `badmodule` warnings for others.

use super::super::config::WikiConfig;
use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::release::Release;

mod action_modules;
mod query_lists;
mod recorded;

use action_modules::{HELP, MODULES};

const INFO: ModuleInfo = ModuleInfo {
    name: "paraminfo",
    must_be_posted: false,
    is_write: false,
    token: None,
};

/// A parameter's type: a named type or a sorted list of enum values (fixed, or the release's).
enum Kind {
    Named(&'static str),
    Enum(&'static [&'static str]),
    ReleaseEnum(fn(&'static Release) -> &'static [&'static str]),
    /// Enum values that depend on the wiki's configuration (the extensions it loads).
    ConfigEnum(fn(&WikiConfig) -> Vec<&'static str>),
    /// A `limit`: its default, minimum and maximum for everyone and with `apihighlimits`.
    Limit {
        default: i64,
        min: i64,
        max: i64,
        high_max: i64,
    },
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
    /// Whether the release's module has the parameter.
    in_release: fn(&'static Release) -> bool,
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
        in_release: |_| true,
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
    writerights: fn(&'static Release) -> bool,
    mustbeposted: bool,
    /// The page under API: its help URL names (none: no help URL).
    helpurl: &'static str,
    parameters: &'static [ParamDef],
    dynamic_parameters: bool,
}

/// Help formats MediaWiki accepts; this mock describes modules without help texts only.
const HELP_FORMATS: &[&str] = &["html", "wikitext", "raw", "none"];

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let modules = ctx.multi_values(INFO.name, "modules")?.unwrap_or_default();
    let helpformat = ctx
        .enum_param(INFO.name, "helpformat", HELP_FORMATS)?
        .unwrap_or_else(|| "none".to_string());
    ctx.pre_execute(&INFO)?;
    if helpformat != "none" {
        // Help texts (descriptions, examples) are not part of this mock.
        return Err(ApiError::bad_value(
            INFO.name,
            "helpformat",
            &helpformat,
            HELP_FORMATS,
        ));
    }
    let mut described: Vec<Val> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let release = ctx.release();
    for path in &modules {
        if let Some(described_here) = recorded::describe(release, path, ctx.server) {
            if !seen.contains(&path.as_str()) {
                seen.push(path.as_str());
                described.push(described_here);
            }
            continue;
        }
        let def = all_modules().find(|m| m.path == path.as_str() && exists_in(release, m));
        match def {
            Some(def) if seen.contains(&def.path) => {}
            Some(def) => {
                seen.push(def.path);
                described.push(describe(ctx, def));
            }
            None => {
                let msg = bad_module_message(release, path);
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

/// The modules described here: action and meta modules, then query's list modules.
fn all_modules() -> impl Iterator<Item = &'static ModuleDef> {
    MODULES.iter().chain(query_lists::LIST_MODULES)
}

/// Whether the release has the module (action modules: those its ApiMain knows).
fn exists_in(release: &Release, def: &ModuleDef) -> bool {
    def.group != "action" || release.actions.contains(&def.name)
}

/// The warning for a module path this wiki does not have (ApiParamInfo via ApiBase's lookup):
/// a missing submodule of `main`/`query`, or a path below a module without submodules.
fn bad_module_message(release: &Release, path: &str) -> Msg {
    let mut parent = "main".to_string();
    for part in path.split('+') {
        let has_submodules = parent == "main" || parent == "query";
        let exists = match parent.as_str() {
            "main" => release.actions.contains(&part),
            "query" => all_modules().any(|m| matches!(m.group, "meta" | "list") && m.name == part),
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
    let release = ctx.release();
    let mut v = Val::map()
        .with("name", def.name)
        .with(
            "classname",
            format!("{}{}", release.api_class_namespace, def.classname),
        )
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
        ("writerights", (def.writerights)(release)),
        ("mustbeposted", def.mustbeposted),
    ] {
        if on {
            v.set(flag, true);
        }
    }
    let help_urls = if def.helpurl.is_empty() {
        Vec::new()
    } else {
        vec![Val::Str(format!("{HELP}{}", def.helpurl))]
    };
    v.set("helpurls", Val::tagged("helpurl", help_urls));
    let parameters = def
        .parameters
        .iter()
        .filter(|p| query_lists::has_param(release, def, p) && (p.in_release)(release))
        .enumerate()
        .map(|(i, p)| describe_param(ctx.config, i + 1, p))
        .collect();
    v.set("parameters", Val::tagged("param", parameters));
    v.set("templatedparameters", Val::tagged("param", Vec::new()));
    if def.dynamic_parameters {
        v.set("dynamicparameters", true);
    }
    v
}

fn describe_param(config: &WikiConfig, index: usize, p: &ParamDef) -> Val {
    let release = config.release();
    let mut v = Val::map().with("index", index).with("name", p.name);
    let config_values;
    let values = match p.kind {
        Kind::Named(t) => {
            v.set("type", t);
            None
        }
        Kind::Enum(values) => Some(values),
        Kind::ReleaseEnum(of) => Some(of(release)),
        Kind::ConfigEnum(of) => {
            config_values = of(config);
            Some(config_values.as_slice())
        }
        Kind::Limit { .. } => {
            v.set("type", "limit");
            None
        }
    };
    if let Some(values) = values {
        // Modules define their enums in their own order (errors list them so); paraminfo
        // lists them sorted.
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        v.set(
            "type",
            Val::tagged("t", sorted.into_iter().map(Val::from).collect()),
        );
    }
    v.set("required", p.required);
    if p.sensitive {
        v.set("sensitive", true);
    }
    if let Some(d) = p.default {
        v.set("default", d);
    }
    if let Kind::Limit { default, .. } = p.kind {
        v.set("default", default);
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
    if let Kind::Limit {
        min, max, high_max, ..
    } = p.kind
    {
        v.set("min", min);
        v.set("max", max);
        v.set("highmax", high_max);
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
        bad_module_message(&crate::release::MEDIAWIKI_1_39, path)
            .plaintext(&Voice::english("TestWiki"))
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
    fn enum_values_are_distinct_and_indexes_count_from_one() {
        for release in crate::release::RELEASES {
            for module in all_modules() {
                for p in module.parameters {
                    let values = match p.kind {
                        Kind::Enum(values) => values,
                        Kind::ReleaseEnum(of) => of(release),
                        Kind::Named(_) | Kind::Limit { .. } | Kind::ConfigEnum(_) => continue,
                    };
                    let mut distinct = values.to_vec();
                    distinct.sort_unstable();
                    distinct.dedup();
                    assert_eq!(distinct.len(), values.len(), "{}.{}", module.name, p.name);
                }
                if let Some(first) = module.parameters.first() {
                    let config = WikiConfig {
                        mediawiki: release.version,
                        ..WikiConfig::default()
                    };
                    let first = describe_param(&config, 1, first);
                    assert_eq!(first.get("index"), Some(&Val::Int(1)));
                }
            }
        }
    }
}
