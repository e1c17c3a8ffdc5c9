//! The mock's connection limits: a silent connection (new, half-sent or kept alive) is closed
//! after the idle timeout; past the connection cap the connection idle the longest makes room,
//! and a well-behaved client is still answered (out of file descriptors: the CLI's
//! `tests/integration/serve_cli.rs`, which needs its own process).

use super::common;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use super::served::answered;
use common::{MockWiki, WikiConfig};
use mwcheck_mock::ConnectionLimits;

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
