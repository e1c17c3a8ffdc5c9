//! Helpers shared by the mock's HTTP tests: a mock with a cheap password hash, a cookie-keeping
//! client, form encoding, response capture, tokens and a clientlogin.
#![allow(dead_code)]

pub use mwcheck_mock::{MockWiki, WikiConfig};

pub const DOCREF_TAIL: &str = "for API usage. Subscribe to the mediawiki-api-announce mailing list at &lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; for notice of API deprecations and breaking changes.";

pub async fn wiki() -> MockWiki {
    wiki_as(mwcheck_mock::MOCK_VERSIONS[0]).await
}

/// The default wiki answering as MediaWiki `version`.
pub async fn wiki_as(version: mwcheck_mock::MediaWikiVersion) -> MockWiki {
    let config = WikiConfig {
        pbkdf2_iterations: 1000,
        ..WikiConfig::default().speaking(version)
    };
    MockWiki::start(config).await.expect("mock starts")
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client")
}

pub fn encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                percent_encoding::utf8_percent_encode(k, percent_encoding::NON_ALPHANUMERIC),
                percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub struct Reply {
    pub status: u16,
    pub error: Option<String>,
    pub cookies: Vec<String>,
    pub body: String,
}

pub async fn get(c: &reqwest::Client, w: &MockWiki, q: &[(&str, &str)]) -> Reply {
    let resp = c
        .get(format!("{}?{}", w.api_url(), encode(q)))
        .send()
        .await
        .expect("GET");
    reply(resp).await
}

pub async fn post(
    c: &reqwest::Client,
    w: &MockWiki,
    q: &[(&str, &str)],
    body: &[(&str, &str)],
) -> Reply {
    let url = if q.is_empty() {
        w.api_url()
    } else {
        format!("{}?{}", w.api_url(), encode(q))
    };
    let resp = c
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(encode(body))
        .send()
        .await
        .expect("POST");
    reply(resp).await
}

pub async fn reply(resp: reqwest::Response) -> Reply {
    let status = resp.status().as_u16();
    let error = resp
        .headers()
        .get("MediaWiki-API-Error")
        .map(|v| v.to_str().unwrap_or("").to_string());
    let cookies = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| {
            v.to_str()
                .unwrap_or("")
                .split('=')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let body = resp.text().await.expect("body");
    Reply {
        status,
        error,
        cookies,
        body,
    }
}

/// Replaces full tokens by TOKEN so bodies can be compared with captures.
pub fn norm(body: &str) -> String {
    let re = regex::Regex::new(r"[0-9a-f]{40}\+\\\\").expect("regex");
    re.replace_all(body, "TOKEN").into_owned()
}

pub async fn token(c: &reqwest::Client, w: &MockWiki, ty: &str) -> String {
    let r = get(
        c,
        w,
        &[
            ("action", "query"),
            ("meta", "tokens"),
            ("type", ty),
            ("format", "json"),
        ],
    )
    .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    v["query"]["tokens"][format!("{ty}token")]
        .as_str()
        .expect("token")
        .to_string()
}

/// Begins a clientlogin with a user name and password (return URL `http://x/`).
pub async fn clientlogin(
    c: &reqwest::Client,
    w: &MockWiki,
    login_token: &str,
    user: &str,
    password: &str,
) -> Reply {
    post(
        c,
        w,
        &[],
        &[
            ("action", "clientlogin"),
            ("format", "json"),
            ("logintoken", login_token),
            ("username", user),
            ("password", password),
            ("loginreturnurl", "http://x/"),
        ],
    )
    .await
}
