//! Monitoring services: every call checks the actor's permission and scope. Articles are
//! visible to the centre, to the units of the regions they are about (a province also sees its
//! regencies' articles) and to the organisation that owns the source.

use std::sync::Arc;

use serde::Deserialize;

use super::index::{
    ArticleIndex, ArticleVisibility, IndexError, IndexQuery, IndexResults, SortOrder,
};
use super::model::*;
use super::spike::SpikeRule;
use super::store::{SourceFields, SourceVisibility};
use crate::auth::Actor;
use crate::error::{CoreError, CoreResult};
use crate::jobs::NewJob;
use crate::network::{AuditEntry, OrgLevel, Permission};
use crate::page::{Page, PageReq};
use crate::service::Core;
use crate::time::{Millis, now_millis};
use crate::validate::{self, Checks};

mod dashboard;
mod searches;

pub use dashboard::{
    CLIPPING_MAX_ARTICLES, ClippingData, ClippingGroup, IssueDetail, MonitorDashboard, claim_query,
};

pub const POLL_JOB: &str = "monitor.poll_source";
pub const FETCH_JOB: &str = "monitor.fetch_articles";
pub const IMPORT_JOB: &str = "monitor.import_files";
pub const SPIKE_JOB: &str = "monitor.spike_scan";
pub const HEALTH_JOB: &str = "monitor.source_health";
pub const CLIPPING_JOB: &str = "monitor.daily_clipping";

/// Checks a source URL before it is saved (the fetcher's SSRF guard, without fetching).
pub trait UrlPolicy: Send + Sync + 'static {
    /// The URL to store, or a message in Bahasa Indonesia.
    fn check(&self, url: &str) -> Result<String, String>;
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct MonitorConfig {
    pub spike: SpikeRule,
    /// Shortest polling interval a user may set.
    pub min_interval_minutes: i64,
    pub default_interval_minutes: i64,
    /// Local hour (organisation's zone) of the daily clipping e-mail.
    pub clipping_hour: u32,
    /// Cosine similarity at which an article joins an existing issue (story cluster).
    pub cluster_threshold: f32,
}

impl Default for MonitorConfig {
    fn default() -> Self {
        Self {
            spike: SpikeRule::default(),
            min_interval_minutes: 5,
            default_interval_minutes: 15,
            clipping_hour: 7,
            cluster_threshold: 0.35,
        }
    }
}

/// A search as the search page and the API submit it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    /// `YYYY-MM-DD` (viewer's zone), inclusive.
    #[serde(default)]
    pub dari: String,
    #[serde(default)]
    pub sampai: String,
    #[serde(default)]
    pub urut: String,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

pub struct SearchHit {
    pub title_html: String,
    pub snippet_html: String,
    pub article: Article,
}

pub struct SearchPage {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    pub facets: super::index::IndexFacets,
    pub page: u32,
    pub per_page: u32,
    pub sort: SortOrder,
}

impl SearchPage {
    pub fn pages(&self) -> u32 {
        let per = self.per_page.max(1) as usize;
        u32::try_from(self.total.div_ceil(per))
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

const MAX_QUERY: usize = 500;

impl From<IndexError> for CoreError {
    fn from(e: IndexError) -> Self {
        match e {
            IndexError::Query(m) => CoreError::field("q", "bad_query", m),
            IndexError::Internal(m) => CoreError::Internal(m),
        }
    }
}

impl Core {
    /// Enables search (the full-text index) for monitoring.
    pub fn with_index(mut self, index: Arc<dyn ArticleIndex>) -> Self {
        self.index = Some(index);
        self
    }

    /// Checks source URLs with the fetcher's rules when they are saved.
    pub fn with_url_policy(mut self, policy: Arc<dyn UrlPolicy>) -> Self {
        self.url_policy = Some(policy);
        self
    }

    pub(crate) fn article_index(&self) -> CoreResult<Arc<dyn ArticleIndex>> {
        self.index
            .clone()
            .ok_or_else(|| CoreError::Internal("search index is not configured".into()))
    }

    /// Runs a blocking index call on the blocking pool.
    pub(crate) async fn on_index<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn ArticleIndex) -> Result<T, IndexError> + Send + 'static,
    ) -> CoreResult<T> {
        let index = self.article_index()?;
        tokio::task::spawn_blocking(move || f(index.as_ref()))
            .await
            .map_err(|e| CoreError::Internal(format!("index task: {e}")))?
            .map_err(CoreError::from)
    }

    /// Which articles the actor may see.
    pub fn article_visibility(&self, actor: &Actor) -> ArticleVisibility {
        searches::visibility_of_org(&actor.org)
    }

    fn sees_article(&self, actor: &Actor, a: &Article) -> bool {
        searches::article_visible(&self.article_visibility(actor), a)
    }

    fn source_visibility(actor: &Actor) -> SourceVisibility {
        SourceVisibility {
            all: actor.org.level == OrgLevel::Centre,
            org_id: actor.org.id,
        }
    }

    // ---- Sources -------------------------------------------------------------------------

    async fn source_fields(&self, input: &SourceInput) -> CoreResult<SourceFields> {
        let mut checks = Checks::default();
        let name = validate::required_text(&mut checks, "name", "Nama sumber", &input.name, 120);
        let outlet =
            validate::required_text(&mut checks, "outlet", "Nama media", &input.outlet, 120);
        let kind = SourceKind::parse(&input.kind);
        if kind.is_none() {
            checks.push(
                "kind",
                "invalid",
                "Pilih jenis sumber: feed, sitemap atau halaman rubrik.",
            );
        }
        let raw_url = input.url.trim();
        let mut url = raw_url.to_owned();
        if raw_url.is_empty() {
            checks.push("url", "required", "Alamat (URL) wajib diisi.");
        } else if raw_url.len() > 2000 {
            checks.push("url", "too_long", "Alamat (URL) terlalu panjang.");
        } else {
            let lower = raw_url.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                checks.push(
                    "url",
                    "invalid",
                    "Alamat harus diawali http:// atau https://.",
                );
            } else if let Some(policy) = &self.url_policy {
                match policy.check(raw_url) {
                    Ok(u) => url = u,
                    Err(m) => checks.push("url", "forbidden", m),
                }
            }
        }
        let region_code = input.region_code.trim();
        let region_code = if region_code.is_empty() {
            None
        } else if region_code != crate::network::org::CENTRE_CODE
            && self.store.org_by_code(region_code).await?.is_some()
        {
            Some(region_code.to_owned())
        } else {
            checks.push(
                "region_code",
                "unknown",
                format!(
                    "Kode wilayah tidak dikenal: {}",
                    region_code.chars().take(20).collect::<String>()
                ),
            );
            None
        };
        let cfg = &self.cfg.monitor;
        let minutes = match input.interval_minutes.trim() {
            "" => cfg.default_interval_minutes,
            s => match s.parse::<i64>() {
                Ok(m) if m >= cfg.min_interval_minutes && m <= 24 * 60 => m,
                _ => {
                    checks.push(
                        "interval_minutes",
                        "invalid",
                        format!(
                            "Interval pengambilan {}–1440 menit.",
                            cfg.min_interval_minutes
                        ),
                    );
                    cfg.default_interval_minutes
                }
            },
        };
        checks.into_result()?;
        Ok(SourceFields {
            name,
            kind: kind.unwrap_or(SourceKind::Feed),
            url,
            outlet,
            region_code,
            interval_secs: minutes * 60,
        })
    }

    fn source_audit(
        actor: &Actor,
        action: &str,
        id: i64,
        before: Option<&Source>,
        after: Option<&SourceFields>,
    ) -> AuditEntry {
        AuditEntry {
            at: now_millis(),
            actor_user_id: actor.user_id,
            actor: actor.email.clone(),
            org_code: Some(actor.org.code.clone()),
            action: action.to_owned(),
            entity: "monitor_source".into(),
            entity_id: id.to_string(),
            before: before.map(|s| serde_json::json!({"name": s.name, "url": s.url, "kind": s.kind.as_str(), "state": s.state.as_str()})),
            after: after.map(|f| serde_json::json!({"name": f.name, "url": f.url, "kind": f.kind.as_str(), "outlet": f.outlet, "region_code": f.region_code, "interval_secs": f.interval_secs})),
            ip: actor.ip.clone(),
        }
    }

    /// Adds a source for the actor's organisation; its first poll is due at once.
    pub async fn add_source(&self, actor: &Actor, input: &SourceInput) -> CoreResult<Source> {
        actor.require(Permission::MonitorEdit)?;
        let f = self.source_fields(input).await?;
        let audit = Self::source_audit(actor, "monitor_source.create", 0, None, Some(&f));
        let src = self
            .store
            .insert_source(actor.org.id, &f, &actor.email, now_millis(), &audit)
            .await
            .map_err(duplicate_url)?;
        self.enqueue_poll(src.id).await?;
        Ok(src)
    }

    pub async fn update_source(
        &self,
        actor: &Actor,
        id: i64,
        input: &SourceInput,
    ) -> CoreResult<Source> {
        actor.require(Permission::MonitorEdit)?;
        let before = self.source(actor, id).await?;
        self.require_source_owner(actor, &before)?;
        let f = self.source_fields(input).await?;
        let audit = Self::source_audit(actor, "monitor_source.update", id, Some(&before), Some(&f));
        self.store
            .update_source(id, &f, now_millis(), &audit)
            .await
            .map_err(duplicate_url)
    }

    fn require_source_owner(&self, actor: &Actor, s: &Source) -> CoreResult<()> {
        if actor.org.level == OrgLevel::Centre || s.org_id == actor.org.id {
            Ok(())
        } else {
            Err(CoreError::Forbidden)
        }
    }

    /// Pauses or resumes a source (resuming makes it due at once).
    pub async fn set_source_paused(
        &self,
        actor: &Actor,
        id: i64,
        paused: bool,
    ) -> CoreResult<Source> {
        actor.require(Permission::MonitorEdit)?;
        let before = self.source(actor, id).await?;
        self.require_source_owner(actor, &before)?;
        let state = if paused {
            SourceState::Paused
        } else {
            SourceState::Active
        };
        let action = if paused {
            "monitor_source.pause"
        } else {
            "monitor_source.resume"
        };
        let audit = Self::source_audit(actor, action, id, Some(&before), None);
        let now = now_millis();
        let s = self
            .store
            .set_source_state(id, state, now, now, &audit)
            .await?;
        if !paused {
            self.enqueue_poll(id).await?;
        }
        Ok(s)
    }

    pub async fn source(&self, actor: &Actor, id: i64) -> CoreResult<Source> {
        actor.require(Permission::MonitorView)?;
        let s = self
            .store
            .source_by_id(id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let vis = Self::source_visibility(actor);
        if vis.all || s.org_id == vis.org_id {
            Ok(s)
        } else {
            Err(CoreError::NotFound)
        }
    }

    pub async fn list_sources(
        &self,
        actor: &Actor,
        q: &str,
        page: PageReq,
    ) -> CoreResult<Page<Source>> {
        actor.require(Permission::MonitorView)?;
        let q: String = q.trim().chars().take(100).collect();
        Ok(self
            .store
            .list_sources(Self::source_visibility(actor), &q, page)
            .await?)
    }

    /// Polls a source now (the "Ambil sekarang" button).
    pub async fn poll_source_now(&self, actor: &Actor, id: i64) -> CoreResult<()> {
        actor.require(Permission::MonitorEdit)?;
        let s = self.source(actor, id).await?;
        self.require_source_owner(actor, &s)?;
        self.enqueue_poll(id).await
    }

    async fn enqueue_poll(&self, source_id: i64) -> CoreResult<()> {
        let now = now_millis();
        let mut job = NewJob::now(POLL_JOB, serde_json::json!({ "source_id": source_id }));
        // One poll per source per 10 s, however often the button is pressed.
        job.dedupe_key = Some(format!("poll:{source_id}:{}", now / 10_000));
        job.max_attempts = 3;
        self.store.enqueue_job(&job).await?;
        Ok(())
    }

    /// Enqueues polls of every due source (the scheduler's tick). Returns how many.
    pub async fn schedule_due_polls(&self, now: Millis) -> CoreResult<usize> {
        let due = self.store.due_sources(now, 500).await?;
        for s in &due {
            let mut job = NewJob::now(POLL_JOB, serde_json::json!({ "source_id": s.id }));
            job.dedupe_key = Some(format!("poll:{}:{}", s.id, s.next_poll_at));
            job.max_attempts = 3;
            self.store.enqueue_job(&job).await?;
        }
        Ok(due.len())
    }

    // ---- Articles and search ------------------------------------------------------------

    pub async fn article(&self, actor: &Actor, id: i64) -> CoreResult<Article> {
        actor.require(Permission::MonitorView)?;
        let a = self
            .store
            .article_by_id(id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if self.sees_article(actor, &a) {
            Ok(a)
        } else {
            Err(CoreError::NotFound)
        }
    }

    /// Articles of the same syndication group (the same story in other outlets).
    pub async fn syndicated_copies(&self, actor: &Actor, a: &Article) -> CoreResult<Vec<Article>> {
        let Some(story) = a.story_id else {
            return Ok(vec![]);
        };
        let ids = self.store.story_members(story, 50).await?;
        let ids: Vec<i64> = ids.into_iter().filter(|&i| i != a.id).collect();
        let arts = self.store.articles_by_ids(&ids).await?;
        Ok(arts
            .into_iter()
            .filter(|x| self.sees_article(actor, x))
            .collect())
    }

    fn index_query(&self, actor: &Actor, p: &SearchParams) -> CoreResult<IndexQuery> {
        if p.q.chars().count() > MAX_QUERY {
            return Err(CoreError::field(
                "q",
                "too_long",
                format!("Kueri paling banyak {MAX_QUERY} karakter."),
            ));
        }
        let zone = crate::time::Zone::for_region_code(&actor.org.code);
        let mut checks = Checks::default();
        let from_ms = parse_day(&mut checks, "dari", &p.dari, zone, false);
        let to_ms = parse_day(&mut checks, "sampai", &p.sampai, zone, true);
        if let (Some(f), Some(t)) = (from_ms, to_ms)
            && f > t
        {
            checks.push("sampai", "invalid", "Tanggal akhir sebelum tanggal awal.");
        }
        checks.into_result()?;
        let page = PageReq::new(p.page, p.per_page.or(Some(20)));
        let mut q = IndexQuery::new(p.q.trim(), self.article_visibility(actor));
        q.from_ms = from_ms;
        q.to_ms = to_ms;
        q.sort = if p.urut.is_empty() && p.q.trim().is_empty() {
            SortOrder::Newest
        } else if p.urut.is_empty() {
            SortOrder::Relevance
        } else {
            SortOrder::parse(&p.urut)
        };
        q.offset = usize::try_from(page.offset()).unwrap_or(0);
        q.limit = page.per_page as usize;
        Ok(q)
    }

    pub async fn search_articles(&self, actor: &Actor, p: &SearchParams) -> CoreResult<SearchPage> {
        actor.require(Permission::MonitorView)?;
        let mut q = self.index_query(actor, p)?;
        q.facets = true;
        q.highlight = true;
        let sort = q.sort;
        let (offset, limit) = (q.offset, q.limit);
        let res: IndexResults = self.on_index(move |i| i.search(&q)).await?;
        let ids: Vec<i64> = res.hits.iter().map(|h| h.id).collect();
        let arts = self.store.articles_by_ids(&ids).await?;
        let mut by_id: std::collections::HashMap<i64, Article> =
            arts.into_iter().map(|a| (a.id, a)).collect();
        let hits = res
            .hits
            .into_iter()
            .filter_map(|h| {
                by_id.remove(&h.id).map(|article| SearchHit {
                    title_html: h.title_html,
                    snippet_html: h.snippet_html,
                    article,
                })
            })
            .collect();
        Ok(SearchPage {
            total: res.total,
            hits,
            facets: res.facets,
            page: u32::try_from(offset / limit.max(1) + 1).unwrap_or(1),
            per_page: u32::try_from(limit).unwrap_or(20),
            sort,
        })
    }

    /// Every matching article id, for exports (no cap).
    pub async fn export_ids(&self, actor: &Actor, p: &SearchParams) -> CoreResult<Vec<i64>> {
        actor.require(Permission::MonitorView)?;
        let q = self.index_query(actor, p)?;
        self.on_index(move |i| i.ids(&q)).await
    }

    /// Articles for an export batch (ids from [`Core::export_ids`]), visibility re-checked.
    pub async fn export_batch(&self, actor: &Actor, ids: &[i64]) -> CoreResult<Vec<Article>> {
        actor.require(Permission::MonitorView)?;
        let arts = self.store.articles_by_ids(ids).await?;
        Ok(arts
            .into_iter()
            .filter(|a| self.sees_article(actor, a))
            .collect())
    }

    /// Labels of issues (for facet links); issues are shared reference data like the directory.
    pub async fn issue_labels(
        &self,
        ids: &[i64],
    ) -> CoreResult<std::collections::HashMap<i64, String>> {
        Ok(self
            .store
            .issues_by_ids(ids)
            .await?
            .into_iter()
            .map(|i| (i.id, i.label))
            .collect())
    }

    pub async fn count_articles(&self) -> CoreResult<i64> {
        Ok(self.store.count_articles().await?)
    }
}

/// A second source with the same URL in one organisation is a field error, not a conflict page.
fn duplicate_url(e: crate::error::StoreError) -> CoreError {
    match e {
        crate::error::StoreError::Unique(_) => CoreError::field(
            "url",
            "duplicate",
            "Sumber dengan alamat ini sudah ada untuk unit Anda.",
        ),
        other => other.into(),
    }
}

/// `YYYY-MM-DD` in the viewer's zone → the start (or end, inclusive) of that day in UTC ms.
fn parse_day(
    checks: &mut Checks,
    field: &str,
    s: &str,
    zone: crate::time::Zone,
    end: bool,
) -> Option<Millis> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") else {
        checks.push(field, "invalid", "Tanggal harus berformat TTTT-BB-HH.");
        return None;
    };
    let offset_ms = i64::from(zone.offset_hours()) * 3_600_000;
    let start = d.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis() - offset_ms;
    Some(if end { start + 86_400_000 - 1 } else { start })
}
