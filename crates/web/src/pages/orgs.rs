//! Direktori organisasi: the centre, provinces and regencies/cities with their codes.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use sinergi_core::network::service::OrgView;
use sinergi_core::network::{Org, OrgFilter, OrgLevel};
use sinergi_core::page::PageReq;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::PageResult;
use crate::pages::page_param;
use crate::view::{Chrome, Pager, render};

#[derive(Deserialize, Default)]
pub struct OrgQuery {
    q: Option<String>,
    tingkat: Option<String>,
    hal: Option<String>,
}

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage {
    chrome: Chrome,
    q: String,
    level: String,
    orgs: Vec<Org>,
    pager: Pager,
}

#[derive(Template)]
#[template(path = "orgs_table.html")]
struct OrgsTable {
    orgs: Vec<Org>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Query(q): Query<OrgQuery>,
) -> PageResult<Response> {
    let text =
        q.q.clone()
            .unwrap_or_default()
            .chars()
            .take(100)
            .collect::<String>();
    let level_raw = q.tingkat.clone().unwrap_or_default();
    let filter = OrgFilter {
        q: Some(text.clone()).filter(|s| !s.trim().is_empty()),
        level: OrgLevel::parse(&level_raw),
        parent_code: None,
    };
    let page = state
        .core
        .list_orgs(
            &viewer.actor,
            &filter,
            PageReq::new(page_param(&q.hal), Some(50)),
        )
        .await?;
    let level = filter
        .level
        .map(|l| l.as_str().to_owned())
        .unwrap_or_default();
    let pager = Pager::new(
        &page,
        "/organisasi",
        &[("q", text.clone()), ("tingkat", level.clone())],
    );
    // htmx live search asks for the table only.
    if headers.contains_key("hx-request") {
        return Ok(render(&OrgsTable {
            orgs: page.items,
            pager,
        })?
        .into_response());
    }
    Ok(render(&OrgsPage {
        chrome: Chrome::new(&viewer, "Direktori organisasi", "organisasi"),
        q: text,
        level,
        orgs: page.items,
        pager,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage {
    chrome: Chrome,
    view: OrgView,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(code): Path<String>,
) -> PageResult<Html<String>> {
    let view = state.core.get_org(&viewer.actor, &code).await?;
    let title = view.org.display_name();
    render(&OrgPage {
        chrome: Chrome::new(&viewer, &title, "organisasi"),
        view,
    })
}
