//! The progress bar `mwcheck run` draws on stderr: when to show it (a terminal, not CI, not
//! `--quiet`), and the hook the runner calls as each scenario finishes.

pub use crate::runner::FinishedHook;

/// Whether to draw the progress bar: only on a terminal, never under CI (`CI` set to anything
/// but empty, `0` or `false`) and never with `--quiet`. NO_COLOR plays no part: the bar has no
/// colours.
pub fn progress_wanted(stderr_is_terminal: bool, ci: Option<&str>, quiet: bool) -> bool {
    let under_ci =
        ci.is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"));
    stderr_is_terminal && !under_ci && !quiet
}

/// The same decision for this process's stderr and environment.
pub fn progress_wanted_here(quiet: bool) -> bool {
    use std::io::IsTerminal;
    let ci = std::env::var("CI").ok();
    progress_wanted(std::io::stderr().is_terminal(), ci.as_deref(), quiet)
}

/// A progress bar on stderr counting finished scenarios out of `total`, without colours.
pub fn bar(total: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{pos:>4}/{len} [{bar:30}] {elapsed:>4} {wide_msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The hook that advances `bar` and shows the last finished scenario.
pub fn bar_hook(bar: &indicatif::ProgressBar) -> FinishedHook {
    let bar = bar.clone();
    FinishedHook::new(move |id| {
        bar.set_message(id.to_owned());
        bar.inc(1);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn shown_only_on_a_terminal_outside_ci_without_quiet() {
        assert!(progress_wanted(true, None, false));
        assert!(!progress_wanted(false, None, false), "not a terminal");
        assert!(!progress_wanted(true, Some("true"), false), "CI=true");
        assert!(!progress_wanted(true, Some("1"), false), "CI=1");
        assert!(!progress_wanted(true, None, true), "--quiet");
        assert!(!progress_wanted(false, Some("true"), true));
    }

    #[test]
    fn a_ci_variable_that_says_no_is_not_ci() {
        assert!(progress_wanted(true, Some(""), false));
        assert!(progress_wanted(true, Some("false"), false));
        assert!(progress_wanted(true, Some("0"), false));
    }

    #[test]
    fn the_hook_counts_each_finished_scenario() {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(3);
        let hook = bar_hook(&bar);
        hook.call("a/one");
        hook.call("a/two");
        assert_eq!(bar.position(), 2);
        assert_eq!(bar.message(), "a/two");

        let seen = Arc::new(AtomicUsize::new(0));
        let counter = seen.clone();
        let hook = FinishedHook::new(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        hook.clone().call("x");
        hook.call("y");
        assert_eq!(seen.load(Ordering::SeqCst), 2);
    }
}
