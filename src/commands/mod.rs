//! Bodies of the subcommands that live outside main.rs (binary side).

pub mod diff;
pub mod lint;
pub mod report_files;
pub mod serve;
pub mod versions;

/// Writes text to standard output. A reader that has gone away (`mwcheck list | head`) is not an
/// error: the rest is dropped quietly and the command goes on (a run still writes its reports).
pub fn print_stdout(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write to standard output: {err}");
    }
}
