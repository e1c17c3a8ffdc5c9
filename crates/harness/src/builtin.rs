//! The built-in target (feature `builtin-mock`): the mock wiki started in-process in a named
//! configuration, its administrator and bot password read from that configuration, what it offers
//! ([`Capabilities`] without a probe), and its outbox read in-process.

use crate::capabilities::{ACCOUNT_MODULES, Capabilities};
use crate::runner::mail::Outbox;
use crate::target::Target;
use crate::vars::Credentials;
use mwcheck_mock::settings::CaptchaStyle;
use mwcheck_mock::{MediaWikiVersion, MockWiki, WikiConfig};
use std::sync::Arc;

impl Target {
    /// Starts the built-in mock with the default configuration; its outbox is read in-process.
    /// Like every built-in target it hashes passwords at the test cost
    /// ([`WikiConfig::with_test_hash_cost`]).
    pub async fn builtin() -> std::io::Result<Target> {
        let mock = MockWiki::start(WikiConfig::default().with_test_hash_cost()).await?;
        Ok(Target::from_mock(Arc::new(mock)))
    }

    /// Starts the built-in mock in the named configuration, answering as MediaWiki `version`
    /// (None: the name is unknown; an error when the mock does not speak `version`).
    pub async fn builtin_named(
        config: &str,
        version: MediaWikiVersion,
    ) -> Option<std::io::Result<Target>> {
        let settings = WikiConfig::named(config)?
            .speaking(version)
            .with_test_hash_cost();
        Some(MockWiki::start(settings).await.map(|mock| {
            let mut target = Target::from_mock(Arc::new(mock));
            target.config = config.to_owned();
            target.label = format!("built-in mock `{config}` as {version} ({})", target.api);
            target
        }))
    }

    /// A target for an already running in-process mock; its administrator is the first seeded
    /// account in the `sysop` group (or the first account).
    pub fn from_mock(mock: Arc<MockWiki>) -> Target {
        let accounts = &mock.config().accounts;
        let admin = accounts
            .iter()
            .find(|a| a.groups.iter().any(|g| g == "sysop"))
            .or(accounts.first())
            .map(|a| Credentials {
                user: a.name.clone(),
                password: a.password.clone(),
            })
            .unwrap_or(Credentials {
                user: String::new(),
                password: String::new(),
            });
        let bot = mock
            .config()
            .bot_passwords
            .first()
            .map(|b| Credentials {
                user: format!("{}@{}", b.user, b.app_id),
                password: b.password.clone(),
            })
            .unwrap_or_else(Target::default_bot);
        Target {
            api: mock.api_url(),
            server: mock.server(),
            label: format!("built-in mock ({})", mock.api_url()),
            loopback: true,
            writes: true,
            writes_refused: String::new(),
            outbox: Some(Outbox::Mock(mock.clone())),
            captcha_answers: true,
            admin,
            bot,
            config: "default".to_owned(),
            capabilities: Some(Capabilities::from_config(mock.config())),
            mock: Some(mock),
        }
    }
}

impl Capabilities {
    /// What the built-in mock offers in this configuration.
    pub fn from_config(config: &WikiConfig) -> Capabilities {
        let mut extensions = Vec::new();
        let captcha = config.captcha.as_ref().map(|c| match c.style {
            CaptchaStyle::Questy => "QuestyCaptcha".to_owned(),
            CaptchaStyle::FancyImage => "FancyCaptcha".to_owned(),
        });
        if let Some(kind) = &captcha {
            extensions.push("ConfirmEdit".to_owned());
            extensions.push(kind.clone());
        }
        if config.oathauth.is_some() {
            extensions.push("OATHAuth".to_owned());
        }
        let version = if config.legacy_1_21 {
            "1.21".to_owned()
        } else {
            config.mediawiki.to_string()
        };
        Capabilities {
            generator: Some(format!("MediaWiki {version} (built-in mock)")),
            extensions: Some(extensions),
            captcha,
            email: Some(config.enable_email),
            write_api: Some(config.anon_write_api),
            modules: Some(ACCOUNT_MODULES.iter().map(|m| m.to_string()).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mock_is_known_from_its_configuration() {
        let captcha = Capabilities::from_config(&WikiConfig::named("captcha").unwrap());
        assert!(
            captcha.line().contains("ConfirmEdit (QuestyCaptcha)"),
            "{}",
            captcha.line()
        );
        let plain = Capabilities::from_config(&WikiConfig::default());
        assert_eq!(plain.has_extension("ConfirmEdit"), Some(false));
        assert_eq!(plain.email, Some(true));
    }
}
