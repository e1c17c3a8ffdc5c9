//! Temporary placeholder for the mock wiki (written on branch `mock`): the public API only, so the
//! harness compiles. `start` and `bind` fail until the real mock is merged. Dropped on merge.

use std::net::SocketAddr;
use std::path::PathBuf;

/// The wiki's configuration; the real one lives in `mock/config.rs`.
#[derive(Clone, Debug, Default)]
pub struct WikiConfig {
    /// When set, each mail is also appended to this file as one JSON line.
    pub outbox_file: Option<PathBuf>,
}

/// One mail the wiki sent.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

/// The mock wiki server.
pub struct MockWiki {
    addr: SocketAddr,
}

impl MockWiki {
    /// Starts the mock on 127.0.0.1 with an ephemeral port.
    pub async fn start(config: WikiConfig) -> std::io::Result<MockWiki> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0)), config).await
    }

    /// Starts the mock on the given address.
    pub async fn bind(_addr: SocketAddr, _config: WikiConfig) -> std::io::Result<MockWiki> {
        Err(std::io::Error::other("mock not built yet"))
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// "http://127.0.0.1:PORT"
    pub fn server(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// server() + "/api.php"
    pub fn api_url(&self) -> String {
        format!("{}/api.php", self.server())
    }

    /// Every mail sent so far, oldest first.
    pub fn outbox(&self) -> Vec<Mail> {
        Vec::new()
    }

    /// Stops serving and waits for the server task to end.
    pub async fn shutdown(self) {}
}
