//! The project's named configurations (`WikiConfig::named`): the test wiki plus the settings of
//! scripts/mediawiki/configs/NAME.php, each answering as the release a run asks for, but the
//! documentation profiles, which keep the release they were built on.

use super::*;

impl WikiConfig {
    /// The names `WikiConfig::named` knows, `default` first.
    pub const NAMES: &'static [&'static str] = mwcheck_shared::CONFIG_NAMES;

    /// The project's named configuration `name` (the test wiki plus the settings of
    /// scripts/mediawiki/configs/NAME.php), or None for an unknown name.
    pub fn named(name: &str) -> Option<WikiConfig> {
        let base = WikiConfig::default();
        let config = match name {
            "default" => base,
            "readonly" => WikiConfig {
                read_only_reason: Some("Catalog maintenance".to_string()),
                ..base
            },
            "private" => WikiConfig {
                anon_read: false,
                ..base
            },
            "no-anon-create" => WikiConfig {
                anon_create_account: false,
                ..base
            },
            "no-email" => WikiConfig {
                enable_email: false,
                ..base
            },
            "no-reset-routes" => WikiConfig {
                password_reset_routes: false,
                ..base
            },
            "no-writeapi" => WikiConfig {
                anon_write_api: false,
                ..base
            },
            "login-throttle" => WikiConfig {
                password_attempt_throttle: STOCK_PASSWORD_ATTEMPT_THROTTLE.to_vec(),
                ..base
            },
            "policy-min-length" => {
                let mut policy = PasswordPolicy::stock();
                policy.set_default(
                    PolicyCheck::MinimalPasswordLength,
                    PolicySetting::suggesting_change(PolicyValue::Int(10)),
                );
                WikiConfig {
                    password_policy: policy,
                    ..base
                }
            }
            "no-editmyprivateinfo" => WikiConfig {
                edit_my_private_info: false,
                ..base
            },
            "reset-routes-truthy" => WikiConfig {
                password_reset_route_strictly_true: false,
                ..base
            },
            "email-authentication" => WikiConfig {
                email_authentication: true,
                ..base
            },
            "bot-passwords-off" => WikiConfig {
                enable_bot_passwords: false,
                ..base
            },
            "hidden-realname" => WikiConfig {
                hidden_realname: true,
                ..base
            },
            "captcha" => WikiConfig {
                captcha: Some(CaptchaConfig::questy(&[("What is 2+2?", "4")])),
                ..base
            },
            // Mock-only: no real wiki here renders FancyCaptcha's images.
            "image-captcha" => WikiConfig {
                captcha: Some(CaptchaConfig::fancy_image()),
                ..base
            },
            "oathauth" => {
                let mut accounts = base.accounts.clone();
                accounts.push(SeedAccount {
                    name: "Totpuser".to_string(),
                    password: "Totp-pass-12345".to_string(),
                    groups: Vec::new(),
                    email: String::new(),
                    realname: String::new(),
                });
                WikiConfig {
                    accounts,
                    oathauth: Some(OathConfig::with_enrolments(vec![TotpEnrolment {
                        user: "Totpuser".to_string(),
                        secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".to_string(),
                    }])),
                    ..base
                }
            }
            "block-disables-login" => WikiConfig {
                block_disables_login: true,
                ..base
            },
            "password-force-change" => {
                let mut policy = PasswordPolicy::stock();
                policy.set(
                    "sysop",
                    PolicyCheck::MinimalPasswordLength,
                    PolicySetting::forcing_change(PolicyValue::Int(10)),
                );
                WikiConfig {
                    password_policy: policy,
                    ..base
                }
            }
            "password-expired" => WikiConfig {
                password_expiration_seconds: Some(-86_400),
                password_expire_grace: 0,
                ..base
            },
            "password-expired-grace" => WikiConfig {
                password_expiration_seconds: Some(-86_400),
                ..base
            },
            "creation-throttle" => WikiConfig {
                account_creation_throttle: vec![Window {
                    count: 1,
                    seconds: 86_400,
                }],
                ..base
            },
            "login-only" => WikiConfig {
                temporary_password_provider: false,
                local_password_login_only: true,
                ..base
            },
            "dnsbl" => WikiConfig {
                dnsbl_listed: vec!["127.0.0.1".to_string()],
                ..base
            },
            "third-party-login" => WikiConfig {
                external_login: true,
                ..base
            },
            "third-party-link" => WikiConfig {
                external_link: true,
                ..base
            },
            "legacy-1.21" => WikiConfig {
                mediawiki: PROFILE_BASE,
                legacy_1_21: true,
                ..base
            },
            "documented" => WikiConfig {
                mediawiki: PROFILE_BASE,
                documented_profile: true,
                site_messages: DOCUMENTED_SITE_MESSAGES,
                ..base
            },
            // Mock-only: the documented profile with $wgAccountCreationThrottle (1 a day), for
            // the page's acct_creation_throttle_hit text.
            "documented-throttle" => WikiConfig {
                account_creation_throttle: WikiConfig::named("creation-throttle")?
                    .account_creation_throttle,
                ..WikiConfig::named("documented")?
            },
            // Mock-only variants of the legacy profile, for the codes that need a setting.
            "legacy-1.21-email-confirm" => WikiConfig {
                mediawiki: PROFILE_BASE,
                legacy_1_21: true,
                email_confirm_to_edit: true,
                ..base
            },
            "legacy-1.21-dnsbl" => WikiConfig {
                mediawiki: PROFILE_BASE,
                legacy_1_21: true,
                ..WikiConfig::named("dnsbl")?
            },
            "legacy-1.21-throttle" => WikiConfig {
                mediawiki: PROFILE_BASE,
                legacy_1_21: true,
                ..WikiConfig::named("creation-throttle")?
            },
            // Mock-only: API:Account creation's example 3, "a wiki with CAPTCHA, OpenID extension,
            // and two-factor authentication enabled" (the captcha is FancyCaptcha's image).
            "openid-connect" => WikiConfig {
                captcha: Some(CaptchaConfig::fancy_image()),
                openid_connect: true,
                ..base
            },
            // MediaWiki 1.43 only (the scenarios say `versions: ">=1.43"`).
            "temp-accounts" => WikiConfig {
                temp_accounts: Some(TempAccountSettings::stock()),
                ..base
            },
            _ => return None,
        };
        Some(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_is_known() {
        for name in WikiConfig::NAMES {
            assert!(WikiConfig::named(name).is_some(), "{name}");
        }
        assert_eq!(WikiConfig::named("default"), Some(WikiConfig::default()));
        assert_eq!(WikiConfig::named("nonesuch"), None);
        let readonly = WikiConfig::named("readonly").unwrap();
        assert_eq!(
            readonly.read_only_reason.as_deref(),
            Some("Catalog maintenance")
        );
        assert!(!WikiConfig::named("no-email").unwrap().enable_email);
    }

    #[test]
    fn real_configurations_speak_any_release_and_the_documentation_profiles_stay_on_theirs() {
        for name in WikiConfig::NAMES {
            let config = WikiConfig::named(name).unwrap();
            let profile = config.documented_profile || config.legacy_1_21;
            for version in MOCK_VERSIONS {
                let speaking = config.clone().speaking(*version);
                let expected = if profile { PROFILE_BASE } else { *version };
                assert_eq!(speaking.mediawiki, expected, "{name} as {version}");
                assert_eq!(speaking.release().version, expected, "{name} as {version}");
            }
        }
    }

    #[test]
    fn legacy_variants_add_one_setting_to_the_legacy_profile() {
        let legacy = WikiConfig::named("legacy-1.21").unwrap();
        assert!(legacy.legacy_1_21 && !legacy.email_confirm_to_edit);
        assert_eq!(
            WikiConfig::named("legacy-1.21-email-confirm"),
            Some(WikiConfig {
                email_confirm_to_edit: true,
                ..legacy.clone()
            })
        );
        assert_eq!(
            WikiConfig::named("legacy-1.21-dnsbl"),
            Some(WikiConfig {
                dnsbl_listed: vec!["127.0.0.1".to_string()],
                ..legacy.clone()
            })
        );
        assert_eq!(
            WikiConfig::named("legacy-1.21-throttle"),
            Some(WikiConfig {
                account_creation_throttle: vec![Window {
                    count: 1,
                    seconds: 86_400,
                }],
                ..legacy
            })
        );
    }

    #[test]
    fn what_each_configuration_needs_is_what_the_harness_is_told() {
        for name in WikiConfig::NAMES {
            let config = WikiConfig::named(name).unwrap();
            let told = mwcheck_shared::ConfigNeeds {
                captcha: config.captcha.is_some(),
                two_factor: config.oathauth.is_some(),
                email: config.enable_email,
            };
            assert_eq!(mwcheck_shared::config_needs(name), Some(told), "{name}");
        }
    }

    #[test]
    fn only_login_only_cannot_create_accounts() {
        for name in WikiConfig::NAMES {
            let config = WikiConfig::named(name).unwrap();
            assert_eq!(
                config.can_create_accounts(),
                *name != "login-only",
                "{name}"
            );
        }
        // TemporaryPassword alone still creates accounts (with a mailed password).
        let temporary_only = WikiConfig {
            local_password_login_only: true,
            ..WikiConfig::default()
        };
        assert!(temporary_only.can_create_accounts());
    }

    #[test]
    fn password_expiry_follows_the_expiration_days() {
        let now = 1_800_000_000;
        assert_eq!(WikiConfig::default().new_password_expiry(now), None);
        let expired = WikiConfig::named("password-expired").unwrap();
        assert_eq!(expired.new_password_expiry(now), Some(now - 86_400));
        assert_eq!(expired.password_expire_grace, 0);
        let grace = WikiConfig::named("password-expired-grace").unwrap();
        assert_eq!(grace.new_password_expiry(now), Some(now - 86_400));
        assert_eq!(grace.password_expire_grace, 7 * 86_400);
        let later = WikiConfig {
            password_expiration_seconds: Some(90 * 86_400),
            ..WikiConfig::default()
        };
        assert_eq!(later.new_password_expiry(now), Some(now + 90 * 86_400));
    }
}
