//! A client of the mock for the concurrency tests: its own cookie jar, the session ids the wiki
//! gave it, the requests the tests send (tokens, createaccount, clientlogin, action=login,
//! userinfo, the OpenID Connect creation with its captcha), and `race`, which releases many
//! clients' steps at once.

use std::sync::Arc;

use serde_json::Value;
use tokio::sync::Barrier;

use crate::common::{MockWiki, encode};

/// Where the OpenID Connect provider sends the browser back to.
pub const RETURN_URL: &str = "http://client.example/return";

/// A client with its own cookie jar, remembering every session id the wiki gave it.
pub struct Client {
    http: reqwest::Client,
    api: String,
    pub session_ids: Vec<String>,
}

impl Client {
    pub fn new(wiki: &MockWiki) -> Client {
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

    pub async fn get(&mut self, params: &[(&str, &str)]) -> Value {
        let resp = self
            .http
            .get(format!("{}?{}", self.api, encode(params)))
            .send()
            .await
            .expect("GET");
        self.read(resp).await
    }

    pub async fn post(&mut self, params: &[(&str, &str)]) -> Value {
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

    pub async fn read(&mut self, resp: reqwest::Response) -> Value {
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

    pub async fn token(&mut self, ty: &str) -> String {
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

    pub async fn create(&mut self, token: &str, name: &str, password: &str) -> Value {
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

    pub async fn clientlogin(&mut self, token: &str, name: &str, password: &str) -> Value {
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

    pub async fn action_login(&mut self, token: &str, name: &str, password: &str) -> Value {
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
    pub async fn solve_captcha(&mut self, wiki: &MockWiki) -> [(&'static str, String); 2] {
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
    pub async fn openid_code(
        &mut self,
        wiki: &MockWiki,
        token: &str,
        name: &str,
    ) -> (String, String) {
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
    pub async fn whoami(&mut self) -> (u64, String) {
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

/// Runs `step` for every client at once: each prepares, then all wait at one barrier, then all
/// send. Gives the clients back with the results, in client order.
pub async fn race<S, F, T>(clients: Vec<Client>, step: S) -> (Vec<Client>, Vec<T>)
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
