//! English message texts (from MediaWiki 1.39's languages/i18n/en.json, includes/api/i18n/en.json
//! and the ParamValidator i18n) and a small renderer for them: `$n` parameters, English
//! `{{PLURAL:…}}`, `{{SITENAME}}`, `{{int:…}}`; plus the plaintext conversion the API applies.

/// A message parameter, kept typed so the `raw` formats can show it as MediaWiki does.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    /// A plain string parameter (raw: a JSON string).
    Text(String),
    /// A numeric parameter given with numParams (raw: a JSON number).
    Num(i64),
    /// A MessageValue plaintext parameter (raw: `{"plaintext": …}`).
    Plain(String),
    /// A MessageValue comma list (raw: `{"list": […], "type": "comma"}`).
    List(Vec<String>),
    /// A MessageValue number (raw: `{"num": …}`).
    NumValue(i64),
    /// A null parameter (raw: `null`; renders as the empty string).
    Null,
    /// Message::listParam of an array with PHP keys (raw: `{"list": [..] or {"k": ..}, "type": "comma"}`).
    IndexedList(Vec<(usize, String)>),
}

impl Param {
    fn as_text(&self) -> String {
        match self {
            Param::Text(s) | Param::Plain(s) => s.clone(),
            Param::Num(n) | Param::NumValue(n) => n.to_string(),
            Param::List(items) => items.join(", "),
            Param::Null => String::new(),
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

    /// The wikitext of the message in English (Message::text()).
    pub fn text(&self, sitename: &str) -> String {
        let template = match lookup(&self.key) {
            Some(t) => t.to_string(),
            // Literal "raw" messages (e.g. "* $1\n* $2") are their own template; an unknown key
            // renders as ⧼key⧽ like MediaWiki.
            None if self.key.contains('$') || self.key.contains(' ') => self.key.clone(),
            None => return format!("\u{29fc}{}\u{29fd}", self.key),
        };
        render(&template, &self.params, sitename)
    }

    /// ApiErrorFormatter::stripMarkup(text()): semantic tags become quotes, other tags are
    /// stripped, entities decoded, whitespace collapsed.
    pub fn plaintext(&self, sitename: &str) -> String {
        strip_markup(&self.text(sitename))
    }

    /// Message::parse() for the simple messages this mock uses: the text with `[[link|label]]`
    /// reduced to its label. Good enough for the stock texts, which have no other markup.
    pub fn html(&self, sitename: &str) -> String {
        let text = self.text(sitename);
        // A "* a\n* b" list is rendered as HTML list items.
        if text.starts_with("* ") {
            let items: Vec<String> = text
                .split('\n')
                .map(|line| format!("<li>{}</li>", line.trim_start_matches("* ")))
                .collect();
            return format!("<ul>{}</ul>", items.join("\n"));
        }
        text
    }
}

/// Looks up the English text of a message key.
pub fn lookup(key: &str) -> Option<&'static str> {
    MESSAGES.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Substitutes `$n`, resolves `{{PLURAL:n|one|other}}`, `{{SITENAME}}` and `{{int:key}}`.
pub fn render(template: &str, params: &[Param], sitename: &str) -> String {
    // First substitute parameters, then expand the templates (as the parser would see them).
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
                    out.push_str(&params[n - 1].as_text());
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
    expand_templates(&out, sitename)
}

fn expand_templates(text: &str, sitename: &str) -> String {
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
        let inner = expand_templates(&after[..end], sitename);
        out.push_str(&expand_one(&inner, sitename));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn expand_one(inner: &str, sitename: &str) -> String {
    if inner == "SITENAME" {
        return sitename.to_string();
    }
    if let Some(key) = inner.strip_prefix("int:") {
        return Msg::new(key).text(sitename);
    }
    if let Some(args) = inner.strip_prefix("PLURAL:") {
        let mut parts = args.split('|');
        let number = parts.next().unwrap_or("").trim();
        let forms: Vec<&str> = parts.collect();
        let n: f64 = number.replace(',', "").parse().unwrap_or(0.0);
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
        let index = if n == 1.0 { 0 } else { 1 };
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
pub fn decode_entities(s: &str) -> String {
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
pub fn collapse_whitespace(s: &str) -> String {
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

/// English texts, copied from MediaWiki 1.39.
const MESSAGES: &[(&str, &str)] = &[
    (
        "paramvalidator-badinteger",
        "Invalid value \"$2\" for integer parameter \"$1\".",
    ),
    (
        "apiwarn-errorprinterfailed",
        "Error printer failed. Will retry without params.",
    ),
    (
        "apiwarn-deprecation-post-without-content-type",
        "A POST request was made without a <code>Content-Type</code> header. This does not work reliably.",
    ),
    ("apierror-unknownerror-nocode", "Unknown error."),
    ("apierror-badtoken", "Invalid CSRF token."),
    (
        "apierror-badurl",
        "Invalid value \"$2\" for URL parameter <var>$1</var>.",
    ),
    (
        "paramvalidator-baduser",
        "Invalid value \"$2\" for user parameter <var>$1</var>.",
    ),
    (
        "apierror-baduser",
        "Invalid value \"$2\" for user parameter <var>$1</var>.",
    ),
    (
        "apierror-invalidmethod",
        "Invalid HTTP method. Consider using GET or POST.",
    ),
    (
        "apierror-missingparam-at-least-one-of",
        "{{PLURAL:$2|The parameter|At least one of the parameters}} $1 is required.",
    ),
    (
        "apierror-mustbeposted",
        "The <kbd>$1</kbd> module requires a POST request.",
    ),
    (
        "apierror-mustpostparams",
        "The following {{PLURAL:$2|parameter was|parameters were}} found in the query string, but must be in the POST body: $1.",
    ),
    (
        "apierror-unrecognizedparams",
        "Unrecognized {{PLURAL:$2|parameter|parameters}}: $1.",
    ),
    (
        "paramvalidator-badvalue-enumnotmulti",
        "Unrecognized value for parameter \"$1\": $2.",
    ),
    (
        "paramvalidator-missingparam",
        "The \"$1\" parameter must be set.",
    ),
    (
        "paramvalidator-unrecognizedvalues",
        "Unrecognized {{PLURAL:$4|value|values}} for parameter \"$1\": $3",
    ),
    (
        "apiwarn-tokens-origin",
        "Tokens may not be obtained when the same-origin policy is not applied.",
    ),
    (
        "userexists",
        "Username entered already in use.\nPlease choose a different name.",
    ),
    (
        "passwordreset-nodata",
        "Neither a username nor an email address was supplied",
    ),
    (
        "apierror-readapidenied",
        "You need read permission to use this module.",
    ),
    ("api-usage-docref", "See $1 for API usage."),
    (
        "api-usage-mailinglist-ref",
        "Subscribe to the mediawiki-api-announce mailing list at &lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; for notice of API deprecations and breaking changes.",
    ),
    (
        "apiwarn-deprecation-login-token",
        "Fetching a token via <kbd>action=login</kbd> is deprecated. Use <kbd>action=query&meta=tokens&type=login</kbd> instead.",
    ),
    (
        "apiwarn-deprecation-login-botpw",
        "Main-account login via <kbd>action=login</kbd> is deprecated and may stop working without warning. To continue login with <kbd>action=login</kbd>, see [[Special:BotPasswords]]. To safely continue using main-account login, see <kbd>action=clientlogin</kbd>.",
    ),
    (
        "apierror-assertuserfailed",
        "You are no longer logged in, so the action could not be completed.",
    ),
    (
        "apierror-assertanonfailed",
        "You are no longer logged out, so the action could not be completed.",
    ),
    (
        "apierror-assertbotfailed",
        "You do not have the <code>bot</code> right, so the action could not be completed.",
    ),
    (
        "apierror-assertnameduserfailed",
        "You are no longer logged in as \"$1\", so the action could not be completed.",
    ),
    (
        "apierror-writeapidenied",
        "You're not allowed to edit this wiki through the API.",
    ),
    (
        "apierror-promised-nonwrite-api",
        "The <code>Promise-Non-Write-API-Action</code> HTTP header cannot be sent to write-mode API modules.",
    ),
    ("badretype", "The passwords you entered do not match."),
    ("noname", "You have not specified a valid username."),
    (
        "authmanager-create-no-primary",
        "The supplied credentials could not be used for account creation.",
    ),
    (
        "authmanager-create-not-in-progress",
        "Account creation is not in progress or session data has been lost. Please start again from the beginning.",
    ),
    (
        "invalidemailaddress",
        "The email address cannot be accepted as it appears to have an invalid format.\nPlease enter a well-formatted address or empty that field.",
    ),
    (
        "password-substring-username-match",
        "Your password must not appear within your username.",
    ),
    (
        "passwordincommonlist",
        "The password entered is in a list of very commonly used passwords. Please choose a more unique password.",
    ),
    (
        "password-login-forbidden",
        "The use of this username and password has been forbidden.",
    ),
    (
        "passwordtoolong",
        "Passwords cannot be longer than {{PLURAL:$1|1 character|$1 characters}}.",
    ),
    (
        "passwordtooshort",
        "Passwords must be at least {{PLURAL:$1|1 character|$1 characters}}.",
    ),
    (
        "noemailcreate",
        "You need to provide a valid email address.",
    ),
    (
        "wrongpassword",
        "Incorrect username or password entered.\nPlease try again.",
    ),
    (
        "authmanager-authn-no-primary",
        "The supplied credentials could not be authenticated.",
    ),
    (
        "authmanager-authn-not-in-progress",
        "Authentication is not in progress or session data has been lost. Please start again from the beginning.",
    ),
    (
        "resetpass-temp-emailed",
        "You logged in with a temporary emailed code.\nTo finish logging in, you must set a new password here:",
    ),
    (
        "resetpass-validity-soft",
        "Your password is not valid: $1\n\nPlease choose a new password now, or click \"{{int:authprovider-resetpass-skip-label}}\" to change it later.",
    ),
    (
        "resetpass-validity",
        "Your password is not valid: $1\n\nPlease set a new password to log in.",
    ),
    (
        "authpage-cannot-login-continue",
        "Unable to continue login. Your session most likely timed out.",
    ),
    (
        "api-login-fail-aborted",
        "Authentication requires user interaction, which is not supported by <kbd>action=login</kbd>. To be able to login with <kbd>action=login</kbd>, see [[Special:BotPasswords]]. To continue using main-account login, see <kbd>[[Special:ApiHelp/clientlogin|action=clientlogin]]</kbd>.",
    ),
    (
        "api-login-fail-sameorigin",
        "Cannot log in when the same-origin policy is not applied.",
    ),
    (
        "api-login-fail-badsessionprovider",
        "Cannot log in when using $1.",
    ),
    (
        "authmanager-provider-password",
        "Password-based authentication",
    ),
    ("userlogin-yourname", "Username"),
    ("authmanager-username-help", "Username for authentication."),
    ("userlogin-yourpassword", "Password"),
    ("authmanager-password-help", "Password for authentication."),
    ("yourpasswordagain", "Retype password:"),
    ("authmanager-retype-help", "Password again to confirm."),
    ("authmanager-email-label", "Email"),
    ("authmanager-email-help", "Email address"),
    ("authmanager-realname-label", "Real name"),
    ("authmanager-realname-help", "Real name of the user"),
    (
        "authmanager-provider-temporarypassword",
        "Temporary password",
    ),
    ("newpassword", "New password:"),
    ("retypenew", "Retype new password:"),
    (
        "createaccountmail",
        "Use a temporary random password and send it to the specified email address",
    ),
    (
        "createaccountmail-help",
        "Can be used to create account for another person without learning the password.",
    ),
    ("createacct-reason", "Reason (publicly logged)"),
    (
        "createacct-reason-help",
        "Message shown in the account creation log",
    ),
    (
        "passwordreset-emailtitle",
        "Account details on {{SITENAME}}",
    ),
    (
        "passwordreset-emailtext-ip",
        "Someone (probably you, from IP address $1) requested a reset of your\npassword for {{SITENAME}} ($4). The following user {{PLURAL:$3|account is|accounts are}}\nassociated with this email address:\n\n$2\n\n{{PLURAL:$3|This temporary password|These temporary passwords}} will expire in {{PLURAL:$5|one day|$5 days}}.\nYou should log in and choose a new password now. If someone else made this\nrequest, or if you have remembered your original password, and you no longer\nwish to change it, you may ignore this message and continue using your old\npassword.",
    ),
    (
        "passwordreset-emailtext-user",
        "User $1 on {{SITENAME}} requested a reset of your password for {{SITENAME}}\n($4). The following user {{PLURAL:$3|account is|accounts are}} associated with this email address:\n\n$2\n\n{{PLURAL:$3|This temporary password|These temporary passwords}} will expire in {{PLURAL:$5|one day|$5 days}}.\nYou should log in and choose a new password now. If someone else made this\nrequest, or if you have remembered your original password, and you no longer\nwish to change it, you may ignore this message and continue using your old\npassword.",
    ),
    (
        "passwordreset-emailelement",
        "Username:\n$1\n\nTemporary password:\n$2",
    ),
    ("createaccount-title", "Account creation for {{SITENAME}}"),
    (
        "createaccount-text",
        "Someone created an account for your email address on {{SITENAME}} ($4) named \"$2\", with password \"$3\".\nYou should log in and change your password now.\n\nYou may ignore this message, if this account was created in error.",
    ),
    ("userlogin-remembermypassword", "Keep me logged in"),
    (
        "authmanager-userlogin-remembermypassword-help",
        "Whether the password should be remembered for longer than the length of the session.",
    ),
    ("authprovider-resetpass-skip-label", "Skip"),
    (
        "authprovider-resetpass-skip-help",
        "Skip resetting the password.",
    ),
    (
        "passwordreset-emaildisabled",
        "Email features have been disabled on this wiki.",
    ),
    (
        "login-throttled",
        "You have made too many recent login attempts.\nPlease wait $1 before trying again.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_and_params() {
        let m = Msg::with(
            "apierror-mustpostparams",
            vec![Param::Text("password, retype".into()), Param::Num(2)],
        );
        assert_eq!(
            m.text("TestWiki"),
            "The following parameters were found in the query string, but must be in the POST body: password, retype."
        );
        let m = Msg::with(
            "apierror-mustpostparams",
            vec![Param::Text("token".into()), Param::Num(1)],
        );
        assert!(m.text("W").starts_with("The following parameter was found"));
        let m = Msg::with("passwordtoolong", vec![Param::Num(4096)]);
        assert_eq!(
            m.text("W"),
            "Passwords cannot be longer than 4096 characters."
        );
    }

    #[test]
    fn plaintext_strips_markup_and_collapses_whitespace() {
        let m = Msg::with("apierror-mustbeposted", vec![Param::Text("login".into())]);
        assert_eq!(
            m.plaintext("W"),
            "The \"login\" module requires a POST request."
        );
        assert_eq!(
            Msg::new("userexists").plaintext("W"),
            "Username entered already in use. Please choose a different name."
        );
        assert_eq!(
            Msg::new("api-usage-mailinglist-ref").plaintext("W"),
            "Subscribe to the mediawiki-api-announce mailing list at <https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/> for notice of API deprecations and breaking changes."
        );
    }

    #[test]
    fn sitename_int_and_unknown_keys() {
        assert_eq!(
            Msg::new("passwordreset-emailtitle").text("TestWiki"),
            "Account details on TestWiki"
        );
        let m = Msg::with("resetpass-validity-soft", vec![Param::Text("X".into())]);
        assert!(
            m.text("W")
                .ends_with("or click \"Skip\" to change it later.")
        );
        assert_eq!(
            Msg::new("userlogin-cannot-create").text("W"),
            "\u{29fc}userlogin-cannot-create\u{29fd}"
        );
        let multi = Msg::with(
            "* $1\n* $2",
            vec![Param::Text("a".into()), Param::Text("b".into())],
        );
        assert_eq!(multi.text("W"), "* a\n* b");
        assert_eq!(multi.html("W"), "<ul><li>a</li>\n<li>b</li></ul>");
    }
}
