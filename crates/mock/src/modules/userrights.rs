//! action=userrights (ApiUserrights): add and remove a user's explicit groups (no expiry), with
//! the `userrights` token. A performer with the `userrights` right may change every group; for
//! anyone else nothing changes (UserrightsPage drops groups the performer cannot change), and a
//! sitewide-blocked performer without the right gets `blocked`.

use super::super::blocks::add_block_details;
use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::tokens::TokenType;
use super::super::username::UserParam;

const INFO: ModuleInfo = ModuleInfo {
    name: "userrights",
    must_be_posted: true,
    is_write: true,
    token: Some(("token", TokenType::UserRights)),
};

/// The explicit groups of a stock 1.39 wiki (`listAllGroups`).
pub const GROUPS: &[&str] = &["bot", "sysop", "interface-admin", "bureaucrat", "suppress"];

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    // The token's salt is the target user's name (getWebUITokenSalt), so the parameters are read
    // and the target resolved (missingparam, baduser, nosuchuser) before the token is checked.
    let add = ctx
        .multi_enum_param(INFO.name, "add", GROUPS, false)?
        .unwrap_or_default();
    let remove = ctx
        .multi_enum_param(INFO.name, "remove", GROUPS, false)?
        .unwrap_or_default();
    ctx.req.get("reason");
    let target = match ctx.req.get("user").map(str::to_string) {
        None => {
            return Err(ApiError::new(
                INFO.name,
                "missingparam",
                Msg::with(
                    "apierror-missingparam-one-of",
                    vec![
                        Param::TextList(vec![
                            "<var>user</var>".to_string(),
                            "<var>userid</var>".to_string(),
                        ]),
                        Param::Num(2),
                    ],
                ),
            ));
        }
        Some(raw) => match ctx.config.user_name_rules().parse_user_param(&raw, false) {
            Ok(UserParam::Name(n)) => n,
            Ok(UserParam::Id(_)) | Err(()) => {
                return Err(ApiError::bad_user(INFO.name, "user", &raw));
            }
        },
    };
    let Some(account) = ctx.store.by_name(&target).cloned() else {
        return Err(ApiError::new(
            INFO.name,
            "nosuchuser",
            Msg::with("nosuchusershort", vec![Param::Text(target)]),
        ));
    };
    ctx.pre_execute(&INFO)?;
    let performer = ctx.user().cloned();
    let may_change = ctx.user_has_right("userrights");
    if !may_change
        && let Some(p) = &performer
        && let Some(block) = ctx.store.active_block(p.id, ctx.now)
    {
        let mut details = Val::map();
        add_block_details(&mut details, block);
        let mut err = ApiError::new(INFO.name, "blocked", Msg::new("apierror-blocked"));
        err.data = Some(Box::new(Val::map().with("blockinfo", details)));
        return Err(err);
    }
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    if may_change {
        let mut groups = account.groups.clone();
        for g in &remove {
            if let Some(i) = groups.iter().position(|x| x == g) {
                groups.remove(i);
                removed.push(g.clone());
            }
        }
        for g in &add {
            if !groups.contains(g) {
                groups.push(g.clone());
                added.push(g.clone());
            }
        }
        groups.sort();
        if let Some(a) = ctx.store.by_id_mut(account.id) {
            a.groups = groups;
        }
        ctx.mark_db_write();
    }
    let list = |items: &[String]| {
        Val::tagged("group", items.iter().map(|g| Val::Str(g.clone())).collect())
    };
    let res = Val::map()
        .with("user", account.name.as_str())
        .with("userid", account.id)
        .with("added", list(&added))
        .with("removed", list(&removed));
    Ok(vec![("userrights".to_string(), res)])
}
