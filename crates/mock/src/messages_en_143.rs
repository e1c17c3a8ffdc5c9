//! English texts that MediaWiki 1.43 words differently from 1.39 for accounts, blocks and the
//! extensions (languages/i18n/en.json and OATHAuth's i18n of 1.43.12). Release rows name this
//! table (`Release::account_texts`); the main tables keep 1.39's texts.

/// 1.43's texts for keys whose 1.39 text is in `messages_en`/`messages_ext`. `blockedtext` is
/// 1.43's message with its `{{int:blockedtext-…}}` parts (made-by, reason-comment, start-time,
/// expiration-time, intended-blockee, contact-blocker-admin, block-ip, block-id,
/// include-details-queries) written out.
pub const ACCOUNT_TEXTS: &[(&str, &str)] = &[
    (
        "blockedtext",
        "<strong>Your username or IP address has been blocked.</strong>\n\nThe block was made by $1.\nThe reason given is <em>$2</em>.\n\n*Start of block: $8\n*Expiration of block: $6\n*Intended blockee: $7\n\nYou can contact $1 or another [[{{SITENAME}}:Administrators|administrator]] to discuss the block.\nYou can use the \"{{int:emailuser}}\" feature if a valid email address is specified in your [[Special:Preferences|preferences]] and you have not been blocked from using it.\nYour current IP address is $3. Block ID #$5.\nPlease include all above details in any queries you make.",
    ),
    ("action-block", "block or unblock this user from editing"),
    (
        "oathauth-auth-ui",
        "Please enter a code from your two-factor authentication application (such as [https://www.authy.com/ Authy], [https://freeotp.github.io/ FreeOTP], [https://support.google.com/accounts/answer/1066447 Google Authenticator], [https://www.microsoft.com/en-us/security/mobile-authenticator-app Microsoft Authenticator] or [https://1password.com/ 1Password]).",
    ),
    (
        "oathauth-throttled",
        "Too many attempts! please wait a few minutes",
    ),
];
