//! The comment moderation queue: approve, reject, mark as spam, and answer officially.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::newsroom::{CommentStatus, QueuedComment};
use sinergi_core::page::PageReq;

use super::bad_form;
use crate::AppState;
use crate::auth::Viewer;
use crate::error::{PageResult, user_message};
use crate::pages::{page_param, parse_id};
use crate::view::{Chrome, Pager, render};

type FormResult<T> = Result<Form<T>, axum::extract::rejection::FormRejection>;

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    status: Option<String>,
    hal: Option<String>,
}

pub struct QueueRow {
    pub c: QueuedComment,
    pub at: String,
    pub status: &'static str,
}

#[derive(Template)]
#[template(path = "newsroom_comments.html")]
struct QueuePage {
    chrome: Chrome,
    rows: Vec<QueueRow>,
    pager: Pager,
    status: String,
    alert: Option<String>,
}

async fn queue_page(
    state: &AppState,
    viewer: &Viewer,
    q: &QueueQuery,
    code: StatusCode,
    alert: Option<String>,
) -> PageResult<Response> {
    let status_raw = q.status.clone().unwrap_or_else(|| "pending".into());
    let status = CommentStatus::parse(&status_raw);
    let page = state
        .core
        .comment_queue(
            &viewer.actor,
            status,
            PageReq::new(page_param(&q.hal), None),
        )
        .await?;
    let chrome = Chrome::new(viewer, "Moderasi komentar", "rilis");
    let status_s = status
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|| "semua".into());
    let pager = Pager::new(&page, "/rilis/komentar", &[("status", status_s.clone())]);
    let rows = page
        .items
        .into_iter()
        .map(|c| QueueRow {
            at: chrome.short(&c.comment.created_at),
            status: c.comment.status.label(),
            c,
        })
        .collect();
    Ok((
        code,
        render(&QueuePage {
            chrome,
            rows,
            pager,
            status: status_s,
            alert,
        })?,
    )
        .into_response())
}

pub async fn queue(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<QueueQuery>,
) -> PageResult<Response> {
    queue_page(&state, &viewer, &q, StatusCode::OK, None).await
}

#[derive(Deserialize, Default)]
pub struct DecideForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    back: String,
}

fn back_to(raw: &str) -> String {
    match raw {
        "approved" | "rejected" | "spam" | "semua" => format!("/rilis/komentar?status={raw}"),
        _ => "/rilis/komentar".into(),
    }
}

async fn done(
    state: &AppState,
    viewer: &Viewer,
    back: &str,
    result: Result<(), CoreError>,
) -> PageResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&back_to(back)).into_response()),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let (msg, _) = user_message(&e);
            let q = QueueQuery {
                status: Some(back.to_owned()).filter(|b| !b.is_empty()),
                hal: None,
            };
            queue_page(state, viewer, &q, crate::error::status_of(&e), Some(msg)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    form: FormResult<DecideForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let result = state
        .core
        .moderate_comment(&viewer.actor, id, &action)
        .await
        .map(|_| ());
    done(&state, &viewer, &form.back, result).await
}

pub async fn reply(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<DecideForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let result = state
        .core
        .reply_comment(&viewer.actor, id, &form.body)
        .await
        .map(|_| ());
    done(&state, &viewer, &form.back, result).await
}
