//! `yusuan serve`: a local web page (and the small JSON API it uses) to drop
//! files on, see the tables found and what was repaired, and download the
//! same outputs `yusuan convert` / `yusuan tables` write.
//!
//! Nothing is served from the file system: the page is embedded in the
//! binary, and converted outputs are looked up by generated id in memory.
//! Uploads are written to a temporary folder that is removed on exit.

mod assets;
mod convert;
mod download;
mod store;
mod view;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// What the server is allowed to do.
#[derive(Debug, Clone)]
pub struct Config {
    /// A larger upload gets HTTP 413.
    pub max_bytes: u64,
    /// A file still converting after this fails (its reason says so).
    pub timeout: Duration,
    /// Conversions running at once.
    pub jobs: usize,
    /// Where uploads are kept (the caller removes it on exit).
    pub upload_dir: PathBuf,
}

/// Shared by every request.
pub(crate) struct AppState {
    pub config: Config,
    pub permits: Arc<Semaphore>,
    pub store: store::Store,
}

/// Multipart framing on top of the files themselves.
const MULTIPART_SLACK: u64 = 64 << 10;

/// The routes. Anything else, encoded or not, is a 404. `hosts`, when
/// given, are the only `Host` headers answered (see [`loopback_hosts`]).
pub fn router(config: Config, hosts: Option<Vec<String>>) -> Router {
    let limit =
        usize::try_from(config.max_bytes.saturating_add(MULTIPART_SLACK)).unwrap_or(usize::MAX);
    let state = Arc::new(AppState {
        permits: Arc::new(Semaphore::new(config.jobs.max(1))),
        store: store::Store::default(),
        config,
    });
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .route(
            "/api/convert",
            post(convert::upload).layer(DefaultBodyLimit::max(limit)),
        )
        .route("/api/documents/{id}", get(view::document))
        .route("/api/documents/{id}/tables/{n}", get(view::preview))
        .route(
            "/api/documents/{id}/tables/{n}/csv",
            get(download::table_csv),
        )
        .route("/api/documents/{id}/files/{name}", get(download::file))
        .route("/api/zip", get(download::zip_all))
        .fallback(assets::not_found)
        .with_state(state)
        .layer(middleware::from_fn_with_state(Arc::new(hosts), check_host))
}

/// The names a page served on a loopback address is reached by. Anything
/// else in `Host` is a web page of some other site that had its name
/// point here (DNS rebinding) to read the uploads: refused.
pub fn loopback_hosts(addr: SocketAddr) -> Option<Vec<String>> {
    let port = addr.port();
    addr.ip().is_loopback().then(|| {
        vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]
    })
}

async fn check_host(
    State(hosts): State<Arc<Option<Vec<String>>>>,
    req: Request,
    next: Next,
) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    match hosts.as_ref() {
        Some(allowed) if !host.is_some_and(|h| allowed.contains(&h)) => {
            (StatusCode::FORBIDDEN, "forbidden: unexpected Host header").into_response()
        }
        _ => next.run(req).await,
    }
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let hosts = loopback_hosts(listener.local_addr()?);
    axum::serve(listener, router(config, hosts))
        .with_graceful_shutdown(shutdown)
        .await
}

/// A future that resolves on Ctrl-C (or SIGTERM on Unix). The handlers
/// are installed when this is called, not when the future is first
/// polled: a signal right after start-up still stops the server cleanly.
/// Call it inside the runtime.
#[cfg(unix)]
pub fn stop_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {},
            _ = term.recv() => {},
        }
    })
}

#[cfg(not(unix))]
pub fn stop_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
