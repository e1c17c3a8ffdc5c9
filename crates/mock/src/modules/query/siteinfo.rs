//! meta=siteinfo: the wiki's general settings and the other `siprop` values a client of the
//! account modules reads (namespaces, aliases, extensions, user groups and their rights,
//! statistics, rights info, restrictions, skins, …), each in `siprop` order, with the parameters
//! `sinumberingroup`, `sishowalldb`, `siinlanguagecode` and `sifilteriw`.
//!
//! `general` derives from the mock: `server`, `base`, `logo` and `favicon` from the address the
//! request came to (its Host header, as MediaWiki's default $wgServer does), `sitename` and
//! `wikiid` from the configuration, `readonly`/`readonlyreason` from $wgReadOnly, `time` now; the
//! versions are the reference install's (crates/mock/src/installation.rs). The values that
//! MediaWiki takes from its parser and language internals — `specialpagealiases`,
//! `magicwords`, `interwikimap`, `libraries`, 1.43's `clientlibraries`, `languages`,
//! `languagevariants`, `functionhooks`, `variables`, `showhooks` — are accepted but not served:
//! the mock says so in a warning of its own (`mwcheck-siprop-unsupported`) instead of answering
//! with made-up lists. Which values `siprop` takes is the release's (`Release::siteinfo_props`).

use super::super::super::api_names::SITEINFO_FILTER_IW as FILTER_IW;
use super::super::super::context::Ctx;
use super::super::super::errors::ApiError;
use super::super::super::format::{ArrayType, Val};
use super::super::super::installation::{self, NAMESPACE_ALIASES, NAMESPACES, SKIN_CREDITS, Skin};
use super::super::super::messages::{Msg, Param};
use super::super::super::rights::{group_rights, permission_groups};
use super::super::super::temp_users;
use super::super::super::user_options::default_options;
use mwcheck_shared::iso8601;

const PATH: &str = "query+siteinfo";

/// The `siprop` values `run` serves (a test checks that with UNSUPPORTED they are PROPS).
#[cfg(test)]
const SERVED: &[&str] = &[
    "general",
    "namespaces",
    "namespacealiases",
    "dbrepllag",
    "statistics",
    "usergroups",
    "extensions",
    "fileextensions",
    "rightsinfo",
    "restrictions",
    "skins",
    "extensiontags",
    "protocols",
    "defaultoptions",
    "uploaddialog",
    "autocreatetempuser",
    "autopromote",
    "autopromoteonce",
];

/// The `siprop` values the mock does not serve.
const UNSUPPORTED: &[&str] = &[
    "specialpagealiases",
    "magicwords",
    "interwikimap",
    "libraries",
    "clientlibraries",
    "languages",
    "languagevariants",
    "functionhooks",
    "variables",
    "showhooks",
];

/// The parser's extension tags on the reference install (core's, no parser extensions loaded).
const EXTENSION_TAGS: &[&str] = &["pre", "nowiki", "gallery", "indicator", "langconvert"];

/// The query entries, one per served `siprop` value, in request order.
pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    let props = ctx
        .multi_enum_param(PATH, "siprop", ctx.release().siteinfo_props, false)?
        .unwrap_or_else(|| vec!["general".to_string()]);
    ctx.enum_param(PATH, "sifilteriw", FILTER_IW)?;
    let show_all_db = ctx.req.check("sishowalldb");
    let number_in_group = ctx.req.check("sinumberingroup");
    let in_language = ctx.req.get("siinlanguagecode").unwrap_or("").to_string();
    let mut out = Vec::new();
    let mut unsupported = Vec::new();
    for prop in &props {
        let value = match prop.as_str() {
            "general" => general(ctx),
            "namespaces" => namespaces(ctx),
            "namespacealiases" => namespace_aliases(),
            "dbrepllag" => db_repl_lag(show_all_db)?,
            "statistics" => statistics(ctx),
            "usergroups" => user_groups(ctx, number_in_group),
            "extensions" => extensions(ctx),
            "fileextensions" => file_extensions(),
            "rightsinfo" => Val::map().with("url", "").with("text", ""),
            "restrictions" => restrictions(),
            "skins" => skins(ctx.release().skins, &in_language),
            "extensiontags" => tagged(
                "t",
                EXTENSION_TAGS.iter().map(|t| format!("<{t}>")).collect(),
            ),
            "protocols" => tagged(
                "p",
                installation::URL_PROTOCOLS
                    .iter()
                    .map(|p| p.to_string())
                    .collect(),
            ),
            "defaultoptions" => default_options(ctx.release()),
            // `enabled` is a BC boolean: with temporary accounts off, `[]` in formatversion 1.
            "autocreatetempuser" => {
                let mut members = vec![(
                    "enabled".to_string(),
                    Val::Bool(temp_users::enabled(ctx.config).is_some()),
                )];
                if let Some(patterns) = temp_users::match_patterns(ctx.config) {
                    members.push(("matchPatterns".to_string(), patterns));
                }
                Val::Typed(ArrayType::Untyped, "_v", members)
            }
            "autopromote" => autopromote(),
            "autopromoteonce" => Val::map().with("onEdit", Val::List(Vec::new())),
            "uploaddialog" => upload_dialog(),
            other if UNSUPPORTED.contains(&other) => {
                unsupported.push(other.to_string());
                continue;
            }
            // multi_enum_param passes only PROPS, each served or unsupported.
            _ => continue,
        };
        out.push((prop.clone(), value));
    }
    if !unsupported.is_empty() {
        let count = unsupported.len() as i64;
        let data = Val::map().with(
            "values",
            Val::List(unsupported.iter().map(Val::from).collect()),
        );
        let msg = Msg::with(
            "mwcheck-siprop-unsupported",
            vec![Param::List(unsupported), Param::Num(count)],
        );
        ctx.warn(PATH, "mwcheck-siprop-unsupported", msg, Some(data));
    }
    Ok(out)
}

fn tagged(tag: &'static str, items: Vec<String>) -> Val {
    Val::tagged(tag, items.into_iter().map(Val::Str).collect())
}

/// The server the client addressed: `http://` and its Host header (WebRequest::detectServer),
/// or the address the mock listens on when the header is missing or not a host name.
fn request_server(ctx: &Ctx) -> String {
    let host = ctx.req.header("host").unwrap_or("");
    let plausible = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]_".contains(&b));
    if plausible {
        format!("http://{host}")
    } else {
        ctx.server.to_string()
    }
}

/// The host part of a server URL ($wgServerName: parse_url's host, brackets kept for IPv6).
fn server_name(server: &str) -> &str {
    let authority = server.split_once("://").map_or(server, |(_, rest)| rest);
    if authority.starts_with('[') {
        return authority
            .find(']')
            .map_or(authority, |end| &authority[..=end]);
    }
    authority.split(':').next().unwrap_or(authority)
}

/// ApiQuerySiteinfo::appendGeneralInfo on the reference install, key for key.
fn general(ctx: &Ctx) -> Val {
    let server = request_server(ctx);
    let config = ctx.config;
    let mut v = Val::map()
        .with("mainpage", "Main Page")
        .with("base", format!("{server}/index.php/Main_Page"))
        .with("sitename", config.sitename.as_str())
        .with("mainpageisdomainroot", false)
        .with(
            "logo",
            format!("{server}/resources/assets/change-your-logo.svg"),
        )
        .with(
            "generator",
            format!("MediaWiki {}", ctx.release().full_version),
        )
        .with("phpversion", installation::PHP_VERSION)
        .with("phpsapi", installation::PHP_SAPI)
        .with("dbtype", "sqlite")
        .with("dbversion", installation::SQLITE_VERSION)
        .with("imagewhitelistenabled", false)
        .with("langconversion", true)
        .with("linkconversion", true)
        .with("titleconversion", true)
        .with("linkprefixcharset", "")
        .with("linkprefix", "")
        .with("linktrail", "/^([a-z]+)(.*)$/sD")
        .with(
            "legaltitlechars",
            r#" %!"$&'()*,\-.\/0-9:;=?@A-Z\\^_`a-z~\x80-\xFF+"#,
        )
        .with("invalidusernamechars", ctx.release().invalid_username_chars)
        .with("allunicodefixes", false)
        .with("fixarabicunicode", true)
        .with("fixmalayalamunicode", true)
        .with("case", "first-letter")
        .with("lang", "en")
        .with("fallback", Val::tagged("lang", Vec::new()))
        .with("rtl", false)
        .with("fallback8bitEncoding", "windows-1252")
        .with("readonly", config.read_only_reason.is_some());
    if let Some(reason) = &config.read_only_reason {
        v.set("readonlyreason", reason.as_str());
    }
    // Always true since 1.32 ($wgEnableWriteAPI is gone), whatever the groups may do.
    v.set("writeapi", true);
    v.set("maxarticlesize", 2048i64 * 1024);
    v.set("timezone", "UTC");
    v.set("timeoffset", 0i64);
    v.set("articlepath", "/index.php/$1");
    v.set("scriptpath", "");
    v.set("script", "/index.php");
    v.set("variantarticlepath", Val::NativeBool(false));
    v.set("server", server.as_str());
    v.set("servername", server_name(&server).to_string());
    v.set("wikiid", config.cookie_prefix.as_str());
    v.set("time", iso8601(ctx.now));
    v.set("misermode", false);
    v.set("uploadsenabled", false);
    v.set("maxuploadsize", 100i64 * 1024 * 1024);
    v.set("minuploadchunksize", 1024i64);
    v.set(
        "galleryoptions",
        Val::map()
            .with("imagesPerRow", 0i64)
            .with("imageWidth", 120i64)
            .with("imageHeight", 120i64)
            .with("captionLength", true)
            .with("showBytes", true)
            .with("showDimensions", true)
            .with("mode", "traditional"),
    );
    let indexed = |items: Vec<Val>| {
        let entries = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| (i.to_string(), item))
            .collect();
        Val::Typed(ArrayType::BcAssoc, "limit", entries)
    };
    v.set(
        "thumblimits",
        indexed(
            [120i64, 150, 180, 200, 250, 300]
                .into_iter()
                .map(Val::Int)
                .collect(),
        ),
    );
    v.set(
        "imagelimits",
        indexed(
            [
                (320i64, 240i64),
                (640, 480),
                (800, 600),
                (1024, 768),
                (1280, 1024),
                (2560, 2048),
            ]
            .into_iter()
            .map(|(w, h)| Val::map().with("width", w).with("height", h))
            .collect(),
        ),
    );
    v.set("favicon", format!("{server}/favicon.ico"));
    v.set("centralidlookupprovider", "local");
    v.set(
        "allcentralidlookupproviders",
        Val::List(vec!["local".into()]),
    );
    v.set("interwikimagic", true);
    v.set(
        "magiclinks",
        Val::Typed(
            ArrayType::Untyped,
            "_v",
            ["ISBN", "PMID", "RFC"]
                .iter()
                .map(|k| (k.to_string(), Val::Bool(false)))
                .collect(),
        ),
    );
    v.set("categorycollation", "uppercase");
    v.set("nofollowlinks", true);
    v.set("nofollownsexceptions", Val::List(Vec::new()));
    v.set(
        "nofollowdomainexceptions",
        Val::List(vec!["mediawiki.org".into()]),
    );
    v.set("externallinktarget", false);
    v
}

/// Every namespace, keyed by id (an `assoc` array: an object in both format versions).
fn namespaces(ctx: &Ctx) -> Val {
    let entries = NAMESPACES
        .iter()
        .map(|ns| {
            let mut v = Val::map()
                .with("id", ns.id)
                .with("case", "first-letter")
                .with("name", Val::Content(ns.local_name(&ctx.config.sitename)))
                .with("subpages", ns.subpages);
            if let Some(canonical) = ns.canonical {
                v.set("canonical", canonical);
            }
            v.set("content", ns.content);
            v.set("nonincludable", false);
            if let Some(right) = ns.protection {
                v.set("namespaceprotection", right);
            }
            (ns.id.to_string(), v)
        })
        .collect();
    Val::Typed(ArrayType::Assoc, "ns", entries)
}

fn namespace_aliases() -> Val {
    let list = NAMESPACE_ALIASES
        .iter()
        .map(|(id, alias)| {
            Val::map()
                .with("id", *id)
                .with("alias", Val::Content(alias.to_string()))
        })
        .collect();
    Val::tagged("ns", list)
}

/// The replication lag: one SQLite server, no replicas, host names hidden ($wgShowHostnames off).
fn db_repl_lag(show_all_db: bool) -> Result<Val, ApiError> {
    if show_all_db {
        return Err(ApiError::new(
            PATH,
            "includeAllDenied",
            Msg::new("apierror-siteinfo-includealldenied"),
        ));
    }
    let db = Val::map().with("host", "").with("lag", -1i64);
    Ok(Val::tagged("db", vec![db]))
}

/// SiteStats of the mock: the install's Main Page (one page, one edit, no article by the link
/// count), its accounts and sysops; no files, no recent activity, no queued jobs.
fn statistics(ctx: &Ctx) -> Val {
    Val::map()
        .with("pages", 1i64)
        .with("articles", 0i64)
        .with("edits", 1i64)
        .with("images", 0i64)
        .with("users", ctx.store.site_stats_users())
        .with("activeusers", 0i64)
        .with("admins", members_of(ctx, "sysop"))
        .with("jobs", 0i64)
}

fn members_of(ctx: &Ctx, group: &str) -> usize {
    ctx.store
        .accounts()
        .filter(|a| a.groups.iter().any(|g| g == group))
        .count()
}

/// $wgGroupPermissions group by group; with `sinumberingroup`, each group's size (all accounts
/// for `user`; none for `*` and the autopromoted `autoconfirmed`). No group has $wgAddGroups-style
/// entries on these wikis, so no `add`/`remove` lists.
fn user_groups(ctx: &Ctx, number_in_group: bool) -> Val {
    let list = permission_groups(ctx.config)
        .map(|group| {
            let rights = group_rights(ctx.config, group)
                .into_iter()
                .map(Val::from)
                .collect();
            let mut v = Val::map()
                .with("name", group)
                .with("rights", Val::tagged("permission", rights));
            if number_in_group {
                match group {
                    "*" | "autoconfirmed" => {}
                    "user" => v.set("number", ctx.store.site_stats_users()),
                    _ => v.set("number", members_of(ctx, group)),
                }
            }
            v
        })
        .collect();
    Val::tagged("group", list)
}

/// The skins, then the extensions the configuration loads (ConfirmEdit and its captcha type,
/// OATHAuth), in load order.
fn extensions(ctx: &Ctx) -> Val {
    use super::super::super::captcha::CaptchaStyle;
    let mut list: Vec<Val> = SKIN_CREDITS.iter().map(|c| c.to_val()).collect();
    if let Some(captcha) = &ctx.config.captcha {
        list.push(installation::CONFIRMEDIT.to_val());
        list.push(match captcha.style {
            CaptchaStyle::Questy => installation::QUESTYCAPTCHA.to_val(),
            CaptchaStyle::FancyImage => installation::FANCYCAPTCHA.to_val(),
        });
    }
    if ctx.config.oathauth.is_some() {
        list.push(ctx.release().oathauth_credits.to_val());
    }
    Val::tagged("ext", list)
}

/// $wgFileExtensions of a stock 1.39.
fn file_extensions() -> Val {
    let list = ["png", "gif", "jpg", "jpeg", "webp"]
        .iter()
        .map(|ext| Val::map().with("ext", *ext))
        .collect();
    Val::tagged("fe", list)
}

/// $wgRestrictionTypes, $wgRestrictionLevels, $wgCascadingRestrictionLevels,
/// $wgSemiprotectedRestrictionLevels of a stock 1.39.
fn restrictions() -> Val {
    let strs = |tag: &'static str, items: &[&str]| {
        tagged(tag, items.iter().map(|s| s.to_string()).collect())
    };
    Val::map()
        .with("types", strs("type", &["create", "edit", "move", "upload"]))
        .with("levels", strs("level", &["", "autoconfirmed", "sysop"]))
        .with("cascadinglevels", strs("level", &["sysop"]))
        .with("semiprotectedlevels", strs("level", &["autoconfirmed"]))
}

/// The installed skins, named in `siinlanguagecode` (content language English otherwise).
fn skins(installed: &[Skin], lang: &str) -> Val {
    let list = installed
        .iter()
        .map(|skin| {
            let mut v = Val::map()
                .with("code", skin.code)
                .with("name", Val::Content(skin.name_in(lang).to_string()));
            if skin.unusable {
                v.set("unusable", true);
            }
            if skin.default {
                v.set("default", true);
            }
            v
        })
        .collect();
    Val::tagged("skin", list)
}

/// $wgAutopromote of a stock install: `autoconfirmed` for users with at least 0 edits and an age
/// of at least 0 seconds (ApiQuerySiteinfo names the conditions).
fn autopromote() -> Val {
    let condition = |name: &str| {
        Val::map()
            .with("condname", name)
            .with("params", Val::List(vec![Val::Int(0)]))
    };
    let all_of = Val::map()
        .with("operand", "&")
        .with("0", condition("APCOND_EDITCOUNT"))
        .with("1", condition("APCOND_AGE"));
    Val::map().with("autoconfirmed", all_of)
}

/// $wgUploadDialog of a stock 1.39.
fn upload_dialog() -> Val {
    Val::map()
        .with(
            "fields",
            Val::map()
                .with("description", true)
                .with("date", false)
                .with("categories", false),
        )
        .with(
            "licensemessages",
            Val::map()
                .with("local", "generic-local")
                .with("foreign", "generic-foreign"),
        )
        .with("comment", Val::map().with("local", "").with("foreign", ""))
        .with(
            "format",
            Val::map()
                .with("filepage", "$DESCRIPTION")
                .with("description", "$TEXT")
                .with("ownwork", "")
                .with("license", "")
                .with("uncategorized", ""),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{OutputFormat, to_json};

    #[test]
    fn server_names() {
        assert_eq!(server_name("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(server_name("http://[::1]:8080"), "[::1]");
        assert_eq!(server_name("http://wiki.test"), "wiki.test");
    }

    #[test]
    fn every_prop_is_served_or_declared_unsupported() {
        use crate::api_names::{SITEINFO_PROPS, SITEINFO_PROPS_1_43};
        let mut both: Vec<&str> = SERVED.iter().chain(UNSUPPORTED).copied().collect();
        both.sort_unstable();
        assert_eq!(both, SITEINFO_PROPS_1_43);
        for props in [SITEINFO_PROPS, SITEINFO_PROPS_1_43] {
            assert!(props.iter().all(|p| both.contains(p)));
            let mut sorted = props.to_vec();
            sorted.sort_unstable();
            assert_eq!(props, sorted.as_slice());
        }
    }

    #[test]
    fn aliases_carry_their_name_as_content() {
        let v = namespace_aliases();
        assert_eq!(
            to_json(&v, OutputFormat::FV1),
            r#"[{"id":6,"*":"Image"},{"id":7,"*":"Image talk"}]"#
        );
        assert_eq!(
            to_json(&v, OutputFormat::FV2),
            r#"[{"id":6,"alias":"Image"},{"id":7,"alias":"Image talk"}]"#
        );
    }
}
