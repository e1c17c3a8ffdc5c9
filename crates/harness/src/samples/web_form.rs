//! Reading the form a sample web app serves and filling it in as its reader would in a browser:
//! the first `<form>` of the served HTML (its method, its action, its fields with their names,
//! types and offered values), and the submission built from it: the user name, password and e-mail
//! fields get the run's fresh values, a field asking for the captcha's answer gets it when the page
//! shows a question the run knows the answer to, every other field sends what the form offers (its
//! `value`, else nothing), exactly the names the served HTML gives.

use regex::Regex;
use std::sync::LazyLock;

/// One field of a served form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormField {
    pub name: String,
    /// `text`, `password`, `email`, `hidden`, … (`textarea` / `select` for those elements).
    pub kind: String,
    /// The value the form offers (its `value` attribute); empty when none.
    pub value: String,
}

/// The form as served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServedForm {
    /// `GET` or `POST` (a browser's default is GET).
    pub method: String,
    /// Where it submits (empty: the page's own URL).
    pub action: String,
    pub fields: Vec<FormField>,
}

/// What the reader types in.
#[derive(Clone, Debug, Default)]
pub struct Filling {
    pub user: String,
    pub password: String,
    pub email: String,
    /// Known captcha questions and their answers (`What is 2+2?` → `4`).
    pub captcha_answers: Vec<(String, String)>,
}

static FORM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<form\b([^>]*)>(.*?)(?:</form\s*>|\z)").expect("valid"));
static FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(input|select|textarea)\b([^>]*)>").expect("valid"));
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)([a-z_:][-a-z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#)
        .expect("valid")
});

fn attributes(tag: &str) -> Vec<(String, String)> {
    ATTRIBUTE
        .captures_iter(tag)
        .map(|c| {
            let value = c
                .get(2)
                .or(c.get(3))
                .or(c.get(4))
                .map_or("", |m| m.as_str());
            (c[1].to_ascii_lowercase(), unescape(value))
        })
        .collect()
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The first form of `html`, or `None` when it has none.
pub fn read(html: &str) -> Option<ServedForm> {
    let found = FORM.captures(html)?;
    let form = attributes(&found[1]);
    let fields = FIELD
        .captures_iter(&found[2])
        .filter_map(|c| {
            let element = c[1].to_ascii_lowercase();
            let attrs = attributes(&c[2]);
            let name = attribute(&attrs, "name")?.to_owned();
            let kind = match element.as_str() {
                "input" => attribute(&attrs, "type")
                    .unwrap_or("text")
                    .to_ascii_lowercase(),
                other => other.to_owned(),
            };
            // Buttons send nothing unless they are the one clicked; a reader clicks the submit
            // button, which has no name in the pages' forms.
            if matches!(
                kind.as_str(),
                "submit" | "button" | "reset" | "image" | "file"
            ) {
                return None;
            }
            let value = attribute(&attrs, "value").unwrap_or_default().to_owned();
            Some(FormField { name, kind, value })
        })
        .collect();
    Some(ServedForm {
        method: attribute(&form, "method")
            .unwrap_or("get")
            .to_ascii_uppercase(),
        action: attribute(&form, "action").unwrap_or_default().to_owned(),
        fields,
    })
}

/// The answer to the captcha question the page shows (the first known question it contains).
pub fn captcha_answer<'a>(page: &str, filling: &'a Filling) -> Option<&'a str> {
    let decoded = percent_decoded(page);
    filling
        .captcha_answers
        .iter()
        .find(|(question, _)| page.contains(question.as_str()) || decoded.contains(question))
        .map(|(_, answer)| answer.as_str())
}

/// The page with %XX escapes decoded (a question shown inside a URL is escaped).
fn percent_decoded(page: &str) -> String {
    url::form_urlencoded::parse(page.replace('+', "%2B").as_bytes())
        .map(|(k, v)| {
            if v.is_empty() {
                k.into_owned()
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// What a browser sends when the reader fills `form` (served in `page`) and submits it.
pub fn submission(form: &ServedForm, page: &str, filling: &Filling) -> Vec<(String, String)> {
    let answer = captcha_answer(page, filling);
    let mut password_fields = 0;
    form.fields
        .iter()
        .map(|field| {
            let name = field.name.to_ascii_lowercase();
            let value = if field.kind == "password" {
                // The reader types the same password in every password box ("Confirm password").
                password_fields += 1;
                filling.password.clone()
            } else if name.contains("captcha") || name.contains("question") {
                answer.map_or_else(|| field.value.clone(), str::to_owned)
            } else if name.contains("user") || name == "name" || name == "wpname" {
                filling.user.clone()
            } else if field.kind == "email" || name.contains("email") || name.contains("mail") {
                filling.email.clone()
            } else {
                field.value.clone()
            };
            (field.name.clone(), value)
        })
        .collect()
}

/// The body a browser sends for `fields` (`application/x-www-form-urlencoded`).
pub fn encoded(fields: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><title>x</title>
<form method="POST">
  <input name="username">
  <input type="password" name="password">
  <input type="password" name='confirm-password'>
  <input name="email">
  <input type=hidden name="token" value="a&amp;b">
  <input name="captcha-word">
  <img src="http://127.0.0.1:1/What is 2+2?">
  <button type="submit">Create</button>
  <input type="submit" name="go" value="Go">
</form><form><input name="other"></form>"#;

    fn filling() -> Filling {
        Filling {
            user: "SampleU".into(),
            password: "pw".into(),
            email: "u@example.org".into(),
            captcha_answers: vec![("What is 2+2?".into(), "4".into())],
        }
    }

    #[test]
    fn reads_the_first_form_its_method_and_fields() {
        let form = read(PAGE).expect("a form");
        assert_eq!(form.method, "POST");
        assert_eq!(form.action, "");
        let names: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "username",
                "password",
                "confirm-password",
                "email",
                "token",
                "captcha-word"
            ]
        );
        assert_eq!(form.fields[2].kind, "password");
        assert_eq!(form.fields[4].value, "a&b");
        assert_eq!(read("<p>no form</p>"), None);
        assert_eq!(read("<form><input name=q>").unwrap().method, "GET");
    }

    #[test]
    fn fills_it_in_as_a_reader_would() {
        let form = read(PAGE).unwrap();
        let sent = submission(&form, PAGE, &filling());
        let pairs: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("username", "SampleU"),
                ("password", "pw"),
                ("confirm-password", "pw"),
                ("email", "u@example.org"),
                ("token", "a&b"),
                ("captcha-word", "4"),
            ]
        );
        assert_eq!(
            encoded(&sent[..2]),
            "username=SampleU&password=pw".to_owned()
        );
    }

    #[test]
    fn the_captcha_field_is_left_as_offered_without_a_known_question() {
        let page = PAGE.replace("What is 2+2?", "What is 3+3?");
        let form = read(&page).unwrap();
        let sent = submission(&form, &page, &filling());
        assert_eq!(sent[5], ("captcha-word".into(), String::new()));
        // A question shown escaped inside a URL is still recognised.
        let escaped = PAGE.replace("What is 2+2?", "What%20is%202%2B2%3F");
        assert_eq!(captcha_answer(&escaped, &filling()), Some("4"));
    }
}
