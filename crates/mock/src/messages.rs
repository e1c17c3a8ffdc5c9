//! Messages (keys with typed parameters) and a small renderer for them: `$n` parameters,
//! `{{PLURAL:…}}`, `{{SITENAME}}`, `{{int:…}}`, in English (messages_en, messages_ext) or another
//! language `messages_i18n` has, as the request's [`Voice`] says; plus the plaintext conversion
//! the API applies, and how a raw message (`RawMessage`: a literal text such as `* $1\n* $2`
//! instead of a key) shows in the raw message formats ([`RawMessageKey`]).

mod plain_text;
mod wikitext_escape;

pub use plain_text::strip_markup;
pub use wikitext_escape::{WikitextEscape, escape_wikitext};

/// A message parameter, kept typed so the `raw` formats can show it as MediaWiki does.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    /// A plain string parameter (raw: a JSON string).
    Text(String),
    /// A numeric parameter given with numParams (raw: a JSON number).
    Num(i64),
    /// A float given as a plain parameter (raw: a JSON number; text: PHP's string of it).
    Float(f64),
    /// A MessageValue plaintext parameter (raw: `{"plaintext": …}`).
    Plain(String),
    /// A MessageValue comma list (raw: `{"list": […], "type": "comma"}`).
    List(Vec<String>),
    /// A MessageValue text list of plaintext values (raw: `{"list": [{"plaintext": …}, …],
    /// "type": "text"}`), e.g. the values an enum parameter allows.
    PlainTextList(Vec<String>),
    /// Message::listParam of type `text` (raw: `{"list": […], "type": "text"}`): rendered by
    /// Language::listToText in the render language (`a, b and c`, German `a und b`).
    TextList(Vec<String>),
    /// A MessageValue number (raw: `{"num": …}`).
    NumValue(i64),
    /// A MessageValue number parameter given no value (raw: `{"num": ""}`; renders as the empty
    /// string), e.g. the missing maximum of a range.
    EmptyNumValue,
    /// A null parameter (raw: `null`; renders as the empty string).
    Null,
    /// Message::listParam of an array with PHP keys (raw: `{"list": [..] or {"k": ..}, "type": "comma"}`).
    IndexedList(Vec<(usize, String)>),
    /// A Message object as a parameter (raw: `{"message": {"key": …, "params": […]}}`).
    Message(Box<Msg>),
    /// Message::durationParams seconds (raw: `{"duration": …}`; text: `5 minutes`).
    Duration(u64),
    /// Message::sizeParam bytes (raw: `{"size": …}`; text: Language::formatSize, `8 MB`).
    Size(u64),
}

/// Language::formatDuration in English: the largest units first, joined as a list
/// (`1 hour and 5 minutes`).
pub fn format_duration(seconds: u64) -> String {
    const UNITS: [(u64, &str); 8] = [
        (31_556_952_000, "millennia"),
        (3_155_695_200, "centuries"),
        (315_569_520, "decades"),
        (31_556_952, "years"),
        (86_400, "days"),
        (3_600, "hours"),
        (60, "minutes"),
        (1, "seconds"),
    ];
    let singular = |unit: &str| match unit {
        "millennia" => "millennium".to_string(),
        "centuries" => "century".to_string(),
        other => other.trim_end_matches('s').to_string(),
    };
    let mut left = seconds;
    let mut parts = Vec::new();
    for (size, unit) in UNITS {
        let count = left / size;
        if count > 0 {
            left -= count * size;
            let name = if count == 1 {
                singular(unit)
            } else {
                unit.to_string()
            };
            parts.push(format!("{count} {name}"));
        }
    }
    match parts.len() {
        0 => "0 seconds".to_string(),
        1 => parts.remove(0),
        n => {
            let last = parts.remove(n - 1);
            format!("{} and {last}", parts.join(", "))
        }
    }
}

/// Language::listToText in the voice's language: the items joined by `comma-separator`, the
/// last one by `and` and `word-separator` (the messages' `&#32;`/`&#44;` entities decoded).
pub fn list_to_text(items: &[String], voice: &Voice) -> String {
    let message = |key: &str, english: &'static str| {
        lookup(key, voice)
            .unwrap_or(english)
            .replace("&#32;", " ")
            .replace("&#44;", ",")
    };
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!(
            "{}{}{}{last}",
            init.join(&message("comma-separator", ",&#32;")),
            message("and", "&#32;and"),
            message("word-separator", "&#32;"),
        ),
    }
}

impl Param {
    fn as_text(&self, voice: &Voice) -> String {
        match self {
            Param::Message(msg) => msg.text(voice),
            Param::Text(s) | Param::Plain(s) => s.clone(),
            Param::Num(n) => n.to_string(),
            Param::Float(f) => super::php_text::php_float_text(*f),
            // Language::formatNum: digits grouped by thousands, with the language's separator.
            Param::NumValue(n) => {
                let grouped = super::size_text::group_thousands(&n.to_string());
                match voice.lang {
                    "de" | "da" => grouped.replace(',', "."),
                    "fr" => grouped.replace(',', "\u{a0}"),
                    _ => grouped,
                }
            }
            Param::List(items) => items.join(", "),
            Param::TextList(items) | Param::PlainTextList(items) => list_to_text(items, voice),
            Param::Null | Param::EmptyNumValue => String::new(),
            Param::Duration(seconds) => format_duration(*seconds),
            Param::Size(bytes) => super::size_text::format_size(*bytes),
            Param::IndexedList(items) => items
                .iter()
                .map(|(_, s)| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A message: a key (or a literal text for raw messages such as `* $1\n* $2`) and parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Msg {
    pub key: String,
    pub params: Vec<Param>,
}

impl Msg {
    pub fn new(key: &str) -> Msg {
        Msg {
            key: key.to_string(),
            params: Vec::new(),
        }
    }

    pub fn with(key: &str, params: Vec<Param>) -> Msg {
        Msg {
            key: key.to_string(),
            params,
        }
    }

    /// The wikitext of the message in the voice's language (Message::text()).
    pub fn text(&self, voice: &Voice) -> String {
        match self.template(voice) {
            Some(template) => render(&template, &self.params, voice),
            None => format!("\u{29fc}{}\u{29fd}", self.key),
        }
    }

    /// Message::plain(): the parameters substituted (message parameters in their plain form
    /// too) but `{{…}}` left unexpanded.
    pub fn plain(&self, voice: &Voice) -> String {
        match self.template(voice) {
            Some(template) => substitute(&template, &self.params, voice, true),
            None => format!("\u{29fc}{}\u{29fd}", self.key),
        }
    }

    /// The message's template: its text in the voice, or the key itself for a raw message
    /// (literal texts such as `* $1\n* $2`); `None` for an unknown key (which renders as
    /// ⧼key⧽ like MediaWiki).
    fn template(&self, voice: &Voice) -> Option<String> {
        match lookup(&self.key, voice) {
            Some(t) => Some(t.to_string()),
            None if self.is_raw(voice) => Some(self.key.clone()),
            None => None,
        }
    }

    /// A `RawMessage`: a literal text rather than a message key.
    fn is_raw(&self, voice: &Voice) -> bool {
        (self.key.contains('$') || self.key.contains(' ')) && lookup(&self.key, voice).is_none()
    }

    /// The key and parameters the raw message formats show: the message's own for a message
    /// key; for a raw message as the voice's release shows them ([`RawMessageKey`]).
    pub fn raw_key_and_params(&self, voice: &Voice) -> (String, Vec<Param>) {
        if voice.raw_message_key == RawMessageKey::Text || !self.is_raw(voice) {
            return (self.key.clone(), self.params.clone());
        }
        let params = if self.key == "$1" {
            self.params.clone()
        } else if self.params.is_empty() {
            vec![Param::Text(self.key.clone())]
        } else {
            vec![Param::Text(self.plain(voice))]
        };
        ("rawmessage".to_string(), params)
    }

    /// ApiErrorFormatter::stripMarkup(text()): semantic tags become quotes, other tags are
    /// stripped, entities decoded, whitespace collapsed.
    pub fn plaintext(&self, voice: &Voice) -> String {
        strip_markup(&self.text(voice))
    }

    /// Message::parse() for the simple messages this mock uses: the text with `[[link|label]]`
    /// reduced to its label. Good enough for the stock texts, which have no other markup.
    pub fn html(&self, voice: &Voice) -> String {
        // The parser writes a no-break space as a character reference.
        let text = self.text(voice).replace('\u{a0}', "&#160;");
        // A "* a\n* b" list is rendered as HTML list items.
        if text.starts_with("* ") {
            let items: Vec<String> = text
                .split('\n')
                .map(|line| format!("<li>{}</li>", line.trim_start_matches("* ")))
                .collect();
            return serialized(&format!("<ul>{}</ul>", items.join("\n")));
        }
        let html = serialized(&external_links(&special_page_links(&text)));
        // Several paragraphs keep their <p> wrappers (only a single one is stripped).
        if html.contains("\n\n") {
            return html
                .split("\n\n")
                .map(|paragraph| format!("<p>{paragraph}\n</p>"))
                .collect();
        }
        html
    }
}

/// What the parser's output stage does to text: a numeric character reference to a code point
/// HTML does not allow (Sanitizer::validateCodepoint: controls but tab and newline, surrogates,
/// U+FFFE/U+FFFF, beyond U+10FFFF; e.g. wfEscapeWikiText's `&#13;`) is shown literally
/// (`&amp;#13;`), and a no-break space is serialised as `&#160;`.
fn serialized(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['&', '\u{a0}']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix('\u{a0}') {
            out.push_str("&#160;");
            rest = after;
            continue;
        }
        if let Some(len) = invalid_char_ref_len(rest) {
            out.push_str("&amp;");
            out.push_str(&rest[1..len]);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The length of the numeric character reference `&#N;` / `&#xH;` at the start of `text` when
/// it names a code point HTML does not allow.
fn invalid_char_ref_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("&#")?;
    let (digits, radix, skip) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (body, 10, 2),
    };
    let count = digits.chars().take_while(|c| c.is_digit(radix)).count();
    if count == 0 || !digits[count..].starts_with(';') {
        return None;
    }
    let allowed = u32::from_str_radix(&digits[..count], radix).is_ok_and(|c| {
        matches!(c, 0x09 | 0x0a | 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfffd | 0x10000..=0x10ffff)
    });
    (!allowed).then_some(skip + count + 1)
}

/// `[http://… label]` as the parser renders an external link with a label.
fn external_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[http") {
        let after = &rest[start + 1..];
        let Some(end) = after.find(']') else {
            break;
        };
        let Some((url, label)) = after[..end].split_once(' ') else {
            out.push_str(&rest[..start + 1]);
            rest = after;
            continue;
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            out.push_str(&rest[..start + 1]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..start]);
        out.push_str(&format!(
            "<a rel=\"nofollow\" class=\"external text\" href=\"{}\">{label}</a>",
            url.replace('&', "&amp;")
        ));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// `[[Special:Page|label]]` as the parser renders a link to an existing special page.
fn special_page_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[Special:") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else {
            break;
        };
        let Some((target, label)) = after[..end].split_once('|') else {
            out.push_str(&rest[..start + 2]);
            rest = after;
            continue;
        };
        out.push_str(&rest[..start]);
        out.push_str(&format!(
            "<a href=\"/index.php/{target}\" title=\"{target}\">{label}</a>"
        ));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// A site's own texts for message keys (as a wiki customises MediaWiki:Key, or WikimediaMessages
/// overrides keys on Wikimedia's wikis): (key, text) pairs that win over the language tables.
pub type SiteMessages = &'static [(&'static str, &'static str)];

/// How messages render for one request, as a MediaWiki Message's context: the wiki's name
/// (`{{SITENAME}}`), its own texts for keys ([`SiteMessages`]) and the language. It travels
/// with the request (`Ctx::voice`, the error renderer), never in thread-locals.
#[derive(Clone, Copy, Debug)]
pub struct Voice<'a> {
    pub sitename: &'a str,
    pub site: SiteMessages,
    /// The English texts the wiki's MediaWiki release words differently from the tables
    /// (`Release::account_texts`; empty for 1.39, whose texts the tables hold).
    pub release: SiteMessages,
    /// `en`, or a language `messages_i18n` has a table for.
    pub lang: &'static str,
    /// How raw messages show in raw formats (the release's `raw_message_key`).
    pub raw_message_key: RawMessageKey,
}

/// The key a `RawMessage` shows in the raw message formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawMessageKey {
    /// Its text is its key, with its parameters (`{"key":"$1","params":[null]}`).
    Text,
    /// `rawmessage` (`RawMessage::getKey`), with one parameter: the text with the parameters
    /// substituted (unexpanded), or the parameters themselves for the text `$1`.
    Rawmessage,
}

impl<'a> Voice<'a> {
    /// English, with no site texts, raw messages keyed by their text (`Ctx::voice` gives the
    /// wiki's release's [`RawMessageKey`]).
    pub fn english(sitename: &'a str) -> Voice<'a> {
        Voice {
            sitename,
            site: &[],
            release: &[],
            lang: "en",
            raw_message_key: RawMessageKey::Text,
        }
    }

    /// The same voice in another language.
    pub fn in_language(self, lang: &'static str) -> Voice<'a> {
        Voice { lang, ..self }
    }
}

/// Looks up the text of a message key: the site's own text if it has one (in every language;
/// the mock keeps no translations of them), else the voice's language, falling back to English.
pub fn lookup(key: &str, voice: &Voice) -> Option<&'static str> {
    if let Some(text) = voice.site.iter().find(|(k, _)| *k == key).map(|(_, v)| *v) {
        return Some(text);
    }
    if voice.lang != "en"
        && let Some(text) = super::messages_i18n::translation(voice.lang, key)
    {
        return Some(text);
    }
    if let Some(text) = voice
        .release
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
    {
        return Some(text);
    }
    super::messages_en::MESSAGES
        .iter()
        .chain(super::messages_ext::MESSAGES)
        .chain(super::messages_mock::OPENID)
        .chain(super::messages_mock::SITEINFO)
        .chain(super::messages_temp_accounts::MESSAGES)
        .chain(super::messages_preferences::MESSAGES)
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
}

/// Substitutes `$n`, resolves `{{PLURAL:n|one|other}}`, `{{SITENAME}}` and `{{int:key}}`.
pub fn render(template: &str, params: &[Param], voice: &Voice) -> String {
    // First substitute parameters, then expand the templates (as the parser would see them).
    expand_templates(&substitute(template, params, voice, false), voice)
}

/// Substitutes `$n` (message parameters as their `plain` form when `plain`, else their text).
fn substitute(template: &str, params: &[Param], voice: &Voice, plain: bool) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            if j > i + 1 {
                let n: usize = template[i + 1..j].parse().unwrap_or(0);
                if n >= 1 && n <= params.len() {
                    match &params[n - 1] {
                        Param::Message(msg) if plain => out.push_str(&msg.plain(voice)),
                        param => out.push_str(&param.as_text(voice)),
                    }
                } else {
                    out.push_str(&template[i..j]);
                }
                i = j;
                continue;
            }
        }
        let ch = template[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn expand_templates(text: &str, voice: &Voice) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        // Find the matching "}}" allowing one level of nesting.
        let mut depth = 1;
        let mut idx = 0;
        let b = after.as_bytes();
        let mut end = None;
        while idx + 1 < b.len() {
            if b[idx] == b'{' && b[idx + 1] == b'{' {
                depth += 1;
                idx += 2;
                continue;
            }
            if b[idx] == b'}' && b[idx + 1] == b'}' {
                depth -= 1;
                if depth == 0 {
                    end = Some(idx);
                    break;
                }
                idx += 2;
                continue;
            }
            idx += 1;
        }
        let Some(end) = end else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = expand_templates(&after[..end], voice);
        out.push_str(&expand_one(&inner, voice));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn expand_one(inner: &str, voice: &Voice) -> String {
    if inner == "SITENAME" {
        return voice.sitename.to_string();
    }
    if let Some(key) = inner.strip_prefix("int:") {
        return Msg::new(key).text(voice);
    }
    if let Some(args) = inner.strip_prefix("PLURAL:") {
        let mut parts = args.split('|');
        let number = parts.next().unwrap_or("").trim();
        let forms: Vec<&str> = parts.collect();
        // Language::parseFormattedNumber: the language's separators undone.
        let n: f64 = match voice.lang {
            "de" | "da" => number.replace('.', "").replace(',', "."),
            "fr" => number.replace('\u{a0}', "").replace(',', "."),
            _ => number.replace(',', ""),
        }
        .parse()
        .unwrap_or(0.0);
        // Explicit "n=form" entries win.
        for form in &forms {
            if let Some((k, v)) = form.split_once('=')
                && let Ok(kn) = k.trim().parse::<f64>()
                && kn == n
            {
                return v.to_string();
            }
        }
        let plain: Vec<&str> = forms
            .iter()
            .filter(|f| !is_explicit_form(f))
            .copied()
            .collect();
        if plain.is_empty() {
            return String::new();
        }
        let index = super::messages_i18n::plural_form(voice.lang, n);
        return plain
            .get(index)
            .or(plain.last())
            .map(|s| s.to_string())
            .unwrap_or_default();
    }
    format!("{{{{{inner}}}}}")
}

fn is_explicit_form(form: &str) -> bool {
    form.split_once('=')
        .is_some_and(|(k, _)| k.trim().parse::<f64>().is_ok())
}

/// Policy parameters (JSON values) as message parameters.
pub fn json_params(params: &[serde_json::Value]) -> Vec<Param> {
    params
        .iter()
        .map(|p| match p {
            serde_json::Value::Number(n) => Param::Num(n.as_i64().unwrap_or(0)),
            serde_json::Value::String(s) => Param::Text(s.clone()),
            other => Param::Text(other.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests;
