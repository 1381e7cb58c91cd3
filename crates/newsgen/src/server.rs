//! A local feed server for all outlets on one listener; the outlet is the first path
//! segment (tests and the demo use 127.0.0.1, not the outlets' hosts):
//! `/{host}/rss.xml`, `/{host}/sitemap.xml`, `/{host}/index.html`, `/{host}/{article path}`,
//! and `/robots.txt`. Feeds carry an ETag and answer `If-None-Match` with 304, so a fetcher's
//! conditional GET is exercised. Articles can be added while it runs ([`LiveCorpus`]).

use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::{Corpus, GenArticle};

/// A corpus shared with a running server; cloning shares it.
#[derive(Debug, Clone)]
pub struct LiveCorpus(Arc<RwLock<Corpus>>);

impl LiveCorpus {
    pub fn new(corpus: Corpus) -> Self {
        LiveCorpus(Arc::new(RwLock::new(corpus)))
    }

    /// Adds an article; it is in the feeds from the next request on.
    pub fn push(&self, a: GenArticle) {
        // A poisoned lock means a reader panicked; the corpus itself is still consistent.
        let mut c = self.0.write().unwrap_or_else(|e| e.into_inner());
        c.push(a);
    }

    /// Generates and adds a new background article published at `published_ms`.
    pub fn publish(&self, published_ms: i64) -> GenArticle {
        let mut c = self.0.write().unwrap_or_else(|e| e.into_inner());
        c.publish(published_ms)
    }

    /// Runs `f` on the current corpus.
    pub fn read<R>(&self, f: impl FnOnce(&Corpus) -> R) -> R {
        let c = self.0.read().unwrap_or_else(|e| e.into_inner());
        f(&c)
    }
}

#[derive(Clone)]
struct AppState {
    live: LiveCorpus,
    base: Arc<str>,
}

/// Serves a fixed corpus until the listener fails.
pub async fn serve(listener: tokio::net::TcpListener, corpus: Arc<Corpus>) -> std::io::Result<()> {
    serve_live(listener, LiveCorpus::new(Arc::unwrap_or_clone(corpus))).await
}

/// Serves a corpus that may grow while running.
pub async fn serve_live(
    listener: tokio::net::TcpListener,
    live: LiveCorpus,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    let base = if addr.ip().is_unspecified() {
        format!("http://127.0.0.1:{}", addr.port())
    } else {
        format!("http://{addr}")
    };
    axum::serve(listener, router(live, base)).await
}

/// The router, for embedding in another server; `base_url` is used when a request has no
/// `Host` header.
pub fn router(live: LiveCorpus, base_url: String) -> Router {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/{host}", get(outlet_root))
        .route("/{host}/", get(outlet_root))
        .route("/{host}/{*rest}", get(outlet_path))
        .with_state(AppState {
            live,
            base: Arc::from(base_url),
        })
}

async fn robots() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "User-agent: *\nAllow: /\n",
    )
}

fn base_of(st: &AppState, headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()))
        .map(|h| format!("http://{h}"))
        .unwrap_or_else(|| st.base.to_string())
}

fn etag_of(body: &str) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

fn cached(headers: &HeaderMap, content_type: &'static str, body: String) -> Response {
    let tag = etag_of(&body);
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let tag_value = HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("\"0\""));
    if matches {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag_value)]).into_response();
    }
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::ETAG, tag_value),
        ],
        body,
    )
        .into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "tidak ditemukan\n").into_response()
}

async fn outlet_root(
    State(st): State<AppState>,
    Path(host): Path<String>,
    headers: HeaderMap,
) -> Response {
    page(&st, &host, "index.html", &headers)
}

async fn outlet_path(
    State(st): State<AppState>,
    Path((host, rest)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    page(&st, &host, &rest, &headers)
}

fn page(st: &AppState, host: &str, rest: &str, headers: &HeaderMap) -> Response {
    let base = base_of(st, headers);
    let rest = rest.trim_start_matches('/');
    st.live.read(|c| {
        if c.outlet(host).is_none() {
            return not_found();
        }
        match rest {
            "rss.xml" | "rss" | "feed" => cached(
                headers,
                "application/rss+xml; charset=utf-8",
                c.rss_for(host, &base),
            ),
            "sitemap.xml" | "sitemap-news.xml" => cached(
                headers,
                "application/xml; charset=utf-8",
                c.sitemap_for(host, &base),
            ),
            "" | "index.html" => cached(
                headers,
                "text/html; charset=utf-8",
                c.index_page(host, &base),
            ),
            path => match c.article_at(host, path) {
                Some(a) => (
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    a.html.clone(),
                )
                    .into_response(),
                None => not_found(),
            },
        }
    })
}
