//! Job handlers of the pipeline. Everything goes through the durable queue: a poll queues new
//! links and, in the same transaction, the job that fetches them; a fetch job only takes links
//! still pending, and storing is idempotent, so a crash or restart loses nothing and stores
//! nothing twice.

use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use sinergi_core::jobs::{Job, JobContext, JobHandler, JobRunner, NewJob};
use sinergi_core::monitor::service::{
    CLIPPING_JOB, FETCH_JOB, HEALTH_JOB, IMPORT_JOB, POLL_JOB, SPIKE_JOB,
};
use sinergi_core::monitor::store::{PollRecord, QueuedUrl};
use sinergi_core::monitor::{Source, SourceKind, SourceState};
use sinergi_core::time::now_millis;
use sinergi_extract::{ItemKind, discover_links, parse_feed};

use super::{Pipeline, RawPage};
use crate::fetch::{FetchOutcome, FetchRequest, Fetcher, canonical_url};

/// Links fetched and stored per step of a fetch job (progress is kept between steps).
const FETCH_STEP: usize = 10;
/// At most this many links are taken from one poll (a huge sitemap is worked through over
/// several polls rather than in one enormous job).
const MAX_LINKS_PER_POLL: usize = 500;
/// Pages per import job.
pub const IMPORT_BATCH: usize = 200;

pub fn register(runner: &mut JobRunner, pipeline: Arc<Pipeline>, fetcher: Fetcher) {
    runner.register(
        POLL_JOB,
        Arc::new(Poll {
            p: pipeline.clone(),
            fetcher: fetcher.clone(),
        }),
    );
    runner.register(
        FETCH_JOB,
        Arc::new(FetchArticles {
            p: pipeline.clone(),
            fetcher,
        }),
    );
    runner.register(
        IMPORT_JOB,
        Arc::new(Import {
            p: pipeline.clone(),
        }),
    );
    runner.register(
        SPIKE_JOB,
        Arc::new(Spikes {
            p: pipeline.clone(),
        }),
    );
    runner.register(
        HEALTH_JOB,
        Arc::new(Health {
            p: pipeline.clone(),
        }),
    );
    runner.register(CLIPPING_JOB, Arc::new(Clipping { p: pipeline }));
}

fn payload_i64(job: &Job, key: &str) -> Result<i64, String> {
    job.payload
        .get(key)
        .and_then(serde_json::Value::as_i64)
        .ok_or_else(|| format!("payload without {key}"))
}

struct Poll {
    p: Arc<Pipeline>,
    fetcher: Fetcher,
}

/// Next poll after `failures` consecutive failures: the interval, doubled per failure, at most
/// 6 hours (or the server's Retry-After when longer).
fn next_poll(source: &Source, failures: i64, retry_after_ms: Option<i64>) -> i64 {
    let base = source.interval_secs.max(60) * 1000;
    let backoff = base
        .saturating_mul(1i64 << failures.clamp(0, 8))
        .min(6 * 3_600_000);
    now_millis() + backoff.max(retry_after_ms.unwrap_or(0))
}

#[async_trait]
impl JobHandler for Poll {
    async fn run(&self, _ctx: &JobContext, job: &Job) -> Result<(), String> {
        let id = payload_i64(job, "source_id")?;
        let store = self.p.core.store().clone();
        let Some(source) = store.source_by_id(id).await.map_err(|e| e.to_string())? else {
            return Ok(()); // Deleted meanwhile.
        };
        if source.state == SourceState::Paused {
            return Ok(());
        }
        let req = FetchRequest {
            url: source.url.clone(),
            etag: source.etag.clone(),
            last_modified: source.last_modified.clone(),
        };
        let outcome = self.fetcher.get(&req).await;
        let now = now_millis();
        let (links, etag, last_modified) = match outcome {
            Ok(FetchOutcome::NotModified) => (
                Vec::new(),
                source.etag.clone(),
                source.last_modified.clone(),
            ),
            Ok(FetchOutcome::Fetched {
                final_url,
                body,
                etag,
                last_modified,
                ..
            }) => match links_of(&source, &final_url, &body) {
                Ok(l) => (l, etag, last_modified),
                Err(msg) => {
                    record_failure(&self.p, &source, msg, None).await?;
                    return Ok(());
                }
            },
            Err(e) => {
                let retry = e
                    .retry_after()
                    .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
                record_failure(&self.p, &source, e.to_string(), retry).await?;
                return Ok(());
            }
        };
        let queued: Vec<QueuedUrl> = links.into_iter().take(MAX_LINKS_PER_POLL).collect();
        let fetch = NewJob {
            max_attempts: 8,
            ..NewJob::now(FETCH_JOB, serde_json::json!({ "source_id": source.id }))
        };
        let new = store
            .queue_urls(Some(source.id), &queued, &fetch, now)
            .await
            .map_err(|e| e.to_string())?;
        store
            .record_poll(
                source.id,
                &PollRecord {
                    at: now,
                    ok: true,
                    etag,
                    last_modified,
                    error: None,
                    next_poll_at: next_poll(&source, 0, None),
                },
            )
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!(
            source = source.id,
            links = queued.len(),
            new,
            "source polled"
        );
        Ok(())
    }
}

async fn record_failure(
    p: &Pipeline,
    source: &Source,
    error: String,
    retry_ms: Option<i64>,
) -> Result<(), String> {
    tracing::warn!(source = source.id, %error, "source poll failed");
    p.core
        .store()
        .record_poll(
            source.id,
            &PollRecord {
                at: now_millis(),
                ok: false,
                etag: source.etag.clone(),
                last_modified: source.last_modified.clone(),
                error: Some(error.chars().take(500).collect()),
                next_poll_at: next_poll(source, source.consecutive_failures + 1, retry_ms),
            },
        )
        .await
        .map_err(|e| e.to_string())
}

/// Article links of a feed, sitemap or section page, canonicalised.
fn links_of(source: &Source, base: &str, body: &[u8]) -> Result<Vec<QueuedUrl>, String> {
    let mut out: Vec<QueuedUrl> = Vec::new();
    let mut push = |url: String, title: Option<String>| {
        if let Some(c) = canonical_url(&url)
            && !out.iter().any(|q| q.canonical_url == c)
        {
            out.push(QueuedUrl {
                canonical_url: c,
                url,
                title_hint: title,
            });
        }
    };
    match source.kind {
        SourceKind::Feed | SourceKind::Sitemap => {
            let items = parse_feed(body, Some(base))
                .map_err(|e| format!("bukan feed/sitemap yang valid: {e}"))?;
            for it in items {
                if it.kind == ItemKind::Article {
                    push(it.url, it.title);
                }
            }
        }
        SourceKind::Section => {
            for l in discover_links(body, base) {
                push(l, None);
            }
        }
    }
    Ok(out)
}

struct FetchArticles {
    p: Arc<Pipeline>,
    fetcher: Fetcher,
}

#[async_trait]
impl JobHandler for FetchArticles {
    async fn run(&self, _ctx: &JobContext, job: &Job) -> Result<(), String> {
        let store = self.p.core.store().clone();
        let source = match job
            .payload
            .get("source_id")
            .and_then(serde_json::Value::as_i64)
        {
            Some(id) => store.source_by_id(id).await.map_err(|e| e.to_string())?,
            None => None,
        };
        let urls: Vec<String> = job
            .payload
            .get("urls")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        // Only links still pending: on a retry, the ones stored before the crash are skipped.
        let pending = store.pending_urls(&urls).await.map_err(|e| e.to_string())?;
        let mut temporary: Option<String> = None;
        for step in pending.chunks(FETCH_STEP) {
            let mut pages = Vec::with_capacity(step.len());
            for q in step {
                match self.fetcher.get(&FetchRequest::new(q.url.clone())).await {
                    Ok(FetchOutcome::Fetched {
                        body,
                        content_type,
                        final_url,
                        ..
                    }) => pages.push(RawPage {
                        url: final_url,
                        body,
                        content_type,
                        title_hint: q.title_hint.clone(),
                        outlet_hint: None,
                        fetched_ms: now_millis(),
                    }),
                    Ok(FetchOutcome::NotModified) => {}
                    Err(e) if e.is_temporary() => {
                        temporary.get_or_insert_with(|| e.to_string());
                    }
                    Err(e) => store
                        .finish_url(&q.canonical_url, Some(&e.to_string()), now_millis())
                        .await
                        .map_err(|e| e.to_string())?,
                }
            }
            // A page whose final URL differs (redirect) is stored under its own canonical URL;
            // the queued link is closed either way.
            let finals: Vec<(String, String)> = pages
                .iter()
                .zip(step)
                .map(|(p, q)| (p.url.clone(), q.canonical_url.clone()))
                .collect();
            let report = self
                .p
                .ingest(pages, source.as_ref())
                .await
                .map_err(|e| format!("ingest: {e}"))?;
            for (final_url, queued) in finals {
                if canonical_url(&final_url).as_deref() != Some(queued.as_str()) {
                    store
                        .finish_url(&queued, None, now_millis())
                        .await
                        .map_err(|e| e.to_string())?;
                }
            }
            tracing::debug!(?report, "fetched articles stored");
        }
        match temporary {
            // The job is retried with backoff; links already stored are not fetched again.
            Some(e) => Err(format!("sebagian tautan akan dicoba lagi: {e}")),
            None => Ok(()),
        }
    }
}

struct Import {
    p: Arc<Pipeline>,
}

#[async_trait]
impl JobHandler for Import {
    async fn run(&self, _ctx: &JobContext, job: &Job) -> Result<(), String> {
        let pages = tokio::task::spawn_blocking({
            let payload = job.payload.clone();
            move || read_import(&payload)
        })
        .await
        .map_err(|e| e.to_string())??;
        let report = self
            .p
            .ingest(pages, None)
            .await
            .map_err(|e| format!("ingest: {e}"))?;
        tracing::debug!(?report, "import batch stored");
        Ok(())
    }
}

/// The pages of one import job: `{"paths": [...]}` (HTML files) or
/// `{"warc": path, "start": n, "count": m}` (records n.. of a WARC file).
fn read_import(payload: &serde_json::Value) -> Result<Vec<RawPage>, String> {
    let now = now_millis();
    let to_raw = |p: crate::offline::OfflinePage| RawPage {
        url: p
            .url
            .unwrap_or_else(|| format!("file://{}", p.path.display())),
        body: p.body,
        content_type: None,
        title_hint: None,
        outlet_hint: None,
        fetched_ms: p.fetched_ms.unwrap_or(now),
    };
    if let Some(paths) = payload.get("paths").and_then(|v| v.as_array()) {
        let mut out = Vec::with_capacity(paths.len());
        for p in paths.iter().filter_map(|p| p.as_str()) {
            let path = PathBuf::from(p);
            match std::fs::read(&path) {
                Ok(body) => {
                    let body = match sinergi_extract::maybe_gunzip(&body) {
                        Ok(b) => b.into_owned(),
                        Err(_) => continue,
                    };
                    let url = crate::offline::detect_url(&body);
                    let fetched_ms = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .and_then(|d| i64::try_from(d.as_millis()).ok());
                    out.push(to_raw(crate::offline::OfflinePage {
                        url,
                        path,
                        body,
                        fetched_ms,
                    }));
                }
                // A file removed since the import was queued is skipped, not retried forever.
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "import file unreadable")
                }
            }
        }
        return Ok(out);
    }
    if let Some(warc) = payload.get("warc").and_then(|v| v.as_str()) {
        let start = payload.get("start").and_then(|v| v.as_u64()).unwrap_or(0) as usize;
        let count = payload
            .get("count")
            .and_then(|v| v.as_u64())
            .unwrap_or(IMPORT_BATCH as u64) as usize;
        return Ok(crate::offline::read_warc(warc)
            .filter_map(Result::ok)
            .skip(start)
            .take(count)
            .map(to_raw)
            .collect());
    }
    Err("payload impor tidak dikenal".into())
}

struct Spikes {
    p: Arc<Pipeline>,
}

#[async_trait]
impl JobHandler for Spikes {
    async fn run(&self, _ctx: &JobContext, _job: &Job) -> Result<(), String> {
        let raised = self
            .p
            .core
            .scan_spikes(now_millis())
            .await
            .map_err(|e| e.to_string())?;
        if !raised.is_empty() {
            tracing::info!(alerts = raised.len(), "early-warning alerts raised");
        }
        Ok(())
    }
}

struct Health {
    p: Arc<Pipeline>,
}

#[async_trait]
impl JobHandler for Health {
    async fn run(&self, _ctx: &JobContext, _job: &Job) -> Result<(), String> {
        self.p
            .core
            .check_source_health(now_millis())
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}

struct Clipping {
    p: Arc<Pipeline>,
}

#[async_trait]
impl JobHandler for Clipping {
    async fn run(&self, _ctx: &JobContext, _job: &Job) -> Result<(), String> {
        let n = self
            .p
            .core
            .send_daily_clippings(now_millis())
            .await
            .map_err(|e| e.to_string())?;
        if n > 0 {
            tracing::info!(orgs = n, "daily clippings announced");
        }
        Ok(())
    }
}

/// Periodic monitoring jobs for the scheduler: `(kind, dedupe key)` for this moment.
pub fn periodic(now: i64) -> Vec<(&'static str, String)> {
    vec![
        (SPIKE_JOB, format!("{SPIKE_JOB}:{}", now / 900_000)),
        (HEALTH_JOB, format!("{HEALTH_JOB}:{}", now / 3_600_000)),
        (CLIPPING_JOB, format!("{CLIPPING_JOB}:{}", now / 3_600_000)),
    ]
}
