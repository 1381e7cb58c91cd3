//! The monitoring dashboard, issue pages and the alert log.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sinergi_core::monitor::{Alert, Article, Issue};
use sinergi_core::page::PageReq;
use sinergi_core::time::now_millis;

use super::{day_charts, hbar, tone_label};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::PageResult;
use crate::pages::{page_param, parse_id};
use crate::view::{Chrome, Pager, render};

pub struct ArticleRow {
    pub id: i64,
    pub title: String,
    pub outlet: String,
    pub when: String,
    pub tone: String,
    pub tone_class: &'static str,
}

pub fn article_row(chrome: &Chrome, a: &Article) -> ArticleRow {
    ArticleRow {
        id: a.id,
        title: a.title.clone(),
        outlet: a.outlet.clone(),
        when: chrome.short(&a.published_at),
        tone: a.tone.label().to_owned(),
        tone_class: a.tone.as_str(),
    }
}

pub struct AlertRow {
    pub when: String,
    pub label: String,
    pub message: String,
    pub negative: bool,
    pub kind: String,
    pub notified: String,
    /// Opens a crisis case prefilled from the alert.
    pub case_link: String,
}

pub fn alert_row(chrome: &Chrome, a: &Alert) -> AlertRow {
    AlertRow {
        when: chrome.short(&a.created_at),
        label: a.subject_label.clone(),
        message: a.message.clone(),
        negative: a.kind.ends_with("_negative"),
        kind: match a.kind.trim_end_matches("_negative") {
            "saved_search" => "Pencarian tersimpan",
            "region" => "Wilayah",
            "issue" => "Isu",
            "source_quiet" => "Kesehatan sumber",
            _ => "Lainnya",
        }
        .to_owned(),
        notified: a.notified.clone(),
        case_link: format!(
            "/krisis/baru?sumber=alert&klaim={}",
            crate::auth::url_escape(&format!("Lonjakan pemberitaan: {}", a.subject_label))
        ),
    }
}

#[derive(Deserialize, Default)]
pub struct DashQuery {
    hari: Option<String>,
}

#[derive(Template)]
#[template(path = "monitor_dashboard.html")]
struct DashPage {
    chrome: Chrome,
    days: i64,
    total: usize,
    negative: u64,
    negative_pct: u64,
    volume_svg: String,
    tone_svg: String,
    outlets_svg: String,
    voice_svg: String,
    issues: Vec<(Issue, u64)>,
    latest_negative: Vec<ArticleRow>,
    alerts: Vec<AlertRow>,
    today: String,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DashQuery>,
) -> PageResult<Response> {
    let days = q
        .hari
        .as_deref()
        .and_then(|d| d.parse::<i64>().ok())
        .filter(|d| [7, 14, 30, 90].contains(d))
        .unwrap_or(14);
    let now = now_millis();
    let d = state
        .core
        .monitor_dashboard(&viewer.actor, days, now)
        .await?;
    let chrome = Chrome::new(&viewer, "Pantau Media", "pantau");
    let (volume_svg, tone_svg) = day_charts(&d.daily, &chrome.org_name);
    let negative = d
        .tones
        .iter()
        .find(|(t, _)| t == "negative")
        .map(|(_, n)| *n)
        .unwrap_or(0);
    let total = d.total;
    Ok(render(&DashPage {
        days,
        total,
        negative,
        negative_pct: if total > 0 {
            negative * 100 / total as u64
        } else {
            0
        },
        volume_svg,
        tone_svg,
        outlets_svg: hbar("Media teratas", &d.outlets),
        voice_svg: hbar("Pangsa pemberitaan (share of voice)", &d.share_of_voice),
        issues: d.issues,
        latest_negative: d
            .latest_negative
            .iter()
            .map(|a| article_row(&chrome, a))
            .collect(),
        alerts: d.alerts.iter().map(|a| alert_row(&chrome, a)).collect(),
        today: sinergi_core::time::iso_date(now, chrome.zone),
        chrome,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "monitor_issue.html")]
struct IssuePage {
    chrome: Chrome,
    issue: Issue,
    visible: usize,
    first_seen: String,
    volume_svg: String,
    tone_svg: String,
    outlets_svg: String,
    tones: Vec<(String, u64)>,
    latest: Vec<ArticleRow>,
    search_link: String,
}

pub async fn issue(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let d = state
        .core
        .issue_detail(&viewer.actor, id, now_millis())
        .await?;
    let chrome = Chrome::new(&viewer, &format!("Isu: {}", d.issue.label), "pantau");
    let (volume_svg, tone_svg) = day_charts(&d.daily, &d.issue.label);
    Ok(render(&IssuePage {
        visible: d.visible_count,
        first_seen: chrome.long(&d.issue.first_seen),
        volume_svg,
        tone_svg,
        outlets_svg: hbar("Media teratas", &d.outlets),
        tones: d
            .tones
            .iter()
            .map(|(t, n)| (tone_label(t).to_owned(), *n))
            .collect(),
        latest: d.latest.iter().map(|a| article_row(&chrome, a)).collect(),
        search_link: format!("/pantau/cari?q=issue%3A{}&urut=terbaru", d.issue.id),
        issue: d.issue,
        chrome,
    })?
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct AlertQuery {
    hal: Option<String>,
}

#[derive(Template)]
#[template(path = "monitor_alerts.html")]
struct AlertsPage {
    chrome: Chrome,
    rows: Vec<AlertRow>,
    pager: Pager,
}

pub async fn alerts(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AlertQuery>,
) -> PageResult<Response> {
    let page = state
        .core
        .alerts(&viewer.actor, PageReq::new(page_param(&q.hal), None))
        .await?;
    let chrome = Chrome::new(&viewer, "Peringatan dini", "pantau");
    Ok(render(&AlertsPage {
        rows: page.items.iter().map(|a| alert_row(&chrome, a)).collect(),
        pager: Pager::new(&page, "/pantau/peringatan", &[]),
        chrome,
    })?
    .into_response())
}
