//! The English texts of the messages of temporary accounts (action=acquiretempusername), which
//! MediaWiki 1.43 added, and of the errors of the part of action=edit that creates temporary
//! accounts (with `action-createaccount`, the right acquiretempusername checks): from 1.43's
//! includes/api/i18n/en.json and languages/i18n/en.json. Only releases with temporary accounts
//! use them.

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
    // action=edit's errors.
    ("apierror-invalidtitle", "Bad title \"$1\"."),
    (
        "apierror-pagecannotexist",
        "Namespace doesn't allow actual pages.",
    ),
    (
        "protectedinterface",
        "This page provides interface text for the software on this wiki, and is protected to prevent abuse.\nTo add or change translations for all wikis, please use [https://translatewiki.net/ translatewiki.net], the MediaWiki localisation project.",
    ),
];
