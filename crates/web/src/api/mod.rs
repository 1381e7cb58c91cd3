//! The JSON API under `/api/v1`, authenticated by bearer tokens (`sinergi token create`) and
//! described by `/api/v1/openapi.json`. Errors have stable codes:
//! `{"error": {"code", "message", "fields": [{"field", "code", "message"}]}}`.

pub mod audit;
pub mod crisis;
pub mod dto;
pub mod jobs;
pub mod monitor;
pub mod newsroom;
pub mod orgs;
pub mod users;

use axum::Json;
use axum::Router;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use sinergi_core::CoreError;
use sinergi_core::auth::Actor;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::AppState;
use crate::auth::client_ip;
use crate::error::{status_of, user_message};
use dto::{ApiErrorBody, ApiErrorDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/me", get(users::me))
        .route("/orgs", get(orgs::list))
        .route("/orgs/{code}", get(orgs::get))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", get(users::get).patch(users::update))
        .route("/users/{id}/deactivate", post(users::deactivate))
        .route("/users/{id}/activate", post(users::activate))
        .route("/audit", get(audit::list))
        .route("/jobs", get(jobs::list))
        .route("/crisis/cases", get(crisis::list).post(crisis::create))
        .route("/crisis/cases/{id}", get(crisis::get))
        .route("/crisis/cases/{id}/transition", post(crisis::transition))
        .route("/crisis/cases/{id}/escalate", post(crisis::escalate))
        .route("/monitor/articles", get(monitor::search))
        .route("/monitor/articles/{id}", get(monitor::get))
        .route(
            "/monitor/sources",
            get(monitor::sources).post(monitor::create_source),
        )
        .route("/monitor/alerts", get(monitor::alerts))
        .route(
            "/newsroom/items",
            get(newsroom::list).post(newsroom::create),
        )
        .route("/newsroom/items/{id}", get(newsroom::get))
        .route("/newsroom/items/{id}/step", post(newsroom::step))
        .fallback(|| async { ApiError::Core(CoreError::NotFound) })
}

#[derive(Debug)]
pub enum ApiError {
    Core(CoreError),
    /// Body or query that could not be read: `(status, code, message)`.
    Input(StatusCode, &'static str, String),
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        ApiError::Core(e)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::JsonDataError(e) => ApiError::Input(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                format!("Isi JSON tidak sesuai skema: {}", e.body_text()),
            ),
            JsonRejection::JsonSyntaxError(_) => ApiError::Input(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                "JSON tidak valid.".into(),
            ),
            JsonRejection::MissingJsonContentType(_) => ApiError::Input(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Gunakan Content-Type: application/json.".into(),
            ),
            _ => ApiError::Input(
                StatusCode::BAD_REQUEST,
                "bad_request",
                "Permintaan tidak dapat dibaca.".into(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Core(e) => {
                let status = status_of(&e);
                let fields = match &e {
                    CoreError::Validation(f) => f.clone(),
                    _ => vec![],
                };
                let (message, incident) = user_message(&e);
                let retry = match &e {
                    CoreError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
                    _ => None,
                };
                let body = ApiErrorBody {
                    error: ApiErrorDetail {
                        code: e.code().to_owned(),
                        message,
                        fields: fields.into_iter().map(Into::into).collect(),
                        incident,
                    },
                };
                let mut res = (status, Json(body)).into_response();
                if status == StatusCode::UNAUTHORIZED {
                    res.headers_mut().insert(
                        header::WWW_AUTHENTICATE,
                        header::HeaderValue::from_static("Bearer"),
                    );
                }
                if let Some(s) =
                    retry.and_then(|s| header::HeaderValue::from_str(&s.to_string()).ok())
                {
                    res.headers_mut().insert(header::RETRY_AFTER, s);
                }
                return res;
            }
            ApiError::Input(status, code, message) => (
                status,
                ApiErrorBody {
                    error: ApiErrorDetail {
                        code: code.to_owned(),
                        message,
                        fields: vec![],
                        incident: None,
                    },
                },
            ),
        };
        (status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The caller of an API request, from `Authorization: Bearer <token>`.
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 200)
            .ok_or(ApiError::Core(CoreError::Unauthenticated))?;
        let ip = client_ip(parts, state.cfg.trust_forwarded_for);
        match state.core.token_actor(bearer, ip).await? {
            Some(actor) => Ok(ApiActor(actor)),
            None => Err(ApiError::Core(CoreError::Unauthenticated)),
        }
    }
}

/// Path ids that are not positive numbers are simply not found.
pub fn parse_id(raw: &str) -> ApiResult<i64> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(ApiError::Core(CoreError::NotFound))
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Sinergi API", description = "API jejaring humas pemerintah. Token dibuat dengan `sinergi token create --user EMAIL`."),
    paths(
        users::me, users::list, users::get, users::create, users::update, users::deactivate, users::activate,
        orgs::list, orgs::get, audit::list, jobs::list,
        crisis::list, crisis::create, crisis::get, crisis::transition, crisis::escalate,
        monitor::search, monitor::get, monitor::sources, monitor::create_source, monitor::alerts,
        newsroom::list, newsroom::get, newsroom::create, newsroom::step
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags((name = "jejaring", description = "Organisasi, pengguna, audit"), (name = "sistem", description = "Antrean pekerjaan"), (name = "krisis", description = "Krisis informasi dan hoaks"), (name = "pantau", description = "Pantau Media: berita terpantau, sumber, peringatan dini"), (name = "rilis", description = "Rilis & Portal: siaran pers dan alur persetujuannya"))
)]
pub struct ApiDoc;

async fn openapi_json(State(_): State<AppState>) -> Response {
    match ApiDoc::openapi().to_pretty_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => ApiError::Core(CoreError::Internal(e.to_string())).into_response(),
    }
}
