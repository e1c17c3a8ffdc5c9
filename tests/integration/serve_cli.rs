//! `mwcheck serve` as a process of its own: with a file-descriptor limit far below what a crowd
//! of idle connections takes, the connection idle the longest is closed to make room and a client
//! is still answered.

use super::served::answered;
use std::io::Read;
use std::net::{SocketAddr, TcpStream};

/// `mwcheck serve` with a file-descriptor limit far below what a crowd of idle connections
/// takes still answers: the connection idle the longest is closed to make room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_file_descriptors_the_mock_still_answers() {
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -n 64 && exec {} serve --port 0 --pbkdf2-iterations 1 --idle-timeout 600",
            env!("CARGO_BIN_EXE_mwcheck")
        ))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("mwcheck serve starts");
    let mut stdout = child.stdout.take().unwrap();
    let api = tokio::task::spawn_blocking(move || {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
            line.push(byte[0]);
        }
        String::from_utf8(line).unwrap()
    })
    .await
    .unwrap();
    assert!(api.ends_with("/api.php"), "serve printed {api:?}");
    let addr: SocketAddr = url::Url::parse(&api)
        .unwrap()
        .socket_addrs(|| None)
        .unwrap()[0];
    let held = tokio::task::spawn_blocking(move || {
        (0..200)
            .filter_map(|_| TcpStream::connect(addr).ok())
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    assert!(held.len() >= 150);
    let all_answered = {
        let mut all = true;
        for _ in 0..5 {
            all &= answered(&api).await;
        }
        all
    };
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(all_answered, "not answered; serve said:\n{stderr}");
    assert!(
        stderr.contains("could not accept a connection"),
        "running out of descriptors is not reported:\n{stderr}"
    );
    drop(held);
}
