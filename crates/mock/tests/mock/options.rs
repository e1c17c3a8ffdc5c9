//! action=options over HTTP: a user's options are theirs (uiprop=options shows them, anonymous
//! callers keep the defaults), each release validates with its own form, and the user's language
//! option speaks their errors and warnings.

use super::common::*;
use mwcheck_mock::MediaWikiVersion;

async fn logged_in(w: &mwcheck_mock::MockWiki, name: &str) -> (reqwest::Client, String) {
    let c = client();
    let t = token(&c, w, "createaccount").await;
    let r = post(
        &c,
        w,
        &[],
        &[
            ("action", "createaccount"),
            ("format", "json"),
            ("createtoken", &t),
            ("username", name),
            ("password", "Secret-pass-0ptions"),
            ("retype", "Secret-pass-0ptions"),
            ("createreturnurl", "http://x/"),
        ],
    )
    .await;
    assert!(r.body.contains("\"PASS\""), "{}", r.body);
    let lt = token(&c, w, "login").await;
    let r = clientlogin(&c, w, &lt, name, "Secret-pass-0ptions").await;
    assert!(r.body.contains("\"PASS\""), "{}", r.body);
    let csrf = token(&c, w, "csrf").await;
    (c, csrf)
}

async fn options_of(c: &reqwest::Client, w: &mwcheck_mock::MockWiki) -> serde_json::Value {
    let r = get(
        c,
        w,
        &[
            ("action", "query"),
            ("meta", "userinfo"),
            ("uiprop", "options"),
            ("format", "json"),
            ("formatversion", "2"),
        ],
    )
    .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    v["query"]["userinfo"]["options"].clone()
}

#[tokio::test]
async fn options_are_the_users_own_and_validated_by_the_release() {
    for version in [MediaWikiVersion::V1_43, MediaWikiVersion::V1_39] {
        let w = wiki_as(version).await;
        let (c, csrf) = logged_in(&w, "Options user").await;
        let r = post(
            &c,
            &w,
            &[],
            &[
                ("action", "options"),
                ("format", "json"),
                ("token", &csrf),
                (
                    "change",
                    "hideminor=1|rclimit=0|timecorrection=bogus|userjs-x=0",
                ),
            ],
        )
        .await;
        // 1.43's time zone field checks the value; 1.39 takes any text.
        let timezone = match version {
            MediaWikiVersion::V1_43 => {
                r#"\nValidation error for \"timecorrection\": Invalid time zone or time offset."#
            }
            _ => "",
        };
        assert_eq!(
            r.body,
            format!(
                r#"{{"warnings":{{"options":{{"*":"Validation error for \"rclimit\": The value you specified is below the minimum of 1.{timezone}"}}}},"options":"success"}}"#
            )
        );
        let mine = options_of(&c, &w).await;
        assert_eq!(mine["hideminor"], "1");
        assert_eq!(mine["rclimit"], 50);
        assert_eq!(mine["userjs-x"], 0, "a stored \"0\" reads as a number");
        assert_eq!(mine["timecorrection"], "System|0");
        let theirs = options_of(&client(), &w).await;
        assert_eq!(theirs["hideminor"], 0);
        assert!(theirs.get("userjs-x").is_none());
        w.shutdown().await;
    }
}

#[tokio::test]
async fn the_language_option_speaks_errors_and_warnings() {
    let w = wiki().await;
    let (c, csrf) = logged_in(&w, "Sprecher").await;
    let change = |value: &'static str| {
        vec![
            ("action", "options"),
            ("format", "json"),
            ("errorformat", "plaintext"),
            ("change", value),
        ]
    };
    let mut body = change("language=de");
    body.push(("token", &csrf));
    post(&c, &w, &[], &body).await;
    let mut body = change("foo=1");
    body.push(("token", &csrf));
    let r = post(&c, &w, &[], &body).await;
    assert_eq!(
        r.body,
        r#"{"warnings":[{"code":"validationfailed","module":"options","*":"Validierungsfehler f\u00fcr \"foo\": Keine g\u00fcltige Einstellung."}],"options":"success"}"#
    );
    // The bc format stays English.
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "options"),
            ("format", "json"),
            ("change", "foo=1"),
            ("token", &csrf),
        ],
    )
    .await;
    assert!(r.body.contains("not a valid preference."), "{}", r.body);
    w.shutdown().await;
}
