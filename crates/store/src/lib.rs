//! Storage backends for Sinergi: SQLite (embedded default) and PostgreSQL (selected by a
//! `postgres://` URL, for several instances sharing one deployment).
//!
//! Both implement [`sinergi_core::store::Store`] from one body of SQL (see `shared.rs`), with
//! the few dialect differences passed in explicitly; each backend keeps its own migrations.

mod crisis;
mod monitor;
mod newsroom;
pub mod postgres;
mod shared;
pub mod sqlite;
#[doc(hidden)]
pub mod testing;

use std::path::Path;
use std::sync::Arc;

use sinergi_core::store::Store;

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the database: {0}")]
    Connect(String),
    #[error("cannot apply migrations: {0}")]
    Migrate(String),
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(String, String),
}

/// Opens the store: PostgreSQL when `database_url` is a `postgres://` URL, otherwise SQLite in
/// `data_dir/sinergi.db`. Migrations are applied before it returns.
pub async fn open(
    database_url: Option<&str>,
    data_dir: &Path,
) -> Result<Arc<dyn Store>, OpenError> {
    match database_url.filter(|u| !u.trim().is_empty()) {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Arc::new(postgres::PgStore::connect(url).await?))
        }
        Some(url) => Err(OpenError::Connect(format!(
            "unsupported DATABASE_URL scheme in {}; use postgres://",
            redact_url(url)
        ))),
        None => Ok(Arc::new(sqlite::SqliteStore::open(data_dir).await?)),
    }
}

/// `postgres://user:secret@host/db` -> `postgres://user:***@host/db`, for logs and `config`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((creds, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match creds.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// Escapes LIKE wildcards in user input and wraps it for a substring match (`ESCAPE '\'`).
pub(crate) fn like_contains(q: &str) -> String {
    let mut out = String::with_capacity(q.len() + 2);
    out.push('%');
    for c in q.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/sinergi"),
            "postgres://app:***@db:5432/sinergi"
        );
        assert_eq!(redact_url("postgres://db/sinergi"), "postgres://db/sinergi");
    }

    #[test]
    fn escapes_like() {
        assert_eq!(like_contains("50%_A"), "%50\\%\\_a%");
    }
}
