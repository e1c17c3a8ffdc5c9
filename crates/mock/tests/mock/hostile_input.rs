//! The mock wiki under hostile requests, over HTTP: PHP's input limits (`post_max_size` 8M,
//! `max_input_vars` 1000), ParamValidator's limit of 50 values, PHP array syntax, invalid UTF-8
//! in the query string and the body, and multipart bodies PHP reads leniently. Every expected body
//! is what the real MediaWiki 1.39 test wiki answered to the same request (server address
//! normalised by the DOCREF helpers).

use super::common;

use common::*;

const FORM: &str = "application/x-www-form-urlencoded";
const EIGHT_MEGABYTES: usize = 8 * 1024 * 1024;

async fn post_raw(w: &MockWiki, query: &str, content_type: &str, body: Vec<u8>) -> Reply {
    let resp = client()
        .post(format!("{}?{query}", w.api_url()))
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .expect("POST");
    reply(resp).await
}

async fn get_raw(w: &MockWiki, query: &str) -> Reply {
    let resp = client()
        .get(format!("{}?{query}", w.api_url()))
        .send()
        .await
        .expect("GET");
    reply(resp).await
}

fn docref(w: &MockWiki) -> String {
    format!("See {} {DOCREF_TAIL}", w.api_url())
}

/// A form body of exactly `size` bytes: a password, then one long unknown parameter.
fn form_body_of(size: usize) -> Vec<u8> {
    let mut body = b"password=abcdefgh12&a=".to_vec();
    body.resize(size, b'x');
    body
}

#[tokio::test]
async fn a_body_over_post_max_size_leaves_post_empty() {
    let w = wiki().await;
    let query = "action=validatepassword&format=json";
    let at_limit = post_raw(&w, query, FORM, form_body_of(EIGHT_MEGABYTES)).await;
    assert_eq!(
        at_limit.body,
        r#"{"warnings":{"main":{"*":"Unrecognized parameter: a."}},"validatepassword":{"validity":"Good"}}"#
    );
    let missing = format!(
        r#"{{"error":{{"code":"missingparam","info":"The \"password\" parameter must be set.","*":"{}"}}}}"#,
        docref(&w)
    );
    let over = post_raw(&w, query, FORM, form_body_of(EIGHT_MEGABYTES + 1)).await;
    assert_eq!((over.status, over.body.as_str()), (200, missing.as_str()));
    // A multipart body too (9 MB), read to its end so the client gets the answer.
    let mut multipart =
        b"--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nabc\r\n\
                          --XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
            .to_vec();
    multipart.resize(9 * 1024 * 1024, b'x');
    multipart.extend_from_slice(b"\r\n--XyZ--\r\n");
    let over = post_raw(&w, query, "multipart/form-data; boundary=XyZ", multipart).await;
    assert_eq!((over.status, over.body.as_str()), (200, missing.as_str()));
    w.shutdown().await;
}

#[tokio::test]
async fn input_variables_past_max_input_vars_are_dropped() {
    let w = wiki().await;
    // The body keeps 1001 variables (PHP stops after registering one too many).
    let mut body = String::from("password=abcdefgh12");
    for i in 0..1100 {
        body.push_str(&format!("&p{i}=1"));
    }
    let r = post_raw(
        &w,
        "action=validatepassword&format=json",
        FORM,
        body.into_bytes(),
    )
    .await;
    let names: Vec<String> = (0..1000).map(|i| format!("p{i}")).collect();
    let expected = format!(
        r#"{{"warnings":{{"main":{{"*":"Unrecognized parameters: {}."}}}},"validatepassword":{{"validity":"Good"}}}}"#,
        names.join(", ")
    );
    assert_eq!(r.body, expected);
    // The query string keeps 1000: here three of ApiMain's and 997 more.
    let mut query = String::from("action=query&meta=tokens&format=json");
    for i in 0..1100 {
        query.push_str(&format!("&p{i}=1"));
    }
    let r = get_raw(&w, &query).await;
    let names: Vec<String> = (0..997).map(|i| format!("p{i}")).collect();
    let expected = format!(
        r#"{{"warnings":{{"main":{{"*":"Unrecognized parameters: {}."}}}},"batchcomplete":"","query":{{"tokens":{{"csrftoken":"+\\"}}}}}}"#,
        names.join(", ")
    );
    assert_eq!(r.body, expected);
    w.shutdown().await;
}

#[tokio::test]
async fn more_than_fifty_values_are_too_many() {
    let w = wiki().await;
    let types = vec!["csrf"; 51].join("|");
    let r = get_raw(
        &w,
        &format!("action=query&meta=tokens&format=json&errorformat=plaintext&type={types}"),
    )
    .await;
    assert_eq!(r.error.as_deref(), Some("toomanyvalues"));
    assert_eq!(
        r.body,
        format!(
            r#"{{"errors":[{{"code":"toomanyvalues","data":{{"parameter":"type","limit":50,"lowlimit":50,"highlimit":500}},"module":"query+tokens","*":"Too many values supplied for parameter \"type\". The limit is 50."}}],"*":"{}"}}"#,
            docref(&w)
        )
    );
    let fifty = vec!["csrf"; 50].join("|");
    let r = get_raw(
        &w,
        &format!("action=query&meta=tokens&format=json&type={fifty}"),
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"batchcomplete":"","query":{"tokens":{"csrftoken":"+\\"}}}"#
    );
    let metas = vec!["tokens"; 51].join("|");
    let r = get_raw(&w, &format!("action=query&format=json&meta={metas}")).await;
    assert_eq!(
        r.body,
        format!(
            r#"{{"error":{{"code":"toomanyvalues","info":"Too many values supplied for parameter \"meta\". The limit is 50.","parameter":"meta","limit":50,"lowlimit":50,"highlimit":500,"*":"{}"}}}}"#,
            docref(&w)
        )
    );
    w.shutdown().await;
}

#[tokio::test]
async fn php_array_syntax_is_warned_about_where_read() {
    let w = wiki().await;
    let r = get_raw(
        &w,
        "action=query&meta=tokens&format=json&errorformat=plaintext&continue[]=&type[]=csrf&zzz[]=1",
    )
    .await;
    assert_eq!(
        r.body,
        r#"{"batchcomplete":"","warnings":[{"code":"unsupportedarray","module":"main","*":"Parameter \"continue\" uses unsupported PHP array syntax."},{"code":"unsupportedarray","module":"main","*":"Parameter \"type\" uses unsupported PHP array syntax."},{"code":"unrecognizedparams","module":"main","*":"Unrecognized parameter: zzz."}],"query":{"tokens":{"csrftoken":"+\\"}}}"#
    );
    w.shutdown().await;
}

const BADUTF8: &str = "contains invalid or non-normalized data. Textual data should be valid, NFC-normalized Unicode without C0 control characters other than HT (\\\\t), LF (\\\\n), and CR (\\\\r).";

#[tokio::test]
async fn invalid_utf8_is_cleaned_and_warned_about_by_its_reader() {
    let w = wiki().await;
    // The query string: Windows-1252, the warning from query+tokens.
    let r = get_raw(&w, "action=query&meta=tokens&type=cs%81rf%E9&format=json").await;
    assert_eq!(
        r.body,
        format!(
            r#"{{"batchcomplete":"","warnings":{{"tokens":{{"*":"The value passed for \"type\" {BADUTF8}\nUnrecognized value for parameter \"type\": csrf\u00e9"}}}},"query":{{"tokens":{{}}}}}}"#
        )
    );
    // A body: one U+FFFD per bad sequence, the warning from main.
    let r = post_raw(
        &w,
        "format=json&errorformat=plaintext",
        FORM,
        b"action=a%FF%FEb%E2%82c%F0%9F%98d%ED%A0%80e%C0%AFf%F4%90%80%80g".to_vec(),
    )
    .await;
    assert_eq!(
        r.body,
        format!(
            r#"{{"errors":[{{"code":"badvalue","module":"main","*":"Unrecognized value for parameter \"action\": a\ufffd\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg."}}],"warnings":[{{"code":"badutf8","module":"main","*":"The value passed for \"action\" {BADUTF8}"}}],"*":"{}"}}"#,
            docref(&w)
        )
    );
    w.shutdown().await;
}

#[tokio::test]
async fn multipart_without_its_closing_boundary_is_read() {
    let w = wiki().await;
    let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nabcdefgh12\r\n";
    let r = post_raw(
        &w,
        "action=validatepassword&format=json",
        "multipart/form-data; boundary=XyZ",
        body.to_vec(),
    )
    .await;
    assert_eq!(r.body, r#"{"validatepassword":{"validity":"Good"}}"#);
    w.shutdown().await;
}
