//! A step's exchange with the target: the request built from the step (variables filled in,
//! `maxlag` added to api.php requests as the run's pacing says), sent within the pace and
//! retried while the server declines it ([`super::pacing`]), or the outbox read; a transport
//! failure fails the step with its one-line message. A request that can change a wiki is never
//! sent to a target that does not take writes.

use super::http::{Request, Response};
use super::{Failure, ScenarioRun, browse, fail, page};
use crate::scenario::{Action, Capability, HttpRequest, ParamsIn, Step, writes};
use serde_json::Value;

impl ScenarioRun<'_> {
    /// Sends the step's request (or reads the outbox); a transport failure fails the step.
    pub(super) async fn exchange(
        &mut self,
        step: &Step,
    ) -> Result<(Option<Response>, Option<Value>), Failure> {
        let client = self.client(&step.actor).or_else(|m| fail(step.pos, m))?;
        let exchanged = match &step.action {
            Action::Http(request) => {
                let mut request = self.request(request)?;
                // Whatever the scenario declared: a request that can change a wiki never goes to
                // a target that does not take writes.
                if let Some(refused) = self.target.lacks(Capability::Writes) {
                    let sent: Vec<(String, String)> = request
                        .query
                        .iter()
                        .chain(request.form.iter().flatten())
                        .cloned()
                        .collect();
                    if let Some(why) = writes::write_in(&sent) {
                        return fail(
                            step.pos,
                            format!("not sent: {why} can change a wiki; {refused}"),
                        );
                    }
                }
                self.options.pacing.add_maxlag(&mut request);
                let api = self.target.api.clone();
                let response = self.send_paced(step, &client, &api, request).await?;
                (Some(response), None)
            }
            Action::Captcha(id) => {
                let id = self.fill(id)?;
                let (url, request) = page::captcha_answer(&self.target.server, &id);
                let response = self.send_paced(step, &client, &url, request).await?;
                (Some(response), None)
            }
            Action::Fetch(path) => {
                let path = self.fill(path)?;
                let (url, request) =
                    page::fetch(&self.target.server, &path).or_else(|m| fail(step.pos, m))?;
                let response = self.send_paced(step, &client, &url, request).await?;
                (Some(response), None)
            }
            Action::Browse { url, until } => {
                let (url, until) = (self.fill(url)?, self.fill(until)?);
                let walked = browse::follow(
                    &client,
                    &self.target.server,
                    &url,
                    &until,
                    &self.options.http,
                )
                .await
                .or_else(|m| fail(step.pos, m))?;
                (None, Some(walked))
            }
            Action::Mail(query) => {
                let to = self.fill(&query.to)?;
                let Some(outbox) = &self.target.outbox else {
                    return fail(step.pos, "the target has no outbox");
                };
                let mails = outbox
                    .wait_for(
                        &client,
                        self.mail_baseline,
                        &to,
                        query.count,
                        &self.options.mail,
                    )
                    .await
                    .or_else(|m| fail(step.pos, m))?;
                (None, Some(mails))
            }
        };
        Ok(exchanged)
    }

    /// Sends a request to the target within the run's pace, keeping it for a failure's detail
    /// and any retries for the reports.
    async fn send_paced(
        &mut self,
        step: &Step,
        client: &reqwest::Client,
        url: &str,
        request: Request,
    ) -> Result<Response, Failure> {
        let sent = self
            .options
            .pacing
            .send(
                client,
                url,
                &request,
                &self.options.http,
                step.number,
                &mut self.retries,
            )
            .await;
        self.trace.request = Some((url.to_owned(), request));
        if let Ok(response) = &sent {
            // A session the wiki hands out is a secret wherever it shows up again (a server
            // echoing it in a body, say).
            for value in session_cookie_values(response) {
                self.vars.add_secret(value);
            }
        }
        sent.or_else(|m| fail(step.pos, m))
    }

    pub(super) fn request(&self, spec: &HttpRequest) -> Result<Request, Failure> {
        let params = self.fill_all(&spec.params)?;
        let (default_method, query, form) = match spec.params_in {
            ParamsIn::Query => (reqwest::Method::GET, params, None),
            ParamsIn::Body => (
                reqwest::Method::POST,
                self.fill_all(&spec.query)?,
                Some(params),
            ),
        };
        let method = match &spec.method {
            Some(name) => reqwest::Method::from_bytes(name.as_bytes()).unwrap_or(default_method),
            None => default_method,
        };
        Ok(Request {
            method,
            query,
            form,
            multipart: spec.multipart,
            headers: self.fill_all(&spec.headers)?,
        })
    }
}

/// The values of the cookies a response sets whose names say they are secrets (as for parameters
/// and headers: `<prefix>_session`, `<prefix>_BPsession`, `<prefix>Token`); deletions are not.
fn session_cookie_values(response: &Response) -> impl Iterator<Item = &str> {
    response
        .headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|header| header.to_str().ok())
        .filter_map(|cookie| {
            let pair = cookie.split(';').next()?;
            let (name, value) = pair.split_once('=')?;
            let value = value.trim();
            let secret = super::detail::secret_name(name.trim());
            (secret && !value.is_empty() && value != "deleted").then_some(value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_and_token_cookie_values_are_secrets_and_deletions_are_not() {
        let mut headers = reqwest::header::HeaderMap::new();
        for cookie in [
            "my_wiki_session=abcdefgh12345678; path=/; HttpOnly",
            "my_wikiUserName=Admin; path=/",
            "my_wikiToken=tok3n-value; path=/",
            "my_wiki_BPsession=deleted; Max-Age=0; path=/",
        ] {
            headers.append(reqwest::header::SET_COOKIE, cookie.parse().unwrap());
        }
        let response = Response {
            status: 200,
            headers,
            body: Vec::new(),
        };
        let values: Vec<&str> = session_cookie_values(&response).collect();
        assert_eq!(values, ["abcdefgh12345678", "tok3n-value"]);
    }
}
