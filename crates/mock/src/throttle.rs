//! MediaWiki's Throttler as the password attempt and account creation throttles use it: one
//! counter per window and (IP, user name) key (the account creation throttle keys by IP alone),
//! counted on every attempt that is not refused, refused once a window's count is reached, and
//! cleared by a successful login.

use std::collections::HashMap;

use super::config::Window;

/// The key of one counter: window index, IP and user name (None: throttled by IP only).
type Key = (usize, String, Option<String>);

/// Counters with the time they expire (set when the counter is created, as incrWithInit does).
#[derive(Debug, Default)]
pub struct Throttler {
    counters: HashMap<Key, (u32, u64)>,
}

impl Throttler {
    /// Throttler::increase: the first window whose count is already reached (the attempt is
    /// refused and not counted), or None after counting the attempt in each window checked so far.
    pub fn increase(
        &mut self,
        windows: &[Window],
        user: Option<&str>,
        ip: &str,
        now: u64,
    ) -> Option<Window> {
        for (index, window) in windows.iter().enumerate() {
            if window.count == 0 {
                continue;
            }
            let key = (index, ip.to_string(), user.map(str::to_string));
            let entry = self.counters.get(&key).filter(|(_, expiry)| *expiry > now);
            let count = entry.map_or(0, |(count, _)| *count);
            if count >= window.count {
                return Some(*window);
            }
            let expiry = entry.map_or(now + window.seconds, |(_, expiry)| *expiry);
            self.counters.insert(key, (count + 1, expiry));
        }
        None
    }

    /// Throttler::clear: forget the counters of this user name and IP.
    pub fn clear(&mut self, user: Option<&str>, ip: &str) {
        self.counters
            .retain(|(_, key_ip, key_user), _| !(key_ip == ip && key_user.as_deref() == user));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOWS: [Window; 2] = crate::config::STOCK_PASSWORD_ATTEMPT_THROTTLE;

    #[test]
    fn sixth_attempt_is_refused_per_user_and_ip() {
        let mut throttler = Throttler::default();
        for _ in 0..5 {
            assert_eq!(
                throttler.increase(&WINDOWS, Some("A"), "1.2.3.4", 100),
                None
            );
        }
        assert_eq!(
            throttler.increase(&WINDOWS, Some("A"), "1.2.3.4", 101),
            Some(WINDOWS[0])
        );
        assert_eq!(
            throttler.increase(&WINDOWS, Some("B"), "1.2.3.4", 101),
            None
        );
        assert_eq!(
            throttler.increase(&WINDOWS, Some("A"), "5.6.7.8", 101),
            None
        );
        // The window expires 300 s after the first counted attempt.
        assert_eq!(
            throttler.increase(&WINDOWS, Some("A"), "1.2.3.4", 400),
            None
        );
        throttler.clear(Some("A"), "1.2.3.4");
        for _ in 0..5 {
            assert_eq!(
                throttler.increase(&WINDOWS, Some("A"), "1.2.3.4", 401),
                None
            );
        }
    }

    #[test]
    fn creation_throttle_counts_by_ip_alone() {
        let day = [Window {
            count: 1,
            seconds: 86_400,
        }];
        let mut throttler = Throttler::default();
        assert_eq!(throttler.increase(&day, None, "127.0.0.1", 10), None);
        assert_eq!(
            throttler.increase(&day, None, "127.0.0.1", 11),
            Some(day[0])
        );
        assert_eq!(throttler.increase(&day, None, "10.0.0.1", 11), None);
        assert_eq!(
            throttler.increase(&day, None, "127.0.0.1", 10 + 86_400),
            None
        );
    }

    #[test]
    fn no_windows_never_throttle() {
        let mut throttler = Throttler::default();
        for _ in 0..100 {
            assert_eq!(throttler.increase(&[], None, "1.2.3.4", 0), None);
        }
    }
}
