//! What differs between the MediaWiki releases the mock speaks, as data: one [`Release`] row per
//! release line (1.43 LTS, 1.39), each field a fact of that release that a client can observe,
//! grouped by where the behaviour lives (the API's machinery, user names, passwords, …). The
//! files that implement a behaviour read their release's row (`ctx.release()`,
//! `WikiConfig::release`); none of them compares version numbers. Adding a release is adding a
//! row, and a field where the new release does something no row does yet.

use mwcheck_shared::MediaWikiVersion;

/// One MediaWiki release line as the mock plays it.
#[derive(Debug)]
pub struct Release {
    /// The release line (`MOCK_VERSIONS` lists those with a row here).
    pub version: MediaWikiVersion,
    /// MW_VERSION of the reference install (siteinfo's `generator`, the HTML pages' meta tag).
    pub full_version: &'static str,

    // --- Temporary accounts (temp_users.rs, modules/acquiretempusername.rs) ---
    /// What the release does with temporary accounts when `$wgAutoCreateTempUser['enabled']`
    /// (None: no temporary accounts as a client sees them: no `acquiretempusername` module, whose
    /// name `action` then rejects as `badvalue`).
    pub temp_accounts: Option<TempAccountRules>,
}

/// How a release names and hands out temporary accounts: the stock `$wgAutoCreateTempUser`
/// parts a client can observe.
#[derive(Debug)]
pub struct TempAccountRules {
    /// `genPattern`: the names made, `$1` standing for the (year-prefixed) serial number.
    pub gen_pattern: &'static str,
    /// `serialProvider.useYear`: serial numbers restart every year, and the name carries the
    /// year (`~2026-1`).
    pub serial_by_year: bool,
}

/// MediaWiki 1.43.12 LTS (Debian 13's package), as recorded in snapshots/1.43 and compared in
/// ../shared/reference/mw-1.43-vs-1.39.md.
pub const MEDIAWIKI_1_43: Release = Release {
    version: MediaWikiVersion::V1_43,
    full_version: "1.43.12",
    temp_accounts: Some(TempAccountRules {
        gen_pattern: "~$1",
        serial_by_year: true,
    }),
};

/// MediaWiki 1.39.17 (Debian 12's package), as recorded in snapshots/1.39 and the catalogue.
pub const MEDIAWIKI_1_39: Release = Release {
    version: MediaWikiVersion::V1_39,
    full_version: "1.39.17",
    temp_accounts: None,
};

/// Every release the mock speaks, newest first.
pub const RELEASES: &[&Release] = &[&MEDIAWIKI_1_43, &MEDIAWIKI_1_39];

/// The row of `version`'s release line, if the mock speaks it.
pub fn of(version: MediaWikiVersion) -> Option<&'static Release> {
    RELEASES.iter().copied().find(|r| r.version == version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_the_mock_speaks_has_one_row() {
        for version in mwcheck_shared::MOCK_VERSIONS {
            assert_eq!(of(*version).map(|r| r.version), Some(*version));
        }
        assert_eq!(RELEASES.len(), mwcheck_shared::MOCK_VERSIONS.len());
        for release in RELEASES {
            assert_eq!(
                MediaWikiVersion::from_generator(&format!("MediaWiki {}", release.full_version)),
                Some(release.version)
            );
        }
    }
}
