//! `/api/v1/monitor`: monitored articles (search), sources and alerts for other systems
//! (e.g. a command-centre wall screen or a chat bot).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sinergi_core::monitor::service::SearchParams;
use sinergi_core::monitor::{Alert, Article, Source, SourceInput};
use sinergi_core::page::PageReq;
use sinergi_core::time::rfc3339;
use utoipa::ToSchema;

use super::dto::ApiErrorBody;
use super::users::bad_query;
use super::{ApiActor, ApiResult, parse_id};
use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct ApiArticle {
    pub id: i64,
    pub url: String,
    pub outlet: String,
    pub title: String,
    pub author: Option<String>,
    pub published: String,
    /// `positive`, `neutral` or `negative`.
    pub tone: String,
    pub region_codes: Vec<String>,
    pub entities: Vec<String>,
    pub keyphrases: Vec<String>,
    pub issue_id: Option<i64>,
    pub issue_label: Option<String>,
    /// First article of the same story in other outlets (syndication group).
    pub story_id: Option<i64>,
    /// Only on `GET /articles/{id}`.
    pub text: Option<String>,
}

fn article(a: Article, with_text: bool) -> ApiArticle {
    ApiArticle {
        id: a.id,
        url: a.url,
        outlet: a.outlet,
        title: a.title,
        author: a.author,
        published: rfc3339(a.published_at),
        tone: a.tone.as_str().to_owned(),
        region_codes: a.region_codes,
        entities: a.entities,
        keyphrases: a.keyphrases,
        issue_id: a.issue_id,
        issue_label: a.issue_label,
        story_id: a.story_id,
        text: with_text.then_some(a.body),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiHit {
    /// Escaped HTML with `<mark>` around matched words.
    pub title_html: String,
    pub snippet_html: String,
    pub article: ApiArticle,
}

#[derive(Serialize, ToSchema)]
pub struct ApiFacet {
    pub value: String,
    pub count: u64,
}

#[derive(Serialize, ToSchema)]
pub struct ArticleSearch {
    pub total: usize,
    pub page: u32,
    pub per_page: u32,
    pub hits: Vec<ApiHit>,
    pub sources: Vec<ApiFacet>,
    pub regions: Vec<ApiFacet>,
    pub tones: Vec<ApiFacet>,
    pub issues: Vec<ApiFacet>,
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleParams {
    /// The query language: words, "phrases", AND/OR/NOT, parentheses, `source:`, `region:`,
    /// `tone:`, `title:`, `issue:`, `date:2026-11-01..2026-11-26`.
    pub q: Option<String>,
    /// `YYYY-MM-DD` (caller's zone), inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// `relevan`, `terbaru` or `terlama`.
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

fn facets<T: ToString>(v: Vec<(T, u64)>) -> Vec<ApiFacet> {
    v.into_iter()
        .map(|(value, count)| ApiFacet {
            value: value.to_string(),
            count,
        })
        .collect()
}

/// Searches the articles visible to the caller (its regions and its own sources; all for the
/// centre). A query that does not parse is 422 with the position of the mistake.
#[utoipa::path(get, path = "/api/v1/monitor/articles", tag = "pantau", params(ArticleParams), responses(
    (status = 200, body = ArticleSearch), (status = 422, body = ApiErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<ArticleParams>, QueryRejection>,
) -> ApiResult<Json<ArticleSearch>> {
    let Query(q) = q.map_err(bad_query)?;
    let params = SearchParams {
        q: q.q.unwrap_or_default(),
        dari: q.from.unwrap_or_default(),
        sampai: q.to.unwrap_or_default(),
        urut: q.sort.unwrap_or_default(),
        page: q.page,
        per_page: Some(q.per_page.unwrap_or(20).clamp(1, 100)),
    };
    let res = state.core.search_articles(&actor, &params).await?;
    Ok(Json(ArticleSearch {
        total: res.total,
        page: res.page,
        per_page: res.per_page,
        hits: res
            .hits
            .into_iter()
            .map(|h| ApiHit {
                title_html: h.title_html,
                snippet_html: h.snippet_html,
                article: article(h.article, false),
            })
            .collect(),
        sources: facets(res.facets.sources),
        regions: facets(res.facets.regions),
        tones: facets(res.facets.tones),
        issues: facets(res.facets.issues),
    }))
}

#[utoipa::path(get, path = "/api/v1/monitor/articles/{id}", tag = "pantau", params(("id" = i64, Path)), responses(
    (status = 200, body = ApiArticle), (status = 404, body = ApiErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiArticle>> {
    let id = parse_id(&id)?;
    Ok(Json(article(state.core.article(&actor, id).await?, true)))
}

#[derive(Serialize, ToSchema)]
pub struct ApiSource {
    pub id: i64,
    pub org_code: String,
    pub name: String,
    /// `feed`, `sitemap` or `section`.
    pub kind: String,
    pub url: String,
    pub outlet: String,
    pub region_code: Option<String>,
    pub interval_minutes: i64,
    /// `active` or `paused`.
    pub state: String,
    /// `ok`, `failing` or `quiet`.
    pub health: String,
    pub last_ok: Option<String>,
    pub last_error: Option<String>,
    pub articles_total: i64,
}

impl From<Source> for ApiSource {
    fn from(s: Source) -> Self {
        Self {
            id: s.id,
            org_code: s.org_code,
            name: s.name,
            kind: s.kind.as_str().to_owned(),
            url: s.url,
            outlet: s.outlet,
            region_code: s.region_code,
            interval_minutes: s.interval_secs / 60,
            state: s.state.as_str().to_owned(),
            health: s.health,
            last_ok: s.last_ok_at.map(rfc3339),
            last_error: s.last_error,
            articles_total: s.articles_total,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SourcePage {
    pub items: Vec<ApiSource>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// Sources of the caller's organisation (all for the centre).
#[utoipa::path(get, path = "/api/v1/monitor/sources", tag = "pantau", params(PageParams), responses(
    (status = 200, body = SourcePage)))]
pub async fn sources(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult<Json<SourcePage>> {
    let Query(q) = q.map_err(bad_query)?;
    let page = state
        .core
        .list_sources(
            &actor,
            q.q.as_deref().unwrap_or(""),
            PageReq::new(q.page, q.per_page),
        )
        .await?;
    Ok(Json(SourcePage {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page.items.into_iter().map(Into::into).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceCreate {
    pub name: String,
    /// `feed`, `sitemap` or `section`.
    pub kind: String,
    pub url: String,
    pub outlet: String,
    #[serde(default)]
    pub region_code: Option<String>,
    #[serde(default)]
    pub interval_minutes: Option<i64>,
}

/// Adds a source for the caller's organisation; URLs to private or internal addresses are 422.
#[utoipa::path(post, path = "/api/v1/monitor/sources", tag = "pantau", request_body = SourceCreate, responses(
    (status = 201, body = ApiSource), (status = 422, body = ApiErrorBody)))]
pub async fn create_source(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<SourceCreate>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<ApiSource>)> {
    let Json(b) = body?;
    let input = SourceInput {
        name: b.name,
        kind: b.kind,
        url: b.url,
        outlet: b.outlet,
        region_code: b.region_code.unwrap_or_default(),
        interval_minutes: b
            .interval_minutes
            .map(|m| m.to_string())
            .unwrap_or_default(),
    };
    let s = state.core.add_source(&actor, &input).await?;
    Ok((StatusCode::CREATED, Json(s.into())))
}

#[derive(Serialize, ToSchema)]
pub struct ApiAlert {
    pub id: i64,
    pub org_id: i64,
    /// `saved_search`, `region`, `issue` (with `_negative` when mostly negative), `source_quiet`.
    pub kind: String,
    pub subject: String,
    pub subject_label: String,
    pub window_count: i64,
    pub baseline_mean: f64,
    pub negative_count: i64,
    pub message: String,
    pub notified: String,
    pub created: String,
}

impl From<Alert> for ApiAlert {
    fn from(a: Alert) -> Self {
        Self {
            id: a.id,
            org_id: a.org_id,
            kind: a.kind,
            subject: a.subject,
            subject_label: a.subject_label,
            window_count: a.window_count,
            baseline_mean: a.baseline_mean,
            negative_count: a.negative_count,
            message: a.message,
            notified: a.notified,
            created: rfc3339(a.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AlertPage {
    pub items: Vec<ApiAlert>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

/// Early-warning alerts of the caller's organisation (all for the centre), newest first.
#[utoipa::path(get, path = "/api/v1/monitor/alerts", tag = "pantau", params(PageParams), responses(
    (status = 200, body = AlertPage)))]
pub async fn alerts(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult<Json<AlertPage>> {
    let Query(q) = q.map_err(bad_query)?;
    let page = state
        .core
        .alerts(&actor, PageReq::new(q.page, q.per_page))
        .await?;
    Ok(Json(AlertPage {
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        items: page.items.into_iter().map(Into::into).collect(),
    }))
}
