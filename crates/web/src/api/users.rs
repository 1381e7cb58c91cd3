//! `/api/v1/users` and `/api/v1/me`.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use sinergi_core::network::{Role, UserFilter, UserInput};
use sinergi_core::page::PageReq;

use super::dto::{ApiErrorBody, ApiUser, UserCreate, UserCreated, UserPage, UserPatch};
use super::{ApiActor, ApiError, ApiResult, parse_id};
use crate::AppState;

pub fn bad_query(r: QueryRejection) -> ApiError {
    ApiError::Input(
        StatusCode::BAD_REQUEST,
        "invalid_query",
        format!("Parameter kueri tidak valid: {}", r.body_text()),
    )
}

/// The caller.
#[utoipa::path(get, path = "/api/v1/me", tag = "jejaring", responses(
    (status = 200, body = ApiUser), (status = 401, body = ApiErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> ApiResult<Json<ApiUser>> {
    let id = actor
        .user_id
        .ok_or(ApiError::Core(sinergi_core::CoreError::NotFound))?;
    Ok(Json(state.core.get_user(&actor, id).await?.into()))
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListParams {
    /// Substring of name, e-mail or NIP.
    pub q: Option<String>,
    /// Organisation code.
    pub org: Option<String>,
    /// `admin`, `head`, `officer` or `viewer`.
    pub role: Option<String>,
    /// `true` active only, `false` deactivated only.
    pub active: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// Users within the caller's organisation scope.
#[utoipa::path(get, path = "/api/v1/users", tag = "jejaring", params(UserListParams), responses(
    (status = 200, body = UserPage), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<UserListParams>, QueryRejection>,
) -> ApiResult<Json<UserPage>> {
    let Query(q) = q.map_err(bad_query)?;
    let role = match q.role.as_deref() {
        Some(r) => Some(Role::parse(r).ok_or_else(|| {
            ApiError::Core(sinergi_core::CoreError::field(
                "role",
                "invalid",
                "Peran tidak dikenal.",
            ))
        })?),
        None => None,
    };
    let filter = UserFilter {
        q: q.q.map(|s| s.chars().take(100).collect()),
        org_code: q.org,
        role,
        active: q.active,
    };
    let page = state
        .core
        .list_users(&actor, &filter, PageReq::new(q.page, q.per_page))
        .await?;
    Ok(Json(UserPage {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page.items.into_iter().map(Into::into).collect(),
    }))
}

/// One user; 404 when outside the caller's scope.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "jejaring", params(("id" = i64, Path)), responses(
    (status = 200, body = ApiUser), (status = 404, body = ApiErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiUser>> {
    let id = parse_id(&id)?;
    Ok(Json(state.core.get_user(&actor, id).await?.into()))
}

/// Creates a user (administrators).
#[utoipa::path(post, path = "/api/v1/users", tag = "jejaring", request_body = UserCreate, responses(
    (status = 201, body = UserCreated), (status = 400, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
    (status = 422, body = ApiErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<UserCreate>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<(StatusCode, Json<UserCreated>)> {
    let Json(b) = body?;
    let input = UserInput {
        org_code: b.org_code,
        email: b.email,
        name: b.name,
        nip: b.nip,
        phone: b.phone,
        position: b.position,
        role: b.role,
    };
    let (user, initial_password) = state.core.create_user(&actor, &input, b.password).await?;
    Ok((
        StatusCode::CREATED,
        Json(UserCreated {
            user: user.into(),
            initial_password,
        }),
    ))
}

/// Changes a user (administrators). Absent fields keep their value.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "jejaring", params(("id" = i64, Path)), request_body = UserPatch,
    responses((status = 200, body = ApiUser), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<UserPatch>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<ApiUser>> {
    let id = parse_id(&id)?;
    let current = state.core.get_user(&actor, id).await?;
    let Json(p) = body?;
    let input = UserInput {
        org_code: p.org_code.unwrap_or(current.org_code),
        email: p.email.unwrap_or(current.email),
        name: p.name.unwrap_or(current.name),
        nip: p.nip.unwrap_or(current.nip),
        phone: p.phone.unwrap_or(current.phone),
        position: p.position.unwrap_or(current.position),
        role: p.role.unwrap_or_else(|| current.role.as_str().to_owned()),
    };
    Ok(Json(
        state.core.update_user(&actor, id, &input).await?.into(),
    ))
}

/// Deactivates a user (never deletes) and ends their sessions.
#[utoipa::path(post, path = "/api/v1/users/{id}/deactivate", tag = "jejaring", params(("id" = i64, Path)),
    responses((status = 200, body = ApiUser), (status = 404, body = ApiErrorBody)))]
pub async fn deactivate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiUser>> {
    let id = parse_id(&id)?;
    Ok(Json(
        state.core.set_user_active(&actor, id, false).await?.into(),
    ))
}

/// Reactivates a user.
#[utoipa::path(post, path = "/api/v1/users/{id}/activate", tag = "jejaring", params(("id" = i64, Path)),
    responses((status = 200, body = ApiUser), (status = 404, body = ApiErrorBody)))]
pub async fn activate(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiUser>> {
    let id = parse_id(&id)?;
    Ok(Json(
        state.core.set_user_active(&actor, id, true).await?.into(),
    ))
}
