//! Extraction tests on the four documentation pages (`samples/docs/`, copies of
//! `../shared/docs/`): every program found, in its language, with its first and last line, and
//! nothing else; each program's documented output; and the copies still equal the originals where
//! those are beside the repository.

use super::language::Language;
use super::load_page;
use std::path::PathBuf;

fn docs() -> Option<PathBuf> {
    Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/docs"))
}

#[test]
fn docs_copies_match_shared() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/docs");
    if !shared.is_dir() {
        eprintln!("not compared: no {}", shared.display());
        return;
    }
    let copies = super::pages_in(&docs().unwrap()).unwrap();
    assert_eq!(copies.len(), 4);
    for copy in copies {
        let name = copy.file_name().unwrap();
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            std::fs::read(shared.join(name)).unwrap(),
            "{} differs from ../shared/docs",
            copy.display()
        );
    }
}

/// (id, language, first line, first text line, last text line) per program of a page.
fn programs(file: &str) -> Vec<(String, Language, usize, String, String)> {
    let page = load_page(&docs().unwrap().join(file)).unwrap();
    page.programs
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.language,
                p.line,
                p.source.lines().next().unwrap().to_owned(),
                p.source.lines().last().unwrap().to_owned(),
            )
        })
        .collect()
}

fn counts(file: &str) -> [usize; 4] {
    let found = programs(file);
    Language::ALL.map(|l| found.iter().filter(|p| p.1 == l).count())
}

#[test]
fn resetpassword_page_has_one_program_per_language() {
    let file = "000_ac13d6fa22dc5fbc.txt";
    assert_eq!(counts(file), [1, 1, 1, 1]);
    let found = programs(file);
    assert_eq!(found[0].2, 67);
    assert_eq!(
        (found[0].3.as_str(), found[0].4.as_str()),
        ("#!/usr/bin/python3", "print(DATA)")
    );
    assert_eq!((found[1].3.as_str(), found[1].4.as_str()), ("<?php", "}"));
    assert_eq!(
        (found[2].3.as_str(), found[2].4.as_str()),
        ("/*", "getLoginToken();")
    );
    assert_eq!((found[3].2, found[3].4.as_str()), (297, "} );"));
    let page = load_page(&docs().unwrap().join(file)).unwrap();
    let expected = page.programs[0].expected.as_ref().unwrap();
    assert_eq!(
        expected.value,
        serde_json::json!({"resetpassword": {"status": "success"}})
    );
    assert_eq!(expected.line, 58);
    // The page's Response block leaves its outer object open.
    assert!(expected.repaired.as_deref().unwrap().contains(":61:"));
}

#[test]
fn validatepassword_page_has_one_program_per_language() {
    let file = "001_faa48d8ce5a233b5.txt";
    assert_eq!(counts(file), [1, 1, 1, 1]);
    let found = programs(file);
    let ids: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(ids, ["python", "php", "javascript", "mediawiki-js"]);
    assert_eq!(found[1].4, "}");
    assert_eq!(found[2].4, "}");
    assert_eq!(found[3].4, "} );");
    let page = load_page(&docs().unwrap().join(file)).unwrap();
    for program in &page.programs {
        let expected = program.expected.as_ref().unwrap();
        assert_eq!(
            expected.value,
            serde_json::json!({"validatepassword": {"validity": "Good"}})
        );
        assert!(expected.repaired.is_none());
    }
}

#[test]
fn account_creation_page_has_its_four_samples_and_the_captcha_web_app() {
    let file = "002_bcacfd4e28b19bcb.txt";
    assert_eq!(counts(file), [2, 1, 1, 1]);
    let found = programs(file);
    let ids: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "python",
            "php",
            "javascript",
            "mediawiki-js",
            "create_account_with_captcha.py"
        ]
    );
    assert_eq!(found[3].4, "} );");
    assert_eq!((found[4].2, found[4].4.as_str()), (397, "    APP.run()"));
    let page = load_page(&docs().unwrap().join(file)).unwrap();
    let captcha = &page.programs[4];
    assert_eq!(captcha.companions.len(), 1);
    assert_eq!(captcha.companions[0].name, "create_account_form.html");
    assert_eq!(captcha.companions[0].text.lines().last(), Some("</div>"));
    let pass = serde_json::json!({"createaccount": {"status": "PASS", "username": "Zane"}});
    for program in &page.programs {
        assert_eq!(
            program.expected.as_ref().unwrap().value,
            pass,
            "{}",
            program.id
        );
    }
    assert_eq!(page.programs[0].expected.as_ref().unwrap().line, 94);
    assert_eq!(captcha.expected.as_ref().unwrap().line, 385);
}

#[test]
fn legacy_account_creation_page_has_no_program() {
    assert_eq!(counts("003_5b48ddaf3d3e4f49.txt"), [0, 0, 0, 0]);
}

#[test]
fn a_wikitext_page_gives_its_programs_and_their_response() {
    let dir = std::env::temp_dir().join(format!("mwcheck-wikitext-{}", crate::vars::random_hex(8)));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("page.wiki");
    std::fs::write(
        &path,
        "== Response ==\n<syntaxhighlight lang=\"json\">\n{\"a\": {\"b\": \"c\"}}\n</syntaxhighlight>\n\
         <syntaxhighlight lang=\"python\">\nprint(1)\n</syntaxhighlight>\n\
         <syntaxhighlight lang=\"bash\">\nls\n</syntaxhighlight>\n\
         <syntaxhighlight lang='javascript'>\nnew mw.Api();\n</syntaxhighlight>\n\
         <syntaxhighlight lang=javascript>\nrequire('x');\n</syntaxhighlight>\n",
    )
    .unwrap();
    let page = load_page(&path).unwrap();
    let found: Vec<(&str, Language, usize)> = page
        .programs
        .iter()
        .map(|p| (p.id.as_str(), p.language, p.line))
        .collect();
    assert_eq!(
        found,
        [
            ("python", Language::Python, 6),
            ("mediawiki-js", Language::MediaWikiJs, 12),
            ("javascript", Language::JavaScript, 15)
        ]
    );
    assert_eq!(page.programs[0].expected.as_ref().unwrap().line, 3);
    std::fs::write(&path, "x\n  <syntaxhighlight lang=\"php\">\n<?php\n").unwrap();
    let err = load_page(&path).unwrap_err();
    assert_eq!((err.line, err.column), (2, 3), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}:2:3: ", path.display()))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_error_tables_after_the_programs_are_read() {
    let codes = |file: &str| -> Vec<String> {
        load_page(&docs().unwrap().join(file))
            .unwrap()
            .documented_errors
            .into_iter()
            .map(|e| e.code)
            .collect()
    };
    assert_eq!(
        codes("000_ac13d6fa22dc5fbc.txt"),
        [
            "passwordreset-invalidemail",
            "passwordreset-nodata",
            "invalidparammix",
            "missingparam"
        ]
    );
    assert_eq!(
        codes("001_faa48d8ce5a233b5.txt"),
        ["userexists", "nopassword", "baduser"]
    );
    assert_eq!(
        codes("002_bcacfd4e28b19bcb.txt"),
        [
            "badtoken",
            "notoken",
            "mustpostparams",
            "missingparam",
            "authmanager-create-no-primary",
            "noemailcreate",
            "invalidemailaddress",
            "badretype",
            "userexists",
            "captcha-createaccount-fail",
            "acct_creation_throttle_hit"
        ]
    );
    // No programs: no table is looked for.
    assert!(codes("003_5b48ddaf3d3e4f49.txt").is_empty());
    let page = load_page(&docs().unwrap().join("001_faa48d8ce5a233b5.txt")).unwrap();
    assert_eq!(
        page.documented_errors[1].info,
        "The password parameter must be set."
    );
    assert_eq!(page.documented_errors[1].line, 193);
}
