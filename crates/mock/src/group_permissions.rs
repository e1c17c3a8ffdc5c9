//! The stock `$wgGroupPermissions` of each MediaWiki release line, as data the release rows
//! point to (`release.rs`); `rights.rs` reads them.

/// A release's group permissions.
#[derive(Debug)]
pub struct GroupPermissions {
    /// Group -> rights granted, in definition order.
    pub groups: &'static [(&'static str, &'static [&'static str])],
}

/// MediaWiki 1.39's stock groups.
pub const STOCK_1_39: GroupPermissions = GroupPermissions {
    groups: &[
        (
            "*",
            &[
                "createaccount",
                "read",
                "edit",
                "createpage",
                "createtalk",
                "writeapi",
                "viewmywatchlist",
                "editmywatchlist",
                "viewmyprivateinfo",
                "editmyprivateinfo",
                "editmyoptions",
            ],
        ),
        (
            "user",
            &[
                "move",
                "move-subpages",
                "move-rootuserpages",
                "move-categorypages",
                "movefile",
                "read",
                "edit",
                "createpage",
                "createtalk",
                "writeapi",
                "upload",
                "reupload",
                "reupload-shared",
                "minoredit",
                "editmyusercss",
                "editmyuserjson",
                "editmyuserjs",
                "editmyuserjsredirect",
                "purge",
                "sendemail",
                "applychangetags",
                "changetags",
                "editcontentmodel",
            ],
        ),
        ("autoconfirmed", &["autoconfirmed", "editsemiprotected"]),
        (
            "bot",
            &[
                "bot",
                "autoconfirmed",
                "editsemiprotected",
                "nominornewtalk",
                "autopatrol",
                "suppressredirect",
                "apihighlimits",
                "writeapi",
            ],
        ),
        (
            "sysop",
            &[
                "block",
                "createaccount",
                "delete",
                "bigdelete",
                "deletedhistory",
                "deletedtext",
                "undelete",
                "editinterface",
                "editsitejson",
                "edituserjson",
                "import",
                "importupload",
                "move",
                "move-subpages",
                "move-rootuserpages",
                "move-categorypages",
                "patrol",
                "autopatrol",
                "protect",
                "editprotected",
                "rollback",
                "upload",
                "reupload",
                "reupload-shared",
                "unwatchedpages",
                "autoconfirmed",
                "editsemiprotected",
                "ipblock-exempt",
                "blockemail",
                "markbotedits",
                "apihighlimits",
                "browsearchive",
                "noratelimit",
                "movefile",
                "unblockself",
                "suppressredirect",
                "mergehistory",
                "managechangetags",
                "deletechangetags",
            ],
        ),
        (
            "interface-admin",
            &[
                "editinterface",
                "editsitecss",
                "editsitejson",
                "editsitejs",
                "editusercss",
                "edituserjson",
                "edituserjs",
            ],
        ),
        ("bureaucrat", &["userrights", "noratelimit"]),
        (
            "suppress",
            &[
                "hideuser",
                "suppressrevision",
                "viewsuppressed",
                "suppressionlog",
                "deleterevision",
                "deletelogentry",
            ],
        ),
    ],
};

/// MediaWiki 1.43's stock groups: no `writeapi`; `purge` became implicit (granted to everyone,
/// listed nowhere); the watchlist rights moved from `*` to `user`; bureaucrats can rename users.
pub const STOCK_1_43: GroupPermissions = GroupPermissions {
    groups: &[
        (
            "*",
            &[
                "createaccount",
                "read",
                "edit",
                "createpage",
                "createtalk",
                "viewmyprivateinfo",
                "editmyprivateinfo",
                "editmyoptions",
            ],
        ),
        (
            "user",
            &[
                "move",
                "move-subpages",
                "move-rootuserpages",
                "move-categorypages",
                "movefile",
                "read",
                "edit",
                "createpage",
                "createtalk",
                "upload",
                "reupload",
                "reupload-shared",
                "minoredit",
                "editmyusercss",
                "editmyuserjson",
                "editmyuserjs",
                "editmyuserjsredirect",
                "sendemail",
                "applychangetags",
                "changetags",
                "editcontentmodel",
                "viewmywatchlist",
                "editmywatchlist",
            ],
        ),
        ("autoconfirmed", &["autoconfirmed", "editsemiprotected"]),
        (
            "bot",
            &[
                "bot",
                "autoconfirmed",
                "editsemiprotected",
                "nominornewtalk",
                "autopatrol",
                "suppressredirect",
                "apihighlimits",
            ],
        ),
        (
            "sysop",
            &[
                "block",
                "createaccount",
                "delete",
                "bigdelete",
                "deletedhistory",
                "deletedtext",
                "undelete",
                "editinterface",
                "editsitejson",
                "edituserjson",
                "import",
                "importupload",
                "move",
                "move-subpages",
                "move-rootuserpages",
                "move-categorypages",
                "patrol",
                "autopatrol",
                "protect",
                "editprotected",
                "rollback",
                "upload",
                "reupload",
                "reupload-shared",
                "unwatchedpages",
                "autoconfirmed",
                "editsemiprotected",
                "ipblock-exempt",
                "blockemail",
                "markbotedits",
                "apihighlimits",
                "browsearchive",
                "noratelimit",
                "movefile",
                "unblockself",
                "suppressredirect",
                "mergehistory",
                "managechangetags",
                "deletechangetags",
            ],
        ),
        (
            "interface-admin",
            &[
                "editinterface",
                "editsitecss",
                "editsitejson",
                "editsitejs",
                "editusercss",
                "edituserjson",
                "edituserjs",
            ],
        ),
        ("bureaucrat", &["userrights", "noratelimit", "renameuser"]),
        (
            "suppress",
            &[
                "hideuser",
                "suppressrevision",
                "viewsuppressed",
                "suppressionlog",
                "deleterevision",
                "deletelogentry",
            ],
        ),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    fn rights_of(stock: &GroupPermissions, group: &str) -> Vec<&'static str> {
        stock
            .groups
            .iter()
            .find(|(name, _)| *name == group)
            .map(|(_, rights)| rights.to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn the_same_groups_in_both_releases() {
        let names = |stock: &GroupPermissions| -> Vec<&str> {
            stock.groups.iter().map(|(name, _)| *name).collect()
        };
        assert_eq!(names(&STOCK_1_39), names(&STOCK_1_43));
    }

    #[test]
    fn writeapi_and_purge_are_granted_only_in_1_39() {
        for (group, _) in STOCK_1_43.groups {
            let rights = rights_of(&STOCK_1_43, group);
            assert!(!rights.contains(&"writeapi") && !rights.contains(&"purge"));
        }
        assert!(rights_of(&STOCK_1_39, "*").contains(&"writeapi"));
        assert!(rights_of(&STOCK_1_39, "user").contains(&"purge"));
        assert!(rights_of(&STOCK_1_43, "bureaucrat").contains(&"renameuser"));
        assert!(rights_of(&STOCK_1_43, "user").ends_with(&["viewmywatchlist", "editmywatchlist"]));
    }
}
