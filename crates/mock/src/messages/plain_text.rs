//! The plaintext conversion the API applies to rendered messages (ApiErrorFormatter::stripMarkup):
//! tags removed or turned into quotes, character references decoded, whitespace collapsed.

/// ApiErrorFormatter::stripMarkup: `<var>`, `<kbd>`, `<samp>`, `<code>` (and closers) become `"`,
/// all other tags are removed, character references decoded, whitespace runs collapsed and trimmed.
pub fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        match tag_len(after) {
            Some((len, name)) => {
                if matches!(name.as_str(), "var" | "kbd" | "samp" | "code")
                    && is_simple_tag(&after[..len])
                {
                    out.push('"');
                }
                rest = &after[len..];
            }
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    collapse_whitespace(&decode_entities(&out))
}

fn is_simple_tag(tag: &str) -> bool {
    let inner = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .trim_end_matches('>');
    inner.chars().all(|c| c.is_ascii_alphabetic())
}

/// Length of an HTML tag at the start of `s` and its lower-cased name.
fn tag_len(s: &str) -> Option<(usize, String)> {
    let b = s.as_bytes();
    let mut i = 1;
    if i < b.len() && b[i] == b'/' {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let close = s[i..].find('>')?;
    Some((i + close + 1, name))
}

/// Decodes the character references MediaWiki messages use.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let decoded = after.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &after[1..semi];
            let ch = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => {
                    name[1..].parse::<u32>().ok().and_then(char::from_u32)
                }
                _ => None,
            };
            ch.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Sanitizer::normalizeWhitespace: runs of space, CR, LF and tab become one space; trimmed.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_ws = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\r' | '\n' | '\t') {
            in_ws = true;
        } else {
            if in_ws && !out.is_empty() {
                out.push(' ');
            }
            in_ws = false;
            out.push(c);
        }
    }
    out
}
