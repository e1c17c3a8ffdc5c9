//! action=edit, the part a client of the account modules needs: saving a page's whole text
//! (`title`, `text`, `summary`, the csrf `token`), which on a wiki with temporary accounts is how
//! an anonymous client gets one (`tempusercreated`: the account is created and the session logged
//! in to it). The other ways of editing (sections, append/prepend, undo, page ids, conflict
//! detection, watchlist parameters, rate limits, blocks, captchas) are not served; their
//! parameters are unrecognised here. Served where the release has temporary accounts.

use super::super::authentication::log_in;
use super::super::context::{Ctx, ModuleInfo};
use super::super::errors::ApiError;
use super::super::format::Val;
use super::super::installation::NAMESPACES;
use super::super::messages::{Msg, Param, escape_wikitext};
use super::super::pages::Saved;
use super::super::temp_users::{self, Acquired};
use super::super::tokens::TokenType;
use super::super::username::parse_title;

const INFO: ModuleInfo = ModuleInfo {
    name: "edit",
    must_be_posted: true,
    is_write: true,
    token: Some(("token", TokenType::Csrf)),
};

/// The namespace of interface messages: only `editinterface` may edit it.
const NS_MEDIAWIKI: i32 = 8;

pub fn run(ctx: &mut Ctx) -> Result<Vec<(String, Val)>, ApiError> {
    ctx.pre_execute(&INFO)?;
    let text = ctx.req.get("text").map(str::to_string);
    let raw_title = ctx.req.get("title").map(str::to_string);
    ctx.req.get("summary");
    let Some(text) = text else {
        return Err(missing_one_of(
            "apierror-missingparam-at-least-one-of",
            &["text", "appendtext", "prependtext", "undo"],
        ));
    };
    let Some(raw_title) = raw_title else {
        return Err(missing_one_of(
            "apierror-missingparam-one-of",
            &["title", "pageid"],
        ));
    };
    let title = parse_title(&raw_title, 0, ctx.config.user_name_rules())
        .ok()
        .filter(|t| t.interwiki.is_empty() && !t.dbkey.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                INFO.name,
                "invalidtitle",
                Msg::with(
                    "apierror-invalidtitle",
                    vec![Param::Text(escape_wikitext(
                        &raw_title,
                        ctx.release().wikitext_escape,
                    ))],
                ),
            )
        })?;
    if title.namespace < 0 {
        return Err(ApiError::new(
            INFO.name,
            "pagecannotexist",
            Msg::new("apierror-pagecannotexist"),
        ));
    }
    if title.namespace == NS_MEDIAWIKI && !ctx.user_has_right("editinterface") {
        return Err(ApiError::new(
            INFO.name,
            "protectednamespace-interface",
            Msg::with("protectedinterface", vec![Param::Text("edit".into())]),
        ));
    }
    // EditPage::maybeActivateTempUserCreate, then the save creates the account and logs in.
    let mut temp_user_created = false;
    if let Some(enabled) = temp_users::enabled(ctx.config)
        && ctx.user().is_none()
        && ctx.may_create_accounts()
    {
        let ip = ctx.req.ip_name();
        let name = match temp_users::acquire_and_stash(
            &mut ctx.session,
            &mut ctx.store,
            enabled,
            &ip,
            ctx.now,
        ) {
            Acquired::Stashed(name) | Acquired::New(name) => name,
            Acquired::Failed => {
                return Err(ApiError::new(
                    INFO.name,
                    "tempuseracquirefailed",
                    Msg::new("apierror-tempuseracquirefailed"),
                ));
            }
        };
        if let Some(user_id) =
            temp_users::create_account(&mut ctx.store, &mut ctx.session, &name, ctx.now)
        {
            log_in(ctx, user_id, true);
            temp_user_created = true;
        }
    }
    let author = ctx.user().map(|a| (a.id, a.name.clone()));
    let saved = ctx.store.pages.save(
        title.namespace,
        &title.dbkey,
        &text,
        author.as_ref().map(|(id, _)| *id),
        ctx.now,
    );
    if let Some((id, name)) = &author
        && !matches!(saved, Saved::Unchanged { .. })
    {
        ctx.store.active_users.record_action(*id, name, ctx.now);
    }
    let mut result = Val::map();
    if matches!(saved, Saved::Created { .. }) {
        result.set("new", true);
    }
    result.set("result", "Success");
    let page_id = match saved {
        Saved::Created { page_id, .. }
        | Saved::Updated { page_id, .. }
        | Saved::Unchanged { page_id } => page_id,
    };
    result.set("pageid", page_id);
    result.set(
        "title",
        prefixed_text(title.namespace, &title.text(), ctx.sitename()),
    );
    result.set("contentmodel", "wikitext");
    match saved {
        Saved::Unchanged { .. } => result.set("nochange", true),
        Saved::Created { rev_id, .. } | Saved::Updated { rev_id, .. } => {
            let old = match saved {
                Saved::Updated { old_rev_id, .. } => old_rev_id,
                _ => 0,
            };
            result.set("oldrevid", old);
            result.set("newrevid", rev_id);
            result.set("newtimestamp", mwcheck_shared::iso8601(ctx.now));
            ctx.mark_db_write();
        }
    }
    // The stock preferences watch created and edited pages (watchcreations, watchdefault).
    result.set("watched", true);
    if temp_user_created {
        result.set("tempusercreated", true);
    }
    ctx.session.persist();
    Ok(vec![(INFO.name.to_string(), result)])
}

fn missing_one_of(key: &str, names: &[&str]) -> ApiError {
    ApiError::parameter_combination(INFO.name, "missingparam", key, names)
}

/// Title::getPrefixedText: the namespace's local name and the title text.
fn prefixed_text(namespace: i32, text: &str, sitename: &str) -> String {
    match NAMESPACES.iter().find(|n| n.id == i64::from(namespace)) {
        Some(ns) if namespace != 0 => format!("{}:{text}", ns.local_name(sitename)),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_show_their_namespace() {
        assert_eq!(prefixed_text(0, "Foo", "TestWiki"), "Foo");
        assert_eq!(prefixed_text(1, "Foo", "TestWiki"), "Talk:Foo");
        assert_eq!(prefixed_text(5, "Foo", "TestWiki"), "TestWiki talk:Foo");
    }
}
