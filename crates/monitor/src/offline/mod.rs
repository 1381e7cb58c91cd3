//! Offline import for air-gapped offices: folders of saved HTML pages and WARC archives.
//!
//! Both readers are lazy iterators: one page in memory at a time, and a bad file or record is
//! an `Err` item after which the iterator goes on with the next one.

mod html;
mod warc;

use std::path::PathBuf;

pub use html::{HtmlFolder, detect_url, read_html_folder};
pub use warc::{WarcPages, read_warc};

/// Largest page (after decompression) taken in; bigger ones are reported and skipped.
pub const MAX_PAGE_BYTES: usize = 32 * 1024 * 1024;

/// One HTML page found offline, ready for `sinergi_extract::extract_article`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflinePage {
    /// Canonical URL if the page (or the WARC record) says so.
    pub url: Option<String>,
    /// The file the page came from (the WARC file for archive records).
    pub path: PathBuf,
    /// Raw HTML bytes (decompressed), in the page's own encoding.
    pub body: Vec<u8>,
    /// When the page was captured, in Unix milliseconds UTC: WARC-Date, or the file's
    /// modification time for saved pages.
    pub fetched_ms: Option<i64>,
}

/// Why a file or record could not be imported. Shown to officers, hence Bahasa Indonesia.
#[derive(Debug, thiserror::Error)]
pub enum OfflineError {
    #[error("gagal membaca {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("berkas {path} melebihi batas {limit} byte")]
    TooLarge { path: PathBuf, limit: usize },
    #[error("rekaman WARC rusak di {path} (rekaman ke-{record}): {reason}")]
    BadRecord {
        path: PathBuf,
        /// 1-based position of the record in the file.
        record: u64,
        reason: String,
    },
}

pub type Result<T, E = OfflineError> = std::result::Result<T, E>;
