//! The English texts of the extension messages the mock uses: ConfirmEdit 1.6.0 (with
//! QuestyCaptcha and FancyCaptcha) and OATHAuth 0.5.0, from their i18n/en.json as Debian's package installs them.

/// English texts of ConfirmEdit, QuestyCaptcha and OATHAuth messages.
pub const MESSAGES: &[(&str, &str)] = &[
    ("captcha-id-label", "CAPTCHA ID"),
    (
        "captcha-id-help",
        "This value should be sent back unchanged.",
    ),
    ("captcha-info-help", "Description of the CAPTCHA."),
    ("captcha-label", "CAPTCHA"),
    ("captcha-help", "Solution of the CAPTCHA."),
    (
        "captcha-createaccount-fail",
        "Incorrect or missing CAPTCHA.",
    ),
    (
        "questycaptcha-createaccount",
        "To protect the wiki against automated account creation, we kindly ask you to answer the question that appears below ([[Special:Captcha/help|more info]]):",
    ),
    (
        "questycaptcha-badlogin",
        "To protect the wiki against automated password cracking, we kindly ask you to answer the question that appears below ([[Special:Captcha/help|more info]]):",
    ),
    (
        "fancycaptcha-edit",
        "To edit this page, please enter the words that appear below in the box ([[Special:Captcha/help|more info]]):",
    ),
    (
        "fancycaptcha-badlogin",
        "To protect the wiki against automated password cracking, we kindly ask you to enter the words that appear below in the box ([[Special:Captcha/help|more info]]):",
    ),
    (
        "oathauth-describe-provider",
        "Two-factor authentication (OATH).",
    ),
    (
        "oathauth-auth-token-label",
        "Two-factor token or recovery code",
    ),
    (
        "oathauth-auth-token-help",
        "The one-time password used as the second factor of two-factor authentication.",
    ),
    (
        "oathauth-auth-ui",
        "Please enter a code from your two-factor authentication application (such as Google Authenticator).",
    ),
    ("oathauth-login-failed", "Verification failed."),
    (
        "oathauth-throttled",
        "Too many verification attempts! Please wait $1.",
    ),
];
