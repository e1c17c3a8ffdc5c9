//! Commands whose standard output is closed early (`mwcheck list | head`) end quietly.

/// A reader that goes away (`mwcheck list | head`) ends the listing quietly, with no panic.
#[test]
fn a_closed_stdout_is_not_a_crash() {
    for command in [&["list"][..], &["coverage"], &["lint"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mwcheck"))
            .args(command)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("mwcheck starts");
        // Close the reading end before mwcheck has loaded the scenarios and written anything.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("mwcheck ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{command:?}: {}: {stderr}",
            output.status
        );
        assert!(!stderr.contains("panicked"), "{command:?}: {stderr}");
    }
}
