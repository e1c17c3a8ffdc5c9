//! Stopping a run early (Ctrl-C): a flag the runner watches. Once it is raised no scenario
//! starts, and the scenarios in flight are cancelled (their requests dropped mid-way); the run
//! returns the outcomes of those that finished and names the ones it cancelled.

use std::sync::Arc;
use tokio::sync::watch;

/// The flag; clones share it.
#[derive(Clone, Debug)]
pub struct Interrupt {
    raised: Arc<watch::Sender<bool>>,
}

impl Default for Interrupt {
    fn default() -> Self {
        Interrupt {
            raised: Arc::new(watch::channel(false).0),
        }
    }
}

impl Interrupt {
    pub fn raise(&self) {
        self.raised.send_replace(true);
    }

    pub fn is_raised(&self) -> bool {
        *self.raised.borrow()
    }

    /// Resolves once the flag is raised (at once if it already is).
    pub async fn raised(&self) {
        let mut watching = self.raised.subscribe();
        // The sender lives as long as `self`, so this only returns once the flag is up.
        let _ = watching.wait_for(|raised| *raised).await;
    }
}

/// How an interrupted run ended (`None` from a run that was not interrupted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Interrupted {
    /// The scenarios that had started and were cancelled (not in the outcomes), by id.
    pub cancelled: Vec<String>,
    /// How many selected scenarios never started.
    pub not_started: usize,
}

impl Interrupted {
    /// Adds what another interrupted part of the run left.
    pub fn merge(&mut self, other: Interrupted) {
        self.cancelled.extend(other.cancelled);
        self.cancelled.sort();
        self.not_started += other.not_started;
    }

    /// The console line: `INTERRUPTED (Ctrl-C): the report covers the 3 scenarios that finished; cancelled in flight: a, b; not started: 4`.
    pub fn line(&self, finished: usize) -> String {
        let cancelled = if self.cancelled.is_empty() {
            "none".to_owned()
        } else {
            self.cancelled.join(", ")
        };
        format!(
            "INTERRUPTED (Ctrl-C): the report covers the {finished} scenario{} that finished; cancelled in flight: {cancelled}; not started: {}",
            if finished == 1 { "" } else { "s" },
            self.not_started
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn raising_wakes_every_waiter_and_stays_raised() {
        let interrupt = Interrupt::default();
        assert!(!interrupt.is_raised());
        let waiter = tokio::spawn({
            let interrupt = interrupt.clone();
            async move { interrupt.raised().await }
        });
        interrupt.raise();
        waiter.await.unwrap();
        assert!(interrupt.is_raised());
        // Already raised: resolves at once.
        interrupt.raised().await;
    }

    #[test]
    fn the_console_line_names_what_was_left() {
        let mut left = Interrupted {
            cancelled: vec!["b".into()],
            not_started: 2,
        };
        left.merge(Interrupted {
            cancelled: vec!["a".into()],
            not_started: 1,
        });
        assert_eq!(
            left.line(1),
            "INTERRUPTED (Ctrl-C): the report covers the 1 scenario that finished; cancelled in flight: a, b; not started: 3"
        );
    }
}
