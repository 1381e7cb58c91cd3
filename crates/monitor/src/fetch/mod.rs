//! Polite, SSRF-safe HTTP fetching of news sources.
//!
//! - [`check_url`] / [`check_url_resolved`] validate a source URL before it is saved;
//! - [`Fetcher`] fetches with per-host concurrency and pacing, robots.txt, conditional GET,
//!   Retry-After back-off, a streaming body limit and a total timeout;
//! - [`canonical_url`] gives the dedupe key of an article URL.

mod canonical;
mod client;
mod config;
mod error;
mod guard;
mod robots;

pub use canonical::canonical_url;
pub use client::{FetchOutcome, FetchRequest, Fetcher};
pub use config::FetchConfig;
pub use error::{FetchError, ForbidReason};
pub use guard::{check_ip, check_url, check_url_resolved, non_public_range};
