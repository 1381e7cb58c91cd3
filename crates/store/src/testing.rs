//! Helpers for test suites that run against both backends (used by this crate's tests and by
//! the web tests). Not part of the runtime API.

use sqlx::Connection;

/// The PostgreSQL server for tests (`SINERGI_TEST_DATABASE_URL`), if configured.
pub fn pg_url() -> Option<String> {
    std::env::var("SINERGI_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("sinergi_test_{}_{nanos:x}_{n}", std::process::id())
}

/// Creates a fresh, empty database on the test PostgreSQL server and returns its URL.
pub async fn fresh_pg_database(base: &str) -> Result<String, sqlx::Error> {
    let name = unique_name();
    let mut conn = sqlx::PgConnection::connect(base).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await?;
    let (head, tail) = base.rsplit_once('/').unwrap_or((base, ""));
    let query = tail
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    Ok(format!("{head}/{name}{query}"))
}

/// A fresh temporary folder path (not created).
pub fn temp_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(unique_name())
}
