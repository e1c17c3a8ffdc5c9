//! Helpers shared by the CLI's integration tests: copying a folder of fixtures (snapshot sets)
//! and running the `mwcheck` binary.
#![allow(dead_code)]

/// Copies a folder tree (e.g. a snapshot set, to change a copy of it).
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// `mwcheck ARGS` run from the project's folder, off the async runtime's threads.
pub async fn mwcheck(args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mwcheck"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .output()
            .expect("mwcheck runs")
    })
    .await
    .unwrap()
}

/// A command's standard output, then its standard error, for assertion messages.
pub fn output_text(output: &std::process::Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Owned arguments.
pub fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| (*s).to_owned()).collect()
}
