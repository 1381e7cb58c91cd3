//! Full-text search over monitored news articles for Sinergi.
//!
//! - [`parse_query`]: the query language officers type (bare words, "phrases", AND/OR/NOT,
//!   parentheses, `source:`, `region:`, `tone:`, `title:`, `issue:`, `date:`), with errors in
//!   Bahasa Indonesia; the AST [`Query`] is public and can be rewritten.
//! - [`SearchIndex`]: an embedded tantivy index with the Indonesian analyzer of
//!   [`analyzer`] (fold, stopwords, Sastrawi stems), visibility scoping, facets, highlights,
//!   uncapped id export and daily counts.
//! - [`Query::matches`]: the same query evaluated on one article in memory, for routing new
//!   articles to saved searches.

pub mod analyzer;
mod highlight;
mod index;
pub mod query;

pub use index::{
    Facets, Hit, SearchError, SearchIndex, SearchRequest, SearchResults, Sort, Visibility,
    WriterOptions,
};
pub use query::{
    AnalyzedDoc, Field, Query, QueryError, WIB_OFFSET_SECS, canonical_tone, parse_query,
    parse_query_tz,
};

/// One monitored article as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleDoc {
    /// Store primary key; unique in the index (upsert replaces).
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Body text.
    pub text: String,
    /// Outlet display name, e.g. "Kompas.com".
    pub source: String,
    /// Outlet id in the store.
    pub source_id: i64,
    /// Kemendagri codes ("32", "32.73"); ancestors are indexed too.
    pub regions: Vec<String>,
    /// "positive" | "neutral" | "negative".
    pub tone: String,
    /// Publication time, UTC millis.
    pub published_ms: i64,
    /// Story cluster.
    pub issue_id: Option<i64>,
    /// Organisations that own the source (visibility).
    pub org_ids: Vec<i64>,
}
