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

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::future::Future;
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

/// The routes. Anything else, encoded or not, is a 404.
pub fn router(config: Config) -> Router {
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
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Resolves on Ctrl-C, or SIGTERM on Unix.
pub async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
