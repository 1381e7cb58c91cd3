//! Errors of the library.

/// What can go wrong building matchers or reading batch input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The Aho–Corasick automaton could not be built (too many or too long patterns).
    #[error("matcher: {0}")]
    Matcher(String),
    /// Bad JSON (entity list, model weights).
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// Bad model weights or data file.
    #[error("data: {0}")]
    Data(String),
}
