//! action=query: the `list` dispatch (allusers, users), then the `meta` dispatch (tokens,
//! authmanagerinfo, userinfo, siteinfo), each in request order; the continuation
//! (ApiContinuationManager: `continue` skipping the modules done, or `rawcontinue`'s
//! `query-continue`), `limits`, `batchcomplete`, and warnings for values this wiki does not know.

pub mod allusers;
pub mod authmanagerinfo;
pub mod siteinfo;
pub mod tokens;
pub mod userinfo;
pub mod users;

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::list_result::ListResult;
use super::super::messages::{Msg, Param};

const INFO: ModuleInfo = ModuleInfo {
    name: "query",
    must_be_posted: false,
    is_write: false,
    token: None,
};

pub use super::super::api_names::{
    QUERY_DATA_PARAMS as DATA_PARAMS, QUERY_LIST as LIST, QUERY_META as META,
};

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    // ApiQuery's own parameters: prop has no submodules here.
    ctx.multi_enum_param("query", "prop", &[], false)?;
    let lists = ctx
        .multi_enum_param("query", "list", LIST, false)?
        .unwrap_or_default();
    let meta = ctx
        .multi_enum_param("query", "meta", META, false)?
        .unwrap_or_default();
    for name in DATA_PARAMS.iter().chain(&["indexpageids", "rawcontinue"]) {
        ctx.req.mark_used(name);
    }
    ctx.pre_execute(&INFO)?;
    let raw_continue = ctx.req.check("rawcontinue");
    let skipped = if raw_continue {
        Vec::new()
    } else {
        modules_done(ctx.req.get("continue").unwrap_or(""))?
    };
    // ApiPageSet: the query modules the mock serves are none of them generators. (Other names
    // may be a real wiki's generators, which the mock does not have: it ignores them.)
    if let Some(generator) = ctx.req.get("generator")
        && (LIST.contains(&generator) || META.contains(&generator))
    {
        return Err(ApiError::new(
            "query",
            "badgenerator",
            Msg::with(
                "apierror-badgenerator-notgenerator",
                vec![Param::Text(generator.to_string())],
            ),
        ));
    }
    let mut query = Val::map();
    let mut limits = Val::map();
    // (module, prefixed parameter, value) of the modules that stopped early.
    let mut continuations: Vec<(String, String, String)> = Vec::new();
    let mut done: Vec<String> = Vec::new();
    for module in &lists {
        if skipped.contains(module) {
            // ApiContinuationManager still extracts a skipped module's parameters.
            let params = match module.as_str() {
                "allusers" => allusers::PARAMS,
                "users" => users::PARAMS,
                _ => &[],
            };
            let temp_filters = ctx.release().allusers_temp_account_filters;
            for name in params {
                if temp_filters || !matches!(*name, "auexcludenamed" | "auexcludetemp") {
                    ctx.req.mark_used(name);
                }
            }
            continue;
        }
        ctx.req.set_reader(&format!("query+{module}"));
        let result = match module.as_str() {
            "allusers" => allusers::run(ctx)?,
            "users" => users::run(ctx)?,
            _ => continue,
        };
        let ListResult {
            items,
            continue_from,
            parsed_limit,
        } = result;
        if let Some(limit) = parsed_limit {
            limits.set(module, limit);
        }
        query.set(module, items);
        match continue_from {
            Some((param, value)) => continuations.push((module.clone(), param, value)),
            None => done.push(module.clone()),
        }
    }
    for module in &meta {
        if skipped.contains(module) {
            continue;
        }
        ctx.req.set_reader(&format!("query+{module}"));
        match module.as_str() {
            "tokens" => {
                if let Some(v) = tokens::run(ctx)? {
                    query.set("tokens", v);
                }
            }
            "authmanagerinfo" => query.set("authmanagerinfo", authmanagerinfo::run(ctx)?),
            "userinfo" => query.set("userinfo", userinfo::run(ctx)?),
            "siteinfo" => {
                for (key, value) in siteinfo::run(ctx)? {
                    query.set(&key, value);
                }
            }
            _ => continue,
        }
        done.push(module.clone());
    }
    let mut out = Vec::new();
    if raw_continue {
        if !continuations.is_empty() {
            let mut v = Val::map();
            for (module, param, value) in &continuations {
                v.set(module, Val::map().with(param, value.as_str()));
            }
            out.push(("query-continue".to_string(), v));
        }
    } else {
        // Only list and meta modules here: the batch is complete whatever continues.
        out.push(("batchcomplete".to_string(), Val::Bool(true)));
        if !continuations.is_empty() {
            let mut v = Val::map();
            for (_, param, value) in &continuations {
                v.set(param, value.as_str());
            }
            v.set("continue", format!("-||{}", done.join("|")));
            out.push(("continue".to_string(), v));
        }
    }
    if limits != Val::map() {
        out.push(("limits".to_string(), limits));
    }
    if query != Val::map() {
        out.push(("query".to_string(), query));
    }
    Ok(out)
}

/// ApiContinuationManager's reading of `continue`: the modules a previous batch finished
/// (after `||`); `badcontinue` for a value without exactly one `||`.
fn modules_done(raw: &str) -> Result<Vec<String>, ApiError> {
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = raw.split("||").collect();
    if parts.len() != 2 {
        // ApiContinuationManager speaks for the main module.
        return Err(ApiError::new(
            "main",
            "badcontinue",
            Msg::new("apierror-badcontinue"),
        ));
    }
    Ok(parts[1].split('|').map(str::to_string).collect())
}
