//! `--filter` values: which scenario ids one selects (the exact id, a folder, a glob). Shared by
//! the selection of a run and the entries of an expectations file.

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
