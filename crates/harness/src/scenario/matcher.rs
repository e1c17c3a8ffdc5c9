//! Matchers: strings in expectations that start with `$` (`$any`, `$token`, `$regex:…`, …) and
//! match a set of values instead of one. `$$…` is the literal text `$…`.

/// What an expected string means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matcher<'a> {
    /// Exactly this string.
    Literal(&'a str),
    /// Any value at all (the key must be present).
    Any,
    AnyString,
    AnyNumber,
    /// A full MediaWiki token.
    Token,
    /// A string the pattern matches anywhere.
    Regex(&'a str),
}

impl<'a> Matcher<'a> {
    /// Reads an expected string; an unknown `$name` is an error.
    pub fn parse(text: &'a str) -> Result<Matcher<'a>, String> {
        let Some(rest) = text.strip_prefix('$') else {
            return Ok(Matcher::Literal(text));
        };
        if rest.starts_with('$') {
            return Ok(Matcher::Literal(rest));
        }
        if let Some(pattern) = rest.strip_prefix("regex:") {
            return Ok(Matcher::Regex(pattern));
        }
        match rest {
            "any" => Ok(Matcher::Any),
            "any-string" => Ok(Matcher::AnyString),
            "any-number" => Ok(Matcher::AnyNumber),
            "token" => Ok(Matcher::Token),
            _ => Err(format!(
                "unknown matcher `{text}` (expected $any, $any-string, $any-number, $token or \
                 $regex:PATTERN; write `${text}` for the literal text)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matchers_are_recognised() {
        assert_eq!(Matcher::parse("abc"), Ok(Matcher::Literal("abc")));
        assert_eq!(Matcher::parse("$$any"), Ok(Matcher::Literal("$any")));
        assert_eq!(Matcher::parse("$any"), Ok(Matcher::Any));
        assert_eq!(Matcher::parse("$regex:^a$"), Ok(Matcher::Regex("^a$")));
        assert!(Matcher::parse("$nope").is_err());
    }
}
