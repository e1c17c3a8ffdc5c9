//! action=acquiretempusername (MediaWiki 1.43+, a POSTed write module without a token): hands an
//! anonymous session the temporary account name it will get (`~2026-1`), the same one on every
//! later call. Errors, in MediaWiki's order: `tempuserdisabled` (temporary accounts off),
//! `alreadyregistered` (logged in, temporary users included), `permissiondenied` (no
//! `createaccount` right), `tempuseracquirefailed` (throttled, or the name is taken).

use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::temp_users::{self, Acquired};

const INFO: ModuleInfo = ModuleInfo {
    name: "acquiretempusername",
    must_be_posted: true,
    is_write: true,
    token: None,
};

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    ctx.pre_execute(&INFO)?;
    let fail = |code: &str, key: &str| ApiError::new(INFO.name, code, Msg::new(key));
    let config = ctx.config;
    let Some(enabled) = temp_users::enabled(config) else {
        return Err(fail("tempuserdisabled", "apierror-tempuserdisabled"));
    };
    if ctx.user().is_some() {
        return Err(fail("alreadyregistered", "apierror-alreadyregistered"));
    }
    if !ctx.may_create_accounts() {
        return Err(ApiError::new(
            INFO.name,
            "permissiondenied",
            Msg::with(
                "apierror-permissiondenied",
                vec![Param::Message(Box::new(Msg::new("action-createaccount")))],
            ),
        ));
    }
    let ip = ctx.req.ip_name();
    let acquired =
        temp_users::acquire_and_stash(&mut ctx.session, &mut ctx.store, enabled, &ip, ctx.now);
    let name = match acquired {
        Acquired::Stashed(name) => name,
        Acquired::New(name) => {
            ctx.mark_db_write();
            name
        }
        Acquired::Failed => {
            return Err(fail(
                "tempuseracquirefailed",
                "apierror-tempuseracquirefailed",
            ));
        }
    };
    ctx.session.persist();
    Ok(vec![(INFO.name.to_string(), Val::Str(name))])
}
