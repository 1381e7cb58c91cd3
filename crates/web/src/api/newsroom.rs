//! `/api/v1/newsroom`: releases for other systems (a ministry website pulling published
//! releases, a script filing drafts). Same rules as the pages: core checks scope, roles and
//! the workflow; body HTML is sanitised by core.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sinergi_core::newsroom::service::{ItemInput, StepInput};
use sinergi_core::newsroom::{ItemFilter, ItemKind, ItemStatus, NewsItem};
use sinergi_core::page::PageReq;
use sinergi_core::time::rfc3339;
use utoipa::ToSchema;

use super::dto::ApiErrorBody;
use super::users::bad_query;
use super::{ApiActor, ApiError, ApiResult, parse_id};
use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct ApiItem {
    pub id: i64,
    pub org_code: String,
    /// `rilis`, `berita` or `klarifikasi`.
    pub kind: String,
    /// `draft`, `review`, `approved`, `scheduled`, `published`, `corrected`, `withdrawn`.
    pub status: String,
    pub title: String,
    pub lead: String,
    /// Sanitised HTML.
    pub body_html: String,
    pub category: String,
    pub tags: Vec<String>,
    pub region_code: Option<String>,
    pub author: String,
    pub publish_at: Option<String>,
    pub embargo: bool,
    pub published: Option<String>,
    pub correction_note: Option<String>,
    /// Path on the public portal (published items only).
    pub portal_path: Option<String>,
    /// Pass back as `version` when taking a workflow step.
    pub version: i64,
    pub updated: String,
}

impl From<NewsItem> for ApiItem {
    fn from(i: NewsItem) -> Self {
        ApiItem {
            portal_path: i.status.is_public().then(|| i.portal_path()),
            id: i.id,
            org_code: i.org_code,
            kind: i.kind.as_str().to_owned(),
            status: i.status.as_str().to_owned(),
            title: i.title,
            lead: i.lead,
            body_html: i.body_html,
            category: i.category,
            tags: i.tags,
            region_code: i.region_code,
            author: i.author_name,
            publish_at: i.publish_at.map(rfc3339),
            embargo: i.embargo,
            published: i.published_at.map(rfc3339),
            correction_note: i.correction_note,
            version: i.version,
            updated: rfc3339(i.updated_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ItemPage {
    pub items: Vec<ApiItem>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemParams {
    /// Words in the title, lead or tags.
    pub q: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// Releases of the organisations in the caller's scope, most recently changed first.
#[utoipa::path(get, path = "/api/v1/newsroom/items", tag = "rilis", params(ItemParams), responses(
    (status = 200, body = ItemPage), (status = 422, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<ItemParams>, QueryRejection>,
) -> ApiResult<Json<ItemPage>> {
    let Query(q) = q.map_err(bad_query)?;
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(ItemStatus::parse(s).ok_or_else(|| {
            ApiError::Input(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_query",
                format!("Status tidak dikenal: {s}"),
            )
        })?),
    };
    let kind = match q.kind.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(k) => Some(ItemKind::parse(k).ok_or_else(|| {
            ApiError::Input(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_query",
                format!("Jenis tidak dikenal: {k}"),
            )
        })?),
    };
    let filter = ItemFilter {
        q: q.q.map(|t| t.chars().take(100).collect()),
        status,
        kind,
    };
    let page = state
        .core
        .list_items(&actor, &filter, PageReq::new(q.page, q.per_page))
        .await?;
    Ok(Json(ItemPage {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page.items.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/newsroom/items/{id}", tag = "rilis", params(("id" = i64, Path)), responses(
    (status = 200, body = ApiItem), (status = 404, body = ApiErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiItem>> {
    let id = parse_id(&id)?;
    Ok(Json(state.core.item_view(&actor, id).await?.item.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemCreate {
    /// `rilis`, `berita` or `klarifikasi`.
    pub kind: String,
    pub title: String,
    pub lead: String,
    /// HTML; cleaned and sanitised on the server.
    pub body: String,
    /// One of the portal categories, e.g. `bencana`, `kesehatan`.
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub region_code: Option<String>,
    pub author: Option<String>,
    pub spokesperson_name: Option<String>,
    pub spokesperson_title: Option<String>,
    pub spokesperson_quote: Option<String>,
}

/// Files a draft for the caller's organisation.
#[utoipa::path(post, path = "/api/v1/newsroom/items", tag = "rilis", request_body = ItemCreate, responses(
    (status = 201, body = ApiItem), (status = 422, body = ApiErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<ItemCreate>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<ApiItem>)> {
    let Json(b) = body?;
    let input = ItemInput {
        kind: b.kind,
        title: b.title,
        lead: b.lead,
        body: b.body,
        category: b.category,
        tags: b
            .tags
            .iter()
            .map(|t| t.replace(',', " "))
            .collect::<Vec<_>>()
            .join(","),
        region_code: b.region_code.unwrap_or_default(),
        author_name: b.author.unwrap_or_default(),
        spokesperson_name: b.spokesperson_name.unwrap_or_default(),
        spokesperson_title: b.spokesperson_title.unwrap_or_default(),
        spokesperson_quote: b.spokesperson_quote.unwrap_or_default(),
    };
    let item = state.core.create_item(&actor, &input).await?;
    Ok((StatusCode::CREATED, Json(item.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `ajukan`, `kembalikan`, `setujui`, `jadwalkan`, `batal-jadwal`, `terbitkan`, `tarik`
    /// (corrections carry new content and are made in the web UI).
    pub action: String,
    /// The item's `version` as last read (optimistic concurrency).
    pub version: i64,
    #[serde(default)]
    pub note: String,
    /// For `jadwalkan`: RFC 3339 time.
    pub publish_at: Option<String>,
    #[serde(default)]
    pub embargo: bool,
}

/// Takes a workflow step; a stale `version` answers 409 with who changed it.
#[utoipa::path(post, path = "/api/v1/newsroom/items/{id}/step", tag = "rilis", params(("id" = i64, Path)), request_body = Step, responses(
    (status = 200, body = ApiItem), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn step(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<Step>, JsonRejection>,
) -> ApiResult<Json<ApiItem>> {
    let id = parse_id(&id)?;
    let Json(b) = body?;
    let publish_at = match b.publish_at.as_deref() {
        None => None,
        Some(t) => Some(
            chrono::DateTime::parse_from_rfc3339(t)
                .map_err(|_| {
                    ApiError::Input(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "invalid_body",
                        "publish_at harus berformat RFC 3339, mis. 2026-12-01T09:00:00+07:00."
                            .into(),
                    )
                })?
                .timestamp_millis(),
        ),
    };
    if b.action == "koreksi" {
        return Err(ApiError::Input(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            "Koreksi membawa isi baru; lakukan melalui halaman Rilis & Portal.".into(),
        ));
    }
    let step = StepInput {
        note: b.note,
        publish_at,
        embargo: b.embargo,
    };
    let item = state
        .core
        .item_step(&actor, id, b.version, &b.action, &step, None)
        .await?;
    Ok(Json(item.into()))
}
