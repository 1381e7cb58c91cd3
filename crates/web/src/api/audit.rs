//! `/api/v1/audit`: the audit log (administrators, scoped).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use chrono::DateTime;
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::network::AuditFilter;
use sinergi_core::page::PageReq;

use super::dto::{ApiErrorBody, AuditPage};
use super::users::bad_query;
use super::{ApiActor, ApiError, ApiResult};
use crate::AppState;

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Substring of the actor's e-mail.
    pub actor: Option<String>,
    /// Exact action, e.g. `user.create`.
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// RFC 3339 lower bound, e.g. `2026-11-26T00:00:00+07:00`.
    pub from: Option<String>,
    /// RFC 3339 upper bound.
    pub to: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

fn time_param(field: &str, v: Option<&str>) -> ApiResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(s) => DateTime::parse_from_rfc3339(s.trim())
            .map(|t| Some(t.timestamp_millis()))
            .map_err(|_| {
                ApiError::Core(CoreError::field(
                    field,
                    "invalid",
                    "Waktu harus berformat RFC 3339, mis. 2026-11-26T00:00:00+07:00.",
                ))
            }),
    }
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "jejaring", params(AuditParams), responses(
    (status = 200, body = AuditPage), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<AuditParams>, QueryRejection>,
) -> ApiResult<Json<AuditPage>> {
    let Query(q) = q.map_err(bad_query)?;
    let filter = AuditFilter {
        actor: q.actor,
        action: q.action,
        entity: q.entity,
        entity_id: q.entity_id,
        from: time_param("from", q.from.as_deref())?,
        to: time_param("to", q.to.as_deref())?,
    };
    let page = state
        .core
        .list_audit(&actor, &filter, PageReq::new(q.page, q.per_page))
        .await?;
    Ok(Json(AuditPage {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page.items.into_iter().map(Into::into).collect(),
    }))
}
