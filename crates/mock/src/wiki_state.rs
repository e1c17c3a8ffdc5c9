//! The wiki's mutable state and its one lock: `WikiState` (the store, the sessions and the names
//! whose accounts are being created), `SharedState` (the mutex around it and the condition
//! variable creations signal), and `StateLock`, the guard a request's pipeline holds from start to
//! end.
//!
//! Every API request runs with the lock held, so a module's check-then-act (a name is free, then
//! the account is stored; a token matches, then the session changes) is atomic. The exception is
//! CPU-bound work that needs no wiki state, password hashing above all (PBKDF2 at MediaWiki's cost
//! takes milliseconds): [`StateLock::without_lock`] lets go of the lock for it and takes it again,
//! so other clients are not serialised behind one client's hash. A module must not assume that
//! what it read before such a section is still true after it.
//!
//! Account creation hashes the new password with the lock released, between its checks and the
//! insert. To keep that atomic it holds the name the way AuthManager holds its `account:<name>`
//! lock ([`StateLock::while_creating`]); a concurrent creation of the same name waits for that
//! creation to end ([`StateLock::await_creation_of`], at most MediaWiki's 6 seconds) before its own
//! `userexists` check, and is `usernameinprogress` only if it is still going on after that.

use std::collections::HashSet;
use std::ops::{Deref, DerefMut};
use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

use parking_lot::{Condvar, Mutex, MutexGuard};

use super::session::SessionStore;
use super::store::Store;

/// How long a creation waits for another creation of the same name (BagOStuff::getScopedLock's
/// default timeout, which AuthManager uses).
pub const CREATION_LOCK_WAIT: Duration = Duration::from_secs(6);

/// Everything a request can change.
#[derive(Debug)]
pub struct WikiState {
    pub store: Store,
    pub sessions: SessionStore,
    /// Names whose creation is hashing its password with the lock released.
    creating: HashSet<String>,
}

/// The state behind its lock, shared by every request.
#[derive(Debug)]
pub struct SharedState {
    state: Mutex<WikiState>,
    /// Signalled whenever a creation lets go of its name.
    creation_ended: Condvar,
}

impl SharedState {
    pub fn new(store: Store) -> SharedState {
        SharedState {
            state: Mutex::new(WikiState {
                store,
                sessions: SessionStore::default(),
                creating: HashSet::new(),
            }),
            creation_ended: Condvar::new(),
        }
    }

    /// The state, locked (for handlers that only read or make one change).
    pub fn lock(&self) -> MutexGuard<'_, WikiState> {
        self.state.lock()
    }

    /// The state, locked for a request's pipeline.
    pub fn lock_for_request(&self) -> StateLock<'_> {
        StateLock {
            guard: self.state.lock(),
            creation_ended: &self.creation_ended,
        }
    }
}

/// The lock a request holds while it runs. It derefs to the [`Store`], so modules read and change
/// the store through it as through `&mut Store`.
pub struct StateLock<'a> {
    guard: MutexGuard<'a, WikiState>,
    creation_ended: &'a Condvar,
}

impl StateLock<'_> {
    pub fn sessions(&self) -> &SessionStore {
        &self.guard.sessions
    }

    pub fn sessions_mut(&mut self) -> &mut SessionStore {
        &mut self.guard.sessions
    }

    /// Runs `work` with the lock released and takes it again (also if `work` panics). Other
    /// requests may change anything meanwhile.
    pub fn without_lock<R>(&mut self, work: impl FnOnce() -> R) -> R {
        MutexGuard::unlocked(&mut self.guard, work)
    }

    /// Waits, with the lock released, while another request is creating an account named `name`
    /// (at most [`CREATION_LOCK_WAIT`]). False when that creation is still going on: the caller
    /// answers `usernameinprogress`.
    pub fn await_creation_of(&mut self, name: &str) -> bool {
        self.await_creation_for(name, CREATION_LOCK_WAIT)
    }

    fn await_creation_for(&mut self, name: &str, timeout: Duration) -> bool {
        if self.guard.creating.contains(name) {
            self.creation_ended.wait_while_for(
                &mut self.guard,
                |state| state.creating.contains(name),
                timeout,
            );
        }
        !self.guard.creating.contains(name)
    }

    /// Runs `work` (the new account's password hashing) with the lock released while holding the
    /// name: creations of `name` that start meanwhile wait in [`StateLock::await_creation_of`]. The
    /// lock is held again when this returns, so the caller's insert is still atomic with its
    /// checks; the waiters see the account once the caller's request ends.
    pub fn while_creating<R>(&mut self, name: &str, work: impl FnOnce() -> R) -> R {
        self.guard.creating.insert(name.to_owned());
        let outcome = MutexGuard::unlocked(&mut self.guard, || {
            panic::catch_unwind(AssertUnwindSafe(work))
        });
        self.guard.creating.remove(name);
        self.creation_ended.notify_all();
        outcome.unwrap_or_else(|payload| panic::resume_unwind(payload))
    }
}

impl Deref for StateLock<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.guard.store
    }
}

impl DerefMut for StateLock<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.guard.store
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_held_only_while_its_creation_hashes() {
        let shared = SharedState::new(Store::new(None));
        let mut lock = shared.lock_for_request();
        assert!(lock.await_creation_for("Alice", Duration::ZERO));
        let (held_during, other_free) = lock.while_creating("Alice", || {
            // The state lock is free meanwhile: another request can take it.
            let mut other = shared.lock_for_request();
            (
                !other.await_creation_for("Alice", Duration::ZERO),
                other.await_creation_for("Bob", Duration::ZERO),
            )
        });
        assert!(
            held_during,
            "a concurrent creation of the name is told it is in progress"
        );
        assert!(other_free, "other names are not held");
        assert!(lock.await_creation_of("Alice"), "the name is free again");
    }

    #[test]
    fn a_panicking_creation_lets_go_of_its_name() {
        let shared = SharedState::new(Store::new(None));
        let mut lock = shared.lock_for_request();
        let unwound = panic::catch_unwind(AssertUnwindSafe(|| {
            lock.while_creating("Alice", || panic!("hashing failed"));
        }));
        assert!(unwound.is_err());
        assert!(lock.await_creation_for("Alice", Duration::ZERO));
    }

    #[test]
    fn a_waiter_goes_on_once_the_creation_ends() {
        let shared = std::sync::Arc::new(SharedState::new(Store::new(None)));
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let mut lock = shared.lock_for_request();
        let waiter = {
            let shared = shared.clone();
            lock.while_creating("Alice", move || {
                let waiter = std::thread::spawn(move || {
                    let mut lock = shared.lock_for_request();
                    started_tx.send(()).expect("the test listens");
                    lock.await_creation_for("Alice", Duration::from_secs(600))
                });
                // The waiter has the lock (so it saw the name held) before the creation ends.
                started_rx.recv().expect("the waiter starts");
                waiter
            })
        };
        drop(lock);
        assert!(waiter.join().expect("the waiter ends"));
    }
}
