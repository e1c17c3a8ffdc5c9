//! The languages a documentation page writes its sample programs in: how a page names each (the
//! plain-text pages' language line, a file name's extension, wikitext's `lang=` attribute), the
//! runtime wrapper that runs it (`samples/runtime/bin/NAME`) and the file name a program is
//! written to.

/// A sample program's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Python 3 with `requests`.
    Python,
    /// PHP with the curl extension.
    Php,
    /// JavaScript run by node (the `request` package).
    JavaScript,
    /// JavaScript run as a MediaWiki page script (`mw.Api`).
    MediaWikiJs,
}

impl Language {
    pub const ALL: [Language; 4] = [
        Language::Python,
        Language::Php,
        Language::JavaScript,
        Language::MediaWikiJs,
    ];

    /// The language a plain-text page's language line names (the whole line, trimmed).
    pub fn from_line(line: &str) -> Option<Language> {
        match line.trim() {
            "Python" => Some(Language::Python),
            "PHP" => Some(Language::Php),
            "JavaScript" => Some(Language::JavaScript),
            "MediaWiki JS" => Some(Language::MediaWikiJs),
            _ => None,
        }
    }

    /// How pages name it (and reports show it).
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "Python",
            Language::Php => "PHP",
            Language::JavaScript => "JavaScript",
            Language::MediaWikiJs => "MediaWiki JS",
        }
    }

    /// The program's id on its page when the page gives it no file name.
    pub fn slug(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::Php => "php",
            Language::JavaScript => "javascript",
            Language::MediaWikiJs => "mediawiki-js",
        }
    }

    /// The wrapper in `samples/runtime/bin/` that runs it.
    pub fn wrapper(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::Php => "php",
            Language::JavaScript => "node",
            Language::MediaWikiJs => "mwjs",
        }
    }

    /// The file name a program is written to when the page gives none.
    pub fn default_file(self) -> &'static str {
        match self {
            Language::Python => "sample.py",
            Language::Php => "sample.php",
            Language::JavaScript => "sample.js",
            Language::MediaWikiJs => "sample.mw.js",
        }
    }

    /// The language of a file the page names (`create_account_with_captcha.py`); `None` for a
    /// file that is no program (a template, a style sheet).
    pub fn from_file_name(name: &str) -> Option<Language> {
        let (_, extension) = name.rsplit_once('.')?;
        match extension {
            "py" => Some(Language::Python),
            "php" => Some(Language::Php),
            "js" => Some(Language::JavaScript),
            _ => None,
        }
    }

    /// The language of a wikitext `<syntaxhighlight lang=…>` block; JavaScript that uses
    /// `mw.Api` is a MediaWiki page script.
    pub fn from_lang_attribute(lang: &str, source: &str) -> Option<Language> {
        match lang.trim().to_ascii_lowercase().as_str() {
            "python" | "python3" | "py" => Some(Language::Python),
            "php" => Some(Language::Php),
            "javascript" | "js" => Some(if source.contains("mw.Api") {
                Language::MediaWikiJs
            } else {
                Language::JavaScript
            }),
            _ => None,
        }
    }
}

/// Whether a line is a file name a page puts above a file's text (`name.py`, `form.html`).
pub fn is_file_name_line(line: &str) -> bool {
    let line = line.trim_end();
    let Some((stem, extension)) = line.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        && matches!(extension, "py" | "php" | "js" | "html" | "css" | "json")
}
