//! Mapping core errors to HTTP in one place. Users see a clear message in Bahasa Indonesia and
//! an incident code; internal details go to the log only.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use sinergi_core::CoreError;

#[derive(Debug)]
pub enum PageError {
    Core(CoreError),
    BadRequest(String),
    Csrf,
}

impl From<CoreError> for PageError {
    fn from(e: CoreError) -> Self {
        PageError::Core(e)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    status: u16,
    title: String,
    message: String,
    incident: Option<String>,
}

pub fn incident_id() -> String {
    use rand::Rng;
    format!("{:08x}", rand::rng().random::<u32>())
}

pub fn status_of(e: &CoreError) -> StatusCode {
    match e {
        CoreError::NotFound => StatusCode::NOT_FOUND,
        CoreError::Forbidden => StatusCode::FORBIDDEN,
        CoreError::Unauthenticated => StatusCode::UNAUTHORIZED,
        CoreError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        CoreError::Conflict(_) => StatusCode::CONFLICT,
        CoreError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        CoreError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A user-facing message for an error; internal errors are logged with an incident id.
pub fn user_message(e: &CoreError) -> (String, Option<String>) {
    match e {
        CoreError::NotFound => (
            "Halaman atau data yang Anda cari tidak ditemukan.".into(),
            None,
        ),
        CoreError::Forbidden => (
            "Peran Anda tidak memiliki izin untuk tindakan ini.".into(),
            None,
        ),
        CoreError::Unauthenticated => ("Silakan masuk terlebih dahulu.".into(), None),
        CoreError::Validation(f) => (
            f.iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            None,
        ),
        CoreError::Conflict(m) => (m.clone(), None),
        CoreError::RateLimited { retry_after_secs } => (
            format!(
                "Terlalu banyak permintaan. Coba lagi dalam {} menit.",
                retry_after_secs.div_ceil(60)
            ),
            None,
        ),
        CoreError::Internal(m) => {
            let id = incident_id();
            tracing::error!(incident = %id, error = %m, "internal error");
            (
                "Terjadi kesalahan pada server. Silakan coba lagi atau hubungi administrator."
                    .into(),
                Some(id),
            )
        }
    }
}

pub fn render_error(
    status: StatusCode,
    title: &str,
    message: String,
    incident: Option<String>,
) -> Response {
    let page = ErrorPage {
        status: status.as_u16(),
        title: title.to_owned(),
        message,
        incident,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, "Terjadi kesalahan.").into_response(),
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::Core(e) => {
                let status = status_of(&e);
                let title = match status {
                    StatusCode::NOT_FOUND => "Tidak ditemukan",
                    StatusCode::FORBIDDEN => "Tidak diizinkan",
                    StatusCode::TOO_MANY_REQUESTS => "Terlalu banyak permintaan",
                    StatusCode::INTERNAL_SERVER_ERROR => "Kesalahan server",
                    _ => "Permintaan tidak dapat diproses",
                };
                let (msg, incident) = user_message(&e);
                render_error(status, title, msg, incident)
            }
            PageError::BadRequest(m) => render_error(StatusCode::BAD_REQUEST, "Permintaan tidak valid", m, None),
            PageError::Csrf => render_error(
                StatusCode::FORBIDDEN,
                "Sesi formulir kedaluwarsa",
                "Formulir ini sudah kedaluwarsa atau tidak berasal dari Sinergi. Muat ulang halaman lalu coba lagi.".into(),
                None,
            ),
        }
    }
}

pub type PageResult<T> = Result<T, PageError>;
