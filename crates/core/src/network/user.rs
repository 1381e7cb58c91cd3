//! Users: officers of an organisation with one role. Never hard-deleted, only deactivated.

use serde::{Deserialize, Serialize};

use super::role::Role;
use crate::time::Millis;

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub org_id: i64,
    pub org_code: String,
    pub org_name: String,
    pub email: String,
    pub name: String,
    pub nip: Option<String>,
    pub phone: Option<String>,
    pub position: Option<String>,
    pub role: Role,
    pub active: bool,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub last_login_at: Option<Millis>,
}

/// What a form or API call submits to create or edit a user. Strings are raw user input;
/// the service validates them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UserInput {
    pub org_code: String,
    pub email: String,
    pub name: String,
    #[serde(default)]
    pub nip: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    pub role: String,
}

/// A validated record ready for the store.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub org_id: i64,
    pub email: String,
    pub name: String,
    pub nip: Option<String>,
    pub phone: Option<String>,
    pub position: Option<String>,
    pub role: Role,
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub q: Option<String>,
    pub org_code: Option<String>,
    pub role: Option<Role>,
    /// `Some(true)` active only, `Some(false)` deactivated only.
    pub active: Option<bool>,
}
