//! The HTML report: one self-contained page (inline CSS, no script, nothing fetched) with the
//! target, the date and the counts, a matrix of modules (rows) by level (columns) with passed,
//! failed and skipped counts, then every failure (scenario, level, step, file:line, request,
//! expected and actual responses, the diff with added and removed lines coloured), and the skipped
//! and passed scenarios in collapsed lists. Every text is HTML-escaped; secrets were redacted
//! before (see [`crate::report_entries`]).

use crate::report_entries::{Counts, Entry, Kind, LEVELS, modules, request_text, response_text};
use crate::report_junit::iso_timestamp;
use crate::summary::GateSummary;
use std::fmt::Write;
use std::time::SystemTime;

const STYLE: &str = "
:root{--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--skip:#57606a;--skip-bg:#eaeef2;
--line:#d0d7de;--muted:#57606a;--code-bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1f2328;background:#fff}
main{max-width:1200px;margin:0 auto;padding:24px 32px 64px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:0}h4{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:14px 0 4px}
code,pre{font:13px/1.45 ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace}
pre{background:var(--code-bg);border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:0;overflow:auto;max-height:480px;white-space:pre-wrap;overflow-wrap:anywhere}
.meta{color:var(--muted);margin:0 0 14px}.meta p{margin:2px 0 0}.meta code{color:#1f2328}
.meta details{border:0;padding:0;margin:0}.meta summary{font-weight:400}.chip.zero{background:#fff;color:#8c959f;border:1px solid var(--line)}
.chips{display:flex;gap:10px;flex-wrap:wrap;align-items:center}
.chip{border-radius:999px;padding:3px 12px;font-weight:600;font-size:14px}
.chip.pass{background:var(--pass-bg);color:var(--pass)}.chip.fail{background:var(--fail-bg);color:var(--fail)}
.chip.skip{background:var(--skip-bg);color:var(--skip)}
.verdict{margin:16px 0 0;padding:10px 14px;border-radius:6px;font-weight:600}
.verdict.pass{background:var(--pass-bg);color:var(--pass)}.verdict.fail{background:var(--fail-bg);color:var(--fail)}.verdict.none{background:var(--skip-bg);color:var(--skip)}
table.matrix{border-collapse:collapse;width:100%;font-size:14px}
.matrix th,.matrix td{border:1px solid var(--line);padding:6px 10px;text-align:center}
.matrix th{background:var(--code-bg)}.matrix th:first-child,.matrix td:first-child{text-align:left}
.matrix td.cell{min-width:130px}.matrix .big{font-weight:700;font-size:15px}.matrix .small{display:block;font-size:12px}
.matrix td.pass{background:var(--pass-bg);color:var(--pass)}.matrix td.fail{background:var(--fail-bg);color:var(--fail)}
.matrix td.skip{background:var(--skip-bg);color:var(--skip)}.matrix td.none{color:#8c959f}
.matrix a{color:inherit}.matrix tr.total td{font-weight:600;border-top:2px solid #8c959f}
.failure{border:1px solid var(--line);border-left:5px solid var(--fail);border-radius:6px;padding:14px 18px;margin:0 0 22px}
.failure .title{margin:2px 0 6px}.failure .where{color:var(--muted);font-size:13px;margin:0 0 8px}
.badge{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;font-weight:700;text-transform:uppercase;margin-right:6px;vertical-align:1px}
.badge.must{background:var(--fail);color:#fff}.badge.should{background:#9a6700;color:#fff}.badge.may{background:var(--skip);color:#fff}
.message{background:var(--fail-bg);border-color:#ffcecb;white-space:pre-wrap}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:14px}.pair>div{min-width:0}
.diff .add{background:#dafbe1;color:#116329;display:block}.diff .del{background:#ffebe9;color:#82071e;display:block}
.diff .hunk{color:#0550ae;display:block}.diff .head{color:var(--muted);font-weight:700;display:block}
details{border:1px solid var(--line);border-radius:6px;padding:8px 14px;margin:0 0 12px}
summary{cursor:pointer;font-weight:600}details ul{margin:8px 0 0;padding-left:20px}details li{margin:3px 0}
.reason{color:var(--muted)}
";

/// Targets longer than this (in characters) are folded in the header.
const TARGET_FOLD: usize = 100;

/// The HTML page.
pub fn html(target: &str, started: SystemTime, entries: &[Entry], summary: &GateSummary) -> String {
    let counts = Counts::of(entries);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>mwcheck report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(target)
    );
    // A run over many built-in mocks has a long label: it folds away after its start.
    let target_html = if target.chars().count() > TARGET_FOLD {
        let start: String = target.chars().take(TARGET_FOLD).collect();
        format!(
            "<details class=\"target\"><summary>Target <code>{}…</code></summary>\
             <code id=\"target\">{}</code></details>",
            escape(&start),
            escape(target)
        )
    } else {
        format!("Target <code id=\"target\">{}</code>", escape(target))
    };
    let chip = |class: &str, count: usize, label: &str| {
        let class = if count == 0 { "zero" } else { class };
        format!("<span class=\"chip {class}\">{count} {label}</span>")
    };
    let _ = write!(
        out,
        "<header>\n<h1>mwcheck conformance report</h1>\n\
         <div class=\"meta\">{target_html}<p>Run {} UTC · {} scenarios</p></div>\n\
         <div class=\"chips\" id=\"counts\">{}{}{}</div>\n",
        iso_timestamp(started).replace('T', " "),
        counts.total(),
        chip("pass", counts.passed, "passed"),
        chip("fail", counts.failed, "failed"),
        chip("skip", counts.skipped, "skipped"),
    );
    // The verdict is the gate's own (the console's and the JSON report's): an expected failure
    // is still a failed must.
    let class = match summary.conformant() {
        Some(true) => "pass",
        Some(false) => "fail",
        None => "none",
    };
    let verdict = format!(
        "<p class=\"verdict {class}\" id=\"verdict\">{}</p>\n",
        escape(&summary.verdict())
    );
    out.push_str(&verdict);
    if summary.fidelity.is_some() || summary.require_fidelity {
        let class = if summary.fidelity_fails() {
            "fail"
        } else if summary.fidelity.as_ref().is_some_and(|f| f.complete()) {
            "pass"
        } else {
            "none"
        };
        let _ = writeln!(
            out,
            "<p class=\"verdict {class}\" id=\"fidelity\">{}</p>",
            escape(&summary.fidelity_lines())
        );
    }
    out.push_str("</header>\n");
    let failures: Vec<&Entry> = entries.iter().filter(|e| e.kind == Kind::Failed).collect();
    matrix(&mut out, entries, &failures);
    let _ = writeln!(
        out,
        "<h2 id=\"failures\">Failures ({})</h2>",
        failures.len()
    );
    if failures.is_empty() {
        out.push_str("<p>No scenario failed.</p>\n");
    }
    for (index, entry) in failures.iter().enumerate() {
        failure(&mut out, index, entry);
    }
    fidelity_section(&mut out, entries);
    listing(&mut out, "skipped", "Skipped", entries, Kind::Skipped);
    listing(&mut out, "passed", "Passed", entries, Kind::Passed);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Modules by level; a cell with failures links to its first one.
fn matrix(out: &mut String, entries: &[Entry], failures: &[&Entry]) {
    out.push_str("<h2 id=\"matrix-title\">Modules by level</h2>\n<table class=\"matrix\" id=\"matrix\">\n<thead><tr><th>Module</th>");
    for level in LEVELS {
        let _ = write!(out, "<th>{level}</th>");
    }
    out.push_str("<th>all levels</th></tr></thead>\n<tbody>\n");
    for module in modules(entries) {
        let _ = write!(out, "<tr><td><code>{}</code></td>", escape(&module));
        for level in LEVELS {
            let here = |e: &&Entry| e.module == module && e.level == level;
            let first = failures.iter().position(&here);
            cell(out, Counts::of(entries.iter().filter(here)), first);
        }
        let first = failures.iter().position(|e| e.module == module);
        cell(
            out,
            Counts::of(entries.iter().filter(|e| e.module == module)),
            first,
        );
        out.push_str("</tr>\n");
    }
    out.push_str("<tr class=\"total\"><td>all modules</td>");
    for level in LEVELS {
        let first = failures.iter().position(|e| e.level == level);
        cell(
            out,
            Counts::of(entries.iter().filter(|e| e.level == level)),
            first,
        );
    }
    cell(
        out,
        Counts::of(entries),
        (!failures.is_empty()).then_some(0),
    );
    out.push_str("</tr>\n</tbody>\n</table>\n");
}

fn cell(out: &mut String, counts: Counts, first_failure: Option<usize>) {
    if counts.total() == 0 {
        out.push_str("<td class=\"cell none\">–</td>");
        return;
    }
    let class = if counts.failed > 0 {
        "fail"
    } else if counts.passed > 0 {
        "pass"
    } else {
        "skip"
    };
    let ran = counts.passed + counts.failed;
    let mut notes = Vec::new();
    if counts.failed > 0 {
        let text = format!("{} failed", counts.failed);
        notes.push(match first_failure {
            Some(index) => format!("<a href=\"#failure-{index}\">{text}</a>"),
            None => text,
        });
    }
    if counts.skipped > 0 {
        notes.push(format!("{} skipped", counts.skipped));
    }
    let _ = write!(
        out,
        "<td class=\"cell {class}\" title=\"{} passed, {} failed, {} skipped\"><span class=\"big\">{}/{ran}</span>\
         <span class=\"small\">{}</span></td>",
        counts.passed,
        counts.failed,
        counts.skipped,
        counts.passed,
        if notes.is_empty() {
            "passed".to_owned()
        } else {
            notes.join(" · ")
        }
    );
}

fn failure(out: &mut String, index: usize, entry: &Entry) {
    let _ = write!(
        out,
        "<article class=\"failure\" id=\"failure-{index}\">\n<h3><span class=\"badge {level}\">{level}</span>\
         <code>{}</code></h3>\n<p class=\"title\">{}</p>\n",
        escape(&entry.id),
        escape(&entry.title),
        level = escape(&entry.level)
    );
    let Some(detail) = &entry.failure else {
        let _ = writeln!(
            out,
            "<p class=\"where\">module {} · {}</p>\n<pre class=\"message\">{}</pre>\n</article>",
            escape(&entry.module),
            escape(&entry.file),
            escape(&entry.message)
        );
        return;
    };
    let _ = writeln!(
        out,
        "<p class=\"where\">module {} · step {} “{}” · <code>{}:{}</code></p>\n<pre class=\"message\">{}</pre>",
        escape(&entry.module),
        detail.step,
        escape(&detail.step_name),
        escape(&detail.file),
        detail.line,
        escape(&detail.message)
    );
    if let Some(request) = &detail.request {
        let _ = writeln!(
            out,
            "<h4>Request</h4>\n<pre class=\"request\">{}</pre>",
            escape(request_text(request).trim_end())
        );
    }
    out.push_str("<div class=\"pair\">\n");
    let expected = detail.expected.as_deref().unwrap_or("(nothing explicit)");
    let _ = writeln!(
        out,
        "<div><h4>Expected</h4>\n<pre class=\"expected\">{}</pre></div>",
        escape(expected.trim_end())
    );
    let actual = detail
        .actual
        .as_ref()
        .map_or_else(|| "(no response)".to_owned(), response_text);
    let _ = writeln!(
        out,
        "<div><h4>Actual</h4>\n<pre class=\"actual\">{}</pre></div>",
        escape(actual.trim_end())
    );
    out.push_str("</div>\n");
    if let Some(diff) = &detail.diff {
        out.push_str("<h4>Diff</h4>\n<pre class=\"diff\">");
        diff_lines(out, diff);
        out.push_str("</pre>\n");
    }
    out.push_str("</article>\n");
}

/// A unified diff's lines, added and removed ones coloured.
fn diff_lines(out: &mut String, diff: &str) {
    for line in diff.lines() {
        let class = if line.starts_with("+++") || line.starts_with("---") {
            "head"
        } else if line.starts_with('+') {
            "add"
        } else if line.starts_with('-') {
            "del"
        } else if line.starts_with("@@") {
            "hunk"
        } else {
            ""
        };
        if class.is_empty() {
            let _ = writeln!(out, "{}", escape(line));
        } else {
            // Block spans end the line themselves.
            let _ = write!(out, "<span class=\"{class}\">{}</span>", escape(line));
        }
    }
}

/// Every step whose response differs from the reference version's snapshot, with its diff.
fn fidelity_section(out: &mut String, entries: &[Entry]) {
    let differing: Vec<&Entry> = entries.iter().filter(|e| !e.fidelity.is_empty()).collect();
    if differing.is_empty() {
        return;
    }
    let steps: usize = differing.iter().map(|e| e.fidelity.len()).sum();
    let _ = writeln!(
        out,
        "<h2 id=\"fidelity-differences\">Fidelity differences ({steps})</h2>"
    );
    for entry in differing {
        for difference in &entry.fidelity {
            let _ = writeln!(
                out,
                "<details class=\"fidelity\"><summary><code>{}</code> step {} “{}” · <code>{}:{}</code></summary>\n<p>{}</p>",
                escape(&entry.id),
                difference.step,
                escape(&difference.step_name),
                escape(&entry.file),
                difference.line,
                escape(&difference.summary)
            );
            if let Some(diff) = &difference.diff {
                out.push_str("<pre class=\"diff\">");
                diff_lines(out, diff);
                out.push_str("</pre>\n");
            }
            out.push_str("</details>\n");
        }
    }
}

fn listing(out: &mut String, id: &str, label: &str, entries: &[Entry], kind: Kind) {
    let listed: Vec<&Entry> = entries.iter().filter(|e| e.kind == kind).collect();
    if listed.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<details id=\"{id}\">\n<summary>{label} ({})</summary>\n<ul>",
        listed.len()
    );
    for entry in listed {
        let reason = if entry.message.is_empty() {
            String::new()
        } else {
            format!(
                " <span class=\"reason\">— {}</span>",
                escape(&entry.message)
            )
        };
        let _ = writeln!(
            out,
            "<li><span class=\"badge {level}\">{level}</span><code>{}</code>{reason}</li>",
            escape(&entry.id),
            level = escape(&entry.level)
        );
    }
    out.push_str("</ul>\n</details>\n");
}

/// Text for HTML content and attributes; control characters other than tab and newline dropped.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::detail::{FailureDetail, RequestRecord, ResponseRecord};
    use std::time::Duration;

    fn entry(id: &str, module: &str, level: &str, kind: Kind, message: &str) -> Entry {
        Entry {
            id: id.into(),
            title: format!("title <{id}>"),
            file: format!("scenarios/{id}.yaml"),
            module: module.into(),
            level: level.into(),
            kind,
            message: message.into(),
            failure: None,
            duration: Duration::ZERO,
            expected_failure: false,
            fidelity: Vec::new(),
        }
    }

    fn sample() -> Vec<Entry> {
        let mut failed = entry(
            "createaccount/p",
            "createaccount",
            "must",
            Kind::Failed,
            "m",
        );
        failed.failure = Some(FailureDetail {
            step: 3,
            step_name: "create <b>".into(),
            file: "scenarios/createaccount/p.yaml".into(),
            line: 21,
            message: "body differs at /createaccount/status".into(),
            request: Some(RequestRecord {
                method: "POST".into(),
                url: "http://w/api.php?a=1&b=2".into(),
                body_params: vec![("password".into(), "[redacted]".into())],
                multipart: false,
                headers: Vec::new(),
            }),
            expected: Some("json:\n{\"status\": \"PASS\"}".into()),
            actual: Some(ResponseRecord {
                status: Some(200),
                content_type: Some("application/json".into()),
                headers: Vec::new(),
                body: "{\"error\": \"<script>alert(1)</script>\"}".into(),
            }),
            diff: Some("--- expected\n+++ actual\n@@ -1 +1 @@\n-\"PASS\"\n+\"FAIL\"\n same".into()),
        });
        vec![
            failed,
            entry(
                "createaccount/q",
                "createaccount",
                "should",
                Kind::Passed,
                "",
            ),
            entry("createaccount/r", "createaccount", "must", Kind::Passed, ""),
            entry("tokens/s", "tokens", "may", Kind::Skipped, "needs <mail>"),
        ]
    }

    /// The gate's summary of `sample()`: createaccount must 1/2, should 1/1; tokens may skipped.
    fn sample_summary() -> GateSummary {
        use crate::summary::Counts as Gate;
        let ran = |passed, failed| Gate {
            passed,
            failed,
            ..Gate::default()
        };
        let skipped = Gate {
            skipped: 1,
            ..Gate::default()
        };
        GateSummary {
            modules: vec![
                (
                    "createaccount".into(),
                    [ran(1, 1), ran(1, 0), Gate::default()],
                ),
                ("tokens".into(), [Gate::default(), Gate::default(), skipped]),
            ],
            must_failures: vec!["createaccount/p".into()],
            must_skips: Vec::new(),
            ..GateSummary::default()
        }
    }

    #[test]
    fn matrix_counts_per_module_and_level() {
        let page = html("mock", SystemTime::UNIX_EPOCH, &sample(), &sample_summary());
        assert!(page.contains("<tr><td><code>createaccount</code></td><td class=\"cell fail\" title=\"1 passed, 1 failed, 0 skipped\"><span class=\"big\">1/2</span><span class=\"small\"><a href=\"#failure-0\">1 failed</a></span></td><td class=\"cell pass\""));
        assert!(page.contains("<tr><td><code>tokens</code></td><td class=\"cell none\">–</td><td class=\"cell none\">–</td><td class=\"cell skip\""));
        assert!(page.contains("<span class=\"chip pass\">2 passed</span><span class=\"chip fail\">1 failed</span><span class=\"chip skip\">1 skipped</span>"));
        assert!(page.contains(
            "<p class=\"verdict fail\" id=\"verdict\">NOT CONFORMANT: 1 must scenario failed (1/2 passed): createaccount/p</p>"
        ));
    }

    #[test]
    fn failures_are_escaped_and_diffs_coloured() {
        let page = html("a\"b", SystemTime::UNIX_EPOCH, &sample(), &sample_summary());
        assert!(!page.contains("<script>"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("<code id=\"target\">a&quot;b</code>"));
        assert!(page.contains(
            "step 3 “create &lt;b&gt;” · <code>scenarios/createaccount/p.yaml:21</code>"
        ));
        assert!(page.contains("POST http://w/api.php?a=1&amp;b=2\nbody (application/x-www-form-urlencoded):\n  password=[redacted]"));
        assert!(page.contains("<span class=\"del\">-&quot;PASS&quot;</span><span class=\"add\">+&quot;FAIL&quot;</span> same\n"));
        assert!(page.contains("<span class=\"hunk\">@@ -1 +1 @@</span>"));
        assert!(page.contains("<li><span class=\"badge may\">may</span><code>tokens/s</code> <span class=\"reason\">— needs &lt;mail&gt;</span></li>"));
    }

    #[test]
    fn escaping_drops_control_characters() {
        assert_eq!(escape("a\u{0}b\u{1b}[1m'<\n"), "ab[1m&#39;&lt;\n");
    }
}
