//! The hook the runner calls as each scenario finishes (the progress bar's, or a caller's own).

use std::fmt;
use std::sync::Arc;

/// Called by the runner with each finished scenario's id (from any of its concurrent tasks).
#[derive(Clone)]
pub struct FinishedHook(Arc<dyn Fn(&str) + Send + Sync>);

impl FinishedHook {
    pub fn new(hook: impl Fn(&str) + Send + Sync + 'static) -> FinishedHook {
        FinishedHook(Arc::new(hook))
    }

    pub fn call(&self, id: &str) {
        (self.0)(id)
    }
}

impl fmt::Debug for FinishedHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FinishedHook")
    }
}
