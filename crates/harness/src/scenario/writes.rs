//! Which requests can change a wiki, decided from the request itself rather than from what a
//! scenario declares: the API modules that create accounts, send mail, block, change rights,
//! preferences, pages or credentials (MediaWiki's write-mode modules), and a clientlogin
//! continuation that sets a new password. Unknown actions (from a variable) count as writes.

use super::{Action, HttpRequest, Scenario, Step};

/// `action=` values that change a wiki (or send mail) when a wiki accepts them.
pub const WRITE_ACTIONS: &[&str] = &[
    "acquiretempusername",
    "block",
    "changeauthenticationdata",
    "changecontentmodel",
    "createaccount",
    "delete",
    "edit",
    "emailuser",
    "import",
    "linkaccount",
    "managetags",
    "mergehistory",
    "move",
    "options",
    "patrol",
    "protect",
    "removeauthenticationdata",
    "resetpassword",
    "revisiondelete",
    "rollback",
    "setpagelanguage",
    "tag",
    "unblock",
    "undelete",
    "unlinkaccount",
    "upload",
    "userrights",
    "watch",
];

/// Why a request with these parameters (name, value as sent) can change a wiki: the action it
/// runs; `None` for a read.
pub fn write_in(params: &[(String, String)]) -> Option<String> {
    let value = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let action = value("action")?;
    if WRITE_ACTIONS.contains(&action) {
        return Some(format!("action={action}"));
    }
    // A login continuation answering a password-change request sets a new password.
    let sets_password = action == "clientlogin"
        && value("logincontinue").is_some()
        && value("password").is_some()
        && value("retype").is_some();
    sets_password.then(|| "action=clientlogin setting a new password".to_owned())
}

/// Why a step's request, as written, can change a wiki; a request whose action comes from a
/// variable counts as one (what it sends is only known when it is sent).
pub fn step_write(request: &HttpRequest) -> Option<String> {
    let params: Vec<(String, String)> = request
        .params
        .iter()
        .chain(&request.query)
        .map(|(name, text)| (name.clone(), text.text.clone()))
        .collect();
    if let Some((_, action)) = params.iter().find(|(n, _)| n == "action")
        && action.contains("{{")
    {
        return Some(format!("action={action} (from a variable)"));
    }
    write_in(&params)
}

impl Scenario {
    /// The first step that sends a request that can change a wiki, and why.
    pub fn first_write(&self) -> Option<(&Step, String)> {
        self.steps.iter().find_map(|step| match &step.action {
            Action::Http(request) => step_write(request).map(|why| (step, why)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::write_in;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn writes_are_told_by_the_action() {
        assert_eq!(
            write_in(&params(&[("action", "createaccount"), ("username", "X")])).as_deref(),
            Some("action=createaccount")
        );
        assert_eq!(
            write_in(&params(&[("action", "resetpassword")])).as_deref(),
            Some("action=resetpassword")
        );
        assert_eq!(
            write_in(&params(&[("action", "query"), ("meta", "tokens")])),
            None
        );
        assert_eq!(write_in(&params(&[("action", "validatepassword")])), None);
        assert_eq!(write_in(&params(&[("action", "clientlogin")])), None);
        assert_eq!(
            write_in(&params(&[
                ("action", "clientlogin"),
                ("logincontinue", "1"),
                ("password", "p"),
                ("retype", "p")
            ]))
            .as_deref(),
            Some("action=clientlogin setting a new password")
        );
        assert_eq!(write_in(&params(&[("format", "json")])), None);
    }
}
