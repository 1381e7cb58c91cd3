//! Errors of the fetcher. `Display` is shown to officers, hence Bahasa Indonesia.

use std::net::IpAddr;
use std::time::Duration;

/// Why a URL was refused by the SSRF guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForbidReason {
    /// Only `http` and `https` are fetched.
    Scheme(String),
    /// `user:pass@host` URLs would leak or smuggle credentials.
    Credentials,
    /// The URL has no host.
    NoHost,
    /// `localhost` and `*.localhost` always mean this machine (RFC 6761).
    LocalName,
    /// The address (literal or resolved) is in a non-public range.
    Address { ip: IpAddr, range: &'static str },
    /// The name resolved to no address at all after filtering.
    NoPublicAddress,
}

impl std::fmt::Display for ForbidReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Scheme(s) => write!(f, "skema \"{s}\" tidak didukung, hanya http dan https"),
            Self::Credentials => f.write_str("URL tidak boleh memuat nama pengguna atau sandi"),
            Self::NoHost => f.write_str("URL tidak memiliki nama host"),
            Self::LocalName => f.write_str("nama host menunjuk ke mesin ini sendiri"),
            Self::Address { ip, range } => {
                write!(f, "alamat {ip} termasuk jaringan {range} yang tidak publik")
            }
            Self::NoPublicAddress => f.write_str("nama host tidak mengarah ke alamat publik"),
        }
    }
}

/// Everything that can go wrong while fetching one URL.
///
/// The variants are chosen so a job queue can decide: `Forbidden`, `RobotsDisallowed`,
/// `InvalidUrl`, `Status` are permanent; `Throttled`, `Server`, `Timeout`, `Network`,
/// `RobotsUnavailable` are worth retrying later (see [`FetchError::is_temporary`]).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("URL tidak valid: {0}")]
    InvalidUrl(String),
    #[error("alamat {url} ditolak demi keamanan: {reason}")]
    Forbidden { url: String, reason: ForbidReason },
    #[error("robots.txt situs melarang pengambilan {0}")]
    RobotsDisallowed(String),
    /// robots.txt answered 5xx or could not be reached: RFC 9309 §2.3.1.3 says to assume
    /// a complete disallow for now.
    #[error("robots.txt situs {0} sedang tidak dapat diambil; coba lagi nanti")]
    RobotsUnavailable(String),
    #[error("situs meminta pengambilan diperlambat (HTTP 429)")]
    Throttled { retry_after: Option<Duration> },
    #[error("server situs sedang bermasalah (HTTP {0})")]
    Server(u16),
    #[error("situs menjawab dengan status HTTP {0}")]
    Status(u16),
    #[error("ukuran halaman melebihi batas {limit} byte")]
    TooLarge { limit: usize },
    #[error("waktu pengambilan habis")]
    Timeout,
    #[error("terlalu banyak pengalihan (redirect)")]
    TooManyRedirects,
    #[error("gagal menghubungi situs: {0}")]
    Network(String),
    #[error("konfigurasi pengambil halaman tidak valid: {0}")]
    Config(String),
}

impl FetchError {
    /// True when the same request may succeed later (the caller should back off and retry).
    pub fn is_temporary(&self) -> bool {
        matches!(
            self,
            Self::Throttled { .. }
                | Self::Server(_)
                | Self::Timeout
                | Self::Network(_)
                | Self::RobotsUnavailable(_)
        )
    }

    /// The delay the server asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Throttled { retry_after } => *retry_after,
            _ => None,
        }
    }
}
