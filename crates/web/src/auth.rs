//! Sessions in the browser: the cookie, the signed-in [`Viewer`] extractor, CSRF checks, and
//! the login, logout and change-password pages.

use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sinergi_core::auth::{Actor, Session};
use sinergi_core::{CoreError, FieldError};

use crate::AppState;
use crate::error::{PageError, PageResult, render_error, user_message};
use crate::view::{Chrome, FieldErrors};

pub const SESSION_COOKIE: &str = "sinergi_sesi";
pub const LOGIN_CSRF_COOKIE: &str = "sinergi_csrf";

/// The value of cookie `name` in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let v = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The client address, for rate limits and the audit log.
pub fn client_ip(parts: &Parts, trust_forwarded_for: bool) -> Option<String> {
    if trust_forwarded_for
        && let Some(ip) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    {
        return Some(ip.to_owned());
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

/// Compares secrets in constant time (via hashes, so lengths do not leak either).
pub fn same_secret(a: &str, b: &str) -> bool {
    let (ha, hb) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    ha.iter()
        .zip(hb.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// The client address as an extractor.
pub struct ClientIp(pub Option<String>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts, state.cfg.trust_forwarded_for)))
    }
}

/// A signed-in user of the web UI.
pub struct Viewer {
    pub actor: Actor,
    pub session: Session,
    /// Unread in-app notifications, for the bell in the header.
    pub unread: i64,
}

impl Viewer {
    /// Every state-changing form carries the session's CSRF token (hidden field `_csrf`, or the
    /// `X-CSRF-Token` header that htmx sends).
    pub fn check_csrf(&self, form_token: &str, headers: &HeaderMap) -> PageResult<()> {
        let header_token = headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let token = if form_token.is_empty() {
            header_token
        } else {
            form_token
        };
        if !token.is_empty() && same_secret(token, &self.session.csrf_token) {
            Ok(())
        } else {
            Err(PageError::Csrf)
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let ip = client_ip(parts, state.cfg.trust_forwarded_for);
        let to_login = |parts: &Parts| -> Response {
            if parts.headers.contains_key("hx-request") {
                // htmx would swap the login page into a fragment; ask it to navigate instead.
                (StatusCode::UNAUTHORIZED, [("hx-redirect", "/masuk")]).into_response()
            } else {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                let next: String = url_escape(next);
                Redirect::to(&format!("/masuk?next={next}")).into_response()
            }
        };
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login(parts));
        };
        match state.core.session_actor(secret, ip).await {
            Ok(Some((actor, session))) => {
                let unread = state.core.unread_count(&actor).await.unwrap_or(0);
                Ok(Viewer {
                    actor,
                    session,
                    unread,
                })
            }
            Ok(None) => Err(to_login(parts)),
            Err(e) => Err(PageError::from(e).into_response()),
        }
    }
}

/// Percent-encodes everything but unreserved characters and `/`.
pub fn url_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Only local paths are followed after login (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    csrf: String,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    keluar: Option<String>,
}

fn random_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut b = [0u8; 24];
    rand::rng().fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

fn render_login(
    status: StatusCode,
    secure: bool,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
) -> Response {
    // A fresh double-submit token for the anonymous login form.
    let csrf = random_token();
    let page = LoginPage {
        chrome: Chrome::anonymous("Masuk"),
        csrf: csrf.clone(),
        email,
        next,
        error,
        notice,
    };
    match page.render() {
        Ok(html) => {
            let mut res = (status, Html(html)).into_response();
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(LOGIN_CSRF_COOKIE, &csrf, 3600, secure),
            );
            res
        }
        Err(e) => PageError::from(CoreError::Internal(e.to_string())).into_response(),
    }
}

pub async fn login_page(State(state): State<AppState>, Query(q): Query<LoginQuery>) -> Response {
    let notice = q.keluar.map(|_| "Anda telah keluar.".to_owned());
    render_login(
        StatusCode::OK,
        state.cfg.cookie_secure,
        String::new(),
        safe_next(q.next.as_deref()),
        None,
        notice,
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    next: String,
}

pub async fn login_submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let secure = state.cfg.cookie_secure;
    let Ok(Form(form)) = form else {
        return render_login(
            StatusCode::BAD_REQUEST,
            secure,
            String::new(),
            "/".into(),
            Some("Formulir tidak valid.".into()),
            None,
        );
    };
    let next = safe_next(Some(&form.next));
    let cookie_token = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    if form.csrf.is_empty() || !same_secret(&form.csrf, cookie_token) {
        return render_error(
            StatusCode::FORBIDDEN,
            "Sesi formulir kedaluwarsa",
            "Formulir masuk sudah kedaluwarsa. Muat ulang halaman lalu coba lagi.".into(),
            None,
        );
    }
    if form.email.trim().is_empty()
        || form.password.is_empty()
        || form.email.len() > 254
        || form.password.len() > 1024
    {
        return render_login(
            StatusCode::UNPROCESSABLE_ENTITY,
            secure,
            form.email.chars().take(254).collect(),
            next,
            Some("Isi email dan kata sandi.".into()),
            None,
        );
    }
    match state.core.login(&form.email, &form.password, ip).await {
        Ok(out) => {
            let ttl = (out.session.expires_at - out.session.created_at) / 1000;
            let mut res = Redirect::to(&next).into_response();
            let h = res.headers_mut();
            h.append(
                header::SET_COOKIE,
                set_cookie(SESSION_COOKIE, &out.cookie_secret, ttl, secure),
            );
            h.append(
                header::SET_COOKIE,
                set_cookie(LOGIN_CSRF_COOKIE, "", 0, secure),
            );
            res
        }
        Err(CoreError::Unauthenticated) => render_login(
            StatusCode::UNAUTHORIZED,
            secure,
            form.email,
            next,
            Some("Email atau kata sandi salah, atau akun nonaktif.".into()),
            None,
        ),
        Err(e @ CoreError::RateLimited { .. }) => {
            let (msg, _) = user_message(&e);
            let mut res = render_login(
                StatusCode::TOO_MANY_REQUESTS,
                secure,
                form.email,
                next,
                Some(format!("Terlalu banyak percobaan masuk. {msg}")),
                None,
            );
            if let CoreError::RateLimited { retry_after_secs } = e
                && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
            {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
        Err(e) => PageError::from(e).into_response(),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    pub csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> PageResult<Response> {
    viewer.check_csrf(&form.csrf, &headers)?;
    if let Some(secret) = cookie(&headers, SESSION_COOKIE) {
        state.core.logout(secret).await?;
    }
    let mut res = Redirect::to("/masuk?keluar=1").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", 0, state.cfg.cookie_secure),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    chrome: Chrome,
    errors: FieldErrors,
    done: bool,
    notify_email: bool,
    pref_saved: bool,
}

#[derive(Deserialize, Default)]
pub struct AccountQuery {
    pesan: Option<String>,
}

pub async fn password_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AccountQuery>,
) -> PageResult<Html<String>> {
    let page = PasswordPage {
        chrome: Chrome::new(&viewer, "Akun saya", "akun"),
        errors: FieldErrors::default(),
        done: false,
        notify_email: state.core.email_preference(&viewer.actor).await?,
        pref_saved: q.pesan.as_deref() == Some("notifikasi"),
    };
    Ok(Html(
        page.render()
            .map_err(|e| CoreError::Internal(e.to_string()))?,
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

pub async fn password_submit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> PageResult<Response> {
    viewer.check_csrf(&form.csrf, &headers)?;
    let result = state
        .core
        .change_own_password(
            &viewer.actor,
            &form.current_password,
            &form.new_password,
            &form.confirm_password,
        )
        .await;
    let (status, errors, done) = match result {
        Ok(()) => (StatusCode::OK, Vec::<FieldError>::new(), true),
        Err(CoreError::Validation(errs)) => (StatusCode::UNPROCESSABLE_ENTITY, errs, false),
        Err(e) => return Err(e.into()),
    };
    let page = PasswordPage {
        chrome: Chrome::new(&viewer, "Akun saya", "akun"),
        errors: FieldErrors(errs_to_map(errors)),
        done,
        notify_email: state.core.email_preference(&viewer.actor).await?,
        pref_saved: false,
    };
    Ok((
        status,
        Html(
            page.render()
                .map_err(|e| CoreError::Internal(e.to_string()))?,
        ),
    )
        .into_response())
}

pub fn errs_to_map(errs: Vec<FieldError>) -> Vec<(String, String)> {
    errs.into_iter().map(|e| (e.field, e.message)).collect()
}

#[derive(Deserialize)]
pub struct PreferenceForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    /// Present (any value) when the checkbox is ticked.
    #[serde(default)]
    notify_email: Option<String>,
}

pub async fn preference_submit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Result<Form<PreferenceForm>, axum::extract::rejection::FormRejection>,
) -> PageResult<Response> {
    let Form(form) = form.map_err(|_| PageError::BadRequest("Formulir tidak valid.".into()))?;
    viewer.check_csrf(&form.csrf, &headers)?;
    state
        .core
        .set_email_preference(&viewer.actor, form.notify_email.is_some())
        .await?;
    Ok(Redirect::to("/akun/sandi?pesan=notifikasi").into_response())
}
