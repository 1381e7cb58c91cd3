//! SQLite backend: WAL, foreign keys on, busy timeout; the embedded default.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::OpenError;

pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

impl SqliteStore {
    /// Opens (creating if missing) `data_dir/sinergi.db` and migrates it.
    pub async fn open(data_dir: &Path) -> Result<Self, OpenError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| OpenError::DataDir(data_dir.display().to_string(), e.to_string()))?;
        let path = data_dir.join("sinergi.db");
        let opts = SqliteConnectOptions::from_str("sqlite://")
            .map_err(|e| OpenError::Connect(e.to_string()))?
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // 32 MiB page cache per connection (SQLite's default is 2 MiB): with a few hundred
            // thousand monitored articles the indexes no longer fit the default, and every
            // insert then reads index pages back through system calls.
            .pragma("cache_size", "-32768")
            .busy_timeout(Duration::from_secs(10));
        Self::with_options(opts, 8).await
    }

    /// A private in-memory database, for tests.
    pub async fn memory() -> Result<Self, OpenError> {
        let opts = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(|e| OpenError::Connect(e.to_string()))?
            .foreign_keys(true);
        // One connection: every connection to :memory: would be a different database.
        Self::with_options(opts, 1).await
    }

    async fn with_options(opts: SqliteConnectOptions, max: u32) -> Result<Self, OpenError> {
        let pool = SqlitePoolOptions::new()
            .max_connections(max)
            .connect_with(opts)
            .await
            .map_err(|e| OpenError::Connect(e.to_string()))?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| OpenError::Migrate(e.to_string()))?;
        Ok(Self { pool })
    }
}

crate::shared::impl_store!(
    SqliteStore,
    sqlx::SqliteConnection,
    sqlx::sqlite::SqliteRow,
    "sqlite",
    "",
    "instr"
);
