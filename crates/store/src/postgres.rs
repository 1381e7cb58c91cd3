//! PostgreSQL backend: several instances share one database; job claims use
//! `FOR UPDATE SKIP LOCKED`, and migrations run under sqlx's advisory lock so two instances
//! starting at once do not race.

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::OpenError;

pub struct PgStore {
    pub(crate) pool: PgPool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl PgStore {
    pub async fn connect(url: &str) -> Result<Self, OpenError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(|e| OpenError::Connect(e.to_string()))?;
        // sqlx takes a PostgreSQL advisory lock around migrations (Migrator::locking is on).
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| OpenError::Migrate(e.to_string()))?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

crate::shared::impl_store!(
    PgStore,
    sqlx::PgConnection,
    sqlx::postgres::PgRow,
    "postgres",
    " FOR UPDATE SKIP LOCKED",
    "strpos"
);
