//! Which scenarios a run or a listing takes (`--filter`, `--tag`, `--level`, `--docs`) and, for
//! each one left out, which option left it out; and the dry run's account of every scenario:
//! would run, would be skipped (and why), or filtered out (and by what).

use crate::expectations::Expectations;
use crate::filter::filter_matches;
use crate::scenario::{Level, Scenario};

/// The selection options of `mwcheck run` and `mwcheck list`. Within one option any value
/// selects (filters, tags, levels); an option with no values does not restrict.
#[derive(Clone, Copy, Debug, Default)]
pub struct Selection<'a> {
    pub filters: &'a [String],
    pub tags: &'a [String],
    pub levels: &'a [Level],
    /// Documentation mode: only documentation scenarios (those with claims).
    pub docs_only: bool,
}

impl Selection<'_> {
    /// Whether any option restricts the selection.
    pub fn restricts(&self) -> bool {
        !(self.filters.is_empty() && self.tags.is_empty() && self.levels.is_empty())
            || self.docs_only
    }

    /// Why the scenario is left out (`None`: it is selected); names the first option that
    /// leaves it out.
    pub fn why_not(&self, scenario: &Scenario) -> Option<String> {
        if !self.filters.is_empty() && !self.filters.iter().any(|f| filter_matches(f, &scenario.id))
        {
            return Some("matches no --filter".to_owned());
        }
        if !self.tags.is_empty() && !self.tags.iter().any(|t| scenario.tags.contains(t)) {
            let tags = if scenario.tags.is_empty() {
                "none".to_owned()
            } else {
                scenario.tags.join(", ")
            };
            return Some(format!("has no --tag given (its tags: {tags})"));
        }
        if !self.levels.is_empty() && !self.levels.contains(&scenario.level) {
            return Some(format!(
                "level `{}` is not a --level given",
                scenario.level.as_str()
            ));
        }
        if self.docs_only && !scenario.is_docs() {
            return Some("not a documentation scenario (--docs)".to_owned());
        }
        None
    }

    /// The selected scenarios, in the given order.
    pub fn select<'s>(&self, scenarios: &'s [Scenario]) -> Vec<&'s Scenario> {
        scenarios
            .iter()
            .filter(|s| self.why_not(s).is_none())
            .collect()
    }
}

/// What a dry run found for one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    Run,
    /// Selected, but the target cannot run it: the runner's skip reason.
    Skip(String),
    /// Left out by a selection option.
    FilteredOut(String),
}

/// The dry run's console text: one line per scenario (`run`, `skip`, `filtered`) with its level
/// and the reason, a note on scenarios the expectations file expects to fail, and a closing line.
/// `plans` gives, for each scenario id in `scenarios`' order, its plan.
pub fn dry_run_report(
    scenarios: &[Scenario],
    plans: &[Plan],
    expectations: Option<&Expectations>,
) -> String {
    let width = scenarios.iter().map(|s| s.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    let (mut run, mut skip, mut filtered) = (0, 0, 0);
    for (scenario, plan) in scenarios.iter().zip(plans) {
        let level = scenario.level.as_str();
        let id = &scenario.id;
        let line = match plan {
            Plan::Run => {
                run += 1;
                let expected = expectations
                    .and_then(|e| e.entry_for(id))
                    .map(|entry| format!("  (expected to fail: {})", entry.reason))
                    .unwrap_or_default();
                format!("run       {id:width$}  {level:6}{expected}")
            }
            Plan::Skip(reason) => {
                skip += 1;
                format!("skip      {id:width$}  {level:6}  {reason}")
            }
            Plan::FilteredOut(reason) => {
                filtered += 1;
                format!("filtered  {id:width$}  {level:6}  {reason}")
            }
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "dry run: {run} would run, {skip} would be skipped, {filtered} filtered out; nothing was sent\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse::parse;

    fn scenario(id: &str, level: &str, tags: &str) -> Scenario {
        let text = format!(
            "title: t\ndocs: [x]\nlevel: {level}\ntags: [{tags}]\nsteps:\n  - name: s\n    \
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

    #[test]
    fn each_option_says_why_it_leaves_a_scenario_out() {
        let s = scenario(
            "createaccount/fail/userexists",
            "should",
            "createaccount, errors",
        );
        let filters = vec!["tokens/*".to_owned()];
        let tags = vec!["tokens".to_owned()];
        let levels = vec![Level::Must];
        let by_filter = Selection {
            filters: &filters,
            ..Selection::default()
        };
        assert_eq!(by_filter.why_not(&s).unwrap(), "matches no --filter");
        let by_tag = Selection {
            tags: &tags,
            ..Selection::default()
        };
        assert_eq!(
            by_tag.why_not(&s).unwrap(),
            "has no --tag given (its tags: createaccount, errors)"
        );
        let by_level = Selection {
            levels: &levels,
            ..Selection::default()
        };
        assert_eq!(
            by_level.why_not(&s).unwrap(),
            "level `should` is not a --level given"
        );
        let docs = Selection {
            docs_only: true,
            ..Selection::default()
        };
        assert!(docs.why_not(&s).unwrap().contains("--docs"));
        assert!(Selection::default().why_not(&s).is_none());
        assert!(!Selection::default().restricts() && by_level.restricts());
    }

    #[test]
    fn levels_select_any_of_those_given() {
        let all = vec![
            scenario("a", "must", "x"),
            scenario("b", "should", "x"),
            scenario("c", "may", "other"),
        ];
        let levels = vec![Level::Must, Level::May];
        let picked: Vec<&str> = Selection {
            levels: &levels,
            ..Selection::default()
        }
        .select(&all)
        .iter()
        .map(|s| s.id.as_str())
        .collect();
        assert_eq!(picked, ["a", "c"]);
    }

    #[test]
    fn dry_run_lines_and_closing_line() {
        let all = vec![
            scenario("a", "must", "x"),
            scenario("bb", "should", "x"),
            scenario("c", "may", "other"),
        ];
        let plans = vec![
            Plan::Run,
            Plan::Skip("needs writes".into()),
            Plan::FilteredOut("matches no --filter".into()),
        ];
        assert_eq!(
            dry_run_report(&all, &plans, None),
            "run       a   must\n\
             skip      bb  should  needs writes\n\
             filtered  c   may     matches no --filter\n\
             dry run: 1 would run, 1 would be skipped, 1 filtered out; nothing was sent\n"
        );
    }
}
