//! Pengguna: administrators create, edit, deactivate and reactivate users in their scope.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::network::role::ALL_ROLES;
use sinergi_core::network::{Permission, Role, User, UserFilter, UserInput};
use sinergi_core::page::PageReq;

use crate::AppState;
use crate::auth::{CsrfForm, Viewer, errs_to_map};
use crate::error::{PageError, PageResult};
use crate::pages::{page_param, parse_id};
use crate::view::{Chrome, FieldErrors, Pager, render};

#[derive(Deserialize, Default)]
pub struct UserQuery {
    q: Option<String>,
    org: Option<String>,
    peran: Option<String>,
    status: Option<String>,
    hal: Option<String>,
    pesan: Option<String>,
}

pub struct RoleOption {
    pub value: &'static str,
    pub label: &'static str,
}

fn role_options() -> Vec<RoleOption> {
    ALL_ROLES
        .iter()
        .map(|r| RoleOption {
            value: r.as_str(),
            label: r.label(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    chrome: Chrome,
    q: String,
    org: String,
    role: String,
    status: String,
    roles: Vec<RoleOption>,
    users: Vec<User>,
    pager: Pager,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "users_table.html")]
struct UsersTable {
    users: Vec<User>,
    pager: Pager,
}

fn notice_text(code: Option<&str>) -> Option<String> {
    Some(
        match code? {
            "dinonaktifkan" => "Pengguna dinonaktifkan. Sesi masuknya telah diakhiri.",
            "diaktifkan" => "Pengguna diaktifkan kembali.",
            "disimpan" => "Perubahan disimpan.",
            _ => return None,
        }
        .to_owned(),
    )
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Query(q): Query<UserQuery>,
) -> PageResult<Response> {
    let text: String = q.q.clone().unwrap_or_default().chars().take(100).collect();
    let org: String = q
        .org
        .clone()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(20)
        .collect();
    let role = Role::parse(q.peran.as_deref().unwrap_or(""));
    let status = q.status.clone().unwrap_or_default();
    let filter = UserFilter {
        q: Some(text.clone()).filter(|s| !s.trim().is_empty()),
        org_code: Some(org.clone()).filter(|s| !s.is_empty()),
        role,
        active: match status.as_str() {
            "aktif" => Some(true),
            "nonaktif" => Some(false),
            _ => None,
        },
    };
    let page = state
        .core
        .list_users(
            &viewer.actor,
            &filter,
            PageReq::new(page_param(&q.hal), None),
        )
        .await?;
    let role_s = role.map(|r| r.as_str().to_owned()).unwrap_or_default();
    let pager = Pager::new(
        &page,
        "/pengguna",
        &[
            ("q", text.clone()),
            ("org", org.clone()),
            ("peran", role_s.clone()),
            ("status", status.clone()),
        ],
    );
    if headers.contains_key("hx-request") {
        return Ok(render(&UsersTable {
            users: page.items,
            pager,
        })?
        .into_response());
    }
    Ok(render(&UsersPage {
        chrome: Chrome::new(&viewer, "Pengguna", "pengguna"),
        q: text,
        org,
        role: role_s,
        status,
        roles: role_options(),
        users: page.items,
        pager,
        notice: notice_text(q.pesan.as_deref()),
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "user.html")]
struct UserPage {
    chrome: Chrome,
    user: User,
    can_manage: bool,
    is_self: bool,
    new_password: Option<String>,
    notice: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<UserQuery>,
) -> PageResult<Html<String>> {
    let id = parse_id(&id)?;
    let user = state.core.get_user(&viewer.actor, id).await?;
    render(&UserPage {
        can_manage: viewer.actor.role.can(Permission::ManageUsers),
        is_self: viewer.actor.user_id == Some(user.id),
        chrome: Chrome::new(&viewer, &user.name, "pengguna"),
        user,
        new_password: None,
        notice: notice_text(q.pesan.as_deref()),
    })
}

#[derive(Deserialize, Default)]
pub struct UserForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    org_code: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    nip: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    role: String,
}

impl UserForm {
    fn input(&self) -> UserInput {
        UserInput {
            org_code: self.org_code.clone(),
            email: self.email.clone(),
            name: self.name.clone(),
            nip: Some(self.nip.clone()),
            phone: Some(self.phone.clone()),
            position: Some(self.position.clone()),
            role: self.role.clone(),
        }
    }
    fn from_user(u: &User) -> Self {
        Self {
            csrf: String::new(),
            org_code: u.org_code.clone(),
            email: u.email.clone(),
            name: u.name.clone(),
            nip: u.nip.clone().unwrap_or_default(),
            phone: u.phone.clone().unwrap_or_default(),
            position: u.position.clone().unwrap_or_default(),
            role: u.role.as_str().to_owned(),
        }
    }
}

#[derive(Template)]
#[template(path = "user_form.html")]
struct UserFormPage {
    chrome: Chrome,
    /// `None` for a new user.
    id: Option<i64>,
    form: UserForm,
    roles: Vec<RoleOption>,
    errors: FieldErrors,
}

fn form_page(
    viewer: &Viewer,
    id: Option<i64>,
    form: UserForm,
    errors: FieldErrors,
) -> UserFormPage {
    let title = if id.is_some() {
        "Ubah pengguna"
    } else {
        "Tambah pengguna"
    };
    UserFormPage {
        chrome: Chrome::new(viewer, title, "pengguna"),
        id,
        form,
        roles: role_options(),
        errors,
    }
}

fn require_manage(viewer: &Viewer) -> PageResult<()> {
    viewer
        .actor
        .require(Permission::ManageUsers)
        .map_err(PageError::from)
}

pub async fn new_form(viewer: Viewer) -> PageResult<Html<String>> {
    require_manage(&viewer)?;
    let form = UserForm {
        org_code: viewer.actor.org.code.clone(),
        role: "officer".into(),
        ..Default::default()
    };
    render(&form_page(&viewer, None, form, FieldErrors::default()))
}

type FormInput = Result<Form<UserForm>, axum::extract::rejection::FormRejection>;

fn bad_form() -> PageError {
    PageError::BadRequest(
        "Isi formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.".into(),
    )
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormInput,
) -> PageResult<Response> {
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    match state
        .core
        .create_user(&viewer.actor, &form.input(), None)
        .await
    {
        Ok((user, password)) => Ok(render(&UserPage {
            can_manage: true,
            is_self: false,
            chrome: Chrome::new(&viewer, &user.name, "pengguna"),
            user,
            new_password: password,
            notice: Some("Pengguna dibuat.".into()),
        })?
        .into_response()),
        Err(CoreError::Validation(errs)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&form_page(
                &viewer,
                None,
                form,
                FieldErrors(errs_to_map(errs)),
            ))?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Html<String>> {
    let id = parse_id(&id)?;
    let user = state.core.get_user(&viewer.actor, id).await?;
    require_manage(&viewer)?;
    render(&form_page(
        &viewer,
        Some(id),
        UserForm::from_user(&user),
        FieldErrors::default(),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormInput,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    match state
        .core
        .update_user(&viewer.actor, id, &form.input())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/pengguna/{id}?pesan=disimpan")).into_response()),
        Err(CoreError::Validation(errs)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&form_page(
                &viewer,
                Some(id),
                form,
                FieldErrors(errs_to_map(errs)),
            ))?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

async fn set_active(
    state: AppState,
    viewer: Viewer,
    headers: HeaderMap,
    id: String,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
    active: bool,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    state
        .core
        .set_user_active(&viewer.actor, id, active)
        .await?;
    let msg = if active {
        "diaktifkan"
    } else {
        "dinonaktifkan"
    };
    Ok(Redirect::to(&format!("/pengguna/{id}?pesan={msg}")).into_response())
}

pub async fn deactivate(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
) -> PageResult<Response> {
    set_active(state, viewer, headers, id, form, false).await
}

pub async fn activate(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
) -> PageResult<Response> {
    set_active(state, viewer, headers, id, form, true).await
}

pub async fn reset_password(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let password = state.core.reset_password(&viewer.actor, id).await?;
    let user = state.core.get_user(&viewer.actor, id).await?;
    Ok(render(&UserPage {
        can_manage: true,
        is_self: viewer.actor.user_id == Some(id),
        chrome: Chrome::new(&viewer, &user.name, "pengguna"),
        user,
        new_password: Some(password),
        notice: Some("Kata sandi baru dibuat. Semua sesi pengguna ini telah diakhiri.".into()),
    })?
    .into_response())
}
