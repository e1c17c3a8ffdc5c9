//! `mwcheck lint`: checks a scenarios folder without any target. Every file is parsed and checked
//! as a run would (YAML, keys, types, configurations, variables defined before use, schemas,
//! matchers), then linted for what a run does not notice: duplicate ids, captures nothing uses,
//! duplicate step names, actors no step uses, and snapshot files no step takes (or still pending
//! review). Errors and warnings are rendered like scenario errors: file:line:col, the quoted line.

use crate::scenario::check::{self, step_uses};
use crate::scenario::versions::REFERENCE_VERSIONS;
use crate::scenario::{self, Diagnostic, Node, NodeValue, Pos, Scenario, parse};
use crate::schema::SchemaCache;
use crate::snapshot;
use mwcheck_shared::MediaWikiVersion;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is: errors fail `mwcheck lint` (exit 2); warnings only with
/// `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.render(f, self.severity.as_str())
    }
}

/// What `lint` found in a folder.
#[derive(Clone, Debug, Default)]
pub struct LintReport {
    /// Scenario files looked at.
    pub files: usize,
    /// Sorted by file, then position.
    pub findings: Vec<Finding>,
}

impl LintReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Lints every scenario file below `scenarios_dir`, and the snapshot folder if given and present.
pub fn lint(scenarios_dir: &Path, schemas_dir: &Path, snapshots_dir: Option<&Path>) -> LintReport {
    let mut report = LintReport::default();
    let files = match scenario::find_files(scenarios_dir) {
        Ok(found) => {
            report
                .findings
                .extend(found.skipped.into_iter().map(|diagnostic| Finding {
                    severity: Severity::Warning,
                    diagnostic,
                }));
            found.files
        }
        Err(err) => {
            report.findings.push(error(Diagnostic::new(
                &scenarios_dir.display().to_string(),
                "",
                Pos::default(),
                format!("cannot read the scenarios folder: {err}"),
            )));
            return report;
        }
    };
    report.files = files.len();
    let schemas = SchemaCache::new(schemas_dir);
    let snapshots_dir = snapshots_dir.filter(|dir| dir.is_dir());
    let mut first_with_id: HashMap<&str, &Path> = HashMap::new();
    // Per scenario id: the snapshot files its steps may have; `None` when it did not parse.
    let mut expected: BTreeMap<MediaWikiVersion, HashMap<String, Option<Vec<String>>>> =
        BTreeMap::new();
    for (id, path) in &files {
        let file = path.display().to_string();
        let source = match std::fs::read_to_string(path) {
            Ok(source) => source,
            Err(err) => {
                report.findings.push(error(Diagnostic::new(
                    &file,
                    "",
                    Pos::default(),
                    format!("cannot read the file: {err}"),
                )));
                continue;
            }
        };
        if let Some(other) = first_with_id.insert(id, path) {
            first_with_id.insert(id, other);
            report.findings.push(error(Diagnostic::new(
                &file,
                &source,
                Pos { line: 1, col: 1 },
                format!(
                    "duplicate scenario id `{id}`: {} has it too (ids are paths without the \
                     extension; rename one)",
                    other.display()
                ),
            )));
            continue;
        }
        // The file as each reference version reads it; a problem found in several is told once.
        let mut problems: Vec<Diagnostic> = Vec::new();
        let mut first = None;
        for version in REFERENCE_VERSIONS {
            let read = parse::parse(id, &file, &source, *version).map(|parsed| {
                let found = check::check_with(&parsed, &source, &schemas);
                (parsed, found)
            });
            let found = match read {
                Ok((parsed, found)) => {
                    expected
                        .entry(*version)
                        .or_default()
                        .insert(id.clone(), Some(snapshot_files(&parsed)));
                    first.get_or_insert(parsed);
                    found
                }
                Err(found) => {
                    expected
                        .entry(*version)
                        .or_default()
                        .insert(id.clone(), None);
                    found
                }
            };
            scenario::add_problems(
                &mut problems,
                found,
                *version,
                *version == REFERENCE_VERSIONS[0],
            );
        }
        report.findings.extend(problems.into_iter().map(error));
        let Some(parsed) = first else {
            continue;
        };
        let snapshot_texts: String = snapshots_dir
            .map(|dir| {
                REFERENCE_VERSIONS
                    .iter()
                    .map(|v| snapshot_texts(&snapshot::snapshot_dir(dir, *v).join(id)))
                    .collect()
            })
            .unwrap_or_default();
        let tree = parse_tree(&source);
        let mut file_lint = FileLint {
            scenario: &parsed,
            source: &source,
            tree: tree.as_ref(),
            found: Vec::new(),
        };
        file_lint.unused_captures(&snapshot_texts);
        file_lint.duplicate_step_names();
        file_lint.unused_actors();
        report.findings.extend(file_lint.found);
    }
    if let Some(dir) = snapshots_dir {
        report.findings.extend(lint_version_folders(dir));
        for (version, expected) in &expected {
            let set = snapshot::snapshot_dir(dir, *version);
            if set.is_dir() {
                report.findings.extend(lint_snapshots(&set, expected));
            }
        }
    }
    report.findings.sort_by(|a, b| {
        let (a, b) = (&a.diagnostic, &b.diagnostic);
        (&a.file, a.pos.line, a.pos.col).cmp(&(&b.file, b.pos.line, b.pos.col))
    });
    report
}

/// Folders in the snapshots folder that are no reference version's set (snapshots live in
/// `snapshots/<version>/<scenario id>/`).
fn lint_version_folders(dir: &Path) -> Vec<Finding> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let known: Vec<String> = REFERENCE_VERSIONS.iter().map(ToString::to_string).collect();
    let mut found: Vec<Finding> = entries
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .filter(|entry| !known.contains(&entry.file_name().to_string_lossy().into_owned()))
        .map(|entry| {
            error(Diagnostic::new(
                &entry.path().display().to_string(),
                "",
                Pos::default(),
                format!(
                    "not a snapshot set: the snapshots folder holds one folder per reference version ({}), each with a folder per scenario",
                    known.join(", ")
                ),
            ))
        })
        .collect();
    found.sort_by(|a, b| a.diagnostic.file.cmp(&b.diagnostic.file));
    found
}

fn error(diagnostic: Diagnostic) -> Finding {
    Finding {
        severity: Severity::Error,
        diagnostic,
    }
}

/// The snapshot files a scenario's steps may have: one per step that does not skip snapshots.
pub fn snapshot_files(scenario: &Scenario) -> Vec<String> {
    scenario
        .steps
        .iter()
        .filter(|step| step.snapshot.skip.is_none())
        .map(|step| format!("step-{:02}.snap", step.number))
        .collect()
}

/// Snapshot files below `dir` that no scenario step takes (`expected`: scenario id → the files it
/// may have), and pending `.snap.new` files awaiting review; each sorted.
pub fn stray_snapshots(
    dir: &Path,
    expected: &HashMap<String, Vec<String>>,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut stray, mut pending) = (Vec::new(), Vec::new());
    for (id, path, name) in snapshot_paths(dir) {
        if name.ends_with(".snap.new") {
            pending.push(path);
        } else if !expected.get(&id).is_some_and(|names| names.contains(&name)) {
            stray.push(path);
        }
    }
    stray.sort();
    pending.sort();
    (stray, pending)
}

/// Every `*.snap*` file below `dir`, as (scenario id = its folder, path, file name).
fn snapshot_paths(dir: &Path) -> Vec<(String, PathBuf, String)> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.contains(".snap") {
                continue;
            }
            let id = folder
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            found.push((id, path, name));
        }
    }
    found
}

/// Stray snapshot files (errors) and pending ones (warnings); folders of scenarios that did not
/// parse are left alone (their errors are reported already).
fn lint_snapshots(dir: &Path, expected: &HashMap<String, Option<Vec<String>>>) -> Vec<Finding> {
    let parsed: HashMap<String, Vec<String>> = expected
        .iter()
        .filter_map(|(id, files)| files.clone().map(|files| (id.clone(), files)))
        .collect();
    let (stray, pending) = stray_snapshots(dir, &parsed);
    let unparsed = |path: &Path| {
        path.parent()
            .and_then(|p| p.strip_prefix(dir).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .is_some_and(|id| expected.get(&id).is_some_and(Option::is_none))
    };
    let mut found = Vec::new();
    for path in stray.iter().filter(|p| !unparsed(p)) {
        let id = path
            .parent()
            .and_then(|p| p.strip_prefix(dir).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let why = match parsed.get(&id) {
            Some(files) => format!(
                "no step of scenario `{id}` takes this snapshot (its steps take: {})",
                if files.is_empty() {
                    "none".to_owned()
                } else {
                    files.join(", ")
                }
            ),
            None => format!("no scenario `{id}` exists for this snapshot"),
        };
        found.push(error(Diagnostic::new(
            &path.display().to_string(),
            "",
            Pos::default(),
            format!("{why}; remove it, or re-record"),
        )));
    }
    for path in pending.iter().filter(|p| !unparsed(p)) {
        found.push(Finding {
            severity: Severity::Warning,
            diagnostic: Diagnostic::new(
                &path.display().to_string(),
                "",
                Pos::default(),
                "pending snapshot awaiting review (`cargo insta review`, or `cargo insta accept` / `reject`)",
            ),
        });
    }
    found
}

/// The text of every snapshot file in a scenario's snapshot folder, joined.
fn snapshot_texts(folder: &Path) -> String {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return String::new();
    };
    let mut text = String::new();
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().ends_with(".snap")
            && let Ok(content) = std::fs::read_to_string(entry.path())
        {
            text.push_str(&content);
        }
    }
    text
}

/// The file's YAML tree (for positions the scenario model does not keep).
fn parse_tree(source: &str) -> Option<Node> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(source, options).ok()
}

/// The value of `key` in a mapping node.
fn member<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.value {
        NodeValue::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
        _ => None,
    }
}

/// The items of a list node.
fn items(node: Option<&Node>) -> &[Node] {
    match node.map(|n| &n.value) {
        Some(NodeValue::Seq(items)) => items,
        _ => &[],
    }
}

/// The lint checks of one parsed file.
struct FileLint<'a> {
    scenario: &'a Scenario,
    source: &'a str,
    tree: Option<&'a Node>,
    found: Vec<Finding>,
}

impl FileLint<'_> {
    fn warn(&mut self, pos: Pos, message: String) {
        self.found.push(Finding {
            severity: Severity::Warning,
            diagnostic: Diagnostic::new(&self.scenario.file, self.source, pos, message),
        });
    }

    /// A capture is used when a later step names it in `{{…}}` (request or expectations), or
    /// when a recorded snapshot of the scenario holds its placeholder (a capture can exist only
    /// to normalise a volatile value in snapshots).
    fn unused_captures(&mut self, snapshot_texts: &str) {
        let uses: Vec<Vec<String>> = self.scenario.steps.iter().map(step_uses).collect();
        for (index, step) in self.scenario.steps.iter().enumerate() {
            for capture in &step.captures {
                let later = uses[index + 1..]
                    .iter()
                    .any(|names| names.contains(&capture.name));
                let in_snapshots = snapshot_texts.contains(&format!("{{{{{}}}}}", capture.name));
                if !later && !in_snapshots {
                    self.warn(
                        capture.pos,
                        format!(
                            "capture `{}` (step {}) is never used: no later step uses \
                             `{{{{{}}}}}` and no snapshot holds it; remove it or use it",
                            capture.name, step.number, capture.name
                        ),
                    );
                }
            }
        }
    }

    /// Two steps of the scenario with the same name (messages and reports name steps by it).
    fn duplicate_step_names(&mut self) {
        let step_nodes = items(self.tree.and_then(|t| member(t, "steps")));
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, step) in self.scenario.steps.iter().enumerate() {
            match first.get(step.name.as_str()) {
                Some(number) => {
                    let pos = step_nodes
                        .get(index)
                        .and_then(|n| member(n, "name"))
                        .map(|n| n.pos)
                        .unwrap_or(step.pos);
                    self.warn(
                        pos,
                        format!(
                            "step {} has the same name as step {number} (`{}`); name steps apart",
                            step.number, step.name
                        ),
                    );
                }
                None => {
                    first.insert(&step.name, step.number);
                }
            }
        }
    }

    /// Actors declared under `actors:` that no step sends as.
    fn unused_actors(&mut self) {
        let actor_nodes = items(self.tree.and_then(|t| member(t, "actors")));
        for node in actor_nodes {
            let NodeValue::String(name) = &node.value else {
                continue;
            };
            if !self.scenario.steps.iter().any(|s| s.actor == *name) {
                self.warn(
                    node.pos,
                    format!("actor `{name}` is declared but no step uses it; remove it"),
                );
            }
        }
    }
}
