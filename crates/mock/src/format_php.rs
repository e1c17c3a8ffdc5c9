//! `format=php`: the result as PHP's serialize() writes it, with the same formatversion rules as
//! the JSON printer (formatversion 1: `true` is "", `false` dropped, content under `*`).

use super::format::{OutputFormat, Val, to_json};
use std::fmt::Write as _;

/// The serialized result.
pub fn to_php(val: &Val, out: OutputFormat) -> String {
    // The JSON printer already applies the formatversion rules; its text is read back as data.
    let json = to_json(val, OutputFormat { utf8: true, ..out });
    let mut s = String::with_capacity(json.len());
    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(value) => write_value(&mut s, &value),
        Err(_) => s.push_str("N;"),
    }
    s
}

fn write_value(s: &mut String, value: &serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Null => s.push_str("N;"),
        Value::Bool(b) => s.push_str(if *b { "b:1;" } else { "b:0;" }),
        Value::Number(n) => match n.as_i64() {
            Some(i) => {
                let _ = write!(s, "i:{i};");
            }
            None => {
                let _ = write!(s, "d:{n};");
            }
        },
        Value::String(text) => write_string(s, text),
        Value::Array(items) => {
            let _ = write!(s, "a:{}:{{", items.len());
            for (i, item) in items.iter().enumerate() {
                let _ = write!(s, "i:{i};");
                write_value(s, item);
            }
            s.push('}');
        }
        Value::Object(map) => {
            let _ = write!(s, "a:{}:{{", map.len());
            for (key, item) in map {
                write_key(s, key);
                write_value(s, item);
            }
            s.push('}');
        }
    }
}

/// PHP array keys that look like decimal integers are integers.
fn write_key(s: &mut String, key: &str) {
    let integer = key == "0"
        || (!key.starts_with('0')
            && !key.starts_with("-0")
            && key
                .strip_prefix('-')
                .unwrap_or(key)
                .bytes()
                .all(|b| b.is_ascii_digit())
            && !key.strip_prefix('-').unwrap_or(key).is_empty()
            && key.parse::<i64>().is_ok());
    if integer {
        let _ = write!(s, "i:{key};");
    } else {
        write_string(s, key);
    }
}

/// `s:LENGTH:"text";` with the length in bytes and nothing escaped.
fn write_string(s: &mut String, text: &str) {
    let _ = write!(s, "s:{}:\"{text}\";", text.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fv(fv2: bool) -> OutputFormat {
        OutputFormat {
            fv2,
            utf8: false,
            ascii: false,
        }
    }

    #[test]
    fn serializes_like_php() {
        let tokens = Val::map().with("csrftoken", "+\\");
        let val = Val::map()
            .with("batchcomplete", true)
            .with("query", Val::map().with("tokens", tokens));
        assert_eq!(
            to_php(&val, fv(false)),
            r#"a:2:{s:13:"batchcomplete";s:0:"";s:5:"query";a:1:{s:6:"tokens";a:1:{s:9:"csrftoken";s:2:"+\";}}}"#
        );
        assert_eq!(
            to_php(&val, fv(true)),
            r#"a:2:{s:13:"batchcomplete";b:1;s:5:"query";a:1:{s:6:"tokens";a:1:{s:9:"csrftoken";s:2:"+\";}}}"#
        );
    }

    #[test]
    fn lengths_are_bytes_and_integer_keys_are_integers() {
        let val = Val::map()
            .with("é", "ü")
            .with("7", 1i64)
            .with("07", Val::List(vec![Val::Int(3)]));
        assert_eq!(
            to_php(&val, fv(true)),
            r#"a:3:{s:2:"é";s:2:"ü";i:7;i:1;s:2:"07";a:1:{i:0;i:3;}}"#
        );
    }
}
