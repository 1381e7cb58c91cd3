//! Media monitoring ("Pantau Media"): fetching news sources and importing offline archives.

pub mod fetch;
pub mod offline;
pub mod pipeline;
pub mod search_adapter;

pub use pipeline::Pipeline;
pub use search_adapter::Searcher;
