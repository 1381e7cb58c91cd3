//! Pantau Media: news sources, analysed articles, issues (story clusters), saved searches and
//! early-warning alerts. The fetch/analysis pipeline lives in `sinergi-monitor`; the full-text
//! index in `sinergi-search`, reached through [`index::ArticleIndex`] so that visibility is
//! decided here, in core, for every query.

pub mod index;
pub mod model;
pub mod service;
pub mod spike;
pub mod store;

pub use index::{ArticleIndex, ArticleVisibility, IndexError, IndexQuery, IndexResults, SortOrder};
pub use model::*;
