//! action=query: the `meta` dispatch (tokens, authmanagerinfo, userinfo, siteinfo) in request order,
//! `batchcomplete`, and warnings for values this wiki does not know.

pub mod authmanagerinfo;
pub mod siteinfo;
pub mod tokens;
pub mod userinfo;

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;

const INFO: ModuleInfo = ModuleInfo {
    name: "query",
    must_be_posted: false,
    is_write: false,
    token: None,
};

pub use super::super::api_names::{QUERY_DATA_PARAMS as DATA_PARAMS, QUERY_META as META};

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    // ApiQuery's own parameters: prop and list have no submodules here.
    ctx.multi_enum_param("query", "prop", &[], false)?;
    ctx.multi_enum_param("query", "list", &[], false)?;
    let meta = ctx
        .multi_enum_param("query", "meta", META, false)?
        .unwrap_or_default();
    for name in DATA_PARAMS.iter().chain(&["indexpageids", "rawcontinue"]) {
        ctx.req.mark_used(name);
    }
    ctx.pre_execute(&INFO)?;
    let mut query = Val::map();
    for module in &meta {
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
            _ => {}
        }
    }
    let mut out = vec![("batchcomplete".to_string(), Val::Bool(true))];
    if query != Val::map() {
        out.push(("query".to_string(), query));
    }
    Ok(out)
}
