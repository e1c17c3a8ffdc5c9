//! How a block on a user shows outside action=block: the `blockedtext` message a blocked
//! performer gets (BlockErrorFormatter), the block fields `blockinfo` objects carry, and the
//! `blocked` API error of a blocked performer (ApiBase::dieBlocked).

use super::errors::ApiError;
use super::format::Val;
use super::messages::{Msg, Param, Voice};
use super::release::Release;
use super::store::{Account, Block, Store, human_date};
use mwcheck_shared::iso8601;

/// Left-to-right embedding around a user name, as MediaWiki's bidi isolation in messages.
fn embed(name: &str) -> String {
    format!("\u{202a}{name}\u{202c}")
}

/// ApiResult::formatExpiry: ISO 8601, or `infinite`.
pub fn expiry_text(expiry: Option<u64>) -> String {
    expiry.map_or_else(|| "infinite".to_string(), iso8601)
}

/// The `blockedtext` message for a blocked performer (BlockErrorFormatter).
pub fn blocked_text(block: &Block, ip: &str) -> Msg {
    let blocker_link = format!("[[User:{}|{}]]", block.by_name, embed(&block.by_name));
    let reason = if block.reason.is_empty() {
        Msg::new("blockednoreason").text(&Voice::english(""))
    } else {
        block.reason.clone()
    };
    let expiry = match block.expiry {
        None => Msg::new("infiniteblock").text(&Voice::english("")),
        Some(e) => human_date(e),
    };
    Msg::with(
        "blockedtext",
        vec![
            Param::Text(blocker_link),
            Param::Text(reason),
            Param::Text(ip.to_string()),
            Param::Text(embed(&block.by_name)),
            Param::Num(block.id as i64),
            Param::Text(expiry),
            Param::Text(embed(&block.target_name)),
            Param::Text(human_date(block.timestamp)),
        ],
    )
}

/// ApiBase::dieBlocked for a sitewide block: code `blocked`, the block's details as
/// `blockinfo`; the message is `apierror-blocked` or, where the release says so, the full
/// `blockedtext`.
pub fn blocked_error(module: &str, block: &Block, ip: &str, release: &Release) -> ApiError {
    let mut details = Val::map();
    add_block_details(&mut details, block, release);
    let msg = if release.blocked_error_is_blockedtext {
        blocked_text(block, ip)
    } else {
        Msg::new("apierror-blocked")
    };
    let mut err = ApiError::new(module, "blocked", msg);
    err.data = Some(Box::new(Val::map().with("blockinfo", details)));
    err
}

/// BlockPermissionChecker::checkBlockPermissions for a block or unblock by `performer` of the
/// account `target_id` (None: no such account): a performer under a sitewide block may alter
/// only their own block (when they placed it themselves or `may_unblock_self`) or block their
/// blocker. The refusal's message key (`ipbnounblockself`, `ipbblocked`) and the performer's
/// block, or None when the performer may go ahead.
pub fn performer_block_refusal<'s>(
    store: &'s Store,
    performer: &Account,
    target_id: Option<u64>,
    may_unblock_self: bool,
    now: u64,
) -> Option<(&'static str, &'s Block)> {
    let block = store.active_block(performer.id, now)?;
    if target_id == Some(performer.id) {
        if block.by_id == performer.id || may_unblock_self {
            return None;
        }
        return Some(("ipbnounblockself", block));
    }
    if target_id == Some(block.by_id) {
        return None;
    }
    Some(("ipbblocked", block))
}

/// ApiBlockInfoTrait::getBlockDetails: the block fields a `blockinfo` object holds.
pub fn add_block_details(v: &mut Val, block: &Block, release: &Release) {
    v.set("blockid", block.id);
    v.set("blockedby", block.by_name.as_str());
    v.set("blockedbyid", block.by_id);
    v.set("blockreason", block.reason.as_str());
    v.set("blockedtimestamp", iso8601(block.timestamp));
    v.set("blockexpiry", expiry_text(block.expiry));
    v.set("blockpartial", false);
    v.set("blocknocreate", block.nocreate);
    v.set("blockanononly", false);
    if release.blockinfo_email_and_owntalk {
        v.set("blockemail", block.noemail);
        v.set("blockowntalk", !block.allowusertalk);
    }
    v.set("blockedtimestampformatted", human_date(block.timestamp));
    if let Some(e) = block.expiry {
        v.set("blockexpiryformatted", human_date(e));
        v.set("blockexpiryrelative", human_date(e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::{MEDIAWIKI_1_39, MEDIAWIKI_1_43};

    const NOW: u64 = 1_795_405_666; // 2026-11-23T03:47:46Z

    fn block() -> Block {
        Block {
            id: 4,
            target_id: 9,
            target_name: "Bob".into(),
            by_id: 1,
            by_name: "Admin".into(),
            reason: "research".into(),
            timestamp: NOW,
            expiry: None,
            nocreate: true,
            noemail: true,
            allowusertalk: false,
        }
    }

    fn voice_of(release: &'static Release) -> Voice<'static> {
        Voice {
            release: release.account_texts,
            ..Voice::english("TestWiki")
        }
    }

    #[test]
    fn blockedtext_as_each_release_words_it() {
        let msg = blocked_text(&block(), "127.0.0.1");
        let old = msg.text(&voice_of(&MEDIAWIKI_1_39));
        assert!(old.contains("\n* Start of block: 03:47, 23 November 2026\n"));
        assert!(old.contains("Your current IP address is 127.0.0.1, and the block ID is #4.\n"));
        let new = msg.text(&voice_of(&MEDIAWIKI_1_43));
        assert!(new.contains("\n*Start of block: 03:47, 23 November 2026\n"));
        assert!(new.contains("\n*Expiration of block: infinite\n"));
        assert!(new.contains("\n*Intended blockee: \u{202a}Bob\u{202c}\n"));
        assert!(new.contains("Your current IP address is 127.0.0.1. Block ID #4.\nPlease include"));
    }

    #[test]
    fn blocked_error_of_each_release() {
        let old = blocked_error("userrights", &block(), "127.0.0.1", &MEDIAWIKI_1_39);
        assert_eq!(old.msg.key, "apierror-blocked");
        let new = blocked_error("userrights", &block(), "127.0.0.1", &MEDIAWIKI_1_43);
        assert_eq!(
            (new.code.as_str(), new.msg.key.as_str()),
            ("blocked", "blockedtext")
        );
        let info = new.msg.plaintext(&voice_of(&MEDIAWIKI_1_43));
        assert!(
            info.starts_with("Your username or IP address has been blocked. The block was made by")
        );
        assert!(info.contains(" *Start of block: "));
        let blockinfo = new.data.as_ref().and_then(|d| d.get("blockinfo")).cloned();
        let blockinfo = blockinfo.expect("blockinfo");
        assert_eq!(blockinfo.get("blockemail"), Some(&Val::Bool(true)));
        assert_eq!(blockinfo.get("blockowntalk"), Some(&Val::Bool(true)));
        let old_info = old.data.as_ref().and_then(|d| d.get("blockinfo")).cloned();
        assert_eq!(old_info.expect("blockinfo").get("blockemail"), None);
    }
}
