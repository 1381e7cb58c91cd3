//! Search with facets and highlights, article pages, saved searches and streamed exports.

use askama::Template;
use axum::Form;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::monitor::service::SearchParams;
use sinergi_core::monitor::{Article, SavedSearch};
use sinergi_report::export::{CsvExport, EXPORT_HEADERS, ExportRow, XlsxExport};

use super::tone_label;
use crate::AppState;
use crate::auth::{Viewer, url_escape};
use crate::error::{PageError, PageResult};
use crate::pages::parse_id;
use crate::view::{Chrome, render};

/// Articles loaded from the store per export step.
const EXPORT_BATCH: usize = 500;

#[derive(Deserialize, Default, Clone)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    dari: String,
    #[serde(default)]
    sampai: String,
    #[serde(default)]
    urut: String,
    hal: Option<String>,
}

impl SearchQuery {
    fn params(&self) -> SearchParams {
        SearchParams {
            q: self.q.clone(),
            dari: self.dari.clone(),
            sampai: self.sampai.clone(),
            urut: self.urut.clone(),
            page: crate::pages::page_param(&self.hal),
            per_page: Some(20),
        }
    }
    /// This search's query string with `q` replaced (facet links, pager).
    fn link(&self, q: &str, page: Option<u32>) -> String {
        let mut parts = vec![format!("q={}", url_escape(q))];
        for (k, v) in [
            ("dari", &self.dari),
            ("sampai", &self.sampai),
            ("urut", &self.urut),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", url_escape(v)));
            }
        }
        if let Some(p) = page {
            parts.push(format!("hal={p}"));
        }
        format!("/pantau/cari?{}", parts.join("&"))
    }
    fn export_query(&self) -> String {
        let mut parts = vec![format!("q={}", url_escape(&self.q))];
        for (k, v) in [
            ("dari", &self.dari),
            ("sampai", &self.sampai),
            ("urut", &self.urut),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", url_escape(v)));
            }
        }
        parts.join("&")
    }
}

pub struct HitRow {
    pub id: i64,
    pub title_html: String,
    pub snippet_html: String,
    pub outlet: String,
    pub when: String,
    pub tone: String,
    pub tone_class: &'static str,
    pub issue: Option<(i64, String)>,
    pub url: String,
}

pub struct FacetLink {
    pub label: String,
    pub count: u64,
    pub href: String,
}

#[derive(Template)]
#[template(path = "monitor_search.html")]
struct SearchPage {
    chrome: Chrome,
    q: SearchQuery,
    error: Option<String>,
    total: usize,
    rows: Vec<HitRow>,
    sources: Vec<FacetLink>,
    regions: Vec<FacetLink>,
    tones: Vec<FacetLink>,
    issues: Vec<FacetLink>,
    prev: Option<String>,
    next: Option<String>,
    page: u32,
    pages: u32,
    export_query: String,
    saved: Vec<SavedSearch>,
}

/// `source:"Kabar Priangan"` appended to the current query (AND).
fn refine(q: &str, field: &str, value: &str) -> String {
    let v = if value.contains(' ') || value.contains(':') {
        format!("\"{}\"", value.replace('"', ""))
    } else {
        value.to_owned()
    };
    if q.trim().is_empty() {
        format!("{field}:{v}")
    } else {
        format!("{} {field}:{v}", q.trim())
    }
}

pub async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SearchQuery>,
) -> PageResult<Response> {
    let chrome = Chrome::new(&viewer, "Cari berita", "pantau");
    let saved = state.core.my_saved_searches(&viewer.actor).await?;
    let result = state.core.search_articles(&viewer.actor, &q.params()).await;
    let res = match result {
        Ok(r) => r,
        Err(CoreError::Validation(errs)) => {
            let msg = errs
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
                .join(" ");
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&SearchPage {
                    chrome,
                    export_query: q.export_query(),
                    q,
                    error: Some(msg),
                    total: 0,
                    rows: vec![],
                    sources: vec![],
                    regions: vec![],
                    tones: vec![],
                    issues: vec![],
                    prev: None,
                    next: None,
                    page: 1,
                    pages: 1,
                    saved,
                })?,
            )
                .into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let issue_ids: Vec<i64> = res.facets.issues.iter().map(|(id, _)| *id).collect();
    let issue_names = state.core.issue_labels(&issue_ids).await?;
    let codes: Vec<String> = res.facets.regions.iter().map(|(c, _)| c.clone()).collect();
    let org_names = state.core.org_names(&codes).await.unwrap_or_default();
    let rows = res
        .hits
        .iter()
        .map(|h| HitRow {
            id: h.article.id,
            title_html: h.title_html.clone(),
            snippet_html: h.snippet_html.clone(),
            outlet: h.article.outlet.clone(),
            when: chrome.short(&h.article.published_at),
            tone: h.article.tone.label().to_owned(),
            tone_class: h.article.tone.as_str(),
            issue: h.article.issue_id.zip(h.article.issue_label.clone()),
            url: h.article.url.clone(),
        })
        .collect();
    let facet = |field: &str,
                 items: Vec<(String, u64)>,
                 label: &dyn Fn(&str) -> String|
     -> Vec<FacetLink> {
        items
            .into_iter()
            .take(10)
            .map(|(v, n)| FacetLink {
                label: label(&v),
                count: n,
                href: q.link(&refine(&q.q, field, &v), None),
            })
            .collect()
    };
    let sources = facet("source", res.facets.sources.clone(), &|v| v.to_owned());
    // Provinces and regencies only: district codes are indexed for filtering, but have no
    // organisation (and no name in the directory) to show.
    let region_items: Vec<(String, u64)> = res
        .facets
        .regions
        .iter()
        .filter(|(c, _)| c.matches('.').count() <= 1)
        .cloned()
        .collect();
    let regions = facet("region", region_items, &|v| {
        org_names.get(v).cloned().unwrap_or_else(|| v.to_owned())
    });
    let tones = facet("tone", res.facets.tones.clone(), &|v| {
        tone_label(v).to_owned()
    });
    let issues = facet(
        "issue",
        res.facets
            .issues
            .iter()
            .map(|(id, n)| (id.to_string(), *n))
            .collect(),
        &|v| {
            v.parse::<i64>()
                .ok()
                .and_then(|id| issue_names.get(&id).cloned())
                .unwrap_or_else(|| format!("Isu #{v}"))
        },
    );
    let pages = res.pages();
    let page = res.page;
    Ok(render(&SearchPage {
        prev: (page > 1).then(|| q.link(&q.q, Some(page - 1))),
        next: (page < pages).then(|| q.link(&q.q, Some(page + 1))),
        page,
        pages,
        total: res.total,
        rows,
        sources,
        regions,
        tones,
        issues,
        error: None,
        export_query: q.export_query(),
        q,
        chrome,
        saved,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "monitor_article.html")]
struct ArticlePage {
    chrome: Chrome,
    a: Article,
    published: String,
    fetched: String,
    tone: String,
    regions: Vec<(String, String)>,
    copies: Vec<super::dashboard::ArticleRow>,
    paragraphs: Vec<String>,
    can_open_case: bool,
    case_link: String,
}

pub async fn article(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let a = state.core.article(&viewer.actor, id).await?;
    let copies = state.core.syndicated_copies(&viewer.actor, &a).await?;
    let chrome = Chrome::new(&viewer, &a.title, "pantau");
    let names = state
        .core
        .org_names(&a.region_codes)
        .await
        .unwrap_or_default();
    let regions = a
        .region_codes
        .iter()
        .map(|c| {
            (
                c.clone(),
                names.get(c).cloned().unwrap_or_else(|| c.clone()),
            )
        })
        .collect();
    let case_link = format!(
        "/krisis/baru?sumber=article&klaim={}&tautan={}&wilayah={}",
        url_escape(&a.title),
        url_escape(&a.url),
        url_escape(&a.region_codes.join(","))
    );
    Ok(render(&ArticlePage {
        published: chrome.long(&a.published_at),
        fetched: chrome.long(&a.fetched_at),
        tone: a.tone.label().to_owned(),
        regions,
        copies: copies
            .iter()
            .map(|c| super::dashboard::article_row(&chrome, c))
            .collect(),
        paragraphs: a.body.split("\n\n").map(str::to_owned).collect(),
        can_open_case: viewer
            .actor
            .role
            .can(sinergi_core::network::Permission::CrisisEdit),
        case_link,
        a,
        chrome,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "monitor_saved.html")]
struct SavedPage {
    chrome: Chrome,
    saved: Vec<SavedSearch>,
    name: String,
    query: String,
    errors: crate::view::FieldErrors,
}

pub async fn saved_list(State(state): State<AppState>, viewer: Viewer) -> PageResult<Response> {
    let saved = state.core.my_saved_searches(&viewer.actor).await?;
    Ok(render(&SavedPage {
        chrome: Chrome::new(&viewer, "Pencarian tersimpan", "pantau"),
        saved,
        name: String::new(),
        query: String::new(),
        errors: Default::default(),
    })?
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct SaveForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    query: String,
    #[serde(default)]
    notify: Option<String>,
}

pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Result<Form<SaveForm>, axum::extract::rejection::FormRejection>,
) -> PageResult<Response> {
    let Form(form) =
        form.map_err(|_| PageError::BadRequest("Isi formulir tidak dapat dibaca.".into()))?;
    viewer.check_csrf(&form.csrf, &headers)?;
    match state
        .core
        .save_search(
            &viewer.actor,
            &form.name,
            &form.query,
            form.notify.is_some(),
        )
        .await
    {
        Ok(_) => Ok(Redirect::to("/pantau/pencarian").into_response()),
        Err(CoreError::Validation(errs)) => {
            let saved = state.core.my_saved_searches(&viewer.actor).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&SavedPage {
                    chrome: Chrome::new(&viewer, "Pencarian tersimpan", "pantau"),
                    saved,
                    name: form.name,
                    query: form.query,
                    errors: crate::view::FieldErrors(crate::auth::errs_to_map(errs)),
                })?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

pub async fn delete_saved(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
) -> PageResult<Response> {
    let Form(form) =
        form.map_err(|_| PageError::BadRequest("Isi formulir tidak dapat dibaca.".into()))?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let id = parse_id(&id)?;
    state.core.delete_saved_search(&viewer.actor, id).await?;
    Ok(Redirect::to("/pantau/pencarian").into_response())
}

fn export_row(a: &Article, names: &std::collections::HashMap<String, String>) -> ExportRow {
    ExportRow {
        published_ms: a.published_at,
        title: a.title.clone(),
        outlet: a.outlet.clone(),
        url: a.url.clone(),
        region: a
            .region_codes
            .iter()
            .map(|c| names.get(c).cloned().unwrap_or_else(|| c.clone()))
            .collect::<Vec<_>>()
            .join("; "),
        tone: super::report_tone(a.tone.as_str()),
        issue: a.issue_label.clone().unwrap_or_default(),
    }
}

/// Region codes of `arts` whose names are not looked up yet (exports name regions batch by batch).
fn unknown_codes(
    arts: &[Article],
    names: &std::collections::HashMap<String, String>,
) -> Vec<String> {
    arts.iter()
        .flat_map(|a| a.region_codes.iter().cloned())
        .filter(|c| !names.contains_key(c))
        .collect()
}

fn attachment(name: &str, mime: &str) -> [(header::HeaderName, String); 2] {
    [
        (header::CONTENT_TYPE, mime.to_owned()),
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ),
    ]
}

/// Every result as CSV, streamed batch by batch (no cap, constant memory).
pub async fn export_csv(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SearchQuery>,
) -> PageResult<Response> {
    let ids = state.core.export_ids(&viewer.actor, &q.params()).await?;
    let mut names = std::collections::HashMap::new();
    let offset = viewer.actor.org.zone().offset_hours() * 60;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    let core = state.core.clone();
    let actor = viewer.actor.clone();
    tokio::spawn(async move {
        let header = match CsvExport::new(Vec::new(), &EXPORT_HEADERS).and_then(|c| c.finish()) {
            Ok(h) => h,
            Err(e) => {
                let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                return;
            }
        };
        if tx.send(Ok(header)).await.is_err() {
            return;
        }
        for chunk in ids.chunks(EXPORT_BATCH) {
            let arts = match core.export_batch(&actor, chunk).await {
                Ok(a) => a,
                Err(e) => {
                    let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                    return;
                }
            };
            // Rows only: a writer without headers appends to what was sent.
            let mut w = CsvExport::rows_only(Vec::new()).with_utc_offset_minutes(offset);
            if let Ok(more) = core.org_names(&unknown_codes(&arts, &names)).await {
                names.extend(more);
            }
            for a in &arts {
                if w.write_export_row(&export_row(a, &names)).is_err() {
                    return;
                }
            }
            match w.finish() {
                Ok(buf) => {
                    if tx.send(Ok(buf)).await.is_err() {
                        return; // The client went away.
                    }
                }
                Err(_) => return,
            }
        }
    });
    let body = Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx));
    Ok((
        attachment("hasil-pencarian.csv", "text/csv; charset=utf-8"),
        body,
    )
        .into_response())
}

/// Every result as XLSX: written to a temporary file in constant memory, then streamed.
pub async fn export_xlsx(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SearchQuery>,
) -> PageResult<Response> {
    let ids = state.core.export_ids(&viewer.actor, &q.params()).await?;
    let mut names = std::collections::HashMap::new();
    let offset = viewer.actor.org.zone().offset_hours() * 60;
    let internal = |e: &dyn std::fmt::Display| {
        PageError::Core(CoreError::Internal(format!("xlsx export: {e}")))
    };
    let tmp = tempfile::Builder::new()
        .suffix(".xlsx")
        .tempfile()
        .map_err(|e| internal(&e))?;
    let path = tmp.path().to_owned();
    let mut exp = {
        let path = path.clone();
        tokio::task::spawn_blocking(move || {
            XlsxExport::create(&path).map(|x| x.with_utc_offset_minutes(offset))
        })
        .await
        .map_err(|e| internal(&e))?
        .map_err(|e| internal(&e))?
    };
    for chunk in ids.chunks(EXPORT_BATCH) {
        let arts = state.core.export_batch(&viewer.actor, chunk).await?;
        names.extend(state.core.org_names(&unknown_codes(&arts, &names)).await?);
        let rows: Vec<ExportRow> = arts.iter().map(|a| export_row(a, &names)).collect();
        exp = tokio::task::spawn_blocking(move || {
            for r in &rows {
                exp.write_row(r)?;
            }
            Ok::<_, sinergi_report::ReportError>(exp)
        })
        .await
        .map_err(|e| internal(&e))?
        .map_err(|e| internal(&e))?;
    }
    tokio::task::spawn_blocking(move || exp.finish())
        .await
        .map_err(|e| internal(&e))?
        .map_err(|e| internal(&e))?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| internal(&e))?;
    // The open file keeps its data after the temporary name is removed (when `tmp` drops).
    drop(tmp);
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    Ok((
        attachment(
            "hasil-pencarian.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        body,
    )
        .into_response())
}
