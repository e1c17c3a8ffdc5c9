//! The gate's summary of a run: per module and level how many scenarios passed of those that ran
//! (with expected failures and skips said apart), and the verdict: conformant when every `must`
//! scenario that ran passed. The verdict is honest about expected failures (a failed `must` is
//! non-conformance even when the expectations file lists it); the exit status follows the
//! expectations instead. Both go to the console (after the closing line) and the JSON report.

use crate::expectations::{Judgement, MarkKind};
use crate::fidelity::Totals;
use crate::runner::{Outcome, Status};
use crate::scenario::{Level, MODULES, Scenario};
use mwcheck_shared::MediaWikiVersion;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

const LEVELS: [Level; 3] = [Level::Must, Level::Should, Level::May];

/// How the scenarios of one module and level ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Passed (unexpected passes included).
    pub passed: usize,
    /// Failed (expected failures included).
    pub failed: usize,
    /// Of the failed, those the expectations file lists as known failures.
    pub expected: usize,
    pub skipped: usize,
}

impl Counts {
    pub fn ran(&self) -> usize {
        self.passed + self.failed
    }

    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.expected += other.expected;
        self.skipped += other.skipped;
    }

    fn json(&self) -> Value {
        json!({
            "passed": self.passed,
            "ran": self.ran(),
            "failed": self.failed,
            "expected_failures": self.expected,
            "skipped": self.skipped,
        })
    }

    /// `must 41/41 (1 xfail, 3 skipped)`, or `must -` when the level has no scenario.
    fn cell(&self, level: Level) -> String {
        if self.ran() + self.skipped == 0 {
            return format!("{} -", level.as_str());
        }
        let mut notes = Vec::new();
        if self.expected > 0 {
            notes.push(format!("{} xfail", self.expected));
        }
        if self.skipped > 0 {
            notes.push(format!("{} skipped", self.skipped));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        };
        format!("{} {}/{}{notes}", level.as_str(), self.passed, self.ran())
    }
}

/// The whole summary: counts per module (in `MODULES` order, `main` last) and level, and what
/// the verdict needs about the `must` scenarios.
#[derive(Clone, Debug, Default)]
pub struct GateSummary {
    pub modules: Vec<(String, [Counts; 3])>,
    /// Ids of the failed `must` scenarios.
    pub must_failures: Vec<String>,
    /// Why `must` scenarios were skipped: reason (up to its first `:` or `;`) and how many.
    pub must_skips: Vec<(String, usize)>,
    /// The MediaWiki version whose contract the scenarios were read for.
    pub version: Option<MediaWikiVersion>,
    /// The fidelity verdict, when snapshots were compared.
    pub fidelity: Option<Totals>,
    /// `--require-fidelity`: a fidelity difference (or no measure at all) fails the run.
    pub require_fidelity: bool,
}

fn level_index(level: Level) -> usize {
    match level {
        Level::Must => 0,
        Level::Should => 1,
        Level::May => 2,
    }
}

impl GateSummary {
    /// Counts the outcomes of the scenarios (outcomes of unknown ids are ignored).
    pub fn new(scenarios: &[&Scenario], outcomes: &[Outcome], judged: &Judgement) -> GateSummary {
        let by_id: HashMap<&str, &Scenario> =
            scenarios.iter().map(|s| (s.id.as_str(), *s)).collect();
        let mut modules: BTreeMap<usize, (String, [Counts; 3])> = BTreeMap::new();
        let mut must_failures = Vec::new();
        let mut skips: BTreeMap<String, usize> = BTreeMap::new();
        for outcome in outcomes {
            let Some(scenario) = by_id.get(outcome.id.as_str()) else {
                continue;
            };
            let module = scenario.module();
            let order = MODULES
                .iter()
                .position(|m| *m == module)
                .unwrap_or(MODULES.len());
            let counts = &mut modules
                .entry(order)
                .or_insert_with(|| (module.to_owned(), [Counts::default(); 3]))
                .1[level_index(scenario.level)];
            let must = scenario.level == Level::Must;
            match &outcome.status {
                Status::Passed => counts.passed += 1,
                Status::Failed(_) => {
                    counts.failed += 1;
                    let expected =
                        judged.mark(&outcome.id).map(|m| m.kind) == Some(MarkKind::ExpectedFailure);
                    counts.expected += usize::from(expected);
                    if must {
                        must_failures.push(outcome.id.clone());
                    }
                }
                Status::Skipped(reason) => {
                    counts.skipped += 1;
                    if must {
                        let cut = reason.find([':', ';']).unwrap_or(reason.len());
                        *skips.entry(reason[..cut].trim().to_owned()).or_default() += 1;
                    }
                }
            }
        }
        let mut must_skips: Vec<(String, usize)> = skips.into_iter().collect();
        must_skips.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        GateSummary {
            modules: modules.into_values().collect(),
            must_failures,
            must_skips,
            ..GateSummary::default()
        }
    }

    /// The summary with the contract's version and the fidelity verdict.
    pub fn with_fidelity(
        mut self,
        version: MediaWikiVersion,
        fidelity: Option<Totals>,
        required: bool,
    ) -> GateSummary {
        self.version = Some(version);
        self.fidelity = fidelity;
        self.require_fidelity = required;
        self
    }

    /// Whether fidelity fails the run: required, and not measured or not complete.
    pub fn fidelity_fails(&self) -> bool {
        self.require_fidelity && !self.fidelity.as_ref().is_some_and(Totals::complete)
    }

    /// The fidelity line(s): the measure, and what `--require-fidelity` makes of it.
    pub fn fidelity_lines(&self) -> String {
        let mut out = match &self.fidelity {
            Some(totals) => totals.line(),
            None => "FIDELITY not measured (no snapshots compared)".to_owned(),
        };
        if self.fidelity_fails() {
            out.push_str("\nFIDELITY REQUIRED (--require-fidelity): the run fails");
        }
        out
    }

    /// All modules' counts for one level.
    pub fn total(&self, level: Level) -> Counts {
        let mut total = Counts::default();
        for (_, counts) in &self.modules {
            total.add(counts[level_index(level)]);
        }
        total
    }

    /// Conformant: `Some(true)` when every `must` scenario that ran passed, `None` when none ran.
    pub fn conformant(&self) -> Option<bool> {
        let must = self.total(Level::Must);
        (must.ran() > 0).then_some(must.failed == 0)
    }

    /// The verdict line.
    pub fn verdict(&self) -> String {
        let must = self.total(Level::Must);
        let skip_note = (must.skipped > 0).then(|| {
            let reasons: Vec<String> = self
                .must_skips
                .iter()
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            format!("{} skipped: {}", must.skipped, reasons.join(", "))
        });
        match self.conformant() {
            None => match skip_note {
                Some(note) => format!("NO VERDICT: no must scenario ran ({note})"),
                None => "NO VERDICT: no must scenario ran".to_owned(),
            },
            Some(true) => format!(
                "CONFORMANT: every must scenario that ran passed ({}/{}{})",
                must.passed,
                must.ran(),
                skip_note.map(|n| format!("; {n}")).unwrap_or_default()
            ),
            Some(false) => {
                let listed = if self.must_failures.len() <= 10 {
                    format!(": {}", self.must_failures.join(", "))
                } else {
                    String::new()
                };
                let expected = if must.expected > 0 {
                    format!("; {} of them listed as expected failures", must.expected)
                } else {
                    String::new()
                };
                format!(
                    "NOT CONFORMANT: {} must scenario{} failed ({}/{} passed{expected}){listed}",
                    must.failed,
                    if must.failed == 1 { "" } else { "s" },
                    must.passed,
                    must.ran()
                )
            }
        }
    }

    /// The console lines: one per module (levels aligned in columns), then the verdict.
    pub fn console(&self) -> String {
        let rows: Vec<(&str, Vec<String>)> = self
            .modules
            .iter()
            .map(|(module, counts)| {
                let cells = LEVELS
                    .iter()
                    .map(|level| counts[level_index(*level)].cell(*level))
                    .collect();
                (module.as_str(), cells)
            })
            .collect();
        let name_width = rows.iter().map(|(m, _)| m.len()).max().unwrap_or(0);
        let mut widths = [0usize; 3];
        for (_, cells) in &rows {
            for (width, cell) in widths.iter_mut().zip(cells) {
                *width = (*width).max(cell.len());
            }
        }
        let mut out = String::new();
        for (module, cells) in rows {
            let mut line = format!("{module:name_width$}");
            for (cell, width) in cells.iter().zip(widths) {
                line.push_str(&format!("   {cell:width$}"));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push_str(&self.verdict());
        out.push('\n');
        if self.fidelity.is_some() || self.require_fidelity {
            out.push_str(&self.fidelity_lines());
            out.push('\n');
        }
        out
    }

    /// Adds `modules` (per module and level: passed, ran, failed, expected_failures, skipped)
    /// and `verdict` to a JSON report, the summary's `expected_failures` and `unexpected_passes`,
    /// and to each scenario entry its `expectation` (null when the expectations file does not
    /// list it, else its status, reason and entry).
    pub fn add_to_json(&self, report: &mut Value, judged: &Judgement) {
        let mut modules = serde_json::Map::new();
        for (module, counts) in &self.modules {
            let mut levels = serde_json::Map::new();
            for level in LEVELS {
                levels.insert(level.as_str().to_owned(), counts[level_index(level)].json());
            }
            modules.insert(module.clone(), Value::Object(levels));
        }
        let must = self.total(Level::Must);
        let count = |kind| judged.marks.values().filter(|m| m.kind == kind).count();
        if let Some(summary) = report.get_mut("summary").and_then(Value::as_object_mut) {
            // `failed` counts the unexpected failures, as the closing line does.
            let failed = summary.get("failed").and_then(Value::as_u64).unwrap_or(0);
            let xfail = count(MarkKind::ExpectedFailure) as u64;
            summary.insert("failed".into(), failed.saturating_sub(xfail).into());
            summary.insert(
                "expected_failures".into(),
                count(MarkKind::ExpectedFailure).into(),
            );
            summary.insert(
                "unexpected_passes".into(),
                count(MarkKind::UnexpectedPass).into(),
            );
        }
        if let Some(entries) = report.get_mut("scenarios").and_then(Value::as_array_mut) {
            for entry in entries {
                let id = entry["id"].as_str().unwrap_or_default().to_owned();
                entry["expectation"] = judged.mark(&id).map_or(Value::Null, |m| {
                    json!({
                        "status": m.kind.as_str(),
                        "reason": m.reason,
                        "entry": m.entry,
                        "detail": m.detail,
                    })
                });
            }
        }
        report["modules"] = Value::Object(modules);
        if self.fidelity.is_some() || self.require_fidelity {
            let mut fidelity = self.fidelity.as_ref().map_or(json!({}), Totals::json);
            if let Some(object) = fidelity.as_object_mut() {
                object.insert("required".into(), self.require_fidelity.into());
                object.insert("text".into(), self.fidelity_lines().into());
            }
            report["fidelity"] = fidelity;
        }
        report["verdict"] = json!({
            "mediawiki_version": self.version.map(|v| v.to_string()),
            "conformant": self.conformant(),
            "must": must.json(),
            "must_failures": self.must_failures,
            "text": self.verdict(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expectations::Expectations;
    use crate::scenario::parse::parse;

    fn scenario(id: &str, level: &str) -> Scenario {
        let text = format!(
            "title: t\ndocs: [x]\nlevel: {level}\nsteps:\n  - name: s\n    \
             get: {{action: query, meta: userinfo}}\n    expect: {{status: 200}}\n"
        );
        parse(
            id,
            &format!("{id}.yaml"),
            &text,
            mwcheck_shared::MediaWikiVersion::V1_39,
        )
        .unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn outcome(id: &str, status: Status) -> Outcome {
        Outcome {
            id: id.into(),
            status,
            snapshots: Vec::new(),
            fidelity: Default::default(),
            docs: None,
            duration: Default::default(),
            failure: None,
            retries: Vec::new(),
        }
    }

    #[test]
    fn counts_by_module_and_level_and_an_honest_verdict() {
        let all = [
            scenario("tokens/a", "must"),
            scenario("tokens/b", "should"),
            scenario("createaccount/c", "must"),
            scenario("createaccount/d", "must"),
            scenario("createaccount/e", "must"),
        ];
        let selected: Vec<&Scenario> = all.iter().collect();
        let failed = || Status::Failed("c.yaml:3: step 1 \"s\": bad".into());
        let outcomes = vec![
            outcome("tokens/a", Status::Passed),
            outcome("tokens/b", failed()),
            outcome("createaccount/c", Status::Passed),
            outcome("createaccount/d", failed()),
            outcome(
                "createaccount/e",
                Status::Skipped("needs writes: no".into()),
            ),
        ];
        let expectations = Expectations::parse(
            "e.yaml",
            "expected-failures:\n  - {scenario: createaccount/d, reason: T1}\n",
        )
        .unwrap();
        let judged = expectations.judge(&outcomes);
        let summary = GateSummary::new(&selected, &outcomes, &judged);
        assert_eq!(
            summary.console(),
            "createaccount   must 1/2 (1 xfail, 1 skipped)   should -     may -\n\
             tokens          must 1/1                        should 0/1   may -\n\
             NOT CONFORMANT: 1 must scenario failed (2/3 passed; 1 of them listed as expected \
             failures): createaccount/d\n"
        );
        assert_eq!(summary.conformant(), Some(false));
        let passing = vec![outcomes[0].clone(), outcomes[4].clone()];
        let summary = GateSummary::new(&selected, &passing, &Judgement::default());
        assert_eq!(
            summary.verdict(),
            "CONFORMANT: every must scenario that ran passed (1/1; 1 skipped: 1 needs writes)"
        );
        let mut report =
            json!({"summary": {"failed": 1}, "scenarios": [{"id": "createaccount/d"}]});
        GateSummary::new(&selected, &outcomes, &judged).add_to_json(&mut report, &judged);
        assert_eq!(report["summary"]["failed"], 0);
        assert_eq!(report["summary"]["expected_failures"], 1);
        assert_eq!(report["scenarios"][0]["expectation"]["status"], "xfail");
        assert_eq!(report["modules"]["createaccount"]["must"]["ran"], 2);
        assert_eq!(report["verdict"]["conformant"], false);
    }
}
