//! The `format=xml` printer (ApiFormatXml): scalars become attributes, booleans follow the
//! formatversion 1 rule (`attr=""` when true, absent when false), list items are `<_v>` or their
//! indexed tag name (with `_idx="KEY"` for the integer keys of keyed arrays), content text is
//! element text with `xml:space="preserve"`, and the whole document is one line after
//! `<?xml version="1.0"?>`.

use super::format::{ArrayType, Val};

/// Renders a result tree as the XML document MediaWiki prints (no trailing newline).
pub fn to_xml(val: &Val) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?>");
    write_element(&mut s, "api", val);
    s
}

/// Writes `value` as the element `name` (ApiFormatXml::recXmlPrint).
fn write_element(s: &mut String, name: &str, value: &Val) {
    match value {
        Val::Map(entries) => write_map(s, name, "_v", entries),
        Val::Typed(kind, tag, entries) => {
            // ApiFormatXml prints `BCassoc` as `assoc`, and keeps false booleans until printing.
            let all: Vec<&(String, Val)> = entries.iter().collect();
            if *kind == ArrayType::Untyped && kind.prints_as_list(&all, false) {
                let items: Vec<Val> = entries.iter().map(|(_, v)| v.clone()).collect();
                write_list(s, name, tag, &items);
            } else {
                write_map(s, name, tag, entries);
            }
        }
        Val::List(items) => write_list(s, name, "_v", items),
        Val::Tagged(tag, items) => write_list(s, name, tag, items),
        Val::Null => empty_element(s, name, &[]),
        scalar => {
            let text = scalar_text(scalar);
            text_element(s, name, &[], &text);
        }
    }
}

/// A keyed array: scalars become attributes, containers sub-elements, integer-keyed items
/// `<tag _idx="KEY">`.
fn write_map(s: &mut String, name: &str, tag: &str, entries: &[(String, Val)]) {
    let mut attributes: Vec<(String, String)> = Vec::new();
    let mut content: Option<(&str, &str)> = None;
    let mut children: Vec<(String, &Val)> = Vec::new();
    // PHP turns integer-like keys into integers: such entries print as `<_v _idx="N">`.
    let mut indexed: Vec<(&str, &Val)> = Vec::new();
    for (key, item) in entries {
        if is_php_int_key(key) && !matches!(item, Val::Content(_)) {
            indexed.push((key.as_str(), item));
            continue;
        }
        match item {
            Val::Content(text) => content = Some((key.as_str(), text.as_str())),
            Val::Map(_) | Val::List(_) | Val::Tagged(..) | Val::Typed(..) => {
                children.push((mangle_name(key), item))
            }
            Val::Bool(true) | Val::NativeBool(true) => {
                attributes.push((mangle_name(key), String::new()))
            }
            Val::Bool(false) | Val::NativeBool(false) | Val::Null => {}
            Val::Int(_) | Val::Float(_) | Val::Str(_) => {
                attributes.push((mangle_name(key), scalar_text(item)))
            }
        }
    }
    if let Some((key, text)) = content {
        if children.is_empty() && indexed.is_empty() {
            attributes.push(("xml:space".to_string(), "preserve".to_string()));
            text_element(s, name, &attributes, text);
            return;
        }
        // Content beside sub-elements becomes a sub-element of its own, after the others.
        open_tag(s, name, &attributes);
        for (child, v) in children {
            write_element(s, &child, v);
        }
        write_indexed(s, tag, &indexed);
        text_element(
            s,
            &mangle_name(key),
            &[("xml:space".to_string(), "preserve".to_string())],
            text,
        );
        close_tag(s, name);
        return;
    }
    if children.is_empty() && indexed.is_empty() {
        empty_element(s, name, &attributes);
        return;
    }
    open_tag(s, name, &attributes);
    for (child, v) in children {
        write_element(s, &child, v);
    }
    write_indexed(s, tag, &indexed);
    close_tag(s, name);
}

/// Integer-keyed entries of an associative array, each `<tag _idx="key">`.
fn write_indexed(s: &mut String, tag: &str, indexed: &[(&str, &Val)]) {
    for (key, item) in indexed {
        let idx = vec![("_idx".to_string(), key.to_string())];
        match item {
            Val::Map(_) | Val::List(_) | Val::Tagged(..) | Val::Typed(..) => {
                // Nested containers keep their own shape; the index goes on the element.
                let mut inner = String::new();
                write_element(&mut inner, tag, item);
                let with_idx =
                    inner.replacen(&format!("<{tag}"), &format!("<{tag} _idx=\"{key}\""), 1);
                s.push_str(&with_idx);
            }
            Val::Null => empty_element(s, tag, &idx),
            scalar => text_element(s, tag, &idx, &scalar_text(scalar)),
        }
    }
}

/// PHP array keys that are canonical decimal integers become integer keys.
fn is_php_int_key(key: &str) -> bool {
    let digits = key.strip_prefix('-').unwrap_or(key);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && key != "-0"
        && digits.len() < 19
}

fn write_list(s: &mut String, name: &str, tag: &str, items: &[Val]) {
    if items.is_empty() {
        empty_element(s, name, &[]);
        return;
    }
    open_tag(s, name, &[]);
    for item in items {
        write_element(s, tag, item);
    }
    close_tag(s, name);
}

/// The text of a scalar; booleans outside a map print as PHP's `true`/`false` strings.
fn scalar_text(v: &Val) -> String {
    match v {
        Val::Int(n) => n.to_string(),
        Val::Float(f) => super::php_text::php_float_text(*f),
        Val::Str(t) | Val::Content(t) => t.clone(),
        Val::Bool(b) | Val::NativeBool(b) => if *b { "true" } else { "false" }.to_string(),
        _ => String::new(),
    }
}

/// Xml::element with text: an empty text gives the short form.
fn text_element(s: &mut String, name: &str, attributes: &[(String, String)], text: &str) {
    if text.is_empty() {
        empty_element(s, name, attributes);
        return;
    }
    open_tag(s, name, attributes);
    escape_text(s, text);
    close_tag(s, name);
}

fn empty_element(s: &mut String, name: &str, attributes: &[(String, String)]) {
    s.push('<');
    s.push_str(name);
    write_attributes(s, attributes);
    s.push_str(" />");
}

fn open_tag(s: &mut String, name: &str, attributes: &[(String, String)]) {
    s.push('<');
    s.push_str(name);
    write_attributes(s, attributes);
    s.push('>');
}

fn close_tag(s: &mut String, name: &str) {
    s.push_str("</");
    s.push_str(name);
    s.push('>');
}

fn write_attributes(s: &mut String, attributes: &[(String, String)]) {
    for (key, value) in attributes {
        s.push(' ');
        s.push_str(key);
        s.push_str("=\"");
        escape_attribute(s, value);
        s.push('"');
    }
}

/// htmlspecialchars(ENT_NOQUOTES).
fn escape_text(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            c => s.push(c),
        }
    }
}

/// Sanitizer::encodeAttribute: htmlspecialchars(ENT_QUOTES) plus encoded whitespace.
fn escape_attribute(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#039;"),
            '\n' => s.push_str("&#10;"),
            '\r' => s.push_str("&#13;"),
            '\t' => s.push_str("&#9;"),
            c => s.push(c),
        }
    }
}

fn is_name_start(c: char) -> bool {
    let n = c as u32;
    c.is_ascii_alphabetic()
        || (0xC0..=0xD6).contains(&n)
        || (0xD8..=0xF6).contains(&n)
        || (0xF8..=0x2FF).contains(&n)
        || (0x370..=0x37D).contains(&n)
        || (0x37F..=0x1FFF).contains(&n)
        || (0x200C..=0x200D).contains(&n)
        || (0x2070..=0x218F).contains(&n)
        || (0x2C00..=0x2FEF).contains(&n)
        || (0x3001..=0xD7FF).contains(&n)
        || (0xF900..=0xFDCF).contains(&n)
        || (0xFDF0..=0xFFFD).contains(&n)
        || (0x10000..=0xEFFFF).contains(&n)
}

fn is_name_char(c: char) -> bool {
    let n = c as u32;
    is_name_start(c)
        || matches!(c, '_' | '-' | '.' | '0'..='9' | '\u{B7}')
        || (0x300..=0x36F).contains(&n)
        || (0x203F..=0x2040).contains(&n)
}

/// ApiFormatXml::mangleName: keys that are not XML names become `_` plus escaped characters.
fn mangle_name(name: &str) -> String {
    if name.is_empty() {
        return "_".to_string();
    }
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(is_name_start) && chars.all(is_name_char);
    if valid {
        return name.to_string();
    }
    let mut out = String::from("_");
    for c in name.chars() {
        if c == '.' {
            out.push_str(".2E.");
        } else if is_name_char(c) {
            out.push(c);
        } else {
            out.push_str(&format!(".{:X}.", c as u32));
        }
    }
    out
}

/// The XML printer's indented form (`format=xmlfm`): each element on its own line, two spaces a
/// level; an element with text stays on one line. `compact` is [`to_xml`]'s output.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut rest = compact;
    let mut after_text = false;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        out.push_str(text);
        if !text.is_empty() {
            after_text = true;
        }
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..=start + len];
        rest = &rest[start + len + 1..];
        let newline = |out: &mut String, depth: usize| {
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
        };
        if tag.starts_with("<?") {
            out.push_str(tag);
        } else if tag.starts_with("</") {
            depth = depth.saturating_sub(1);
            if !after_text {
                newline(&mut out, depth);
            }
            out.push_str(tag);
            after_text = false;
        } else {
            newline(&mut out, depth);
            // A self-closing tag gets a space before `/>` in this form.
            match tag.strip_suffix("/>") {
                Some(open) => {
                    out.push_str(open.trim_end());
                    out.push_str(" />");
                }
                None => {
                    out.push_str(tag);
                    depth += 1;
                }
            }
            after_text = false;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_attributes_and_fv1_booleans() {
        let v = Val::map().with("batchcomplete", true).with(
            "query",
            Val::map().with(
                "tokens",
                Val::map().with("csrftoken", "+\\").with("off", false),
            ),
        );
        assert_eq!(
            to_xml(&v),
            r#"<?xml version="1.0"?><api batchcomplete=""><query><tokens csrftoken="+\" /></query></api>"#
        );
    }

    #[test]
    fn typed_arrays_name_their_items_and_index_assoc_ones() {
        let ns = Val::map()
            .with("id", -2i64)
            .with("name", Val::Content("Media".into()));
        let limits = vec![("0".to_string(), Val::Int(120))];
        let v = Val::map()
            .with(
                "namespaces",
                Val::Typed(ArrayType::Assoc, "ns", vec![("-2".into(), ns)]),
            )
            .with(
                "thumblimits",
                Val::Typed(ArrayType::BcAssoc, "limit", limits.clone()),
            )
            .with("plain", Val::Typed(ArrayType::Untyped, "limit", limits))
            .with(
                "magiclinks",
                Val::Typed(ArrayType::Untyped, "_v", vec![("RFC".into(), false.into())]),
            );
        assert_eq!(
            to_xml(&v),
            concat!(
                r#"<?xml version="1.0"?><api><namespaces><ns _idx="-2" id="-2" xml:space="preserve">Media</ns></namespaces>"#,
                r#"<thumblimits><limit _idx="0">120</limit></thumblimits><plain><limit>120</limit></plain>"#,
                r#"<magiclinks /></api>"#
            )
        );
    }

    #[test]
    fn content_lists_and_escaping() {
        let v = Val::map().with(
            "error",
            Val::map()
                .with("code", "x")
                .with("info", "a \"b\"\nc")
                .with("docref", Val::Content("&lt;u&gt; <v>".into())),
        );
        assert_eq!(
            to_xml(&v),
            r#"<?xml version="1.0"?><api><error code="x" info="a &quot;b&quot;&#10;c" xml:space="preserve">&amp;lt;u&amp;gt; &lt;v&gt;</error></api>"#
        );
        let list = Val::map().with(
            "u",
            Val::map()
                .with("groups", Val::tagged("g", vec!["*".into()]))
                .with("l", Val::List(vec![Val::map().with("id", 1i64)]))
                .with("e", Val::List(vec![])),
        );
        assert_eq!(
            to_xml(&list),
            r#"<?xml version="1.0"?><api><u><groups><g>*</g></groups><l><_v id="1" /></l><e /></u></api>"#
        );
    }

    #[test]
    fn content_beside_children_becomes_an_element() {
        let v = Val::map()
            .with(
                "errors",
                Val::tagged("error", vec![Val::map().with("code", "c")]),
            )
            .with("docref", Val::Content("d".into()));
        assert_eq!(
            to_xml(&v),
            r#"<?xml version="1.0"?><api><errors><error code="c" /></errors><docref xml:space="preserve">d</docref></api>"#
        );
    }

    #[test]
    fn names_are_mangled() {
        assert_eq!(mangle_name("add-self"), "add-self");
        assert_eq!(mangle_name("1"), "_1");
        assert_eq!(mangle_name("a b"), "_a.20.b");
        assert_eq!(mangle_name(""), "_");
    }
}
