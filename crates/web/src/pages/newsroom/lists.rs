//! Media lists (the plain list of outlets and journalists until the press register exists)
//! and sending a release to one, with per-recipient delivery status.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::network::Permission;
use sinergi_core::newsroom::{Contact, DeliveryRow, MediaList};

use super::bad_form;
use super::items::after_action;
use crate::AppState;
use crate::auth::Viewer;
use crate::error::{PageResult, user_message};
use crate::pages::parse_id;
use crate::view::{Chrome, render};

type FormResult<T> = Result<Form<T>, axum::extract::rejection::FormRejection>;

#[derive(Template)]
#[template(path = "newsroom_lists.html")]
struct ListsPage {
    chrome: Chrome,
    lists: Vec<MediaList>,
    name: String,
    alert: Option<String>,
    can_edit: bool,
}

async fn lists_page(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    name: String,
    alert: Option<String>,
) -> PageResult<Response> {
    let lists = state.core.media_lists(&viewer.actor).await?;
    Ok((
        status,
        render(&ListsPage {
            chrome: Chrome::new(viewer, "Daftar media", "rilis"),
            lists,
            name,
            alert,
            can_edit: viewer.actor.role.can(Permission::NewsEdit),
        })?,
    )
        .into_response())
}

pub async fn index(State(state): State<AppState>, viewer: Viewer) -> PageResult<Response> {
    lists_page(&state, &viewer, StatusCode::OK, String::new(), None).await
}

#[derive(Deserialize, Default)]
pub struct NameForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    name: String,
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormResult<NameForm>,
) -> PageResult<Response> {
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    match state
        .core
        .create_media_list(&viewer.actor, &form.name)
        .await
    {
        Ok(l) => Ok(Redirect::to(&format!("/rilis/media/{}", l.id)).into_response()),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let (msg, _) = user_message(&e);
            lists_page(
                &state,
                &viewer,
                crate::error::status_of(&e),
                form.name,
                Some(msg),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "newsroom_contacts.html")]
struct ContactsPage {
    chrome: Chrome,
    list: MediaList,
    contacts: Vec<Contact>,
    text: String,
    alert: Option<String>,
    saved: bool,
    can_edit: bool,
}

fn contacts_text(contacts: &[Contact]) -> String {
    contacts
        .iter()
        .map(|c| format!("{}, {}, {}", c.name, c.email, c.outlet))
        .collect::<Vec<_>>()
        .join("\n")
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let (list, contacts) = state.core.media_list(&viewer.actor, id).await?;
    Ok(render(&ContactsPage {
        chrome: Chrome::new(&viewer, &format!("Daftar media: {}", list.name), "rilis"),
        text: contacts_text(&contacts),
        list,
        contacts,
        alert: None,
        saved: false,
        can_edit: viewer.actor.role.can(Permission::NewsEdit),
    })?
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct ContactsForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    contacts: String,
}

pub async fn save_contacts(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<ContactsForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let result = state
        .core
        .set_media_contacts(&viewer.actor, id, &form.contacts)
        .await;
    let (list, contacts) = state.core.media_list(&viewer.actor, id).await?;
    let (status, alert, text, saved) = match result {
        Ok(_) => (StatusCode::OK, None, contacts_text(&contacts), true),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let (msg, _) = user_message(&e);
            (crate::error::status_of(&e), Some(msg), form.contacts, false)
        }
        Err(e) => return Err(e.into()),
    };
    Ok((
        status,
        render(&ContactsPage {
            chrome: Chrome::new(&viewer, &format!("Daftar media: {}", list.name), "rilis"),
            list,
            contacts,
            text,
            alert,
            saved,
            can_edit: viewer.actor.role.can(Permission::NewsEdit),
        })?,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct SendForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    list: String,
}

pub async fn distribute(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<SendForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let result = match form.list.trim().parse::<i64>() {
        Ok(list) => state
            .core
            .distribute_item(&viewer.actor, id, list)
            .await
            .map(|_| ()),
        Err(_) => Err(CoreError::field("list", "required", "Pilih daftar media.")),
    };
    after_action(&state, &viewer, id, result, "#distribusi").await
}

#[derive(Template)]
#[template(path = "newsroom_deliveries.html")]
struct DeliveriesPage {
    chrome: Chrome,
    id: i64,
    rows: Vec<(DeliveryRow, String)>,
}

pub async fn deliveries(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, did)): Path<(String, String)>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let did = parse_id(&did)?;
    let rows = state
        .core
        .distribution_deliveries(&viewer.actor, id, did)
        .await?;
    let chrome = Chrome::new(&viewer, "Status pengiriman", "rilis");
    let rows = rows
        .into_iter()
        .map(|r| {
            let at = chrome.short(&r.updated_at);
            (r, at)
        })
        .collect();
    Ok(render(&DeliveriesPage { chrome, id, rows })?.into_response())
}
