//! Snapshots of every step's response, recorded from a real MediaWiki and checked on every
//! target: the normalisation that makes two faithful wikis give the same text (generated names,
//! captured values, the target's URL, tokens, ids and dates replaced by placeholders; secrets never
//! written), and the snapshot files themselves, in insta's `.snap` format
//! (`snapshots/<scenario id>/step-NN.snap`), so `cargo test` can check them with insta too; and
//! what a comparison found for one scenario (`Fidelity`, its `Difference`s), which the runner
//! records and `fidelity` totals.

use crate::runner::http::Response;
use crate::vars::Vars;
use mwcheck_shared::MediaWikiVersion;
use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// What a run does with snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotMode {
    /// Neither computes nor checks them.
    Off,
    /// Each step's response must equal its snapshot file.
    Check,
    /// Each passed scenario's snapshot files are (re)written.
    Record,
    /// Computed and handed back in the outcome (for the insta check in `cargo test`).
    Collect,
    /// Each passed scenario's steps whose text differs from their file (or have none) are written
    /// as insta pending files (`step-NN.snap.new`) for `cargo insta review`; accepted files are
    /// left untouched.
    Review,
}

/// The snapshot folder and what to do with it.
#[derive(Clone, Debug)]
pub struct Snapshots {
    pub mode: SnapshotMode,
    pub dir: PathBuf,
}

impl Snapshots {
    pub fn off() -> Snapshots {
        Snapshots {
            mode: SnapshotMode::Off,
            dir: PathBuf::new(),
        }
    }
}

/// One step's normalised response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepSnapshot {
    /// The file's folder relative to the snapshot folder (the scenario id).
    pub folder: String,
    /// The file's name without `.snap` (`step-NN`).
    pub name: String,
    /// What the step is, for the file's header.
    pub description: String,
    pub text: String,
}

impl StepSnapshot {
    pub fn new(scenario_id: &str, step_number: usize, description: String, text: String) -> Self {
        StepSnapshot {
            folder: scenario_id.to_owned(),
            name: format!("step-{step_number:02}"),
            description,
            text,
        }
    }

    pub fn path(&self, dir: &Path) -> PathBuf {
        dir.join(&self.folder).join(format!("{}.snap", self.name))
    }
}

/// A MediaWiki token, raw, JSON-escaped or percent-encoded.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9a-f]{40}(?:\+\\\\|\+\\|%2B%5C)").expect("token pattern is valid")
});

/// Replaces what legitimately differs between targets (and every secret) with placeholders.
pub struct Normalizer {
    /// (text as it may appear, placeholder), longest text first.
    replacements: Vec<(String, String)>,
}

impl Normalizer {
    /// From the scenario's variables: the volatile ones (generated, captured, target-dependent)
    /// become `{{name}}`, and so do the secrets.
    pub fn new(vars: &Vars) -> Normalizer {
        let mut replacements = Vec::new();
        for (name, value) in vars.volatile() {
            if value.chars().count() < 4 {
                continue;
            }
            let placeholder = format!("{{{{{name}}}}}");
            for form in forms(value) {
                if !replacements.iter().any(|(f, _)| *f == form) {
                    replacements.push((form, placeholder.clone()));
                }
            }
        }
        replacements.sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
        Normalizer { replacements }
    }

    /// A step's HTTP response: status, content type, error header, the names of the cookies it
    /// sets, then the body (JSON re-indented without re-encoding, anything else as it came).
    pub fn http(&self, response: &Response, redact: &[String]) -> String {
        let mut out = format!("status: {}\n", response.status);
        for name in ["content-type", "mediawiki-api-error"] {
            if let Some(value) = response.header(name) {
                out.push_str(&format!("{name}: {value}\n"));
            }
        }
        let mut cookies: Vec<&str> = response
            .headers
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split('=').next())
            .map(str::trim)
            .collect();
        cookies.sort_unstable();
        cookies.dedup();
        if !cookies.is_empty() {
            out.push_str(&format!("set-cookie: {}\n", cookies.join(", ")));
        }
        out.push('\n');
        let body = String::from_utf8_lossy(&response.body);
        let body = match serde_json::from_str::<serde_json::Value>(&body) {
            Ok(_) if redact.is_empty() => reindent_json(&body),
            Ok(mut json) => {
                // Masking re-encodes the JSON (serde_json's escapes, not the server's).
                for pointer in redact {
                    if let Some(value) = json.pointer_mut(pointer) {
                        *value = serde_json::Value::String("[redacted]".to_owned());
                    }
                }
                reindent_json(&serde_json::to_string(&json).unwrap_or_default())
            }
            Err(_) => body.into_owned(),
        };
        let mut text = self.text(&body);
        if response
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/vnd.php.serialized"))
        {
            // serialize() prefixes each string with its byte length, which a target's URL changes.
            static PHP_LENGTH: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r#"s:\d+:""#).expect("length pattern is valid"));
            text = PHP_LENGTH.replace_all(&text, r#"s:[len]:""#).into_owned();
        }
        out.push_str(&text);
        out
    }

    /// A mail step's mails.
    pub fn mails(&self, mails: &serde_json::Value) -> String {
        self.text(&serde_json::to_string_pretty(mails).unwrap_or_default())
    }

    /// Any text: placeholders first, then tokens, ids and dates.
    pub fn text(&self, text: &str) -> String {
        // Tokens first: a token carries the time of the request, so one captured earlier need not
        // equal the one a later response holds, even within a session.
        let mut out = TOKEN.replace_all(text, "[token]").into_owned();
        for (form, placeholder) in &self.replacements {
            out = replace_whole(&out, form, placeholder);
        }
        static PATTERNS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
            [
                // Ids the wiki assigns, in JSON and in XML attributes.
                (
                    r#""(id|userid|userID|lguserid|blockid|blockedbyid|centralid)": ?\d+"#,
                    r#""$1": [id]"#,
                ),
                (
                    r#"\b(id|userid|lguserid|blockid|blockedbyid|centralid)="\d+""#,
                    r#"$1="[id]""#,
                ),
                (r"block ID is #\d+", "block ID is #[id]"),
                // 1.43's blockedtext-block-id.
                (r"Block ID #\d+", "Block ID #[id]"),
                // Email confirmation codes (a credential: whoever has it confirms the address).
                (r"Special:(ConfirmEmail|InvalidateEmail)/[0-9a-f]{32}", "Special:$1/[code]"),
                // ConfirmEdit's captcha ids are random.
                (
                    r#"("captchaId": \{\s*"type": "hidden",\s*"value": ")\d+""#,
                    r#"$1[id]""#,
                ),
                // The request id an exception the API caught is reported with.
                (
                    r"\[[0-9a-f]{24}\] (Caught exception|Exception caught)",
                    "[[id]] $1",
                ),
                (
                    r#"("apierror-exceptioncaught(?:type)?",\s*"params": ?\[\s*")[0-9a-f]{24}""#,
                    r#"$1[id]""#,
                ),
                // The HTML pretty-printer page's per-request values.
                (r#""wgRequestId":"[0-9a-f]+""#, r#""wgRequestId":"[id]""#),
                (r#""wgBackendResponseTime":\d+"#, r#""wgBackendResponseTime":[ms]"#),
                // Passwords a wiki makes up and mails (resetpassword, createaccount mailpassword).
                (r"(Temporary password:(?:\\n|\n))[^\\\n\x22]+", "$1[redacted]"),
                (r#"(with password \\?")[^"\\]+"#, "$1[redacted]"),
                // What a wiki in use legitimately differs in: site statistics (pages, edits,
                // users… others created), and the patch release and PHP build it runs.
                (
                    r#""(pages|articles|edits|images|users|activeusers|admins|jobs)": \d+"#,
                    r#""$1": [count]"#,
                ),
                (r"MediaWiki (\d+\.\d+)\.\d+", "MediaWiki $1.[patch]"),
                (r#""phpversion": "\d[^"]*""#, r#""phpversion": "[version]""#),
                (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", "[timestamp]"),
                (r"\b(?:19|20)\d{12}\b", "[timestamp]"),
                (
                    r"\b\d{2}:\d{2}, \d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b",
                    "[date]",
                ),
            ]
            .into_iter()
            .map(|(pattern, with)| (Regex::new(pattern).expect("snapshot pattern is valid"), with))
            .collect()
        });
        for (pattern, with) in PATTERNS.iter() {
            out = pattern.replace_all(&out, *with).into_owned();
        }
        out
    }
}

/// The forms a value takes in responses: as is, JSON-escaped (both PHP's `\uXXXX` and raw UTF-8),
/// percent-encoded, HTML-escaped, and with spaces as underscores (titles, URLs).
fn forms(value: &str) -> Vec<String> {
    let json = serde_json::to_string(value).unwrap_or_default();
    let json = json.trim_matches('"').to_owned();
    let ascii_json: String = json
        .chars()
        .flat_map(|c| {
            if c.is_ascii() {
                vec![c.to_string()]
            } else {
                let mut units = [0u16; 2];
                c.encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("\\u{u:04x}"))
                    .collect()
            }
        })
        .collect();
    let slashed = ascii_json.replace('/', "\\/");
    let url = percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC)
        .to_string();
    let html = value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let mut all = vec![
        value.to_owned(),
        json,
        ascii_json,
        slashed,
        url,
        html,
        value.replace(' ', "_"),
    ];
    all.sort();
    all.dedup();
    all
}

/// `text` with every occurrence of `what` that is not part of a longer word replaced.
fn replace_whole(text: &str, what: &str, with: &str) -> String {
    if what.is_empty() || !text.contains(what) {
        return text.to_owned();
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let edge_is_word = (word(what.chars().next()), word(what.chars().next_back()));
    // A JSON `\uXXXX` escape just before is not part of the word, though it ends in a hex digit.
    static ESCAPE_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\\(?:u[0-9a-fA-F]{4}|[nrtbf])$").expect("escape pattern is valid")
    });
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(what) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + what.len()..].chars().next();
        let before_is_word = word(before) && !ESCAPE_END.is_match(&rest[..at]);
        let glued = (edge_is_word.0 && before_is_word) || (edge_is_word.1 && word(after));
        out.push_str(&rest[..at]);
        out.push_str(if glued { what } else { with });
        rest = &rest[at + what.len()..];
    }
    out.push_str(rest);
    out
}

/// JSON text laid out one member per line (two-space indent, `": "`), its strings, numbers and
/// escapes left exactly as the server wrote them.
pub fn reindent_json(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = raw.trim().chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The recorded text of a snapshot file (after its header), or `None` when there is none.
pub fn read(path: &Path) -> Result<Option<String>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
    };
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(_, body)| body)
        .ok_or_else(|| format!("{} is not a snapshot file (no --- header)", path.display()))?;
    Ok(Some(body.trim_end().replace("\r\n", "\n")))
}

/// Writes a snapshot file the way insta does (a small YAML header, then the text).
pub fn write(dir: &Path, snapshot: &StepSnapshot, source: &str) -> Result<(), String> {
    write_to(&snapshot.path(dir), snapshot, source)
}

/// For review: writes the step as insta's pending file (`step-NN.snap.new`, same format) when it
/// differs from the accepted `step-NN.snap` or there is none, and removes a stale pending file
/// when it equals it. Returns whether a pending file was written.
pub fn write_pending(dir: &Path, snapshot: &StepSnapshot, source: &str) -> Result<bool, String> {
    let accepted = snapshot.path(dir);
    let pending = accepted.with_extension("snap.new");
    if read(&accepted)?.as_deref() == Some(snapshot.text.trim_end()) {
        if pending.exists() {
            std::fs::remove_file(&pending)
                .map_err(|err| format!("cannot remove {}: {err}", pending.display()))?;
        }
        return Ok(false);
    }
    write_to(&pending, snapshot, source).map(|()| true)
}

fn write_to(path: &Path, snapshot: &StepSnapshot, source: &str) -> Result<(), String> {
    let path = path.to_path_buf();
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|err| format!("cannot create {}: {err}", parent.display()))?;
    }
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let text = format!(
        "---\nsource: {}\ndescription: {}\n---\n{}\n",
        quote(source),
        quote(&snapshot.description),
        snapshot.text.trim_end()
    );
    std::fs::write(&path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

/// Removes a scenario's recorded step files (before re-recording it).
pub fn clear(dir: &Path, scenario_id: &str) -> Result<(), String> {
    let folder = dir.join(scenario_id);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("step-") && (name.ends_with(".snap") || name.ends_with(".snap.new")) {
            std::fs::remove_file(entry.path())
                .map_err(|err| format!("cannot remove {}: {err}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Compares a step's text with its recorded snapshot: `None` when equal, else why not.
pub fn check(dir: &Path, snapshot: &StepSnapshot) -> Option<SnapshotProblem> {
    let path = snapshot.path(dir);
    match read(&path) {
        Err(problem) => Some(SnapshotProblem::without_snapshot(problem)),
        Ok(None) => Some(SnapshotProblem::without_snapshot(format!(
            "no snapshot recorded at {} (record with scripts/record-snapshots.sh, or \
             `mwcheck run --target URL --update-snapshots` against a real MediaWiki)",
            path.display()
        ))),
        Ok(Some(recorded)) => {
            let actual = snapshot.text.trim_end();
            (recorded != actual).then(|| {
                let diff = similar::TextDiff::from_lines(recorded.as_str(), actual)
                    .unified_diff()
                    .context_radius(3)
                    .header("snapshot", "this target")
                    .to_string();
                SnapshotProblem {
                    summary: format!("response differs from the snapshot {}", path.display()),
                    recorded: Some(recorded),
                    diff: Some(diff.trim_end().to_owned()),
                }
            })
        }
    }
}

/// Why a step's response does not match its snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotProblem {
    /// One line: which snapshot, and what is wrong with it.
    pub summary: String,
    /// The recorded snapshot, when there is one that differs.
    pub recorded: Option<String>,
    /// Unified diff of the recorded snapshot (`-`) and this target's response (`+`).
    pub diff: Option<String>,
}

impl SnapshotProblem {
    fn without_snapshot(summary: String) -> SnapshotProblem {
        SnapshotProblem {
            summary,
            recorded: None,
            diff: None,
        }
    }

    /// The console's message: the summary, then the diff.
    pub fn message(&self) -> String {
        match &self.diff {
            Some(diff) => format!("{}\n{diff}", self.summary),
            None => self.summary.clone(),
        }
    }
}

/// One scenario's fidelity: the steps compared with their snapshots, and those that differ.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fidelity {
    pub compared: usize,
    pub differences: Vec<Difference>,
}

/// A step whose normalised response is not its snapshot's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub step: usize,
    pub step_name: String,
    /// The step's line in the scenario file.
    pub line: u32,
    /// One line: which snapshot, and what is wrong (none recorded, or it differs).
    pub summary: String,
    /// Unified diff of the snapshot (`-`) and this target (`+`), when there is a snapshot.
    pub diff: Option<String>,
}

/// The snapshot set of `version` under the snapshots folder.
pub fn snapshot_dir(root: &Path, version: MediaWikiVersion) -> PathBuf {
    root.join(version.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindenting_keeps_strings_and_escapes() {
        let raw = r#"{"a":{"b":[1,"x,y:\"{"],"c":{}},"d":[],"e":"\u00e9"}"#;
        let out = reindent_json(raw);
        assert_eq!(
            out,
            "{\n  \"a\": {\n    \"b\": [\n      1,\n      \"x,y:\\\"{\"\n    ],\n    \"c\": {}\n  },\n  \"d\": [],\n  \"e\": \"\\u00e9\"\n}"
        );
    }

    #[test]
    fn placeholders_replace_whole_values_only() {
        let mut vars = Vars::default();
        vars.set_volatile("user", "Mwcheck ab12".to_owned(), false);
        vars.set_volatile("admin_user", "Admin".to_owned(), false);
        vars.set("pw", "hunter22-secret".to_owned(), true);
        let n = Normalizer::new(&vars);
        assert_eq!(
            n.text("Mwcheck ab12 and Mwcheck_ab12, Admin not Administrators, hunter22-secret"),
            "{{user}} and {{user}}, {{admin_user}} not Administrators, {{pw}}"
        );
        assert_eq!(
            n.text(r#""\u202aAdmin\u202c", "xAdmin""#),
            r#""\u202a{{admin_user}}\u202c", "xAdmin""#
        );
        assert_eq!(
            n.text(r#"Temporary password:\nab12cd34\n and with password \"zz-top9\".\n"#),
            r#"Temporary password:\n[redacted]\n and with password \"[redacted]\".\n"#
        );
    }

    #[test]
    fn tokens_ids_and_dates_are_masked() {
        let n = Normalizer::new(&Vars::default());
        let token = format!("{}{}+\\\\", "a".repeat(32), "b".repeat(8));
        let text = format!(
            r#"{{"csrftoken": "{token}", "userid": 17, "ts": "2026-11-23T10:00:00Z", "m": "at 10:00, 23 November 2026"}}"#
        );
        assert_eq!(
            n.text(&text),
            r#"{"csrftoken": "[token]", "userid": [id], "ts": "[timestamp]", "m": "at [date]"}"#
        );
    }
}
