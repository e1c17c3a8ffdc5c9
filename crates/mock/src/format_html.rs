//! The HTML pretty-printer page (`format=jsonfm`, no `format` or an unknown one; `xmlfm`,
//! `phpfm`): MediaWiki's
//! `apioutput` skin page around the indented result, with the header that links to the non-HTML
//! URL (GET) or names the parameter (POST), and the status line for a non-200 answer. The page is
//! the one MediaWiki serves to an anonymous caller (for a logged-in one it adds the user's id,
//! groups and tokens to the page's script; the mock does not).

use std::fmt::Write as _;

use super::release::Release;

/// What the page needs besides the result.
pub struct PageContext<'a> {
    pub sitename: &'a str,
    /// The release the page is served by.
    pub release: &'static Release,
    /// `http://host:port`.
    pub server: &'a str,
    /// The query string's parameters (PHP names), in order.
    pub query: Vec<(&'a str, &'a str)>,
    pub posted: bool,
    pub status: u16,
    /// 24 hex digits, as MediaWiki's request id.
    pub request_id: &'a str,
    /// Milliseconds the request took.
    pub backend_ms: u128,
}

/// Which printer the page shows: its name in the header (`JSON`) and its non-HTML format (`json`).
#[derive(Clone, Copy, Debug)]
pub struct Printer {
    pub name: &'static str,
    pub format: &'static str,
}

pub const JSON: Printer = Printer {
    name: "JSON",
    format: "json",
};
pub const XML: Printer = Printer {
    name: "XML",
    format: "xml",
};
pub const PHP: Printer = Printer {
    name: "PHP",
    format: "php",
};

/// The page for `printer`, `pretty` being what that printer shows (JSON indented by four spaces,
/// XML by two, PHP serialized).
pub fn page(ctx: &PageContext, printer: Printer, pretty: &str) -> String {
    let Printer { name, format } = printer;
    let mut header = format!(
        "<p>This is the HTML representation of the {name} format. HTML is good for debugging, but is unsuitable for application use.\n</p><p>Specify the <var>format</var> parameter to change the output format. To see the non-HTML representation of the {name} format, set ",
    );
    let docs = if ctx.posted {
        let _ = write!(header, "<kbd>format={format}</kbd>");
        "<a href=\"https://www.mediawiki.org/wiki/Special:MyLanguage/API\" class=\"extiw\" title=\"mw:Special:MyLanguage/API\">complete documentation</a>"
    } else {
        let _ = write!(
            header,
            "<a rel=\"nofollow\" class=\"external text\" href=\"{}\"><kbd>format={format}</kbd></a>",
            html_attr(&non_html_url(ctx, format))
        );
        "<a href=\"https://www.mediawiki.org/wiki/API\" class=\"extiw\" title=\"mw:API\">complete documentation</a>"
    };
    let _ = write!(
        header,
        ".\n</p><p>See the {docs}, or the <a href=\"/api.php?action=help&amp;modules=main\">API help</a> for more information.\n</p>"
    );
    let status = if ctx.status == 200 {
        String::new()
    } else {
        format!(
            "<div class=\"api-pretty-header api-pretty-status\">This response would be returned with HTTP status {} {}.</div>",
            ctx.status,
            reason_phrase(ctx.status)
        )
    };
    let sitename = html_text(ctx.sitename);
    let server = html_attr(ctx.server);
    let mut out = String::with_capacity(4800 + pretty.len());
    out.push_str("<!DOCTYPE html>\n<html class=\"client-nojs\" lang=\"en\" dir=\"ltr\">\n<head>\n");
    let chrome = ctx.release.page_chrome;
    let fill = |template: &str| {
        template
            .replace("{sitename}", &sitename)
            .replace("{request_id}", ctx.request_id)
            .replace("{version}", ctx.release.full_version)
            .replace("{server}", &server)
            .replace("{backend_ms}", &ctx.backend_ms.to_string())
    };
    out.push_str(&fill(chrome.head));
    out.push_str("</head>\n");
    out.push_str("<body class=\"mediawiki ltr sitedir-ltr mw-hide-empty-elt ns--1 ns-special mw-special-ApiHelp page-Special_ApiHelp rootpage-Special_ApiHelp skin-apioutput action-view\"><div class=\"mw-body\" role=\"main\">\n\t<h1 id=\"firstHeading\">MediaWiki API result</h1>\n\t<div class=\"mw-body-content\">\n\t\t<div id=\"mw-content-text\" class=\"mw-body-content\">");
    let _ = writeln!(
        out,
        "<div class=\"api-pretty-header\">{header}</div>{status}<pre class=\"api-pretty-content\">{}</pre>",
        element_text(pretty)
    );
    let _ = write!(
        out,
        "<div class=\"printfooter\" data-nosnippet=\"\">Retrieved from \"<a dir=\"ltr\" href=\"{server}/index.php/Special:ApiHelp\">{server}/index.php/Special:ApiHelp</a>\"</div></div>\n\t</div>\n</div>\n"
    );
    out.push_str(&fill(chrome.tail_script));
    out.push_str("\n</body>\n</html>");
    out
}

/// The request URL with `format=FORMAT` (WebRequest::appendQueryValue: the query values without
/// `title`, `format` replaced in place or appended, encoded like PHP's urlencode).
fn non_html_url(ctx: &PageContext, format: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = ctx
        .query
        .iter()
        .copied()
        .filter(|(name, _)| *name != "title")
        .collect();
    match pairs.iter_mut().find(|(name, _)| *name == "format") {
        Some(slot) => slot.1 = format,
        None => pairs.push(("format", format)),
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{}={}", php_urlencode(name), php_urlencode(value)))
        .collect();
    format!("{}/api.php?{}", ctx.server, query.join("&"))
}

/// PHP's urlencode: letters, digits and `-_.` stay, space is `+`, the rest `%XX`.
fn php_urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(byte as char),
            b' ' => out.push('+'),
            other => {
                let _ = write!(out, "%{other:02X}");
            }
        }
    }
    out
}

/// Html::element's escaping of text: `&` and `<` only.
fn element_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html_attr(text: &str) -> String {
    html_text(text).replace('"', "&quot;")
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Request Entity Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(query: Vec<(&'static str, &'static str)>, posted: bool) -> PageContext<'static> {
        PageContext {
            sitename: "TestWiki",
            release: &crate::release::MEDIAWIKI_1_39,
            server: "http://127.0.0.1:8080",
            query,
            posted,
            status: 200,
            request_id: "0123456789abcdef01234567",
            backend_ms: 7,
        }
    }

    #[test]
    fn the_link_replaces_format_drops_title_and_encodes_like_php() {
        let c = ctx(
            vec![
                ("action", "query"),
                ("format", "jsonfm"),
                ("title", "X"),
                ("a_b", "c d"),
                ("x", "é/~"),
            ],
            false,
        );
        assert_eq!(
            non_html_url(&c, "json"),
            "http://127.0.0.1:8080/api.php?action=query&format=json&a_b=c+d&x=%C3%A9%2F%7E"
        );
        assert_eq!(
            non_html_url(&ctx(vec![("action", "query")], false), "json"),
            "http://127.0.0.1:8080/api.php?action=query&format=json"
        );
    }

    #[test]
    fn a_post_names_the_parameter_without_a_link() {
        let page = page(&ctx(vec![], true), JSON, "{}");
        assert!(page.contains("set <kbd>format=json</kbd>.\n</p>"));
        assert!(page.contains("title=\"mw:Special:MyLanguage/API\""));
        assert!(!page.contains("external text"));
    }
}
