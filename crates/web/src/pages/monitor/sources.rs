//! News sources: list, add, edit, pause/resume, poll now.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::monitor::{ALL_SOURCE_KINDS, Source, SourceInput, SourceState};
use sinergi_core::network::Permission;
use sinergi_core::page::PageReq;

use crate::AppState;
use crate::auth::{Viewer, errs_to_map};
use crate::error::{PageError, PageResult};
use crate::pages::{page_param, parse_id};
use crate::view::{Chrome, FieldErrors, Pager, render};

type FormResult<T> = Result<Form<T>, axum::extract::rejection::FormRejection>;

fn bad_form() -> PageError {
    PageError::BadRequest(
        "Isi formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.".into(),
    )
}

pub struct KindOpt {
    pub value: &'static str,
    pub label: &'static str,
}

fn kinds() -> Vec<KindOpt> {
    ALL_SOURCE_KINDS
        .iter()
        .map(|k| KindOpt {
            value: k.as_str(),
            label: k.label(),
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    hal: Option<String>,
}

pub struct SourceRow {
    pub s: Source,
    pub last_ok: String,
    pub state: &'static str,
    pub health: &'static str,
}

#[derive(Template)]
#[template(path = "monitor_sources.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<SourceRow>,
    pager: Pager,
    q: String,
    can_edit: bool,
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> PageResult<Response> {
    let text: String = q.q.clone().unwrap_or_default().chars().take(100).collect();
    let page = state
        .core
        .list_sources(&viewer.actor, &text, PageReq::new(page_param(&q.hal), None))
        .await?;
    let chrome = Chrome::new(&viewer, "Sumber berita", "pantau");
    let rows = page
        .items
        .iter()
        .map(|s| SourceRow {
            last_ok: chrome.short_opt(&s.last_ok_at),
            state: s.state.label(),
            health: s.health_label(),
            s: s.clone(),
        })
        .collect();
    Ok(render(&ListPage {
        pager: Pager::new(&page, "/pantau/sumber", &[("q", text.clone())]),
        rows,
        q: text,
        can_edit: viewer.actor.role.can(Permission::MonitorEdit),
        chrome,
    })?
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct SourceForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    outlet: String,
    #[serde(default)]
    region_code: String,
    #[serde(default)]
    interval_minutes: String,
}

impl SourceForm {
    fn input(&self) -> SourceInput {
        SourceInput {
            name: self.name.clone(),
            kind: self.kind.clone(),
            url: self.url.clone(),
            outlet: self.outlet.clone(),
            region_code: self.region_code.clone(),
            interval_minutes: self.interval_minutes.clone(),
        }
    }
    fn of(s: &Source) -> Self {
        Self {
            csrf: String::new(),
            name: s.name.clone(),
            kind: s.kind.as_str().into(),
            url: s.url.clone(),
            outlet: s.outlet.clone(),
            region_code: s.region_code.clone().unwrap_or_default(),
            interval_minutes: (s.interval_secs / 60).to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "monitor_source_form.html")]
struct FormPage {
    chrome: Chrome,
    id: Option<i64>,
    f: SourceForm,
    errors: FieldErrors,
    kinds: Vec<KindOpt>,
}

pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> PageResult<Response> {
    viewer.actor.require(Permission::MonitorEdit)?;
    let f = SourceForm {
        kind: "feed".into(),
        interval_minutes: state
            .core
            .config()
            .monitor
            .default_interval_minutes
            .to_string(),
        region_code: if viewer.actor.org.code == "pusat" {
            String::new()
        } else {
            viewer.actor.org.code.clone()
        },
        ..Default::default()
    };
    Ok(render(&FormPage {
        chrome: Chrome::new(&viewer, "Tambah sumber berita", "pantau"),
        id: None,
        f,
        errors: FieldErrors::default(),
        kinds: kinds(),
    })?
    .into_response())
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormResult<SourceForm>,
) -> PageResult<Response> {
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    match state.core.add_source(&viewer.actor, &form.input()).await {
        Ok(s) => Ok(Redirect::to(&format!("/pantau/sumber/{}", s.id)).into_response()),
        Err(CoreError::Validation(errs)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&FormPage {
                chrome: Chrome::new(&viewer, "Tambah sumber berita", "pantau"),
                id: None,
                f: form,
                errors: FieldErrors(errs_to_map(errs)),
                kinds: kinds(),
            })?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "monitor_source.html")]
struct ShowPage {
    chrome: Chrome,
    s: Source,
    can_edit: bool,
    last_polled: String,
    last_ok: String,
    next_poll: String,
    created: String,
    search_link: String,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let s = state.core.source(&viewer.actor, id).await?;
    let chrome = Chrome::new(&viewer, &s.name, "pantau");
    let can_edit = viewer.actor.role.can(Permission::MonitorEdit)
        && (viewer.actor.org.code == "pusat" || viewer.actor.org.id == s.org_id);
    Ok(render(&ShowPage {
        last_polled: chrome.short_opt(&s.last_polled_at),
        last_ok: chrome.short_opt(&s.last_ok_at),
        next_poll: if s.state == SourceState::Active {
            chrome.short(&s.next_poll_at)
        } else {
            "-".into()
        },
        created: chrome.short(&s.created_at),
        search_link: format!(
            "/pantau/cari?q=source%3A%22{}%22&urut=terbaru",
            crate::auth::url_escape(&s.outlet.replace('"', ""))
        ),
        can_edit,
        s,
        chrome,
    })?
    .into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let s = state.core.source(&viewer.actor, id).await?;
    viewer.actor.require(Permission::MonitorEdit)?;
    Ok(render(&FormPage {
        chrome: Chrome::new(&viewer, "Ubah sumber berita", "pantau"),
        id: Some(id),
        f: SourceForm::of(&s),
        errors: FieldErrors::default(),
        kinds: kinds(),
    })?
    .into_response())
}

pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<SourceForm>,
) -> PageResult<Response> {
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let id = parse_id(&id)?;
    match state
        .core
        .update_source(&viewer.actor, id, &form.input())
        .await
    {
        Ok(s) => Ok(Redirect::to(&format!("/pantau/sumber/{}", s.id)).into_response()),
        Err(CoreError::Validation(errs)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&FormPage {
                chrome: Chrome::new(&viewer, "Ubah sumber berita", "pantau"),
                id: Some(id),
                f: form,
                errors: FieldErrors(errs_to_map(errs)),
                kinds: kinds(),
            })?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn action(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    id: &str,
    form: FormResult<CsrfForm>,
    what: &str,
) -> PageResult<Response> {
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, headers)?;
    let id = parse_id(id)?;
    match what {
        "pause" => {
            state
                .core
                .set_source_paused(&viewer.actor, id, true)
                .await?;
        }
        "resume" => {
            state
                .core
                .set_source_paused(&viewer.actor, id, false)
                .await?;
        }
        _ => state.core.poll_source_now(&viewer.actor, id).await?,
    }
    Ok(Redirect::to(&format!("/pantau/sumber/{id}")).into_response())
}

pub async fn pause(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<CsrfForm>,
) -> PageResult<Response> {
    action(&state, &viewer, &headers, &id, form, "pause").await
}

pub async fn resume(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<CsrfForm>,
) -> PageResult<Response> {
    action(&state, &viewer, &headers, &id, form, "resume").await
}

pub async fn poll_now(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<CsrfForm>,
) -> PageResult<Response> {
    action(&state, &viewer, &headers, &id, form, "poll").await
}
