//! Integration tests of the password policy as the mock applies it (account creation,
//! validatepassword, the sysop policy after login) and of the outbox file; bodies from the real wiki.

use super::common;

use common::*;

#[tokio::test]
async fn password_policy_in_creation_validation_and_login() {
    let w = wiki().await;
    let c = client();
    let t = token(&c, &w, "createaccount").await;
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "createaccount"),
            ("format", "json"),
            ("formatversion", "2"),
            ("createtoken", &t),
            ("username", "Password2ae151af"),
            ("password", "password"),
            ("retype", "password"),
            ("createreturnurl", "http://x/"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"createaccount":{"status":"FAIL","message":"* Your password must not appear within your username.\n* The password entered is in a list of very commonly used passwords. Please choose a more unique password.","messagecode":"___1____2","canpreservestate":false}}"#
    );
    let vp = |pw: &'static str, user: Option<&'static str>| {
        let mut v = vec![
            ("action", "validatepassword"),
            ("format", "json"),
            ("password", pw),
        ];
        if let Some(u) = user {
            v.push(("user", u));
        }
        v
    };
    let r = post(&c, &w, &[], &vp("Passpass", Some("Useruser"))).await;
    assert_eq!(
        r.body,
        r#"{"validatepassword":{"validity":"Change","validitymessages":[{"message":"password-login-forbidden","params":[],"code":"password-login-forbidden","type":"error"}]}}"#
    );
    let long = "a".repeat(4097);
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "validatepassword"),
            ("format", "json"),
            ("password", &long),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"validatepassword":{"validity":"Invalid","validitymessages":[{"message":"passwordtoolong","params":[4096],"code":"passwordtoolong","type":"error"}]}}"#
    );
    // Logged in as the sysop Admin, the sysop policy applies.
    let lt = token(&c, &w, "login").await;
    let r = clientlogin(&c, &w, &lt, "Admin", "Adminpass-12345").await;
    assert_eq!(
        r.body,
        r#"{"clientlogin":{"status":"PASS","username":"Admin"}}"#
    );
    let r = post(&c, &w, &[], &vp("dmi", None)).await;
    assert_eq!(
        r.body,
        r#"{"validatepassword":{"validity":"Change","validitymessages":[{"message":"passwordtooshort","params":[10],"code":"passwordtooshort","type":"error"},{"message":"password-substring-username-match","params":[],"code":"password-substring-username-match","type":"error"}]}}"#
    );
    // The old login token no longer works after a successful login.
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "login"),
            ("format", "json"),
            ("lgname", "Admin"),
            ("lgpassword", "x"),
            ("lgtoken", &lt),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"login":{"result":"Failed","reason":"Unable to continue login. Your session most likely timed out."}}"#
    );
    w.shutdown().await;
}

#[tokio::test]
async fn mails_are_appended_to_the_outbox_file() {
    let path = std::env::temp_dir().join(format!("mwcheck-outbox-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let config = WikiConfig {
        pbkdf2_iterations: 1000,
        outbox_file: Some(path.clone()),
        ..WikiConfig::default()
    };
    let w = MockWiki::start(config).await.expect("start");
    let c = client();
    let t = token(&c, &w, "createaccount").await;
    let create = [
        ("action", "createaccount"),
        ("format", "json"),
        ("createtoken", t.as_str()),
        ("username", "Filed"),
        ("password", "Secret-pass-2ae151af"),
        ("retype", "Secret-pass-2ae151af"),
        ("email", "filed@example.org"),
        ("realname", ""),
        ("createreturnurl", "http://x/"),
    ];
    assert_eq!(
        post(&c, &w, &[], &create).await.body,
        r#"{"createaccount":{"status":"PASS","username":"Filed"}}"#
    );
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "resetpassword"),
            ("format", "json"),
            ("token", "+\\"),
            ("user", "Filed"),
        ],
    )
    .await;
    assert_eq!(r.body, r#"{"resetpassword":{"status":"success"}}"#);
    let text = std::fs::read_to_string(&path).expect("outbox file");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1);
    let mail: mwcheck_mock::Mail = serde_json::from_str(lines[0]).expect("mail json");
    assert_eq!(mail, w.outbox()[0]);
    assert_eq!(mail.to, vec!["\"Filed\" <filed@example.org>"]);
    let _ = std::fs::remove_file(&path);
    w.shutdown().await;
}

/// mw-1.43-vs-1.39 L4: on 1.43 an existing password shorter than 8 bytes (an account seeded with
/// it, as one created on 1.39 would be) logs in through the soft password-change step, which 1.39
/// does not ask for (the real 1.43 answers the same body for an account whose stored hash came
/// from a 1.39 wiki). A named configuration's policy change stays a change to each release's
/// stock policy.
#[tokio::test]
async fn short_existing_passwords_get_the_soft_reset_on_1_43() {
    use mwcheck_mock::{MediaWikiVersion, SeedAccount};
    for (version, expected) in [
        (
            MediaWikiVersion::V1_39,
            r#"{"clientlogin":{"status":"PASS","username":"Shortpw"}}"#,
        ),
        (
            MediaWikiVersion::V1_43,
            r#""message":"Your password is not valid: Passwords must be at least 8 characters.\n\nPlease choose a new password now, or click \"Skip\" to change it later.","messagecode":"resetpass-validity-soft""#,
        ),
    ] {
        let mut config = WikiConfig {
            pbkdf2_iterations: 1000,
            ..WikiConfig::default()
        }
        .speaking(version);
        config.accounts.push(SeedAccount {
            name: "Shortpw".to_string(),
            password: "Zq9-x1".to_string(),
            groups: Vec::new(),
            email: String::new(),
            realname: String::new(),
        });
        let w = MockWiki::start(config).await.expect("mock starts");
        let c = client();
        let lt = token(&c, &w, "login").await;
        let r = clientlogin(&c, &w, &lt, "Shortpw", "Zq9-x1").await;
        assert!(r.body.contains(expected), "{version}: {}", r.body);
    }
    let policy_min_length = WikiConfig::named("policy-min-length").expect("a named configuration");
    for version in [MediaWikiVersion::V1_39, MediaWikiVersion::V1_43] {
        let policy = policy_min_length
            .clone()
            .speaking(version)
            .active_password_policy();
        assert_eq!(
            policy.check("Pol1", "Zq9Zq9Zq9", &[])[0].params,
            [serde_json::json!(10)],
            "{version}"
        );
    }
}
