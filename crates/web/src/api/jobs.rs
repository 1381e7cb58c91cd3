//! `/api/v1/jobs`: the durable job queue (the centre's administrators).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::jobs::JobStatus;
use sinergi_core::page::PageReq;
use sinergi_core::time::rfc3339;

use super::dto::{ApiErrorBody, ApiJob, JobPage};
use super::users::bad_query;
use super::{ApiActor, ApiError, ApiResult};
use crate::AppState;

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobParams {
    /// `queued`, `running`, `done` or `dead`.
    pub status: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/jobs", tag = "sistem", params(JobParams), responses(
    (status = 200, body = JobPage), (status = 403, body = ApiErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<JobParams>, QueryRejection>,
) -> ApiResult<Json<JobPage>> {
    let Query(q) = q.map_err(bad_query)?;
    let status = match q.status.as_deref() {
        Some(s) => Some(JobStatus::parse(s).ok_or_else(|| {
            ApiError::Core(CoreError::field(
                "status",
                "invalid",
                "Status tidak dikenal (queued, running, done, dead).",
            ))
        })?),
        None => None,
    };
    let page = state
        .core
        .list_jobs(&actor, status, PageReq::new(q.page, q.per_page))
        .await?;
    Ok(Json(JobPage {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page
            .items
            .into_iter()
            .map(|j| ApiJob {
                id: j.id,
                kind: j.kind,
                status: j.status.as_str().to_owned(),
                attempts: j.attempts,
                max_attempts: j.max_attempts,
                run_at: rfc3339(j.run_at),
                locked_by: j.locked_by,
                last_error: j.last_error,
            })
            .collect(),
    }))
}
