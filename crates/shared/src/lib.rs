//! What the mock wiki (`mwcheck-mock`) and the harness (`mwcheck-harness`) both speak of, so that
//! neither reaches into the other: the MediaWiki [`version`]s and the ones the mock answers as,
//! the project's named wiki configurations and seeded bot password ([`CONFIG_NAMES`],
//! [`BOT_APP_ID`], [`BOT_PASSWORD`]), the [`Mail`] a wiki sends, the API's dates ([`iso8601`]) and
//! OATHAuth's one-time codes ([`totp`]). Plain data and pure functions; no I/O.

mod dates;
mod mail;
pub mod totp;
pub mod version;
mod wikis;

pub use dates::{civil, iso8601};
pub use mail::Mail;
pub use version::{MOCK_VERSIONS, MediaWikiVersion};
pub use wikis::{
    BOT_APP_ID, BOT_PASSWORD, CONFIG_NAMES, ConfigNeeds, config_needs, config_versions,
};
