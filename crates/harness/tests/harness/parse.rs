//! Scenario files with mistakes: each is reported as file:line:col with the offending line quoted
//! (YAML syntax, unknown key, wrong type, undefined variable, missing schema), and good files load.

use mwcheck_harness::scenario::{self, Diagnostic};
use std::path::{Path, PathBuf};

fn fixture(suite: &str) -> (PathBuf, PathBuf) {
    let root = crate::workspace().join("tests/fixtures").join(suite);
    (root.join("scenarios"), root.join("schemas"))
}

fn problems(suite: &str) -> Vec<Diagnostic> {
    let (scenarios, schemas) = fixture(suite);
    match scenario::load_dir(&scenarios, &schemas) {
        Ok(loaded) => panic!(
            "{suite}: expected errors, loaded {} scenarios",
            loaded.len()
        ),
        Err(problems) => problems,
    }
}

/// The single problem of a suite, checked for position, message and quoted line.
fn assert_problem(suite: &str, file_end: &str, line: u32, col: u32, message: &str, quoted: &str) {
    let found = problems(suite);
    assert_eq!(found.len(), 1, "{found:#?}");
    let problem = &found[0];
    assert!(problem.file.ends_with(file_end), "{}", problem.file);
    assert_eq!(
        (problem.pos.line, problem.pos.col),
        (line, col),
        "{problem}"
    );
    assert!(problem.message.contains(message), "{}", problem.message);
    let rendered = problem.to_string();
    let head = format!("{}:{line}:{col}: error: ", problem.file);
    assert!(rendered.starts_with(&head), "{rendered}");
    assert!(
        rendered.contains(&format!("{line} | {quoted}")),
        "{rendered}"
    );
}

#[test]
fn yaml_syntax_error() {
    assert_problem(
        "bad/syntax",
        "broken.yaml",
        7,
        11,
        "invalid YAML",
        "    expect: {status: 200}",
    );
}

#[test]
fn unknown_key() {
    assert_problem(
        "bad/unknown-key",
        "typo.yaml",
        7,
        5,
        "unknown key `expekt` in step 1",
        "    expekt:",
    );
}

#[test]
fn wrong_type() {
    assert_problem(
        "bad/wrong-type",
        "status.yaml",
        8,
        15,
        "`status` must be an HTTP status code",
        "      status: [200]",
    );
}

#[test]
fn undefined_variable_points_at_its_use() {
    assert_problem(
        "bad/undefined-var",
        "var.yaml",
        8,
        58,
        "undefined variable `usr`",
        "    get: {action: query, list: users, ususers: \"{{user}}|{{usr}}\", format: json}",
    );
}

#[test]
fn missing_schema() {
    assert_problem(
        "bad/missing-schema",
        "schema.yaml",
        8,
        15,
        "schema file `no-such-schema.json` not found",
        "      schema: no-such-schema.json",
    );
}

#[test]
fn every_problem_of_a_file_is_listed() {
    let text = "title: t\ndocs: []\nlevel: maybe\nsteps:\n  - name: s\n    actor: bob\n    \
                get: {a: b}\n    post: {c: d}\n  - name: m\n    mail: {to: x@y.z}\n";
    let problems =
        scenario::parse::parse("x", "x.yaml", text, mwcheck_mock::MediaWikiVersion::V1_39)
            .unwrap_err();
    let lines: Vec<u32> = problems.iter().map(|p| p.pos.line).collect();
    assert_eq!(lines, [3, 5], "{problems:#?}");
    assert!(problems[1].message.contains("exactly one of `get`, `post`"));
    // With the shape fixed, the static checks speak: undeclared actor, mail without outbox.
    let text = "title: t\ndocs: []\nlevel: may\nsteps:\n  - name: s\n    actor: bob\n    \
                get: {a: b}\n  - name: m\n    mail: {to: x@y.z}\n    capture: {v: nope}\n";
    let parsed =
        scenario::parse::parse("x", "x.yaml", text, mwcheck_mock::MediaWikiVersion::V1_39).unwrap();
    let problems = scenario::check::check(&parsed, text, Path::new("/nonexistent"));
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(problems.len(), 3, "{messages:#?}");
    assert!(messages[0].contains("actor `bob` is not declared"));
    assert!(messages[1].contains("needs the outbox"));
    assert!(messages[2].contains("not a JSON pointer"));
}

#[test]
fn unknown_matchers_and_bad_regexes_are_file_errors() {
    let text = "title: t\ndocs: []\nlevel: may\nsteps:\n  - name: s\n    get: {a: b}\n    \
                expect:\n      json: {a: $nope, b: \"$regex:(\"}\n";
    let parsed =
        scenario::parse::parse("x", "x.yaml", text, mwcheck_mock::MediaWikiVersion::V1_39).unwrap();
    let problems = scenario::check::check(&parsed, text, Path::new("/nonexistent"));
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].message.contains("unknown matcher `$nope`"));
    assert!(problems[1].message.contains("invalid regex"));
}

#[test]
fn good_fixtures_load() {
    for suite in ["real", "wrong", "transport"] {
        let (scenarios, schemas) = fixture(suite);
        let loaded = scenario::load_dir(&scenarios, &schemas)
            .unwrap_or_else(|p| panic!("{suite}: {}", p[0]));
        assert!(!loaded.is_empty());
    }
}

#[test]
fn only_as_is_for_set_up_steps_of_documentation_scenarios() {
    let step = |extra: &str| {
        format!(
            "title: t\ndocs: []\nlevel: may\nconfig: documented\nmediawiki-config: default\nsteps:\n  \
             - name: c\n    claim: it works\n    get: {{a: b}}\n  - name: s\n    get: {{a: b}}\n{extra}"
        )
    };
    let parsed = scenario::parse::parse(
        "x",
        "x.yaml",
        &step("    only-as: mediawiki\n"),
        mwcheck_mock::MediaWikiVersion::V1_39,
    )
    .unwrap();
    assert_eq!(parsed.steps[1].only_as, Some(scenario::DocsRole::MediaWiki));
    assert_eq!(parsed.steps[0].only_as, None);

    let problems = scenario::parse::parse(
        "x",
        "x.yaml",
        &step("    only-as: both\n"),
        mwcheck_mock::MediaWikiVersion::V1_39,
    )
    .unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!((problems[0].pos.line, problems[0].pos.col), (12, 14));
    assert!(
        problems[0]
            .message
            .contains("`documented` or `mediawiki`, not `both`")
    );

    let text = step("    only-as: documented\n").replace(
        "claim: it works\n",
        "claim: it works\n    only-as: documented\n",
    );
    let problems =
        scenario::parse::parse("x", "x.yaml", &text, mwcheck_mock::MediaWikiVersion::V1_39)
            .unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].pos.line, 9);
    assert!(
        problems[0]
            .message
            .contains("a `claim` is answered by both sides")
    );

    let text = "title: t\ndocs: []\nlevel: may\nsteps:\n  - name: s\n    get: {a: b}\n    only-as: documented\n";
    let problems =
        scenario::parse::parse("x", "x.yaml", text, mwcheck_mock::MediaWikiVersion::V1_39)
            .unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].pos.line, 5);
    assert!(
        problems[0]
            .message
            .contains("needs the scenario's `mediawiki-config`")
    );
}

#[test]
fn a_scenarios_module_is_its_folder_or_first_module_tag() {
    let module = |id: &str, tags: &str| {
        let text = format!(
            "title: t\ndocs: []\nlevel: may\ntags: [{tags}]\nsteps:\n  - name: s\n    get: {{a: b}}\n"
        );
        scenario::parse::parse(id, "x.yaml", &text, mwcheck_mock::MediaWikiVersion::V1_39)
            .unwrap()
            .module()
    };
    assert_eq!(
        module("createaccount/pass/basic", "fail, login"),
        "createaccount"
    );
    assert_eq!(
        module("formats/xml-tokens", "formats, xml, tokens"),
        "tokens"
    );
    assert_eq!(
        module("blocks/x", "block, resetpassword, userinfo"),
        "resetpassword"
    );
    assert_eq!(module("errors/badvalue-main", "errors"), "main");
}
