//! Rilis & Portal, the officers' side: writing releases, the approval workflow, versions and
//! their diff, images and attachments, media lists and distribution, and comment moderation.
//! The public portal lives in `crate::portal`.

mod comments;
mod items;
mod lists;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::error::PageError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rilis", get(items::list).post(items::create))
        .route("/rilis/baru", get(items::new_form))
        .route("/rilis/{id}", get(items::show))
        .route(
            "/rilis/{id}/ubah",
            get(items::edit_form).post(items::update),
        )
        .route(
            "/rilis/{id}/koreksi",
            get(items::correct_form).post(items::correct),
        )
        .route("/rilis/{id}/langkah", post(items::step))
        .route("/rilis/{id}/versi", get(items::diff))
        .route("/rilis/{id}/kirim", post(lists::distribute))
        .route("/rilis/{id}/kirim/{did}", get(lists::deliveries))
        .route("/rilis/media", get(lists::index).post(lists::create))
        .route(
            "/rilis/media/{id}",
            get(lists::show).post(lists::save_contacts),
        )
        .route("/rilis/komentar", get(comments::queue))
        .route("/rilis/komentar/{id}/balas", post(comments::reply))
        .route("/rilis/komentar/{id}/{action}", post(comments::decide))
}

/// Multipart routes (larger body limit).
pub fn upload_router() -> Router<AppState> {
    Router::new().route("/rilis/{id}/berkas", post(items::upload))
}

pub(crate) fn bad_form() -> PageError {
    PageError::BadRequest(
        "Isi formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.".into(),
    )
}

pub struct Opt {
    pub value: String,
    pub label: String,
}
