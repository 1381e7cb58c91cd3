//! What monitoring needs from storage. Implemented by `sinergi-store` for both backends.

use async_trait::async_trait;

use super::model::*;
use crate::jobs::NewJob;
use crate::network::AuditEntry;
use crate::page::{Page, PageReq};
use crate::store::StoreResult;
use crate::time::Millis;

#[derive(Debug, Clone, PartialEq)]
pub struct SourceFields {
    pub name: String,
    pub kind: SourceKind,
    pub url: String,
    pub outlet: String,
    pub region_code: Option<String>,
    pub interval_secs: i64,
}

/// The outcome of one poll, recorded on the source.
#[derive(Debug, Clone)]
pub struct PollRecord {
    pub at: Millis,
    pub ok: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub error: Option<String>,
    pub next_poll_at: Millis,
}

/// A link found in a feed, waiting to be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedUrl {
    pub canonical_url: String,
    pub url: String,
    pub title_hint: Option<String>,
}

/// Who sees which sources: the centre all, others their own organisation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceVisibility {
    pub all: bool,
    pub org_id: i64,
}

/// Article volume of one source: the last 24 hours and the 14 days before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SourceVolume {
    pub source_id: i64,
    pub last_day: i64,
    pub previous_14_days: i64,
    pub health: &'static str,
}

#[async_trait]
pub trait MonitorStore: Send + Sync {
    // Sources.
    async fn insert_source(
        &self,
        org_id: i64,
        f: &SourceFields,
        created_by: &str,
        now: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<Source>;
    async fn update_source(
        &self,
        id: i64,
        f: &SourceFields,
        now: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<Source>;
    async fn set_source_state(
        &self,
        id: i64,
        state: SourceState,
        next_poll_at: Millis,
        now: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<Source>;
    async fn source_by_id(&self, id: i64) -> StoreResult<Option<Source>>;
    async fn list_sources(
        &self,
        vis: SourceVisibility,
        q: &str,
        page: PageReq,
    ) -> StoreResult<Page<Source>>;
    /// Active sources whose next poll is due, oldest first.
    async fn due_sources(&self, now: Millis, limit: i64) -> StoreResult<Vec<Source>>;
    async fn record_poll(&self, id: i64, rec: &PollRecord) -> StoreResult<()>;
    async fn set_source_health(&self, id: i64, health: &str) -> StoreResult<()>;
    async fn source_volumes(&self, now: Millis) -> StoreResult<Vec<SourceVolume>>;

    // The fetch queue.
    /// Queues links not seen before (by canonical URL) and, in the same transaction, enqueues
    /// `job` with the new links' canonical URLs put in its payload under `"urls"`. Returns the
    /// number of new links (no job when zero).
    async fn queue_urls(
        &self,
        source_id: Option<i64>,
        urls: &[QueuedUrl],
        job: &NewJob,
        now: Millis,
    ) -> StoreResult<usize>;
    /// The still-pending links among `canonical_urls`.
    async fn pending_urls(&self, canonical_urls: &[String]) -> StoreResult<Vec<QueuedUrl>>;
    async fn finish_url(
        &self,
        canonical_url: &str,
        error: Option<&str>,
        now: Millis,
    ) -> StoreResult<()>;

    // Articles.
    /// Inserts the articles not stored yet (by canonical URL) in one transaction, with their
    /// region rows, issue and source counters, and marks their queue entries done. Returns each
    /// article's id (existing or new) and whether it was new, in input order.
    async fn insert_articles(&self, articles: &[NewArticle]) -> StoreResult<Vec<(i64, bool)>>;
    async fn article_by_id(&self, id: i64) -> StoreResult<Option<Article>>;
    /// Articles by id, in the order given (missing ids skipped).
    async fn articles_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<Article>>;
    /// Articles with `id > after_id` in id order (reindexing, clusterer warm-up).
    async fn articles_after(&self, after_id: i64, limit: i64) -> StoreResult<Vec<Article>>;
    /// Ids of articles with `id > after_id`, in id order (an instance's index catching up with
    /// what other instances stored).
    async fn article_ids_after(&self, after_id: i64, limit: i64) -> StoreResult<Vec<i64>>;
    /// Articles published at or after `since` with `id > after_id`, in id order (warm-up after
    /// a restart reads only recent articles, however large the table).
    async fn articles_published_since(
        &self,
        since: Millis,
        after_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<Article>>;
    async fn count_articles(&self) -> StoreResult<i64>;
    /// Puts articles into syndication groups: `(article, first article of the story)`.
    async fn set_article_stories(&self, pairs: &[(i64, i64)]) -> StoreResult<()>;
    /// Ids of the articles of one syndication group, oldest first.
    async fn story_members(&self, story_id: i64, limit: i64) -> StoreResult<Vec<i64>>;
    /// Per-key article counts in consecutive windows ending at `now` (window 0 is the latest):
    /// `(key, [(total, negative); windows])`, keyed by region code (`by = "region"`) or issue id.
    async fn window_counts(
        &self,
        by: &str,
        now: Millis,
        window_ms: i64,
        windows: usize,
    ) -> StoreResult<Vec<(String, Vec<(u64, u64)>)>>;
    /// Organisations that have at least one active user (who would read an alert).
    async fn orgs_with_users(&self) -> StoreResult<Vec<crate::network::Org>>;

    // Issues (story clusters).
    async fn insert_issue(&self, label: &str, at: Millis) -> StoreResult<i64>;
    async fn set_issue_label(&self, id: i64, label: &str) -> StoreResult<()>;
    async fn issues_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<Issue>>;

    // Saved searches.
    async fn insert_saved_search(
        &self,
        org_id: i64,
        user_id: i64,
        name: &str,
        query: &str,
        notify: bool,
        now: Millis,
    ) -> StoreResult<SavedSearch>;
    async fn saved_searches_of(&self, user_id: i64) -> StoreResult<Vec<SavedSearch>>;
    async fn saved_search_by_id(&self, id: i64) -> StoreResult<Option<SavedSearch>>;
    async fn all_saved_searches(&self) -> StoreResult<Vec<SavedSearch>>;
    async fn delete_saved_search(&self, id: i64) -> StoreResult<bool>;
    /// Records matches not recorded before; returns the newly matched article ids.
    async fn record_matches(
        &self,
        search_id: i64,
        article_ids: &[i64],
        now: Millis,
    ) -> StoreResult<Vec<i64>>;

    // Alerts.
    /// `None` when an alert with the same dedupe key exists.
    async fn insert_alert(&self, a: &NewAlert) -> StoreResult<Option<Alert>>;
    async fn set_alert_notified(&self, id: i64, notified: &str) -> StoreResult<()>;
    async fn list_alerts(
        &self,
        org_ids: &[i64],
        all: bool,
        page: PageReq,
    ) -> StoreResult<Page<Alert>>;
}
