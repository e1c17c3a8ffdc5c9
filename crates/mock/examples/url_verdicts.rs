//! Prints mwcheck's reading of URLs, one JSON object per input line, so that
//! `scripts/url-parse-differential.py` can compare it with PHP's `parse_url` and MediaWiki's
//! `UrlUtils::parse`.
//!
//! Input: JSON lines `{"id": N, "url": "..."}` on stdin. Output: `{"id": N, "parse_url": {...}
//! or false, "mediawiki": {"scheme": ..., "delimiter": ...} or null, "return_url": true|false}`,
//! with the components `parse_url` returns (absent ones left out, as PHP leaves them out).

use std::io::{BufRead, Write};

use mwcheck_mock::urls::{self, PhpUrl};
use serde_json::{Map, Value, json};

fn components(url: &PhpUrl) -> Value {
    let mut map = Map::new();
    let texts = [
        ("scheme", &url.scheme),
        ("host", &url.host),
        ("user", &url.user),
        ("pass", &url.pass),
        ("path", &url.path),
        ("query", &url.query),
        ("fragment", &url.fragment),
    ];
    for (key, value) in texts {
        if let Some(value) = value {
            map.insert(key.to_owned(), json!(value));
        }
    }
    if let Some(port) = url.port {
        map.insert("port".to_owned(), json!(port));
    }
    Value::Object(map)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let request: Value = serde_json::from_str(&line?)?;
        let url = request["url"].as_str().ok_or("no url")?;
        let php = urls::parse_url(url).map_or(json!(false), |u| components(&u));
        let mediawiki = urls::parse(url, urls::STOCK_URL_PROTOCOLS).map_or(
            Value::Null,
            |bits| json!({"scheme": bits.scheme, "delimiter": bits.delimiter}),
        );
        let verdict = json!({
            "id": request["id"],
            "parse_url": php,
            "mediawiki": mediawiki,
            "return_url": urls::is_return_url(url),
        });
        writeln!(out, "{verdict}")?;
    }
    Ok(())
}
