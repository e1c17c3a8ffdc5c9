//! Whether a text is a well-formed XML fragment (Xml::isWellFormedXmlFragment: the text inside
//! one element, HTML's named character references declared), as a fancy signature must be:
//! balanced tags, quoted and unique attributes, known references, comments and CDATA sections.

use std::collections::HashMap;
use std::sync::OnceLock;

pub fn is_well_formed(text: &str) -> bool {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&', ']']) {
        if !chars_allowed(&rest[..i]) {
            return false;
        }
        let tail = &rest[i..];
        let consumed = if tail.starts_with(']') {
            if tail.starts_with("]]>") {
                return false;
            }
            1
        } else if tail.starts_with('&') {
            match reference_length(tail) {
                Some(n) => n,
                None => return false,
            }
        } else if let Some(body) = tail.strip_prefix("<!--") {
            match body.find("--") {
                Some(end) if body[end..].starts_with("-->") && chars_allowed(&body[..end]) => {
                    4 + end + 3
                }
                _ => return false,
            }
        } else if let Some(body) = tail.strip_prefix("<![CDATA[") {
            match body.find("]]>") {
                Some(end) if chars_allowed(&body[..end]) => 9 + end + 3,
                _ => return false,
            }
        } else if let Some(body) = tail.strip_prefix("</") {
            let name_len = name_length(body);
            let name = &body[..name_len];
            let after = body[name_len..].trim_start_matches(is_xml_space);
            if name_len == 0 || !after.starts_with('>') || open.pop() != Some(name) {
                return false;
            }
            tail.len() - after.len() + 1
        } else {
            match start_tag(&tail[1..]) {
                Some((name, length, empty)) => {
                    if !empty {
                        open.push(name);
                    }
                    1 + length
                }
                None => return false,
            }
        };
        rest = &tail[consumed..];
    }
    chars_allowed(rest) && open.is_empty()
}

/// A start tag after its `<`: the element name, the length up to and with `>`, and whether it
/// is an empty-element tag (`/>`).
fn start_tag(text: &str) -> Option<(&str, usize, bool)> {
    let name_len = name_length(text);
    if name_len == 0 {
        return None;
    }
    let name = &text[..name_len];
    let mut rest = &text[name_len..];
    let mut seen: Vec<&str> = Vec::new();
    loop {
        let trimmed = rest.trim_start_matches(is_xml_space);
        let had_space = trimmed.len() < rest.len();
        rest = trimmed;
        if let Some(after) = rest.strip_prefix("/>") {
            return Some((name, text.len() - after.len(), true));
        }
        if let Some(after) = rest.strip_prefix('>') {
            return Some((name, text.len() - after.len(), false));
        }
        let attr_len = name_length(rest);
        if !had_space || attr_len == 0 || seen.contains(&&rest[..attr_len]) {
            return None;
        }
        seen.push(&rest[..attr_len]);
        rest = rest[attr_len..].trim_start_matches(is_xml_space);
        rest = rest.strip_prefix('=')?.trim_start_matches(is_xml_space);
        let quote = rest.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        let body = &rest[1..];
        let end = body.find(quote)?;
        let value = &body[..end];
        if value.contains('<') || !chars_allowed(value) || !references_valid(value) {
            return None;
        }
        rest = &body[end + 1..];
    }
}

fn references_valid(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        match reference_length(&rest[i..]) {
            Some(n) => rest = &rest[i + n..],
            None => return false,
        }
    }
    true
}

/// The length of the character or entity reference `&…;` at the start of `text`, if valid.
fn reference_length(text: &str) -> Option<usize> {
    let end = text.find(';')?;
    let body = &text[1..end];
    let valid = if let Some(hex) = body.strip_prefix("#x") {
        !hex.is_empty()
            && hex.bytes().all(|b| b.is_ascii_hexdigit())
            && u32::from_str_radix(hex, 16)
                .ok()
                .is_some_and(is_xml_char_code)
    } else if let Some(decimal) = body.strip_prefix('#') {
        !decimal.is_empty()
            && decimal.bytes().all(|b| b.is_ascii_digit())
            && decimal.parse::<u32>().ok().is_some_and(is_xml_char_code)
    } else {
        name_length(body) == body.len()
            && !body.is_empty()
            && (matches!(body, "lt" | "gt" | "amp" | "apos" | "quot")
                || html_entities().contains_key(body))
    };
    valid.then_some(end + 1)
}

fn is_xml_char_code(code: u32) -> bool {
    char::from_u32(code).is_some_and(is_xml_char)
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn chars_allowed(text: &str) -> bool {
    text.chars().all(is_xml_char)
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The length of the XML name at the start of `text` (0 if there is none).
fn name_length(text: &str) -> usize {
    let mut length = 0;
    for (i, c) in text.char_indices() {
        let ok = if i == 0 {
            c.is_alphabetic() || c == '_' || c == ':' || (c as u32) >= 0xC0
        } else {
            c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.') || (c as u32) >= 0xB7
        };
        if !ok {
            break;
        }
        length = i + c.len_utf8();
    }
    length
}

/// HTML's named references with their `;` (the document type declares them).
fn html_entities() -> &'static HashMap<&'static str, ()> {
    static TABLE: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/html-entities.tsv")
            .lines()
            .filter_map(|line| line.split_once('\t')?.0.strip_suffix(';'))
            .map(|name| (name, ()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::is_well_formed;

    #[test]
    fn fragments() {
        assert!(is_well_formed("[[User:A|A]] (<b>talk</b>)"));
        assert!(is_well_formed(
            "<span style=\"color:red\">A&nbsp;B</span><br/>"
        ));
        assert!(is_well_formed("a <!-- c --> <![CDATA[<x>]]> &#65; &#x41;"));
        assert!(!is_well_formed("<b>A"));
        assert!(!is_well_formed("<b>A</i>"));
        assert!(!is_well_formed("A</b>"));
        assert!(!is_well_formed("a & b"));
        assert!(!is_well_formed("&bogus;"));
        assert!(!is_well_formed("<br>"));
        assert!(!is_well_formed("<span a=1>x</span>"));
        assert!(!is_well_formed("<span a='1' a='2'>x</span>"));
        assert!(!is_well_formed("a < b"));
    }
}
