//! The public news portal of every organisation: home, article (with "Baca Juga" and
//! comments), category, tag and search pages, RSS, sitemap, printable view and media files.
//! Anonymous by design; pages without a query string come from [`cache::PortalCache`].

pub mod cache;
mod feeds;

use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::network::Org;
use sinergi_core::newsroom::service::CommentInput;
use sinergi_core::newsroom::store::PublicFilter;
use sinergi_core::newsroom::{CATEGORIES, Comment, ItemFile, NewsItem, category_label};
use sinergi_core::page::{Page, PageReq};
use sinergi_core::time::{format_date, format_long};

use crate::AppState;
use crate::auth::{ClientIp, Viewer, errs_to_map};
use crate::error::{PageError, PageResult, user_message};
use crate::pages::page_param;
use crate::view::{FieldErrors, render};
use cache::{CachedPage, etag};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/portal", get(index))
        .route("/portal/media/{hash}", get(media))
        .route("/portal/{org}", get(home))
        .route("/portal/{org}/berita/{slug}", get(article))
        .route("/portal/{org}/berita/{id}/cetak", get(print))
        .route("/portal/{org}/berita/{id}/komentar", post(comment))
        .route("/portal/{org}/komentar/{cid}/laporkan", post(report))
        .route("/portal/{org}/kategori/{cat}", get(category))
        .route("/portal/{org}/tag/{tag}", get(tag))
        .route("/portal/{org}/cari", get(search))
        .route("/portal/{org}/rss.xml", get(feeds::rss))
        .route("/portal/{org}/sitemap.xml", get(feeds::sitemap))
}

const HTML: &str = "text/html; charset=utf-8";

/// What a portal handler produces: a page to cache and serve, or a permanent redirect.
pub enum Out {
    Page(&'static str, String),
    Redirect(String),
}

/// Serves `key` from the cache, or renders it with `make` and keeps it when it is a 200.
/// Only URLs without a query string (or with just a page number) are cached, so the cache
/// cannot be filled with arbitrary variants.
async fn cached<F, Fut>(state: &AppState, uri: &Uri, headers: &HeaderMap, make: F) -> Response
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = PageResult<Out>>,
{
    let cacheable = match uri.query() {
        None => true,
        Some(q) => q
            .strip_prefix("hal=")
            .is_some_and(|n| n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit())),
    };
    let key = uri.to_string();
    let epoch = state.core.portal_epoch();
    if cacheable && let Some(page) = state.portal_cache.get(&key, epoch) {
        return page_response(&page, headers);
    }
    match make().await {
        Ok(Out::Page(content_type, body)) => {
            let body = Bytes::from(body);
            let page = CachedPage {
                epoch,
                at: Instant::now(),
                content_type,
                etag: etag(&body, epoch),
                body,
            };
            if cacheable {
                state.portal_cache.put(key, page.clone());
            }
            page_response(&page, headers)
        }
        Ok(Out::Redirect(to)) => Redirect::permanent(&to).into_response(),
        Err(e) => portal_error(e),
    }
}

fn page_response(page: &CachedPage, headers: &HeaderMap) -> Response {
    let etag = HeaderValue::from_str(&page.etag).unwrap_or(HeaderValue::from_static("\"0\""));
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == page.etag.as_bytes());
    let common = [
        (header::ETAG, etag),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=0, must-revalidate"),
        ),
    ];
    if not_modified {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (
        common,
        [(header::CONTENT_TYPE, page.content_type)],
        page.body.clone(),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "portal_error.html")]
struct ErrorPage {
    title: String,
    message: String,
}

fn portal_error(e: PageError) -> Response {
    match e {
        PageError::Core(e) => {
            let status = crate::error::status_of(&e);
            let (message, _) = user_message(&e);
            let title = if status == StatusCode::NOT_FOUND {
                "Halaman tidak ditemukan"
            } else {
                "Permintaan tidak dapat diproses"
            };
            let page = ErrorPage {
                title: title.into(),
                message,
            };
            match page.render() {
                Ok(html) => (status, [(header::CONTENT_TYPE, HTML)], html).into_response(),
                Err(_) => (status, "Terjadi kesalahan.").into_response(),
            }
        }
        other => other.into_response(),
    }
}

/// What every portal page shares.
pub struct Head {
    pub org_code: String,
    pub org_name: String,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub image: Option<String>,
    pub json_ld: Option<String>,
    pub og_type: &'static str,
    pub categories: Vec<(&'static str, &'static str)>,
    pub q: String,
}

impl Head {
    fn new(state: &AppState, org: &Org, title: String, path: &str) -> Self {
        Self {
            org_code: org.code.clone(),
            org_name: org.display_name(),
            description: format!(
                "Berita dan siaran pers resmi {} — humas pemerintah.",
                org.display_name()
            ),
            canonical: format!("{}{path}", state.cfg.public_url),
            title,
            image: None,
            json_ld: None,
            og_type: "website",
            categories: CATEGORIES.to_vec(),
            q: String::new(),
        }
    }
}

/// A card in a list of articles.
pub struct Card {
    pub title: String,
    pub path: String,
    pub lead: String,
    pub date: String,
    pub category: &'static str,
    pub thumb: Option<(String, String)>,
}

async fn card(state: &AppState, org: &Org, i: &NewsItem) -> PageResult<Card> {
    let files = state.core.portal_files(i).await?;
    Ok(Card {
        title: i.title.clone(),
        path: i.portal_path(),
        lead: i.lead.clone(),
        date: format_date(i.published_at.unwrap_or(i.updated_at), org.zone()),
        category: category_label(&i.category),
        thumb: files
            .iter()
            .find(|f| f.kind == "image")
            .map(|f| (f.thumb_url(), f.alt.clone().unwrap_or_default())),
    })
}

pub struct PagerLinks {
    pub prev: Option<String>,
    pub next: Option<String>,
    pub page: u32,
    pub pages: u32,
}

fn pager<T>(p: &Page<T>, base: &str, q: &str) -> PagerLinks {
    let link = |n: u32| {
        if q.is_empty() {
            format!("{base}?hal={n}")
        } else {
            format!("{base}?q={}&hal={n}", crate::auth::url_escape(q))
        }
    };
    PagerLinks {
        prev: p.has_prev().then(|| link(p.page - 1)),
        next: p.has_next().then(|| link(p.page + 1)),
        page: p.page,
        pages: p.pages(),
    }
}

#[derive(Template)]
#[template(path = "portal_list.html")]
struct ListPage {
    head: Head,
    heading: String,
    cards: Vec<Card>,
    pager: PagerLinks,
    empty: String,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    hal: Option<String>,
}

async fn list_page(
    state: &AppState,
    org: &Org,
    filter: PublicFilter,
    page: Option<u32>,
    heading: String,
    path: String,
    q: String,
) -> PageResult<Out> {
    let items = state
        .core
        .portal_items(org, &filter, PageReq::new(page, Some(12)))
        .await?;
    let mut cards = Vec::with_capacity(items.items.len());
    for i in &items.items {
        cards.push(card(state, org, i).await?);
    }
    let mut head = Head::new(state, org, heading.clone(), &path);
    head.q = q.clone();
    let empty = if q.is_empty() {
        "Belum ada berita yang terbit di sini.".to_owned()
    } else {
        format!("Tidak ada berita yang cocok dengan \"{q}\".")
    };
    let html = render(&ListPage {
        pager: pager(&items, &path, &q),
        head,
        heading,
        cards,
        empty,
    })?
    .0;
    Ok(Out::Page(HTML, html))
}

#[derive(Template)]
#[template(path = "portal_index.html")]
struct IndexPage {
    orgs: Vec<sinergi_core::newsroom::service::PortalOrg>,
}

async fn index(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    cached(&state, &uri, &headers, || async {
        let orgs = state.core.portal_orgs().await?;
        Ok(Out::Page(HTML, render(&IndexPage { orgs })?.0))
    })
    .await
}

async fn home(
    State(state): State<AppState>,
    Path(org): Path<String>,
    Query(q): Query<ListQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    cached(&state, &uri, &headers, || async {
        let org = state.core.portal_org(&org).await?;
        let heading = format!("Berita {}", org.display_name());
        let path = format!("/portal/{}", org.code);
        list_page(
            &state,
            &org,
            PublicFilter::default(),
            page_param(&q.hal),
            heading,
            path,
            String::new(),
        )
        .await
    })
    .await
}

async fn category(
    State(state): State<AppState>,
    Path((org, cat)): Path<(String, String)>,
    Query(q): Query<ListQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    cached(&state, &uri, &headers, || async {
        let org = state.core.portal_org(&org).await?;
        if !CATEGORIES.iter().any(|(s, _)| *s == cat) {
            return Err(CoreError::NotFound.into());
        }
        let filter = PublicFilter {
            category: Some(cat.clone()),
            ..PublicFilter::default()
        };
        let heading = format!("Kategori: {}", category_label(&cat));
        let path = format!("/portal/{}/kategori/{cat}", org.code);
        list_page(
            &state,
            &org,
            filter,
            page_param(&q.hal),
            heading,
            path,
            String::new(),
        )
        .await
    })
    .await
}

async fn tag(
    State(state): State<AppState>,
    Path((org, tag)): Path<(String, String)>,
    Query(q): Query<ListQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    cached(&state, &uri, &headers, || async {
        let org = state.core.portal_org(&org).await?;
        let tag: String = tag.trim().to_lowercase().chars().take(40).collect();
        let filter = PublicFilter {
            tag: Some(tag.clone()),
            ..PublicFilter::default()
        };
        let heading = format!("Tag: {tag}");
        let path = format!("/portal/{}/tag/{}", org.code, crate::auth::url_escape(&tag));
        list_page(
            &state,
            &org,
            filter,
            page_param(&q.hal),
            heading,
            path,
            String::new(),
        )
        .await
    })
    .await
}

async fn search(
    State(state): State<AppState>,
    Path(org): Path<String>,
    Query(q): Query<ListQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    cached(&state, &uri, &headers, || async {
        let org = state.core.portal_org(&org).await?;
        let text: String =
            q.q.clone()
                .unwrap_or_default()
                .trim()
                .chars()
                .take(100)
                .collect();
        let filter = PublicFilter {
            q: Some(text.clone()).filter(|t| !t.is_empty()),
            ..PublicFilter::default()
        };
        let heading = if text.is_empty() {
            "Cari berita".to_owned()
        } else {
            format!("Hasil pencarian: {text}")
        };
        let path = format!("/portal/{}/cari", org.code);
        list_page(
            &state,
            &org,
            filter,
            page_param(&q.hal),
            heading,
            path,
            text,
        )
        .await
    })
    .await
}

/// A comment with its official replies.
pub struct Thread {
    pub comment: Comment,
    pub date: String,
    pub replies: Vec<(Comment, String)>,
}

#[derive(Template)]
#[template(path = "portal_article.html")]
struct ArticlePage {
    head: Head,
    item: NewsItem,
    body: String,
    published: String,
    published_iso: String,
    tags: Vec<(String, String)>,
    updated: Option<String>,
    category: &'static str,
    hero: Option<ItemFile>,
    attachments: Vec<ItemFile>,
    related: Vec<Card>,
    threads: Vec<Thread>,
    form: CommentInput,
    errors: FieldErrors,
    notice: Option<String>,
    alert: Option<String>,
    print: bool,
}

#[derive(Deserialize, Default)]
pub struct ArticleQuery {
    komentar: Option<String>,
    laporan: Option<String>,
}

/// Inserts a "Baca Juga" box after the second paragraph when the article is long enough.
fn with_inline_related(body: &str, related: &[Card]) -> String {
    let Some(first) = related.first() else {
        return body.to_owned();
    };
    let mut count = 0;
    let mut cut = None;
    for (i, _) in body.match_indices("</p>") {
        count += 1;
        if count == 2 {
            cut = Some(i + 4);
        }
    }
    match cut {
        Some(at) if count >= 3 => format!(
            "{}<aside class=\"baca-juga-inline\"><strong>Baca Juga:</strong> <a href=\"{}\">{}</a></aside>{}",
            &body[..at],
            sinergi_richtext::escape_html(&first.path),
            sinergi_richtext::escape_html(&first.title),
            &body[at..]
        ),
        _ => body.to_owned(),
    }
}

fn json_ld(state: &AppState, item: &NewsItem, hero: Option<&ItemFile>) -> String {
    let base = &state.cfg.public_url;
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.lead,
        "datePublished": item.published_at.map(sinergi_core::time::rfc3339),
        "dateModified": sinergi_core::time::rfc3339(item.updated_at),
        "author": { "@type": "Person", "name": item.author_name },
        "publisher": { "@type": "GovernmentOrganization", "name": format!("Humas {}", item.org_name) },
        "mainEntityOfPage": format!("{base}{}", item.portal_path()),
        "articleSection": category_label(&item.category),
        "keywords": item.tags.join(", "),
    });
    if let (Some(h), Some(obj)) = (hero, v.as_object_mut()) {
        obj.insert(
            "image".into(),
            serde_json::json!(format!("{base}{}", h.url())),
        );
    }
    // Inside <script>: keep the JSON from closing the element.
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
}

#[allow(clippy::too_many_arguments)]
async fn article_page(
    state: &AppState,
    org: &Org,
    item: NewsItem,
    form: CommentInput,
    errors: FieldErrors,
    notice: Option<String>,
    alert: Option<String>,
    print: bool,
) -> PageResult<String> {
    let files = state.core.portal_files(&item).await?;
    let hero = files.iter().find(|f| f.kind == "image").cloned();
    let attachments = files
        .into_iter()
        .filter(|f| f.kind == "attachment")
        .collect();
    let mut related = Vec::new();
    for r in state.core.related_items(&item, 5).await? {
        related.push(card(state, org, &r).await?);
    }
    let comments = state.core.portal_comments(&item).await?;
    let zone = org.zone();
    let mut threads: Vec<Thread> = Vec::new();
    for c in comments {
        let date = format_long(c.created_at, zone);
        match c
            .parent_id
            .and_then(|p| threads.iter_mut().find(|t| t.comment.id == p))
        {
            Some(t) => t.replies.push((c, date)),
            None => threads.push(Thread {
                comment: c,
                date,
                replies: Vec::new(),
            }),
        }
    }
    let mut head = Head::new(state, org, item.title.clone(), &item.portal_path());
    head.description = item.lead.clone();
    head.og_type = "article";
    head.image = hero
        .as_ref()
        .map(|h| format!("{}{}", state.cfg.public_url, h.url()));
    head.json_ld = Some(json_ld(state, &item, hero.as_ref()));
    let page = ArticlePage {
        body: with_inline_related(&item.body_html, &related),
        published_iso: item
            .published_at
            .map(sinergi_core::time::rfc3339)
            .unwrap_or_default(),
        tags: item
            .tags
            .iter()
            .map(|t| {
                (
                    t.clone(),
                    format!("/portal/{}/tag/{}", org.code, crate::auth::url_escape(t)),
                )
            })
            .collect(),
        published: item
            .published_at
            .map(|t| format_long(t, zone))
            .unwrap_or_default(),
        updated: item
            .correction_note
            .as_ref()
            .map(|_| format_long(item.updated_at, zone)),
        category: category_label(&item.category),
        head,
        item,
        hero,
        attachments,
        related,
        threads,
        form,
        errors,
        notice,
        alert,
        print,
    };
    Ok(render(&page)?.0)
}

/// `123-judul-berita` → 123.
fn id_of(slug: &str) -> Option<i64> {
    slug.split('-')
        .next()?
        .parse()
        .ok()
        .filter(|id: &i64| *id > 0)
}

async fn article(
    State(state): State<AppState>,
    Path((org, slug)): Path<(String, String)>,
    Query(q): Query<ArticleQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let notice = match (q.komentar.as_deref(), q.laporan.as_deref()) {
        (Some("menunggu"), _) => Some(
            "Terima kasih. Komentar Anda diterima dan akan tampil setelah diperiksa moderator."
                .to_owned(),
        ),
        (Some("tampil"), _) => Some("Terima kasih. Komentar Anda sudah tampil.".to_owned()),
        (_, Some(_)) => Some("Terima kasih, laporan Anda kami terima.".to_owned()),
        _ => None,
    };
    cached(&state, &uri, &headers, || async {
        let org = state.core.portal_org(&org).await?;
        let id = id_of(&slug).ok_or(PageError::Core(CoreError::NotFound))?;
        let item = state.core.portal_item(&org, id).await?;
        if slug != format!("{}-{}", item.id, item.slug) {
            // Old or mistyped slug: the canonical address, permanently.
            return Ok(Out::Redirect(item.portal_path()));
        }
        let html = article_page(
            &state,
            &org,
            item,
            CommentInput::default(),
            FieldErrors::default(),
            notice,
            None,
            false,
        )
        .await?;
        Ok(Out::Page(HTML, html))
    })
    .await
}

async fn print(
    State(state): State<AppState>,
    Path((org, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    cached(&state, &uri, &headers, || async {
        let org = state.core.portal_org(&org).await?;
        let id = id_of(&id).ok_or(PageError::Core(CoreError::NotFound))?;
        let item = state.core.portal_item(&org, id).await?;
        let html = article_page(
            &state,
            &org,
            item,
            CommentInput::default(),
            FieldErrors::default(),
            None,
            None,
            true,
        )
        .await?;
        Ok(Out::Page(HTML, html))
    })
    .await
}

#[derive(Deserialize, Default)]
pub struct CommentForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    body: String,
    /// Hidden from people by CSS; bots fill it in.
    #[serde(default)]
    situs: String,
}

/// Public forms carry no session, so a cross-site post is refused by its Origin instead.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest == host)
}

async fn comment(
    State(state): State<AppState>,
    Path((org, id)): Path<(String, String)>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    form: Result<Form<CommentForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let result: PageResult<Response> = async {
        if !same_origin(&headers) {
            return Err(PageError::Csrf);
        }
        let Form(form) = form.map_err(|_| {
            PageError::BadRequest(
                "Isi formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.".into(),
            )
        })?;
        let org = state.core.portal_org(&org).await?;
        let id = id_of(&id).ok_or(PageError::Core(CoreError::NotFound))?;
        let item = state.core.portal_item(&org, id).await?;
        let path = item.portal_path();
        if !form.situs.is_empty() {
            // A bot: answer as if accepted, keep nothing.
            return Ok(Redirect::to(&format!("{path}?komentar=menunggu#komentar")).into_response());
        }
        let input = CommentInput {
            name: form.name,
            email: form.email,
            body: form.body,
        };
        match state
            .core
            .post_comment(item.id, &input, ip.as_deref())
            .await
        {
            Ok(c) => {
                let flag = if c.status == sinergi_core::newsroom::CommentStatus::Approved {
                    "tampil"
                } else {
                    "menunggu"
                };
                Ok(Redirect::to(&format!("{path}?komentar={flag}#komentar")).into_response())
            }
            Err(e @ (CoreError::Validation(_) | CoreError::RateLimited { .. })) => {
                let status = crate::error::status_of(&e);
                let (errors, alert) = match e {
                    CoreError::Validation(errs) => (
                        FieldErrors(errs_to_map(errs)),
                        Some("Komentar belum terkirim. Periksa isian yang ditandai.".to_owned()),
                    ),
                    other => (FieldErrors::default(), Some(user_message(&other).0)),
                };
                let html =
                    article_page(&state, &org, item, input, errors, None, alert, false).await?;
                Ok((status, [(header::CONTENT_TYPE, HTML)], html).into_response())
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    result.unwrap_or_else(portal_error)
}

async fn report(
    State(state): State<AppState>,
    Path((org, cid)): Path<(String, String)>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
) -> Response {
    let result: PageResult<Response> = async {
        if !same_origin(&headers) {
            return Err(PageError::Csrf);
        }
        let org = state.core.portal_org(&org).await?;
        let cid: i64 = cid
            .parse()
            .map_err(|_| PageError::Core(CoreError::NotFound))?;
        let c = state.core.portal_comment(cid).await?;
        let item = state.core.portal_item(&org, c.item_id).await?;
        state.core.report_comment(cid, ip.as_deref()).await?;
        Ok(Redirect::to(&format!("{}?laporan=terima#k{cid}", item.portal_path())).into_response())
    }
    .await;
    result.unwrap_or_else(portal_error)
}

/// Images and attachments of public items (officers also get those of drafts they can see).
async fn media(
    State(state): State<AppState>,
    Path(hash): Path<String>,
    viewer: Result<Viewer, Response>,
    headers: HeaderMap,
) -> Response {
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return portal_error(CoreError::NotFound.into());
    }
    let etag = format!("\"{hash}\"");
    let actor = viewer.ok().map(|v| v.actor);
    match state.core.item_media(actor.as_ref(), &hash).await {
        Ok(Some((file, bytes, public))) => {
            let mime = sinergi_core::files::sniff(&bytes).unwrap_or("application/octet-stream");
            let cache = if public {
                "public, max-age=31536000, immutable"
            } else {
                "private, no-store"
            };
            if public
                && headers
                    .get(header::IF_NONE_MATCH)
                    .is_some_and(|v| v.as_bytes() == etag.as_bytes())
            {
                return StatusCode::NOT_MODIFIED.into_response();
            }
            let disposition = if mime == "application/pdf" {
                format!(
                    "attachment; filename=\"{}\"",
                    file.filename.replace(['"', '\\'], "_")
                )
            } else {
                "inline".to_owned()
            };
            (
                [
                    (header::CONTENT_TYPE, mime.to_owned()),
                    (header::CACHE_CONTROL, cache.to_owned()),
                    (header::ETAG, etag),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(None) => portal_error(CoreError::NotFound.into()),
        Err(e) => portal_error(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_give_ids() {
        assert_eq!(id_of("12-banjir-rob"), Some(12));
        assert_eq!(id_of("12"), Some(12));
        assert_eq!(id_of("abc-12"), None);
        assert_eq!(id_of("-5"), None);
        assert_eq!(id_of("0-x"), None);
    }

    #[test]
    fn origin_must_match_host() {
        let mut h = HeaderMap::new();
        assert!(same_origin(&h));
        h.insert(header::HOST, HeaderValue::from_static("humas.go.id"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://humas.go.id"),
        );
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://jahat.example"),
        );
        assert!(!same_origin(&h));
    }
}
