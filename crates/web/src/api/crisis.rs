//! `/api/v1/crisis`: cases for other systems (e.g. a WhatsApp complaint desk opening cases).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sinergi_core::crisis::service::CaseInput;
use sinergi_core::crisis::{Case, CaseFilter, CaseStatus};
use sinergi_core::page::PageReq;
use sinergi_core::time::rfc3339;
use utoipa::ToSchema;

use super::dto::ApiErrorBody;
use super::users::bad_query;
use super::{ApiActor, ApiResult, parse_id};
use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct ApiCase {
    pub id: i64,
    /// "KRS-000042".
    pub reference: String,
    pub claim: String,
    pub description: String,
    pub origin_links: Vec<String>,
    pub region_codes: Vec<String>,
    pub category: String,
    pub level: u8,
    pub owner_org_code: String,
    /// `baru`, `verifikasi`, `respons`, `pemantauan`, `selesai`, `ditutup`.
    pub status: String,
    /// Government label: `hoaks`, `disinformasi`, `misinformasi`, `benar`, `belum_dapat_dipastikan`.
    pub verdict: Option<String>,
    /// Civil-society fact-checker label kept as a reference, e.g. `SALAH`.
    pub external_label: Option<String>,
    pub tags: Vec<String>,
    pub first_response_due: String,
    pub resolution_due: String,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Send it back with changes; a stale version gets 409.
    pub version: i64,
}

impl From<Case> for ApiCase {
    fn from(c: Case) -> Self {
        Self {
            reference: c.reference(),
            id: c.id,
            claim: c.claim,
            description: c.description,
            origin_links: c.origin_links,
            region_codes: c.region_codes,
            category: c.category,
            level: c.level,
            owner_org_code: c.owner_org_code,
            status: c.status.as_str().to_owned(),
            verdict: c.verdict.map(|v| v.as_str().to_owned()),
            external_label: c.external_label,
            tags: c.tags,
            first_response_due: rfc3339(c.first_response_due),
            resolution_due: rfc3339(c.resolution_due),
            first_response_at: c.first_response_at.map(rfc3339),
            resolved_at: c.resolved_at.map(rfc3339),
            created_at: rfc3339(c.created_at),
            updated_at: rfc3339(c.updated_at),
            version: c.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CasePage {
    pub items: Vec<ApiCase>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseParams {
    pub q: Option<String>,
    pub status: Option<String>,
    pub level: Option<u8>,
    /// Only open cases (default false).
    pub open: Option<bool>,
    /// Only cases past a response target.
    pub overdue: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// Cases visible to the caller (owner, collaborator, or the centre).
#[utoipa::path(get, path = "/api/v1/crisis/cases", tag = "krisis", params(CaseParams), responses(
    (status = 200, body = CasePage), (status = 400, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<CaseParams>, QueryRejection>,
) -> ApiResult<Json<CasePage>> {
    let Query(q) = q.map_err(bad_query)?;
    let status = match q.status.as_deref() {
        Some(s) => Some(CaseStatus::parse(s).ok_or_else(|| {
            sinergi_core::CoreError::field("status", "invalid", "Status tidak dikenal.")
        })?),
        None => None,
    };
    let filter = CaseFilter {
        q: q.q.map(|s| s.chars().take(100).collect()),
        status,
        level: q.level,
        open_only: q.open.unwrap_or(false),
        overdue_only: q.overdue.unwrap_or(false),
    };
    let page = state
        .core
        .list_cases(&actor, &filter, PageReq::new(q.page, q.per_page))
        .await?;
    Ok(Json(CasePage {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page.items.into_iter().map(Into::into).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseCreate {
    pub claim: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub origin_links: Vec<String>,
    #[serde(default)]
    pub region_codes: Vec<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub level: Option<u8>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// `manual`, `alert`, `article`, `public_report`, `issue`.
    #[serde(default)]
    pub source: Option<String>,
}

fn input(c: CaseCreate) -> CaseInput {
    CaseInput {
        claim: c.claim,
        description: c.description,
        // Newlines and commas separate entries in the form encoding; keep them out of items.
        origin_links: c
            .origin_links
            .iter()
            .map(|l| l.replace(['\n', '\r'], " "))
            .collect::<Vec<_>>()
            .join("\n"),
        region_codes: c.region_codes.join(","),
        category: c.category.unwrap_or_default(),
        level: c.level.map(|l| l.to_string()).unwrap_or_default(),
        tags: c
            .tags
            .iter()
            .map(|t| t.replace(',', " "))
            .collect::<Vec<_>>()
            .join(","),
        source: c.source.unwrap_or_default(),
    }
}

/// Opens a case owned by the caller's organisation.
#[utoipa::path(post, path = "/api/v1/crisis/cases", tag = "krisis", request_body = CaseCreate, responses(
    (status = 201, body = ApiCase), (status = 422, body = ApiErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<CaseCreate>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<ApiCase>)> {
    let Json(b) = body?;
    let case = state.core.open_case(&actor, &input(b)).await?;
    Ok((StatusCode::CREATED, Json(case.into())))
}

#[utoipa::path(get, path = "/api/v1/crisis/cases/{id}", tag = "krisis", params(("id" = i64, Path)), responses(
    (status = 200, body = ApiCase), (status = 404, body = ApiErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiCase>> {
    let id = parse_id(&id)?;
    Ok(Json(state.core.visible_case(&actor, id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// Target status.
    pub to: String,
    #[serde(default)]
    pub reason: String,
    /// The version the caller last saw.
    pub version: i64,
}

/// Moves a case along the workflow (invalid transitions are 422, stale versions 409).
#[utoipa::path(post, path = "/api/v1/crisis/cases/{id}/transition", tag = "krisis", params(("id" = i64, Path)), request_body = Transition,
    responses((status = 200, body = ApiCase), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn transition(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<Transition>, JsonRejection>,
) -> ApiResult<Json<ApiCase>> {
    let id = parse_id(&id)?;
    let Json(t) = body?;
    Ok(Json(
        state
            .core
            .transition_case(&actor, id, t.version, &t.to, &t.reason)
            .await?
            .into(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    pub reason: String,
    pub version: i64,
}

/// Escalates a case to the owner's parent organisation, which is notified at once.
#[utoipa::path(post, path = "/api/v1/crisis/cases/{id}/escalate", tag = "krisis", params(("id" = i64, Path)), request_body = Escalation,
    responses((status = 200, body = ApiCase), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn escalate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<Escalation>, JsonRejection>,
) -> ApiResult<Json<ApiCase>> {
    let id = parse_id(&id)?;
    let Json(e) = body?;
    Ok(Json(
        state
            .core
            .escalate_case(&actor, id, e.version, &e.reason)
            .await?
            .into(),
    ))
}
