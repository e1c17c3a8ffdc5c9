//! The order and names of the Set-Cookie headers where the client libraries' traffic showed the
//! mock apart from real MediaWiki (scripts/record-proxy.py; snapshots keep cookie names sorted,
//! so they cannot see an order): the password change after a temporary-password login, and the
//! logout of a bot-password session.

use mwcheck_mock::MediaWikiVersion;

use crate::common::*;

const BOT_USER: &str = "Admin@mwcheck";
const BOT_PASSWORD: &str = "mwcheckbotpassword0123456789abcd";

/// Logging in with a mailed temporary password and choosing a new one sets the login's cookies
/// first, then the database-write cookies of the release (real 1.43 and 1.39 do so).
#[tokio::test]
async fn password_change_at_login_sets_the_login_cookies_before_the_db_write_ones() {
    for (version, db_write) in [
        (
            MediaWikiVersion::V1_43,
            ["cpPosIndex", "UseDC", "cpPosIndex"],
        ),
        (
            MediaWikiVersion::V1_39,
            ["cpPosIndex", "UseDC", "UseCDNCache"],
        ),
    ] {
        let w = wiki_as(version).await;
        let c = client();
        let t = token(&c, &w, "createaccount").await;
        let r = post(
            &c,
            &w,
            &[],
            &[
                ("action", "createaccount"),
                ("format", "json"),
                ("createtoken", &t),
                ("username", "Resetme"),
                ("password", "Secret-pass-2ae151af"),
                ("retype", "Secret-pass-2ae151af"),
                ("email", "resetme@example.org"),
                ("realname", ""),
                ("createreturnurl", "http://x/"),
            ],
        )
        .await;
        assert!(r.body.contains(r#""status":"PASS""#), "{}", r.body);
        let reset = [
            ("action", "resetpassword"),
            ("format", "json"),
            ("token", "+\\"),
            ("user", "Resetme"),
        ];
        let r = post(&c, &w, &[], &reset).await;
        assert_eq!(r.body, r#"{"resetpassword":{"status":"success"}}"#);
        let mail = w.outbox().pop().expect("a mail");
        let temp: String = mail
            .body
            .split("Temporary password:\n")
            .nth(1)
            .unwrap_or("")
            .chars()
            .take(10)
            .collect();
        let c = client();
        let lt = token(&c, &w, "login").await;
        let r = clientlogin(&c, &w, &lt, "Resetme", &temp).await;
        assert!(r.body.contains(r#""status":"UI""#), "{}", r.body);
        let r = post(
            &c,
            &w,
            &[],
            &[
                ("action", "clientlogin"),
                ("format", "json"),
                ("logintoken", &lt),
                ("logincontinue", "1"),
                ("password", "Newer-pass-12345"),
                ("retype", "Newer-pass-12345"),
            ],
        )
        .await;
        assert_eq!(
            r.body,
            r#"{"clientlogin":{"status":"PASS","username":"Resetme"}}"#
        );
        let mut expected = vec!["my_wiki_session", "my_wikiUserID", "my_wikiUserName"];
        expected.extend(db_write);
        assert_eq!(r.cookies, expected, "{version:?}");
    }
}

/// A bot-password session's logout deletes its own cookie, not the normal session cookie the
/// client also sends.
#[tokio::test]
async fn bot_password_logout_deletes_the_bpsession_cookie_alone() {
    for version in [MediaWikiVersion::V1_43, MediaWikiVersion::V1_39] {
        let w = wiki_as(version).await;
        let c = client();
        let lt = token(&c, &w, "login").await;
        let r = post(
            &c,
            &w,
            &[],
            &[
                ("action", "login"),
                ("format", "json"),
                ("lgname", BOT_USER),
                ("lgpassword", BOT_PASSWORD),
                ("lgtoken", &lt),
            ],
        )
        .await;
        assert!(r.body.contains(r#""result":"Success""#), "{}", r.body);
        assert_eq!(r.cookies, ["my_wiki_BPsession"]);
        let csrf = token(&c, &w, "csrf").await;
        let r = post(
            &c,
            &w,
            &[],
            &[("action", "logout"), ("format", "json"), ("token", &csrf)],
        )
        .await;
        assert_eq!(r.body, "{}");
        assert_eq!(r.cookies, ["my_wiki_BPsession"], "{version:?}");
        assert_eq!(token(&c, &w, "csrf").await, "+\\");
    }
}
