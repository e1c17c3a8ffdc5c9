//! Fidelity, the second verdict: how close a target is, byte for byte after normalisation, to one
//! real MediaWiki version, measured by comparing each step's normalised response with the snapshot
//! recorded from a fresh real wiki of that version (`snapshots/<version>/<scenario>/step-NN.snap`).
//! Conformance (the scenarios' expectations) does not depend on it; `--require-fidelity` makes a
//! difference fail the run. This file owns the reference versions, the choice of the snapshot set,
//! the totals of the per-step differences (`snapshot::Fidelity`, which the runner records), console
//! line and JSON.

pub use crate::scenario::versions::REFERENCE_VERSIONS;
pub use crate::snapshot::{Difference, Fidelity, snapshot_dir};
use mwcheck_shared::MediaWikiVersion;
use serde_json::{Value, json};

/// A run's fidelity against one reference version.
#[derive(Clone, Debug, PartialEq)]
pub struct Totals {
    pub reference: MediaWikiVersion,
    pub compared: usize,
    pub differing: usize,
}

impl Totals {
    /// Adds up the scenarios' fidelity; `None` when no step was compared (snapshots off).
    pub fn of<'f>(
        reference: MediaWikiVersion,
        scenarios: impl Iterator<Item = &'f Fidelity> + Clone,
    ) -> Option<Totals> {
        let compared: usize = scenarios.clone().map(|f| f.compared).sum();
        let differing = scenarios.map(|f| f.differences.len()).sum();
        (compared > 0).then_some(Totals {
            reference,
            compared,
            differing,
        })
    }

    pub fn identical(&self) -> usize {
        self.compared - self.differing
    }

    /// Identical steps in percent, rounded down to two places (100.00 only when all are).
    pub fn percent(&self) -> f64 {
        let basis = (self.identical() as f64 * 10000.0 / self.compared as f64).floor();
        basis / 100.0
    }

    pub fn complete(&self) -> bool {
        self.differing == 0
    }

    /// The line the console and every report print.
    pub fn line(&self) -> String {
        format!(
            "FIDELITY vs MediaWiki {}: {:.2}% ({}/{} steps identical to the snapshots{})",
            self.reference,
            self.percent(),
            self.identical(),
            self.compared,
            if self.complete() {
                String::new()
            } else {
                format!(", {} differ", self.differing)
            }
        )
    }

    pub fn json(&self) -> Value {
        json!({
            "reference": self.reference.to_string(),
            "compared": self.compared,
            "identical": self.identical(),
            "differing": self.differing,
            "percent": self.percent(),
        })
    }
}

/// Each fidelity difference as the console shows it: scenario, step and diff (the totals line
/// follows the verdict, in the summary).
pub fn console<'f>(scenarios: impl Iterator<Item = (&'f str, &'f Fidelity)>) -> String {
    let mut out = String::new();
    for (id, fidelity) in scenarios {
        for difference in &fidelity.differences {
            out.push_str(&format!(
                "FIDELITY {id} step {} \"{}\" (line {}): {}\n",
                difference.step, difference.step_name, difference.line, difference.summary
            ));
            if let Some(diff) = &difference.diff {
                for line in diff.lines() {
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// A scenario's differences for the JSON report.
pub fn differences_json(fidelity: &Fidelity) -> Value {
    fidelity
        .differences
        .iter()
        .map(|d| {
            json!({
                "step": d.step,
                "name": d.step_name,
                "line": d.line,
                "summary": d.summary,
                "diff": d.diff,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_down_so_only_all_identical_is_100() {
        let totals = Totals {
            reference: MediaWikiVersion::V1_43,
            compared: 100_000,
            differing: 1,
        };
        assert_eq!(totals.percent(), 99.99);
        assert!(
            totals.line().contains("99.99% (99999/100000 steps"),
            "{}",
            totals.line()
        );
        let all = Totals {
            differing: 0,
            ..totals
        };
        assert_eq!(all.percent(), 100.0);
        assert!(all.complete());
    }
}
