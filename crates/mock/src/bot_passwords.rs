//! Bot passwords (BotPassword, BotPasswordSessionProvider): the stored `bot_passwords` rows, the
//! `User@appid` / `appid@password` login forms action=login accepts, and the grants
//! ($wgGrantPermissions) that limit a bot-password session's rights.

/// One `bot_passwords` row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BotPassword {
    pub user_id: u64,
    pub app_id: String,
    pub password_hash: String,
    pub grants: Vec<String>,
}

/// BotPassword::PASSWORD_MINLENGTH
const PASSWORD_MINLENGTH: usize = 32;

/// What the session provider's describe() gives (`sessionprovider-generic` with the class name).
pub const PROVIDER_DESCRIPTION: &str = "MediaWiki\\Session\\BotPasswordSessionProvider sessions";

/// $wgGrantPermissions of MediaWiki 1.39: grant -> rights, in definition order.
const GRANT_PERMISSIONS: &[(&str, &[&str])] = &[
    (
        "basic",
        &[
            "autocreateaccount",
            "autoconfirmed",
            "autopatrol",
            "editsemiprotected",
            "ipblock-exempt",
            "nominornewtalk",
            "patrolmarks",
            "purge",
            "read",
            "writeapi",
            "unwatchedpages",
        ],
    ),
    (
        "highvolume",
        &["bot", "apihighlimits", "noratelimit", "markbotedits"],
    ),
    ("import", &["import", "importupload"]),
    (
        "editpage",
        &[
            "edit",
            "minoredit",
            "applychangetags",
            "changetags",
            "editcontentmodel",
        ],
    ),
    (
        "editprotected",
        &[
            "edit",
            "minoredit",
            "applychangetags",
            "changetags",
            "editcontentmodel",
            "editprotected",
        ],
    ),
    (
        "editmycssjs",
        &[
            "edit",
            "minoredit",
            "applychangetags",
            "changetags",
            "editcontentmodel",
            "editmyusercss",
            "editmyuserjson",
            "editmyuserjs",
        ],
    ),
    ("editmyoptions", &["editmyoptions", "editmyuserjson"]),
    (
        "editinterface",
        &[
            "edit",
            "minoredit",
            "applychangetags",
            "changetags",
            "editcontentmodel",
            "editinterface",
            "edituserjson",
            "editsitejson",
        ],
    ),
    (
        "editsiteconfig",
        &[
            "edit",
            "minoredit",
            "applychangetags",
            "changetags",
            "editcontentmodel",
            "editinterface",
            "edituserjson",
            "editsitejson",
            "editusercss",
            "edituserjs",
            "editsitecss",
            "editsitejs",
        ],
    ),
    (
        "createeditmovepage",
        &[
            "edit",
            "minoredit",
            "applychangetags",
            "changetags",
            "editcontentmodel",
            "createpage",
            "createtalk",
            "delete-redirect",
            "move",
            "move-rootuserpages",
            "move-subpages",
            "move-categorypages",
            "suppressredirect",
        ],
    ),
    ("uploadfile", &["upload", "reupload-own"]),
    (
        "uploadeditmovefile",
        &[
            "upload",
            "reupload-own",
            "reupload",
            "reupload-shared",
            "upload_by_url",
            "movefile",
            "suppressredirect",
        ],
    ),
    ("patrol", &["patrol"]),
    ("rollback", &["rollback"]),
    ("blockusers", &["block", "blockemail"]),
    (
        "viewdeleted",
        &["browsearchive", "deletedhistory", "deletedtext"],
    ),
    ("viewrestrictedlogs", &["suppressionlog"]),
    (
        "delete",
        &[
            "edit",
            "minoredit",
            "applychangetags",
            "changetags",
            "editcontentmodel",
            "browsearchive",
            "deletedhistory",
            "deletedtext",
            "delete",
            "bigdelete",
            "deletelogentry",
            "deleterevision",
            "undelete",
        ],
    ),
    ("oversight", &["suppressrevision", "viewsuppressed"]),
    (
        "protect",
        &[
            "edit",
            "minoredit",
            "applychangetags",
            "changetags",
            "editcontentmodel",
            "editprotected",
            "protect",
        ],
    ),
    ("viewmywatchlist", &["viewmywatchlist"]),
    ("editmywatchlist", &["editmywatchlist"]),
    ("sendemail", &["sendemail"]),
    ("createaccount", &["createaccount"]),
    ("privateinfo", &["viewmyprivateinfo"]),
    ("mergehistory", &["mergehistory"]),
];

/// GrantsInfo::getGrantRights: the rights of these grants, first occurrence kept; unknown grants
/// give nothing.
pub fn grant_rights(grants: &[String]) -> Vec<String> {
    let mut rights: Vec<String> = Vec::new();
    for grant in grants {
        let Some((_, list)) = GRANT_PERMISSIONS.iter().find(|(name, _)| name == grant) else {
            continue;
        };
        for right in *list {
            if !rights.iter().any(|r| r == right) {
                rights.push((*right).to_string());
            }
        }
    }
    rights
}

/// A bot password is `[0-9a-w]` only, at least 32 characters (what generatePassword makes).
fn is_bot_password_form(password: &str) -> bool {
    password.len() >= PASSWORD_MINLENGTH
        && password
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'w').contains(&b))
}

/// BotPassword::canonicalizeLoginData: `(User@appid, password)` when the login looks like a bot
/// password login, either as `lgname=User@appid` or as `lgpassword=appid@password`.
pub fn canonicalize_login_data(name: &str, password: &str) -> Option<(String, String)> {
    if password.len() >= PASSWORD_MINLENGTH && name.contains('@') {
        return is_bot_password_form(password).then(|| (name.to_string(), password.to_string()));
    }
    if password.len() > PASSWORD_MINLENGTH && password.contains('@') {
        let (app_id, secret) = password.rsplit_once('@')?;
        return is_bot_password_form(secret)
            .then(|| (format!("{name}@{app_id}"), secret.to_string()));
    }
    None
}

/// The stored bot passwords.
#[derive(Debug, Default)]
pub struct BotPasswords {
    rows: Vec<BotPassword>,
}

impl BotPasswords {
    pub fn insert(&mut self, row: BotPassword) {
        self.rows
            .retain(|r| !(r.user_id == row.user_id && r.app_id == row.app_id));
        self.rows.push(row);
    }

    /// BotPassword::newFromUser
    pub fn find(&self, user_id: u64, app_id: &str) -> Option<&BotPassword> {
        self.rows
            .iter()
            .find(|r| r.user_id == user_id && r.app_id == app_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PW: &str = "mwcheckbotpassword0123456789abcd";

    #[test]
    fn login_forms() {
        assert_eq!(
            canonicalize_login_data("Admin@mwcheck", PW),
            Some(("Admin@mwcheck".into(), PW.into()))
        );
        assert_eq!(
            canonicalize_login_data("Admin", &format!("mwcheck@{PW}")),
            Some(("Admin@mwcheck".into(), PW.into()))
        );
        // Too short, or characters outside [0-9a-w]: a main-account login.
        assert_eq!(canonicalize_login_data("Admin@mwcheck", &PW[1..]), None);
        let upper = PW.to_uppercase();
        assert_eq!(canonicalize_login_data("Admin@mwcheck", &upper), None);
        assert_eq!(canonicalize_login_data("Admin", PW), None);
        // With an @ in the name the password form is not tried.
        assert_eq!(
            canonicalize_login_data("Admin@x", &format!("mwcheck@{PW}")),
            None
        );
    }

    #[test]
    fn basic_grant_rights() {
        let rights = grant_rights(&["basic".into(), "nonesuch".into()]);
        assert_eq!(rights.len(), 11);
        assert!(rights.iter().any(|r| r == "writeapi"));
        assert!(!rights.iter().any(|r| r == "createaccount"));
        let more = grant_rights(&["basic".into(), "createaccount".into()]);
        assert_eq!(more.last().map(String::as_str), Some("createaccount"));
    }
}
