//! The `documented` profile (mock only): what the 1.27+ documentation pages say that MediaWiki
//! 1.39 no longer does (catalog section 15), so a client written against the pages can be tested
//! against them. It changes only those answers:
//! - createaccount: no `createtoken` is `notoken` ("The token parameter must be set."), and a bad
//!   one is `badtoken` with "Invalid create account token";
//! - validatepassword: no `password` is `nopassword`; `baduser` names the parameter unquoted;
//! - resetpassword: `user` with `email` is `invalidparammix`, neither is `missingparam` ("One of
//!   the parameters user, email is required."), a malformed email `passwordreset-invalidemail`;
//! - the account-creation page's text of `acct_creation_throttle_hit` (Wikimedia's, which adds the
//!   paragraph about events), as a site message: code, parameters and raw form stay 1.39's.

use super::errors::ApiError;
use super::messages::{Msg, Param};

fn literal(module: &str, code: &str, info: &str) -> ApiError {
    ApiError::new(
        module,
        code,
        Msg::with("$1", vec![Param::Text(info.to_string())]),
    )
}

/// Whether an error is `missingparam` for `name`.
fn missing(err: &ApiError, name: &str) -> bool {
    err.code == "missingparam"
        && err.msg.key == "paramvalidator-missingparam"
        && matches!(err.msg.params.first(), Some(Param::Plain(p)) if p == name)
}

/// The documented answer in place of 1.39's error from `module`.
pub fn translate(module: &str, err: ApiError) -> ApiError {
    match (module, err.code.as_str()) {
        ("createaccount", "missingparam") if missing(&err, "createtoken") => {
            literal(module, "notoken", "The token parameter must be set.")
        }
        ("createaccount", "badtoken") => {
            literal(module, "badtoken", "Invalid create account token")
        }
        ("validatepassword", "missingparam") if missing(&err, "password") => {
            literal(module, "nopassword", "The password parameter must be set.")
        }
        ("validatepassword", "baduser") => match err.msg.params.get(1) {
            Some(Param::Plain(value)) => literal(
                module,
                "baduser",
                &format!("Invalid value \"{value}\" for user parameter user."),
            ),
            _ => err,
        },
        _ => err,
    }
}

/// resetpassword's documented parameter checks (after the token): exactly one of `user` and
/// `email`, and an email that is an address.
pub fn resetpassword_parameters(user: Option<&str>, email: Option<&str>) -> Option<ApiError> {
    let module = "resetpassword";
    match (user, email) {
        (Some(_), Some(_)) => Some(literal(
            module,
            "invalidparammix",
            "The parameters user, email can not be used together.",
        )),
        (None, None) => Some(literal(
            module,
            "missingparam",
            "One of the parameters user, email is required.",
        )),
        (None, Some(email)) if !email.is_empty() && !super::email::valid_email(email) => {
            Some(literal(
                module,
                "passwordreset-invalidemail",
                "Invalid email address",
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Voice;

    #[test]
    fn tokens_and_passwords_use_the_documented_codes() {
        let err = translate(
            "createaccount",
            ApiError::missing_param("createaccount", "createtoken"),
        );
        assert_eq!(err.code, "notoken");
        let err = translate(
            "validatepassword",
            ApiError::missing_param("validatepassword", "password"),
        );
        assert_eq!(err.code, "nopassword");
        // Other modules' errors are 1.39's.
        let err = translate("login", ApiError::missing_param("login", "lgtoken"));
        assert_eq!(err.code, "missingparam");
    }

    #[test]
    fn the_site_text_of_the_throttle_keeps_the_key_and_count() {
        let msg = Msg::with(
            "acct_creation_throttle_hit",
            vec![Param::Num(1), Param::Duration(86_400)],
        );
        assert!(
            msg.text(&Voice::english("TestWiki"))
                .contains("created 1 account in the last 1 day")
        );
        let documented = Voice {
            site: super::super::config::DOCUMENTED_SITE_MESSAGES,
            ..Voice::english("TestWiki")
        };
        let text = msg.text(&documented);
        assert!(text.starts_with(
            "Visitors to this wiki using your IP address have created 1 accounts in the last day,"
        ));
        assert!(text.ends_with("Requesting temporary lift of IP cap to help resolve this issue."));
        assert!(
            msg.text(&Voice::english("TestWiki"))
                .contains("in the last 1 day")
        );
    }

    #[test]
    fn resetpassword_wants_exactly_one_valid_parameter() {
        assert_eq!(
            resetpassword_parameters(Some("A"), Some("a@b.c")).map(|e| e.code),
            Some("invalidparammix".into())
        );
        assert_eq!(
            resetpassword_parameters(None, None).map(|e| e.code),
            Some("missingparam".into())
        );
        assert_eq!(
            resetpassword_parameters(None, Some("nope")).map(|e| e.code),
            Some("passwordreset-invalidemail".into())
        );
        assert!(resetpassword_parameters(Some("A"), None).is_none());
    }
}
