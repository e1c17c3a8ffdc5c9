//! The API modules, one file each: parse the parameters, apply, render. action=query's meta
//! modules are its children (`query/`). [`ACTION_MODULES`] is API main's dispatch table: the
//! action names `api_names::ACTIONS` lists, each with the function that runs it.

pub mod acquiretempusername;
pub mod block;
pub mod checktoken;
pub mod clientlogin;
pub mod createaccount;
pub mod createaccount_legacy;
pub mod edit;
pub mod login;
pub mod logout;
pub mod options;
pub mod paraminfo;
pub mod query;
pub mod resetpassword;
pub mod unblock;
pub mod userrights;
pub mod validatepassword;

use super::context::Ctx;
use super::errors::ApiError;
use super::format::Val;

/// What an action module returns: its result's top-level members, in order.
pub type ModuleResult = Result<Vec<(String, Val)>, ApiError>;

/// One action module as API main dispatches it.
pub struct ActionModule {
    /// The `action` value.
    pub name: &'static str,
    pub run: fn(&mut Ctx) -> ModuleResult,
    /// It never hashes or verifies a password (the HTTP layer answers it on the async worker
    /// rather than on the blocking pool).
    pub never_hashes: bool,
}

/// Every action module, by name (the releases' `actions` and `api_names::TEMP_ACCOUNT_EDIT`;
/// `Release::serves_action` says which exist in a release).
pub const ACTION_MODULES: &[ActionModule] = &[
    module("acquiretempusername", acquiretempusername::run, true),
    module("block", block::run, false),
    module("checktoken", checktoken::run, true),
    module("clientlogin", clientlogin::run, false),
    module("createaccount", createaccount_of_the_profile, false),
    module("edit", edit::run, true),
    module("login", login::run, false),
    module("logout", logout::run, true),
    module("options", options::run, true),
    module("paraminfo", paraminfo::run, true),
    module("query", query::run, true),
    module("resetpassword", resetpassword::run, false),
    module("unblock", unblock::run, true),
    module("userrights", userrights::run, false),
    module("validatepassword", validatepassword::run, true),
];

const fn module(
    name: &'static str,
    run: fn(&mut Ctx) -> ModuleResult,
    never_hashes: bool,
) -> ActionModule {
    ActionModule {
        name,
        run,
        never_hashes,
    }
}

/// The action module called `name`.
pub fn action_module(name: &str) -> Option<&'static ActionModule> {
    ACTION_MODULES.iter().find(|m| m.name == name)
}

/// action=createaccount as the wiki's profile has it: the legacy 1.21 module, or AuthManager's.
fn createaccount_of_the_profile(ctx: &mut Ctx) -> ModuleResult {
    if ctx.config.legacy_1_21 {
        createaccount_legacy::run(ctx)
    } else {
        createaccount::run(ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_action_once() {
        use super::super::api_names::{ACTIONS_1_43, TEMP_ACCOUNT_EDIT};
        use super::super::release::RELEASES;
        let mut names: Vec<&str> = ACTION_MODULES.iter().map(|m| m.name).collect();
        names.sort_unstable();
        let mut listed: Vec<&str> = ACTIONS_1_43.to_vec();
        listed.push(TEMP_ACCOUNT_EDIT);
        listed.sort_unstable();
        // Every release's modules are among them.
        for release in RELEASES {
            assert!(release.actions.iter().all(|a| listed.contains(a)));
        }
        assert_eq!(names, listed);
    }
}
