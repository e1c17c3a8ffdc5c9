//! What a query list module hands back to action=query: its items, the parameter and value to
//! continue from when it stopped early, and the limit it used when asked for `max`.

use super::format::Val;

/// One list module's answer.
#[derive(Debug)]
pub struct ListResult {
    /// The `query.<module>` value.
    pub items: Val,
    /// (prefixed parameter, value) to continue from (ApiQueryBase::setContinueEnumParameter).
    pub continue_from: Option<(String, String)>,
    /// The limit `max` stood for (ApiResult::addParsedLimit), reported under `limits`.
    pub parsed_limit: Option<i64>,
}

impl ListResult {
    /// A complete answer: all items, nothing to continue.
    pub fn complete(items: Val) -> ListResult {
        ListResult {
            items,
            continue_from: None,
            parsed_limit: None,
        }
    }
}
