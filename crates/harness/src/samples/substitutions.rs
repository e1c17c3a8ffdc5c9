//! The substitutions a reader makes in a page's programs before running them, declared in one
//! small file per page (`samples/pages/<page-id>.yaml`): per program id, literal text → its
//! replacement. Replacements may use `{{api}}` / `{{server}}` (the recording proxy standing for
//! the target), `{{bot_user}}` / `{{bot_password}}`, `{{admin_user}}` / `{{admin_password}}`, and
//! `{{fresh_user}}` / `{{fresh_password}}` / `{{fresh_email}}` (new for each run), and
//! `{{app_port}}` (the loopback port a web app is to listen on). Each is applied
//! exactly: a literal that is not in the program is an error. What changed is shown as a unified
//! diff, secrets redacted.

use crate::vars::Vars;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A page's substitution file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSubstitutions {
    /// Per program id (as the report names it: `python`, `create_account_with_captcha.py`).
    #[serde(default)]
    pub programs: BTreeMap<String, Vec<Substitution>>,
    /// Captcha questions a web app of the page may show, each with the answer a reader types
    /// (the questions the test wikis' `captcha` configuration asks).
    #[serde(default)]
    pub captcha_answers: BTreeMap<String, String>,
}

/// One change: `replace` (literal text of the program) becomes `with` (a template).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substitution {
    pub replace: String,
    pub with: String,
}

impl PageSubstitutions {
    /// Reads `path`; a missing file is an empty set (the programs run as printed).
    pub fn load(path: &Path) -> Result<PageSubstitutions, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(PageSubstitutions::default());
            }
            Err(err) => return Err(format!("{}: {err}", path.display())),
        };
        serde_saphyr::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))
    }

    /// The ids it names that are not among `known` (each an error for the caller to report).
    pub fn unknown_programs<'a>(&'a self, known: &[&str]) -> Vec<&'a str> {
        self.programs
            .keys()
            .map(String::as_str)
            .filter(|id| !known.contains(id))
            .collect()
    }
}

/// A program as run: its text after the substitutions, and the diff from the page's text.
#[derive(Clone, Debug)]
pub struct Applied {
    pub source: String,
    /// The unified diff, page → as run, secrets redacted (empty when nothing changed).
    pub diff: String,
}

/// Applies `substitutions` to `source` in order, each to every occurrence of its literal. An error
/// names the first literal the program does not contain, or a template that does not fill in.
pub fn apply(source: &str, substitutions: &[Substitution], vars: &Vars) -> Result<Applied, String> {
    let mut text = source.to_owned();
    for substitution in substitutions {
        if substitution.replace.is_empty() || !text.contains(&substitution.replace) {
            return Err(format!(
                "the substitution of `{}` matches nothing in the program",
                vars.redactor().redact(&substitution.replace)
            ));
        }
        let with = vars
            .interpolate(&substitution.with)
            .map_err(|err| format!("the substitution for `{}`: {err}", substitution.replace))?;
        text = text.replace(&substitution.replace, &with);
    }
    let redactor = vars.redactor();
    let before = redactor.redact(source);
    let after = redactor.redact(&text);
    let diff = if before == after && source == text {
        String::new()
    } else {
        similar::TextDiff::from_lines(&before, &after)
            .unified_diff()
            .context_radius(1)
            .header("as printed on the page", "as run")
            .to_string()
    };
    Ok(Applied { source: text, diff })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vars::Credentials;

    fn vars() -> Vars {
        let admin = Credentials {
            user: "Admin".into(),
            password: "admin-secret-1".into(),
        };
        let bot = Credentials {
            user: "Admin@ci".into(),
            password: "bot-secret-password".into(),
        };
        Vars::with_builtins(
            "http://127.0.0.1:9",
            "http://127.0.0.1:9/api.php",
            &admin,
            &bot,
        )
    }

    fn sub(replace: &str, with: &str) -> Substitution {
        Substitution {
            replace: replace.into(),
            with: with.into(),
        }
    }

    #[test]
    fn each_literal_is_replaced_and_the_diff_hides_secrets() {
        let source =
            "URL = \"https://x.org/w/api.php\"\nP = {\"lgpassword\": \"password\"}\nprint(1)\n";
        let applied = apply(
            source,
            &[
                sub("https://x.org/w/api.php", "{{api}}"),
                sub(
                    "\"lgpassword\": \"password\"",
                    "\"lgpassword\": \"{{bot_password}}\"",
                ),
            ],
            &vars(),
        )
        .unwrap();
        assert!(
            applied
                .source
                .contains("URL = \"http://127.0.0.1:9/api.php\"")
        );
        assert!(applied.source.contains("bot-secret-password"));
        assert!(
            !applied.diff.contains("bot-secret-password"),
            "{}",
            applied.diff
        );
        assert!(
            applied
                .diff
                .contains("+P = {\"lgpassword\": \"[redacted]\"}"),
            "{}",
            applied.diff
        );
        assert!(
            applied.diff.contains("-URL = \"https://x.org/w/api.php\""),
            "{}",
            applied.diff
        );
    }

    #[test]
    fn a_substitution_that_matches_nothing_is_an_error() {
        let err = apply("print(1)\n", &[sub("https://x.org", "{{api}}")], &vars()).unwrap_err();
        assert!(err.contains("matches nothing"), "{err}");
    }

    #[test]
    fn an_unknown_placeholder_is_an_error() {
        let err = apply("a\n", &[sub("a", "{{nope}}")], &vars()).unwrap_err();
        assert!(err.contains("nope"), "{err}");
    }

    #[test]
    fn the_file_names_programs_and_rejects_unknown_keys() {
        let file: PageSubstitutions =
            serde_saphyr::from_str("programs:\n  python:\n    - replace: a\n      with: b\n")
                .unwrap();
        assert_eq!(file.programs["python"].len(), 1);
        assert_eq!(file.unknown_programs(&["php"]), vec!["python"]);
        assert!(serde_saphyr::from_str::<PageSubstitutions>("programs: {}\nother: 1\n").is_err());
    }
}
