//! The accept loop: HTTP/1.1 connections with a header-read timeout and a connection cap.
//!
//! - A client has `header_timeout` to send each request head; a connection that sends nothing
//!   (or half a head), and an idle keep-alive connection, is closed after it.
//! - At most `max_connections` connections are open (bounded further by the descriptor limit).
//!   When a new one arrives at the cap, the oldest connection with no request in progress
//!   (half-open or idle) is closed to make room, so slow or idle clients can never lock out
//!   `/health` or the page. Only when every connection has a request in progress is the new
//!   one answered 503 and closed.

use crate::config::Config;
use crate::framing::{Conflict, FramingReader};
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

/// The open-descriptor limit, after raising the soft limit to the hard one (as servers do).
#[cfg(unix)]
fn descriptor_limit() -> Option<u64> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit { rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    #[allow(clippy::unnecessary_cast)] // rlim_t is not u64 everywhere
    Some(limit.rlim_cur as u64)
}

#[cfg(not(unix))]
fn descriptor_limit() -> Option<u64> {
    None
}

/// The connection cap in force: `requested`, but at most half of the descriptors left after 64
/// (each proxied request may hold an upstream connection too), and at least 16.
pub fn connection_cap(requested: usize) -> usize {
    match descriptor_limit() {
        Some(limit) => requested.min((limit.saturating_sub(64) / 2).max(16) as usize),
        None => requested,
    }
}

struct Connection {
    in_flight: Arc<AtomicUsize>,
    evict: Arc<Notify>,
}

/// Counts a request in progress on a connection until dropped.
struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The answer to a connection over the cap, in the documented error form.
fn busy_answer() -> Vec<u8> {
    let body = serde_json::json!({ "error": "every connection of the proxy has a request in progress; try again" }).to_string();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nx-proxy-error: true\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Serves the proxy on `listener` until `shutdown` completes, then lets requests in progress
/// finish (for up to `config.timeout`). Fills `config.listen` with the bound address, which the
/// `Host` check compares with.
pub async fn serve(
    listener: TcpListener,
    mut config: Config,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    config.listen = listener.local_addr()?;
    let cap = connection_cap(config.max_connections);
    let header_timeout = config.header_timeout;
    let drain = config.timeout;
    let app = crate::router(config);
    let table: Arc<Mutex<BTreeMap<u64, Connection>>> = Arc::default();
    let (stop_tx, stop_rx) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    let mut next_id = 0u64;
    let mut accept_errors = 0u64;
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of descriptors or a reset before accept: wait a little, say so once in a while.
                    accept_errors += 1;
                    if accept_errors.is_power_of_two() {
                        crate::log::write_line(&format!("accept failed ({accept_errors} times so far): {}", crate::log::value(&error.to_string())));
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        next_id += 1;
        let id = next_id;
        let in_flight = Arc::new(AtomicUsize::new(0));
        let evict = Arc::new(Notify::new());
        {
            let mut open = table.lock().expect("connection table");
            while open.len() >= cap {
                let Some(idle) = open
                    .iter()
                    .find(|(_, c)| c.in_flight.load(Ordering::SeqCst) == 0)
                    .map(|(id, _)| *id)
                else {
                    break;
                };
                if let Some(old) = open.remove(&idle) {
                    old.evict.notify_one();
                }
            }
            if open.len() >= cap {
                drop(open);
                let _ = stream.try_write(&busy_answer());
                crate::log::write_line(&format!(
                    "method=- path=- status=503 ms=0 error={}",
                    crate::log::value("connection cap reached with every connection busy")
                ));
                continue;
            }
            open.insert(id, Connection { in_flight: in_flight.clone(), evict: evict.clone() });
        }
        let app = app.clone();
        let table = table.clone();
        let mut stop_rx = stop_rx.clone();
        tokio::spawn(async move {
            let _ = stream.set_nodelay(true);
            let conflicts = Arc::new(Mutex::new(BTreeSet::new()));
            let stream = FramingReader::new(stream, conflicts.clone());
            let requests = Arc::new(AtomicU64::new(0));
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                in_flight.fetch_add(1, Ordering::SeqCst);
                let number = requests.fetch_add(1, Ordering::SeqCst);
                let mut request = request;
                if conflicts.lock().expect("conflicts").remove(&number) {
                    request.extensions_mut().insert(Conflict);
                }
                let guard = InFlight(in_flight.clone());
                let app = app.clone();
                async move {
                    let response = app.oneshot(request.map(Body::new)).await;
                    drop(guard);
                    response
                }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(header_timeout).keep_alive(true);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            let mut stopping = false;
            loop {
                tokio::select! {
                    _ = connection.as_mut() => break,
                    _ = evict.notified() => break,
                    _ = stop_rx.changed(), if !stopping => {
                        stopping = true;
                        connection.as_mut().graceful_shutdown();
                    }
                }
            }
            table.lock().expect("connection table").remove(&id);
        });
    }
    drop(listener);
    let _ = stop_tx.send(());
    let deadline = tokio::time::Instant::now() + drain;
    while !table.lock().expect("connection table").is_empty()
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}
