//! The English texts of the messages of temporary accounts (action=acquiretempusername), which
//! MediaWiki 1.43 added: from its includes/api/i18n/en.json. Only releases with temporary
//! accounts use them; with the name of the right their module checks (`action-createaccount`,
//! the same text in both releases).

/// English texts of MediaWiki 1.43's temporary-account messages.
pub const MESSAGES: &[(&str, &str)] = &[
    (
        "apierror-tempuserdisabled",
        "Temporary user account creation is disabled.",
    ),
    (
        "apierror-alreadyregistered",
        "You already have a user account.",
    ),
    (
        "apierror-tempuseracquirefailed",
        "Unable to acquire a temporary account username.",
    ),
    ("action-createaccount", "create this user account"),
];
