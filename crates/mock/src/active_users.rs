//! The active-users cache list=allusers' `activeusers` reads (`querycachetwo` rows of type
//! `activeusers`) and the `recentchanges` rows it counts: each account's recent actions (edits
//! and log entries other than account creations), and the cache update job
//! (RecentChangesUpdateJob `cacheUpdate`) that a registered user's recent change queues and the
//! next `/index.php` request runs (MediaWiki runs queued jobs after web requests, not after API
//! requests).

use std::collections::{BTreeSet, HashMap};

/// $wgActiveUserDays: how far back an action counts.
const ACTIVE_USER_SECONDS: u64 = 30 * 86_400;

#[derive(Debug, Default)]
pub struct ActiveUsers {
    /// By user id: the name and the times of their counted recent changes.
    actions: HashMap<u64, (String, Vec<u64>)>,
    /// The names in the cache.
    cached: BTreeSet<String>,
    /// A cache update job waits in the queue.
    update_queued: bool,
}

impl ActiveUsers {
    /// A recent change by a registered user that counts as activity (an edit, a block, …).
    pub fn record_action(&mut self, user_id: u64, name: &str, now: u64) {
        let entry = self
            .actions
            .entry(user_id)
            .or_insert_with(|| (name.to_string(), Vec::new()));
        entry.1.push(now);
        self.update_queued = true;
    }

    /// A recent change by a registered user that does not count (a `newusers` log entry): it
    /// queues the update all the same.
    pub fn record_uncounted_change(&mut self) {
        self.update_queued = true;
    }

    /// The queued update, if any, as a web request's job run does it: every account with
    /// actions in the window joins the cache.
    pub fn run_queued_update(&mut self, now: u64) {
        if !std::mem::take(&mut self.update_queued) {
            return;
        }
        let since = now.saturating_sub(ACTIVE_USER_SECONDS);
        for (name, times) in self.actions.values() {
            if times.iter().any(|t| *t >= since) {
                self.cached.insert(name.clone());
            }
        }
    }

    /// The name is in the cache.
    pub fn contains(&self, name: &str) -> bool {
        self.cached.contains(name)
    }

    /// How many counted recent changes the account made in the window.
    pub fn recent_actions(&self, user_id: u64, now: u64) -> u64 {
        let since = now.saturating_sub(ACTIVE_USER_SECONDS);
        self.actions.get(&user_id).map_or(0, |(_, times)| {
            times.iter().filter(|t| **t >= since).count() as u64
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_fills_when_the_queued_job_runs() {
        let mut a = ActiveUsers::default();
        a.record_action(2, "MediaWiki default", 1000);
        assert!(!a.contains("MediaWiki default"));
        a.run_queued_update(2000);
        assert!(a.contains("MediaWiki default"));
        assert_eq!(a.recent_actions(2, 2000), 1);
        assert_eq!(a.recent_actions(2, 1000 + ACTIVE_USER_SECONDS + 1), 0);
        a.record_action(3, "B", 3000);
        a.run_queued_update(3000);
        a.run_queued_update(3000);
        assert!(a.contains("B"));
    }
}
