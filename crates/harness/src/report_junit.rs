//! The JUnit XML report, for CI test summaries (GitLab's test report, Jenkins' junit step,
//! GitHub actions that read JUnit files).
//!
//! One `<testsuite>` per module (createaccount, login, tokens, …), not per configuration: all
//! three readers group and count by suite, and a module is what a reader of the summary asks
//! about ("is createaccount conformant?"); configurations are few and mostly hold one module.
//! Each `<testcase>` is a scenario: `name` is its id, `classname` is `module.level` (Jenkins
//! splits it at the last dot into package `module` and class `level`, so its tree is the module
//! by level matrix), `file` its scenario file (GitLab links it). A failure is
//! `<failure message="first line" type="LEVEL">` with the step, request, expectation, response
//! and diff as text; a skip is `<skipped message="reason"/>`. Suite properties name the target,
//! the counts per level and the fidelity verdict; a scenario whose responses differ from the
//! reference version's snapshots carries the diffs in `<system-out>` (and, under
//! `--require-fidelity`, a `<failure type="fidelity">` when it passed otherwise). Everything is escaped, characters XML 1.0 forbids are dropped, and
//! secrets were redacted before (see [`crate::report_entries`]).

use crate::report_entries::{Counts, Entry, Kind, LEVELS, failure_text, fidelity_text, modules};
use crate::summary::GateSummary;
use std::fmt::Write;
use std::time::{Duration, SystemTime};

/// The JUnit XML document.
pub fn junit(
    target: &str,
    started: SystemTime,
    entries: &[Entry],
    summary: &GateSummary,
) -> String {
    let timestamp = iso_timestamp(started);
    let fidelity_fails = summary.require_fidelity;
    let failed = |e: &Entry| {
        e.kind == Kind::Failed
            || (fidelity_fails && e.kind == Kind::Passed && !e.fidelity.is_empty())
    };
    let mut total = Counts::of(entries);
    total.failed = entries.iter().filter(|e| failed(e)).count();
    total.passed = entries
        .iter()
        .filter(|e| e.kind == Kind::Passed && !failed(e))
        .count();
    let total_time: Duration = entries.iter().map(|e| e.duration).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"mwcheck\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\" timestamp=\"{timestamp}\">",
        total.total(),
        total.failed,
        total.skipped,
        seconds(total_time)
    );
    for module in modules(entries) {
        let cases: Vec<&Entry> = entries.iter().filter(|e| e.module == module).collect();
        let mut counts = Counts::of(cases.iter().copied());
        counts.failed = cases.iter().filter(|e| failed(e)).count();
        counts.passed = cases
            .iter()
            .filter(|e| e.kind == Kind::Passed && !failed(e))
            .count();
        let time: Duration = cases.iter().map(|e| e.duration).sum();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\" timestamp=\"{timestamp}\">",
            attr(&module),
            counts.total(),
            counts.failed,
            counts.skipped,
            seconds(time)
        );
        out.push_str("    <properties>\n");
        property(&mut out, "    ", "target", target);
        for level in LEVELS {
            let at_level = Counts::of(cases.iter().copied().filter(|e| e.level == level));
            if at_level.total() > 0 {
                let value = format!(
                    "{} passed, {} failed, {} skipped",
                    at_level.passed, at_level.failed, at_level.skipped
                );
                property(&mut out, "    ", &format!("level.{level}"), &value);
            }
        }
        if summary.fidelity.is_some() || summary.require_fidelity {
            property(&mut out, "    ", "fidelity", &summary.fidelity_lines());
        }
        out.push_str("    </properties>\n");
        for entry in cases {
            testcase(&mut out, entry, fidelity_fails);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn property(out: &mut String, indent: &str, name: &str, value: &str) {
    let _ = writeln!(
        out,
        "{indent}  <property name=\"{}\" value=\"{}\"/>",
        attr(name),
        attr(value)
    );
}

fn testcase(out: &mut String, entry: &Entry, fidelity_fails: bool) {
    let file = if entry.file.is_empty() {
        String::new()
    } else {
        format!(" file=\"{}\"", attr(&entry.file))
    };
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}.{}\" time=\"{}\"{file}>",
        attr(&entry.id),
        attr(&entry.module),
        attr(&entry.level),
        seconds(entry.duration)
    );
    out.push_str("      <properties>\n");
    property(out, "      ", "level", &entry.level);
    out.push_str("      </properties>\n");
    let fidelity = (!entry.fidelity.is_empty()).then(|| {
        format!(
            "FIDELITY: {} step(s) differ from the reference version's snapshots\n{}",
            entry.fidelity.len(),
            fidelity_text(entry)
        )
    });
    match entry.kind {
        Kind::Passed => {
            if let Some(fidelity) = &fidelity {
                if fidelity_fails {
                    let _ = writeln!(
                        out,
                        "      <failure message=\"{}\" type=\"fidelity\">{}</failure>",
                        attr(fidelity.lines().next().unwrap_or_default()),
                        text(fidelity)
                    );
                }
                let _ = writeln!(out, "      <system-out>{}</system-out>", text(fidelity));
            }
        }
        Kind::Skipped => {
            let _ = writeln!(out, "      <skipped message=\"{}\"/>", attr(&entry.message));
        }
        Kind::Failed => {
            let first = entry
                .failure
                .as_ref()
                .map_or(entry.message.as_str(), |d| d.message.as_str())
                .lines()
                .next()
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attr(first),
                attr(&entry.level),
                text(&failure_text(entry))
            );
            let _ = writeln!(
                out,
                "      <system-out>{}</system-out>",
                text(&format!(
                    "{}\n{}\n{}",
                    entry.title,
                    entry.file,
                    fidelity.as_deref().unwrap_or_default()
                ))
            );
        }
    }
    out.push_str("    </testcase>\n");
}

/// Whether XML 1.0 allows the character.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Character data: `&`, `<`, `>` escaped, forbidden characters dropped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // A bare CR would be read back as a line end.
            '\r' => out.push_str("&#13;"),
            other => out.push(other),
        }
    }
    out
}

/// An attribute value (in double quotes): also quotes, and whitespace kept as references so
/// that readers do not normalise newlines to spaces.
pub fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            other => out.push(other),
        }
    }
    out
}

fn seconds(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64())
}

/// `YYYY-MM-DDTHH:MM:SS` in UTC (JUnit's timestamp has no zone).
pub fn iso_timestamp(when: SystemTime) -> String {
    let secs = when
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let zoned = mwcheck_shared::iso8601(secs);
    zoned.trim_end_matches('Z').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::detail::{FailureDetail, RequestRecord, ResponseRecord};

    fn entry(id: &str, module: &str, level: &str, kind: Kind, message: &str) -> Entry {
        Entry {
            id: id.into(),
            title: format!("title of {id}"),
            file: format!("scenarios/{id}.yaml"),
            module: module.into(),
            level: level.into(),
            kind,
            message: message.into(),
            failure: None,
            duration: Duration::from_millis(1500),
            expected_failure: false,
            fidelity: Vec::new(),
        }
    }

    fn sample() -> Vec<Entry> {
        let mut failed = entry("login/x", "login", "must", Kind::Failed, "x.yaml:3: bad");
        failed.failure = Some(FailureDetail {
            step: 2,
            step_name: "log in <now>".into(),
            file: "scenarios/login/x.yaml".into(),
            line: 14,
            message: "body differs at /login/result\n  expected \"Success\", got \"Failed\"".into(),
            request: Some(RequestRecord {
                method: "POST".into(),
                url: "http://w/api.php?action=login&format=json".into(),
                body_params: vec![("lgpassword".into(), "[redacted]".into())],
                multipart: false,
                headers: Vec::new(),
            }),
            expected: Some("status: 200\njson:\n{\"a\": \"b & c\"}".into()),
            actual: Some(ResponseRecord {
                status: Some(200),
                content_type: Some("application/json".into()),
                headers: Vec::new(),
                body: "{\"a\": \"<x>\u{1}\"}".into(),
            }),
            diff: Some("--- expected\n+++ actual\n-a\n+b".into()),
        });
        vec![
            entry("tokens/a", "tokens", "must", Kind::Passed, ""),
            failed,
            entry(
                "login/y",
                "login",
                "should",
                Kind::Skipped,
                "needs \"writes\" & <mail>",
            ),
        ]
    }

    #[test]
    fn suites_per_module_with_counts() {
        let xml = junit(
            "mock <a&b>",
            SystemTime::UNIX_EPOCH,
            &sample(),
            &GateSummary::default(),
        );
        assert!(xml.contains(
            "<testsuites name=\"mwcheck\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"4.500\" timestamp=\"1970-01-01T00:00:00\">"
        ));
        assert!(xml.contains(
            "<testsuite name=\"login\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"3.000\""
        ));
        assert!(xml.contains("<testsuite name=\"tokens\" tests=\"1\" failures=\"0\""));
        assert!(xml.contains("<property name=\"target\" value=\"mock &lt;a&amp;b&gt;\"/>"));
        assert!(
            xml.contains("<property name=\"level.must\" value=\"0 passed, 1 failed, 0 skipped\"/>")
        );
        assert!(xml.contains(
            "<testcase name=\"login/x\" classname=\"login.must\" time=\"1.500\" file=\"scenarios/login/x.yaml\">"
        ));
        assert!(xml.contains("<skipped message=\"needs &quot;writes&quot; &amp; &lt;mail&gt;\"/>"));
    }

    #[test]
    fn failures_carry_escaped_details_without_forbidden_characters() {
        let xml = junit(
            "t",
            SystemTime::UNIX_EPOCH,
            &sample(),
            &GateSummary::default(),
        );
        assert!(xml.contains(
            "<failure message=\"body differs at /login/result\" type=\"must\">scenarios/login/x.yaml:14: step 2 \"log in &lt;now&gt;\"\n"
        ));
        assert!(xml.contains("POST http://w/api.php?action=login&amp;format=json"));
        assert!(xml.contains("lgpassword=[redacted]"));
        assert!(xml.contains("{\"a\": \"b &amp; c\"}"));
        assert!(xml.contains("{\"a\": \"&lt;x&gt;\"}"));
        assert!(!xml.contains('\u{1}'));
        assert!(xml.contains("  +b\n"));
    }

    #[test]
    fn attributes_keep_newlines_as_references() {
        assert_eq!(attr("a\nb\t'c'\u{0}\u{FFFE}"), "a&#10;b&#9;&apos;c&apos;");
        assert_eq!(text("a\r\nb\u{B}]]>"), "a&#13;\nb]]&gt;");
    }

    #[test]
    fn timestamps_are_civil_utc() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_709_210_096);
        assert_eq!(iso_timestamp(at), "2024-02-29T12:34:56");
    }
}
