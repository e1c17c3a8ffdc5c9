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

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use common::{MockWiki, WikiConfig, encode};
use serde_json::{Value, json};
use tokio::sync::Barrier;

/// Clients racing in each test.
const CLIENTS: usize = 40;

/// Where the OpenID Connect provider sends the browser back to.
const RETURN_URL: &str = "http://client.example/return";

/// A client with its own cookie jar, remembering every session id the wiki gave it.
struct Client {
    http: reqwest::Client,
    api: String,
    session_ids: Vec<String>,
}

impl Client {
    fn new(wiki: &MockWiki) -> Client {
        // Redirects are followed as a browser would, up to the client's own return URL.
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            if attempt.url().as_str().starts_with(RETURN_URL) {
                attempt.stop()
            } else {
                attempt.follow()
            }
        });
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(policy)
                .build()
                .expect("client"),
            api: wiki.api_url(),
            session_ids: Vec::new(),
        }
    }

    async fn get(&mut self, params: &[(&str, &str)]) -> Value {
        let resp = self
            .http
            .get(format!("{}?{}", self.api, encode(params)))
            .send()
            .await
            .expect("GET");
        self.read(resp).await
    }

    async fn post(&mut self, params: &[(&str, &str)]) -> Value {
        let resp = self
            .http
            .post(&self.api)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(encode(params))
            .send()
            .await
            .expect("POST");
        self.read(resp).await
    }

    async fn read(&mut self, resp: reqwest::Response) -> Value {
        for cookie in resp.headers().get_all("set-cookie") {
            let cookie = cookie.to_str().expect("ASCII cookie");
            if let Some(id) = cookie
                .strip_prefix("my_wiki_session=")
                .and_then(|rest| rest.split(';').next())
                .filter(|id| *id != "deleted")
            {
                self.session_ids.push(id.to_owned());
            }
        }
        let text = resp.text().await.expect("body");
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
    }

    async fn token(&mut self, ty: &str) -> String {
        let v = self
            .get(&[
                ("action", "query"),
                ("meta", "tokens"),
                ("type", ty),
                ("format", "json"),
            ])
            .await;
        v["query"]["tokens"][format!("{ty}token")]
            .as_str()
            .unwrap_or_else(|| panic!("no {ty} token: {v}"))
            .to_owned()
    }

    async fn create(&mut self, token: &str, name: &str, password: &str) -> Value {
        self.post(&[
            ("action", "createaccount"),
            ("format", "json"),
            ("formatversion", "2"),
            ("createtoken", token),
            ("username", name),
            ("password", password),
            ("retype", password),
            ("createreturnurl", RETURN_URL),
        ])
        .await
    }

    async fn clientlogin(&mut self, token: &str, name: &str, password: &str) -> Value {
        self.post(&[
            ("action", "clientlogin"),
            ("format", "json"),
            ("formatversion", "2"),
            ("logintoken", token),
            ("username", name),
            ("password", password),
            ("loginreturnurl", RETURN_URL),
        ])
        .await
    }

    async fn action_login(&mut self, token: &str, name: &str, password: &str) -> Value {
        self.post(&[
            ("action", "login"),
            ("format", "json"),
            ("formatversion", "2"),
            ("lgname", name),
            ("lgpassword", password),
            ("lgtoken", token),
        ])
        .await
    }

    /// The `openid-connect` configuration's captcha: its id (from authmanagerinfo) and its word
    /// (from the mock's answer endpoint), as createaccount fields.
    async fn solve_captcha(&mut self, wiki: &MockWiki) -> [(&'static str, String); 2] {
        let v = self
            .get(&[
                ("action", "query"),
                ("meta", "authmanagerinfo"),
                ("amirequestsfor", "create"),
                ("format", "json"),
                ("formatversion", "2"),
            ])
            .await;
        let requests = v["query"]["authmanagerinfo"]["requests"]
            .as_array()
            .expect("requests");
        let id = requests
            .iter()
            .find_map(|r| r["fields"]["captchaId"]["value"].as_str())
            .unwrap_or_else(|| panic!("a captcha: {v}"))
            .to_owned();
        let url = format!("{}/_mwcheck/captcha?id={id}", wiki.server());
        let text = self.http.get(url).send().await.expect("GET").text();
        let answer: Value = serde_json::from_str(&text.await.expect("body")).expect("JSON");
        let word = answer["answer"].as_str().expect("the word").to_owned();
        [("captchaId", id), ("captchaWord", word)]
    }

    /// Begins a creation through the OpenID Connect button, follows the provider's redirects as a
    /// browser would and gives the `code` and `state` it brings back to the return URL.
    async fn openid_code(&mut self, wiki: &MockWiki, token: &str, name: &str) -> (String, String) {
        let captcha = self.solve_captcha(wiki).await;
        let v = self
            .post(&[
                ("action", "createaccount"),
                ("format", "json"),
                ("formatversion", "2"),
                ("createtoken", token),
                ("username", name),
                (captcha[0].0, &captcha[0].1),
                (captcha[1].0, &captcha[1].1),
                ("openidconnect", "1"),
                ("createreturnurl", RETURN_URL),
            ])
            .await;
        let target = v["createaccount"]["redirecttarget"]
            .as_str()
            .unwrap_or_else(|| panic!("REDIRECT: {v}"));
        let resp = self.http.get(target).send().await.expect("GET");
        let location = resp.headers()["location"].to_str().expect("ASCII");
        assert!(location.starts_with(RETURN_URL), "{location}");
        let url = reqwest::Url::parse(location).expect("a URL");
        let param = |key: &str| {
            url.query_pairs()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
                .unwrap_or_else(|| panic!("{key} in {location}"))
        };
        (param("code"), param("state"))
    }

    /// meta=userinfo: the id and name the client's session is logged in as.
    async fn whoami(&mut self) -> (u64, String) {
        let v = self
            .get(&[
                ("action", "query"),
                ("meta", "userinfo"),
                ("format", "json"),
                ("formatversion", "2"),
            ])
            .await;
        let info = &v["query"]["userinfo"];
        (
            info["id"].as_u64().expect("userinfo id"),
            info["name"].as_str().expect("userinfo name").to_owned(),
        )
    }
}

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

/// Runs `step` for every client at once: each prepares, then all wait at one barrier, then all
/// send. Gives the clients back with the results, in client order.
async fn race<S, F, T>(clients: Vec<Client>, step: S) -> (Vec<Client>, Vec<T>)
where
    S: Fn(usize, Client, Arc<Barrier>) -> F,
    F: Future<Output = (Client, T)> + Send + 'static,
    T: Send + 'static,
{
    let barrier = Arc::new(Barrier::new(clients.len()));
    let tasks: Vec<_> = clients
        .into_iter()
        .enumerate()
        .map(|(i, client)| tokio::spawn(step(i, client, barrier.clone())))
        .collect();
    let mut clients = Vec::new();
    let mut results = Vec::new();
    for task in tasks {
        let (client, result) = task.await.expect("the client task ends");
        clients.push(client);
        results.push(result);
    }
    (clients, results)
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
