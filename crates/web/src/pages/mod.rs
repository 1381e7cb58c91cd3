//! Server-rendered pages, one file per area.

pub mod audit;
pub mod crisis;
pub mod dashboard;
pub mod jobs;
pub mod monitor;
pub mod newsroom;
pub mod notifications;
pub mod orgs;
pub mod users;

use axum::Router;
use axum::routing::{get, post};

use crate::{AppState, auth};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::show))
        .route("/masuk", get(auth::login_page).post(auth::login_submit))
        .route("/keluar", post(auth::logout))
        .route(
            "/akun/sandi",
            get(auth::password_page).post(auth::password_submit),
        )
        .route("/akun/notifikasi", post(auth::preference_submit))
        .route("/organisasi", get(orgs::list))
        .route("/organisasi/{code}", get(orgs::show))
        .route("/pengguna", get(users::list).post(users::create))
        .route("/pengguna/baru", get(users::new_form))
        .route("/pengguna/{id}", get(users::show).post(users::update))
        .route("/pengguna/{id}/ubah", get(users::edit_form))
        .route("/pengguna/{id}/nonaktifkan", post(users::deactivate))
        .route("/pengguna/{id}/aktifkan", post(users::activate))
        .route("/pengguna/{id}/reset-sandi", post(users::reset_password))
        .route("/krisis", get(crisis::list).post(crisis::create))
        .route("/krisis/baru", get(crisis::new_form))
        .route("/krisis/serupa", get(crisis::similar))
        .route("/krisis/klaim", get(crisis::claims))
        .route("/krisis/{id}", get(crisis::show))
        .route(
            "/krisis/{id}/ubah",
            get(crisis::edit_form).post(crisis::update),
        )
        .route("/krisis/{id}/status", post(crisis::transition))
        .route("/krisis/{id}/eskalasi", post(crisis::escalate))
        .route("/krisis/{id}/gabung", post(crisis::join))
        .route("/krisis/{id}/ambil-alih", post(crisis::take_over))
        .route("/krisis/{id}/turunkan", post(crisis::deescalate))
        .route("/krisis/{id}/bagikan", post(crisis::share))
        .route("/krisis/{id}/verifikasi", post(crisis::verdict))
        .route("/krisis/{id}/catatan", post(crisis::note))
        .route("/krisis/{id}/tugas", post(crisis::task))
        .route("/krisis/{id}/tugas/{task}/selesai", post(crisis::task_done))
        .route("/krisis/{id}/pernyataan", post(crisis::statement))
        .route("/krisis/bukti/{eid}", get(crisis::download_evidence))
        .route("/krisis/{id}/laporan", get(crisis::report))
        .route("/krisis/{id}/laporan.pdf", get(crisis::report_pdf))
        .route("/krisis/pernyataan/{sid}", get(crisis::statement_show))
        .route(
            "/krisis/pernyataan/{sid}/{action}",
            post(crisis::statement_action),
        )
        .route(
            "/notifikasi",
            get(notifications::list).post(notifications::mark_read),
        )
        .route("/notifikasi/{id}", get(notifications::open))
        .route("/audit", get(audit::list))
        .route("/admin/pekerjaan", get(jobs::list))
        .route("/admin/pekerjaan/{id}/ulang", post(jobs::requeue))
        .merge(monitor::router())
        .merge(newsroom::router())
        .fallback(not_found)
}

/// Routes that take file uploads (multipart), kept apart for their larger body limit.
pub fn upload_router() -> Router<AppState> {
    Router::new()
        .route("/krisis/{id}/bukti", post(crisis::upload_evidence))
        .route("/krisis/klaim", post(crisis::import_claims))
        .merge(newsroom::upload_router())
}

async fn not_found() -> crate::error::PageError {
    crate::error::PageError::Core(sinergi_core::CoreError::NotFound)
}

/// Parses a path id; anything that is not a positive number is simply "not found".
pub fn parse_id(raw: &str) -> Result<i64, crate::error::PageError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(crate::error::PageError::Core(
            sinergi_core::CoreError::NotFound,
        ))
}

/// Query values arrive as strings so that a malformed one never fails the whole request.
pub fn page_param(raw: &Option<String>) -> Option<u32> {
    raw.as_deref().and_then(|v| v.trim().parse().ok())
}

/// A multipart upload form read whole: its text fields and its one file (`file`).
#[derive(Default)]
pub struct Upload {
    pub fields: std::collections::HashMap<String, String>,
    /// Client file name and bytes.
    pub file: Option<(String, axum::body::Bytes)>,
}

impl Upload {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Reads an upload form. A broken or oversized upload gives the status to answer with and a
/// message for the page (the form is shown again with it).
pub async fn read_upload(
    mut multipart: axum::extract::Multipart,
) -> Result<Upload, (axum::http::StatusCode, String)> {
    let mut up = Upload::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Ok(up),
            Err(e) => {
                let msg = if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    "Berkas terlalu besar."
                } else {
                    "Unggahan tidak dapat dibaca. Coba lagi."
                };
                return Err((e.status(), msg.to_owned()));
            }
        };
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            let filename = field.file_name().unwrap_or("berkas").to_owned();
            match field.bytes().await {
                Ok(b) => up.file = Some((filename, b)),
                Err(e) => {
                    return Err((
                        e.status(),
                        "Berkas terlalu besar atau unggahan terputus.".to_owned(),
                    ));
                }
            }
        } else if !name.is_empty() {
            let value = field.text().await.unwrap_or_default();
            up.fields.insert(name, value);
        }
    }
}
