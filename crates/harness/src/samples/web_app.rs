//! Running a sample web application as its reader uses it: started through its runtime wrapper
//! (listening on the loopback port the runner chose, given to the page's substitutions as
//! `{{app_port}}`), waited for until it answers, its form page fetched (what it served is kept),
//! the form submitted as a browser would from the served HTML ([`web_form`]), the app's answer
//! kept, then the app stopped: its whole process group (the group it was started as the leader of,
//! which holds a debug reloader's child too) is ended.

use super::execute::{self, Ran, Runtimes};
use super::model::Program;
use super::web_form::{self, Filling, ServedForm};
use std::time::{Duration, Instant};

/// One HTTP answer of the app.
#[derive(Clone, Debug)]
pub struct AppAnswer {
    pub status: u16,
    pub content_type: String,
    /// What a reader sees of it: the page's title and its text (short).
    pub summary: String,
    pub body: String,
}

/// What the app did while it was used.
#[derive(Clone, Debug)]
pub struct AppRun {
    /// Its output and how it ended (`timed_out`: it never answered on its port).
    pub ran: Ran,
    /// `GET /`: the answer, or why there was none.
    pub served: Result<AppAnswer, String>,
    /// The form found in what it served.
    pub form: Option<ServedForm>,
    /// The submission (the fields as sent) and the app's answer to it.
    pub submitted: Option<Submitted>,
}

/// The form as submitted (its fields in order, as sent) and the app's answer, or why there was none.
pub type Submitted = (Vec<(String, String)>, Result<AppAnswer, String>);

/// A loopback port nothing listens on now (the system's choice).
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind(("127.0.0.1", 0))?
        .local_addr()?
        .port())
}

/// Runs the app `source` (listening on `port`), uses it, stops it.
pub async fn run(
    runtimes: &Runtimes,
    program: &Program,
    source: &str,
    api: &str,
    port: u16,
    filling: &Filling,
    timeout: Duration,
) -> std::io::Result<AppRun> {
    let dir = std::env::temp_dir().join(format!("mwcheck-app-{}", crate::vars::random_hex(12)));
    std::fs::create_dir_all(&dir)?;
    let result = run_in(&dir, runtimes, program, source, api, port, filling, timeout).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

#[allow(clippy::too_many_arguments)]
async fn run_in(
    dir: &std::path::Path,
    runtimes: &Runtimes,
    program: &Program,
    source: &str,
    api: &str,
    port: u16,
    filling: &Filling,
    timeout: Duration,
) -> std::io::Result<AppRun> {
    let file = Runtimes::prepare(dir, program, source)?;
    let started = Instant::now();
    let mut child = runtimes.spawn(program.language, &file, dir, api)?;
    let group = child.id();
    let output = execute::OutputReaders::start(&mut child);
    let listening = wait_until_listening(port, &mut child, started + timeout).await;
    let base = format!("http://127.0.0.1:{port}/");
    let mut served = Err(listening.clone().err().unwrap_or_default());
    let mut form = None;
    let mut submitted = None;
    if listening.is_ok() {
        let client = reqwest::Client::builder()
            .no_proxy()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::limited(5))
            .timeout(
                timeout
                    .saturating_sub(started.elapsed())
                    .max(Duration::from_secs(5)),
            )
            .build()
            .map_err(std::io::Error::other)?;
        served = answer(client.get(&base).send().await).await;
        if let Ok(page) = &served
            && page.status == 200
        {
            form = web_form::read(&page.body);
            if let Some(found) = &form {
                let fields = web_form::submission(found, &page.body, filling);
                let target = url::Url::parse(&base)
                    .and_then(|b| b.join(&found.action))
                    .map_or_else(|_| base.clone(), String::from);
                let request = if found.method == "POST" {
                    client
                        .post(&target)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(web_form::encoded(&fields))
                } else {
                    client.get(&target).query(&fields)
                };
                submitted = Some((fields, answer(request.send().await).await));
            }
        }
    }
    // The app logs a request (and its traceback) after answering it: let that land first.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let exit = child.try_wait().ok().flatten().and_then(|s| s.code());
    execute::kill_group(group, &mut child).await;
    let (stdout, stderr) = output.collect().await;
    Ok(AppRun {
        ran: Ran {
            exit,
            timed_out: listening.is_err() && exit.is_none(),
            stdout,
            stderr: without_debugger_pin(&stderr),
            duration: started.elapsed(),
        },
        served,
        form,
        submitted,
    })
}

/// `stderr` with the debugger's PIN (which opens a console in the app) redacted.
fn without_debugger_pin(stderr: &str) -> String {
    stderr
        .lines()
        .map(|line| match line.find("Debugger PIN: ") {
            Some(at) => format!("{}Debugger PIN: [redacted]", &line[..at]),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Waits until something accepts connections on `port`; an error says why it never did (the app
/// ended, or the deadline passed).
async fn wait_until_listening(
    port: u16,
    child: &mut tokio::process::Child,
    deadline: Instant,
) -> Result<(), String> {
    loop {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "the app ended ({status}) without listening on port {port}"
            ));
        }
        if Instant::now() >= deadline {
            return Err(format!("the app did not listen on port {port} in time"));
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

async fn answer(sent: reqwest::Result<reqwest::Response>) -> Result<AppAnswer, String> {
    let response = sent.map_err(|err| format!("no answer: {err}"))?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response
        .text()
        .await
        .map_err(|err| format!("HTTP {status}, its body unreadable: {err}"))?;
    Ok(AppAnswer {
        status,
        content_type,
        summary: summary(&body),
        body,
    })
}

/// What a reader sees of a page: its title; for a page that is not a debugger's traceback, its
/// text too (tags, scripts and styles dropped, whitespace collapsed, cut at 400 characters).
pub fn summary(html: &str) -> String {
    use regex::Regex;
    use std::sync::LazyLock;
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)<title>(.*?)</title>").expect("valid"));
    static HIDDEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<(script|style|title|head)\b.*?</(script|style|title|head)>")
            .expect("valid")
    });
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("valid"));
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = TITLE
        .captures(html)
        .map(|c| squash(&c[1]))
        .unwrap_or_default();
    if title.contains("Werkzeug Debugger") {
        return format!("“{}”", title.replace("&#39;", "'").replace("&quot;", "\""));
    }
    let text = squash(&TAG.replace_all(&HIDDEN.replace_all(html, " "), " "));
    let text: String = text.chars().take(400).collect();
    match (title.is_empty(), text.is_empty()) {
        (false, false) => format!("“{title}”: {text}"),
        (false, true) => format!("“{title}”"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_summed_up_by_its_title_and_text() {
        assert_eq!(
            summary("<title>Create</title><style>x{}</style><h2>Create  account</h2><p>Oops!</p>"),
            "“Create”: Create account Oops!"
        );
        assert_eq!(
            summary("<title>KeyError: &#39;x&#39; // Werkzeug Debugger</title><p>SECRET = 1</p>"),
            "“KeyError: 'x' // Werkzeug Debugger”"
        );
        assert_eq!(summary("plain"), "plain");
        assert_eq!(
            without_debugger_pin(" * Debugger is active!\n * Debugger PIN: 115-757-901\n"),
            " * Debugger is active!\n * Debugger PIN: [redacted]"
        );
    }

    #[test]
    fn a_free_port_is_one_nothing_listens_on() {
        let port = free_port().unwrap();
        assert!(port > 0);
        assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
    }
}
