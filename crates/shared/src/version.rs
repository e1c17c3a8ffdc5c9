//! MediaWiki release versions as the API shows them (`siteinfo`'s `generator`, `MediaWiki 1.43.12`),
//! compared by major and minor release: what a version-dependent behaviour is decided by, and
//! which releases the mock speaks.

use std::fmt;
use std::str::FromStr;

/// A MediaWiki release line, e.g. 1.43 (patch releases of one line behave alike for the API).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MediaWikiVersion {
    pub major: u16,
    pub minor: u16,
}

impl MediaWikiVersion {
    /// MediaWiki 1.39 LTS (end of life in late 2025).
    pub const V1_39: MediaWikiVersion = MediaWikiVersion::new(1, 39);
    /// MediaWiki 1.43 LTS.
    pub const V1_43: MediaWikiVersion = MediaWikiVersion::new(1, 43);

    pub const fn new(major: u16, minor: u16) -> MediaWikiVersion {
        MediaWikiVersion { major, minor }
    }

    /// The version in siteinfo's `generator` (`MediaWiki 1.43.12`, `MediaWiki 1.44.0-wmf.3`,
    /// `MediaWiki 1.39 (built-in mock)`); `None` when it names no MediaWiki version.
    pub fn from_generator(generator: &str) -> Option<MediaWikiVersion> {
        let rest = generator.trim().strip_prefix("MediaWiki ")?;
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut parts = number.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        Some(MediaWikiVersion::new(major, minor))
    }
}

impl fmt::Display for MediaWikiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl FromStr for MediaWikiVersion {
    type Err = String;

    /// `1.43` (a patch part, `1.43.12`, is accepted and ignored).
    fn from_str(text: &str) -> Result<MediaWikiVersion, String> {
        let bad = || format!("`{text}` is not a MediaWiki version (write it as 1.43)");
        let mut parts = text.trim().split('.');
        let major = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let minor = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        if let Some(patch) = parts.next()
            && (patch.parse::<u32>().is_err() || parts.next().is_some())
        {
            return Err(bad());
        }
        Ok(MediaWikiVersion::new(major, minor))
    }
}

/// The releases the mock answers as, the default first; a run asking the built-in target for
/// another version is refused, naming these.
pub const MOCK_VERSIONS: &[MediaWikiVersion] = &[MediaWikiVersion::V1_43, MediaWikiVersion::V1_39];

#[cfg(test)]
mod tests {
    use super::MediaWikiVersion;

    #[test]
    fn versions_come_from_generators_and_text() {
        let v143 = MediaWikiVersion::new(1, 43);
        assert_eq!(
            MediaWikiVersion::from_generator("MediaWiki 1.43.12"),
            Some(v143)
        );
        assert_eq!(
            MediaWikiVersion::from_generator("MediaWiki 1.44.0-wmf.3"),
            Some(MediaWikiVersion::new(1, 44))
        );
        assert_eq!(
            MediaWikiVersion::from_generator("MediaWiki 1.39 (built-in mock)"),
            Some(MediaWikiVersion::V1_39)
        );
        assert_eq!(MediaWikiVersion::from_generator("Wikibase 1.2"), None);
        assert_eq!("1.43".parse(), Ok(v143));
        assert_eq!("1.43.12".parse(), Ok(v143));
        assert!("1.x".parse::<MediaWikiVersion>().is_err());
        assert!("143".parse::<MediaWikiVersion>().is_err());
        assert!(MediaWikiVersion::V1_39 < v143);
        assert_eq!(v143.to_string(), "1.43");
    }
}
