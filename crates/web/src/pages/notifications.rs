//! Notifikasi: the signed-in user's in-app notifications.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sinergi_core::notify::Notification;
use sinergi_core::page::PageReq;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::{PageError, PageResult};
use crate::pages::page_param;
use crate::view::{Chrome, Pager, render};

#[derive(Deserialize, Default)]
pub struct NotifQuery {
    hal: Option<String>,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotifPage {
    chrome: Chrome,
    items: Vec<Notification>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<NotifQuery>,
) -> PageResult<Response> {
    let page = state
        .core
        .my_notifications(&viewer.actor, PageReq::new(page_param(&q.hal), None))
        .await?;
    let pager = Pager::new(&page, "/notifikasi", &[]);
    Ok(render(&NotifPage {
        chrome: Chrome::new(&viewer, "Notifikasi", "notifikasi"),
        items: page.items,
        pager,
    })?
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct ReadForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    /// One notification id, or empty for all.
    #[serde(default)]
    id: String,
}

pub async fn mark_read(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Result<Form<ReadForm>, axum::extract::rejection::FormRejection>,
) -> PageResult<Response> {
    let Form(f) = form.map_err(|_| PageError::BadRequest("Formulir tidak valid.".into()))?;
    viewer.check_csrf(&f.csrf, &headers)?;
    let id = match f.id.trim() {
        "" => None,
        raw => Some(
            raw.parse::<i64>()
                .map_err(|_| PageError::BadRequest("Nomor notifikasi tidak valid.".into()))?,
        ),
    };
    state.core.mark_read(&viewer.actor, id).await?;
    Ok(Redirect::to("/notifikasi").into_response())
}

/// Opens a notification: marks it read and goes to its link.
pub async fn open(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> PageResult<Response> {
    let id = crate::pages::parse_id(&id)?;
    let link = state.core.open_notification(&viewer.actor, id).await?;
    Ok(Redirect::to(&link).into_response())
}
