//! Every `mwcheck` command's `--help`: exits 0 and ends with an "Examples:" section whose lines
//! call that command. The commands are read from what `mwcheck --help` lists, so a new
//! subcommand is checked without touching this file.

use std::process::{Command, Output};

fn mwcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mwcheck"))
        .args(args)
        .output()
        .expect("mwcheck runs")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The command names under "Commands:" in a clap help text (without clap's own `help`).
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim() != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// The lines of the "Examples:" section (up to the first blank line).
fn examples(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim() != "Examples:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(|line| line.trim().to_owned())
        .collect()
}

#[test]
fn top_level_help_has_examples_and_lists_the_commands() {
    let output = mwcheck(&["--help"]);
    assert!(output.status.success(), "{output:?}");
    let help = text(&output);
    assert!(!examples(&help).is_empty(), "no Examples: in\n{help}");
    let commands = listed_commands(&help);
    for known in ["run", "serve", "list", "coverage", "lint", "diff"] {
        assert!(
            commands.iter().any(|c| c == known),
            "`{known}` missing from {commands:?}"
        );
    }
}

#[test]
fn every_subcommand_help_has_examples_of_itself() {
    let commands = listed_commands(&text(&mwcheck(&["--help"])));
    assert!(!commands.is_empty());
    for command in &commands {
        let output = mwcheck(&[command, "--help"]);
        assert!(output.status.success(), "{command} --help: {output:?}");
        let help = text(&output);
        let lines = examples(&help);
        assert!(
            !lines.is_empty(),
            "`mwcheck {command} --help` has no Examples: section:\n{help}"
        );
        // Every example is a call of this command (or a follow-up such as `cargo insta review`).
        let own = format!("mwcheck {command}");
        assert!(
            lines.iter().filter(|l| l.starts_with(&own)).count() >= 1,
            "`mwcheck {command} --help` examples never call it: {lines:?}"
        );
        for line in lines.iter().filter(|l| l.starts_with("mwcheck ")) {
            assert!(
                line == &own || line.starts_with(&format!("{own} ")),
                "`mwcheck {command} --help` has an example of another command: {line}"
            );
        }
        // `mwcheck help CMD` says the same.
        let via_help = mwcheck(&["help", command]);
        assert!(via_help.status.success(), "help {command}: {via_help:?}");
        assert_eq!(text(&via_help), help, "`mwcheck help {command}` differs");
    }
}

#[test]
fn subcommand_examples_name_only_options_the_command_knows() {
    // Each `--option` an example uses appears in that command's Options list.
    let commands = listed_commands(&text(&mwcheck(&["--help"])));
    for command in &commands {
        let help = text(&mwcheck(&[command, "--help"]));
        let options: Vec<&str> = help
            .lines()
            .take_while(|line| line.trim() != "Examples:")
            .flat_map(|line| line.split([' ', ',', '=']))
            .filter(|word| word.starts_with("--"))
            .collect();
        for line in examples(&help) {
            if !line.starts_with(&format!("mwcheck {command}")) {
                continue;
            }
            let call = line.split(" #").next().unwrap_or(&line);
            for word in call.split_whitespace().filter(|w| w.starts_with("--")) {
                let name = word.split('=').next().unwrap_or(word);
                assert!(
                    options.contains(&name),
                    "`mwcheck {command}` example uses unknown option {name}: {line}"
                );
            }
        }
    }
}
