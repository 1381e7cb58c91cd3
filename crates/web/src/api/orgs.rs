//! `/api/v1/orgs`: the organisation directory.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use sinergi_core::network::{OrgFilter, OrgLevel};
use sinergi_core::page::PageReq;

use super::dto::{ApiErrorBody, ApiOrgDetail, OrgPage};
use super::users::bad_query;
use super::{ApiActor, ApiError, ApiResult};
use crate::AppState;

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgListParams {
    /// Substring of name or code.
    pub q: Option<String>,
    /// `centre`, `province`, `regency` or `city`.
    pub level: Option<String>,
    /// Children of this organisation code.
    pub parent: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/orgs", tag = "jejaring", params(OrgListParams), responses(
    (status = 200, body = OrgPage), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<OrgListParams>, QueryRejection>,
) -> ApiResult<Json<OrgPage>> {
    let Query(q) = q.map_err(bad_query)?;
    let level = match q.level.as_deref() {
        Some(l) => Some(OrgLevel::parse(l).ok_or_else(|| {
            ApiError::Core(sinergi_core::CoreError::field(
                "level",
                "invalid",
                "Tingkat tidak dikenal (centre, province, regency, city).",
            ))
        })?),
        None => None,
    };
    let filter = OrgFilter {
        q: q.q.map(|s| s.chars().take(100).collect()),
        level,
        parent_code: q.parent,
    };
    let page = state
        .core
        .list_orgs(&actor, &filter, PageReq::new(q.page, q.per_page))
        .await?;
    Ok(Json(OrgPage {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page.items.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{code}", tag = "jejaring", params(("code" = String, Path)), responses(
    (status = 200, body = ApiOrgDetail), (status = 404, body = ApiErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(code): Path<String>,
) -> ApiResult<Json<ApiOrgDetail>> {
    let v = state.core.get_org(&actor, &code).await?;
    Ok(Json(ApiOrgDetail {
        org: v.org.into(),
        parent: v.parent.map(Into::into),
        children: v.children.into_iter().map(Into::into).collect(),
        members: v.members.map(|m| m.into_iter().map(Into::into).collect()),
    }))
}
