//! The one error type services return. The web layer maps it to HTTP statuses in one place.

use serde::Serialize;

/// A message about one input field, in Bahasa Indonesia, with a stable code for API clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Missing, or outside the actor's organisation scope (so existence does not leak).
    #[error("tidak ditemukan")]
    NotFound,
    /// Visible to the actor but the role lacks the permission.
    #[error("tidak diizinkan")]
    Forbidden,
    #[error("belum masuk")]
    Unauthenticated,
    #[error("data tidak valid")]
    Validation(Vec<FieldError>),
    #[error("konflik: {0}")]
    Conflict(String),
    #[error("terlalu banyak percobaan, coba lagi dalam {retry_after_secs} detik")]
    RateLimited { retry_after_secs: u64 },
    /// A storage or internal failure. The message is for logs, never for users.
    #[error("kesalahan internal: {0}")]
    Internal(String),
}

impl CoreError {
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        CoreError::Validation(vec![FieldError::new(field, code, message)])
    }

    /// A stable machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::NotFound => "not_found",
            CoreError::Forbidden => "forbidden",
            CoreError::Unauthenticated => "unauthenticated",
            CoreError::Validation(_) => "validation_failed",
            CoreError::Conflict(_) => "conflict",
            CoreError::RateLimited { .. } => "rate_limited",
            CoreError::Internal(_) => "internal",
        }
    }
}

/// Errors a storage backend reports. Unique violations carry the constraint's field name so
/// services can turn them into field messages.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unique violation on {0}")]
    Unique(String),
    #[error("not found")]
    NotFound,
    #[error("storage: {0}")]
    Backend(String),
}

impl From<StoreError> for CoreError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => CoreError::NotFound,
            StoreError::Unique(f) => CoreError::Conflict(f),
            StoreError::Backend(m) => CoreError::Internal(m),
        }
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
