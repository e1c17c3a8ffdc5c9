//! action=userrights (ApiUserrights): add and remove a user's explicit groups (no expiry), with
//! the `userrights` token. A performer with the `userrights` right may change every group; for
//! anyone else nothing changes (UserrightsPage drops groups the performer cannot change), and a
//! sitewide-blocked performer without the right gets `blocked`.

use super::super::blocks::blocked_error;
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
    // ApiWatchlistTrait's `watchuser` (a presence boolean), where the release has it. The mock
    // keeps no watchlists: watching the user page changes nothing a client of it can see.
    let watchuser = ctx
        .release()
        .userrights_watchuser
        .then(|| ctx.req.get("watchuser").is_some());
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
        // `Name@wiki` names a user of another wiki (UserrightsInterwikiDelimiter; the test
        // wikis' own id is not a name a client would guess: even `my_wiki` is another one);
        // changing it needs `userrights-interwiki`, which no stock group has.
        Some(raw) if raw.contains('@') => {
            let named_wiki = raw.split('@').nth(1).is_some_and(|w| !w.trim().is_empty());
            let (code, key) = if named_wiki {
                ctx.release().userrights_interwiki_denied
            } else {
                ("nointerwikiuserrights", "userrights-no-interwiki")
            };
            return Err(ApiError::new(INFO.name, code, Msg::new(key)));
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
        return Err(blocked_error(
            INFO.name,
            block,
            &ctx.req.ip_name(),
            ctx.release(),
        ));
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
        // A change is logged (`rights`): the performer's recent change.
        if (!added.is_empty() || !removed.is_empty())
            && let Some((id, name)) = ctx.user().map(|a| (a.id, a.name.clone()))
        {
            ctx.store.active_users.record_action(id, &name, ctx.now);
        }
        ctx.mark_db_write();
    }
    let list = |items: &[String]| {
        Val::tagged("group", items.iter().map(|g| Val::Str(g.clone())).collect())
    };
    let mut res = Val::map()
        .with("user", account.name.as_str())
        .with("userid", account.id)
        .with("added", list(&added))
        .with("removed", list(&removed));
    if let Some(watchuser) = watchuser {
        res.set("watchuser", Val::Bool(watchuser));
    }
    Ok(vec![("userrights".to_string(), res)])
}
