//! Unit tests of the user-name rules; the expectations were checked against MediaWiki 1.39
//! (`list=users`, `validatepassword`'s `user`, `createaccount`).

use super::*;

#[test]
fn canonical_forms() {
    for (input, expected) in [
        ("admin", "Admin"),
        ("foo_bar", "Foo bar"),
        ("  foo __  bar  ", "Foo bar"),
        ("User:zed1", "Zed1"),
        ("user: zed1", "Zed1"),
        ("ßx", "SSx"),
        ("éclair R", "Éclair R"),
        ("Foo&amp;bar", "Foo&bar"),
        ("&eacute;clair", "Éclair"),
        ("Foo&num;bar", "Foo"),
        ("Bad@user", "Bad@user"),
        ("Foo:Bar", "Foo:Bar"),
        ("MediaWiki default", "MediaWiki default"),
        ("a\u{200E}b", "Ab"),
        ("e\u{301}clair", "Éclair"),
    ] {
        assert_eq!(canonical(input).as_deref(), Some(expected), "{input:?}");
    }
}

#[test]
fn invalid_names() {
    for input in [
        "",
        " ",
        "1.2.3.4",
        "300.300.300.300",
        "1.2.3.xxx",
        "::1",
        "a::b",
        "Wikipedia:Foo",
        "Talk:Foo",
        "User talk:Foo",
        "Special:Foo",
        ":Foo",
        "A#b",
        "Foo&#35;bar",
        "Foo/bar",
        "A|b",
        "A<b",
        "A[b]",
        "A%41",
        "A\u{200B}b",
        "A\u{E000}",
        "A~~~",
        "A\u{1}",
    ] {
        assert_eq!(canonical(input), None, "{input:?}");
        assert!(
            !is_valid(input) && !is_usable(input) && !is_creatable(input),
            "{input:?}"
        );
    }
    assert!(canonical(&"A".repeat(255)).is_some());
    assert_eq!(canonical(&"A".repeat(256)), None);
}

#[test]
fn validity_levels() {
    assert!(is_creatable("Pol new user"));
    assert!(is_creatable("pol_new_user"));
    // Valid, usable, but not creatable.
    for input in ["Bad@user", "Foo:Bar", &"A".repeat(236), &"é".repeat(118)] {
        assert!(
            is_valid(input) && is_usable(input) && !is_creatable(input),
            "{input:?}"
        );
    }
    assert!(is_creatable(&"A".repeat(235)));
    // Reserved: valid, not usable.
    for input in [
        "MediaWiki default",
        "unknown user",
        "System messenger",
        "DNSBL",
    ] {
        assert!(
            is_valid(input) && !is_usable(input) && !is_creatable(input),
            "{input:?}"
        );
    }
}

#[test]
fn rules_on_names_as_given() {
    let rules = default_rules();
    assert!(rules.is_valid_name("Foo bar"));
    assert!(!rules.is_valid_name("foo bar"));
    assert!(!rules.is_valid_name("Foo_bar"));
    assert!(!rules.is_valid_name("User:Foo"));
    assert!(rules.is_creatable_name("Foo bar"));
    assert!(!rules.is_usable_name("Unknown user"));
}

#[test]
fn ip_detection() {
    for name in [
        "1.2.3.4",
        "300.300.300.300",
        "1.2.3.xxx",
        "::1",
        "1:2:3:4:5:6:7:8",
        "A:0:0:0:0:0:0:B",
    ] {
        assert!(is_ip(name), "{name:?}");
    }
    for name in [
        "1.2.3",
        "1.2.3.4/24",
        "1.2.3.yyy",
        "Foo",
        "1.2.3.4.5",
        "1234.1.1.1",
    ] {
        assert!(!is_ip(name), "{name:?}");
    }
    assert!(is_ip_range("1.2.3.0/24") && is_ip_range("1::/64") && !is_ip_range("1.2.3.4"));
}

#[test]
fn user_parameter() {
    assert_eq!(
        parse_user_param("admin", true),
        Ok(UserParam::Name("Admin".into()))
    );
    assert_eq!(
        parse_user_param("Bad@user", true),
        Ok(UserParam::Name("Bad@user".into()))
    );
    assert_eq!(
        parse_user_param("Unknown user", false),
        Ok(UserParam::Name("Unknown user".into()))
    );
    assert_eq!(parse_user_param("#1", true), Ok(UserParam::Id(1)));
    assert_eq!(parse_user_param("#0", true), Ok(UserParam::Id(0)));
    assert_eq!(
        parse_user_param("#99999999999999999999999", true),
        Ok(UserParam::Id(i64::MAX as u64))
    );
    for raw in [
        "#1",
        "#",
        "#1a",
        "",
        "1.2.3.4",
        "1.2.3.0/24",
        "Bad|user",
        "imported>Foo",
        "A#b",
        "Talk:X",
    ] {
        assert_eq!(parse_user_param(raw, false), Err(()), "{raw:?}");
    }
    assert_eq!(parse_user_param("#1a", true), Err(()));
    assert_eq!(parse_user_param("#１", true), Err(()));
}

#[test]
fn site_specific_prefixes() {
    assert_eq!(canonical("TestWiki:Foo"), None);
    assert_eq!(canonical("project talk:Foo"), None);
    assert_eq!(canonical("Image:Foo"), None);
    let mut rules = UserNameRules::for_site("Other Wiki", &crate::release::MEDIAWIKI_1_39);
    assert_eq!(rules.canonical_with("Other_wiki:Foo", Rigor::Valid), None);
    assert_eq!(
        rules
            .canonical_with("TestWiki:Foo", Rigor::Valid)
            .as_deref(),
        Some("TestWiki:Foo")
    );
    rules.set_interwiki_prefixes(["example"]);
    assert_eq!(rules.canonical_with("Example:Foo", Rigor::Valid), None);
    assert_eq!(
        rules
            .canonical_with("Wikipedia:Foo", Rigor::Valid)
            .as_deref(),
        Some("Wikipedia:Foo")
    );
}

#[test]
fn rigor_none_only_cleans_up() {
    let rules = default_rules();
    assert_eq!(
        rules.canonical_with("User:foo_bar", Rigor::None).as_deref(),
        Some("foo bar")
    );
    assert_eq!(
        rules.canonical_with("foo_bar", Rigor::None).as_deref(),
        Some("Foo bar")
    );
    assert_eq!(
        rules.canonical_with("1.2.3.4", Rigor::None).as_deref(),
        Some("1.2.3.4")
    );
    assert_eq!(rules.canonical_with("a#b", Rigor::None), None);
}

#[test]
fn mediawiki_1_43_refuses_equals_signs_tildes_and_ip_ranges() {
    let old = rules_for(&crate::release::MEDIAWIKI_1_39);
    let new = rules_for(&crate::release::MEDIAWIKI_1_43);
    // C4: `=` is valid and usable but no longer creatable.
    assert_eq!(
        old.canonical_with("Ceq=x", Rigor::Creatable).as_deref(),
        Some("Ceq=x")
    );
    assert_eq!(
        new.canonical_with("Ceq=x", Rigor::Usable).as_deref(),
        Some("Ceq=x")
    );
    assert_eq!(new.canonical_with("Ceq=x", Rigor::Creatable), None);
    // C5 / L2: a leading `~` is reserved: valid, but neither usable nor creatable.
    assert!(old.canonical_with("~Tilde", Rigor::Creatable).is_some());
    assert_eq!(
        new.canonical_with("~Tilde", Rigor::Valid).as_deref(),
        Some("~Tilde")
    );
    assert_eq!(new.canonical_with("~Tilde", Rigor::Usable), None);
    assert!(new.canonical_with("Ti~lde", Rigor::Creatable).is_some());
    // C6: IPv4 dash ranges and spaced ranges are not valid names any more.
    for range in [
        "10.1.2.3-10.1.2.9",
        "1.2.3.xxx-1.2.3.4",
        "1.2.3.4 - 1.2.3.5",
    ] {
        assert!(old.canonical_with(range, Rigor::Valid).is_some(), "{range}");
        assert_eq!(new.canonical_with(range, Rigor::Valid), None, "{range}");
    }
    assert!(
        new.canonical_with("10.1.2.3-10.1.2", Rigor::Creatable)
            .is_some()
    );
    assert_eq!(new.invalid_username_characters, "@:>=");
}

#[test]
fn mediawiki_1_43_title_cases_the_first_letter_and_has_its_own_interwiki_prefixes() {
    let old = rules_for(&crate::release::MEDIAWIKI_1_39);
    let new = rules_for(&crate::release::MEDIAWIKI_1_43);
    // Live answers of list=users on the two reference wikis.
    for (name, on_1_39, on_1_43) in [
        ("ßx", "SSx", "Ssx"),
        ("ǆemal", "Ǆemal", "ǅemal"),
        ("ﬁsh", "FIsh", "Fish"),
        ("აბგ", "Აბგ", "აბგ"),
        ("ᾳx", "ΑΙx", "ᾼx"),
        ("éclair", "Éclair", "Éclair"),
    ] {
        assert_eq!(
            old.canonical_with(name, Rigor::Valid).as_deref(),
            Some(on_1_39)
        );
        assert_eq!(
            new.canonical_with(name, Rigor::Valid).as_deref(),
            Some(on_1_43)
        );
    }
    assert_eq!(old.canonical_with("gentoo-wiki:Foo", Rigor::Valid), None);
    assert_eq!(
        new.canonical_with("gentoo-wiki:Foo", Rigor::Valid)
            .as_deref(),
        Some("Gentoo-wiki:Foo")
    );
    assert_eq!(new.canonical_with("fandom:Foo", Rigor::Valid), None);
}
