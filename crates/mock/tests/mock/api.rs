//! Integration tests of the mock wiki over HTTP, answering as MediaWiki 1.39: every expected body
//! below was captured from the real MediaWiki 1.39 test wiki (tokens, server address and generated
//! names normalised). 1.43's answers are checked by the scenarios against snapshots/1.43.

use super::common;

use common::*;

#[tokio::test]
async fn tokens_anonymous_and_session_cookie() {
    let w = wiki_as(mwcheck_mock::MediaWikiVersion::V1_39).await;
    let c = client();
    let r = get(
        &c,
        &w,
        &[("action", "query"), ("meta", "tokens"), ("format", "json")],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"batchcomplete":"","query":{"tokens":{"csrftoken":"+\\"}}}"#
    );
    assert!(
        r.cookies.is_empty(),
        "anonymous csrf does not persist the session"
    );
    let r = get(
        &c,
        &w,
        &[
            ("action", "query"),
            ("meta", "tokens"),
            ("type", "*"),
            ("format", "json"),
            ("formatversion", "2"),
        ],
    )
    .await;
    assert_eq!(
        norm(&r.body),
        r#"{"batchcomplete":true,"query":{"tokens":{"createaccounttoken":"TOKEN","csrftoken":"+\\","logintoken":"TOKEN","patroltoken":"+\\","rollbacktoken":"+\\","userrightstoken":"+\\","watchtoken":"+\\"}}}"#
    );
    assert_eq!(r.cookies, vec!["my_wiki_session"]);
    let r = get(
        &c,
        &w,
        &[
            ("action", "query"),
            ("meta", "tokens"),
            ("type", "bogus"),
            ("format", "json"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"batchcomplete":"","warnings":{"tokens":{"*":"Unrecognized value for parameter \"type\": bogus"}},"query":{"tokens":{}}}"#
    );
    let r = get(
        &c,
        &w,
        &[
            ("action", "query"),
            ("meta", "tokens"),
            ("origin", "*"),
            ("format", "json"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"batchcomplete":"","warnings":{"tokens":{"*":"Tokens may not be obtained when the same-origin policy is not applied."}}}"#
    );
    w.shutdown().await;
}

#[tokio::test]
async fn generic_errors() {
    let w = wiki_as(mwcheck_mock::MediaWikiVersion::V1_39).await;
    let c = client();
    let r = get(
        &c,
        &w,
        &[("action", "bogus"), ("format", "json"), ("foo", "1")],
    )
    .await;
    assert_eq!(r.error.as_deref(), Some("badvalue"));
    assert_eq!(
        r.body,
        format!(
            r#"{{"error":{{"code":"badvalue","info":"Unrecognized value for parameter \"action\": bogus.","*":"See {} {DOCREF_TAIL}"}}}}"#,
            w.api_url()
        )
    );
    let resp = c
        .put(format!("{}?action=query&format=json", w.api_url()))
        .send()
        .await
        .expect("PUT");
    let r = reply(resp).await;
    assert_eq!(r.status, 405);
    assert!(r.body.starts_with(r#"{"error":{"code":"invalidmethod","info":"Invalid HTTP method. Consider using GET or POST.""#));
    let r = get(
        &c,
        &w,
        &[
            ("action", "resetpassword"),
            ("format", "json"),
            ("errorformat", "plaintext"),
            ("formatversion", "2"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        format!(
            r#"{{"errors":[{{"code":"missingparam","text":"The \"token\" parameter must be set.","module":"resetpassword"}}],"docref":"See {} {DOCREF_TAIL}"}}"#,
            w.api_url()
        )
    );
    w.shutdown().await;
}

#[tokio::test]
async fn createaccount_pass_fail_and_errors() {
    let w = wiki_as(mwcheck_mock::MediaWikiVersion::V1_39).await;
    let c = client();
    let t = token(&c, &w, "createaccount").await;
    let base = |extra: &[(&'static str, &'static str)]| {
        let mut v = vec![
            ("action", "createaccount"),
            ("format", "json"),
            ("username", "cat_two Mock"),
            ("password", "Secret-pass-2ae151af"),
            ("retype", "Secret-pass-2ae151af"),
            ("createreturnurl", "http://127.0.0.1:8080/"),
        ];
        v.extend_from_slice(extra);
        v
    };
    let mut body = base(&[]);
    body.push(("createtoken", t.as_str()));
    let r = post(&c, &w, &[], &body).await;
    assert_eq!(
        r.body,
        r#"{"createaccount":{"status":"PASS","username":"Cat two Mock"}}"#
    );
    assert_eq!(r.cookies, vec!["cpPosIndex", "UseDC", "UseCDNCache"]);
    let r = post(&c, &w, &[], &body).await;
    assert_eq!(
        r.body,
        r#"{"createaccount":{"status":"FAIL","message":"Username entered already in use.\nPlease choose a different name.","messagecode":"userexists"}}"#
    );
    assert_eq!(r.error, None);
    let mut fv2 = body.clone();
    fv2.push(("formatversion", "2"));
    fv2.push(("createmessageformat", "raw"));
    let r = post(&c, &w, &[], &fv2).await;
    assert_eq!(
        r.body,
        r#"{"createaccount":{"status":"FAIL","message":{"key":"userexists","params":[]},"messagecode":"userexists","canpreservestate":false}}"#
    );
    // The creator is still anonymous.
    let r = get(
        &c,
        &w,
        &[
            ("action", "query"),
            ("meta", "userinfo"),
            ("format", "json"),
            ("formatversion", "2"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"batchcomplete":true,"query":{"userinfo":{"id":0,"name":"127.0.0.1","anon":true}}}"#
    );
    // Token in the query string.
    let r = post(&c, &w, &[("createtoken", t.as_str())], &base(&[])).await;
    assert_eq!(r.error.as_deref(), Some("mustpostparams"));
    assert!(r.body.contains(
        r#""info":"The following parameter was found in the query string, but must be in the POST body: createtoken.""#
    ));
    // Bad token from a fresh client persists a session.
    let fresh = client();
    let mut bad = base(&[]);
    bad.push(("createtoken", "+\\"));
    let r = post(&fresh, &w, &[], &bad).await;
    assert_eq!(r.error.as_deref(), Some("badtoken"));
    assert_eq!(r.cookies, vec!["my_wiki_session"]);
    w.shutdown().await;
}

#[tokio::test]
async fn validatepassword_and_resetpassword_mail() {
    let w = wiki_as(mwcheck_mock::MediaWikiVersion::V1_39).await;
    let c = client();
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "validatepassword"),
            ("format", "json"),
            ("password", "Zq9-xx-unique-77"),
        ],
    )
    .await;
    assert_eq!(r.body, r#"{"validatepassword":{"validity":"Good"}}"#);
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "validatepassword"),
            ("format", "json"),
            ("password", "127.0"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"validatepassword":{"validity":"Change","validitymessages":[{"message":"password-substring-username-match","params":[],"code":"password-substring-username-match","type":"error"}]}}"#
    );
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "validatepassword"),
            ("format", "json"),
            ("password", "x"),
            ("user", "admin"),
            ("formatversion", "2"),
        ],
    )
    .await;
    assert!(r.body.starts_with(r#"{"error":{"code":"userexists","info":"Username entered already in use. Please choose a different name.","docref":"#));
    let r = get(
        &c,
        &w,
        &[
            ("action", "validatepassword"),
            ("format", "json"),
            ("password", "x"),
        ],
    )
    .await;
    assert_eq!(r.error.as_deref(), Some("mustbeposted"));

    // An account with an email, then a reset by email.
    let t = token(&c, &w, "createaccount").await;
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "createaccount"),
            ("format", "json"),
            ("createtoken", &t),
            ("username", "Mailme"),
            ("password", "Secret-pass-2ae151af"),
            ("retype", "Secret-pass-2ae151af"),
            ("email", "mailme@example.org"),
            ("realname", "M"),
            ("createreturnurl", "http://x/"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"createaccount":{"status":"PASS","username":"Mailme"}}"#
    );
    let reset = [
        ("action", "resetpassword"),
        ("format", "json"),
        ("token", "+\\"),
        ("email", "mailme@example.org"),
    ];
    let r = post(&c, &w, &[], &reset).await;
    assert_eq!(r.body, r#"{"resetpassword":{"status":"success"}}"#);
    let outbox = w.outbox();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].to, vec!["\"Mailme\" <mailme@example.org>"]);
    assert_eq!(outbox[0].subject, "Account details on TestWiki");
    assert!(outbox[0].body.starts_with(&format!(
        "Someone (probably you, from IP address 127.0.0.1) requested a reset of your\npassword for TestWiki (<{}/index.php/Main_Page>). The following user account is\nassociated with this email address:\n\nUsername:\nMailme\n\nTemporary password:\n",
        w.server()
    )));
    // Resend within 24 h: same answer, no mail.
    let r = post(&c, &w, &[], &reset).await;
    assert_eq!(r.body, r#"{"resetpassword":{"status":"success"}}"#);
    assert_eq!(w.outbox().len(), 1);
    // The temporary password leads to the hard-reset UI in clientlogin.
    let temp = outbox[0]
        .body
        .split("Temporary password:\n")
        .nth(1)
        .unwrap_or("")
        .split('\n')
        .next()
        .unwrap_or("")
        .to_string();
    assert_eq!(temp.len(), 10);
    let lt = token(&c, &w, "login").await;
    let r = clientlogin(&c, &w, &lt, "Mailme", &temp).await;
    assert_eq!(
        r.body,
        r#"{"clientlogin":{"status":"UI","requests":[{"id":"MediaWiki\\Auth\\PasswordAuthenticationRequest","metadata":{},"required":"required","provider":"Password-based authentication","account":"Mailme","fields":{"password":{"type":"password","label":"New password:","help":"Password for authentication.","sensitive":""},"retype":{"type":"password","label":"Retype new password:","help":"Password again to confirm.","sensitive":""}}}],"message":"You logged in with a temporary emailed code.\nTo finish logging in, you must set a new password here:","messagecode":"resetpass-temp-emailed"}}"#
    );
    let r = post(
        &c,
        &w,
        &[],
        &[
            ("action", "clientlogin"),
            ("format", "json"),
            ("logintoken", &lt),
            ("logincontinue", "1"),
            ("password", "New-pass-2ae151af"),
            ("retype", "New-pass-2ae151af"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"clientlogin":{"status":"PASS","username":"Mailme"}}"#
    );
    assert!(r.cookies.contains(&"my_wikiUserID".to_string()));
    let r = get(
        &c,
        &w,
        &[
            ("action", "query"),
            ("meta", "userinfo"),
            ("uiprop", "email"),
            ("format", "json"),
            ("formatversion", "2"),
        ],
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"batchcomplete":true,"query":{"userinfo":{"id":3,"name":"Mailme","email":"mailme@example.org"}}}"#
    );
    w.shutdown().await;
}

#[tokio::test]
async fn outbox_endpoint_and_unknown_paths() {
    let w = wiki_as(mwcheck_mock::MediaWikiVersion::V1_39).await;
    let c = client();
    let r = c
        .get(format!("{}/_mwcheck/outbox", w.server()))
        .send()
        .await
        .expect("outbox");
    assert_eq!(r.text().await.expect("text"), "[]");
    let r = c
        .get(format!("{}/index.php", w.server()))
        .send()
        .await
        .expect("404");
    assert_eq!(r.status().as_u16(), 404);
    w.shutdown().await;
}
