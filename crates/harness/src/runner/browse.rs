//! A `browse` step: what a browser does with a REDIRECT's `redirecttarget`. GET it with the
//! actor's cookies and follow 3xx `Location` hops (relative ones resolved) while they stay on the
//! target's server, stopping at the first URL that starts with `until` (the client's return URL,
//! never fetched). Its response for `expect`/`capture` is
//! `{"url": FINAL, "query": {name: value…}, "hops": [every URL fetched]}`.

use serde_json::{Map, Value};

use super::http::{HttpLimits, Request, send};

/// More hops than this is a loop.
pub const MAX_HOPS: usize = 10;

/// The server part of a URL (scheme, host, port), for the stay-on-the-server rule.
fn origin(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}

/// Follows redirects from `start` until a URL starting with `until`; the step's JSON response,
/// or why the walk failed.
pub async fn follow(
    client: &reqwest::Client,
    server: &str,
    start: &str,
    until: &str,
    limits: &HttpLimits,
) -> Result<Value, String> {
    if until.is_empty() {
        return Err("`browse.until` is empty".to_owned());
    }
    let server = url::Url::parse(server).map_err(|err| format!("bad target server: {err}"))?;
    let mut current = url::Url::parse(start)
        .map_err(|err| format!("`browse.url` {start:?} is not a URL: {err}"))?;
    let mut hops: Vec<Value> = Vec::new();
    loop {
        if current.as_str().starts_with(until) {
            return Ok(finish(&current, hops));
        }
        if origin(&current) != origin(&server) {
            return Err(format!(
                "{} leaves the target's server ({}) before reaching {until}",
                current,
                origin(&server)
            ));
        }
        if hops.len() >= MAX_HOPS {
            return Err(format!(
                "more than {MAX_HOPS} redirects without reaching {until} (a loop?)"
            ));
        }
        hops.push(Value::String(current.to_string()));
        let request = Request {
            method: reqwest::Method::GET,
            query: Vec::new(),
            form: None,
            multipart: false,
            headers: Vec::new(),
        };
        let response = send(client, current.as_str(), &request, limits).await?;
        if !(300..400).contains(&response.status) {
            let text = String::from_utf8_lossy(&response.body);
            let excerpt: String = text.trim().chars().take(120).collect();
            return Err(format!(
                "{current} answered HTTP {} instead of a redirect towards {until}: {excerpt}",
                response.status
            ));
        }
        let Some(location) = response.header("location") else {
            return Err(format!(
                "{current} answered HTTP {} without a Location header",
                response.status
            ));
        };
        current = current
            .join(&location)
            .map_err(|err| format!("{current} redirects to {location:?}, not a URL: {err}"))?;
    }
}

/// The step's response: the final URL, its query (the first value of each name) and the hops.
fn finish(url: &url::Url, hops: Vec<Value>) -> Value {
    let mut query = Map::new();
    for (name, value) in url.query_pairs() {
        query
            .entry(name.into_owned())
            .or_insert_with(|| Value::String(value.into_owned()));
    }
    serde_json::json!({"url": url.as_str(), "query": query, "hops": hops})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_final_query_keeps_first_values() {
        let url = url::Url::parse("http://c.example/back?x=1&code=a%20b&state=s&x=2").unwrap();
        let v = finish(&url, vec![Value::String("http://w/1".into())]);
        assert_eq!(
            v,
            serde_json::json!({"url": "http://c.example/back?x=1&code=a%20b&state=s&x=2",
                               "query": {"x": "1", "code": "a b", "state": "s"},
                               "hops": ["http://w/1"]})
        );
    }

    #[tokio::test]
    async fn a_start_off_the_server_fails_before_any_request() {
        let client = super::super::http::client(&HttpLimits::default()).unwrap();
        let err = follow(
            &client,
            "http://127.0.0.1:9",
            "http://192.0.2.1/x",
            "http://client.example/",
            &HttpLimits::default(),
        )
        .await
        .unwrap_err();
        assert!(err.contains("leaves the target's server"), "{err}");
        let done = follow(
            &client,
            "http://127.0.0.1:9",
            "http://client.example/back?code=1",
            "http://client.example/",
            &HttpLimits::default(),
        )
        .await
        .unwrap();
        assert_eq!(done["hops"], serde_json::json!([]));
    }

    #[tokio::test]
    async fn loops_dead_ends_and_hops_away_fail() {
        use wiremock::matchers::{method, path};
        use wiremock::{Mock, MockServer, ResponseTemplate};
        let server = MockServer::start().await;
        let redirect = |to: &str| ResponseTemplate::new(302).insert_header("Location", to);
        Mock::given(method("GET"))
            .and(path("/loop"))
            .respond_with(redirect("loop"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/away"))
            .respond_with(redirect("http://192.0.2.1/x"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/page"))
            .respond_with(ResponseTemplate::new(400).set_body_string("bad state"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/start"))
            .respond_with(redirect("/loop?no=1"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/done"))
            .respond_with(redirect("http://client.example/back?code=c&state=s"))
            .mount(&server)
            .await;
        let client = super::super::http::client(&HttpLimits::default()).unwrap();
        let walk = |start: &str| {
            let start = format!("{}{start}", server.uri());
            let client = client.clone();
            let server = server.uri();
            async move {
                follow(
                    &client,
                    &server,
                    &start,
                    "http://client.example/",
                    &HttpLimits::default(),
                )
                .await
            }
        };
        let err = walk("/loop").await.unwrap_err();
        assert!(err.contains("more than 10 redirects"), "{err}");
        let err = walk("/away").await.unwrap_err();
        assert!(err.contains("leaves the target's server"), "{err}");
        let err = walk("/page").await.unwrap_err();
        assert!(
            err.contains("HTTP 400") && err.contains("bad state"),
            "{err}"
        );
        let done = walk("/done").await.unwrap();
        assert_eq!(
            done["query"],
            serde_json::json!({"code": "c", "state": "s"})
        );
        assert_eq!(
            done["hops"],
            serde_json::json!([format!("{}/done", server.uri())])
        );
    }
}
