//! The built-in OpenID Connect provider's pages (HTTP; its flow is `openid_provider`): the
//! provider's authorization page `/_mwcheck/openid/authorize`, which sends the browser to the
//! wiki's Special:OpenIDConnectReturn with a fresh `code`; and that return page, which checks the
//! `state` against the session's creation and sends the browser on to the client's
//! `createreturnurl` with `code` and `state` added. Bad input gets a 400 text.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Response, StatusCode, header};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use super::flows::CreationStage;
use super::openid_provider::{CLIENT_ID, return_page};
use super::session::RequestSession;
use super::{Shared, plain, read_request, unix_now};

/// Appends `code` and `state` to `url`'s query (keeping what it has; before any fragment).
fn with_code_and_state(url: &str, code: &str, state: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let separator = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    let encode = |v: &str| utf8_percent_encode(v, NON_ALPHANUMERIC).to_string();
    let mut out = format!(
        "{base}{separator}code={}&state={}",
        encode(code),
        encode(state)
    );
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

fn found(location: &str) -> Response<Body> {
    let mut resp = plain(StatusCode::FOUND, "");
    match HeaderValue::from_str(location) {
        Ok(value) => {
            resp.headers_mut().insert(header::LOCATION, value);
            resp
        }
        Err(_) => plain(StatusCode::BAD_REQUEST, "The return URL cannot be used.\n"),
    }
}

fn bad_request(text: &str) -> Response<Body> {
    plain(StatusCode::BAD_REQUEST, &format!("{text}\n"))
}

/// `/_mwcheck/openid/authorize`: the provider "authenticates" the browser at once and sends it to
/// the registered `redirect_uri` with a fresh code and the state it was given.
pub(super) async fn authorize_handler(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response<Body> {
    if !shared.config.openid_connect {
        return plain(StatusCode::NOT_FOUND, "Not Found\n");
    }
    let req = read_request(peer, request).await;
    let param = |name: &str| req.get(name).unwrap_or("").to_owned();
    if !param("scope").split(' ').any(|s| s == "openid") {
        return bad_request("invalid_scope: the scope must include openid");
    }
    if param("response_type") != "code" {
        return bad_request("unsupported_response_type: only response_type=code is supported");
    }
    if param("client_id") != CLIENT_ID {
        return bad_request("unauthorized_client: unknown client_id");
    }
    let redirect_uri = param("redirect_uri");
    if redirect_uri != return_page(&shared.server) {
        return bad_request("invalid_request: redirect_uri is not the one registered");
    }
    let state = param("state");
    if state.is_empty() {
        return bad_request("invalid_request: state is missing");
    }
    let code = shared
        .lock()
        .store
        .openid_codes
        .issue(&state, &redirect_uri, unix_now());
    found(&with_code_and_state(&redirect_uri, &code, &state))
}

/// Special:OpenIDConnectReturn (`/index.php/Special:OpenIDConnectReturn` or `/index.php?title=…`):
/// the state must be the one of the creation waiting in the browser's session; the browser then
/// goes on to that creation's return URL with `code` and `state` added.
pub(super) async fn return_handler(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response<Body> {
    let config = &shared.config;
    if !config.openid_connect {
        return plain(StatusCode::NOT_FOUND, "Not Found\n");
    }
    let req = read_request(peer, request).await;
    let code = req.get("code").unwrap_or("").to_owned();
    let state = req.get("state").unwrap_or("").to_owned();
    if code.is_empty() || state.is_empty() {
        return bad_request("The OpenID Connect response has no code or no state.");
    }
    let cookie = req.cookie(&format!("{}_session", config.cookie_prefix));
    let creation = {
        let inner = shared.lock();
        RequestSession::load(
            &inner.sessions,
            cookie.as_deref(),
            None,
            unix_now(),
            config.session_expiry,
        )
        .data
        .openid_creation
    };
    match creation {
        Some(c) if c.stage == CreationStage::AwaitingProvider && c.state == state => {
            found(&with_code_and_state(&c.return_url, &code, &state))
        }
        Some(_) => bad_request("The OpenID Connect state does not match this session's login."),
        None => bad_request("No OpenID Connect login is in progress in this session."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_url_keeps_its_query_and_fragment() {
        assert_eq!(
            with_code_and_state("http://c.example/back", "c1", "s1"),
            "http://c.example/back?code=c1&state=s1"
        );
        assert_eq!(
            with_code_and_state("http://c.example/back?x=1#top", "c 1", "s/1"),
            "http://c.example/back?x=1&code=c%201&state=s%2F1#top"
        );
        assert_eq!(
            with_code_and_state("http://c.example/back?", "c", "s"),
            "http://c.example/back?code=c&state=s"
        );
    }
}
