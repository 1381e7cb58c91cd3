//! Media monitoring ("Pantau Media"): fetching news sources and importing offline archives.

pub mod fetch;
pub mod offline;
pub mod pipeline;
pub mod search_adapter;

pub use pipeline::Pipeline;
pub use search_adapter::Searcher;

/// Core's source-URL check with the fetcher's SSRF rules (no network: names are resolved and
/// checked again at every fetch).
pub struct FetchPolicy(pub fetch::FetchConfig);

impl sinergi_core::monitor::service::UrlPolicy for FetchPolicy {
    fn check(&self, url: &str) -> Result<String, String> {
        fetch::check_url(url, &self.0)
            .map(|u| u.to_string())
            .map_err(|e| e.to_string())
    }
}
