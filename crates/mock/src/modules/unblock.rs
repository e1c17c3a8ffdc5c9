//! action=unblock (ApiUnblock) for user accounts: one of `id`, `user` (a name, `#id`, an IP or
//! range, which the mock never blocks) or the deprecated `userid`; the `block` right; a blocked
//! performer may lift only their own block or one on their blocker (BlockPermissionChecker);
//! `cantunblock` when no block is in force; `tags` (none may be applied by hand); the result
//! names the lifted block, and where the release has it (`Release::unblock_watchuser`) the
//! `watchuser` flag.

use super::super::blocks::{add_block_details, performer_block_refusal};
use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::store::Block;
use super::super::tokens::TokenType;
use super::super::username::{self, UserParam};

const INFO: ModuleInfo = ModuleInfo {
    name: "unblock",
    must_be_posted: true,
    is_write: true,
    token: Some(("token", TokenType::Csrf)),
};

/// What the request names to unblock.
enum Target {
    /// `id`: a block id.
    BlockId(u64),
    /// An account by id, with its name if it exists (`user=#N`, `userid`).
    AccountId(u64),
    /// A name or an address (`user`), canonical.
    Name(String),
}

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    ctx.pre_execute(&INFO)?;
    // extractRequestParams, in getAllowedParams order.
    let id = integer_param(ctx, "id")?;
    let user = match ctx.req.get("user").map(str::to_string) {
        None => None,
        Some(raw) => Some(user_target(&raw)?),
    };
    let userid = match ctx.req.get("userid").map(str::to_string) {
        None => None,
        Some(raw) => {
            deprecated_userid(ctx, &raw);
            integer_param(ctx, "userid")?
        }
    };
    let reason = ctx.req.get("reason").unwrap_or("").to_string();
    check_tags(ctx)?;
    let watchuser = ctx
        .release()
        .unblock_watchuser
        .then(|| ctx.req.get("watchuser").is_some());

    let given: Vec<&str> = [
        ("id", id.is_some()),
        ("user", user.is_some()),
        ("userid", userid.is_some()),
    ]
    .iter()
    .filter(|(_, set)| *set)
    .map(|(name, _)| *name)
    .collect();
    match given.len() {
        0 => {
            return Err(ApiError::parameter_combination(
                INFO.name,
                "missingparam",
                "apierror-missingparam-one-of",
                &["id", "user", "userid"],
            ));
        }
        1 => {}
        _ => {
            return Err(ApiError::parameter_combination(
                INFO.name,
                "invalidparammix",
                "apierror-invalidparammix",
                &given,
            ));
        }
    }
    if !ctx.user_has_right("block") {
        return Err(ApiError::new(
            INFO.name,
            "permissiondenied",
            Msg::new("apierror-permissiondenied-unblock"),
        ));
    }
    let target = match (id, user, userid) {
        (Some(id), _, _) => Target::BlockId(id),
        (_, Some(target), _) => target,
        (_, _, Some(userid)) => {
            if ctx.store.by_id(userid).is_none() {
                return Err(ApiError::new(
                    INFO.name,
                    "nosuchuserid",
                    Msg::with("apierror-nosuchuserid", vec![Param::Num(userid as i64)]),
                ));
            }
            Target::AccountId(userid)
        }
        (None, None, None) => unreachable!("one of the three parameters was given"),
    };
    check_performer_block(ctx, &target)?;
    let Some(block) = block_of(ctx, &target) else {
        return Err(ApiError::new(
            INFO.name,
            "cantunblock",
            Msg::with(
                "ipb_cant_unblock",
                vec![Param::Text(target_text(ctx, &target))],
            ),
        ));
    };
    ctx.store.remove_block(block.id);
    // The unblock log entry is the performer's recent change.
    if let Some(performer) = ctx.user().map(|a| (a.id, a.name.clone())) {
        ctx.store
            .active_users
            .record_action(performer.0, &performer.1, ctx.now);
    }
    ctx.mark_db_write();
    let mut res = Val::map()
        .with("id", block.id)
        .with("user", block.target_name.as_str())
        .with("userid", block.target_id)
        .with("reason", reason.as_str());
    if let Some(watchuser) = watchuser {
        res.set("watchuser", Val::Bool(watchuser));
    }
    Ok(vec![("unblock".to_string(), res)])
}

/// An integer parameter (`badinteger` unless PHP would read it as one).
fn integer_param(ctx: &Ctx, name: &str) -> Result<Option<u64>, ApiError> {
    let Some(raw) = ctx.req.get(name) else {
        return Ok(None);
    };
    let digits = raw.strip_prefix('+').unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::new(
            INFO.name,
            "badinteger",
            Msg::with(
                "paramvalidator-badinteger",
                vec![Param::Plain(name.into()), Param::Plain(raw.into())],
            ),
        ));
    }
    Ok(Some(digits.parse().unwrap_or(u64::MAX)))
}

/// `user`: a name, `#id`, or an IP address or range (UserDef types name, ip, cidr, id).
fn user_target(raw: &str) -> Result<Target, ApiError> {
    if username::is_ip(raw) || username::is_ip_range(raw) {
        return Ok(Target::Name(raw.to_string()));
    }
    match username::parse_user_param(raw, true) {
        Ok(UserParam::Name(name)) => Ok(Target::Name(name)),
        Ok(UserParam::Id(id)) => Ok(Target::AccountId(id)),
        Err(()) => Err(ApiError::bad_user(INFO.name, "user", raw)),
    }
}

/// The deprecation warning for `userid` (ParamValidator's PARAM_DEPRECATED).
fn deprecated_userid(ctx: &mut Ctx, raw: &str) {
    ctx.warn(
        INFO.name,
        "deprecation",
        Msg::with(
            "paramvalidator-param-deprecated",
            vec![Param::Plain("userid".into()), Param::Plain(raw.into())],
        ),
        Some(Val::map().with("feature", "action=unblock&userid")),
    );
    ctx.warn(
        "main",
        "deprecation-help",
        Msg::new("api-usage-mailinglist-ref"),
        None,
    );
}

/// `tags`: a stock wiki defines no tag that may be applied by hand, so any is `badtags`.
fn check_tags(ctx: &Ctx) -> Result<(), ApiError> {
    let tags = ctx.multi_values(INFO.name, "tags")?.unwrap_or_default();
    if tags.is_empty() {
        return Ok(());
    }
    let msg = match tags.as_slice() {
        [one] => Msg::with("tags-apply-not-allowed-one", vec![Param::Text(one.clone())]),
        many => Msg::with(
            "tags-apply-not-allowed-multi",
            vec![
                Param::TextList(many.to_vec()),
                Param::Num(many.len() as i64),
            ],
        ),
    };
    let mut err = ApiError::new(INFO.name, "badtags", msg);
    let disallowed = tags.iter().map(|t| Val::Str(t.clone())).collect();
    err.data = Some(Box::new(
        Val::map().with("disallowedtags", Val::tagged("t", disallowed)),
    ));
    Err(err)
}

/// The account a target names, if it names one that exists.
fn target_account_id(ctx: &Ctx, target: &Target) -> Option<u64> {
    match target {
        Target::BlockId(_) => None,
        Target::AccountId(id) => ctx.store.by_id(*id).map(|a| a.id),
        Target::Name(name) => ctx.store.by_name(name).map(|a| a.id),
    }
}

/// BlockPermissionChecker::checkBlockPermissions (a blocked performer may lift only their own
/// block or their blocker's); ApiUnblock adds the performer's block as `blockinfo`.
fn check_performer_block(ctx: &Ctx, target: &Target) -> Result<(), ApiError> {
    let Some(performer) = ctx.user() else {
        return Ok(());
    };
    let Some((key, block)) = performer_block_refusal(
        &ctx.store,
        performer,
        target_account_id(ctx, target),
        ctx.user_has_right("unblockself"),
        ctx.now,
    ) else {
        return Ok(());
    };
    let mut details = Val::map();
    add_block_details(&mut details, block, ctx.release());
    let mut err = ApiError::new(INFO.name, key, Msg::new(key));
    err.data = Some(Box::new(Val::map().with("blockinfo", details)));
    Err(err)
}

/// The block in force that the target names.
fn block_of(ctx: &Ctx, target: &Target) -> Option<Block> {
    let block = match target {
        Target::BlockId(id) => ctx.store.active_block_by_id(*id, ctx.now),
        _ => ctx
            .store
            .active_block(target_account_id(ctx, target)?, ctx.now),
    };
    block.cloned()
}

/// How `ipb_cant_unblock` names a target that has no block.
fn target_text(ctx: &Ctx, target: &Target) -> String {
    match target {
        Target::BlockId(id) => format!("#{id}"),
        Target::AccountId(id) => ctx
            .store
            .by_id(*id)
            .map_or_else(|| "Unknown user".to_string(), |a| a.name.clone()),
        Target::Name(name) => name.clone(),
    }
}
