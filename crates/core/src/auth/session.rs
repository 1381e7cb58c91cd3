//! Browser sessions, kept in the store so several instances share them. The cookie holds a
//! random id; the store keeps only its hash.

use serde::Serialize;

use crate::time::Millis;

#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub id_hash: String,
    pub user_id: i64,
    /// Synchronizer token every state-changing form must echo.
    pub csrf_token: String,
    pub created_at: Millis,
    pub expires_at: Millis,
}
