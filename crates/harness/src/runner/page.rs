//! Requests that do not go to api.php: a `captcha` step's read of the mock's
//! `/_mwcheck/captcha?id=ID`, and a `fetch` step's GET of a path on the target's own server (such
//! as the captcha image URL a `captchaInfo` field gives).

use super::http::Request;

fn get(query: Vec<(String, String)>) -> Request {
    Request {
        method: reqwest::Method::GET,
        query,
        form: None,
        multipart: false,
        headers: Vec::new(),
    }
}

/// The URL and request that ask the mock at `server` for the answer of captcha `id`.
pub fn captcha_answer(server: &str, id: &str) -> (String, Request) {
    (
        format!("{server}/_mwcheck/captcha"),
        get(vec![("id".to_owned(), id.to_owned())]),
    )
}

/// The URL and request for `path` on `server`; the path must be server-relative (`/…`), so a step
/// never leaves the target.
pub fn fetch(server: &str, path: &str) -> Result<(String, Request), String> {
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(format!(
            "`fetch` takes a path on the target's server (starting with one `/`), got {path:?}"
        ));
    }
    Ok((format!("{server}{path}"), get(Vec::new())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_stays_on_the_server() {
        let (url, request) = fetch("http://127.0.0.1:1", "/index.php?title=X&a=1").unwrap();
        assert_eq!(url, "http://127.0.0.1:1/index.php?title=X&a=1");
        assert_eq!(request.method, reqwest::Method::GET);
        assert!(fetch("http://127.0.0.1:1", "//evil.example/x").is_err());
        assert!(fetch("http://127.0.0.1:1", "http://evil.example/x").is_err());
        assert!(fetch("http://127.0.0.1:1", "").is_err());
    }

    #[test]
    fn captcha_answer_asks_by_id() {
        let (url, request) = captcha_answer("http://127.0.0.1:1", "42");
        assert_eq!(url, "http://127.0.0.1:1/_mwcheck/captcha");
        assert_eq!(request.query, [("id".to_owned(), "42".to_owned())]);
    }
}
