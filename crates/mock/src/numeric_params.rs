//! ParamValidator's integer parameters as modules read them: the integer syntax (with PHP's
//! overflow check), multi-value integer parameters (`ususerids`), and `limit` parameters
//! (`aulimit`: `max`, the low and high maximum for users with `apihighlimits`, and the
//! `outofrange` warning when a value is clamped).

use super::context::Ctx;
use super::errors::ApiError;
use super::format::Val;
use super::messages::{Msg, Param};

/// A `limit` parameter's bounds (IntegerDef's PARAM_MIN, PARAM_MAX, PARAM_MAX2) and default.
#[derive(Clone, Copy, Debug)]
pub struct LimitBounds {
    pub default: i64,
    pub min: i64,
    pub max: i64,
    pub high_max: i64,
}

/// A limit as read: the value to use, and whether it was `max` (ApiResult::addParsedLimit then
/// reports it under `limits`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub value: i64,
    pub was_max: bool,
}

/// IntegerDef: optional sign and decimal digits, within PHP's integer range.
pub fn parse_php_integer(raw: &str) -> Option<i64> {
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.strip_prefix('+').unwrap_or(raw).parse::<i64>().ok()
}

fn bad_integer(module_path: &str, name: &str, value: &str) -> ApiError {
    ApiError::new(
        module_path,
        "badinteger",
        Msg::with(
            "paramvalidator-badinteger",
            vec![Param::Plain(name.into()), Param::Plain(value.into())],
        ),
    )
}

impl Ctx<'_> {
    /// A multi-value integer parameter (None if absent): `badinteger` for the first value that
    /// is not one.
    pub fn integer_list_param(
        &self,
        module_path: &str,
        name: &str,
    ) -> Result<Option<Vec<i64>>, ApiError> {
        let Some(values) = self.multi_values(module_path, name)? else {
            return Ok(None);
        };
        values
            .iter()
            .map(|v| parse_php_integer(v).ok_or_else(|| bad_integer(module_path, name, v)))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// A `limit` parameter: its default when absent, the caller's maximum for `max`, otherwise
    /// an integer clamped into range with an `outofrange` warning.
    pub fn limit_param(
        &mut self,
        module_path: &str,
        name: &str,
        bounds: LimitBounds,
    ) -> Result<Limit, ApiError> {
        let high = self.user_has_right("apihighlimits");
        let current_max = if high { bounds.high_max } else { bounds.max };
        let Some(raw) = self.req.get(name).map(str::to_string) else {
            return Ok(Limit {
                value: bounds.default,
                was_max: false,
            });
        };
        if raw == "max" {
            return Ok(Limit {
                value: current_max,
                was_max: true,
            });
        }
        let value = parse_php_integer(&raw).ok_or_else(|| bad_integer(module_path, name, &raw))?;
        let clamped = value.clamp(bounds.min, current_max);
        if clamped != value {
            let msg = Msg::with(
                "paramvalidator-outofrange-minmax",
                vec![
                    Param::Plain(name.into()),
                    Param::Plain(raw),
                    Param::NumValue(bounds.min),
                    Param::NumValue(current_max),
                ],
            );
            let data = Val::map()
                .with("min", bounds.min)
                .with("curmax", current_max)
                .with("max", bounds.max)
                .with("highmax", bounds.high_max);
            self.warn(module_path, "outofrange", msg, Some(data));
        }
        Ok(Limit {
            value: clamped,
            was_max: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_integers() {
        assert_eq!(parse_php_integer("5"), Some(5));
        assert_eq!(parse_php_integer("+5"), Some(5));
        assert_eq!(parse_php_integer("-05"), Some(-5));
        assert_eq!(parse_php_integer("1.5"), None);
        assert_eq!(parse_php_integer(""), None);
        assert_eq!(parse_php_integer("-"), None);
        assert_eq!(parse_php_integer(" 5"), None);
        assert_eq!(parse_php_integer("9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_php_integer("9223372036854775808"), None);
    }
}
