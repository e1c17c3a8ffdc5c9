//! The parameters ApiAuthManagerHelper gives createaccount and clientlogin (`create…` / `login…`),
//! read in getAllowedParams order, and the checks both modules make before AuthManager runs: the
//! token (through `Ctx::pre_execute`), at least one of `*continue` and `*returnurl`, and a return
//! URL MediaWiki reads with a scheme (`urls::is_return_url`; checked with `*continue` too).

use super::authmanager::MessageFormat;
use super::context::{Ctx, ModuleInfo};
use super::errors::ApiError;
use super::messages::{Msg, Param, escape_wikitext};
use super::urls;

/// What a flow module needs from its shared parameters once the checks passed.
pub struct FlowParams {
    /// `*requests`: only these request ids are loaded.
    pub wanted: Option<Vec<String>>,
    pub format: MessageFormat,
    /// `*mergerequestfields`.
    pub merge: bool,
    /// `*continue`; it wins over `*returnurl` when both are given.
    pub is_continue: bool,
}

/// Reads `{prefix}requests`, `{prefix}messageformat`, `{prefix}mergerequestfields`,
/// `{prefix}preservestate`, `{prefix}returnurl` and `{prefix}continue`, then checks the token and
/// the continue/return-URL rules in MediaWiki's order (enum errors first, then the token).
pub fn read_flow_params(
    ctx: &mut Ctx,
    info: &ModuleInfo,
    prefix: &str,
) -> Result<FlowParams, ApiError> {
    let param = |name: &str| format!("{prefix}{name}");
    let wanted = ctx.multi_values(info.name, &param("requests"))?;
    let format = ctx.enum_param(info.name, &param("messageformat"), &MessageFormat::VALUES)?;
    let format = format
        .as_deref()
        .and_then(MessageFormat::parse)
        .unwrap_or(MessageFormat::Wikitext);
    let merge = ctx.req.check(&param("mergerequestfields"));
    ctx.req.check(&param("preservestate"));
    let return_url = ctx.req.get(&param("returnurl")).map(str::to_string);
    let is_continue = ctx.req.check(&param("continue"));
    ctx.pre_execute(info)?;

    if !is_continue && return_url.is_none() {
        return Err(ApiError::parameter_combination(
            info.name,
            "missingparam",
            "apierror-missingparam-at-least-one-of",
            &[&param("continue"), &param("returnurl")],
        ));
    }
    if let Some(url) = &return_url
        && !urls::is_return_url(url)
    {
        let shown = escape_wikitext(url, ctx.release().wikitext_escape);
        return Err(ApiError::new(
            info.name,
            &format!("badurl_{}", param("returnurl")),
            Msg::with(
                "apierror-badurl",
                vec![Param::Text(param("returnurl")), Param::Text(shown)],
            ),
        ));
    }
    Ok(FlowParams {
        wanted,
        format,
        merge,
        is_continue,
    })
}
