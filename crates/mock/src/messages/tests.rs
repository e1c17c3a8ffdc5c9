//! Unit tests of message rendering (templates, plurals, lists, raw messages).

use super::*;

#[test]
fn durations() {
    assert_eq!(format_duration(300), "5 minutes");
    assert_eq!(format_duration(172_800), "2 days");
    assert_eq!(format_duration(3_900), "1 hour and 5 minutes");
    assert_eq!(
        format_duration(90_061),
        "1 day, 1 hour, 1 minute and 1 second"
    );
    assert_eq!(format_duration(0), "0 seconds");
}

#[test]
fn plural_and_params() {
    let m = Msg::with(
        "apierror-mustpostparams",
        vec![Param::Text("password, retype".into()), Param::Num(2)],
    );
    assert_eq!(
        m.text(&Voice::english("TestWiki")),
        "The following parameters were found in the query string, but must be in the POST body: password, retype."
    );
    let m = Msg::with(
        "apierror-mustpostparams",
        vec![Param::Text("token".into()), Param::Num(1)],
    );
    assert!(
        m.text(&Voice::english("W"))
            .starts_with("The following parameter was found")
    );
    let m = Msg::with("passwordtoolong", vec![Param::Num(4096)]);
    assert_eq!(
        m.text(&Voice::english("W")),
        "Passwords cannot be longer than 4096 characters."
    );
}

#[test]
fn plaintext_strips_markup_and_collapses_whitespace() {
    let m = Msg::with("apierror-mustbeposted", vec![Param::Text("login".into())]);
    assert_eq!(
        m.plaintext(&Voice::english("W")),
        "The \"login\" module requires a POST request."
    );
    assert_eq!(
        Msg::new("userexists").plaintext(&Voice::english("W")),
        "Username entered already in use. Please choose a different name."
    );
    assert_eq!(
        Msg::new("api-usage-mailinglist-ref").plaintext(&Voice::english("W")),
        "Subscribe to the mediawiki-api-announce mailing list at <https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/> for notice of API deprecations and breaking changes."
    );
}

#[test]
fn sitename_int_and_unknown_keys() {
    assert_eq!(
        Msg::new("passwordreset-emailtitle").text(&Voice::english("TestWiki")),
        "Account details on TestWiki"
    );
    let m = Msg::with("resetpass-validity-soft", vec![Param::Text("X".into())]);
    assert!(
        m.text(&Voice::english("W"))
            .ends_with("or click \"Skip\" to change it later.")
    );
    assert_eq!(
        Msg::new("userlogin-cannot-create").text(&Voice::english("W")),
        "\u{29fc}userlogin-cannot-create\u{29fd}"
    );
    let multi = Msg::with(
        "* $1\n* $2",
        vec![Param::Text("a".into()), Param::Text("b".into())],
    );
    assert_eq!(multi.text(&Voice::english("W")), "* a\n* b");
    assert_eq!(
        multi.html(&Voice::english("W")),
        "<ul><li>a</li>\n<li>b</li></ul>"
    );
}

#[test]
fn raw_messages_are_keyed_by_their_text_or_rawmessage() {
    let old = Voice::english("W");
    let new = Voice {
        raw_message_key: RawMessageKey::Rawmessage,
        ..old
    };
    let label = Msg::with("$1", vec![Param::Null]);
    assert_eq!(
        label.raw_key_and_params(&old),
        ("$1".into(), vec![Param::Null])
    );
    assert_eq!(
        label.raw_key_and_params(&new),
        ("rawmessage".into(), vec![Param::Null])
    );
    // A list of messages: one parameter, the plain text with `{{PLURAL}}` unexpanded (G8).
    let list = Msg::with(
        "* $1\n* $2",
        vec![
            Param::Message(Box::new(Msg::with("passwordtooshort", vec![Param::Num(8)]))),
            Param::Message(Box::new(Msg::new("passwordincommonlist"))),
        ],
    );
    let (key, params) = list.raw_key_and_params(&new);
    assert_eq!(key, "rawmessage");
    let [Param::Text(text)] = params.as_slice() else {
        panic!("one text parameter: {params:?}");
    };
    assert!(
        text.starts_with("* Passwords must be at least {{PLURAL:8|"),
        "{text}"
    );
    assert!(
        list.text(&new)
            .starts_with("* Passwords must be at least 8 characters.\n* ")
    );
    // Message keys keep their own key in both.
    let plain = Msg::with("passwordtooshort", vec![Param::Num(8)]);
    assert_eq!(plain.raw_key_and_params(&new).0, "passwordtooshort");
}

#[test]
fn html_shows_disallowed_character_references_and_no_break_spaces_as_the_parser_does() {
    let escaped = escape_wikitext("x\r\ny", WikitextEscape::WithEdges);
    let m = Msg::with(
        "apierror-badurl",
        vec![Param::Text("createreturnurl".into()), Param::Text(escaped)],
    );
    assert_eq!(
        m.html(&Voice::english("TestWiki")),
        "Invalid value \"x&amp;#13;\ny\" for URL parameter <var>createreturnurl</var>."
    );
    let french = m.html(&Voice::english("TestWiki").in_language("fr"));
    assert!(
        french.starts_with("Valeur «&#160;x&amp;#13;\ny&#160;» non valide"),
        "{french}"
    );
    assert_eq!(
        serialized("&#9;&#10;&#x1F600;&#65535;&#xd800;&#0;"),
        "&#9;&#10;&#x1F600;&amp;#65535;&amp;#xd800;&amp;#0;"
    );
}
