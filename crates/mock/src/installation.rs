//! What the reference install is made of, as meta=siteinfo reports it: Debian's `mediawiki`
//! 1.39 package (MediaWiki 1.39.17) run by scripts/mediawiki.sh with PHP 8.2's built-in server
//! and SQLite 3.40.1 — its versions, its namespaces and aliases, its skins, and the credits of
//! the extensions the named configurations load (ConfirmEdit with QuestyCaptcha or FancyCaptcha,
//! OATHAuth).
//!
//! The versions are facts of that install, not of MediaWiki: another PHP or SQLite build reports
//! its own (the scenarios and scripts/diff_mock_vs_real.py treat `phpversion` and `dbversion` as
//! install-dependent). The credits are what Special:Version's data says for the extensions as
//! Debian installs them under /usr/share/mediawiki: their extension.json (name, message keys,
//! authors, URL, version, licence name), with `license` / `credits` links because the package
//! ships a COPYING / AUTHORS file beside it, and no `vcs-*` fields (a package is no git checkout).

use super::format::Val;

/// PHP_VERSION of the PHP that served the reference wiki.
pub const PHP_VERSION: &str = "8.2.36";
/// PHP_SAPI of PHP's built-in web server (`php -S`, as scripts/mediawiki.sh starts it).
pub const PHP_SAPI: &str = "cli-server";
/// The SQLite library version the database reports.
pub const SQLITE_VERSION: &str = "3.40.1";

/// One namespace of the content language (English) with the wiki's settings.
pub struct Namespace {
    pub id: i64,
    /// The canonical name, with spaces; None for the main namespace.
    pub canonical: Option<&'static str>,
    /// $wgNamespacesWithSubpages
    pub subpages: bool,
    /// $wgContentNamespaces
    pub content: bool,
    /// $wgNamespaceProtection: the right editing it needs.
    pub protection: Option<&'static str>,
}

const fn ns(id: i64, canonical: &'static str, subpages: bool) -> Namespace {
    Namespace {
        id,
        canonical: Some(canonical),
        subpages,
        content: false,
        protection: None,
    }
}

/// The namespaces of a stock 1.39 wiki, by id.
pub const NAMESPACES: &[Namespace] = &[
    ns(-2, "Media", false),
    ns(-1, "Special", false),
    Namespace {
        id: 0,
        canonical: None,
        subpages: false,
        content: true,
        protection: None,
    },
    ns(1, "Talk", true),
    ns(2, "User", true),
    ns(3, "User talk", true),
    ns(4, "Project", true),
    ns(5, "Project talk", true),
    ns(6, "File", false),
    ns(7, "File talk", true),
    Namespace {
        protection: Some("editinterface"),
        ..ns(8, "MediaWiki", true)
    },
    ns(9, "MediaWiki talk", true),
    ns(10, "Template", true),
    ns(11, "Template talk", true),
    ns(12, "Help", true),
    ns(13, "Help talk", true),
    ns(14, "Category", false),
    ns(15, "Category talk", true),
];

impl Namespace {
    /// The local name: the project namespaces are named after the site ($wgMetaNamespace).
    pub fn local_name(&self, sitename: &str) -> String {
        let sitename = sitename.replace('_', " ");
        match self.id {
            4 => sitename,
            5 => format!("{sitename} talk"),
            _ => self.canonical.unwrap_or("").to_string(),
        }
    }
}

/// English's namespace aliases (`Image` for File), by namespace id.
pub const NAMESPACE_ALIASES: &[(i64, &str)] = &[(6, "Image"), (7, "Image talk")];

/// A skin the package installs: its code, its `skinname-*` text in English (German and French
/// where those differ), and whether it is the default ($wgDefaultSkin) or not selectable.
#[derive(Debug)]
pub struct Skin {
    pub code: &'static str,
    pub name: &'static str,
    pub name_de: Option<&'static str>,
    pub name_fr: Option<&'static str>,
    pub default: bool,
    pub unusable: bool,
}

const fn skin(code: &'static str, name: &'static str) -> Skin {
    Skin {
        code,
        name,
        name_de: None,
        name_fr: None,
        default: false,
        unusable: false,
    }
}

/// The skins 1.39 installs in SkinFactory order (the loaded ones, then core's internal ones).
pub const SKINS: &[Skin] = &[
    skin("minerva", "MinervaNeue"),
    MONOBOOK,
    skin("timeless", "Timeless"),
    skin("vector-2022", "Vector (2022)"),
    Skin {
        default: true,
        ..VECTOR_2010
    },
    unusable("fallback", "Fallback"),
    unusable("apioutput", "ApiOutput"),
];

/// The skins 1.43 installs: Vector 2022 is the default, and core has two more internal skins.
pub const SKINS_1_43: &[Skin] = &[
    skin("minerva", "MinervaNeue"),
    MONOBOOK,
    skin("timeless", "Timeless"),
    Skin {
        default: true,
        ..skin("vector-2022", "Vector (2022)")
    },
    VECTOR_2010,
    unusable("fallback", "Fallback"),
    unusable("apioutput", "ApiOutput"),
    unusable("authentication-popup", "Authentication popup"),
    unusable("json", "SkinJSON"),
];

const MONOBOOK: Skin = Skin {
    name_fr: Some("Monobook"),
    ..skin("monobook", "MonoBook")
};

const VECTOR_2010: Skin = Skin {
    name_de: Some("Vector (2010)"),
    name_fr: Some("Vector (ancienne version 2010)"),
    ..skin("vector", "Vector legacy (2010)")
};

const fn unusable(code: &'static str, name: &'static str) -> Skin {
    Skin {
        unusable: true,
        ..skin(code, name)
    }
}

impl Skin {
    /// The display name in `lang` (siteinfo's `inlanguagecode`; others fall back to English).
    pub fn name_in(&self, lang: &str) -> &'static str {
        match lang {
            "de" => self.name_de.unwrap_or(self.name),
            "fr" => self.name_fr.unwrap_or(self.name),
            _ => self.name,
        }
    }
}

/// One entry of Special:Version's credits.
#[derive(Debug)]
pub struct Credits {
    pub kind: &'static str,
    pub name: &'static str,
    pub namemsg: Option<&'static str>,
    pub descriptionmsg: &'static str,
    pub author: &'static str,
    pub url: &'static str,
    pub version: Option<&'static str>,
    pub license_name: &'static str,
    /// An AUTHORS file ships beside it (a `credits` link).
    pub has_authors_file: bool,
}

/// The skins' credits (siteinfo lists them among the extensions, type `skin`).
pub const SKIN_CREDITS: &[Credits] = &[
    Credits {
        kind: "skin",
        name: "MinervaNeue",
        namemsg: Some("skinname-minerva"),
        descriptionmsg: "minerva-skin-desc",
        author: "[https://www.mediawiki.org/wiki/Readers/Web/Team Readers Web Team], Alex Hollender, Bahodir Mansurov, Florian Schmidt, Jan Drewniak, Joaquin Hernandez, Jon Robson, Juliusz Gonera, Piotr Miazga, Ryan Kaldari, Nick Ray, Sam Smith, Stephen Niedzielski, Volker E.",
        url: "https://www.mediawiki.org/wiki/Skin:MinervaNeue",
        version: None,
        license_name: "GPL-2.0-or-later",
        has_authors_file: false,
    },
    Credits {
        kind: "skin",
        name: "MonoBook",
        namemsg: Some("skinname-monobook"),
        descriptionmsg: "monobook-desc",
        author: "Gabriel Wicke, Isarra Yos, ...",
        url: "https://www.mediawiki.org/wiki/Skin:MonoBook",
        version: None,
        license_name: "GPL-2.0-or-later",
        has_authors_file: false,
    },
    Credits {
        kind: "skin",
        name: "Timeless",
        namemsg: Some("skinname-timeless"),
        descriptionmsg: "timeless-desc",
        author: "Isarra Yos",
        url: "https://www.mediawiki.org/wiki/Skin:Timeless",
        version: Some("0.9.1"),
        license_name: "GPL-2.0-or-later",
        has_authors_file: false,
    },
    Credits {
        kind: "skin",
        name: "Vector",
        namemsg: Some("vector-specialversion-name"),
        descriptionmsg: "vector-skin-desc",
        author: "[https://www.mediawiki.org/wiki/Readers/Web/Team Readers Web Team], Trevor Parscal, Roan Kattouw, Alex Hollender, Bernard Wang, Clare Ming, Jan Drewniak, Jon Robson, Nick Ray, Sam Smith, Stephen Niedzielski, Volker E.",
        url: "https://www.mediawiki.org/wiki/Skin:Vector",
        version: Some("1.0.0"),
        license_name: "GPL-2.0-or-later",
        has_authors_file: false,
    },
];

pub const CONFIRMEDIT: Credits = Credits {
    kind: "antispam",
    name: "ConfirmEdit",
    namemsg: None,
    descriptionmsg: "captcha-desc",
    author: "Brion Vibber, Florian Schmidt, Sam Reed, ...",
    url: "https://www.mediawiki.org/wiki/Extension:ConfirmEdit",
    version: Some("1.6.0"),
    license_name: "GPL-2.0-or-later",
    has_authors_file: true,
};

pub const QUESTYCAPTCHA: Credits = Credits {
    kind: "antispam",
    name: "QuestyCaptcha",
    namemsg: None,
    descriptionmsg: "questycaptcha-desc",
    author: "...",
    url: "https://www.mediawiki.org/wiki/Extension:ConfirmEdit#QuestyCaptcha",
    version: None,
    license_name: "GPL-2.0-or-later",
    has_authors_file: false,
};

pub const FANCYCAPTCHA: Credits = Credits {
    kind: "antispam",
    name: "FancyCaptcha",
    namemsg: None,
    descriptionmsg: "fancycaptcha-desc",
    author: "Brion Vibber, ...",
    url: "https://www.mediawiki.org/wiki/Extension:ConfirmEdit#FancyCaptcha",
    version: None,
    license_name: "GPL-2.0-or-later",
    has_authors_file: false,
};

pub const OATHAUTH: Credits = Credits {
    kind: "other",
    name: "OATHAuth",
    namemsg: None,
    descriptionmsg: "oathauth-desc",
    author: "Ryan Lane, Robert Vogel <vogel@hallowelt.com>, Dejan Savuljesku <savuljesku@hallowelt.com>",
    url: "https://www.mediawiki.org/wiki/Extension:OATHAuth",
    version: Some("0.5.0"),
    license_name: "GPL-2.0-or-later AND GPL-3.0-or-later",
    has_authors_file: false,
};

/// OATHAuth as 1.43's package ships it (one more author, the same version number).
pub const OATHAUTH_1_43: Credits = Credits {
    author: "Ryan Lane, Robert Vogel <vogel@hallowelt.com>, Dejan Savuljesku <savuljesku@hallowelt.com>, Taavi Väänänen",
    ..OATHAUTH
};

impl Credits {
    /// The entry as siteinfo's `extensions` lists it (ApiQuerySiteinfo::appendExtensions).
    pub fn to_val(&self) -> Val {
        let mut v = Val::map().with("type", self.kind).with("name", self.name);
        if let Some(msg) = self.namemsg {
            v.set("namemsg", msg);
        }
        v.set("descriptionmsg", self.descriptionmsg);
        v.set("author", self.author);
        v.set("url", self.url);
        if let Some(version) = self.version {
            v.set("version", version);
        }
        v.set("license-name", self.license_name);
        v.set(
            "license",
            format!("/index.php/Special:Version/License/{}", self.name),
        );
        if self.has_authors_file {
            v.set(
                "credits",
                format!("/index.php/Special:Version/Credits/{}", self.name),
            );
        }
        v
    }
}

/// $wgUrlProtocols of a stock 1.43 and 1.39, the same list (siteinfo's `protocols`; `//` is the
/// protocol-relative form).
pub const URL_PROTOCOLS: &[&str] = &[
    "bitcoin:",
    "ftp://",
    "ftps://",
    "geo:",
    "git://",
    "gopher://",
    "http://",
    "https://",
    "irc://",
    "ircs://",
    "magnet:",
    "mailto:",
    "matrix:",
    "mms://",
    "news:",
    "nntp://",
    "redis://",
    "sftp://",
    "sip:",
    "sips:",
    "sms:",
    "ssh://",
    "svn://",
    "tel:",
    "telnet://",
    "urn:",
    "worldwind://",
    "xmpp:",
    "//",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_namespaces_follow_the_sitename() {
        let project = NAMESPACES.iter().find(|n| n.id == 5).unwrap();
        assert_eq!(project.local_name("My_Wiki"), "My Wiki talk");
        assert_eq!(NAMESPACES[2].local_name("TestWiki"), "");
    }

    #[test]
    fn credits_link_license_and_authors() {
        let v = CONFIRMEDIT.to_val();
        assert_eq!(
            v.get("credits"),
            Some(&Val::from("/index.php/Special:Version/Credits/ConfirmEdit"))
        );
        assert_eq!(QUESTYCAPTCHA.to_val().get("credits"), None);
        assert_eq!(SKINS.iter().filter(|s| s.default).count(), 1);
        assert_eq!(SKINS_1_43.iter().filter(|s| s.default).count(), 1);
    }
}
