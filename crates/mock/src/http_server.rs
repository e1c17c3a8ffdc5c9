//! The mock's HTTP/1.1 server: the accept loop, one task per connection, and the limits that keep
//! a crowd of idle or half-open connections from starving well-behaved clients. A client has
//! [`ConnectionLimits::idle_timeout`] to send a request's headers, on a new connection and between
//! keep-alive requests; past [`ConnectionLimits::max_connections`] (or when the process runs out of
//! file descriptors) the connection idle the longest is closed to make room for the new one.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc, watch};
use tower::ServiceExt;

pub use super::settings::ConnectionLimits;

/// How long shutting down waits for requests in flight before closing their connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A pause after an accept error (out of file descriptors, say) before trying again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(5);

/// The open connections, and which of them are idle, in the order they became so.
#[derive(Default)]
struct Connections {
    next_id: u64,
    next_seq: u64,
    /// Connection id -> (the idle sequence number, if idle; what closes it).
    open: HashMap<u64, (Option<u64>, Arc<Notify>)>,
    /// Idle sequence number -> connection id, oldest first.
    idle: BTreeMap<u64, u64>,
}

impl Connections {
    fn open(&mut self) -> (u64, Arc<Notify>) {
        let id = self.next_id;
        self.next_id += 1;
        let closer = Arc::new(Notify::new());
        self.open.insert(id, (None, closer.clone()));
        self.mark_idle(id);
        (id, closer)
    }

    fn mark_idle(&mut self, id: u64) {
        let seq = self.next_seq;
        self.next_seq += 1;
        if let Some((idle_seq, _)) = self.open.get_mut(&id) {
            if let Some(old) = idle_seq.replace(seq) {
                self.idle.remove(&old);
            }
            self.idle.insert(seq, id);
        }
    }

    fn mark_busy(&mut self, id: u64) {
        if let Some((idle_seq, _)) = self.open.get_mut(&id)
            && let Some(seq) = idle_seq.take()
        {
            self.idle.remove(&seq);
        }
    }

    fn close(&mut self, id: u64) {
        if let Some((Some(seq), _)) = self.open.remove(&id) {
            self.idle.remove(&seq);
        }
    }

    /// Closes the connection idle the longest; false when none is idle.
    fn evict_oldest_idle(&mut self) -> bool {
        let Some((_, id)) = self.idle.pop_first() else {
            return false;
        };
        if let Some((idle_seq, closer)) = self.open.get_mut(&id) {
            *idle_seq = None;
            closer.notify_one();
        }
        true
    }
}

/// A connection's handle on the table: marks it busy while a request is answered, idle after,
/// and takes it off the table when the connection ends.
struct Registration {
    id: u64,
    connections: Arc<parking_lot::Mutex<Connections>>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.connections.lock().close(self.id);
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` fires, then lets requests in
/// flight finish (for up to [`SHUTDOWN_GRACE`]).
pub(super) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: tokio::sync::oneshot::Receiver<()>,
) {
    let connections = Arc::new(parking_lot::Mutex::new(Connections::default()));
    let (stopping_tx, stopping_rx) = watch::channel(false);
    // Every connection task holds a sender; when all are gone, every connection has ended.
    let (alive_tx, mut alive_rx) = mpsc::channel::<()>(1);
    let mut last_complaint: Option<Instant> = None;
    let mut shutdown = shutdown;
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(err) => {
                // Out of file descriptors (or another passing failure): make room and go on.
                let evicted = connections.lock().evict_oldest_idle();
                if last_complaint.is_none_or(|at| at.elapsed() > Duration::from_secs(10)) {
                    eprintln!(
                        "mwcheck mock: could not accept a connection ({err}); {}",
                        if evicted {
                            "closing the connection idle the longest"
                        } else {
                            "no connection is idle, retrying"
                        }
                    );
                    last_complaint = Some(Instant::now());
                }
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        let registration = {
            let mut table = connections.lock();
            if table.open.len() >= limits.max_connections && !table.evict_oldest_idle() {
                // Every connection is busy answering: this one cannot be taken now.
                drop(stream);
                continue;
            }
            let (id, closer) = table.open();
            (
                Registration {
                    id,
                    connections: connections.clone(),
                },
                closer,
            )
        };
        tokio::spawn(connection(
            stream,
            peer,
            app.clone(),
            limits,
            registration,
            stopping_rx.clone(),
            alive_tx.clone(),
        ));
    }
    drop(listener);
    let _ = stopping_tx.send(true);
    drop(alive_tx);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, alive_rx.recv()).await;
}

/// Serves one connection until the client leaves, it idles past the limit, it is evicted, or
/// the server stops (a request in flight is answered first).
async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    app: Router,
    limits: ConnectionLimits,
    (registration, closer): (Registration, Arc<Notify>),
    mut stopping: watch::Receiver<bool>,
    _alive: mpsc::Sender<()>,
) {
    let _ = stream.set_nodelay(true);
    let registration = Arc::new(registration);
    let service = hyper::service::service_fn({
        let registration = registration.clone();
        move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let app = app.clone();
            let registration = registration.clone();
            registration.connections.lock().mark_busy(registration.id);
            async move {
                let response = app.oneshot(request).await;
                registration.connections.lock().mark_idle(registration.id);
                response
            }
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.idle_timeout)
        .keep_alive(true);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let stop_requested = async {
        while !*stopping.borrow_and_update() {
            if stopping.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        _ = conn.as_mut() => return,
        () = closer.notified() => return,
        () = stop_requested => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_idle_the_longest_goes_first_and_busy_ones_stay() {
        let mut table = Connections::default();
        let (a, closer_a) = table.open();
        let (b, _) = table.open();
        let (c, _) = table.open();
        // `a` is answering a request; `b` became idle before `c`.
        table.mark_busy(a);
        assert!(table.evict_oldest_idle());
        assert_eq!(table.open[&b].0, None, "b was idle the longest");
        table.close(b);
        // `c` answers and becomes idle again; `a` finishes after it.
        table.mark_busy(c);
        table.mark_idle(c);
        table.mark_idle(a);
        assert!(table.evict_oldest_idle());
        assert_eq!(table.open[&c].0, None);
        table.close(c);
        table.mark_busy(a);
        assert!(
            !table.evict_oldest_idle(),
            "a busy connection is never closed"
        );
        table.close(a);
        assert!(table.open.is_empty() && table.idle.is_empty());
        drop(closer_a);
    }
}
