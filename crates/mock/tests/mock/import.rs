//! `MockWiki::import_accounts`: imported accounts log in with their stored hash, get the next ids,
//! and invalid or taken names are skipped.

use super::common;

use common::*;
use mwcheck_mock::ImportedAccount;
use mwcheck_mock::password_hash::PasswordHasher;

#[tokio::test]
async fn imported_accounts_log_in_and_bad_names_are_skipped() {
    let w = wiki().await;
    let hash = PasswordHasher { iterations: 1000 }.hash("Imported-pass-1");
    let imported = |name: &str| ImportedAccount {
        name: name.to_owned(),
        password_hash: hash.clone(),
        email: String::new(),
    };
    let added = w.import_accounts([
        imported("bulk user_1"),
        imported("Bulk user 2"),
        imported("Admin"),
        imported("Bad|name"),
    ]);
    assert_eq!(added, 2, "the taken and the invalid name are skipped");
    let names = w.account_names();
    assert_eq!(&names[names.len() - 2..], ["Bulk user 1", "Bulk user 2"]);

    let c = client();
    let login_token = token(&c, &w, "login").await;
    let r = clientlogin(&c, &w, &login_token, "Bulk user 2", "Imported-pass-1").await;
    assert!(r.body.contains("\"status\":\"PASS\""), "{}", r.body);
    assert!(
        r.body.contains("\"username\":\"Bulk user 2\""),
        "{}",
        r.body
    );

    let c = client();
    let login_token = token(&c, &w, "login").await;
    let r = clientlogin(&c, &w, &login_token, "Bulk user 1", "wrong password").await;
    assert!(r.body.contains("\"status\":\"FAIL\""), "{}", r.body);
    w.shutdown().await;
}
