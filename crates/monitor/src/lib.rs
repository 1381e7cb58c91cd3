//! Media monitoring ("Pantau Media"): fetching news sources and importing offline archives.

pub mod fetch;
pub mod offline;
