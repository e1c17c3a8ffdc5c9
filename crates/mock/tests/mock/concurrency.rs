//! The mock wiki under concurrency, over real HTTP: many clients at once, each with its own cookie
//! jar, released together by a barrier. Each creation and login hashes a password with the wiki
//! unlocked, which is where a check-then-insert could be split.
//!
//! What MediaWiki 1.39 answers when clients create the same name at once: on the test wiki,
//! 6 rounds of 32 clients (plus 4 of 16) gave exactly one PASS a round and `userexists` for all
//! the others. AuthManager's lock on the name waits up to 6 seconds, so a loser sees the account
//! once the winner is done; `usernameinprogress` needs a creation that holds the lock longer than
//! that. So these tests accept `userexists` only. The legacy 1.21 profile had no lock: its
//! insert refused the name, which 1.21's ApiCreateAccount answered with the `userexists` error.

use super::common;
use super::race_client;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use common::{MockWiki, WikiConfig};
use race_client::{Client, RETURN_URL, race};
use serde_json::{Value, json};

/// Clients racing in each test.
const CLIENTS: usize = 40;

/// A mock in `config`, with a PBKDF2 cost of 1,000 rounds. (At MediaWiki's 30,000, forty
/// creations hashing at once on a loaded two-core machine can hold a name past the 6-second lock
/// wait, and the mock then answers `usernameinprogress`, as MediaWiki would.)
async fn wiki(config: &str) -> MockWiki {
    let config = WikiConfig {
        pbkdf2_iterations: 1000,
        ..WikiConfig::named(config).expect("a known configuration")
    };
    MockWiki::start(config).await.expect("the mock starts")
}

fn clients(wiki: &MockWiki) -> Vec<Client> {
    (0..CLIENTS).map(|_| Client::new(wiki)).collect()
}

/// The FAIL every client but one gets, exactly as MediaWiki words it.
fn userexists() -> Value {
    json!({"createaccount": {
        "status": "FAIL",
        "message": "Username entered already in use.\nPlease choose a different name.",
        "messagecode": "userexists",
        "canpreservestate": false
    }})
}

fn password_of(i: usize) -> String {
    format!("Race-pass-{i}-qv8z")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn same_name_creations_give_one_pass_and_userexists_for_the_rest() {
    let wiki = wiki("default").await;
    for round in 0..3 {
        let name = format!("Same name {round}");
        let (clients, answers) = race(clients(&wiki), |i, mut client, barrier| {
            let name = name.clone();
            async move {
                let token = client.token("createaccount").await;
                barrier.wait().await;
                let answer = client.create(&token, &name, &password_of(i)).await;
                (client, answer)
            }
        })
        .await;
        let winners: Vec<usize> = (0..CLIENTS)
            .filter(|&i| answers[i]["createaccount"]["status"] == "PASS")
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {answers:#?}");
        let winner = winners[0];
        assert_eq!(
            answers[winner],
            json!({"createaccount": {"status": "PASS", "username": name}})
        );
        for (i, answer) in answers.iter().enumerate().filter(|(i, _)| *i != winner) {
            assert_eq!(*answer, userexists(), "round {round}, client {i}");
        }
        let stored = wiki.account_names();
        assert_eq!(stored.iter().filter(|n| **n == name).count(), 1);
        // The account is the winner's: its password logs in, a loser's does not.
        let mut clients = clients;
        let loser = (winner + 1) % CLIENTS;
        let token = clients[winner].token("login").await;
        let passed = clients[winner]
            .clientlogin(&token, &name, &password_of(winner))
            .await;
        assert_eq!(passed["clientlogin"]["status"], "PASS", "{passed}");
        let token = clients[loser].token("login").await;
        let refused = clients[loser]
            .clientlogin(&token, &name, &password_of(loser))
            .await;
        assert_eq!(refused["clientlogin"]["messagecode"], "wrongpassword");
    }
}

/// The losers wait for the winner's creation (AuthManager's lock on the name) and stop at
/// `userexists`, before the creation throttle counts them: with a throttle of one account a day,
/// a creation that hashed beside the winner would be `acct_creation_throttle_hit` instead.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn same_name_losers_wait_for_the_winner_before_the_creation_throttle() {
    let wiki = wiki("creation-throttle").await;
    let name = "Throttled same name";
    let (_, answers) = race(clients(&wiki), |i, mut client, barrier| async move {
        let token = client.token("createaccount").await;
        barrier.wait().await;
        let answer = client.create(&token, name, &password_of(i)).await;
        (client, answer)
    })
    .await;
    let passed = answers
        .iter()
        .filter(|a| a["createaccount"]["status"] == "PASS")
        .count();
    assert_eq!(passed, 1, "{answers:#?}");
    let refused = answers.iter().filter(|a| **a == userexists()).count();
    assert_eq!(refused, CLIENTS - 1, "{answers:#?}");
}

/// The OpenID Connect provider's continuation creates accounts too (no password, so nothing is
/// hashed): racing it against password creations of the same name, exactly one of them wins.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn same_name_through_the_provider_and_with_passwords_gives_one_creation() {
    let wiki = Arc::new(wiki("openid-connect").await);
    let name = "Provider same name";
    let (_, answers) = race(clients(&wiki), |i, mut client, barrier| {
        let wiki = wiki.clone();
        async move {
            let token = client.token("createaccount").await;
            let answer = if i % 2 == 0 {
                let (code, state) = client.openid_code(&wiki, &token, name).await;
                barrier.wait().await;
                client
                    .post(&[
                        ("action", "createaccount"),
                        ("format", "json"),
                        ("formatversion", "2"),
                        ("createtoken", &token),
                        ("createcontinue", "1"),
                        ("code", &code),
                        ("state", &state),
                    ])
                    .await
            } else {
                let captcha = client.solve_captcha(&wiki).await;
                let password = password_of(i);
                barrier.wait().await;
                client
                    .post(&[
                        ("action", "createaccount"),
                        ("format", "json"),
                        ("formatversion", "2"),
                        ("createtoken", &token),
                        ("username", name),
                        ("password", &password),
                        ("retype", &password),
                        (captcha[0].0, &captcha[0].1),
                        (captcha[1].0, &captcha[1].1),
                        ("createreturnurl", RETURN_URL),
                    ])
                    .await
            };
            (client, answer)
        }
    })
    .await;
    // A password creation passes; the provider's goes on to the two-factor set-up.
    let created: Vec<&Value> = answers
        .iter()
        .filter(|a| {
            a["createaccount"]["status"] == "PASS"
                || a["createaccount"]["requests"][0]["id"] == "TwoFactorAuthenticationRequest"
        })
        .collect();
    assert_eq!(created.len(), 1, "{answers:#?}");
    let refused = answers.iter().filter(|a| **a == userexists()).count();
    assert_eq!(refused, CLIENTS - 1, "{answers:#?}");
    let stored = wiki.account_names();
    assert_eq!(stored.iter().filter(|n| *n == name).count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn legacy_same_name_creations_give_one_success_and_userexists_for_the_rest() {
    let wiki = wiki("legacy-1.21").await;
    let name = "Legacy same name";
    let (_, answers) = race(clients(&wiki), |i, mut client, barrier| async move {
        let mut step = vec![
            ("action", "createaccount"),
            ("format", "json"),
            ("name", name),
            ("token", ""),
        ];
        let password = password_of(i);
        step.push(("password", password.as_str()));
        let first = client.post(&step).await;
        assert_eq!(first["createaccount"]["result"], "needtoken", "{first}");
        let token = first["createaccount"]["token"].as_str().expect("token");
        step[3] = ("token", token);
        barrier.wait().await;
        let answer = client.post(&step).await;
        (client, answer)
    })
    .await;
    let winners: Vec<&Value> = answers
        .iter()
        .filter(|a| a["createaccount"]["result"] == "success")
        .collect();
    assert_eq!(winners.len(), 1, "{answers:#?}");
    assert_eq!(winners[0]["createaccount"]["username"], name);
    let refusal =
        json!({"error": {"code": "userexists", "info": "Username entered already in use"}});
    let refused = answers.iter().filter(|a| **a == refusal).count();
    assert_eq!(refused, CLIENTS - 1, "{answers:#?}");
    let stored = wiki.account_names();
    assert_eq!(stored.iter().filter(|n| *n == name).count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn distinct_names_created_at_once_all_exist_and_log_in() {
    let wiki = wiki("default").await;
    let seeded = wiki.account_names().len();
    let name_of = |i: usize| format!("Distinct racer {i}");
    let (clients, answers) = race(clients(&wiki), |i, mut client, barrier| {
        let name = name_of(i);
        async move {
            let token = client.token("createaccount").await;
            barrier.wait().await;
            let answer = client.create(&token, &name, &password_of(i)).await;
            (client, answer)
        }
    })
    .await;
    for (i, answer) in answers.iter().enumerate() {
        assert_eq!(
            *answer,
            json!({"createaccount": {"status": "PASS", "username": name_of(i)}})
        );
    }
    let stored = wiki.account_names();
    assert_eq!(stored.len(), seeded + CLIENTS, "{stored:?}");
    for i in 0..CLIENTS {
        assert!(stored.contains(&name_of(i)), "{} lost", name_of(i));
    }
    // All log in at once, half with clientlogin and half with action=login, and each session is
    // its own user's.
    let (_, whoami) = race(clients, |i, mut client, barrier| {
        let name = name_of(i);
        async move {
            let token = client.token("login").await;
            barrier.wait().await;
            if i % 2 == 0 {
                let v = client.clientlogin(&token, &name, &password_of(i)).await;
                assert_eq!(v["clientlogin"]["status"], "PASS", "{v}");
            } else {
                let v = client.action_login(&token, &name, &password_of(i)).await;
                assert_eq!(v["login"]["result"], "Success", "{v}");
            }
            let me = client.whoami().await;
            (client, me)
        }
    })
    .await;
    for (i, (_, name)) in whoami.iter().enumerate() {
        assert_eq!(*name, name_of(i));
    }
    let ids: HashSet<u64> = whoami.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), CLIENTS, "every account has its own id");
    assert!(!ids.contains(&0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn tokens_and_sessions_stay_with_their_client() {
    let wiki = wiki("default").await;
    let name_of = |i: usize| format!("Session keeper {i}");
    let next = |i: usize| (i + 1) % CLIENTS;
    let badtoken = |v: &Value| v["error"]["code"] == "badtoken";

    // Each client's createaccount token, used in the next client's session, is badtoken; its own
    // creates its account.
    let (clients, tokens) = race(clients(&wiki), |_, mut client, barrier| async move {
        let token = client.token("createaccount").await;
        barrier.wait().await;
        (client, token)
    })
    .await;
    let tokens = Arc::new(tokens);
    let (clients, _) = race(clients, |i, mut client, barrier| {
        let tokens = tokens.clone();
        let name = name_of(i);
        async move {
            barrier.wait().await;
            let stolen = client
                .create(&tokens[next(i)], &name, &password_of(i))
                .await;
            assert!(badtoken(&stolen), "client {i}: {stolen}");
            let own = client.create(&tokens[i], &name, &password_of(i)).await;
            assert_eq!(own["createaccount"]["status"], "PASS", "client {i}: {own}");
            (client, ())
        }
    })
    .await;

    // Login tokens likewise, then each logs in with its own.
    let (clients, tokens) = race(clients, |_, mut client, _| async move {
        let token = client.token("login").await;
        (client, token)
    })
    .await;
    let tokens = Arc::new(tokens);
    let (clients, _) = race(clients, |i, mut client, barrier| {
        let tokens = tokens.clone();
        let name = name_of(i);
        async move {
            barrier.wait().await;
            let stolen = client
                .clientlogin(&tokens[next(i)], &name, &password_of(i))
                .await;
            assert!(badtoken(&stolen), "client {i}: {stolen}");
            let own = client.clientlogin(&tokens[i], &name, &password_of(i)).await;
            assert_eq!(own["clientlogin"]["status"], "PASS", "client {i}: {own}");
            (client, ())
        }
    })
    .await;

    // Logged in: csrf tokens are per session too. A stolen one cannot log another client out.
    let (clients, tokens) = race(clients, |i, mut client, _| async move {
        let token = client.token("csrf").await;
        assert_ne!(token, "+\\", "client {i} is logged in");
        (client, token)
    })
    .await;
    let distinct: HashSet<&String> = tokens.iter().collect();
    assert_eq!(distinct.len(), CLIENTS);
    let tokens = Arc::new(tokens);
    let (clients, _) = race(clients, |i, mut client, barrier| {
        let tokens = tokens.clone();
        async move {
            barrier.wait().await;
            let stolen = client
                .post(&[
                    ("action", "logout"),
                    ("format", "json"),
                    ("token", tokens[next(i)].as_str()),
                ])
                .await;
            assert!(badtoken(&stolen), "client {i}: {stolen}");
            assert_eq!(client.whoami().await.1, name_of(i), "still logged in");
            let own = client
                .post(&[
                    ("action", "logout"),
                    ("format", "json"),
                    ("token", tokens[i].as_str()),
                ])
                .await;
            assert_eq!(own, json!({}), "client {i}");
            assert_eq!(client.whoami().await.0, 0, "logged out");
            (client, ())
        }
    })
    .await;

    // No session id was ever given to two clients (nor twice to one).
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, client) in clients.iter().enumerate() {
        assert!(
            client.session_ids.len() >= 2,
            "client {i} got a session and a new one at login"
        );
        for id in &client.session_ids {
            assert_eq!(id.len(), 32);
            if let Some(other) = owner.insert(id, i) {
                panic!("session id given to clients {other} and {i}");
            }
        }
    }
}
