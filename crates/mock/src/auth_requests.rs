//! The authentication requests AuthManager offers on a stock 1.39 wiki (Password, Username,
//! UserData, TemporaryPassword, CreationReason, RememberMe and the skipReset button): their
//! fields, labels, help texts and `required` levels, per action (create, login, change, remove);
//! extension requests (ConfirmEdit's captcha, OATHAuth's TOTP) are built by `captcha` and `oath`,
//! the `openid-connect` configuration's by `openid_provider` and `two_factor_setup`.

use super::config::WikiConfig;
use super::messages::{Msg, Param};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    String,
    Password,
    Checkbox,
    Button,
    Hidden,
    /// Information only (never submitted), e.g. a captcha's question.
    Null,
}

impl FieldType {
    pub fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Password => "password",
            FieldType::Checkbox => "checkbox",
            FieldType::Button => "button",
            FieldType::Hidden => "hidden",
            FieldType::Null => "null",
        }
    }
}

/// One field of an authentication request.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    /// The field's preset `value` (a captcha's id and question).
    pub value: Option<String>,
    pub label: Msg,
    pub help: Msg,
    pub optional: bool,
    pub sensitive: bool,
}

/// AuthenticationRequest's `required` (the variants are its constants' names: REQUIRED,
/// OPTIONAL, PRIMARY_REQUIRED, as the API prints them).
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Required {
    Required,
    Optional,
    PrimaryRequired,
}

/// The kinds of authentication request this mock offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    Password,
    Username,
    UserData,
    TemporaryPassword,
    CreationReason,
    RememberMe,
    SkipReset,
    Captcha,
    Totp,
    /// The `third-party-login` configuration's external login button.
    ExternalLogin,
    /// The `third-party-link` configuration's linking login button.
    ExternalLink,
    /// The `openid-connect` configuration's button choosing its provider at account creation.
    OpenIdConnect,
    /// The code and state the `openid-connect` provider returned.
    OpenIdConnectResponse,
    /// The `openid-connect` configuration's two-factor set-up (its code) and its skip button.
    TwoFactorSetup,
    SkipTwoFactorSetup,
}

/// An authentication request as AuthManager describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthRequest {
    pub kind: RequestKind,
    pub id: &'static str,
    pub required: Required,
    /// getMetadata(): name -> value pairs (`{}` when empty).
    pub metadata: Vec<(&'static str, String)>,
    pub provider: Msg,
    pub account: Msg,
    pub fields: Vec<Field>,
}

/// A RawMessage `$1` with one parameter (null when `value` is None), as requests describe
/// themselves.
pub fn raw_msg(value: Option<&str>) -> Msg {
    Msg::with(
        "$1",
        vec![value.map_or(Param::Null, |v| Param::Text(v.to_string()))],
    )
}

pub fn field(name: &'static str, ty: FieldType, label: &str, help: &str, optional: bool) -> Field {
    Field {
        name,
        ty,
        value: None,
        label: Msg::new(label),
        help: Msg::new(help),
        optional,
        sensitive: ty == FieldType::Password,
    }
}

fn self_described(
    kind: RequestKind,
    id: &'static str,
    required: Required,
    fields: Vec<Field>,
) -> AuthRequest {
    AuthRequest {
        kind,
        id,
        required,
        metadata: Vec::new(),
        provider: raw_msg(Some(id)),
        account: raw_msg(Some(id)),
        fields,
    }
}

/// The built-in OpenID Connect provider's name, as requests describe it ("OpenID Connect at
/// example.net" in the documentation; the mock's provider has no domain of its own).
pub const OPENID_PROVIDER_NAME: &str = "OpenID Connect at mwcheck";

impl AuthRequest {
    /// PasswordAuthenticationRequest. `action` is "create", "login" or "change"; `account` the
    /// user it is for (shown as `account`).
    pub fn password(action: &str, account: Option<&str>, required: Required) -> AuthRequest {
        let mut fields = Vec::new();
        if action != "change" {
            fields.push(field(
                "username",
                FieldType::String,
                "userlogin-yourname",
                "authmanager-username-help",
                false,
            ));
        }
        let (pw_label, retype_label) = if action == "change" {
            ("newpassword", "retypenew")
        } else {
            ("userlogin-yourpassword", "yourpasswordagain")
        };
        fields.push(field(
            "password",
            FieldType::Password,
            pw_label,
            "authmanager-password-help",
            false,
        ));
        if action != "login" {
            fields.push(field(
                "retype",
                FieldType::Password,
                retype_label,
                "authmanager-retype-help",
                false,
            ));
        }
        AuthRequest {
            kind: RequestKind::Password,
            id: "MediaWiki\\Auth\\PasswordAuthenticationRequest",
            required,
            metadata: Vec::new(),
            provider: Msg::new("authmanager-provider-password"),
            account: raw_msg(account),
            fields,
        }
    }

    /// The button that chooses the built-in OpenID Connect provider at account creation (the
    /// `openid-connect` configuration).
    pub fn openid_connect_button() -> AuthRequest {
        let id = "MediaWiki\\Auth\\ButtonAuthenticationRequest:openidconnect";
        AuthRequest {
            kind: RequestKind::OpenIdConnect,
            id,
            required: Required::PrimaryRequired,
            metadata: Vec::new(),
            provider: raw_msg(Some("MediaWiki\\Auth\\ButtonAuthenticationRequest")),
            account: raw_msg(Some(id)),
            fields: vec![Field {
                label: raw_msg(Some(OPENID_PROVIDER_NAME)),
                help: raw_msg(Some(&format!(
                    "Create an account with {OPENID_PROVIDER_NAME}"
                ))),
                ..field("openidconnect", FieldType::Button, "", "", false)
            }],
        }
    }

    pub fn username() -> AuthRequest {
        self_described(
            RequestKind::Username,
            "MediaWiki\\Auth\\UsernameAuthenticationRequest",
            Required::Required,
            vec![field(
                "username",
                FieldType::String,
                "userlogin-yourname",
                "authmanager-username-help",
                false,
            )],
        )
    }

    /// Email and real name; without email features (`$wgEnableEmail=false`) no email, and with
    /// the real name hidden (`$wgHiddenPrefs[]='realname'`) no real name.
    pub fn user_data(enable_email: bool, show_realname: bool) -> AuthRequest {
        let mut fields = Vec::new();
        if enable_email {
            fields.push(field(
                "email",
                FieldType::String,
                "authmanager-email-label",
                "authmanager-email-help",
                true,
            ));
        }
        if show_realname {
            fields.push(field(
                "realname",
                FieldType::String,
                "authmanager-realname-label",
                "authmanager-realname-help",
                true,
            ));
        }
        self_described(
            RequestKind::UserData,
            "MediaWiki\\Auth\\UserDataAuthenticationRequest",
            Required::Required,
            fields,
        )
    }

    pub fn temporary_password() -> AuthRequest {
        AuthRequest {
            kind: RequestKind::TemporaryPassword,
            id: "MediaWiki\\Auth\\TemporaryPasswordAuthenticationRequest",
            required: Required::PrimaryRequired,
            metadata: Vec::new(),
            provider: Msg::new("authmanager-provider-temporarypassword"),
            account: raw_msg(None),
            fields: vec![field(
                "mailpassword",
                FieldType::Checkbox,
                "createaccountmail",
                "createaccountmail-help",
                false,
            )],
        }
    }

    pub fn creation_reason() -> AuthRequest {
        self_described(
            RequestKind::CreationReason,
            "MediaWiki\\Auth\\CreationReasonAuthenticationRequest",
            Required::Optional,
            vec![field(
                "reason",
                FieldType::String,
                "createacct-reason",
                "createacct-reason-help",
                false,
            )],
        )
    }

    pub fn remember_me() -> AuthRequest {
        self_described(
            RequestKind::RememberMe,
            "MediaWiki\\Auth\\RememberMeAuthenticationRequest",
            Required::Optional,
            vec![Field {
                label: Msg::with("userlogin-remembermypassword", vec![Param::NumValue(180)]),
                ..field(
                    "rememberMe",
                    FieldType::Checkbox,
                    "userlogin-remembermypassword",
                    "authmanager-userlogin-remembermypassword-help",
                    true,
                )
            }],
        )
    }

    pub fn skip_reset() -> AuthRequest {
        let id = "MediaWiki\\Auth\\ButtonAuthenticationRequest:skipReset";
        AuthRequest {
            kind: RequestKind::SkipReset,
            id,
            required: Required::Optional,
            metadata: Vec::new(),
            provider: raw_msg(Some("MediaWiki\\Auth\\ButtonAuthenticationRequest")),
            account: raw_msg(Some(id)),
            fields: vec![field(
                "skipReset",
                FieldType::Button,
                "authprovider-resetpass-skip-label",
                "authprovider-resetpass-skip-help",
                false,
            )],
        }
    }

    /// The button of the synthetic third-party login provider (configuration `third-party-login`;
    /// scripts/mediawiki/providers/ExternalLoginProvider.php on the real wiki).
    pub fn external_login() -> AuthRequest {
        external_button(
            RequestKind::ExternalLogin,
            "MediaWiki\\Auth\\ButtonAuthenticationRequest:mwcheckidp",
            "mwcheckidp",
            "identity",
        )
    }

    /// The button of the synthetic third-party linking provider (configuration
    /// `third-party-link`; scripts/mediawiki/providers/ExternalLinkProvider.php on the real wiki).
    pub fn external_link() -> AuthRequest {
        external_button(
            RequestKind::ExternalLink,
            "MediaWiki\\Auth\\ButtonAuthenticationRequest:mwchecklink",
            "mwchecklink",
            "linking",
        )
    }

    /// The requests AuthManager offers for `action` (AuthManager::getAuthenticationRequests).
    pub fn for_action(action: &str, user: Option<&str>, config: &WikiConfig) -> Vec<AuthRequest> {
        let enable_email = config.enable_email;
        match action {
            "create" => {
                // A temporary account registering a full one gets what anonymous users get, its
                // name filled into the password request (AuthManager, T328718).
                let temp = user.filter(|name| super::temp_users::is_temp_name(config, name));
                let named = user.is_some() && temp.is_none();
                let mut reqs = Vec::new();
                if named && enable_email && config.temporary_password_provider {
                    reqs.push(AuthRequest::temporary_password());
                }
                reqs.push(AuthRequest::password(
                    "create",
                    temp,
                    Required::PrimaryRequired,
                ));
                // The primary providers' requests come before AuthManager's own.
                if config.openid_connect {
                    reqs.push(AuthRequest::openid_connect_button());
                }
                reqs.push(AuthRequest::username());
                reqs.push(AuthRequest::user_data(
                    enable_email,
                    !config.hidden_realname,
                ));
                if named {
                    reqs.push(AuthRequest::creation_reason());
                }
                reqs
            }
            "login" => {
                // Where the release says so, AuthManager leaves the logged-in user's name out
                // of the login requests.
                let account = user.filter(|_| !config.release().login_request_account_empty);
                let mut reqs = vec![AuthRequest::password(
                    "login",
                    account,
                    Required::PrimaryRequired,
                )];
                if config.external_login {
                    reqs.push(AuthRequest::external_login());
                }
                if config.external_link {
                    reqs.push(AuthRequest::external_link());
                }
                reqs.push(AuthRequest::remember_me());
                reqs
            }
            // Change and remove list only what some provider would accept: a login-only
            // LocalPassword takes no new password, and TemporaryPassword may be removed.
            "change" if !config.local_password_login_only => vec![AuthRequest::password(
                "change",
                user,
                Required::PrimaryRequired,
            )],
            "remove" if enable_email && config.temporary_password_provider => {
                vec![AuthRequest::temporary_password()]
            }
            _ => Vec::new(),
        }
    }
}

/// A synthetic provider's button: a ButtonAuthenticationRequest whose label and help are
/// RawMessages naming the mwcheck `what` provider.
fn external_button(
    kind: RequestKind,
    id: &'static str,
    name: &'static str,
    what: &str,
) -> AuthRequest {
    AuthRequest {
        kind,
        id,
        required: Required::Optional,
        metadata: Vec::new(),
        provider: raw_msg(Some("MediaWiki\\Auth\\ButtonAuthenticationRequest")),
        account: raw_msg(Some(id)),
        fields: vec![Field {
            label: raw_msg(Some(&format!("Log in with the mwcheck {what} provider"))),
            help: raw_msg(Some(&format!(
                "Use an account of the mwcheck {what} provider"
            ))),
            ..field(name, FieldType::Button, "", "", false)
        }],
    }
}
