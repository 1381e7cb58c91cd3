//! Log audit: every change, who, when, before/after. Administrators browse and filter it.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use chrono::NaiveDate;
use serde::Deserialize;
use sinergi_core::network::AuditFilter;
use sinergi_core::page::PageReq;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::PageResult;
use crate::pages::page_param;
use crate::view::{Chrome, Pager, render};

/// Human labels for audit actions.
pub fn action_label(action: &str) -> &str {
    match action {
        "user.create" => "Membuat pengguna",
        "user.update" => "Mengubah pengguna",
        "user.deactivate" => "Menonaktifkan pengguna",
        "user.activate" => "Mengaktifkan pengguna",
        "user.password_change" => "Mengubah kata sandi sendiri",
        "user.password_reset" => "Mengatur ulang kata sandi",
        "token.create" => "Membuat token API",
        "token.revoke" => "Mencabut token API",
        "job.requeue" => "Mengantrekan ulang pekerjaan",
        other => other,
    }
}

pub const ACTIONS: [&str; 9] = [
    "user.create",
    "user.update",
    "user.deactivate",
    "user.activate",
    "user.password_change",
    "user.password_reset",
    "token.create",
    "token.revoke",
    "job.requeue",
];

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    aktor: Option<String>,
    aksi: Option<String>,
    dari: Option<String>,
    sampai: Option<String>,
    entitas: Option<String>,
    id: Option<String>,
    hal: Option<String>,
}

pub struct Row {
    pub when: String,
    pub actor: String,
    pub ip: String,
    pub action: String,
    pub entity: String,
    pub entity_link: Option<String>,
    pub org: String,
    pub before: String,
    pub after: String,
}

pub struct ActionOption {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    actor: String,
    action: String,
    from: String,
    to: String,
    actions: Vec<ActionOption>,
    rows: Vec<Row>,
    pager: Pager,
    date_error: bool,
}

fn pretty(v: &Option<serde_json::Value>) -> String {
    v.as_ref()
        .and_then(|v| serde_json::to_string_pretty(v).ok())
        .unwrap_or_default()
}

/// "2026-11-26" as the start (or end) of that day in the viewer's zone, in UTC milliseconds.
fn day_bound(raw: &str, zone: sinergi_core::time::Zone, end: bool) -> Result<Option<i64>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| ())?;
    let time = if end {
        date.and_hms_milli_opt(23, 59, 59, 999)
    } else {
        date.and_hms_opt(0, 0, 0)
    };
    let local = time.ok_or(())?;
    let offset_ms = i64::from(zone.offset_hours()) * 3_600_000;
    Ok(Some(local.and_utc().timestamp_millis() - offset_ms))
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AuditQuery>,
) -> PageResult<Html<String>> {
    let zone = viewer.actor.org.zone();
    let actor: String = q
        .aktor
        .clone()
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect();
    let action = q
        .aksi
        .clone()
        .filter(|a| ACTIONS.contains(&a.as_str()))
        .unwrap_or_default();
    let from_raw = q.dari.clone().unwrap_or_default();
    let to_raw = q.sampai.clone().unwrap_or_default();
    let from = day_bound(&from_raw, zone, false);
    let to = day_bound(&to_raw, zone, true);
    let date_error = from.is_err() || to.is_err();
    let filter = AuditFilter {
        actor: Some(actor.clone()).filter(|s| !s.trim().is_empty()),
        action: Some(action.clone()).filter(|s| !s.is_empty()),
        entity: q.entitas.clone().filter(|s| !s.is_empty()),
        entity_id: q.id.clone().filter(|s| !s.is_empty()),
        from: from.ok().flatten(),
        to: to.ok().flatten(),
    };
    let page = state
        .core
        .list_audit(
            &viewer.actor,
            &filter,
            PageReq::new(page_param(&q.hal), Some(50)),
        )
        .await?;
    let pager = Pager::new(
        &page,
        "/audit",
        &[
            ("aktor", actor.clone()),
            ("aksi", action.clone()),
            ("dari", from_raw.clone()),
            ("sampai", to_raw.clone()),
        ],
    );
    let rows = page
        .items
        .into_iter()
        .map(|r| {
            let e = r.entry;
            Row {
                when: sinergi_core::time::format_short(e.at, zone),
                actor: e.actor,
                ip: e.ip.unwrap_or_default(),
                action: action_label(&e.action).to_owned(),
                entity_link: (e.entity == "user").then(|| format!("/pengguna/{}", e.entity_id)),
                entity: format!("{} #{}", e.entity, e.entity_id),
                org: e.org_code.unwrap_or_default(),
                before: pretty(&e.before),
                after: pretty(&e.after),
            }
        })
        .collect();
    render(&AuditPage {
        chrome: Chrome::new(&viewer, "Log audit", "audit"),
        actor,
        action,
        from: from_raw,
        to: to_raw,
        actions: ACTIONS
            .iter()
            .map(|a| ActionOption {
                value: a,
                label: action_label(a),
            })
            .collect(),
        rows,
        pager,
        date_error,
    })
}
