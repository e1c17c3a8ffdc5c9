//! The conformance harness: scenario files (`scenario`: model, parser, static checks, and
//! `scenario::versions`, how a file reads for each MediaWiki version), variables (`vars`), the
//! runner (`runner`), the target (`target`), the fidelity verdict against a real version's
//! snapshots (`fidelity`, with `snapshot` the normalisation and files), the reports (`report`, and
//! `drift_report` for documentation mode; `report_junit` and `report_html` files, from
//! `report_entries`), the table of codes the scenarios assert (`coverage`) and the static checks
//! of scenario files (`lint`); for a CI gate: selection with reasons (`selection`), known failures
//! (`expectations`) and the summary by module and level with the verdict (`summary`); the
//! comparison of two targets' snapshots (`snapshot_diff`); the run's progress bar (`progress`).

pub mod capabilities;
pub mod coverage;
pub mod drift_report;
pub mod expectations;
pub mod fidelity;
pub mod lint;
pub mod progress;
pub mod report;
pub mod report_entries;
pub mod report_html;
pub mod report_junit;
pub mod runner;
pub mod scenario;
pub mod selection;
pub mod snapshot;
pub mod snapshot_diff;
pub mod summary;
pub mod target;
pub mod terminal;
pub mod vars;

use scenario::Scenario;

/// Whether a scenario id is selected by a `--filter` value: the exact id, a folder prefix
/// (`createaccount` selects `createaccount/…`), or a glob where `*` matches any run of characters
/// (`/` included) and `?` one character.
pub fn filter_matches(filter: &str, id: &str) -> bool {
    let filter = filter.trim_end_matches('/');
    if id == filter || id.starts_with(&format!("{filter}/")) {
        return true;
    }
    if !filter.contains(['*', '?']) {
        return false;
    }
    let mut pattern = String::from("^");
    for c in filter.chars() {
        match c {
            '*' => pattern.push_str(".*"),
            '?' => pattern.push('.'),
            other => pattern.push_str(&regex::escape(&other.to_string())),
        }
    }
    pattern.push('$');
    regex::Regex::new(&pattern).is_ok_and(|re| re.is_match(id))
}

/// The scenarios selected by the filters (any of them) and tags (any of them); no filter or no
/// tag means no restriction of that kind.
pub fn select<'a>(
    scenarios: &'a [Scenario],
    filters: &[String],
    tags: &[String],
) -> Vec<&'a Scenario> {
    scenarios
        .iter()
        .filter(|s| filters.is_empty() || filters.iter().any(|f| filter_matches(f, &s.id)))
        .filter(|s| tags.is_empty() || tags.iter().any(|t| s.tags.contains(t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::filter_matches;

    #[test]
    fn filters_match_ids_folders_and_globs() {
        assert!(filter_matches(
            "createaccount/fail/userexists",
            "createaccount/fail/userexists"
        ));
        assert!(filter_matches(
            "createaccount",
            "createaccount/fail/userexists"
        ));
        assert!(filter_matches(
            "createaccount/",
            "createaccount/fail/userexists"
        ));
        assert!(!filter_matches("create", "createaccount/fail/userexists"));
        assert!(filter_matches(
            "*userexists",
            "createaccount/fail/userexists"
        ));
        assert!(filter_matches("create*/pass?", "createaccount/pass1"));
        assert!(!filter_matches("tokens/*", "createaccount/x"));
    }
}
