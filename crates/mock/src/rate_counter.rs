//! Counters kept in the object cache with a lifetime set when they are created (BagOStuff's
//! incrWithInit), as ConfirmEdit's bad-login counters and the rate limiter (`pingLimiter`) use
//! them: a fixed window that starts with the first hit. OATHAuth keeps its last used TOTP window
//! here too.

use std::collections::HashMap;

use super::config::Window;

/// Named counters with the Unix time they expire.
#[derive(Debug, Default)]
pub struct RateCounters {
    counters: HashMap<String, (u32, u64)>,
}

impl RateCounters {
    /// The live count for `key` (0 when absent or expired).
    pub fn get(&self, key: &str, now: u64) -> u32 {
        self.counters
            .get(key)
            .filter(|(_, expiry)| *expiry > now)
            .map_or(0, |(count, _)| *count)
    }

    /// incrWithInit: adds one; a new (or expired) counter lives `ttl` seconds from now.
    pub fn increment(&mut self, key: &str, ttl: u64, now: u64) {
        let count = self.get(key, now);
        let expiry = match self.counters.get(key) {
            Some((_, expiry)) if count > 0 => *expiry,
            _ => now + ttl,
        };
        self.counters.insert(key.to_string(), (count + 1, expiry));
    }

    /// set(): stores `value` for `ttl` seconds.
    pub fn set(&mut self, key: &str, value: u32, ttl: u64, now: u64) {
        self.counters.insert(key.to_string(), (value, now + ttl));
    }

    pub fn delete(&mut self, key: &str) {
        self.counters.remove(key);
    }

    /// pingLimiter( $action, 0 ): whether one more hit would go over the limit.
    pub fn would_exceed(&self, key: &str, limit: Window, now: u64) -> bool {
        self.get(key, now) + 1 > limit.count
    }

    /// pingLimiter( $action ): counts a hit in the limit's window.
    pub fn hit(&mut self, key: &str, limit: Window, now: u64) {
        self.increment(key, limit.seconds, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_expire_from_their_first_hit() {
        let mut c = RateCounters::default();
        let limit = Window {
            count: 2,
            seconds: 60,
        };
        assert!(!c.would_exceed("k", limit, 100));
        c.hit("k", limit, 100);
        assert!(!c.would_exceed("k", limit, 130));
        c.hit("k", limit, 130);
        assert_eq!(c.get("k", 159), 2);
        assert!(c.would_exceed("k", limit, 159));
        // The window started at 100, not at the second hit.
        assert_eq!(c.get("k", 160), 0);
        assert!(!c.would_exceed("k", limit, 160));
        c.increment("k", 10, 160);
        assert_eq!(c.get("k", 169), 1);
        c.delete("k");
        assert_eq!(c.get("k", 161), 0);
    }
}
