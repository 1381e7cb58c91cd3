//! Matching new articles against every saved search at ingest, without a round-trip through
//! the index: each saved query is parsed once and evaluated in memory.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use sinergi_core::Core;
use sinergi_core::monitor::{Article, SavedSearch};
use sinergi_search::{AnalyzedDoc, Query, parse_query};

/// Saved queries are re-read at least this often (searches saved through another instance
/// start matching within it; this instance's own changes apply at once).
const REFRESH: Duration = Duration::from_secs(30);

/// Parsed saved searches, with when and at which epoch they were loaded.
type Loaded = (Instant, u64, Vec<(SavedSearch, Query)>);

#[derive(Default)]
pub struct SavedSearchCache {
    inner: Mutex<Option<Loaded>>,
}

impl SavedSearchCache {
    async fn current(&self, core: &Core) -> anyhow::Result<Vec<(SavedSearch, Query)>> {
        let epoch = core.saved_search_epoch();
        if let Ok(guard) = self.inner.lock()
            && let Some((at, seen, list)) = guard.as_ref()
            && at.elapsed() < REFRESH
            && *seen == epoch
        {
            return Ok(list.clone());
        }
        let list: Vec<(SavedSearch, Query)> = core
            .all_saved_searches()
            .await?
            .into_iter()
            .filter_map(|s| parse_query(&s.query).ok().map(|q| (s, q)))
            .collect();
        if let Ok(mut guard) = self.inner.lock() {
            *guard = Some((Instant::now(), epoch, list.clone()));
        }
        Ok(list)
    }

    /// Matches `articles` against every saved search and lets core record and notify.
    pub async fn deliver(&self, core: &Core, articles: &[Article]) -> anyhow::Result<()> {
        let searches = self.current(core).await?;
        if searches.is_empty() {
            return Ok(());
        }
        let docs: Vec<AnalyzedDoc> = articles
            .iter()
            .map(|a| AnalyzedDoc::new(&super::analyse::index_doc(a)))
            .collect();
        for (search, query) in &searches {
            let matched: Vec<Article> = articles
                .iter()
                .zip(&docs)
                .filter(|(_, d)| query.matches_analyzed(d))
                .map(|(a, _)| a.clone())
                .collect();
            if !matched.is_empty() {
                core.deliver_search_matches(search, &matched).await?;
            }
        }
        Ok(())
    }
}
