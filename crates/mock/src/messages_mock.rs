//! The texts of the mock's own messages (`mwcheck-*`), which no MediaWiki has: the features only
//! the mock offers say what went wrong in them.

/// The built-in OpenID Connect provider's (`openid_provider`).
pub const OPENID: &[(&str, &str)] = &[
    (
        "mwcheck-openid-response-missing",
        "The OpenID Connect response (code and state) is missing.",
    ),
    (
        "mwcheck-openid-state-replayed",
        "This OpenID Connect state has already been used. Please start again.",
    ),
    (
        "mwcheck-openid-state-mismatch",
        "The OpenID Connect state does not match this account creation.",
    ),
    (
        "mwcheck-openid-code-invalid",
        "The OpenID Connect provider did not accept the code.",
    ),
    ("mwcheck-2fa-setup", "Set up two-factor authentication"),
];

/// `meta=siteinfo`'s, for the `siprop` values it does not serve.
pub const SITEINFO: &[(&str, &str)] = &[(
    "mwcheck-siprop-unsupported",
    "The mock wiki does not serve siprop=$1: a real MediaWiki 1.39 lists {{PLURAL:$2|it|them}} here.",
)];
