//! The scenario model (what a scenario file says, already typed and positioned), its diagnostics,
//! and loading a whole folder of scenario files: parse each, check each, list every error.

pub mod check;
mod files;
pub(crate) mod matcher;
pub(crate) mod node;
pub mod parse;
pub(crate) mod versions;
pub(crate) mod writes;

pub use files::{ScenarioFiles, find_files};
pub use node::{Key, Node, NodeValue, Pos};

use crate::schema::SchemaCache;
use crate::vars::Generator;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// One scenario file, parsed.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Path below the scenarios folder, without extension, `/`-separated.
    pub id: String,
    /// The file as named in messages (e.g. `scenarios/createaccount/fail/userexists.yaml`).
    pub file: String,
    pub title: String,
    pub docs: Vec<String>,
    pub level: Level,
    pub tags: Vec<String>,
    pub requires: Vec<Capability>,
    /// The named wiki configuration the scenario needs.
    pub config: String,
    /// For a documentation scenario (one with `claim`s): the named configuration in which a real
    /// MediaWiki 1.39 comes closest to the documented wiki (`mediawiki-config`), where
    /// `mwcheck run --docs` compares the claims with 1.39; `config` is then the mock profile in
    /// which the documentation holds.
    pub mediawiki_config: Option<String>,
    /// The MediaWiki versions the scenario applies to (`versions:`); `None` = all. A target of
    /// another version skips it, saying so.
    pub versions: Option<versions::VersionCondition>,
    /// The version the file was read for: its `$versions` switches resolved for it.
    pub mediawiki_version: mwcheck_shared::MediaWikiVersion,
    pub actors: Vec<String>,
    pub vars: Vec<VarDef>,
    pub steps: Vec<Step>,
}

/// How strongly MediaWiki guarantees the behaviour a scenario shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Must,
    Should,
    May,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Must => "must",
            Level::Should => "should",
            Level::May => "may",
        }
    }
}

/// Something a target must offer for a scenario to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Capability {
    /// Creates accounts or sends mail.
    Writes,
    /// Reads the mails the wiki sent.
    Outbox,
    /// Learns a captcha's answer from the wiki (a mock-only endpoint).
    CaptchaAnswers,
}

impl Capability {
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Writes => "writes",
            Capability::Outbox => "outbox",
            Capability::CaptchaAnswers => "captcha-answers",
        }
    }
}

/// A string from the file that may contain `{{variables}}`, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub pos: Pos,
}

/// A variable from `vars:`.
#[derive(Clone, Debug)]
pub struct VarDef {
    pub name: String,
    pub pos: Pos,
    pub source: VarSource,
}

/// Where a variable's value comes from.
#[derive(Clone, Debug)]
pub enum VarSource {
    Literal { value: Text, secret: bool },
    Generate(Generator),
}

/// One step of a scenario.
#[derive(Clone, Debug)]
pub struct Step {
    /// 1-based.
    pub number: usize,
    pub name: String,
    pub pos: Pos,
    /// The session that sends it (resolved: the first actor when the file names none).
    pub actor: String,
    pub actor_pos: Pos,
    pub action: Action,
    pub expect: Expect,
    pub captures: Vec<Capture>,
    pub snapshot: SnapshotRule,
    /// The documented claim this step checks (`claim:`), in a documentation scenario.
    pub claim: Option<String>,
    /// How MediaWiki 1.39 is known to break that claim (`drift:`, citing the catalog).
    pub drift: Option<String>,
    /// A set-up step of a documentation scenario that only one side runs (`only-as:`), where
    /// the documented protocol and 1.39's differ (e.g. creating an account to block). Claims
    /// never have it: both sides answer them.
    pub only_as: Option<DocsRole>,
}

/// What the target is, for a documentation scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocsRole {
    /// The configuration in which the documentation holds (a mock profile; outside documentation
    /// mode, every target that runs the scenario): every claim agrees.
    Documented,
    /// MediaWiki 1.39 (or a server meaning to behave like it): claims annotated `drift` differ,
    /// every other claim agrees.
    MediaWiki,
}

/// The API modules scenarios are grouped by in summaries and reports, besides `main` (ApiMain:
/// envelopes, formats and errors common to every module).
pub const MODULES: &[&str] = &[
    "createaccount",
    "resetpassword",
    "validatepassword",
    "tokens",
    "authmanagerinfo",
    "clientlogin",
    "login",
    "logout",
    "userinfo",
    "paraminfo",
    "siteinfo",
];

impl Scenario {
    /// The module the scenario is about: its top folder when that names a module
    /// (`createaccount/…`), else its first tag that does, else `main`.
    pub fn module(&self) -> &'static str {
        let top = self.id.split('/').next().unwrap_or_default();
        std::iter::once(top)
            .chain(self.tags.iter().map(String::as_str))
            .find_map(|name| MODULES.iter().copied().find(|m| *m == name))
            .unwrap_or("main")
    }

    /// Whether the scenario checks documented claims (`mwcheck run --docs` runs these).
    pub fn is_docs(&self) -> bool {
        self.steps.iter().any(|s| s.claim.is_some())
    }

    /// Why the scenario does not apply to the version it was read for: its `versions:`, or its
    /// configuration's versions (`mwcheck_shared::config_versions`); `None` when it applies.
    pub fn version_mismatch(&self) -> Option<String> {
        let version = self.mediawiki_version;
        if let Some(versions) = &self.versions
            && !versions.matches(version)
        {
            return Some(format!(
                "applies to MediaWiki {versions}: the target is {version}"
            ));
        }
        let config_versions = mwcheck_shared::config_versions(&self.config)?;
        if config_versions.contains(&version) {
            return None;
        }
        let names: Vec<String> = config_versions.iter().map(ToString::to_string).collect();
        Some(format!(
            "the configuration `{}` applies to MediaWiki {}: the target is {version}",
            self.config,
            names.join(", ")
        ))
    }
}

/// How a step's snapshot is taken (`snapshot:`): values to mask by JSON pointer (volatile values
/// the automatic normalisation cannot know, such as a block id in a message's parameters), or why
/// the step has none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SnapshotRule {
    pub redact: Vec<String>,
    pub skip: Option<String>,
}

/// What a step does.
#[derive(Clone, Debug)]
pub enum Action {
    Http(HttpRequest),
    Mail(MailQuery),
    /// The answer of the captcha with this id (`captcha: {id: …}`), from the mock's
    /// `/_mwcheck/captcha`.
    Captcha(Text),
    /// A GET of a path on the target's server (`fetch: /index.php?…`), e.g. a captcha image.
    Fetch(Text),
    /// A browser following a REDIRECT (`browse: {url: …, until: …}`): redirects followed on the
    /// target's server until a URL starting with `until`.
    Browse {
        url: Text,
        until: Text,
    },
}

/// Where `get`/`post` put their parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamsIn {
    Query,
    Body,
}

/// An HTTP request to the target's api.php.
#[derive(Clone, Debug)]
pub struct HttpRequest {
    pub params_in: ParamsIn,
    /// An overriding HTTP method (e.g. `PUT`); otherwise GET for `get`, POST for `post`.
    pub method: Option<String>,
    pub params: Vec<(String, Text)>,
    /// With `post`: parameters also put in the query string.
    pub query: Vec<(String, Text)>,
    pub multipart: bool,
    pub headers: Vec<(String, Text)>,
}

/// A read of the target's outbox.
#[derive(Clone, Debug)]
pub struct MailQuery {
    pub to: Text,
    pub count: usize,
}

/// What a response must be.
#[derive(Clone, Debug, Default)]
pub struct Expect {
    pub pos: Pos,
    pub status: Option<(u16, Pos)>,
    /// Header name → expected value (template or matcher); `None` = must be absent.
    pub headers: Vec<(Key, Option<Text>)>,
    /// Cookie name → expected Set-Cookie text after `name=`; `None` = not set by this response.
    pub cookies: Vec<(Key, Option<Text>)>,
    pub json: Option<Node>,
    pub json_subset: Option<Node>,
    pub schema: Option<Text>,
    /// The raw body (template or matcher); when given, the body need not be JSON.
    pub body: Option<Text>,
}

/// A variable taken from a response.
#[derive(Clone, Debug)]
pub struct Capture {
    pub name: String,
    pub pos: Pos,
    pub source: CaptureSource,
    /// Redacted in output (also implied for tokens and names containing "pass" or "token").
    pub secret: bool,
}

/// Where a capture looks.
#[derive(Clone, Debug)]
pub enum CaptureSource {
    Pointer {
        pointer: String,
        regex: Option<String>,
    },
    Header(String),
}

/// A problem in a scenario file, at a place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub pos: Pos,
    pub message: String,
    /// The offending line as written (empty when the position is unknown).
    pub line_text: String,
}

impl Diagnostic {
    /// A diagnostic, quoting its line from the file's text.
    pub fn new(file: &str, source: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        let line_text = if pos.line == 0 {
            String::new()
        } else {
            source
                .lines()
                .nth(pos.line as usize - 1)
                .unwrap_or("")
                .to_owned()
        };
        Diagnostic {
            file: file.to_owned(),
            pos,
            message: message.into(),
            line_text,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.render(f, "error")
    }
}

impl Diagnostic {
    /// Writes the diagnostic as `file:line:col: SEVERITY: message`, then the quoted line with a
    /// caret under the column (`mwcheck lint` renders its warnings this way too).
    pub fn render(&self, f: &mut fmt::Formatter<'_>, severity: &str) -> fmt::Result {
        if self.pos.line == 0 {
            return write!(f, "{}: {severity}: {}", self.file, self.message);
        }
        writeln!(
            f,
            "{}:{}:{}: {severity}: {}",
            self.file, self.pos.line, self.pos.col, self.message
        )?;
        let number = self.pos.line.to_string();
        let gutter = " ".repeat(number.len());
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{number} | {}", self.line_text)?;
        let caret_at: String = self
            .line_text
            .chars()
            .take(self.pos.col.saturating_sub(1) as usize)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{gutter} | {caret_at}^")
    }
}

/// Reads, parses and checks one scenario file for every reference version
/// ([`REFERENCE_VERSIONS`](versions::REFERENCE_VERSIONS)); the scenario as it reads
/// for the built-in mock's version.
pub fn load_file(id: &str, path: &Path, schemas_dir: &Path) -> Result<Scenario, Vec<Diagnostic>> {
    load_file_with(id, path, &SchemaCache::new(schemas_dir))
}

/// [`load_file`], with schema files tried once across the files sharing `schemas`.
pub fn load_file_with(
    id: &str,
    path: &Path,
    schemas: &SchemaCache,
) -> Result<Scenario, Vec<Diagnostic>> {
    let (file, source) = read_source(path)?;
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut scenario = None;
    let default = mwcheck_shared::MOCK_VERSIONS[0];
    let versions = versions::REFERENCE_VERSIONS.iter().copied();
    for version in std::iter::once(default).chain(versions.filter(|v| *v != default)) {
        match parse_and_check(id, &file, &source, schemas, version) {
            Ok(parsed) if version == default => scenario = Some(parsed),
            Ok(_) => {}
            Err(found) => add_problems(&mut problems, found, version, version == default),
        }
    }
    match scenario {
        Some(scenario) if problems.is_empty() => Ok(scenario),
        _ => Err(problems),
    }
}

/// Adds what one version's reading of a file found to `problems`, each problem once: one that
/// another version's reading found too is not told again, and one found only in a reading after
/// the first says which version (`as read for MediaWiki 1.43`).
pub fn add_problems(
    problems: &mut Vec<Diagnostic>,
    found: Vec<Diagnostic>,
    version: mwcheck_shared::MediaWikiVersion,
    first_reading: bool,
) {
    for mut problem in found {
        let seen = problems
            .iter()
            .any(|p| p.pos == problem.pos && p.message.starts_with(&problem.message));
        if !seen {
            if !first_reading {
                problem.message = format!("{} (as read for MediaWiki {version})", problem.message);
            }
            problems.push(problem);
        }
    }
}

/// Reads, parses and checks one scenario file as it reads for MediaWiki `version`.
pub fn load_file_for(
    id: &str,
    path: &Path,
    schemas: &SchemaCache,
    version: mwcheck_shared::MediaWikiVersion,
) -> Result<Scenario, Vec<Diagnostic>> {
    let (file, source) = read_source(path)?;
    parse_and_check(id, &file, &source, schemas, version)
}

fn read_source(path: &Path) -> Result<(String, String), Vec<Diagnostic>> {
    let file = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|err| {
        vec![Diagnostic::new(
            &file,
            "",
            Pos::default(),
            format!("cannot read the file: {err}"),
        )]
    })?;
    Ok((file, source))
}

fn parse_and_check(
    id: &str,
    file: &str,
    source: &str,
    schemas: &SchemaCache,
    version: mwcheck_shared::MediaWikiVersion,
) -> Result<Scenario, Vec<Diagnostic>> {
    let scenario = parse::parse(id, file, source, version)?;
    let problems = check::check_with(&scenario, source, schemas);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(problems)
    }
}

/// Loads every scenario below `dir`, sorted by id, checked for every reference version and as
/// it reads for the built-in mock's; or every problem found in any of them.
pub fn load_dir(dir: &Path, schemas_dir: &Path) -> Result<Vec<Scenario>, Vec<Diagnostic>> {
    load_dir_with(dir, schemas_dir, load_file_with)
}

/// Loads every scenario below `dir` as it reads for MediaWiki `version`, sorted by id.
pub fn load_dir_for(
    dir: &Path,
    schemas_dir: &Path,
    version: mwcheck_shared::MediaWikiVersion,
) -> Result<Vec<Scenario>, Vec<Diagnostic>> {
    load_dir_with(dir, schemas_dir, |id, path, schemas| {
        load_file_for(id, path, schemas, version)
    })
}

fn load_dir_with(
    dir: &Path,
    schemas_dir: &Path,
    load: impl Fn(&str, &Path, &SchemaCache) -> Result<Scenario, Vec<Diagnostic>>,
) -> Result<Vec<Scenario>, Vec<Diagnostic>> {
    let files = find_files(dir).map(|found| found.files).map_err(|err| {
        vec![Diagnostic::new(
            &dir.display().to_string(),
            "",
            Pos::default(),
            format!("cannot read the scenarios folder: {err}"),
        )]
    })?;
    let schemas = SchemaCache::new(schemas_dir);
    let mut by_id: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut scenarios = Vec::new();
    let mut problems = Vec::new();
    for (id, path) in &files {
        if let Some(other) = by_id.insert(id, path) {
            problems.push(Diagnostic::new(
                &path.display().to_string(),
                "",
                Pos::default(),
                format!("scenario id `{id}` is also used by {}", other.display()),
            ));
            continue;
        }
        match load(id, path, &schemas) {
            Ok(scenario) => scenarios.push(scenario),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() {
        Ok(scenarios)
    } else {
        Err(problems)
    }
}
