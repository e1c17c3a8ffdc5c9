//! Reading the target's outbox for mail steps: the in-process mock's outbox, a JSON-lines file
//! (one mail a line, as the real wiki's hook writes it), or a URL answering a JSON array of mails
//! (a mock's `/_mwcheck/outbox`). Mail steps wait for the expected number of mails, except from
//! the in-process mock, which records a mail before it answers the request that sent it: its
//! outbox is read once, with no waiting.

use mwcheck_shared::Mail;
use std::path::PathBuf;
use std::time::Duration;

/// Where the mails a target sent can be read.
#[derive(Clone)]
pub enum Outbox {
    /// The in-process mock's (the built-in target).
    #[cfg(feature = "builtin-mock")]
    Mock(std::sync::Arc<mwcheck_mock::MockWiki>),
    File(PathBuf),
    Url(String),
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            #[cfg(feature = "builtin-mock")]
            Outbox::Mock(mock) => write!(f, "the built-in mock at {}", mock.server()),
            Outbox::File(path) => write!(f, "file {}", path.display()),
            Outbox::Url(url) => write!(f, "{}", crate::vars::shown_url(url)),
        }
    }
}

/// How long mail steps wait.
#[derive(Clone, Copy, Debug)]
pub struct MailWaits {
    /// For `count` ≥ 1 mails.
    pub arrive: Duration,
    /// For `count: 0`, how long no mail must arrive.
    pub none: Duration,
    pub poll: Duration,
}

impl Default for MailWaits {
    fn default() -> Self {
        MailWaits {
            arrive: Duration::from_secs(10),
            none: Duration::from_secs(2),
            poll: Duration::from_millis(100),
        }
    }
}

impl Outbox {
    /// The in-process mock's: every mail is recorded before its request is answered.
    fn in_process(&self) -> bool {
        #[cfg(feature = "builtin-mock")]
        if let Outbox::Mock(_) = self {
            return true;
        }
        false
    }

    /// Every mail sent so far, oldest first.
    pub async fn all(&self, client: &reqwest::Client) -> Result<Vec<Mail>, String> {
        match self {
            #[cfg(feature = "builtin-mock")]
            Outbox::Mock(mock) => Ok(mock.outbox()),
            Outbox::File(path) => {
                let text = match tokio::fs::read_to_string(path).await {
                    Ok(text) => text,
                    // No mail sent yet: the file does not exist.
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
                    Err(err) => {
                        return Err(format!("cannot read outbox {}: {err}", path.display()));
                    }
                };
                text.lines()
                    .enumerate()
                    .filter(|(_, line)| !line.trim().is_empty())
                    .map(|(i, line)| {
                        serde_json::from_str::<Mail>(line).map_err(|err| {
                            format!(
                                "outbox {} line {}: not a mail: {err}",
                                path.display(),
                                i + 1
                            )
                        })
                    })
                    .collect()
            }
            Outbox::Url(url) => {
                let shown = crate::vars::shown_url(url);
                let url = url.as_str();
                let response =
                    client.get(url).send().await.map_err(|err| {
                        format!("cannot read outbox {shown}: {}", err.without_url())
                    })?;
                if !response.status().is_success() {
                    return Err(format!(
                        "outbox {shown} answered HTTP {}",
                        response.status()
                    ));
                }
                let body = response
                    .bytes()
                    .await
                    .map_err(|err| format!("cannot read outbox {shown}: {}", err.without_url()))?;
                serde_json::from_slice(&body)
                    .map_err(|err| format!("outbox {shown} is not a JSON array of mails: {err}"))
            }
        }
    }

    /// Waits for `count` mails to `address` among those sent after the first `baseline` mails;
    /// returns them as JSON. Fails when fewer (or more) arrive in time.
    pub async fn wait_for(
        &self,
        client: &reqwest::Client,
        baseline: usize,
        address: &str,
        count: usize,
        waits: &MailWaits,
    ) -> Result<serde_json::Value, String> {
        let deadline = if count == 0 { waits.none } else { waits.arrive };
        let started = tokio::time::Instant::now();
        loop {
            let mails: Vec<Mail> = self
                .all(client)
                .await?
                .into_iter()
                .skip(baseline)
                .filter(|mail| mail.to.iter().any(|to| same_address(to, address)))
                .collect();
            // The in-process mock has recorded every mail of the requests it answered.
            let waited_out = self.in_process() || started.elapsed() >= deadline;
            if (count > 0 && mails.len() >= count) || mails.len() > count || waited_out {
                if mails.len() != count {
                    let within = if self.in_process() {
                        String::new()
                    } else {
                        format!(" within {} s", deadline.as_secs_f64())
                    };
                    return Err(format!(
                        "expected {count} mail{} to {address}{within}, got {}",
                        if count == 1 { "" } else { "s" },
                        mails.len()
                    ));
                }
                return serde_json::to_value(mails).map_err(|err| err.to_string());
            }
            tokio::time::sleep(waits.poll).await;
        }
    }

    /// How many mails were sent before now (a scenario only sees later ones).
    pub async fn baseline(&self, client: &reqwest::Client) -> Result<usize, String> {
        Ok(self.all(client).await?.len())
    }
}

/// Whether a recipient (`"Name" <a@b>` or `a@b`) is the address, ignoring case.
pub fn same_address(recipient: &str, address: &str) -> bool {
    let bare = match (recipient.rfind('<'), recipient.rfind('>')) {
        (Some(open), Some(close)) if open < close => &recipient[open + 1..close],
        _ => recipient,
    };
    bare.trim().eq_ignore_ascii_case(address.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_match_by_address_part() {
        assert!(same_address(
            "\"Mwc1\" <Mwc1@Example.org>",
            "mwc1@example.org"
        ));
        assert!(same_address("a@b.c", "A@B.C"));
        assert!(!same_address("\"a@b.c\" <x@y.z>", "a@b.c"));
    }

    #[tokio::test]
    async fn file_outbox_waits_and_counts() {
        let dir = std::env::temp_dir().join(format!("mwcheck-mail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("outbox.jsonl");
        std::fs::write(
            &path,
            "{\"to\":[\"\\\"A\\\" <a@x.org>\"],\"subject\":\"s\",\"body\":\"b\"}\n\
             {\"to\":[\"b@x.org\"],\"subject\":\"s2\",\"body\":\"b2\"}\n",
        )
        .unwrap();
        let outbox = Outbox::File(path.clone());
        let client = reqwest::Client::new();
        let waits = MailWaits {
            arrive: Duration::from_millis(300),
            none: Duration::from_millis(100),
            poll: Duration::from_millis(20),
        };
        let got = outbox
            .wait_for(&client, 0, "A@x.org", 1, &waits)
            .await
            .unwrap();
        assert_eq!(got[0]["subject"], "s");
        assert!(
            outbox
                .wait_for(&client, 1, "a@x.org", 1, &waits)
                .await
                .is_err()
        );
        assert!(
            outbox
                .wait_for(&client, 1, "a@x.org", 0, &waits)
                .await
                .is_ok()
        );
        assert!(
            outbox
                .wait_for(&client, 0, "b@x.org", 0, &waits)
                .await
                .is_err()
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
