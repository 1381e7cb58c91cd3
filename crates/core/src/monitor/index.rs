//! The full-text index as core sees it. `sinergi-search` implements it (tantivy); core builds
//! the [`ArticleVisibility`] from the actor, so no caller can search outside its scope.

use serde::Serialize;

use super::model::DayCount;
use crate::time::Millis;

/// Which articles an actor may see: all (the centre), or those about its regions (codes with
/// ancestors indexed, so a province code covers its regencies) or from its own sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleVisibility {
    All,
    Scoped {
        regions: Vec<String>,
        org_ids: Vec<i64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl SortOrder {
    pub fn parse(s: &str) -> Self {
        match s {
            "terbaru" | "newest" => SortOrder::Newest,
            "terlama" | "oldest" => SortOrder::Oldest,
            _ => SortOrder::Relevance,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Relevance => "relevan",
            SortOrder::Newest => "terbaru",
            SortOrder::Oldest => "terlama",
        }
    }
}

#[derive(Debug, Clone)]
pub struct IndexQuery {
    /// The user's query in the search language (may be empty: everything visible).
    pub q: String,
    pub visibility: ArticleVisibility,
    pub from_ms: Option<Millis>,
    pub to_ms: Option<Millis>,
    pub sort: SortOrder,
    pub offset: usize,
    pub limit: usize,
    pub facets: bool,
    pub highlight: bool,
}

impl IndexQuery {
    pub fn new(q: &str, visibility: ArticleVisibility) -> Self {
        Self {
            q: q.to_owned(),
            visibility,
            from_ms: None,
            to_ms: None,
            sort: SortOrder::Newest,
            offset: 0,
            limit: 20,
            facets: false,
            highlight: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexHit {
    pub id: i64,
    pub score: f32,
    /// Escaped HTML with `<mark>` around matched words.
    pub title_html: String,
    pub snippet_html: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexFacets {
    pub sources: Vec<(String, u64)>,
    pub regions: Vec<(String, u64)>,
    pub tones: Vec<(String, u64)>,
    pub issues: Vec<(i64, u64)>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexResults {
    pub total: usize,
    pub hits: Vec<IndexHit>,
    pub facets: IndexFacets,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum IndexError {
    /// The query does not parse; the message (Indonesian) is for the user.
    #[error("{0}")]
    Query(String),
    #[error("index: {0}")]
    Internal(String),
}

/// Blocking calls (tantivy is CPU-bound); core runs them on the blocking pool.
pub trait ArticleIndex: Send + Sync + 'static {
    fn search(&self, q: &IndexQuery) -> Result<IndexResults, IndexError>;
    /// Every matching id in sort order, with no cap (exports).
    fn ids(&self, q: &IndexQuery) -> Result<Vec<i64>, IndexError>;
    fn count(&self, q: &IndexQuery) -> Result<usize, IndexError>;
    /// Volume per day (days start at local midnight for `tz_offset_secs`).
    fn daily(&self, q: &IndexQuery, tz_offset_secs: i32) -> Result<Vec<DayCount>, IndexError>;
    /// Parses the query without running it (saved-search validation).
    fn check_query(&self, q: &str) -> Result<(), IndexError>;
}
