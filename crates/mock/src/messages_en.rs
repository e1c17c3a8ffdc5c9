//! The English texts of the message keys the mock uses, copied from MediaWiki 1.39's
//! languages/i18n/en.json, includes/api/i18n/en.json and the ParamValidator i18n.

/// English texts, copied from MediaWiki 1.39.
pub const MESSAGES: &[(&str, &str)] = &[
    ("and", "&#32;and"),
    ("comma-separator", ",&#32;"),
    ("word-separator", "&#32;"),
    (
        "authmanager-authn-no-local-user-link",
        "The supplied credentials are valid but are not associated with any user on this wiki. Login in a different way, or create a new user, and you will have an option to link your previous credentials to that account.",
    ),
    (
        "authmanager-authn-no-local-user",
        "The supplied credentials are not associated with any user on this wiki.",
    ),
    (
        "sorbs_create_account_reason",
        "Your IP address is listed as an open proxy in the DNSBL used by {{SITENAME}}.\nYou cannot create an account.",
    ),
    (
        "sorbsreason",
        "Your IP address is listed as an open proxy in the DNSBL used by {{SITENAME}}.",
    ),
    (
        "apierror-http-contenttoolarge",
        "HTTP Request Content too large. Maximum length: $1.",
    ),
    (
        "paramvalidator-outofrange-minmax",
        "The value \"$2\" for parameter \"$1\" must be between $3 and $4.",
    ),
    (
        "apierror-badgenerator-notgenerator",
        "Module <kbd>$1</kbd> cannot be used as a generator.",
    ),
    (
        "apierror-badcontinue",
        "Invalid continue param. You should pass the original value returned by the previous query.",
    ),
    (
        "paramvalidator-outofrange-min",
        "The value \"$2\" for parameter \"$1\" must be no less than $3.",
    ),
    (
        "paramvalidator-badinteger",
        "Invalid value \"$2\" for integer parameter \"$1\".",
    ),
    (
        "apiwarn-checktoken-percentencoding",
        "Check that symbols such as \"+\" in the token are properly percent-encoded in the URL.",
    ),
    (
        "apiwarn-errorprinterfailed",
        "Error printer failed. Will retry without params.",
    ),
    (
        "apiwarn-deprecation-post-without-content-type",
        "A POST request was made without a <code>Content-Type</code> header. This does not work reliably.",
    ),
    ("apierror-unknownerror-nocode", "Unknown error."),
    (
        "apiwarn-unsupportedarray",
        "Parameter <var>$1</var> uses unsupported PHP array syntax.",
    ),
    (
        "paramvalidator-toomanyvalues",
        "Too many values supplied for parameter \"$1\". The limit is $2.",
    ),
    (
        "apiwarn-badutf8",
        "The value passed for <var>$1</var> contains invalid or non-normalized data. Textual data should be valid, NFC-normalized Unicode without C0 control characters other than HT (\\t), LF (\\n), and CR (\\r).",
    ),
    ("apierror-badtoken", "Invalid CSRF token."),
    (
        "apiwarn-xslt-disabled",
        "The xslt option is disabled on this wiki.",
    ),
    (
        "apierror-badmodule-badsubmodule",
        "The module <kbd>$1</kbd> does not have a submodule \"$2\".",
    ),
    (
        "apierror-badmodule-nosubmodules",
        "The module <kbd>$1</kbd> has no submodules.",
    ),
    (
        "apierror-siteinfo-includealldenied",
        "Cannot view all servers' info unless <var>$wgShowHostnames</var> is true.",
    ),
    (
        "apierror-badurl",
        "Invalid value \"$2\" for URL parameter <var>$1</var>.",
    ),
    (
        "paramvalidator-baduser",
        "Invalid value \"$2\" for user parameter <var>$1</var>.",
    ),
    (
        "apierror-baduser",
        "Invalid value \"$2\" for user parameter <var>$1</var>.",
    ),
    (
        "apierror-invalidmethod",
        "Invalid HTTP method. Consider using GET or POST.",
    ),
    (
        "apierror-missingparam-at-least-one-of",
        "{{PLURAL:$2|The parameter|At least one of the parameters}} $1 is required.",
    ),
    (
        "apierror-mustbeposted",
        "The <kbd>$1</kbd> module requires a POST request.",
    ),
    (
        "apierror-mustpostparams",
        "The following {{PLURAL:$2|parameter was|parameters were}} found in the query string, but must be in the POST body: $1.",
    ),
    (
        "apierror-unrecognizedparams",
        "Unrecognized {{PLURAL:$2|parameter|parameters}}: $1.",
    ),
    (
        "paramvalidator-badvalue-enumnotmulti",
        "Unrecognized value for parameter \"$1\": $2.",
    ),
    (
        "paramvalidator-missingparam",
        "The \"$1\" parameter must be set.",
    ),
    (
        "paramvalidator-unrecognizedvalues",
        "Unrecognized {{PLURAL:$4|value|values}} for parameter \"$1\": $3",
    ),
    (
        "apiwarn-tokens-origin",
        "Tokens may not be obtained when the same-origin policy is not applied.",
    ),
    (
        "userexists",
        "Username entered already in use.\nPlease choose a different name.",
    ),
    (
        "usernameinprogress",
        "An account creation for this username is already in progress.\nPlease wait.",
    ),
    (
        "passwordreset-nodata",
        "Neither a username nor an email address was supplied",
    ),
    (
        "apierror-readonly",
        "The wiki is currently in read-only mode.",
    ),
    (
        "badaccess-groups",
        "The action you have requested is limited to users in {{PLURAL:$2|the group|one of the groups}}: $1.",
    ),
    (
        "apierror-readapidenied",
        "You need read permission to use this module.",
    ),
    ("api-usage-docref", "See $1 for API usage."),
    (
        "api-usage-mailinglist-ref",
        "Subscribe to the mediawiki-api-announce mailing list at &lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; for notice of API deprecations and breaking changes.",
    ),
    (
        "apiwarn-deprecation-login-token",
        "Fetching a token via <kbd>action=login</kbd> is deprecated. Use <kbd>action=query&meta=tokens&type=login</kbd> instead.",
    ),
    (
        "apiwarn-deprecation-login-botpw",
        "Main-account login via <kbd>action=login</kbd> is deprecated and may stop working without warning. To continue login with <kbd>action=login</kbd>, see [[Special:BotPasswords]]. To safely continue using main-account login, see <kbd>action=clientlogin</kbd>.",
    ),
    (
        "apierror-assertuserfailed",
        "You are no longer logged in, so the action could not be completed.",
    ),
    (
        "apierror-assertanonfailed",
        "You are no longer logged out, so the action could not be completed.",
    ),
    (
        "apierror-assertbotfailed",
        "You do not have the <code>bot</code> right, so the action could not be completed.",
    ),
    (
        "apierror-assertnameduserfailed",
        "You are no longer logged in as \"$1\", so the action could not be completed.",
    ),
    (
        "apierror-writeapidenied",
        "You're not allowed to edit this wiki through the API.",
    ),
    (
        "apierror-promised-nonwrite-api",
        "The <code>Promise-Non-Write-API-Action</code> HTTP header cannot be sent to write-mode API modules.",
    ),
    ("badretype", "The passwords you entered do not match."),
    ("noname", "You have not specified a valid username."),
    (
        "authmanager-create-no-primary",
        "The supplied credentials could not be used for account creation.",
    ),
    (
        "authmanager-create-not-in-progress",
        "Account creation is not in progress or session data has been lost. Please start again from the beginning.",
    ),
    (
        "invalidemailaddress",
        "The email address cannot be accepted as it appears to have an invalid format.\nPlease enter a well-formatted address or empty that field.",
    ),
    (
        "password-substring-username-match",
        "Your password must not appear within your username.",
    ),
    (
        "passwordincommonlist",
        "The password entered is in a list of very commonly used passwords. Please choose a more unique password.",
    ),
    (
        "password-login-forbidden",
        "The use of this username and password has been forbidden.",
    ),
    // New in MediaWiki 1.43 (its en.json); only a 1.43 release row makes the mock use it.
    (
        "fatalpassworderror",
        "$1\n\nFor security reasons, you cannot log in with this password. Please [$2 request a password reset email].",
    ),
    (
        "passwordtoolong",
        "Passwords cannot be longer than {{PLURAL:$1|1 character|$1 characters}}.",
    ),
    (
        "passwordtooshort",
        "Passwords must be at least {{PLURAL:$1|1 character|$1 characters}}.",
    ),
    (
        "noemailcreate",
        "You need to provide a valid email address.",
    ),
    (
        "wrongpassword",
        "Incorrect username or password entered.\nPlease try again.",
    ),
    (
        "authmanager-authn-no-primary",
        "The supplied credentials could not be authenticated.",
    ),
    (
        "authmanager-authn-not-in-progress",
        "Authentication is not in progress or session data has been lost. Please start again from the beginning.",
    ),
    (
        "resetpass-temp-emailed",
        "You logged in with a temporary emailed code.\nTo finish logging in, you must set a new password here:",
    ),
    (
        "resetpass-validity-soft",
        "Your password is not valid: $1\n\nPlease choose a new password now, or click \"{{int:authprovider-resetpass-skip-label}}\" to change it later.",
    ),
    (
        "resetpass-validity",
        "Your password is not valid: $1\n\nPlease set a new password to log in.",
    ),
    (
        "resetpass-expired",
        "Your password has expired. Please set a new password to log in.",
    ),
    (
        "resetpass-expired-soft",
        "Your password has expired and needs to be changed. Please choose a new password now, or click \"{{int:authprovider-resetpass-skip-label}}\" to change it later.",
    ),
    (
        "acct_creation_throttle_hit",
        "Visitors to this wiki using your IP address have created {{PLURAL:$1|1 account|$1 accounts}} in the last $2, which is the maximum allowed in this time period.\nAs a result, visitors using this IP address cannot create any more accounts at the moment.",
    ),
    (
        "resetpass_forbidden-reason",
        "Passwords cannot be changed: $1",
    ),
    (
        "authmanager-change-not-supported",
        "The supplied credentials cannot be changed, as nothing would use them.",
    ),
    (
        "authpage-cannot-login-continue",
        "Unable to continue login. Your session most likely timed out.",
    ),
    (
        "api-login-fail-aborted",
        "Authentication requires user interaction, which is not supported by <kbd>action=login</kbd>. To be able to login with <kbd>action=login</kbd>, see [[Special:BotPasswords]]. To continue using main-account login, see <kbd>[[Special:ApiHelp/clientlogin|action=clientlogin]]</kbd>.",
    ),
    (
        "api-login-fail-sameorigin",
        "Cannot log in when the same-origin policy is not applied.",
    ),
    (
        "api-login-fail-badsessionprovider",
        "Cannot log in when using $1.",
    ),
    (
        "login-userblocked",
        "This user is blocked. Login not allowed.",
    ),
    (
        "authmanager-provider-password",
        "Password-based authentication",
    ),
    ("userlogin-yourname", "Username"),
    ("authmanager-username-help", "Username for authentication."),
    ("userlogin-yourpassword", "Password"),
    ("authmanager-password-help", "Password for authentication."),
    ("yourpasswordagain", "Retype password:"),
    ("authmanager-retype-help", "Password again to confirm."),
    ("authmanager-email-label", "Email"),
    ("authmanager-email-help", "Email address"),
    ("authmanager-realname-label", "Real name"),
    ("authmanager-realname-help", "Real name of the user"),
    (
        "authmanager-provider-temporarypassword",
        "Temporary password",
    ),
    ("newpassword", "New password:"),
    ("retypenew", "Retype new password:"),
    (
        "createaccountmail",
        "Use a temporary random password and send it to the specified email address",
    ),
    (
        "createaccountmail-help",
        "Can be used to create account for another person without learning the password.",
    ),
    ("createacct-reason", "Reason (publicly logged)"),
    (
        "createacct-reason-help",
        "Message shown in the account creation log",
    ),
    (
        "passwordreset-emailtitle",
        "Account details on {{SITENAME}}",
    ),
    (
        "passwordreset-emailtext-ip",
        "Someone (probably you, from IP address $1) requested a reset of your\npassword for {{SITENAME}} ($4). The following user {{PLURAL:$3|account is|accounts are}}\nassociated with this email address:\n\n$2\n\n{{PLURAL:$3|This temporary password|These temporary passwords}} will expire in {{PLURAL:$5|one day|$5 days}}.\nYou should log in and choose a new password now. If someone else made this\nrequest, or if you have remembered your original password, and you no longer\nwish to change it, you may ignore this message and continue using your old\npassword.",
    ),
    (
        "passwordreset-emailtext-user",
        "User $1 on {{SITENAME}} requested a reset of your password for {{SITENAME}}\n($4). The following user {{PLURAL:$3|account is|accounts are}} associated with this email address:\n\n$2\n\n{{PLURAL:$3|This temporary password|These temporary passwords}} will expire in {{PLURAL:$5|one day|$5 days}}.\nYou should log in and choose a new password now. If someone else made this\nrequest, or if you have remembered your original password, and you no longer\nwish to change it, you may ignore this message and continue using your old\npassword.",
    ),
    (
        "passwordreset-emailelement",
        "Username:\n$1\n\nTemporary password:\n$2",
    ),
    ("createaccount-title", "Account creation for {{SITENAME}}"),
    (
        "createaccount-text",
        "Someone created an account for your email address on {{SITENAME}} ($4) named \"$2\", with password \"$3\".\nYou should log in and change your password now.\n\nYou may ignore this message, if this account was created in error.",
    ),
    ("userlogin-remembermypassword", "Keep me logged in"),
    (
        "authmanager-userlogin-remembermypassword-help",
        "Whether the password should be remembered for longer than the length of the session.",
    ),
    ("authprovider-resetpass-skip-label", "Skip"),
    (
        "authprovider-resetpass-skip-help",
        "Skip resetting the password.",
    ),
    (
        "passwordreset-emaildisabled",
        "Email features have been disabled on this wiki.",
    ),
    (
        "login-throttled",
        "You have made too many recent login attempts.\nPlease wait $1 before trying again.",
    ),
    ("badaccess", "Permission error"),
    (
        "passwordreset-disabled",
        "Password resets have been disabled on this wiki.",
    ),
    (
        "confirmemail_subject",
        "{{SITENAME}} email address confirmation",
    ),
    (
        "confirmemail_body",
        "Someone, probably you, from IP address $1,\nhas registered an account \"$2\" with this email address on {{SITENAME}}.\n\nTo confirm that this account really does belong to you and activate\nemail features on {{SITENAME}}, open this link in your browser:\n\n$3\n\nIf you did *not* register the account, follow this link\nto cancel the email address confirmation:\n\n$5\n\nThis confirmation code will expire at $4.",
    ),
    (
        "api-login-fail-aborted-nobotpw",
        "Authentication requires user interaction, which is not supported by <kbd>action=login</kbd>. To log in, see <kbd>[[Special:ApiHelp/clientlogin|action=clientlogin]]</kbd>.",
    ),
    (
        "apiwarn-deprecation-login-nobotpw",
        "Main-account login via <kbd>action=login</kbd> is deprecated and may stop working without warning. To safely log in, see <kbd>action=clientlogin</kbd>.",
    ),
    // Blocks (languages/i18n/en.json). `{{MediaWiki:Grouppage-sysop}}` is
    // `{{ns:project}}:Administrators`, and the project namespace is named after the site.
    (
        "blockedtext",
        "<strong>Your username or IP address has been blocked.</strong>\n\nThe block was made by $1.\nThe reason given is <em>$2</em>.\n\n* Start of block: $8\n* Expiration of block: $6\n* Intended blockee: $7\n\nYou can contact $1 or another [[{{SITENAME}}:Administrators|administrator]] to discuss the block.\nYou can use the \"{{int:emailuser}}\" feature if a valid email address is specified in your [[Special:Preferences|preferences]] and you have not been blocked from using it.\nYour current IP address is $3, and the block ID is #$5.\nPlease include all above details in any queries you make.",
    ),
    ("emailuser", "Email this user"),
    (
        "blocked-mailpassword",
        "Your IP address is blocked from editing. To prevent abuse, it is not allowed to use password recovery from this IP address.",
    ),
    ("blockednoreason", "no reason given"),
    ("infiniteblock", "infinite"),
    ("ipb_expiry_invalid", "Expiry time invalid."),
    ("ipb_expiry_old", "Expiry time is in the past."),
    ("ipb_already_blocked", "\"$1\" is already blocked."),
    (
        "nosuchusershort",
        "There is no user by the name \"$1\".\nCheck your spelling.",
    ),
    (
        "apierror-permissiondenied",
        "You don't have permission to $1.",
    ),
    ("action-block", "block this user from editing"),
    ("action-userrights", "edit all user rights"),
    ("apierror-blocked", "You have been blocked from editing."),
    // Keys new in MediaWiki 1.43 (languages/i18n/en.json, includes/api/i18n/en.json).
    ("apierror-mustbeloggedin-generic", "You must be logged in."),
    (
        "apierror-permissiondenied-userrights-interwiki",
        "You don't have permission to change user rights on other wikis.",
    ),
    (
        "userrights-no-interwiki",
        "You do not have permission to edit user rights on other wikis.",
    ),
    ("passwordreset-invalidemail", "Invalid email address"),
    // action=unblock.
    (
        "apierror-permissiondenied-unblock",
        "You don't have permission to unblock users.",
    ),
    ("apierror-nosuchuserid", "There is no user with ID $1."),
    (
        "apierror-invalidparammix",
        "The {{PLURAL:$2|parameters}} $1 can not be used together.",
    ),
    (
        "paramvalidator-param-deprecated",
        "The parameter \"$1\" has been deprecated.",
    ),
    (
        "ipb_cant_unblock",
        "Error: Block for $1 not found. It may have been removed already.",
    ),
    (
        "ipbblocked",
        "You cannot block or unblock other users because you are yourself blocked.",
    ),
    (
        "ipbnounblockself",
        "You are not allowed to unblock yourself.",
    ),
    (
        "tags-apply-not-allowed-one",
        "The tag \"$1\" is not allowed to be manually applied.",
    ),
    (
        "tags-apply-not-allowed-multi",
        "The following {{PLURAL:$2|tag is|tags are}} not allowed to be manually applied: $1",
    ),
    (
        "passwordreset-emailtext-require-email",
        "However, if you did not generate this request and want to prevent unsolicited\nemails, you may want to update your email options at\n$1.\nYou can require both username and email address to generate password reset\nemails. This may reduce the number of such incidents.",
    ),
    (
        "apierror-missingparam-one-of",
        "{{PLURAL:$2|The parameter|One of the parameters}} $1 is required.",
    ),
];
