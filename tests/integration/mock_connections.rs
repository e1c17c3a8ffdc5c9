//! The mock's connection limits: a silent connection (new, half-sent or kept alive) is closed
//! after the idle timeout; past the connection cap, or out of file descriptors, the connection
//! idle the longest makes room, and a well-behaved client is still answered.

use super::common;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use common::{MockWiki, WikiConfig};
use mwcheck::mock::ConnectionLimits;

async fn wiki_with(limits: ConnectionLimits) -> MockWiki {
    let config = WikiConfig {
        pbkdf2_iterations: 1000,
        connection_limits: limits,
        ..WikiConfig::default()
    };
    MockWiki::start(config).await.expect("mock starts")
}

/// Reads until the server closes the connection; panics if it is still open after `patience`.
fn read_until_closed(stream: &mut TcpStream, patience: Duration) -> Vec<u8> {
    stream.set_read_timeout(Some(patience)).unwrap();
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return received,
            Ok(n) => received.extend_from_slice(&buf[..n]),
            Err(err) if err.kind() == ErrorKind::ConnectionReset => return received,
            Err(err) => panic!("the connection is still open after {patience:?}: {err}"),
        }
    }
}

/// Whether the server has closed the connection (reading does not block: a short timeout).
fn is_closed(mut stream: &TcpStream) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let mut buf = [0u8; 64];
    match stream.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(err) => err.kind() == ErrorKind::ConnectionReset,
    }
}

async fn answered(api: &str) -> bool {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let url = format!("{api}?action=query&meta=tokens&type=login&format=json");
    match client.get(url).send().await {
        Ok(resp) => resp
            .text()
            .await
            .is_ok_and(|text| text.contains("logintoken")),
        Err(_) => false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_half_sent_and_kept_alive_connections_are_closed_after_the_idle_timeout() {
    let wiki = wiki_with(ConnectionLimits {
        max_connections: 100,
        idle_timeout: Duration::from_secs(1),
    })
    .await;
    let addr = wiki.addr();
    tokio::task::spawn_blocking(move || {
        let patience = Duration::from_secs(15);
        // Nothing sent at all.
        let mut silent = TcpStream::connect(addr).unwrap();
        assert!(read_until_closed(&mut silent, patience).is_empty());
        // Half a request's headers, then nothing.
        let mut half = TcpStream::connect(addr).unwrap();
        half.write_all(b"GET /api.php HTTP/1.1\r\nHost: x\r\n").unwrap();
        read_until_closed(&mut half, patience);
        // One whole request answered on a kept-alive connection, then silence.
        let mut kept = TcpStream::connect(addr).unwrap();
        kept.write_all(b"GET /api.php?action=query&meta=tokens&type=login&format=json HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let received = read_until_closed(&mut kept, patience);
        let text = String::from_utf8_lossy(&received);
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        assert!(text.contains("logintoken"), "{text}");
    })
    .await
    .unwrap();
    wiki.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_cap_the_longest_idle_connections_make_room_for_a_client_that_talks() {
    let wiki = wiki_with(ConnectionLimits {
        max_connections: 50,
        idle_timeout: Duration::from_secs(600),
    })
    .await;
    let addr: SocketAddr = wiki.addr();
    let held = tokio::task::spawn_blocking(move || {
        (0..300)
            .map(|_| TcpStream::connect(addr).unwrap())
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    for _ in 0..5 {
        assert!(
            answered(&wiki.api_url()).await,
            "a client that talks is not answered"
        );
    }
    // Give the server a moment to have accepted (and so evicted) every held connection.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let closed = held.iter().filter(|s| is_closed(s)).count();
    assert!(
        closed >= 250,
        "only {closed} of 300 idle connections were closed under a cap of 50"
    );
    // The newest ones are the ones kept.
    assert!(!is_closed(held.last().unwrap()));
    wiki.shutdown().await;
}

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
