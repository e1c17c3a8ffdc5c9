//! No secret reaches the output of `mwcheck serve`: the mock runs as a child process (the
//! `oathauth` configuration: seeded administrator, bot password and a TOTP-enrolled user), a
//! client drives creations, logins (failed ones too), a bot-password login, a two-factor login, a
//! mailed temporary password and refused tokens through it, and neither the child's stdout nor
//! its stderr may hold any password, token, session id, remember-me token, bot password, OATH
//! secret or code the client sent or received.

use std::process::Stdio;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;

/// The `oathauth` configuration's seeded secrets (see `WikiConfig::named`).
const ADMIN: (&str, &str) = ("Admin", "Adminpass-12345");
const BOT: (&str, &str) = ("Admin@mwcheck", "mwcheckbotpassword0123456789abcd");
const TOTP_USER: (&str, &str) = ("Totpuser", "Totp-pass-12345");
const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// A client of the served wiki that remembers every secret it sent or was given.
struct Client {
    http: reqwest::Client,
    api: String,
    secrets: Vec<String>,
}

impl Client {
    fn new(api: &str) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .expect("client"),
            api: api.to_owned(),
            secrets: Vec::new(),
        }
    }

    /// Remembers `value` as a secret the output must not show.
    fn secret(&mut self, value: &str) -> String {
        assert!(value.len() >= 6, "too short to look for: {value:?}");
        self.secrets.push(value.to_owned());
        value.to_owned()
    }

    async fn call(&mut self, post: bool, params: &[(&str, &str)]) -> Value {
        let mut params = params.to_vec();
        params.push(("format", "json"));
        params.push(("formatversion", "2"));
        let request = if post {
            self.http.post(&self.api).form(&params)
        } else {
            self.http.get(&self.api).query(&params)
        };
        let resp = request.send().await.expect("the served wiki answers");
        // Every cookie value the wiki sets (session ids, bot-password sessions, the remember-me
        // token) is a secret, except the deletions.
        for cookie in resp.headers().get_all("set-cookie") {
            let cookie = cookie.to_str().expect("ASCII cookie");
            let value = cookie
                .split(';')
                .next()
                .and_then(|pair| pair.split_once('='))
                .map(|(name, value)| (name.to_owned(), value.to_owned()));
            if let Some((name, value)) = value
                && (name.ends_with("session") || name.ends_with("Token"))
                && value != "deleted"
            {
                self.secret(&value);
            }
        }
        let text = resp.text().await.expect("body");
        serde_json::from_str(&text).expect("JSON")
    }

    async fn token(&mut self, ty: &str) -> String {
        let v = self
            .call(
                false,
                &[("action", "query"), ("meta", "tokens"), ("type", ty)],
            )
            .await;
        let token = v["query"]["tokens"][format!("{ty}token")]
            .as_str()
            .unwrap_or_else(|| panic!("no {ty} token: {v}"))
            .to_owned();
        if token != "+\\" {
            self.secret(&token);
        }
        token
    }

    async fn clientlogin(&mut self, name: &str, password: &str) -> Value {
        let token = self.token("login").await;
        let password = self.secret(password);
        self.call(
            true,
            &[
                ("action", "clientlogin"),
                ("logintoken", &token),
                ("username", name),
                ("password", &password),
                ("rememberMe", "1"),
                ("loginreturnurl", "http://client.example/"),
            ],
        )
        .await
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_prints_no_secret() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .args(["serve", "--port", "0", "--config", "oathauth"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("mwcheck serve starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first_line = String::new();
    stdout
        .read_line(&mut first_line)
        .await
        .expect("serve prints its URL");
    let api = first_line.trim().to_owned();
    assert!(
        api.starts_with("http://127.0.0.1:") && api.ends_with("/api.php"),
        "{api:?}"
    );

    let mut admin = Client::new(&api);
    let mut secrets = vec![TOTP_SECRET.to_owned()];

    // An account created with a password, and the administrator's login (remember me).
    let token = admin.token("createaccount").await;
    let password = admin.secret("Served-secret-pass-4417");
    let v = admin
        .call(
            true,
            &[
                ("action", "createaccount"),
                ("createtoken", &token),
                ("username", "Served secret user"),
                ("password", &password),
                ("retype", &password),
                ("email", "served@example.org"),
                ("realname", ""),
                ("createreturnurl", "http://client.example/"),
            ],
        )
        .await;
    assert_eq!(v["createaccount"]["status"], "PASS", "{v}");
    let wrong = admin.clientlogin(ADMIN.0, "Wrong-secret-pass-9931").await;
    assert_eq!(
        wrong["clientlogin"]["messagecode"], "wrongpassword",
        "{wrong}"
    );
    let v = admin.clientlogin(ADMIN.0, ADMIN.1).await;
    assert_eq!(v["clientlogin"]["status"], "PASS", "{v}");

    // The administrator resets the new account's password: a temporary one is mailed.
    let csrf = admin.token("csrf").await;
    let v = admin
        .call(
            true,
            &[
                ("action", "resetpassword"),
                ("user", "Served secret user"),
                ("token", &csrf),
            ],
        )
        .await;
    assert_eq!(v["resetpassword"]["status"], "success", "{v}");
    let outbox = reqwest::get(api.replace("/api.php", "/_mwcheck/outbox"))
        .await
        .expect("outbox")
        .text()
        .await
        .expect("outbox body");
    let outbox: Value = serde_json::from_str(&outbox).expect("outbox JSON");
    let body = outbox[0]["body"].as_str().expect("a mail");
    let temporary = body
        .lines()
        .skip_while(|line| *line != "Temporary password:")
        .nth(1)
        .expect("the mail names the temporary password");
    admin.secret(temporary);

    // A stolen token is refused (an error path).
    let mut thief = Client::new(&api);
    let v = thief
        .call(
            true,
            &[
                ("action", "resetpassword"),
                ("user", ADMIN.0),
                ("token", &csrf),
            ],
        )
        .await;
    assert_eq!(v["error"]["code"], "badtoken", "{v}");

    // A bot-password login through action=login, with a wrong password first.
    let mut bot = Client::new(&api);
    let token = bot.token("login").await;
    let bot_password = bot.secret(BOT.1);
    let v = bot
        .call(
            true,
            &[
                ("action", "login"),
                ("lgname", BOT.0),
                ("lgpassword", &bot_password),
                ("lgtoken", &token),
            ],
        )
        .await;
    assert_eq!(v["login"]["result"], "Success", "{v}");

    // A two-factor login: a wrong code, then the right one.
    let mut totp = Client::new(&api);
    let v = totp.clientlogin(TOTP_USER.0, TOTP_USER.1).await;
    assert_eq!(v["clientlogin"]["messagecode"], "oathauth-auth-ui", "{v}");
    let token = totp.token("login").await;
    let code = mwcheck_mock::totp::code_at(TOTP_SECRET, now()).expect("a code");
    let wrong_code = format!(
        "{:06}",
        (code.parse::<u32>().expect("digits") + 1) % 1_000_000
    );
    for attempt in [wrong_code, code] {
        let attempt = totp.secret(&attempt);
        totp.call(
            true,
            &[
                ("action", "clientlogin"),
                ("logintoken", &token),
                ("logincontinue", "1"),
                ("OATHToken", &attempt),
                ("loginreturnurl", "http://client.example/"),
            ],
        )
        .await;
    }
    let v = totp
        .call(false, &[("action", "query"), ("meta", "userinfo")])
        .await;
    assert_eq!(v["query"]["userinfo"]["name"], TOTP_USER.0, "{v}");

    // Stop the server as a user would (Ctrl-C) and read everything it printed.
    let pid = child.id().expect("running").to_string();
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).await.expect("stdout");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .await
        .expect("stderr");
    let status = child.wait().await.expect("serve ends");
    assert!(status.success(), "serve ends cleanly on Ctrl-C: {status}");
    let output = format!("{first_line}{rest}{stderr}");
    assert!(
        stderr.contains("serving the mock wiki in configuration `oathauth`"),
        "the output is read"
    );
    for client in [admin, thief, bot, totp] {
        secrets.extend(client.secrets);
    }
    assert!(secrets.len() > 15, "{} secrets", secrets.len());
    let leaked: Vec<usize> = (0..secrets.len())
        .filter(|&i| output.contains(secrets[i].as_str()))
        .collect();
    // The failure message must not show the secrets either.
    let redacted = secrets.iter().fold(output.clone(), |text, secret| {
        text.replace(secret.as_str(), "«SECRET»")
    });
    assert!(
        leaked.is_empty(),
        "the output shows secrets {leaked:?} of {}:\n{redacted}",
        secrets.len()
    );
}
