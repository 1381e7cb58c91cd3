//! Release list, form, page, workflow steps, corrections, version diff and uploads.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::network::Permission;
use sinergi_core::newsroom::service::{ItemInput, ItemView, Pickup, StepInput};
use sinergi_core::newsroom::{
    ALL_ITEM_STATUSES, ALL_KINDS, Action, CATEGORIES, ItemFilter, ItemKind, ItemStatus, NewsItem,
    category_label,
};
use sinergi_core::page::PageReq;

use super::{Opt, bad_form};
use crate::AppState;
use crate::auth::{Viewer, errs_to_map};
use crate::error::{PageResult, user_message};
use crate::pages::{page_param, parse_id};
use crate::view::{Chrome, FieldErrors, Pager, render};

type FormResult<T> = Result<Form<T>, axum::extract::rejection::FormRejection>;

pub struct Row {
    pub id: i64,
    pub title: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub status_code: &'static str,
    pub org: String,
    pub updated: String,
    pub author: String,
}

fn row(chrome: &Chrome, i: &NewsItem) -> Row {
    Row {
        id: i.id,
        title: i.title.clone(),
        kind: i.kind.label(),
        status: i.status.label(),
        status_code: i.status.as_str(),
        org: i.org_name.clone(),
        updated: chrome.short(&i.updated_at),
        author: i.author_name.clone(),
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    status: Option<String>,
    jenis: Option<String>,
    hal: Option<String>,
}

#[derive(Template)]
#[template(path = "newsroom_list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Row>,
    pager: Pager,
    q: String,
    status: String,
    kind: String,
    statuses: Vec<Opt>,
    kinds: Vec<Opt>,
    can_edit: bool,
    portal: String,
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> PageResult<Response> {
    let actor = &viewer.actor;
    let text: String = q.q.clone().unwrap_or_default().chars().take(100).collect();
    let status = q.status.as_deref().and_then(ItemStatus::parse);
    let kind = q.jenis.as_deref().and_then(ItemKind::parse);
    let filter = ItemFilter {
        q: Some(text.clone()).filter(|s| !s.trim().is_empty()),
        status,
        kind,
    };
    let page = state
        .core
        .list_items(actor, &filter, PageReq::new(page_param(&q.hal), None))
        .await?;
    let chrome = Chrome::new(&viewer, "Rilis & Portal", "rilis");
    let status_s = status.map(|s| s.as_str().to_owned()).unwrap_or_default();
    let kind_s = kind.map(|k| k.as_str().to_owned()).unwrap_or_default();
    let pager = Pager::new(
        &page,
        "/rilis",
        &[
            ("q", text.clone()),
            ("status", status_s.clone()),
            ("jenis", kind_s.clone()),
        ],
    );
    let rows = page.items.iter().map(|i| row(&chrome, i)).collect();
    Ok(render(&ListPage {
        can_edit: actor.role.can(Permission::NewsEdit),
        portal: format!("/portal/{}", actor.org.code),
        chrome,
        rows,
        pager,
        q: text,
        status: status_s,
        kind: kind_s,
        statuses: ALL_ITEM_STATUSES
            .iter()
            .map(|s| Opt {
                value: s.as_str().into(),
                label: s.label().into(),
            })
            .collect(),
        kinds: kind_opts(),
    })?
    .into_response())
}

fn kind_opts() -> Vec<Opt> {
    ALL_KINDS
        .iter()
        .map(|k| Opt {
            value: k.as_str().into(),
            label: k.label().into(),
        })
        .collect()
}

fn category_opts() -> Vec<Opt> {
    CATEGORIES
        .iter()
        .map(|(v, l)| Opt {
            value: (*v).into(),
            label: (*l).into(),
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct ItemForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    note: String,
    #[serde(flatten)]
    input: ItemInput,
}

#[derive(Template)]
#[template(path = "newsroom_form.html")]
struct FormPage {
    chrome: Chrome,
    id: Option<i64>,
    action: String,
    correction: bool,
    form: ItemForm,
    errors: FieldErrors,
    alert: Option<String>,
    kinds: Vec<Opt>,
    categories: Vec<Opt>,
    images: Vec<(String, String)>,
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    correction: bool,
    form: ItemForm,
    errors: FieldErrors,
    alert: Option<String>,
) -> PageResult<FormPage> {
    let title = match (id, correction) {
        (None, _) => "Tulis rilis baru",
        (Some(_), false) => "Ubah tulisan",
        (Some(_), true) => "Terbitkan koreksi",
    };
    let images = match id {
        Some(id) => state
            .core
            .item_view(&viewer.actor, id)
            .await?
            .files
            .iter()
            .filter(|f| f.kind == "image")
            .map(|f| (f.url(), f.alt.clone().unwrap_or_default()))
            .collect(),
        None => Vec::new(),
    };
    let action = match (id, correction) {
        (None, _) => "/rilis".to_owned(),
        (Some(id), false) => format!("/rilis/{id}/ubah"),
        (Some(id), true) => format!("/rilis/{id}/koreksi"),
    };
    Ok(FormPage {
        chrome: Chrome::new(viewer, title, "rilis"),
        id,
        action,
        correction,
        form,
        errors,
        alert,
        kinds: kind_opts(),
        categories: category_opts(),
        images,
    })
}

pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> PageResult<Response> {
    viewer.actor.require(Permission::NewsEdit)?;
    let form = ItemForm {
        input: ItemInput {
            kind: "rilis".into(),
            author_name: viewer.actor.name.clone(),
            ..ItemInput::default()
        },
        ..ItemForm::default()
    };
    Ok(render(
        &form_page(
            &state,
            &viewer,
            None,
            false,
            form,
            FieldErrors::default(),
            None,
        )
        .await?,
    )?
    .into_response())
}

async fn form_error(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    correction: bool,
    form: ItemForm,
    e: CoreError,
) -> PageResult<Response> {
    match e {
        CoreError::Validation(errs) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(
                &form_page(
                    state,
                    viewer,
                    id,
                    correction,
                    form,
                    FieldErrors(errs_to_map(errs)),
                    None,
                )
                .await?,
            )?,
        )
            .into_response()),
        e @ CoreError::Conflict(_) => {
            let (msg, _) = user_message(&e);
            Ok((
                StatusCode::CONFLICT,
                render(
                    &form_page(
                        state,
                        viewer,
                        id,
                        correction,
                        form,
                        FieldErrors::default(),
                        Some(msg),
                    )
                    .await?,
                )?,
            )
                .into_response())
        }
        e => Err(e.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormResult<ItemForm>,
) -> PageResult<Response> {
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    match state.core.create_item(&viewer.actor, &form.input).await {
        Ok(item) => Ok(Redirect::to(&format!("/rilis/{}", item.id)).into_response()),
        Err(e) => form_error(&state, &viewer, None, false, form, e).await,
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let v = state.core.item_view(&viewer.actor, id).await?;
    if !v.can_edit {
        return Err(CoreError::Forbidden.into());
    }
    let form = ItemForm {
        version: v.item.version.to_string(),
        input: ItemInput::of(&v.item),
        ..ItemForm::default()
    };
    Ok(render(
        &form_page(
            &state,
            &viewer,
            Some(id),
            false,
            form,
            FieldErrors::default(),
            None,
        )
        .await?,
    )?
    .into_response())
}

fn parse_version(raw: &str) -> Result<i64, CoreError> {
    raw.trim().parse().map_err(|_| {
        CoreError::Conflict("Versi formulir tidak dikenal. Muat ulang halaman.".into())
    })
}

pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<ItemForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let result = match parse_version(&form.version) {
        Ok(v) => {
            state
                .core
                .update_item(&viewer.actor, id, v, &form.input)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/rilis/{id}")).into_response()),
        Err(e) => form_error(&state, &viewer, Some(id), false, form, e).await,
    }
}

pub async fn correct_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    viewer.actor.require(Permission::NewsApprove)?;
    let v = state.core.item_view(&viewer.actor, id).await?;
    if !v.actions.contains(&Action::Correct.as_str()) {
        return Err(CoreError::Conflict(
            "Hanya tulisan yang sudah terbit yang dapat dikoreksi.".into(),
        )
        .into());
    }
    let form = ItemForm {
        version: v.item.version.to_string(),
        input: ItemInput::of(&v.item),
        ..ItemForm::default()
    };
    Ok(render(
        &form_page(
            &state,
            &viewer,
            Some(id),
            true,
            form,
            FieldErrors::default(),
            None,
        )
        .await?,
    )?
    .into_response())
}

pub async fn correct(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<ItemForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let step = StepInput {
        note: form.note.clone(),
        ..StepInput::default()
    };
    let result = match parse_version(&form.version) {
        Ok(v) => {
            state
                .core
                .item_step(&viewer.actor, id, v, "koreksi", &step, Some(&form.input))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/rilis/{id}")).into_response()),
        Err(e) => form_error(&state, &viewer, Some(id), true, form, e).await,
    }
}

pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub summary: String,
}

pub struct VersionRow {
    pub version: i64,
    pub at: String,
    pub by: String,
    pub note: String,
}

pub struct ActionBtn {
    pub code: &'static str,
    pub label: &'static str,
    pub needs_note: bool,
}

#[derive(Template)]
#[template(path = "newsroom_item.html")]
struct ItemPage {
    chrome: Chrome,
    v: ItemView,
    kind: &'static str,
    status: &'static str,
    category: &'static str,
    published: String,
    publish_at: String,
    actions: Vec<ActionBtn>,
    can_schedule: bool,
    can_correct: bool,
    events: Vec<EventRow>,
    versions: Vec<VersionRow>,
    lists: Vec<Opt>,
    pickups: Option<Vec<Pickup>>,
    alert: Option<String>,
    public_url: Option<String>,
    max_upload_mb: usize,
}

pub(crate) async fn item_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    status: StatusCode,
    alert: Option<String>,
) -> PageResult<Response> {
    let v = state.core.item_view(&viewer.actor, id).await?;
    let chrome = Chrome::new(viewer, &v.item.title, "rilis");
    let pickups = state.core.item_pickups(&viewer.actor, id).await?;
    let lists = if v.item.org_id == viewer.actor.org.id {
        state
            .core
            .media_lists(&viewer.actor)
            .await?
            .into_iter()
            .map(|l| Opt {
                value: l.id.to_string(),
                label: format!("{} ({} kontak)", l.name, l.contacts),
            })
            .collect()
    } else {
        Vec::new()
    };
    let actions = v
        .actions
        .iter()
        .filter_map(|a| Action::parse(a))
        .filter(|a| !matches!(a, Action::Schedule | Action::Correct))
        .map(|a| ActionBtn {
            code: a.as_str(),
            label: a.label(),
            needs_note: a.needs_note(),
        })
        .collect();
    let page = ItemPage {
        kind: v.item.kind.label(),
        status: v.item.status.label(),
        category: category_label(&v.item.category),
        published: chrome.short_opt(&v.item.published_at),
        publish_at: chrome.short_opt(&v.item.publish_at),
        can_schedule: v.actions.contains(&Action::Schedule.as_str()),
        can_correct: v.actions.contains(&Action::Correct.as_str()),
        actions,
        events: v
            .events
            .iter()
            .map(|e| EventRow {
                at: chrome.short(&e.at),
                actor: e.actor.clone(),
                summary: e.summary.clone(),
            })
            .collect(),
        versions: v
            .versions
            .iter()
            .map(|x| VersionRow {
                version: x.version,
                at: chrome.short(&x.edited_at),
                by: x.edited_by.clone(),
                note: x.note.clone().unwrap_or_default(),
            })
            .collect(),
        public_url: v.item.status.is_public().then(|| v.item.portal_path()),
        lists,
        pickups,
        alert,
        max_upload_mb: state.core.max_upload() / (1024 * 1024),
        chrome,
        v,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    item_page(&state, &viewer, id, StatusCode::OK, None).await
}

pub(crate) async fn after_action(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    result: Result<(), CoreError>,
    anchor: &str,
) -> PageResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/rilis/{id}{anchor}")).into_response()),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let status = crate::error::status_of(&e);
            let (msg, _) = user_message(&e);
            item_page(state, viewer, id, status, Some(msg)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct StepForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    note: String,
    /// `datetime-local` in the organisation's zone.
    #[serde(default)]
    publish_at: String,
    #[serde(default)]
    embargo: String,
}

pub async fn step(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<StepForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let zone = viewer.actor.org.zone();
    let publish_at = if form.publish_at.trim().is_empty() {
        None
    } else {
        match NaiveDateTime::parse_from_str(form.publish_at.trim(), "%Y-%m-%dT%H:%M")
            .ok()
            .zip(zone.offset())
            .and_then(|(t, off)| off.from_local_datetime(&t).single())
        {
            Some(t) => Some(t.timestamp_millis()),
            None => {
                return after_action(
                    &state,
                    &viewer,
                    id,
                    Err(CoreError::field(
                        "publish_at",
                        "invalid",
                        "Waktu terbit tidak dapat dibaca (format: tanggal dan jam).",
                    )),
                    "",
                )
                .await;
            }
        }
    };
    let step = StepInput {
        note: form.note.clone(),
        publish_at,
        embargo: form.embargo == "1",
    };
    let result = match parse_version(&form.version) {
        Ok(v) => state
            .core
            .item_step(&viewer.actor, id, v, &form.action, &step, None)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    after_action(&state, &viewer, id, result, "").await
}

#[derive(Deserialize, Default)]
pub struct DiffQuery {
    dari: Option<String>,
    ke: Option<String>,
}

#[derive(Template)]
#[template(path = "newsroom_diff.html")]
struct DiffPage {
    chrome: Chrome,
    id: i64,
    from: i64,
    to: i64,
    from_meta: String,
    to_meta: String,
    title_diff: String,
    lead_diff: String,
    body_diff: String,
    added: usize,
    removed: usize,
}

pub async fn diff(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<DiffQuery>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let num = |s: &Option<String>| s.as_deref().and_then(|v| v.trim().parse::<i64>().ok());
    let (from, to) = match (num(&q.dari), num(&q.ke)) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(CoreError::NotFound.into()),
    };
    let (item, a, b) = state
        .core
        .item_versions_pair(&viewer.actor, id, from, to)
        .await?;
    let chrome = Chrome::new(
        &viewer,
        &format!("Perbandingan versi — {}", item.title),
        "rilis",
    );
    let body_ops = sinergi_richtext::word_diff(
        &sinergi_richtext::plain_text(&a.body_html),
        &sinergi_richtext::plain_text(&b.body_html),
    );
    let stats = sinergi_richtext::diff_stats(&body_ops);
    let page = DiffPage {
        id,
        from,
        to,
        from_meta: format!("{} · {}", chrome.short(&a.edited_at), a.edited_by),
        to_meta: format!("{} · {}", chrome.short(&b.edited_at), b.edited_by),
        title_diff: sinergi_richtext::diff_html(&sinergi_richtext::word_diff(&a.title, &b.title)),
        lead_diff: sinergi_richtext::diff_html(&sinergi_richtext::word_diff(&a.lead, &b.lead)),
        body_diff: sinergi_richtext::diff_html(&body_ops),
        added: stats.added_words,
        removed: stats.removed_words,
        chrome,
    };
    Ok(render(&page)?.into_response())
}

pub async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: axum::extract::Multipart,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let up = match crate::pages::read_upload(multipart).await {
        Ok(up) => up,
        Err((status, msg)) => return item_page(&state, &viewer, id, status, Some(msg)).await,
    };
    viewer.check_csrf(up.field("_csrf"), &headers)?;
    let alt = up.field("alt").to_owned();
    let result = match up.file {
        Some((name, bytes)) if !bytes.is_empty() => state
            .core
            .upload_item_file(
                &viewer.actor,
                id,
                &sinergi_core::newsroom::service::UploadInput {
                    filename: name,
                    alt,
                },
                bytes.to_vec(),
            )
            .await
            .map(|_| ()),
        _ => Err(CoreError::field(
            "file",
            "required",
            "Pilih berkas yang akan diunggah.",
        )),
    };
    after_action(&state, &viewer, id, result, "#berkas").await
}
