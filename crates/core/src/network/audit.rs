//! The append-only audit log: who, when, what, before/after. Stores write an entry in the same
//! transaction as the change it records, so a change never lands without its entry.

use serde::Serialize;
use serde_json::Value;

use crate::time::Millis;

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub at: Millis,
    pub actor_user_id: Option<i64>,
    /// E-mail of the actor, or `system`/`cli` for changes not made by a logged-in user.
    pub actor: String,
    /// The organisation the changed record belongs to; audit lists are scoped by it.
    pub org_code: Option<String>,
    /// Dotted verb, e.g. `user.create`, `user.deactivate`, `token.revoke`.
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    #[serde(flatten)]
    pub entry: AuditEntry,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<Millis>,
    pub to: Option<Millis>,
}
