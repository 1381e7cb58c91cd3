//! Core's [`ArticleIndex`] on top of `sinergi-search`, plus the commit discipline that makes
//! the index recoverable: documents are committed in the background about once a second, and
//! the highest committed article id is written beside the index, so a restart re-indexes
//! whatever the store holds beyond it (upserts are idempotent).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use sinergi_core::monitor::index::{IndexFacets, IndexHit};
use sinergi_core::monitor::{
    ArticleIndex, ArticleVisibility, DayCount, IndexError, IndexQuery, IndexResults, SortOrder,
};
use sinergi_search::{
    ArticleDoc, Query, SearchError, SearchIndex, SearchRequest, Sort, Visibility, parse_query,
};

pub struct Searcher {
    index: SearchIndex,
    /// Where the last committed article id is kept (None for in-memory indexes).
    mark_path: Option<PathBuf>,
    /// Highest article id upserted since the last commit.
    pending_max: AtomicI64,
    dirty: AtomicBool,
    /// Ids added since the last commit (not yet visible to `missing_ids`), so catching up does
    /// not add this instance's own fresh articles a second time.
    uncommitted: std::sync::Mutex<std::collections::HashSet<i64>>,
}

fn to_index_err(e: SearchError) -> IndexError {
    match e {
        SearchError::Query(q) => IndexError::Query(q.to_string()),
        other => IndexError::Internal(other.to_string()),
    }
}

fn vis(v: &ArticleVisibility) -> Visibility {
    match v {
        ArticleVisibility::All => Visibility::All,
        ArticleVisibility::Scoped { regions, org_ids } => Visibility::Scoped {
            regions: regions.clone(),
            org_ids: org_ids.clone(),
        },
    }
}

fn sort(s: SortOrder) -> Sort {
    match s {
        SortOrder::Relevance => Sort::Relevance,
        SortOrder::Newest => Sort::Newest,
        SortOrder::Oldest => Sort::Oldest,
    }
}

impl Searcher {
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        Ok(Self {
            index: SearchIndex::open_with(dir, index_writer_options())?,
            mark_path: Some(dir.join("sinergi-last-id")),
            pending_max: AtomicI64::new(0),
            dirty: AtomicBool::new(false),
            uncommitted: Default::default(),
        })
    }

    pub fn in_memory() -> Result<Self, SearchError> {
        Ok(Self {
            index: SearchIndex::in_memory()?,
            mark_path: None,
            pending_max: AtomicI64::new(0),
            dirty: AtomicBool::new(false),
            uncommitted: Default::default(),
        })
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Highest article id known to be committed (0 for a new index).
    pub fn committed_mark(&self) -> i64 {
        self.mark_path
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    }

    pub fn upsert(&self, docs: &[ArticleDoc]) -> Result<(), SearchError> {
        if docs.is_empty() {
            return Ok(());
        }
        self.index.upsert(docs)?;
        self.mark_pending(docs);
        Ok(())
    }

    /// Like [`Searcher::upsert`] for articles just stored for the first time.
    pub fn add_new(&self, docs: &[ArticleDoc]) -> Result<(), SearchError> {
        if docs.is_empty() {
            return Ok(());
        }
        self.index.add_new(docs)?;
        self.mark_pending(docs);
        Ok(())
    }

    /// Remembers that `docs` wait for the next commit.
    fn mark_pending(&self, docs: &[ArticleDoc]) {
        if let Some(max) = docs.iter().map(|d| d.id).max() {
            self.pending_max.fetch_max(max, Ordering::SeqCst);
        }
        if let Ok(mut set) = self.uncommitted.lock() {
            set.extend(docs.iter().map(|d| d.id));
        }
        self.dirty.store(true, Ordering::SeqCst);
    }

    /// Commits when something changed; then records the committed mark.
    pub fn commit_if_dirty(&self) -> Result<bool, SearchError> {
        if !self.dirty.swap(false, Ordering::SeqCst) {
            return Ok(false);
        }
        let max = self.pending_max.load(Ordering::SeqCst);
        if let Err(e) = self.index.commit() {
            self.dirty.store(true, Ordering::SeqCst);
            return Err(e);
        }
        if let Ok(mut set) = self.uncommitted.lock() {
            set.clear();
        }
        if let Some(p) = &self.mark_path
            && max > self.committed_mark()
        {
            // Written after the commit: a crash in between only means re-indexing a little.
            let tmp = p.with_extension("tmp");
            if std::fs::write(&tmp, max.to_string()).is_ok() {
                let _ = std::fs::rename(&tmp, p);
            }
        }
        Ok(true)
    }

    fn request(&self, q: &IndexQuery) -> Result<SearchRequest, IndexError> {
        let query = if q.q.trim().is_empty() {
            Query::All
        } else {
            parse_query(&q.q).map_err(|e| IndexError::Query(e.to_string()))?
        };
        Ok(SearchRequest {
            query,
            visibility: vis(&q.visibility),
            from_ms: q.from_ms,
            to_ms: q.to_ms,
            sort: sort(q.sort),
            offset: q.offset,
            limit: q.limit,
            facets: q.facets,
            highlight: q.highlight,
        })
    }
}

/// How far back (in article ids) each catch-up pass looks again: on PostgreSQL an id is taken
/// when a transaction starts writing and becomes visible when it commits, so a lower id can
/// appear after a higher one; a transaction that stays open longer than it takes other
/// instances to store this many articles would be missed until the next restart.
const FOLLOW_OVERLAP_IDS: i64 = 5_000;
const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

impl Searcher {
    /// Of `ids`, those neither committed nor waiting for this instance's next commit.
    fn missing_ids(&self, ids: &[i64]) -> Result<Vec<i64>, SearchError> {
        let mut missing = self.index.missing_ids(ids)?;
        if let Ok(set) = self.uncommitted.lock() {
            missing.retain(|id| !set.contains(id));
        }
        Ok(missing)
    }

    /// Indexes the articles of the store this index has not seen (stored by another instance)
    /// with ids above `from`. Returns the highest id seen and how many were added; documents
    /// are replaced by id, so a race with this instance's own pipeline adds nothing twice.
    pub async fn catch_up(
        self: &Arc<Self>,
        store: &Arc<dyn sinergi_core::store::Store>,
        from: i64,
    ) -> anyhow::Result<(i64, usize)> {
        let mut after = from;
        let mut added = 0;
        loop {
            let ids = store.article_ids_after(after, 2_000).await?;
            let Some(last) = ids.last() else { break };
            after = *last;
            let s = self.clone();
            let missing = tokio::task::spawn_blocking(move || s.missing_ids(&ids)).await??;
            if missing.is_empty() {
                continue;
            }
            let docs: Vec<ArticleDoc> = store
                .articles_by_ids(&missing)
                .await?
                .iter()
                .map(crate::pipeline::index_doc)
                .collect();
            added += docs.len();
            let s = self.clone();
            tokio::task::spawn_blocking(move || s.upsert(&docs)).await??;
        }
        Ok((after, added))
    }
}

/// Keeps this instance's index in step with the store when several instances share one
/// PostgreSQL database: every few seconds, articles stored by any instance and not yet in this
/// index are added (the commit loop makes them searchable). Runs until `stop` flips.
pub async fn follow_loop(
    searcher: Arc<Searcher>,
    store: Arc<dyn sinergi_core::store::Store>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut seen = searcher.committed_mark();
    loop {
        tokio::select! {
            _ = tokio::time::sleep(FOLLOW_EVERY) => {}
            _ = stop.changed() => return,
        }
        match searcher
            .catch_up(&store, seen.saturating_sub(FOLLOW_OVERLAP_IDS).max(0))
            .await
        {
            Ok((last, added)) => {
                seen = seen.max(last);
                if added > 0 {
                    tracing::info!(
                        added,
                        "search index caught up with articles of other instances"
                    );
                }
            }
            Err(e) => tracing::warn!(error = %e, "search index catch-up failed"),
        }
    }
}

/// Commits the index about once a second until `stop` flips.
pub async fn commit_loop(searcher: Arc<Searcher>, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_millis(1000)) => {}
            _ = stop.changed() => {
                let s = searcher.clone();
                let _ = tokio::task::spawn_blocking(move || s.commit_if_dirty()).await;
                return;
            }
        }
        let s = searcher.clone();
        match tokio::task::spawn_blocking(move || s.commit_if_dirty()).await {
            Ok(Err(e)) => tracing::warn!(error = %e, "search index commit failed"),
            Err(e) => tracing::warn!(error = %e, "search index commit task failed"),
            Ok(Ok(_)) => {}
        }
    }
}

impl ArticleIndex for Searcher {
    fn search(&self, q: &IndexQuery) -> Result<IndexResults, IndexError> {
        let req = self.request(q)?;
        let r = self.index.search(&req).map_err(to_index_err)?;
        Ok(IndexResults {
            total: r.total,
            hits: r
                .hits
                .into_iter()
                .map(|h| IndexHit {
                    id: h.id,
                    score: h.score,
                    title_html: h.title_html,
                    snippet_html: h.snippet_html,
                })
                .collect(),
            facets: IndexFacets {
                sources: r.facets.sources,
                regions: r.facets.regions,
                tones: r.facets.tones,
                issues: r.facets.issues,
            },
        })
    }

    fn ids(&self, q: &IndexQuery) -> Result<Vec<i64>, IndexError> {
        let req = self.request(q)?;
        self.index.search_ids(&req).map_err(to_index_err)
    }

    fn count(&self, q: &IndexQuery) -> Result<usize, IndexError> {
        let req = self.request(q)?;
        self.index
            .count(&req.query, &req.visibility, req.from_ms, req.to_ms)
            .map_err(to_index_err)
    }

    fn daily(&self, q: &IndexQuery, tz_offset_secs: i32) -> Result<Vec<DayCount>, IndexError> {
        let req = self.request(q)?;
        let all = self
            .index
            .daily_counts(
                &req.query,
                &req.visibility,
                req.from_ms,
                req.to_ms,
                tz_offset_secs,
            )
            .map_err(to_index_err)?;
        let positive_q = match &req.query {
            Query::All => parse_query("tone:positive"),
            _ => parse_query(&format!("({}) AND tone:positive", q.q)),
        }
        .map_err(|e| IndexError::Query(e.to_string()))?;
        let pos: std::collections::HashMap<i64, u64> = self
            .index
            .daily_counts(
                &positive_q,
                &req.visibility,
                req.from_ms,
                req.to_ms,
                tz_offset_secs,
            )
            .map_err(to_index_err)?
            .into_iter()
            .map(|(d, t, _)| (d, t))
            .collect();
        Ok(all
            .into_iter()
            .map(|(day, total, negative)| DayCount {
                day_start: day,
                total,
                negative,
                positive: pos.get(&day).copied().unwrap_or(0),
            })
            .collect())
    }

    fn check_query(&self, q: &str) -> Result<(), IndexError> {
        parse_query(q)
            .map(|_| ())
            .map_err(|e| IndexError::Query(e.to_string()))
    }
}

/// One indexing thread: the pipeline already keeps every core busy with extraction and
/// analysis, and a second tantivy thread only competes with it (measured with
/// `sinergi bench ingest`).
fn index_writer_options() -> sinergi_search::WriterOptions {
    let threads = std::env::var("SINERGI_INDEX_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1usize)
        .clamp(1, 8);
    sinergi_search::WriterOptions {
        threads,
        heap_bytes: 96 * 1024 * 1024 * threads,
    }
}
