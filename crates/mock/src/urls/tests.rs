//! Verdicts of PHP 8.2's `parse_url` and of MediaWiki's `UrlUtils::parse` (1.43 and 1.39 agree)
//! on odd URLs, as `scripts/url-parse-differential.py` and `scripts/mwdiff_urls.py` recorded them.

use super::*;

/// The components of `parse_url($url)`, written as PHP prints them (`None`: false).
fn php(url: &str) -> Option<Vec<(&'static str, String)>> {
    let u = parse_url(url)?;
    let mut out = Vec::new();
    let texts = [
        ("scheme", &u.scheme),
        ("host", &u.host),
        ("user", &u.user),
        ("pass", &u.pass),
        ("path", &u.path),
        ("query", &u.query),
        ("fragment", &u.fragment),
    ];
    for (key, value) in texts {
        if let Some(value) = value {
            out.push((key, value.clone()));
        }
    }
    if let Some(port) = u.port {
        out.push(("port", port.to_string()));
    }
    out.sort();
    Some(out)
}

fn parts(expected: &[(&'static str, &str)]) -> Option<Vec<(&'static str, String)>> {
    let mut out: Vec<_> = expected.iter().map(|(k, v)| (*k, v.to_string())).collect();
    out.sort();
    Some(out)
}

#[test]
fn full_urls_split_into_all_components() {
    assert_eq!(
        php("http://a:b@c@d:1/p?q#f"),
        parts(&[
            ("scheme", "http"),
            ("user", "a"),
            ("pass", "b@c"),
            ("host", "d"),
            ("port", "1"),
            ("path", "/p"),
            ("query", "q"),
            ("fragment", "f"),
        ])
    );
    // The last `@` ends the user information; its first `:` starts the password.
    assert_eq!(
        php("http://u@h:80@x/"),
        parts(&[
            ("scheme", "http"),
            ("user", "u@h"),
            ("pass", "80"),
            ("host", "x"),
            ("path", "/"),
        ])
    );
    assert_eq!(
        php("HTTP://X/"),
        parts(&[("scheme", "HTTP"), ("host", "X"), ("path", "/")])
    );
    // An empty query or fragment is there, empty.
    assert_eq!(
        php("http://x#"),
        parts(&[("scheme", "http"), ("host", "x"), ("fragment", "")])
    );
    assert_eq!(
        php("http://x:80?q"),
        parts(&[
            ("scheme", "http"),
            ("host", "x"),
            ("port", "80"),
            ("query", "q")
        ])
    );
}

#[test]
fn a_colon_and_digits_make_a_host_and_port_not_a_scheme() {
    assert_eq!(php("http:80"), parts(&[("host", "http"), ("port", "80")]));
    assert_eq!(
        php("tel:12345"),
        parts(&[("host", "tel"), ("port", "12345")])
    );
    assert_eq!(
        php("a.com:80/x"),
        parts(&[("host", "a.com"), ("port", "80"), ("path", "/x")])
    );
    assert_eq!(
        php("x:0/y"),
        parts(&[("host", "x"), ("port", "0"), ("path", "/y")])
    );
    // Six digits are no port: a scheme and a path.
    assert_eq!(
        php("tel:123456"),
        parts(&[("scheme", "tel"), ("path", "123456")])
    );
    // Five digits over 65535, or a lone or leading colon: not a URL at all.
    assert_eq!(php("tel:99999"), None);
    assert_eq!(php(":"), None);
    assert_eq!(php(":80"), None);
    assert_eq!(php("::"), parts(&[("path", "::")]));
    assert_eq!(
        php("http::80"),
        parts(&[("scheme", "http"), ("path", ":80")])
    );
}

#[test]
fn ports_are_read_like_strtol() {
    let port = |url: &str| parse_url(url).map(|u| u.port);
    assert_eq!(port("http://x:8a/"), Some(Some(8)));
    assert_eq!(port("http://x:+80/"), Some(Some(80)));
    assert_eq!(port("http://x: 80/"), Some(Some(80)));
    assert_eq!(port("http://x:-0/"), Some(Some(0)));
    assert_eq!(port("http://x:/"), Some(None));
    assert_eq!(port("http://x:65535/"), Some(Some(65535)));
    assert_eq!(port("http://x:65536/"), None);
    assert_eq!(port("http://x:-1/"), None);
    assert_eq!(port("http://x:123456/"), None);
    assert_eq!(port("http://x:abc/"), None);
}

#[test]
fn hosts_brackets_and_empty_authorities() {
    assert_eq!(
        php("http://[::1]:8080/"),
        parts(&[
            ("scheme", "http"),
            ("host", "[::1]"),
            ("port", "8080"),
            ("path", "/")
        ])
    );
    assert_eq!(
        php("http://[::1]/"),
        parts(&[("scheme", "http"), ("host", "[::1]"), ("path", "/")])
    );
    // Without brackets the last colon starts the port.
    assert_eq!(
        php("http://::1/"),
        parts(&[
            ("scheme", "http"),
            ("host", ":"),
            ("port", "1"),
            ("path", "/")
        ])
    );
    assert_eq!(php("http://"), None);
    assert_eq!(php("http:///x"), None);
    assert_eq!(php("http://@/"), None);
    // Control characters in a component become `_`.
    assert_eq!(
        php("http://x\u{b}:80/"),
        parts(&[
            ("scheme", "http"),
            ("host", "x_"),
            ("port", "80"),
            ("path", "/")
        ])
    );
}

#[test]
fn schemes_without_slashes_and_file_urls() {
    assert_eq!(php("http:"), parts(&[("scheme", "http")]));
    assert_eq!(php("http:x"), parts(&[("scheme", "http"), ("path", "x")]));
    assert_eq!(
        php("mailto:a@b"),
        parts(&[("scheme", "mailto"), ("path", "a@b")])
    );
    assert_eq!(
        php("mailto://a@b"),
        parts(&[("scheme", "mailto"), ("user", "a"), ("host", "b")])
    );
    assert_eq!(
        php("file:///etc/passwd"),
        parts(&[("scheme", "file"), ("path", "/etc/passwd")])
    );
    assert_eq!(
        php("file:///c:/dir/f.txt"),
        parts(&[("scheme", "file"), ("path", "c:/dir/f.txt")])
    );
    // A byte no scheme has before the colon: a path, or host and port when digits follow.
    assert_eq!(php("ht_tp://x/"), parts(&[("path", "ht_tp://x/")]));
    assert_eq!(php(" http://x/"), parts(&[("path", " http://x/")]));
    assert_eq!(php("a?b:c"), parts(&[("path", "a"), ("query", "b:c")]));
    assert_eq!(
        php("ht:tp://x?:"),
        parts(&[("scheme", "ht"), ("path", "tp://x"), ("query", ":")])
    );
    assert_eq!(
        php("//x:80/"),
        parts(&[("host", "x"), ("port", "80"), ("path", "/")])
    );
}

#[test]
fn mediawiki_keeps_listed_schemes_in_any_case() {
    let bits = |url: &str| parse(url, STOCK_URL_PROTOCOLS).map(|b| (b.scheme, b.delimiter));
    assert_eq!(bits("HTTP://X/"), Some(("http".into(), "://")));
    assert_eq!(bits("http:x"), Some(("http".into(), "://")));
    assert_eq!(bits("MailTo:a@b"), Some(("mailto".into(), ":")));
    assert_eq!(bits("mailto://a@b"), Some(("mailto".into(), ":")));
    assert_eq!(bits("//x:80/"), Some((String::new(), "//")));
    assert_eq!(bits("file:///etc/passwd"), None);
    assert_eq!(bits("x:/"), None);
    assert_eq!(bits("http:80"), None);
    assert_eq!(bits("http://x:65536/"), None);
}

#[test]
fn return_urls_need_a_listed_scheme() {
    for good in [
        "http://x/",
        "http:",
        "http:x",
        "HTTP://X/",
        "urn:",
        "tel:123456",
        "http://x:8a/",
        "http://::1/",
        "http::80",
        "mailto://a@b",
        "http://x\u{1}/",
        "https:example.org",
    ] {
        assert!(is_return_url(good), "{good:?} is accepted");
    }
    for bad in [
        "",
        "/relative/path",
        "//example.org/x",
        "//x:80/",
        "http:80",
        "tel:12345",
        "tel:99999",
        "http://",
        "http:///x",
        "http://x:65536/",
        " http://x/",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "svn+ssh://host/repo",
    ] {
        assert!(!is_return_url(bad), "{bad:?} is refused");
    }
}
