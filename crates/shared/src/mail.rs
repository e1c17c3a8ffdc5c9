//! A mail the wiki sent, in the shape the real wiki's outbox hook writes (one JSON object a line)
//! and the mock's `/_mwcheck/outbox` answers.

/// A mail the wiki sent.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}
