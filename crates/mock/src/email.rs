//! E-mail as the account modules use it: which addresses MediaWiki accepts
//! (Sanitizer::validateEmail) and the link the password mails carry.

/// Sanitizer::validateEmail (the HTML5 pattern).
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let ldh = |c: char| c.is_ascii_alphanumeric() || c == '-';
    !local.is_empty()
        && local.chars().all(atext)
        && !domain.is_empty()
        && domain
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(ldh))
}

/// `$wgServer/index.php/Main_Page`
pub fn main_page_url(server: &str) -> String {
    format!("{server}/index.php/Main_Page")
}

/// The email section of Special:Preferences, as the reset mail's require-email hint links it.
pub fn email_preferences_url(server: &str) -> String {
    format!("{server}/index.php/Special:Preferences#mw-prefsection-personal-email")
}
