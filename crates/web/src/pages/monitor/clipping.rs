//! The daily clipping (kliping harian): a web page and a PDF for one local day.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::monitor::service::ClippingData;
use sinergi_core::time::{format_date, format_long, iso_date, now_millis};
use sinergi_report::chart::{Color, Series, ToneCounts};
use sinergi_report::clipping::{ClippingInput, IssueGroup};
use sinergi_report::document::ArticleItem;

use super::dashboard::{ArticleRow, article_row};
use super::day_charts;
use crate::AppState;
use crate::auth::Viewer;
use crate::error::{PageError, PageResult};
use crate::view::{Chrome, render};

#[derive(Deserialize, Default)]
pub struct ClipQuery {
    tanggal: Option<String>,
}

/// The requested local day (`YYYY-MM-DD`), default today; a bad date is a clear 400.
fn day_of(q: &ClipQuery, chrome: &Chrome) -> Result<i64, PageError> {
    let now = now_millis();
    match q
        .tanggal
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => Ok(now),
        Some(s) => {
            let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| PageError::BadRequest("Tanggal harus berformat TTTT-BB-HH.".into()))?;
            let noon = d
                .and_hms_opt(12, 0, 0)
                .map(|t| t.and_utc().timestamp_millis())
                .ok_or_else(|| PageError::BadRequest("Tanggal tidak valid.".into()))?;
            let local_noon = noon - i64::from(chrome.zone.offset_hours()) * 3_600_000;
            if local_noon > now + 86_400_000 {
                return Err(PageError::BadRequest(
                    "Tanggal kliping belum terjadi.".into(),
                ));
            }
            Ok(local_noon)
        }
    }
}

pub struct Group {
    pub label: String,
    pub issue_id: Option<i64>,
    pub rows: Vec<ArticleRow>,
    pub negative: usize,
}

#[derive(Template)]
#[template(path = "monitor_clipping.html")]
struct ClipPage {
    chrome: Chrome,
    date_text: String,
    date_iso: String,
    prev_iso: String,
    total: usize,
    negative: u64,
    groups: Vec<Group>,
    volume_svg: String,
    tone_svg: String,
}

fn negative(d: &ClippingData) -> u64 {
    d.tones
        .iter()
        .find(|(t, _)| t == "negative")
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

pub async fn html(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ClipQuery>,
) -> PageResult<Response> {
    let chrome = Chrome::new(&viewer, "Kliping harian", "pantau");
    let day = day_of(&q, &chrome)?;
    let d = state.core.clipping(&viewer.actor, day).await?;
    let (volume_svg, tone_svg) = day_charts(&d.daily, "14 hari");
    let groups = d
        .groups
        .iter()
        .map(|g| Group {
            label: g.label.clone(),
            issue_id: g.issue_id,
            negative: g
                .articles
                .iter()
                .filter(|a| a.tone.as_str() == "negative")
                .count(),
            rows: g.articles.iter().map(|a| article_row(&chrome, a)).collect(),
        })
        .collect();
    Ok(render(&ClipPage {
        date_text: format_date(d.day_start, d.zone),
        date_iso: iso_date(d.day_start, d.zone),
        prev_iso: iso_date(d.day_start - 86_400_000, d.zone),
        total: d.total,
        negative: negative(&d),
        groups,
        volume_svg,
        tone_svg,
        chrome,
    })?
    .into_response())
}

pub async fn pdf(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ClipQuery>,
) -> PageResult<Response> {
    let chrome = Chrome::new(&viewer, "Kliping harian", "pantau");
    let day = day_of(&q, &chrome)?;
    let d = state.core.clipping(&viewer.actor, day).await?;
    let zone = d.zone;
    let issues = d
        .groups
        .iter()
        .map(|g| {
            let mut tc = ToneCounts::default();
            let articles = g
                .articles
                .iter()
                .map(|a| {
                    let tone = super::report_tone(a.tone.as_str());
                    tc.add(tone);
                    ArticleItem {
                        title: a.title.clone(),
                        url: a.url.clone(),
                        outlet: a.outlet.clone(),
                        published_text: format_long(a.published_at, zone),
                        tone,
                        snippet: a.body.chars().take(280).collect(),
                    }
                })
                .collect();
            IssueGroup {
                label: g.label.clone(),
                articles,
                tone_counts: tc,
            }
        })
        .collect();
    let input = ClippingInput {
        org_name: d.org_name.clone(),
        date_text: format_date(d.day_start, zone),
        generated_at_text: format_long(now_millis(), zone),
        issues,
        volume_series: vec![Series {
            name: "Semua berita".into(),
            color: Color(0x1f, 0x4e, 0x8c),
            points: d
                .daily
                .iter()
                .map(|x| (x.day_start, x.total as f64))
                .collect(),
        }],
        tone_by_day: d
            .daily
            .iter()
            .map(|x| {
                (
                    x.day_start,
                    ToneCounts {
                        positif: x.positive,
                        netral: x.total.saturating_sub(x.positive + x.negative),
                        negatif: x.negative,
                    },
                )
            })
            .collect(),
        top_outlets: d.outlets.clone(),
    };
    let bytes = tokio::task::spawn_blocking(move || {
        sinergi_report::pdf::render_pdf(&sinergi_report::clipping::build(&input))
    })
    .await
    .map_err(|e| PageError::Core(CoreError::Internal(format!("pdf task: {e}"))))?
    .map_err(|e| PageError::Core(CoreError::Internal(format!("pdf: {e}"))))?;
    let name = format!("kliping-{}.pdf", iso_date(d.day_start, zone));
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
