//! Documentation sample programs run against a wiki (`mwcheck run --docs`, `--page FILE`): each
//! page's programs are extracted ([`text_page`], [`wikitext`], their documented output by
//! [`expected`]), changed only as a reader would ([`substitutions`], one file per page), run
//! through the runtime wrappers ([`execute`]) with their HTTP traffic passing a loopback
//! [`proxy`] that records it (a web app is served on a loopback port, its form page fetched and
//! its form submitted as a browser would: [`web_app`], [`web_form`]), judged from that evidence
//! ([`judge`], [`judge_web`], [`evidence`], [`output`]) and reported ([`report`]). This file owns the order of those steps for one page.
//!
//! ```text
//! page file ──▶ Program(s) ──▶ substituted ──▶ wrapper + proxy ──▶ Ran + Exchanges ──▶ Judgement
//! ```

pub mod evidence;
pub mod execute;
pub mod expected;
pub mod judge;
pub mod judge_web;
pub mod language;
pub mod model;
pub mod output;
#[cfg(test)]
mod page_tests;
pub mod proxy;
pub mod report;
pub mod substitutions;
pub mod text_page;
pub mod web_app;
pub mod web_form;
pub mod wikitext;

use crate::scenario::Capability;
use crate::target::Target;
use crate::vars::{Vars, random_hex};
use judge::{Judgement, Verdict};
use model::{Page, PageError, Program};
use report::{PageReport, ProgramReport, Recorded};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where a samples run finds its files, and how long a program may take.
#[derive(Clone, Debug)]
pub struct SamplesOptions {
    /// The runtime wrappers (`samples/runtime/bin`).
    pub runtime_bin: PathBuf,
    /// The per-page substitution files (`samples/pages`).
    pub substitutions_dir: PathBuf,
    pub timeout: Duration,
    /// The target's MediaWiki version (`1.43`), given to the runtimes as
    /// `MWCHECK_MEDIAWIKI_VERSION` (MediaWiki JS loads that version's modules).
    pub mediawiki_version: Option<String>,
}

/// Reads a page: wikitext when the file says so (`.wiki`, `.wikitext`, `.mediawiki`) or holds
/// `<syntaxhighlight`, plain text otherwise.
pub fn load_page(path: &Path) -> Result<Page, PageError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|err| PageError {
        file: file.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read the page: {err}"),
    })?;
    let wikitext = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("wiki" | "wikitext" | "mediawiki")
    ) || text.contains("<syntaxhighlight");
    let (programs, documented_errors) = if wikitext {
        (wikitext::extract(&file, &text)?, Vec::new())
    } else {
        let programs = text_page::extract(&file, &text)?;
        let errors = text_page::documented_errors(&text, &programs);
        (programs, errors)
    };
    Ok(Page {
        id: path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("page")
            .to_owned(),
        file: path.to_owned(),
        title: title(&text, wikitext, path),
        programs,
        documented_errors,
    })
}

/// What reports call a page: a plain-text page's first line; a wikitext page's first heading
/// (else its file name).
fn title(text: &str, wikitext: bool, path: &Path) -> String {
    let file_name = || {
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned()
    };
    if !wikitext {
        return text
            .lines()
            .next()
            .map_or_else(file_name, |l| l.trim().to_owned());
    }
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with('=') && l.ends_with('=') && l.len() > 2)
        .map(|l| l.trim_matches('=').trim().to_owned())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(file_name)
}

/// The page files of a folder (`.txt` and wikitext files; not its README), sorted by name.
pub fn pages_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "wiki" | "wikitext" | "mediawiki")
            )
        })
        .collect();
    pages.sort();
    Ok(pages)
}

/// Runs every program of the page at `path` against `target`, one after the other.
pub async fn run_page(path: &Path, target: &Target, options: &SamplesOptions) -> PageReport {
    let mut report = PageReport {
        id: path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("page")
            .to_owned(),
        title: String::new(),
        file: path.display().to_string(),
        programs: Vec::new(),
    };
    let page = match load_page(path) {
        Ok(page) => page,
        Err(err) => {
            report
                .programs
                .push(ProgramReport::page_error(path, &err.to_string()));
            return report;
        }
    };
    report.title = page.title.clone();
    report.programs = run_programs(&page, target, options).await;
    report
}

async fn run_programs(
    page: &Page,
    target: &Target,
    options: &SamplesOptions,
) -> Vec<ProgramReport> {
    let path = page.file.as_path();
    let substitutions_file = options.substitutions_dir.join(format!("{}.yaml", page.id));
    let substitutions = match substitutions::PageSubstitutions::load(&substitutions_file) {
        Ok(found) => found,
        Err(err) => return vec![ProgramReport::page_error(path, &err)],
    };
    let mut reports = Vec::new();
    let known: Vec<&str> = page.programs.iter().map(|p| p.id.as_str()).collect();
    for unknown in substitutions.unknown_programs(&known) {
        reports.push(ProgramReport::page_error(
            path,
            &format!(
                "{}: names the program `{unknown}`, which the page does not have (it has: {})",
                substitutions_file.display(),
                known.join(", ")
            ),
        ));
    }
    let captcha_answers: Vec<(String, String)> = substitutions
        .captcha_answers
        .iter()
        .map(|(q, a)| (q.clone(), a.clone()))
        .collect();
    let runtimes =
        execute::Runtimes::new(&options.runtime_bin, options.mediawiki_version.as_deref());
    for program in &page.programs {
        let declared = substitutions
            .programs
            .get(&program.id)
            .map_or(&[][..], Vec::as_slice);
        let mut report = ProgramReport::new(page, program);
        run_program(
            page,
            program,
            declared,
            &captcha_answers,
            target,
            &runtimes,
            options,
            &mut report,
        )
        .await;
        reports.push(report);
    }
    reports
}

#[allow(clippy::too_many_arguments)]
async fn run_program(
    page: &Page,
    program: &Program,
    declared: &[substitutions::Substitution],
    declared_answers: &[(String, String)],
    target: &Target,
    runtimes: &execute::Runtimes,
    options: &SamplesOptions,
    report: &mut ProgramReport,
) {
    if let Err(reason) = runtimes.check(program.language).await {
        report.judgement = Judgement::new(Verdict::Skipped, reason);
        return;
    }
    if let Some(reason) = target.lacks(Capability::Writes) {
        report.judgement = Judgement::new(
            Verdict::Skipped,
            format!("the program sends POST requests; it {reason}"),
        );
        return;
    }
    let proxy = match proxy::RecordingProxy::start(&target.api, options.timeout).await {
        Ok(proxy) => proxy,
        Err(err) => {
            report.judgement = Judgement::new(
                Verdict::Error,
                format!("cannot start the recording proxy: {err}"),
            );
            return;
        }
    };
    let api = proxy.api();
    let mut vars = Vars::with_builtins(&proxy.server, &api, &target.admin, &target.bot);
    let suffix = random_hex(8);
    vars.set("fresh_user", format!("Sample{suffix}"), false);
    vars.set("fresh_password", format!("Sp-{}-pw", random_hex(16)), true);
    vars.set("fresh_email", format!("sample-{suffix}@example.org"), false);
    let web = evidence::is_web_app(program.language, &program.source);
    let app_port = if web {
        match web_app::free_port() {
            Ok(port) => port,
            Err(err) => {
                proxy.finish().await;
                report.judgement =
                    Judgement::new(Verdict::Error, format!("no free loopback port: {err}"));
                return;
            }
        }
    } else {
        0
    };
    vars.set("app_port", app_port.to_string(), false);
    let applied = match substitutions::apply(&program.source, declared, &vars) {
        Ok(applied) => applied,
        Err(err) => {
            proxy.finish().await;
            let file = options.substitutions_dir.join(format!("{}.yaml", page.id));
            report.judgement = Judgement::new(
                Verdict::Error,
                format!(
                    "{}, program `{}` ({}:{}:1): {err}",
                    file.display(),
                    program.id,
                    page.file.display(),
                    program.line
                ),
            );
            return;
        }
    };
    report.diff = applied.diff.clone();
    if let Some(url) = off_loopback_url(&applied.source) {
        proxy.finish().await;
        report.judgement = Judgement::new(
            Verdict::Skipped,
            format!(
                "the program would still contact {url}: declare the endpoint's substitution in samples/pages/{}.yaml",
                report.page_id
            ),
        );
        return;
    }
    if web {
        let filling = web_form::Filling {
            user: vars.get("fresh_user").unwrap_or_default().to_owned(),
            password: vars.get("fresh_password").unwrap_or_default().to_owned(),
            email: vars.get("fresh_email").unwrap_or_default().to_owned(),
            captcha_answers: declared_answers.to_vec(),
        };
        let app = web_app::run(
            runtimes,
            program,
            &applied.source,
            &api,
            app_port,
            &filling,
            options.timeout,
        )
        .await;
        let exchanges = proxy.finish().await;
        match app {
            Ok(app) => {
                report.judgement =
                    judge_web::web_app(program, &page.documented_errors, &app, &exchanges);
                report.printed = web_app_lines(&app);
                finish_report(report, &app.ran, &exchanges, &vars);
            }
            Err(err) => {
                report.judgement =
                    Judgement::new(Verdict::Error, format!("cannot run the app: {err}"));
            }
        }
        return;
    }
    let ran = runtimes
        .run(program, &applied.source, &api, options.timeout)
        .await;
    let exchanges = proxy.finish().await;
    let ran = match ran {
        Ok(ran) => ran,
        Err(err) => {
            report.judgement =
                Judgement::new(Verdict::Error, format!("cannot run the program: {err}"));
            return;
        }
    };
    report.judgement = judge::after_running(
        program,
        &page.documented_errors,
        &ran,
        &exchanges,
        options.timeout.as_secs(),
    );
    report.printed = ran.stdout.clone();
    finish_report(report, &ran, &exchanges, &vars);
}

/// The evidence of a run in the report, secrets redacted (`report.printed` as set by the caller).
fn finish_report(
    report: &mut ProgramReport,
    ran: &execute::Ran,
    exchanges: &[proxy::Exchange],
    vars: &Vars,
) {
    let redactor = vars.redactor();
    report.ran = true;
    report.printed = report::redact(redactor, &report.printed);
    report.stderr = report::redact(redactor, &ran.stderr);
    report.duration = ran.duration;
    report.exchanges = exchanges
        .iter()
        .map(|e| Recorded::of(e, redactor))
        .collect();
    report.judgement.reason = report::redact(redactor, &report.judgement.reason);
}

/// What a web app served and answered, for the report (the app's own stdout follows).
fn web_app_lines(app: &web_app::AppRun) -> String {
    let mut lines = Vec::new();
    match &app.served {
        Ok(page) => lines.push(format!(
            "GET / → HTTP {} ({}): {}",
            page.status, page.content_type, page.summary
        )),
        Err(why) => lines.push(format!("GET / → {why}")),
    }
    if let Some(form) = &app.form {
        let names: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
        lines.push(format!(
            "served form: {} {} with fields {}",
            form.method,
            if form.action.is_empty() {
                "/"
            } else {
                &form.action
            },
            names.join(", ")
        ));
    }
    if let Some((fields, answer)) = &app.submitted {
        let sent = web_form::encoded(fields);
        match answer {
            Ok(answer) => lines.push(format!(
                "submitted {sent} → HTTP {} ({}): {}",
                answer.status, answer.content_type, answer.summary
            )),
            Err(why) => lines.push(format!("submitted {sent} → {why}")),
        }
    }
    if !app.ran.stdout.trim().is_empty() {
        lines.push(app.ran.stdout.trim_end().to_owned());
    }
    lines.join("\n") + "\n"
}

/// A quoted http(s) URL in the program whose host is not loopback (the program would reach
/// beyond this machine).
fn off_loopback_url(source: &str) -> Option<String> {
    static QUOTED_URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"["'](https?://[^"'\s]+)["']"#).expect("valid")
    });
    QUOTED_URL.captures_iter(source).find_map(|found| {
        let url = found[1].to_owned();
        let loopback = match url::Url::parse(&url).ok()?.host()? {
            url::Host::Domain(domain) => domain.eq_ignore_ascii_case("localhost"),
            url::Host::Ipv4(ip) => ip.is_loopback(),
            url::Host::Ipv6(ip) => ip.is_loopback(),
        };
        (!loopback).then_some(url)
    })
}
