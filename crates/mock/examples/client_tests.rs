//! What a MediaWiki client library's own tests do with the mock wiki: start it in-process, log in
//! as the seeded administrator with `clientlogin`, create an account for someone else with
//! `mailpassword`, read the mail the wiki sent from `outbox()`, and log in as the newcomer with
//! the mailed temporary password (which asks for a new one).
//!
//! `cargo run --example client_tests` runs it; `cargo test` runs the same flow as this example's
//! test (`[[example]] test = true` in Cargo.toml).

use mwcheck_mock::{MockWiki, WikiConfig};
use serde_json::Value;

/// The seeded administrator of every named configuration.
const ADMIN: (&str, &str) = ("Admin", "Adminpass-12345");

/// A small client: a cookie-keeping reqwest client and the wiki's api.php.
struct Client {
    http: reqwest::Client,
    api: String,
}

impl Client {
    fn new(api: &str) -> reqwest::Result<Client> {
        let http = reqwest::Client::builder().cookie_store(true).build()?;
        Ok(Client {
            http,
            api: api.to_owned(),
        })
    }

    /// A token of `kind` (`login`, `createaccount`, `csrf`) for this client's session.
    async fn token(&self, kind: &str) -> Result<String, Box<dyn std::error::Error>> {
        let body: Value = self
            .http
            .get(&self.api)
            .query(&[("action", "query"), ("meta", "tokens"), ("type", kind)])
            .query(&[("format", "json"), ("formatversion", "2")])
            .send()
            .await?
            .text()
            .await
            .map(|text| serde_json::from_str(&text))??;
        let token = body["query"]["tokens"][format!("{kind}token")]
            .as_str()
            .ok_or_else(|| format!("no {kind} token in {body}"))?;
        Ok(token.to_owned())
    }

    /// POSTs `params` (with format=json&formatversion=2) and returns the JSON answer.
    async fn post(&self, params: &[(&str, &str)]) -> Result<Value, Box<dyn std::error::Error>> {
        let mut form = params.to_vec();
        form.extend([("format", "json"), ("formatversion", "2")]);
        let text = self
            .http
            .post(&self.api)
            .form(&form)
            .send()
            .await?
            .text()
            .await?;
        Ok(serde_json::from_str(&text)?)
    }

    /// `clientlogin` with a username and password; the `clientlogin` object of the answer.
    async fn clientlogin(
        &self,
        user: &str,
        password: &str,
        returnurl: &str,
    ) -> Result<Value, Box<dyn std::error::Error>> {
        let token = self.token("login").await?;
        let answer = self
            .post(&[
                ("action", "clientlogin"),
                ("logintoken", &token),
                ("username", user),
                ("password", password),
                ("loginreturnurl", returnurl),
            ])
            .await?;
        Ok(answer["clientlogin"].clone())
    }
}

/// The flow a client library's test would check; errors say which step went wrong.
pub async fn client_flow(wiki: &MockWiki) -> Result<(), Box<dyn std::error::Error>> {
    let returnurl = format!("{}/", wiki.server());
    let admin = Client::new(&wiki.api_url())?;

    let login = admin.clientlogin(ADMIN.0, ADMIN.1, &returnurl).await?;
    if login["status"] != "PASS" || login["username"] != ADMIN.0 {
        return Err(format!("administrator login: {login}").into());
    }

    // An account for someone else: no password, a temporary one is mailed to the address.
    let (newcomer, address) = ("Client Example Newcomer", "newcomer@example.org");
    let createtoken = admin.token("createaccount").await?;
    let created = admin
        .post(&[
            ("action", "createaccount"),
            ("createtoken", &createtoken),
            ("username", newcomer),
            ("mailpassword", "1"),
            ("email", address),
            ("realname", ""),
            ("reason", "created by examples/client_tests.rs"),
            ("createreturnurl", &returnurl),
        ])
        .await?;
    if created["createaccount"]["status"] != "PASS" {
        return Err(format!("createaccount: {created}").into());
    }

    let mails = wiki.outbox();
    let [mail] = mails.as_slice() else {
        return Err(format!("expected one mail, the outbox has {}", mails.len()).into());
    };
    if mail.to != [format!("\"{newcomer}\" <{address}>")] {
        return Err(format!("the mail went to {:?}", mail.to).into());
    }
    let temporary = mail
        .body
        .split("with password \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or("no temporary password in the mail")?;

    // The newcomer logs in with it (their own session): the wiki asks for a new password.
    let newcomer_client = Client::new(&wiki.api_url())?;
    let login = newcomer_client
        .clientlogin(newcomer, temporary, &returnurl)
        .await?;
    if login["status"] != "UI" || login["messagecode"] != "resetpass-temp-emailed" {
        return Err(format!("newcomer login: {login}").into());
    }
    println!(
        "created {newcomer:?}, mailed to {address} with subject {:?}; logging in asks for a new password",
        mail.subject
    );
    Ok(())
}

/// The mock in its `default` configuration with cheap password hashing (tests need no
/// MediaWiki-strength PBKDF2).
async fn start_wiki() -> std::io::Result<MockWiki> {
    MockWiki::start(WikiConfig {
        pbkdf2_iterations: 1,
        ..WikiConfig::default()
    })
    .await
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let wiki = start_wiki().await?;
    println!("mock wiki at {}", wiki.api_url());
    let result = client_flow(&wiki).await;
    wiki.shutdown().await;
    result
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_client_logs_in_creates_an_account_and_reads_the_mail() {
        let wiki = super::start_wiki().await.expect("the mock starts");
        if let Err(problem) = super::client_flow(&wiki).await {
            panic!("{problem}");
        }
        wiki.shutdown().await;
    }

    #[tokio::test]
    async fn the_flow_fails_when_the_wiki_sends_no_mail() {
        // With email off the creation with mailpassword fails: the flow must notice.
        let mut config =
            mwcheck_mock::WikiConfig::named("no-email").expect("a known configuration");
        config.pbkdf2_iterations = 1;
        let wiki = mwcheck_mock::MockWiki::start(config)
            .await
            .expect("the mock starts");
        let problem = super::client_flow(&wiki)
            .await
            .expect_err("no mail, so the flow fails")
            .to_string();
        assert!(problem.starts_with("createaccount: "), "{problem}");
        wiki.shutdown().await;
    }
}
