//! Terminal manners: whether to colour (`--color auto|always|never`, NO_COLOR, a terminal on
//! stdout) and colouring the console report's `ok`, `FAILED` and `skipped` words.

use std::io::IsTerminal;

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether to colour: `always` and `never` say so; `auto` colours only when NO_COLOR is unset
/// or empty (<https://no-color.org>) and `stdout_is_terminal`.
pub fn use_colour(choice: ColorChoice, no_color: Option<&str>, stdout_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color.is_none_or(str::is_empty) && stdout_is_terminal,
    }
}

/// `use_colour` for this process.
pub fn colour_for_stdout(choice: ColorChoice) -> bool {
    let no_color = std::env::var("NO_COLOR").ok();
    use_colour(choice, no_color.as_deref(), std::io::stdout().is_terminal())
}

/// Colours the status word at the start of each console line: `ok` green, `FAILED` bold red,
/// `skipped` yellow. Indented lines (failure messages) are left alone.
pub fn colourise(console: &str) -> String {
    let mut out = String::with_capacity(console.len() + 64);
    for line in console.split_inclusive('\n') {
        let coloured = [("ok ", "32"), ("FAILED ", "1;31"), ("skipped ", "33")]
            .iter()
            .find_map(|(word, code)| {
                line.strip_prefix(word).map(|rest| {
                    let word = word.trim_end();
                    format!("\x1b[{code}m{word}\x1b[0m {rest}")
                })
            });
        out.push_str(coloured.as_deref().unwrap_or(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_and_non_terminals_turn_auto_off() {
        assert!(use_colour(ColorChoice::Auto, None, true));
        assert!(use_colour(ColorChoice::Auto, Some(""), true));
        assert!(!use_colour(ColorChoice::Auto, Some("1"), true));
        assert!(!use_colour(ColorChoice::Auto, None, false));
        assert!(use_colour(ColorChoice::Always, Some("1"), false));
        assert!(!use_colour(ColorChoice::Never, None, true));
    }

    #[test]
    fn only_status_words_are_coloured() {
        let text = "ok       a\nFAILED   b\n  ok not this\nskipped  c (why)\n1 passed\n";
        assert_eq!(
            colourise(text),
            "\x1b[32mok\x1b[0m       a\n\x1b[1;31mFAILED\x1b[0m   b\n  ok not this\n\
             \x1b[33mskipped\x1b[0m  c (why)\n1 passed\n"
        );
    }
}
