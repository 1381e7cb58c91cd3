//! Antrean pekerjaan: the durable job queue as the centre's administrators see it.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sinergi_core::jobs::{Job, JobCounts, JobStatus};
use sinergi_core::page::PageReq;

use crate::AppState;
use crate::auth::{CsrfForm, Viewer};
use crate::error::{PageError, PageResult};
use crate::pages::{page_param, parse_id};
use crate::view::{Chrome, Pager, render};

#[derive(Deserialize, Default)]
pub struct JobQuery {
    status: Option<String>,
    hal: Option<String>,
    pesan: Option<String>,
}

#[derive(Template)]
#[template(path = "jobs.html")]
struct JobsPage {
    chrome: Chrome,
    status: String,
    counts: JobCounts,
    jobs: Vec<Job>,
    pager: Pager,
    notice: Option<String>,
    deliveries: Vec<sinergi_core::notify::Delivery>,
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<JobQuery>,
) -> PageResult<Html<String>> {
    let status = q.status.as_deref().and_then(JobStatus::parse);
    let page = state
        .core
        .list_jobs(
            &viewer.actor,
            status,
            PageReq::new(page_param(&q.hal), Some(50)),
        )
        .await?;
    let status_s = status.map(|s| s.as_str().to_owned()).unwrap_or_default();
    let pager = Pager::new(&page, "/admin/pekerjaan", &[("status", status_s.clone())]);
    render(&JobsPage {
        chrome: Chrome::new(&viewer, "Antrean pekerjaan", "pekerjaan"),
        status: status_s,
        counts: state.core.job_counts().await?,
        jobs: page.items,
        pager,
        notice: (q.pesan.as_deref() == Some("diulang"))
            .then(|| "Pekerjaan diantrekan ulang.".to_owned()),
        deliveries: state
            .core
            .deliveries(&viewer.actor, PageReq::new(Some(1), Some(20)))
            .await?
            .items,
    })
}

pub async fn requeue(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| PageError::BadRequest("Formulir tidak valid.".into()))?;
    viewer.check_csrf(&form.csrf, &headers)?;
    state.core.requeue_job(&viewer.actor, id).await?;
    Ok(Redirect::to("/admin/pekerjaan?pesan=diulang").into_response())
}
