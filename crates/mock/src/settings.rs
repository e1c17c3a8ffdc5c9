//! Plain settings types the wiki's configuration is made of, below every feature that reads them:
//! rate-limit and throttle windows, ConfirmEdit's settings (captcha class, questions, triggers)
//! and OATHAuth's (enrolled users, window radius, rate limit); and the server's connection limits.

use std::time::Duration;

/// A rate limit or throttle window: at most `count` events per `seconds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub count: u32,
    pub seconds: u64,
}

/// One question of $wgCaptchaQuestions with its accepted answers (for FancyCaptcha: the word the
/// image shows, which is also its only answer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptchaQuestion {
    pub question: String,
    pub answers: Vec<String>,
}

/// Which captcha $wgCaptchaClass names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptchaStyle {
    /// QuestyCaptcha: a question from $wgCaptchaQuestions.
    Questy,
    /// FancyCaptcha: an image of a word, at Special:Captcha/image.
    FancyImage,
}

/// ConfirmEdit's settings (the captcha class, its questions, the default triggers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptchaConfig {
    /// $wgCaptchaClass
    pub style: CaptchaStyle,
    /// $wgCaptchaQuestions
    pub questions: Vec<CaptchaQuestion>,
    /// $wgCaptchaBadLoginAttempts and $wgCaptchaBadLoginExpiration (per IP)
    pub bad_login: Window,
    /// $wgCaptchaBadLoginPerUserAttempts and $wgCaptchaBadLoginPerUserExpiration
    pub bad_login_per_user: Window,
    /// `$wgRateLimits['badcaptcha']['ip']` (captchas are checked for a logged-out user object)
    pub badcaptcha_limit: Window,
}

impl CaptchaConfig {
    /// QuestyCaptcha with these (question, answer) pairs and ConfirmEdit's defaults.
    pub fn questy(questions: &[(&str, &str)]) -> CaptchaConfig {
        CaptchaConfig {
            style: CaptchaStyle::Questy,
            questions: questions
                .iter()
                .map(|(question, answer)| CaptchaQuestion {
                    question: question.to_string(),
                    answers: vec![answer.to_string()],
                })
                .collect(),
            bad_login: Window {
                count: 3,
                seconds: 300,
            },
            bad_login_per_user: Window {
                count: 20,
                seconds: 600,
            },
            badcaptcha_limit: Window {
                count: 15,
                seconds: 60,
            },
        }
    }

    /// FancyCaptcha with ConfirmEdit's defaults (the words are drawn at random, like the image
    /// set captcha.py renders).
    pub fn fancy_image() -> CaptchaConfig {
        CaptchaConfig {
            style: CaptchaStyle::FancyImage,
            ..CaptchaConfig::questy(&[])
        }
    }
}

/// A user with TOTP enabled: the base32 secret of their only key, no recovery codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotpEnrolment {
    pub user: String,
    pub secret: String,
}

/// OATHAuth's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OathConfig {
    pub enrolments: Vec<TotpEnrolment>,
    /// $wgOATHAuthWindowRadius: how many 30-second windows either side of now are accepted.
    pub window_radius: u64,
    /// `$wgRateLimits['badoath']['user']` (`&can-bypass` false: nobody is exempt)
    pub badoath_limit: Window,
}

impl OathConfig {
    pub fn with_enrolments(enrolments: Vec<TotpEnrolment>) -> OathConfig {
        OathConfig {
            enrolments,
            window_radius: 4,
            badoath_limit: Window {
                count: 10,
                seconds: 60,
            },
        }
    }
}

/// How many connections the mock holds and how long it waits for a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// The most connections open at once; a new one past it closes the one idle the longest.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers: on a new connection, and on a
    /// kept-alive one between requests. A connection that stays silent this long is closed.
    pub idle_timeout: Duration,
}

impl Default for ConnectionLimits {
    /// 4,096 connections, 30 seconds (hyper's default header timeout; Apache waits 60 s for a
    /// request and 5 s between kept-alive ones).
    fn default() -> ConnectionLimits {
        ConnectionLimits {
            max_connections: 4096,
            idle_timeout: Duration::from_secs(30),
        }
    }
}
