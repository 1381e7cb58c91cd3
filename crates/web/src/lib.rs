//! Sinergi's web layer: server-rendered pages in Bahasa Indonesia (askama + htmx), the JSON API
//! under `/api/v1` with its OpenAPI document, `/healthz` and `/metrics`.
//!
//! Handlers are thin: they parse input, call a `sinergi_core::Core` service with the acting
//! user, and render. Permission and scope checks live in core.

pub mod api;
pub mod assets;
pub mod auth;
pub mod error;
pub mod metrics;
pub mod pages;
pub mod portal;
pub mod security;
pub mod view;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use sinergi_core::Core;
use tokio::net::TcpListener;

/// Settings of the web layer.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when served over HTTPS, directly or behind a proxy).
    pub cookie_secure: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_forwarded_for: bool,
    /// Public address of this deployment, without a trailing slash (absolute links in the
    /// portal's feeds, sitemap and OpenGraph tags). Never taken from the request's Host header,
    /// which anyone can forge into a cached page.
    pub public_url: String,
}

#[derive(Clone)]
pub struct AppState {
    pub core: Arc<Core>,
    pub cfg: Arc<WebConfig>,
    pub metrics: Arc<metrics::Metrics>,
    pub portal_cache: Arc<portal::cache::PortalCache>,
}

impl AppState {
    pub fn new(core: Arc<Core>, cfg: WebConfig) -> Self {
        Self {
            core,
            cfg: Arc::new(cfg),
            metrics: Arc::new(metrics::Metrics::default()),
            portal_cache: Default::default(),
        }
    }
}

/// Largest request body accepted (forms and JSON; uploads get their own limits).
pub const MAX_BODY: usize = 1024 * 1024;

/// The whole application router.
pub fn router(state: AppState) -> Router {
    let forms = Router::new()
        .merge(portal::router())
        .merge(pages::router())
        .nest("/api/v1", api::router())
        .merge(assets::router())
        .route("/healthz", axum::routing::get(metrics::healthz))
        .route("/metrics", axum::routing::get(metrics::prometheus))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        // Refuses oversized bodies by Content-Length with a plain 413 before any handler runs.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY));
    // Uploads get their own, larger limit (the file limit plus room for the form fields).
    let upload_limit = state.core.max_upload() + 64 * 1024;
    let uploads = pages::upload_router()
        .layer(DefaultBodyLimit::max(upload_limit))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(upload_limit));
    Router::new()
        .merge(forms)
        .merge(uploads)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .with_state(state)
}

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
