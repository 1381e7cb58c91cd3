//! Beranda: what a signed-in officer sees first.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use sinergi_core::jobs::JobCounts;
use sinergi_core::network::{AuditFilter, OrgFilter, Permission, Scope};
use sinergi_core::page::PageReq;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::PageResult;
use crate::view::{Chrome, render};

pub struct AuditRow {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    scope_label: String,
    orgs_in_scope: i64,
    users_in_scope: i64,
    children: Vec<(String, String)>,
    recent: Vec<AuditRow>,
    jobs: Option<JobCounts>,
}

pub async fn show(State(state): State<AppState>, viewer: Viewer) -> PageResult<Html<String>> {
    let core = &state.core;
    let actor = &viewer.actor;
    let users_in_scope = core.count_users(actor).await?;
    let (scope_label, orgs_in_scope, children) = match actor.scope() {
        Scope::All => (
            "seluruh jejaring humas: pusat, 38 provinsi, 514 kabupaten/kota".to_owned(),
            core.count_orgs(actor).await?,
            vec![],
        ),
        Scope::Province(code) => {
            let kids = core
                .list_orgs(
                    actor,
                    &OrgFilter {
                        parent_code: Some(code.clone()),
                        ..Default::default()
                    },
                    PageReq::new(Some(1), Some(200)),
                )
                .await?;
            (
                format!(
                    "{} dan {} kabupaten/kota di bawahnya",
                    actor.org.display_name(),
                    kids.total
                ),
                kids.total + 1,
                kids.items.into_iter().map(|o| (o.code, o.name)).collect(),
            )
        }
        Scope::Exact(_) => (actor.org.display_name(), 1, vec![]),
    };
    let recent = if actor.role.can(Permission::ViewAudit) {
        core.list_audit(
            actor,
            &AuditFilter::default(),
            PageReq::new(Some(1), Some(8)),
        )
        .await?
        .items
        .into_iter()
        .map(|r| AuditRow {
            when: sinergi_core::time::format_short(r.entry.at, actor.org.zone()),
            actor: r.entry.actor,
            action: crate::pages::audit::action_label(&r.entry.action).to_owned(),
            entity: format!("{} #{}", r.entry.entity, r.entry.entity_id),
        })
        .collect()
    } else {
        vec![]
    };
    let chrome = Chrome::new(&viewer, "Beranda", "beranda");
    let jobs = if chrome.is_centre_admin {
        Some(core.job_counts().await?)
    } else {
        None
    };
    render(&DashboardPage {
        chrome,
        scope_label,
        orgs_in_scope,
        users_in_scope,
        children,
        recent,
        jobs,
    })
}
