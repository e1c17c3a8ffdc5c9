//! action=block (ApiBlock) for user accounts: the `block` right, the target, the expiry
//! (`infinite` or a strtotime-style relative time), `alreadyblocked`/`reblock`, the response
//! (how a block shows elsewhere is `blocks`).
//! IP and range targets are not supported (the mock answers `nosuchuser` for them).

use super::super::blocks::{expiry_text, performer_block_refusal};
use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::messages::{Msg, Param};
use super::super::store::Block;
use super::super::tokens::TokenType;
use super::super::username::UserParam;
use mwcheck_shared::civil;

const INFO: ModuleInfo = ModuleInfo {
    name: "block",
    must_be_posted: true,
    is_write: true,
    token: Some(("token", TokenType::Csrf)),
};

/// Days since 1970-01-01 of a proleptic Gregorian date (month may be any value: it is
/// normalised into years first, and the day may overflow the month, as PHP's mktime allows).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = year + (month - 1).div_euclid(12);
    let month = (month - 1).rem_euclid(12) + 1;
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + day - 1
}

/// An `expiry` value that is neither infinite nor a time MediaWiki understands.
#[derive(Debug, PartialEq, Eq)]
pub struct InvalidExpiry;

/// The parsed `expiry` parameter: `Ok(None)` is infinite.
/// Accepts `infinite`/`indefinite`/`infinity`/`never` and relative times such as `1 day`,
/// `2 weeks`, `-1 hour`, `3 months` (strtotime semantics: months and years keep the day of month
/// and let it overflow).
pub fn parse_expiry(raw: &str, now: u64) -> Result<Option<u64>, InvalidExpiry> {
    let text = raw.trim().to_ascii_lowercase();
    if matches!(
        text.as_str(),
        "infinite" | "indefinite" | "infinity" | "never"
    ) {
        return Ok(None);
    }
    let (number, unit) = match text.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (text[..i].trim(), text[i..].trim()),
        None => return Err(InvalidExpiry),
    };
    let count: i64 = match number {
        "" => 1,
        n => n
            .trim_start_matches('+')
            .replace(' ', "")
            .parse()
            .map_err(|_| InvalidExpiry)?,
    };
    let unit = unit.strip_suffix('s').unwrap_or(unit);
    let seconds_per = match unit {
        "sec" | "second" => Some(1),
        "min" | "minute" => Some(60),
        "hour" => Some(3600),
        "day" => Some(86_400),
        "week" => Some(7 * 86_400),
        "fortnight" => Some(14 * 86_400),
        "month" | "year" => None,
        _ => return Err(InvalidExpiry),
    };
    let now_i = now as i64;
    let target = match seconds_per {
        Some(per) => count.checked_mul(per).and_then(|d| now_i.checked_add(d)),
        None => {
            let months = if unit == "year" {
                count.checked_mul(12)
            } else {
                Some(count)
            };
            let (y, mo, d, _, _, _) = civil(now);
            months.and_then(|m| {
                let days = days_from_civil(y, i64::from(mo) + m, i64::from(d));
                days.checked_mul(86_400)
                    .and_then(|s| s.checked_add(now_i.rem_euclid(86_400)))
            })
        }
    };
    match target {
        Some(t) if t >= 0 => Ok(Some(t as u64)),
        // Before 1970: certainly in the past.
        Some(_) => Ok(Some(0)),
        None => Err(InvalidExpiry),
    }
}

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    // ApiMain checks the token first; ApiBlock::execute then checks the right, then reads its
    // parameters.
    ctx.pre_execute(&INFO)?;
    let performer = ctx.user().cloned();
    let may_block = ctx.user_has_right("block");
    let Some(performer) = performer.filter(|_| may_block) else {
        return Err(ApiError::new(
            INFO.name,
            "permissiondenied",
            Msg::with(
                "apierror-permissiondenied",
                vec![Param::Message(Box::new(Msg::new("action-block")))],
            ),
        ));
    };
    let raw_user = ctx.req.get("user").map(str::to_string);
    let expiry_raw = ctx.req.get("expiry").unwrap_or("never").to_string();
    let reason = ctx.req.get("reason").unwrap_or("").to_string();
    let flag = |name: &str| ctx.req.get(name).is_some();
    let (nocreate, noemail, allowusertalk, reblock) = (
        flag("nocreate"),
        flag("noemail"),
        flag("allowusertalk"),
        flag("reblock"),
    );
    let target = match raw_user.as_deref() {
        None => return Err(ApiError::missing_param(INFO.name, "user")),
        Some(raw) => match ctx.config.user_name_rules().parse_user_param(raw, true) {
            Ok(UserParam::Name(n)) => n,
            Ok(UserParam::Id(_)) | Err(()) => {
                return Err(ApiError::bad_user(INFO.name, "user", raw));
            }
        },
    };
    // BlockUser::placeBlock checks the performer's own block before it looks at the target.
    let target_id = ctx.store.by_name(&target).map(|a| a.id);
    if let Some((key, _)) = performer_block_refusal(
        &ctx.store,
        &performer,
        target_id,
        ctx.user_has_right("unblockself"),
        ctx.now,
    ) {
        return Err(ApiError::new(INFO.name, key, Msg::new(key)));
    }
    let Some(account) = ctx.store.by_name(&target).cloned() else {
        return Err(ApiError::new(
            INFO.name,
            "nosuchuser",
            Msg::with("nosuchusershort", vec![Param::Text(target)]),
        ));
    };
    let expiry = parse_expiry(&expiry_raw, ctx.now).map_err(|InvalidExpiry| {
        ApiError::new(INFO.name, "invalidexpiry", Msg::new("ipb_expiry_invalid"))
    })?;
    if expiry.is_some_and(|e| e <= ctx.now) {
        return Err(ApiError::new(
            INFO.name,
            "ipb_expiry_old",
            Msg::new("ipb_expiry_old"),
        ));
    }
    // A block in force is kept unless `reblock`, and even then when the new block would be the
    // same (DatabaseBlock::equals, on the fields the mock keeps).
    let same_as_prior = |prior: &Block| {
        prior.reason == reason
            && prior.expiry == expiry
            && prior.nocreate == nocreate
            && prior.noemail == noemail
            && prior.allowusertalk == allowusertalk
    };
    if ctx
        .store
        .active_block(account.id, ctx.now)
        .is_some_and(|prior| !reblock || same_as_prior(prior))
    {
        return Err(ApiError::new(
            INFO.name,
            "alreadyblocked",
            Msg::with("ipb_already_blocked", vec![Param::Text(account.name)]),
        ));
    }
    let block = ctx.store.place_block(Block {
        id: 0,
        target_id: account.id,
        target_name: account.name.clone(),
        by_id: performer.id,
        by_name: performer.name.clone(),
        reason: reason.clone(),
        timestamp: ctx.now,
        expiry,
        nocreate,
        noemail,
        allowusertalk,
    });
    // The block log entry is the performer's recent change.
    ctx.store
        .active_users
        .record_action(performer.id, &performer.name, ctx.now);
    ctx.mark_db_write();
    let res = Val::map()
        .with("user", account.name.as_str())
        .with("userID", account.id)
        .with("expiry", expiry_text(block.expiry))
        .with("id", block.id)
        .with("reason", reason.as_str())
        .with("anononly", false)
        .with("nocreate", nocreate)
        .with("autoblock", false)
        .with("noemail", noemail)
        .with("hidename", false)
        .with("allowusertalk", allowusertalk)
        .with("watchuser", false)
        .with("partial", false)
        .with("pagerestrictions", Val::Null)
        .with("namespacerestrictions", Val::Null);
    Ok(vec![("block".to_string(), res)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::blocked_text;
    use crate::messages::Voice;
    use crate::store::human_date;
    use mwcheck_shared::iso8601;

    const NOW: u64 = 1_795_405_666; // 2026-11-23T03:47:46Z

    #[test]
    fn dates_in_the_user_format() {
        assert_eq!(human_date(NOW), "03:47, 23 November 2026");
        assert_eq!(human_date(951_782_400), "00:00, 29 February 2000");
    }

    #[test]
    fn expiries() {
        assert_eq!(parse_expiry("infinite", NOW), Ok(None));
        assert_eq!(parse_expiry("Never", NOW), Ok(None));
        assert_eq!(parse_expiry("1 day", NOW), Ok(Some(NOW + 86_400)));
        assert_eq!(parse_expiry("2 weeks", NOW), Ok(Some(NOW + 14 * 86_400)));
        assert_eq!(parse_expiry("-1 hour", NOW), Ok(Some(NOW - 3600)));
        assert_eq!(
            parse_expiry("1 month", NOW).map(|e| e.map(iso8601)),
            Ok(Some("2026-12-23T03:47:46Z".to_string()))
        );
        assert_eq!(
            parse_expiry("3 months", NOW).map(|e| e.map(iso8601)),
            Ok(Some("2027-02-23T03:47:46Z".to_string()))
        );
        // 31 January + 1 month overflows into March, as strtotime does.
        assert_eq!(
            parse_expiry("1 month", days_from_civil(2027, 1, 31) as u64 * 86_400)
                .map(|e| e.map(iso8601)),
            Ok(Some("2027-03-03T00:00:00Z".to_string()))
        );
        assert_eq!(parse_expiry("garbage", NOW), Err(InvalidExpiry));
        assert_eq!(parse_expiry("", NOW), Err(InvalidExpiry));
        assert_eq!(
            parse_expiry("1 fortnights", NOW),
            Ok(Some(NOW + 14 * 86_400))
        );
    }

    #[test]
    fn blocked_text_params() {
        let block = Block {
            id: 4,
            target_id: 9,
            target_name: "Bob".into(),
            by_id: 1,
            by_name: "Admin".into(),
            reason: String::new(),
            timestamp: NOW,
            expiry: None,
            nocreate: true,
            noemail: false,
            allowusertalk: false,
        };
        let text = blocked_text(&block, "127.0.0.1").text(&Voice::english("TestWiki"));
        assert!(text.contains("The block was made by [[User:Admin|\u{202a}Admin\u{202c}]]."));
        assert!(text.contains("The reason given is <em>no reason given</em>."));
        assert!(text.contains("* Expiration of block: infinite\n"));
        assert!(text.contains("[[TestWiki:Administrators|administrator]]"));
        assert!(text.contains("\"Email this user\" feature"));
        assert!(text.contains("127.0.0.1, and the block ID is #4."));
    }
}
