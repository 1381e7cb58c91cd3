//! API shapes: the public contract, kept apart from the domain types so either can change.

use serde::{Deserialize, Serialize};
use sinergi_core::network::{AuditRecord, Org, User};
use sinergi_core::time::rfc3339;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ApiErrorDetail {
    /// Stable code: `not_found`, `forbidden`, `unauthenticated`, `validation_failed`,
    /// `conflict`, `rate_limited`, `malformed_json`, `invalid_body`, `internal`.
    pub code: String,
    /// Message in Bahasa Indonesia.
    pub message: String,
    pub fields: Vec<ApiFieldError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiFieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl From<sinergi_core::FieldError> for ApiFieldError {
    fn from(f: sinergi_core::FieldError) -> Self {
        Self {
            field: f.field,
            code: f.code,
            message: f.message,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiOrg {
    /// `pusat` or the Kemendagri region code (`32`, `32.73`).
    pub code: String,
    pub name: String,
    /// `centre`, `province`, `regency` or `city`.
    pub level: String,
    pub parent_code: Option<String>,
}

impl From<Org> for ApiOrg {
    fn from(o: Org) -> Self {
        Self {
            code: o.code,
            name: o.name,
            level: o.level.as_str().to_owned(),
            parent_code: o.parent_code,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiOrgDetail {
    pub org: ApiOrg,
    pub parent: Option<ApiOrg>,
    pub children: Vec<ApiOrg>,
    /// Present only when the organisation is within the caller's scope.
    pub members: Option<Vec<ApiUser>>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiUser {
    pub id: i64,
    pub org_code: String,
    pub org_name: String,
    pub email: String,
    pub name: String,
    pub nip: Option<String>,
    pub phone: Option<String>,
    pub position: Option<String>,
    /// `admin`, `head`, `officer` or `viewer`.
    pub role: String,
    pub active: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
    pub last_login_at: Option<String>,
}

impl From<User> for ApiUser {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            org_code: u.org_code,
            org_name: u.org_name,
            email: u.email,
            name: u.name,
            nip: u.nip,
            phone: u.phone,
            position: u.position,
            role: u.role.as_str().to_owned(),
            active: u.active,
            created_at: rfc3339(u.created_at),
            updated_at: rfc3339(u.updated_at),
            last_login_at: u.last_login_at.map(rfc3339),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<ApiUser>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Serialize, ToSchema)]
pub struct OrgPage {
    pub items: Vec<ApiOrg>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    pub org_code: String,
    pub email: String,
    pub name: String,
    pub nip: Option<String>,
    pub phone: Option<String>,
    pub position: Option<String>,
    pub role: String,
    /// Optional initial password (at least 10 characters); generated when absent.
    pub password: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UserCreated {
    pub user: ApiUser,
    /// The generated initial password, shown once (absent when one was given).
    pub initial_password: Option<String>,
}

/// Fields to change; absent fields keep their value, `null` clears optional ones.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    pub org_code: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    pub nip: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub position: Option<Option<String>>,
    pub role: Option<String>,
}

/// Tells "absent" (outer `None`) from "null" (`Some(None)`).
fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Serialize, ToSchema)]
pub struct ApiAuditRecord {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub actor_user_id: Option<i64>,
    pub org_code: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    #[schema(value_type = Object)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Object)]
    pub after: Option<serde_json::Value>,
    pub ip: Option<String>,
}

impl From<AuditRecord> for ApiAuditRecord {
    fn from(r: AuditRecord) -> Self {
        let e = r.entry;
        Self {
            id: r.id,
            at: rfc3339(e.at),
            actor: e.actor,
            actor_user_id: e.actor_user_id,
            org_code: e.org_code,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            before: e.before,
            after: e.after,
            ip: e.ip,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<ApiAuditRecord>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Serialize, ToSchema)]
pub struct ApiJob {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_at: String,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct JobPage {
    pub items: Vec<ApiJob>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// 1-based page number.
    pub page: Option<u32>,
    /// Items per page (1–200, default 25).
    pub per_page: Option<u32>,
}
