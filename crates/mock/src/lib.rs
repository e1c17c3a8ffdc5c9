//! The mock MediaWiki (1.43 LTS or 1.39, as its configuration says): `MockWiki` (start, address, outbox, shutdown), the axum router
//! serving `/api.php` and `/_mwcheck/outbox` (and, from `captcha_image`, `/index.php`'s
//! Special:Captcha/image and `/_mwcheck/captcha`), and the HTTP glue that turns a request into an
//! `ApiRequest`, runs the API pipeline and writes MediaWiki's headers and body. With the
//! `openid-connect` configuration, `openid_provider` serves `/_mwcheck/openid/authorize` and
//! Special:OpenIDConnectReturn. `http_server` accepts the connections, within
//! [`ConnectionLimits`] (a cap, and a time limit on silent connections).
//!
//! The public surface is small: [`MockWiki`], its [`WikiConfig`] (with [`settings`] for the
//! extensions' settings and [`ConnectionLimits`]), the [`Mail`] it sends, [`ImportedAccount`] for
//! bulk imports, the MediaWiki [`version`]s it speaks, and the rules a client may want on its own
//! ([`password_policy`], [`password_hash`], [`username`], [`totp`]). Everything else is private;
//! the comments above the module list below say how the layers stack.
//!
//! Using the mock from a Rust client library's own tests: start it on an ephemeral loopback port,
//! point the client at [`MockWiki::api_url`], read sent mails with [`MockWiki::outbox`]. Dropping
//! the `MockWiki` stops it serving; [`MockWiki::shutdown`] also waits for the server to end.
//! Seeded accounts and settings come from a named configuration ([`WikiConfig::named`]); the
//! MediaWiki release it answers as from [`WikiConfig::speaking`] (one of [`MOCK_VERSIONS`], the
//! first by default); set `pbkdf2_iterations` low to make password hashing cheap in tests.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use mwcheck_mock::{MediaWikiVersion, MockWiki, WikiConfig};
//! for release in [MediaWikiVersion::V1_43, MediaWikiVersion::V1_39] {
//!     let mut config = WikiConfig::named("default")
//!         .expect("a known configuration")
//!         .speaking(release);
//!     config.pbkdf2_iterations = 1; // cheap hashing for tests
//!     let wiki = MockWiki::start(config).await.expect("the mock starts");
//!     let url = format!("{}?action=query&meta=tokens&type=login&format=json", wiki.api_url());
//!     let text = reqwest::get(url).await.unwrap().text().await.unwrap();
//!     let body: serde_json::Value = serde_json::from_str(&text).unwrap();
//!     assert!(body["query"]["tokens"]["logintoken"].as_str().unwrap().ends_with("+\\"));
//!     let url = format!("{}?action=query&meta=siteinfo&format=json", wiki.api_url());
//!     let text = reqwest::get(url).await.unwrap().text().await.unwrap();
//!     assert!(text.contains(&format!("MediaWiki {release}.")));
//!     assert!(wiki.outbox().is_empty());
//!     wiki.shutdown().await;
//! }
//! # }
//! ```

// The layers, top to bottom; a module imports only from layers below it (and an API module
// never from a sibling). `python3 ../shared/tools/module-cycles.py` checks there is no circle.
//
// HTTP: this file (routes, handlers), `http_server` (connections), `php_input` (PHP's reading
// of a request), `api_response` (the body in its format and MediaWiki's headers), `cors` (the
// `origin` parameter), the pages
// only the mock serves (`captcha_image`, `openid_pages`).
mod api_response;
mod captcha_image;
mod cors;
mod http_server;
mod openid_pages;
mod php_input;

// API main: `apimain` runs a request (main's parameters, dispatch through `modules`' table of
// action modules, errors, warnings); the printers render it.
mod apimain;
mod format_html;
mod format_php;
mod format_xml;

// One file per API module (action=query's meta modules under `modules/query/`).
mod modules;

// AuthManager with its providers and extensions, and what the modules share: the flows.
mod account_creation;
mod auth_flow;
mod auth_requests;
mod authentication;
mod authmanager;
mod blocks;
mod captcha;
mod login_steps;
mod oath;
mod openid_provider;
mod profile_documented;
mod temp_users;
mod two_factor_setup;

// The request's context (`Ctx`: the request, its session, the locked state, the config, and
// the `Voice` its messages speak in: language and the wiki's own texts, never thread-locals).
mod context;
mod list_result;
mod numeric_params;
mod user_listing;

// State: the request, sessions and their flows, the store, tokens, counters, the lock.
mod active_users;
mod flows;
mod pages;
mod rate_counter;
mod request;
mod secrets;
mod session;
mod store;
mod throttle;
mod tokens;
mod wiki_state;

// At the bottom, what needs no state: configuration and settings, the rules that are pure
// functions (user names, passwords, rights, e-mail addresses, URLs), messages, the output model.
mod api_names;
mod bot_passwords;
mod common_passwords;
mod config;
mod email;
mod errors;
mod format;
mod group_permissions;
mod installation;
mod messages;
mod messages_en;
mod messages_en_143;
mod messages_ext;
mod messages_i18n;
mod messages_mock;
mod messages_preferences;
mod messages_temp_accounts;
mod page_chrome;
pub mod password_hash;
pub mod password_policy;
mod php_text;
mod preferences;
mod release;
mod rights;
pub mod settings;
mod size_text;
mod time_correction;
pub mod urls;
mod user_options;
pub mod username;
mod xml_fragment;
mod zoneinfo;

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Response, StatusCode, header};
use axum::routing::{any, get};

pub use config::{
    BOT_APP_ID, BOT_PASSWORD, SeedAccount, SeedBotPassword, TestEndpoints, WikiConfig,
};
pub use http_server::ConnectionLimits;
pub use messages::SiteMessages;
pub use mwcheck_shared::{MOCK_VERSIONS, Mail, MediaWikiVersion, iso8601, totp, version};
pub use store::ImportedAccount;

use api_response::plain;
use php_input::read_request;
use request::ApiRequest;
use session::RequestSession;
use store::{Account, Store};
use wiki_state::{SharedState, WikiState};

struct Shared {
    config: WikiConfig,
    server: String,
    state: SharedState,
    /// The session cookie's name (`{prefix}_session`) and the bot-password session's.
    session_cookie: String,
    bot_session_cookie: String,
}

impl Shared {
    /// The wiki as `config` seeds it, answering as `server` ($wgServer).
    fn new(config: WikiConfig, server: String) -> Shared {
        let mut store = Store::new(config.outbox_file.clone());
        let hasher = password_hash::PasswordHasher {
            iterations: config.pbkdf2_iterations,
        };
        let now = unix_now();
        for (index, seed) in config.accounts.iter().enumerate() {
            if index == 1 {
                add_installer_user(&mut store, now);
            }
            let Some(name) = username::canonical(&seed.name) else {
                continue;
            };
            // install.php sets the seeded passwords before any expiry is configured.
            store.insert(Account {
                password_hash: hasher.hash(&seed.password),
                email: seed.email.clone(),
                realname: seed.realname.clone(),
                groups: seed.groups.clone(),
                ..Account::new(name, now)
            });
        }
        if config.accounts.len() < 2 {
            add_installer_user(&mut store, now);
        }
        for seed in &config.bot_passwords {
            let Some(user_id) = username::canonical(&seed.user)
                .and_then(|name| store.by_name(&name))
                .map(|a| a.id)
            else {
                continue;
            };
            store.bot_passwords.insert(bot_passwords::BotPassword {
                user_id,
                app_id: seed.app_id.clone(),
                password_hash: hasher.hash(&seed.password),
                grants: seed.grants.clone(),
            });
        }
        Shared {
            session_cookie: format!("{}_session", config.cookie_prefix),
            bot_session_cookie: format!("{}_BPsession", config.cookie_prefix),
            config,
            server,
            state: SharedState::new(store),
        }
    }

    /// The wiki's state, locked. (parking_lot's mutex is not poisoned by a panic, so one failed
    /// request does not take the whole wiki down.)
    fn lock(&self) -> parking_lot::MutexGuard<'_, WikiState> {
        self.state.lock()
    }
}

/// The installer's system user, made after the wiki's first account (install.php's admin) when
/// it saves the Main Page: that revision is its one edit.
fn add_installer_user(store: &mut Store, now: u64) {
    if let Some(id) = store.insert(Account::system_user(store::INSTALLER_USER, now)) {
        store.pages.credit_installer_revision(id, now);
        store
            .active_users
            .record_action(id, store::INSTALLER_USER, now);
    }
}

/// A running mock wiki.
pub struct MockWiki {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown_tx: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl MockWiki {
    /// Starts the mock on 127.0.0.1 with an ephemeral port.
    pub async fn start(config: WikiConfig) -> std::io::Result<MockWiki> {
        MockWiki::bind(SocketAddr::from(([127, 0, 0, 1], 0)), config).await
    }

    /// Starts the mock on 127.0.0.1 (ephemeral port) in the `default` configuration.
    pub async fn start_default() -> std::io::Result<MockWiki> {
        MockWiki::start(WikiConfig::default()).await
    }

    /// Starts the mock on the given address.
    /// A wildcard address (`0.0.0.0`, `::`) answers as the loopback address of its family
    /// ($wgServer and [`MockWiki::api_url`] name a URL that works here). The test endpoints are
    /// served as `config.test_endpoints` says ([`TestEndpoints`]).
    pub async fn bind(addr: SocketAddr, config: WikiConfig) -> std::io::Result<MockWiki> {
        if release::of(config.mediawiki).is_none() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "the mock does not answer as MediaWiki {} (it speaks {})",
                    config.mediawiki,
                    MOCK_VERSIONS
                        .iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let reachable = match addr.ip() {
            std::net::IpAddr::V4(ip) if ip.is_unspecified() => {
                SocketAddr::from(([127, 0, 0, 1], addr.port()))
            }
            std::net::IpAddr::V6(ip) if ip.is_unspecified() => {
                SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, addr.port()))
            }
            _ => addr,
        };
        let test_endpoints = match config.test_endpoints {
            TestEndpoints::OnLoopback => addr.ip().is_loopback(),
            TestEndpoints::On => true,
            TestEndpoints::Off => false,
        };
        let shared = Arc::new(Shared::new(config, format!("http://{reachable}")));
        let app = router(shared.clone(), test_endpoints);
        let limits = shared.config.connection_limits;
        let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(http_server::serve(listener, app, limits, shutdown_rx));
        Ok(MockWiki {
            addr,
            shared,
            shutdown_tx,
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// "http://127.0.0.1:PORT" ($wgServer; used in docref, mails, licenselink)
    pub fn server(&self) -> String {
        self.shared.server.clone()
    }

    /// server() + "/api.php"
    pub fn api_url(&self) -> String {
        format!("{}/api.php", self.shared.server)
    }

    /// The configuration the mock was started with.
    pub fn config(&self) -> &WikiConfig {
        &self.shared.config
    }

    /// Every mail sent so far, oldest first.
    pub fn outbox(&self) -> Vec<Mail> {
        self.shared.lock().store.outbox().to_vec()
    }

    /// Every account's name, oldest first (the seeded accounts, then those created since).
    pub fn account_names(&self) -> Vec<String> {
        self.shared
            .lock()
            .store
            .names()
            .map(str::to_owned)
            .collect()
    }

    /// Adds accounts to the running wiki as a bulk import of `user` rows would: each password
    /// already hashed (by [`password_hash::PasswordHasher::hash`], or a real wiki's
    /// `user_password`), registered now, in no group. Names that are not valid usernames or are
    /// taken are skipped; returns how many were added.
    pub fn import_accounts(&self, accounts: impl IntoIterator<Item = ImportedAccount>) -> usize {
        let now = unix_now();
        let mut state = self.shared.lock();
        let mut added = 0;
        for imported in accounts {
            let Some(name) = username::canonical(&imported.name) else {
                continue;
            };
            let account = Account {
                password_hash: imported.password_hash,
                email: imported.email,
                ..Account::new(name, now)
            };
            added += usize::from(state.store.insert(account).is_some());
        }
        added
    }

    /// Stops serving and waits for the server task to end.
    pub async fn shutdown(self) {
        let _ = self.shutdown_tx.send(());
        let _ = self.task.await;
    }
}

/// The mock's routes: `/api.php`, the captcha and OpenID Connect pages, and, where they are
/// safe, the test endpoints (the outbox and the captcha answers).
fn router(shared: Arc<Shared>, test_endpoints: bool) -> Router {
    let router = Router::new();
    let router = if test_endpoints {
        router
            .route("/_mwcheck/outbox", get(outbox_handler))
            .route("/_mwcheck/captcha", get(captcha_image::answer_handler))
    } else {
        router
    };
    router
        .route("/api.php", any(api_handler))
        .route("/index.php", any(index_handler))
        .route(
            &format!("/index.php/{}", openid_provider::RETURN_TITLE),
            get(openid_pages::return_handler),
        )
        .route(
            openid_provider::AUTHORIZE_PATH,
            get(openid_pages::authorize_handler),
        )
        .fallback(not_found)
        .with_state(shared)
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

async fn not_found() -> Response<Body> {
    plain(StatusCode::NOT_FOUND, "Not Found\n")
}

/// `/index.php`: Special:OpenIDConnectReturn by `title=`, else the captcha image page.
async fn index_handler(
    shared: State<Arc<Shared>>,
    peer: ConnectInfo<SocketAddr>,
    request: Request,
) -> Response<Body> {
    // The job the request runs after its output: the queued active-users cache update.
    shared
        .lock()
        .store
        .active_users
        .run_queued_update(unix_now());
    let query = php_input::urlencoded_body_params(request.uri().query().unwrap_or("").as_bytes());
    let is_return_page = matches!(
        query.get("title"),
        Some(request::ParamValue::Str(title)) if title == openid_provider::RETURN_TITLE
    );
    if is_return_page {
        openid_pages::return_handler(shared, peer, request).await
    } else {
        captcha_image::index_handler(shared, peer, request).await
    }
}

async fn outbox_handler(State(shared): State<Arc<Shared>>) -> Response<Body> {
    let mails = shared.lock().store.outbox().to_vec();
    let body = serde_json::to_string(&mails).unwrap_or_else(|_| "[]".to_string());
    let mut resp = Response::new(Body::from(body));
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

async fn api_handler(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response<Body> {
    let api_request = read_request(peer, request).await;
    if never_hashes(&api_request) {
        return process(&shared, api_request);
    }
    let worker = shared.clone();
    // Password hashing is CPU-bound (PBKDF2 at 30000 rounds): keep it off the async workers.
    match tokio::task::spawn_blocking(move || process(&worker, api_request)).await {
        Ok(resp) => resp,
        Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n"),
    }
}

/// Whether the request's module never hashes or verifies a password, so it is answered on the
/// async worker (a hop to the blocking pool costs more than such a request). Any other action,
/// or none, goes to the blocking pool.
fn never_hashes(request: &ApiRequest) -> bool {
    request
        .raw("action")
        .and_then(modules::action_module)
        .is_some_and(|module| module.never_hashes)
}

/// Runs one API request against the shared state and renders the HTTP response.
fn process(shared: &Shared, req: ApiRequest) -> Response<Body> {
    let started = std::time::Instant::now();
    // ApiMain checks the `origin` parameter before anything else.
    if cors::origin(&req) == cors::Origin::NotInHeader {
        return cors::forbidden(&req, &api_response::request_id());
    }
    let now = unix_now();
    let config = &shared.config;
    let cookie = req.cookie(&shared.session_cookie);
    // BotPasswordSessionProvider only looks for its cookie while bot passwords are enabled.
    let bot_cookie = config
        .enable_bot_passwords
        .then(|| req.cookie(&shared.bot_session_cookie))
        .flatten();
    let mut lock = shared.state.lock_for_request();
    let session = RequestSession::load(
        lock.sessions(),
        cookie.as_deref(),
        bot_cookie.as_deref(),
        now,
        config.session_expiry,
    );
    if req.method == "OPTIONS" {
        let cookies = session.finish(
            lock.sessions_mut(),
            &config.cookie_prefix,
            now,
            config.session_expiry,
        );
        drop(lock);
        let page = page_source(shared, started);
        return api_response::render(
            &req,
            &page,
            200,
            None,
            &format::Val::map(),
            &cookies,
            &[],
            true,
        );
    }
    let (output, session, mut lock) =
        apimain::run(config, &shared.server, lock, session, &req, now);
    let session_cookies = session.finish(
        lock.sessions_mut(),
        &config.cookie_prefix,
        now,
        config.session_expiry,
    );
    drop(lock);
    api_response::render(
        &req,
        &page_source(shared, started),
        output.status,
        output.error_code.as_deref(),
        &output.body,
        &session_cookies,
        &output.cookies,
        false,
    )
}

/// What the pretty-printer pages of this request need from the server.
fn page_source(shared: &Shared, started: std::time::Instant) -> api_response::PageSource<'_> {
    api_response::PageSource {
        server: &shared.server,
        sitename: &shared.config.sitename,
        release: shared.config.release(),
        started,
    }
}
