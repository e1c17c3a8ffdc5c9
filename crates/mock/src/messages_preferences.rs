//! The English texts action=options and the preferences form speak (MediaWiki 1.39's and 1.43's
//! languages/i18n/en.json, includes/api/i18n/en.json; the same in both releases): its errors, its
//! validation warnings and the form fields' own messages.

pub const MESSAGES: &[(&str, &str)] = &[
    ("apierror-mustbeloggedin", "You must be logged in to $1."),
    ("action-editmyoptions", "edit your preferences"),
    ("apierror-nochanges", "No changes were requested."),
    (
        "apierror-missingparam",
        "The <var>$1</var> parameter must be set.",
    ),
    (
        "apierror-exceptioncaughttype",
        "[$1] Caught exception of type $2",
    ),
    (
        "apiwarn-validationfailed",
        "Validation error for <kbd>$1</kbd>: $2",
    ),
    (
        "apiwarn-validationfailed-badpref",
        "not a valid preference.",
    ),
    (
        "apiwarn-validationfailed-cannotset",
        "cannot be set by this module.",
    ),
    (
        "apiwarn-validationfailed-keytoolong",
        "key too long (no more than $1 {{PLURAL:$1|byte|bytes}} allowed).",
    ),
    (
        "apiwarn-validationfailed-badchars",
        "invalid characters in key (only <code>a-z</code>, <code>A-Z</code>, <code>0-9</code>, <code>_</code>, and <code>-</code> are allowed).",
    ),
    (
        "apiwarn-validationfailed-valuetoolong",
        "value too long (no more than $1 {{PLURAL:$1|byte|bytes}} allowed).",
    ),
    (
        "htmlform-select-badoption",
        "The value you specified is not a valid option.",
    ),
    (
        "htmlform-int-invalid",
        "The value you specified is not an integer.",
    ),
    (
        "htmlform-float-invalid",
        "The value you specified is not a number.",
    ),
    (
        "htmlform-int-toolow",
        "The value you specified is below the minimum of $1.",
    ),
    (
        "htmlform-int-toohigh",
        "The value you specified is above the maximum of $1.",
    ),
    ("htmlform-required", "This value is required."),
    ("timezone-invalid", "Invalid time zone or time offset."),
    (
        "badsiglength",
        "Your signature is too long.\nIt must not be more than $1 {{PLURAL:$1|character|characters}} long.",
    ),
    ("badsig", "Invalid raw signature.\nCheck HTML tags."),
];
