//! The wiki under test: the built-in mock started in-process (in one named configuration), or any
//! api.php URL (told which configuration it runs); and what it offers (`writes`: may create
//! accounts and send mail; `outbox`: its mails can be read; `captcha-answers`: it tells a captcha's
//! answer; `config`: its wiki configuration).

use crate::runner::mail::Outbox;
use crate::scenario::Capability;
use crate::vars::Credentials;
use std::net::IpAddr;

/// A target and its capabilities.
pub struct Target {
    /// The api.php URL.
    pub api: String,
    /// Scheme, host and port (`{{server}}`).
    pub server: String,
    /// What the JSON report calls the target.
    pub label: String,
    /// On the loopback interface (the built-in mock, a wiki of one's own): no default pacing.
    pub loopback: bool,
    pub writes: bool,
    /// Why writes are refused (when they are).
    pub(crate) writes_refused: String,
    pub outbox: Option<Outbox>,
    /// It serves `/_mwcheck/captcha` (the built-in mock).
    pub captcha_answers: bool,
    /// The administrator account (`{{admin_user}}`, `{{admin_password}}`).
    pub admin: Credentials,
    /// A bot password of that account, `User@appid` (`{{bot_user}}`, `{{bot_password}}`).
    pub bot: Credentials,
    /// The named wiki configuration the target runs (`WikiConfig::NAMES`).
    pub config: String,
    /// What the target offers (`None`: not probed); scenarios needing more are skipped.
    pub capabilities: Option<crate::capabilities::Capabilities>,
    /// The in-process mock this target started (the built-in target).
    #[cfg(feature = "builtin-mock")]
    pub(crate) mock: Option<std::sync::Arc<mwcheck_mock::MockWiki>>,
}

impl Target {
    /// A target given by URL. `outbox` is a JSON-lines file or an http(s) URL; `admin` is an
    /// account in the `sysop` group on that wiki.
    pub fn url(
        api: &str,
        outbox: Option<&str>,
        allow_writes: bool,
        admin: Credentials,
    ) -> Result<Target, String> {
        let shown = crate::vars::shown_url(api);
        let parsed = url::Url::parse(api).map_err(|err| format!("--target {shown}: {err}"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
            return Err(format!("--target {shown}: not an http(s) URL"));
        }
        let server = parsed.origin().ascii_serialization();
        let loopback = match parsed.host() {
            Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
            None => false,
        };
        let outbox = outbox.map(|source| {
            if source.starts_with("http://") || source.starts_with("https://") {
                Outbox::Url(source.to_owned())
            } else {
                Outbox::File(source.into())
            }
        });
        Ok(Target {
            api: api.to_owned(),
            server,
            label: shown,
            loopback,
            writes: loopback || allow_writes,
            writes_refused: "the target is not on loopback and may be a real wiki; pass \
                             --allow-writes to let scenarios create accounts and send mail"
                .to_owned(),
            outbox,
            captcha_answers: false,
            admin,
            bot: Target::default_bot(),
            config: "default".to_owned(),
            capabilities: None,
            #[cfg(feature = "builtin-mock")]
            mock: None,
        })
    }

    /// The bot password scripts/mediawiki.sh creates for the administrator.
    pub fn default_bot() -> Credentials {
        Credentials {
            user: format!("Admin@{}", mwcheck_shared::BOT_APP_ID),
            password: mwcheck_shared::BOT_PASSWORD.to_owned(),
        }
    }

    /// Tells a URL target which bot password (`User@appid` and password) to use.
    pub fn with_bot(mut self, bot: Credentials) -> Target {
        self.bot = bot;
        self
    }

    /// Why the target cannot run a scenario needing `capability` (`None`: it can).
    pub fn lacks(&self, capability: Capability) -> Option<String> {
        match capability {
            Capability::Writes if !self.writes => {
                Some(format!("needs writes: {}", self.writes_refused))
            }
            Capability::Outbox if self.outbox.is_none() => {
                Some("needs the outbox: pass --outbox FILE (JSON lines) or --outbox URL".to_owned())
            }
            Capability::CaptchaAnswers if !self.captcha_answers => Some(
                "needs captcha answers: only the built-in mock tells them (/_mwcheck/captcha)"
                    .to_owned(),
            ),
            _ => None,
        }
    }

    /// Why the target cannot offer the named wiki configuration (`None`: it can).
    pub fn lacks_config(&self, config: &str) -> Option<String> {
        (config != self.config).then(|| {
            format!(
                "needs the wiki configuration `{config}`; this target runs `{}` (see --config)",
                self.config
            )
        })
    }

    /// Tells a URL target which named configuration the wiki runs.
    pub fn with_config(mut self, config: &str) -> Target {
        self.config = config.to_owned();
        self
    }

    /// Stops the built-in mock, if this target started one and nobody else holds it.
    pub async fn shutdown(self) {
        #[cfg(feature = "builtin-mock")]
        {
            let Target { mock, outbox, .. } = self;
            drop(outbox);
            if let Some(mock) = mock
                && let Ok(mock) = std::sync::Arc::try_unwrap(mock)
            {
                mock.shutdown().await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin() -> Credentials {
        Credentials {
            user: "Admin".into(),
            password: "Adminpass-12345".into(),
        }
    }

    #[test]
    fn loopback_targets_allow_writes() {
        let t = Target::url("http://127.0.0.1:8080/api.php", None, false, admin()).unwrap();
        assert!(t.writes);
        assert_eq!(t.server, "http://127.0.0.1:8080");
        assert!(t.lacks(Capability::Outbox).is_some());
        let t = Target::url(
            "http://localhost/w/api.php",
            Some("/tmp/o.jsonl"),
            false,
            admin(),
        )
        .unwrap();
        assert!(t.writes && t.lacks(Capability::Outbox).is_none());
        let t = Target::url("https://wiki.example.org/w/api.php", None, false, admin()).unwrap();
        assert!(!t.writes);
        assert!(
            t.lacks(Capability::Writes)
                .unwrap()
                .contains("--allow-writes")
        );
        let t = Target::url("https://wiki.example.org/w/api.php", None, true, admin()).unwrap();
        assert!(t.writes);
        assert!(Target::url("ftp://x/api.php", None, false, admin()).is_err());
    }

    #[test]
    fn a_target_offers_only_its_own_configuration() {
        let t = Target::url("http://127.0.0.1:8080/api.php", None, false, admin()).unwrap();
        assert!(t.lacks_config("default").is_none());
        assert!(t.lacks_config("readonly").unwrap().contains("`readonly`"));
        let t = t.with_config("readonly");
        assert!(t.lacks_config("readonly").is_none());
        assert!(t.lacks_config("default").is_some());
    }
}
