//! A raw TCP server for the harness's fault tests, misbehaving below what wiremock can do: each
//! request is answered as its `fault` query parameter says (or as the server's default when it
//! has none): a right answer, HTML, HTTP 500, truncated JSON, a connection reset (RST, by
//! SO_LINGER 0) before any response or midway through the body, an endless body (fast, to hit
//! the size cap; or a byte now and then, to hit the request deadline), or no answer at all. Each
//! request's fault is told on a channel as it arrives, for tests to synchronise on.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

pub struct FaultServer {
    pub addr: SocketAddr,
    /// The fault of each request, as it arrives.
    pub arrived: mpsc::UnboundedReceiver<String>,
}

impl FaultServer {
    /// Starts a server whose requests without a `fault` parameter get `default`.
    pub async fn start(default: &str) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (arrivals, arrived) = mpsc::unbounded_channel();
        let default = default.to_owned();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (arrivals, default) = (arrivals.clone(), default.clone());
                tokio::spawn(async move { answer(socket, &default, &arrivals).await });
            }
        });
        FaultServer { addr, arrived }
    }

    pub fn api(&self) -> String {
        format!("http://{}/api.php", self.addr)
    }
}

/// A right answer to the transport fixtures' steps (meta=tokens or meta=userinfo).
fn right_answer(request_line: &str) -> &'static str {
    if request_line.contains("meta=tokens") {
        r#"{"batchcomplete":"","query":{"tokens":{"csrftoken":"+\\"}}}"#
    } else {
        r#"{"batchcomplete":"","query":{"userinfo":{"id":0,"name":"127.0.0.1","anon":""}}}"#
    }
}

async fn answer(mut socket: TcpStream, default: &str, arrivals: &mpsc::UnboundedSender<String>) {
    let Some(request_line) = read_request(&mut socket).await else {
        return;
    };
    let fault = request_line
        .split(['?', '&', ' '])
        .find_map(|pair| pair.strip_prefix("fault="))
        .unwrap_or(default)
        .to_owned();
    let _ = arrivals.send(fault.clone());
    let json = "application/json; charset=utf-8";
    match fault.as_str() {
        "none" => whole(&mut socket, "200 OK", json, right_answer(&request_line)).await,
        "html" => {
            let page = "<!DOCTYPE html><html><body>Wiki under maintenance</body></html>";
            whole(&mut socket, "200 OK", "text/html", page).await
        }
        "server-error" => {
            whole(
                &mut socket,
                "500 Internal Server Error",
                "text/plain",
                "Internal error",
            )
            .await
        }
        "truncated" => {
            whole(
                &mut socket,
                "200 OK",
                json,
                r#"{"batchcomplete":"","query":{"#,
            )
            .await
        }
        "reset-before-response" => reset(socket),
        "reset-midway" => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {json}\r\nContent-Length: 1000\r\n\r\n{{\"batchcomplete\":"
            );
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.flush().await;
            reset(socket)
        }
        "endless-fast" => endless(&mut socket, &[b'x'; 64 * 1024], Duration::ZERO).await,
        "endless-slow" => endless(&mut socket, b" ", Duration::from_millis(50)).await,
        "hang" => {
            // Never answers; holds the connection until the client lets go.
            let mut rest = [0u8; 64];
            while matches!(socket.read(&mut rest).await, Ok(n) if n > 0) {}
        }
        other => panic!("unknown fault `{other}`"),
    }
}

/// Reads the request head (and a body of Content-Length bytes); returns its request line.
async fn read_request(socket: &mut TcpStream) -> Option<String> {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut buffer).await.ok().filter(|n| *n > 0)?;
        seen.extend_from_slice(&buffer[..n]);
        if let Some(at) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while seen.len() < head_end + length {
        let n = socket.read(&mut buffer).await.ok().filter(|n| *n > 0)?;
        seen.extend_from_slice(&buffer[..n]);
    }
    head.lines().next().map(str::to_owned)
}

async fn whole(socket: &mut TcpStream, status: &str, content_type: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = socket.write_all(response.as_bytes()).await;
    let _ = socket.shutdown().await;
}

/// Closes the connection with an RST instead of a FIN.
fn reset(socket: TcpStream) {
    socket.set_zero_linger().unwrap();
    drop(socket);
}

/// A chunked body that never ends: `chunk` again and again, `pause` apart, until the client
/// goes away.
async fn endless(socket: &mut TcpStream, chunk: &[u8], pause: Duration) {
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    if socket.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
    framed.extend_from_slice(chunk);
    framed.extend_from_slice(b"\r\n");
    while socket.write_all(&framed).await.is_ok() {
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
    }
}
