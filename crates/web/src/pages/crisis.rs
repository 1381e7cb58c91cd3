//! Krisis Informasi pages: the case list with its dashboard, opening and editing a case, and
//! the case page where units verify, escalate, assign, draft statements and follow the
//! timeline.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDateTime;
use serde::Deserialize;
use sinergi_core::CoreError;
use sinergi_core::crisis::service::{CaseInput, CaseView};
use sinergi_core::crisis::{
    ALL_STATUSES, ALL_VERDICTS, CATEGORIES, Case, CaseFilter, CaseStats, CaseStatus,
    EXTERNAL_LABELS, Statement, StatementVersion,
};
use sinergi_core::network::Permission;
use sinergi_core::page::PageReq;
use sinergi_core::time::now_millis;

use crate::AppState;
use crate::auth::{Viewer, errs_to_map};
use crate::error::{PageError, PageResult, user_message};
use crate::pages::{page_param, parse_id};
use crate::view::{Chrome, FieldErrors, Pager, render};

type FormResult<T> = Result<Form<T>, axum::extract::rejection::FormRejection>;

fn bad_form() -> PageError {
    PageError::BadRequest(
        "Isi formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.".into(),
    )
}

pub struct Opt {
    pub value: String,
    pub label: String,
}

fn status_opts(state: &AppState) -> Vec<Opt> {
    ALL_STATUSES
        .iter()
        .map(|s| Opt {
            value: s.as_str().into(),
            label: state.core.config().crisis.status_name(*s),
        })
        .collect()
}

fn level_opts(state: &AppState) -> Vec<Opt> {
    state
        .core
        .config()
        .crisis
        .levels
        .iter()
        .map(|l| Opt {
            value: l.level.to_string(),
            label: format!("Level {} — {}", l.level, l.name),
        })
        .collect()
}

fn category_opts() -> Vec<Opt> {
    CATEGORIES
        .iter()
        .map(|(v, l)| Opt {
            value: (*v).into(),
            label: (*l).into(),
        })
        .collect()
}

/// One row of the case list, with display strings computed once.
pub struct Row {
    pub id: i64,
    pub reference: String,
    pub claim: String,
    pub owner: String,
    pub level: u8,
    pub status: String,
    pub verdict: String,
    pub due: String,
    pub overdue: bool,
    pub updated: String,
}

fn row(state: &AppState, chrome: &Chrome, c: &Case, now: i64) -> Row {
    let overdue = c.first_response_overdue(now) || c.resolution_overdue(now);
    let due = if !c.status.is_open() {
        "-".to_owned()
    } else if c.first_response_at.is_none() {
        format!("Respons pertama {}", chrome.short(&c.first_response_due))
    } else {
        format!("Selesai {}", chrome.short(&c.resolution_due))
    };
    Row {
        id: c.id,
        reference: c.reference(),
        claim: c.claim.clone(),
        owner: c.owner_org_name.clone(),
        level: c.level,
        status: state.core.config().crisis.status_name(c.status),
        verdict: c.verdict.map(|v| v.label().to_owned()).unwrap_or_default(),
        due,
        overdue,
        updated: chrome.short(&c.updated_at),
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    status: Option<String>,
    level: Option<String>,
    tampil: Option<String>,
    hal: Option<String>,
}

#[derive(Template)]
#[template(path = "crisis_list.html")]
struct ListPage {
    chrome: Chrome,
    stats: CaseStats,
    level_names: Vec<(u8, String, i64)>,
    rows: Vec<Row>,
    pager: Pager,
    q: String,
    status: String,
    level: String,
    show: String,
    statuses: Vec<Opt>,
    levels: Vec<Opt>,
    can_edit: bool,
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> PageResult<Response> {
    let actor = &viewer.actor;
    let text: String = q.q.clone().unwrap_or_default().chars().take(100).collect();
    let status = q.status.as_deref().and_then(CaseStatus::parse);
    let level = q.level.as_deref().and_then(|l| l.parse::<u8>().ok());
    let show = q.tampil.clone().unwrap_or_else(|| "terbuka".into());
    let filter = CaseFilter {
        q: Some(text.clone()).filter(|s| !s.trim().is_empty()),
        status,
        level,
        open_only: show == "terbuka",
        overdue_only: show == "terlambat",
    };
    let page = state
        .core
        .list_cases(actor, &filter, PageReq::new(page_param(&q.hal), None))
        .await?;
    let stats = state.core.case_stats(actor).await?;
    let chrome = Chrome::new(&viewer, "Krisis Informasi", "krisis");
    let now = now_millis();
    let status_s = status.map(|s| s.as_str().to_owned()).unwrap_or_default();
    let level_s = level.map(|l| l.to_string()).unwrap_or_default();
    let pager = Pager::new(
        &page,
        "/krisis",
        &[
            ("q", text.clone()),
            ("status", status_s.clone()),
            ("level", level_s.clone()),
            ("tampil", show.clone()),
        ],
    );
    let rows = page
        .items
        .iter()
        .map(|c| row(&state, &chrome, c, now))
        .collect();
    let level_names = state
        .core
        .config()
        .crisis
        .levels
        .iter()
        .map(|l| {
            (
                l.level,
                l.name.clone(),
                stats
                    .open_by_level
                    .iter()
                    .find(|(k, _)| *k == l.level)
                    .map(|(_, n)| *n)
                    .unwrap_or(0),
            )
        })
        .collect();
    Ok(render(&ListPage {
        can_edit: actor.role.can(Permission::CrisisEdit),
        chrome,
        stats,
        level_names,
        rows,
        pager,
        q: text,
        status: status_s,
        level: level_s,
        show,
        statuses: status_opts(&state),
        levels: level_opts(&state),
    })?
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct CaseForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    claim: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    origin_links: String,
    #[serde(default)]
    region_codes: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    source: String,
}

impl CaseForm {
    fn input(&self) -> CaseInput {
        CaseInput {
            claim: self.claim.clone(),
            description: self.description.clone(),
            origin_links: self.origin_links.clone(),
            region_codes: self.region_codes.clone(),
            category: self.category.clone(),
            level: self.level.clone(),
            tags: self.tags.clone(),
            source: self.source.clone(),
        }
    }
    fn of(c: &Case) -> Self {
        Self {
            csrf: String::new(),
            version: c.version.to_string(),
            claim: c.claim.clone(),
            description: c.description.clone(),
            origin_links: c.origin_links.join("\n"),
            region_codes: c.region_codes.join(", "),
            category: c.category.clone(),
            level: c.level.to_string(),
            tags: c.tags.join(", "),
            source: c.source.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "crisis_form.html")]
struct FormPage {
    chrome: Chrome,
    id: Option<i64>,
    form: CaseForm,
    errors: FieldErrors,
    alert: Option<String>,
    categories: Vec<Opt>,
    levels: Vec<Opt>,
}

fn form_page(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    form: CaseForm,
    errors: FieldErrors,
    alert: Option<String>,
) -> FormPage {
    let title = if id.is_some() {
        "Ubah kasus"
    } else {
        "Buka kasus baru"
    };
    FormPage {
        chrome: Chrome::new(viewer, title, "krisis"),
        id,
        form,
        errors,
        alert,
        categories: category_opts(),
        levels: level_opts(state),
    }
}

/// Prefill of the "open case" form when it is opened from elsewhere (a monitored article or
/// an alert): `?sumber=article&klaim=…&tautan=…&wilayah=…`. Values are only suggestions; the
/// form validates them like typed input.
#[derive(Deserialize, Default)]
pub struct NewCaseQuery {
    sumber: Option<String>,
    klaim: Option<String>,
    tautan: Option<String>,
    wilayah: Option<String>,
}

pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<NewCaseQuery>,
) -> PageResult<Response> {
    viewer.actor.require(Permission::CrisisEdit)?;
    let source = match q.sumber.as_deref() {
        Some(s @ ("article" | "alert" | "issue" | "public_report")) => s.to_owned(),
        _ => String::new(),
    };
    let form = CaseForm {
        claim: q.klaim.unwrap_or_default().chars().take(280).collect(),
        origin_links: q.tautan.unwrap_or_default().chars().take(2000).collect(),
        region_codes: q.wilayah.unwrap_or_default().chars().take(200).collect(),
        source,
        ..CaseForm::default()
    };
    Ok(render(&form_page(
        &state,
        &viewer,
        None,
        form,
        FieldErrors::default(),
        None,
    ))?
    .into_response())
}

pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: FormResult<CaseForm>,
) -> PageResult<Response> {
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    match state.core.open_case(&viewer.actor, &form.input()).await {
        Ok(case) => Ok(Redirect::to(&format!("/krisis/{}", case.id)).into_response()),
        Err(CoreError::Validation(errs)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&form_page(
                &state,
                &viewer,
                None,
                form,
                FieldErrors(errs_to_map(errs)),
                None,
            ))?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let case = state.core.visible_case(&viewer.actor, id).await?;
    viewer.actor.require(Permission::CrisisEdit)?;
    Ok(render(&form_page(
        &state,
        &viewer,
        Some(id),
        CaseForm::of(&case),
        FieldErrors::default(),
        None,
    ))?
    .into_response())
}

fn parse_version(raw: &str) -> Result<i64, CoreError> {
    raw.trim().parse::<i64>().map_err(|_| {
        CoreError::field(
            "version",
            "invalid",
            "Versi formulir tidak valid; muat ulang halaman.",
        )
    })
}

pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormResult<CaseForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let Form(form) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&form.csrf, &headers)?;
    let result = match parse_version(&form.version) {
        Ok(v) => {
            state
                .core
                .edit_case(&viewer.actor, id, v, &form.input())
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/krisis/{id}")).into_response()),
        Err(CoreError::Validation(errs)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&form_page(
                &state,
                &viewer,
                Some(id),
                form,
                FieldErrors(errs_to_map(errs)),
                None,
            ))?,
        )
            .into_response()),
        Err(CoreError::Conflict(msg)) => Ok((
            StatusCode::CONFLICT,
            render(&form_page(
                &state,
                &viewer,
                Some(id),
                form,
                FieldErrors::default(),
                Some(msg),
            ))?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

pub struct EventRow {
    pub when: String,
    pub actor: String,
    pub org: String,
    pub kind: String,
    pub summary: String,
}

/// Timeline rows in the viewer's zone, with unit names instead of codes.
async fn event_rows(
    state: &AppState,
    chrome: &Chrome,
    events: &[sinergi_core::crisis::CaseEvent],
) -> PageResult<Vec<EventRow>> {
    let codes: Vec<String> = events.iter().filter_map(|e| e.org_code.clone()).collect();
    let names = state.core.org_names(&codes).await?;
    Ok(events
        .iter()
        .map(|e| EventRow {
            when: chrome.long(&e.at),
            actor: e.actor.clone(),
            org: e
                .org_code
                .as_ref()
                .map(|c| names.get(c).cloned().unwrap_or_else(|| c.clone()))
                .unwrap_or_default(),
            kind: e.kind.clone(),
            summary: e.summary.clone(),
        })
        .collect())
}

pub struct TaskRow {
    pub id: i64,
    pub title: String,
    pub assignee: String,
    pub due: String,
    pub overdue: bool,
    pub done: Option<String>,
}

#[derive(Template)]
#[template(path = "crisis_case.html")]
struct CasePage {
    chrome: Chrome,
    v: CaseView,
    status_name: String,
    level_name: String,
    category: String,
    next: Vec<Opt>,
    events: Vec<EventRow>,
    tasks: Vec<TaskRow>,
    verdicts: Vec<Opt>,
    external_labels: Vec<&'static str>,
    lower_members: Vec<Opt>,
    fr_overdue: bool,
    res_overdue: bool,
    can_edit: bool,
    can_approve: bool,
    alert: Option<String>,
    similar: Vec<sinergi_core::crisis::claims::SimilarClaim>,
    evidence: Vec<sinergi_core::crisis::Evidence>,
    uploads_on: bool,
    coverage: Option<Coverage>,
}

/// Related monitored coverage shown on the case page.
pub struct Coverage {
    pub query: String,
    pub search_link: String,
    pub total: usize,
    pub negative: u64,
    pub volume_svg: String,
    pub tone_svg: String,
    pub latest: Vec<crate::pages::monitor::dashboard::ArticleRow>,
}

async fn case_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    status: StatusCode,
    alert: Option<String>,
) -> PageResult<Response> {
    let v = state.core.case_view(&viewer.actor, id).await?;
    let chrome = Chrome::new(
        viewer,
        &format!("{} — {}", v.case.reference(), v.case.claim),
        "krisis",
    );
    let cfg = &state.core.config().crisis;
    let now = now_millis();
    let events = event_rows(state, &chrome, &v.events).await?;
    let tasks = v
        .tasks
        .iter()
        .map(|t| TaskRow {
            id: t.id,
            title: t.title.clone(),
            assignee: t
                .assignee_email
                .clone()
                .or_else(|| t.assignee_org_code.clone())
                .unwrap_or_else(|| "-".into()),
            due: t
                .due_at
                .map(|d| chrome.short(&d))
                .unwrap_or_else(|| "-".into()),
            overdue: t.done_at.is_none() && t.due_at.is_some_and(|d| d < now),
            done: t.done_at.map(|d| chrome.short(&d)),
        })
        .collect();
    let lower_members = v
        .members
        .iter()
        .filter(|m| {
            m.org_code != viewer.actor.org.code
                && (viewer.actor.org.level == sinergi_core::network::OrgLevel::Centre
                    || m.org_code
                        .starts_with(&format!("{}.", viewer.actor.org.code)))
        })
        .map(|m| Opt {
            value: m.org_code.clone(),
            label: m.org_name.clone(),
        })
        .collect();
    let similar = state
        .core
        .similar_claims(&viewer.actor, &v.case.claim, Some(v.case.id), 5)
        .await?;
    let evidence = state.core.case_evidence(&viewer.actor, id).await?;
    let coverage = state
        .core
        .case_coverage(&viewer.actor, id, now)
        .await?
        .map(|c| {
            let (volume_svg, tone_svg) =
                crate::pages::monitor::day_charts(&c.daily, "liputan terkait");
            Coverage {
                search_link: format!(
                    "/pantau/cari?q={}&urut=terbaru",
                    crate::auth::url_escape(&c.query)
                ),
                negative: c
                    .tones
                    .iter()
                    .find(|(t, _)| t == "negative")
                    .map(|(_, n)| *n)
                    .unwrap_or(0),
                total: c.total,
                volume_svg,
                tone_svg,
                latest: c
                    .latest
                    .iter()
                    .map(|a| crate::pages::monitor::dashboard::article_row(&chrome, a))
                    .collect(),
                query: c.query,
            }
        });
    let page = CasePage {
        coverage,
        evidence,
        uploads_on: state.core.max_upload() > 0,
        similar,
        status_name: cfg.status_name(v.case.status),
        level_name: cfg.level_name(v.case.level),
        category: CATEGORIES
            .iter()
            .find(|(c, _)| *c == v.case.category)
            .map(|(_, l)| (*l).to_owned())
            .unwrap_or_default(),
        next: v
            .next
            .iter()
            .map(|s| Opt {
                value: s.as_str().into(),
                label: cfg.status_name(*s),
            })
            .collect(),
        events,
        tasks,
        verdicts: ALL_VERDICTS
            .iter()
            .map(|x| Opt {
                value: x.as_str().into(),
                label: x.label().into(),
            })
            .collect(),
        external_labels: EXTERNAL_LABELS.to_vec(),
        lower_members,
        fr_overdue: v.case.first_response_overdue(now),
        res_overdue: v.case.resolution_overdue(now),
        can_edit: viewer.actor.role.can(Permission::CrisisEdit),
        can_approve: viewer.actor.role.can(Permission::CrisisApprove)
            && v.case.owner_org_id == viewer.actor.org.id,
        alert,
        chrome,
        v,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    case_page(&state, &viewer, id, StatusCode::OK, None).await
}

/// Outcome of a case action: back to the case page, or the page again with the problem.
async fn after_action(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    result: Result<(), CoreError>,
    anchor: &str,
) -> PageResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/krisis/{id}{anchor}")).into_response()),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let status = crate::error::status_of(&e);
            let (msg, _) = user_message(&e);
            case_page(state, viewer, id, status, Some(msg)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct ActionForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    org_code: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    verdict_note: String,
    #[serde(default)]
    external_label: String,
    #[serde(default)]
    external_url: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    due_at: String,
    #[serde(default)]
    decision: String,
}

/// Runs one case action after the CSRF check.
macro_rules! case_action {
    ($name:ident, $anchor:literal, |$state:ident, $viewer:ident, $id:ident, $f:ident, $v:ident| $body:block) => {
        pub async fn $name(
            State($state): State<AppState>,
            $viewer: Viewer,
            headers: HeaderMap,
            Path(id): Path<String>,
            form: FormResult<ActionForm>,
        ) -> PageResult<Response> {
            let $id = parse_id(&id)?;
            let Form($f) = form.map_err(|_| bad_form())?;
            $viewer.check_csrf(&$f.csrf, &headers)?;
            let result: Result<(), CoreError> = async {
                let $v = parse_version(&$f.version);
                $body
            }
            .await;
            after_action(&$state, &$viewer, $id, result, $anchor).await
        }
    };
}

case_action!(transition, "", |state, viewer, id, f, v| {
    state
        .core
        .transition_case(&viewer.actor, id, v?, &f.to, &f.reason)
        .await
        .map(|_| ())
});
case_action!(escalate, "", |state, viewer, id, f, v| {
    state
        .core
        .escalate_case(&viewer.actor, id, v?, &f.reason)
        .await
        .map(|_| ())
});
case_action!(join, "", |state, viewer, id, f, v| {
    state
        .core
        .join_case(&viewer.actor, id, v?)
        .await
        .map(|_| ())
});
case_action!(take_over, "", |state, viewer, id, f, v| {
    state
        .core
        .take_over_case(&viewer.actor, id, v?)
        .await
        .map(|_| ())
});
case_action!(deescalate, "", |state, viewer, id, f, v| {
    state
        .core
        .deescalate_case(&viewer.actor, id, v?, &f.org_code, &f.reason)
        .await
        .map(|_| ())
});
case_action!(share, "", |state, viewer, id, f, v| {
    state
        .core
        .share_case(&viewer.actor, id, v?, &f.org_code)
        .await
        .map(|_| ())
});
case_action!(verdict, "", |state, viewer, id, f, v| {
    let input = sinergi_core::crisis::service::VerdictInput {
        verdict: f.verdict.clone(),
        note: f.verdict_note.clone(),
        external_label: f.external_label.clone(),
        external_url: f.external_url.clone(),
    };
    state
        .core
        .set_verdict(&viewer.actor, id, v?, &input)
        .await
        .map(|_| ())
});
case_action!(note, "#linimasa", |state, viewer, id, f, v| {
    let _ = v;
    state.core.add_case_note(&viewer.actor, id, &f.note).await
});
case_action!(task, "#tugas", |state, viewer, id, f, v| {
    let _ = v;
    let due = parse_local_datetime(&f.due_at, viewer.actor.org.zone())?;
    state
        .core
        .add_case_task(&viewer.actor, id, &f.title, &f.assignee, due)
        .await
        .map(|_| ())
});
case_action!(statement, "#pernyataan", |state, viewer, id, f, v| {
    let _ = v;
    state
        .core
        .draft_statement(&viewer.actor, id, &f.kind, &f.title, &f.body)
        .await
        .map(|_| ())
});

pub async fn task_done(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path((id, task)): Path<(String, String)>,
    form: FormResult<ActionForm>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let task = parse_id(&task)?;
    let Form(f) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&f.csrf, &headers)?;
    let result = state.core.complete_case_task(&viewer.actor, id, task).await;
    after_action(&state, &viewer, id, result, "#tugas").await
}

/// `2026-11-26T14:00` from a datetime-local input, in the viewer's zone, to UTC milliseconds.
fn parse_local_datetime(
    raw: &str,
    zone: sinergi_core::time::Zone,
) -> Result<Option<i64>, CoreError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let t = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M").map_err(|_| {
        CoreError::field(
            "due_at",
            "invalid",
            "Tenggat harus berupa tanggal dan jam yang valid.",
        )
    })?;
    Ok(Some(
        t.and_utc().timestamp_millis() - i64::from(zone.offset_hours()) * 3_600_000,
    ))
}

#[derive(Template)]
#[template(path = "crisis_statement.html")]
struct StatementPage {
    chrome: Chrome,
    case: Case,
    st: Statement,
    versions: Vec<StatementVersion>,
    editable: bool,
    can_edit: bool,
    can_approve: bool,
    alert: Option<String>,
    title: String,
    body: String,
    /// Portal address once the clarification is published.
    published: Option<String>,
}

async fn statement_page(
    state: &AppState,
    viewer: &Viewer,
    sid: i64,
    status: StatusCode,
    alert: Option<String>,
    draft: Option<(String, String)>,
) -> PageResult<Response> {
    let (st, versions) = state.core.statement_versions(&viewer.actor, sid).await?;
    let case = state.core.visible_case(&viewer.actor, st.case_id).await?;
    let (title, body) = draft.unwrap_or_else(|| (st.title.clone(), st.body.clone()));
    let published = state
        .core
        .published_statement(&case, &st)
        .await?
        .map(|i| i.portal_path());
    let page = StatementPage {
        published,
        chrome: Chrome::new(viewer, &st.title, "krisis"),
        editable: matches!(
            st.status,
            sinergi_core::crisis::StatementStatus::Draft
                | sinergi_core::crisis::StatementStatus::Rejected
        ),
        can_edit: viewer.actor.role.can(Permission::CrisisEdit),
        can_approve: viewer.actor.role.can(Permission::CrisisApprove)
            && case.owner_org_id == viewer.actor.org.id,
        case,
        st,
        versions,
        alert,
        title,
        body,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn statement_show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(sid): Path<String>,
) -> PageResult<Response> {
    let sid = parse_id(&sid)?;
    statement_page(&state, &viewer, sid, StatusCode::OK, None, None).await
}

pub async fn statement_action(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path((sid, action)): Path<(String, String)>,
    form: FormResult<ActionForm>,
) -> PageResult<Response> {
    let sid = parse_id(&sid)?;
    let Form(f) = form.map_err(|_| bad_form())?;
    viewer.check_csrf(&f.csrf, &headers)?;
    let result = match action.as_str() {
        "revisi" => match parse_version(&f.version) {
            Ok(v) => {
                state
                    .core
                    .revise_statement(&viewer.actor, sid, v, &f.title, &f.body)
                    .await
            }
            Err(e) => Err(e),
        },
        "ajukan" => state.core.submit_statement(&viewer.actor, sid).await,
        "terbitkan" => match state.core.publish_statement(&viewer.actor, sid).await {
            Ok(item) => return Ok(Redirect::to(&item.portal_path()).into_response()),
            Err(e) => Err(e),
        },
        "putuskan" => {
            state
                .core
                .decide_statement(&viewer.actor, sid, f.decision == "setujui", &f.note)
                .await
        }
        _ => return Err(PageError::Core(CoreError::NotFound)),
    };
    match result {
        Ok(st) => Ok(Redirect::to(&format!("/krisis/pernyataan/{}", st.id)).into_response()),
        Err(e @ (CoreError::Validation(_) | CoreError::Conflict(_))) => {
            let status = crate::error::status_of(&e);
            let (msg, _) = user_message(&e);
            let draft = (action == "revisi").then(|| (f.title.clone(), f.body.clone()));
            statement_page(&state, &viewer, sid, status, Some(msg), draft).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct SimilarQuery {
    #[serde(default)]
    claim: String,
}

#[derive(Template)]
#[template(path = "crisis_similar.html")]
struct SimilarFragment {
    similar: Vec<sinergi_core::crisis::claims::SimilarClaim>,
    typed: bool,
}

/// htmx fragment for the "open case" form: similar earlier cases and known hoaxes as the
/// officer types the claim.
pub async fn similar(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SimilarQuery>,
) -> PageResult<Response> {
    let similar = state
        .core
        .similar_claims(&viewer.actor, &q.claim, None, 5)
        .await?;
    Ok(render(&SimilarFragment {
        similar,
        typed: q.claim.trim().chars().count() >= 8,
    })?
    .into_response())
}

/// Uploads an evidence file (multipart: `_csrf`, optional `note`, then `file`).
pub async fn upload_evidence(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: axum::extract::Multipart,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let up = match crate::pages::read_upload(multipart).await {
        Ok(up) => up,
        Err((status, msg)) => return case_page(&state, &viewer, id, status, Some(msg)).await,
    };
    viewer.check_csrf(up.field("_csrf"), &headers)?;
    let result = match &up.file {
        Some((name, bytes)) => state
            .core
            .add_evidence(&viewer.actor, id, name, bytes, up.field("note"))
            .await
            .map(|_| ()),
        None => Err(CoreError::field(
            "file",
            "required",
            "Pilih berkas yang akan diunggah.",
        )),
    };
    after_action(&state, &viewer, id, result, "#bukti").await
}

/// Serves an evidence file to those who may see its case. Images show inline; other types
/// download. The sandbox CSP keeps a crafted file from running anything.
pub async fn download_evidence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(eid): Path<String>,
) -> PageResult<Response> {
    let eid = parse_id(&eid)?;
    let (e, bytes) = state.core.evidence_file(&viewer.actor, eid).await?;
    let disposition = if e.mime.starts_with("image/") {
        "inline"
    } else {
        "attachment"
    };
    let safe_name: String = e
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    if let Ok(v) = axum::http::HeaderValue::from_str(&e.mime) {
        h.insert(axum::http::header::CONTENT_TYPE, v);
    }
    if let Ok(v) =
        axum::http::HeaderValue::from_str(&format!("{disposition}; filename=\"{safe_name}\""))
    {
        h.insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "crisis_report.html")]
struct ReportPage {
    chrome: Chrome,
    v: CaseView,
    status_name: String,
    level_name: String,
    events: Vec<EventRow>,
    evidence: Vec<sinergi_core::crisis::Evidence>,
    first_response: String,
    resolution: String,
    approved: Vec<Statement>,
    generated: String,
}

fn duration_text(ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    let (d, h, m) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (d, h) {
        (0, 0) => format!("{m} menit"),
        (0, _) => format!("{h} jam {m} menit"),
        _ => format!("{d} hari {h} jam"),
    }
}

/// What the post-crisis report shows, for the printable page and the PDF.
async fn report_page(state: &AppState, viewer: &Viewer, id: i64) -> PageResult<ReportPage> {
    let v = state.core.case_view(&viewer.actor, id).await?;
    let chrome = Chrome::new(viewer, &format!("Laporan {}", v.case.reference()), "krisis");
    let cfg = &state.core.config().crisis;
    let events = event_rows(state, &chrome, &v.events).await?;
    let c = &v.case;
    let first_response = match c.first_response_at {
        Some(t) => {
            let took = t - c.created_at;
            let target = c.first_response_due - c.created_at;
            format!(
                "{} ({} target {})",
                duration_text(took),
                if took <= target {
                    "memenuhi"
                } else {
                    "melewati"
                },
                duration_text(target)
            )
        }
        None => "Belum ada respons".to_owned(),
    };
    let resolution = match c.resolved_at {
        Some(t) => format!("{} sejak kasus dibuka", duration_text(t - c.created_at)),
        None => "Kasus masih terbuka".to_owned(),
    };
    let approved = v
        .statements
        .iter()
        .filter(|s| s.status == sinergi_core::crisis::StatementStatus::Approved)
        .cloned()
        .collect();
    Ok(ReportPage {
        status_name: cfg.status_name(c.status),
        level_name: cfg.level_name(c.level),
        evidence: state.core.case_evidence(&viewer.actor, id).await?,
        generated: chrome.long(&now_millis()),
        events,
        first_response,
        resolution,
        approved,
        chrome,
        v,
    })
}

/// The post-crisis report: chronology, actions, statements and response times, laid out for
/// printing; [`report_pdf`] makes the same report as a PDF with the coverage curve.
pub async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = parse_id(&id)?;
    let page = report_page(&state, &viewer, id).await?;
    Ok(render(&page)?.into_response())
}

/// The post-crisis report as a PDF (server-rendered): summary, response times, approved
/// statements, actions, evidence, the monitored coverage curve and the chronology.
pub async fn report_pdf(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult<Response> {
    use sinergi_report::chart::{ChartSpec, Color, DateFmt, LineChart, Series};
    use sinergi_report::document::{Block, Column, Document, Table};
    let id = parse_id(&id)?;
    let p = report_page(&state, &viewer, id).await?;
    let coverage = state
        .core
        .case_coverage(&viewer.actor, id, now_millis())
        .await?;
    let c = &p.v.case;
    let zone = p.chrome.zone;
    let long = |ms: i64| sinergi_core::time::format_long(ms, zone);
    let members = if p.v.members.is_empty() {
        "-".to_owned()
    } else {
        p.v.members
            .iter()
            .map(|m| m.org_name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut blocks = vec![
        Block::Heading(2, "Ringkasan".into()),
        Block::Table(Table {
            columns: vec![Column::new("Butir", 1.0), Column::new("Keterangan", 2.6)],
            rows: vec![
                vec!["Klaim / masalah".into(), c.claim.clone()],
                vec![
                    "Status".into(),
                    match &c.closed_reason {
                        Some(r) => format!("{} — {r}", p.status_name),
                        None => p.status_name.clone(),
                    },
                ],
                vec!["Level".into(), p.level_name.clone()],
                vec!["Pemilik".into(), c.owner_org_name.clone()],
                vec!["Unit yang ikut menangani".into(), members],
                vec![
                    "Hasil verifikasi".into(),
                    match (c.verdict, &c.verdict_note) {
                        (Some(v), Some(n)) => format!("{} — {n}", v.label()),
                        (Some(v), None) => v.label().to_owned(),
                        _ => "Belum".into(),
                    },
                ],
                vec!["Dibuka".into(), long(c.created_at)],
                vec!["Waktu respons pertama".into(), p.first_response.clone()],
                vec!["Penyelesaian".into(), p.resolution.clone()],
            ],
        }),
    ];
    if !c.description.is_empty() {
        blocks.push(Block::Heading(2, "Uraian".into()));
        blocks.push(Block::Paragraph(c.description.clone()));
    }
    blocks.push(Block::Heading(2, "Pernyataan yang disetujui".into()));
    if p.approved.is_empty() {
        blocks.push(Block::Paragraph("Tidak ada.".into()));
    }
    for s in &p.approved {
        blocks.push(Block::Heading(3, s.title.clone()));
        blocks.push(Block::Paragraph(format!(
            "{} · disetujui{}{}",
            s.kind.label(),
            s.decided_by
                .as_ref()
                .map(|d| format!(" oleh {d}"))
                .unwrap_or_default(),
            s.decided_at
                .map(|t| format!(", {}", long(t)))
                .unwrap_or_default()
        )));
        for para in s.body.split("\n\n") {
            blocks.push(Block::Paragraph(para.to_owned()));
        }
    }
    blocks.push(Block::Heading(2, "Tindakan (tugas)".into()));
    if p.v.tasks.is_empty() {
        blocks.push(Block::Paragraph("Tidak ada.".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("Tugas", 2.0),
                Column::new("Petugas", 1.4),
                Column::new("Selesai", 1.2),
            ],
            rows: p
                .v
                .tasks
                .iter()
                .map(|t| {
                    vec![
                        t.title.clone(),
                        t.assignee_email
                            .clone()
                            .or_else(|| t.assignee_org_code.clone())
                            .unwrap_or_else(|| "-".into()),
                        t.done_at
                            .map(|d| sinergi_core::time::format_short(d, zone))
                            .unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect(),
        }));
    }
    blocks.push(Block::Heading(2, "Bukti".into()));
    if p.evidence.is_empty() {
        blocks.push(Block::Paragraph("Tidak ada.".into()));
    } else {
        blocks.push(Block::Bullets(
            p.evidence
                .iter()
                .map(|e| {
                    format!(
                        "{} ({}, {}, {})",
                        e.filename,
                        e.mime,
                        e.uploaded_by,
                        sinergi_core::time::format_short(e.uploaded_at, zone)
                    )
                })
                .collect(),
        ));
    }
    if let Some(cov) = &coverage {
        blocks.push(Block::Heading(2, "Liputan media terkait".into()));
        blocks.push(Block::Paragraph(format!(
            "{} berita terpantau cocok dengan kueri {} sejak seminggu sebelum kasus dibuka.",
            cov.total, cov.query
        )));
        if cov.total > 0 {
            blocks.push(Block::Chart(ChartSpec::Line(LineChart {
                title: "Volume liputan per hari".into(),
                series: vec![
                    Series {
                        name: "Semua berita".into(),
                        color: Color(0x1f, 0x4e, 0x8c),
                        points: cov
                            .daily
                            .iter()
                            .map(|d| (d.day_start, d.total as f64))
                            .collect(),
                    },
                    Series {
                        name: "Negatif".into(),
                        color: Color(0xc0, 0x39, 0x2b),
                        points: cov
                            .daily
                            .iter()
                            .map(|d| (d.day_start, d.negative as f64))
                            .collect(),
                    },
                ],
                width: 520.0,
                height: 220.0,
                x_label_fmt: DateFmt::DayMonth,
            })));
        }
    }
    blocks.push(Block::Heading(2, "Kronologi".into()));
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::new("Waktu", 1.3),
            Column::new("Oleh", 1.4),
            Column::new("Peristiwa", 3.0),
        ],
        rows: p
            .events
            .iter()
            .map(|e| {
                vec![
                    e.when.clone(),
                    if e.org.is_empty() {
                        e.actor.clone()
                    } else {
                        format!("{} ({})", e.actor, e.org)
                    },
                    e.summary.clone(),
                ]
            })
            .collect(),
    }));
    blocks.push(Block::Heading(2, "Pelajaran".into()));
    blocks.push(Block::Paragraph(
        "Catatan pelajaran ditulis sebagai catatan kasus dan tercantum dalam kronologi.".into(),
    ));
    let doc = Document {
        title: format!("Laporan Pascakrisis {}", c.reference()),
        subtitle: c.claim.clone(),
        org_name: c.owner_org_name.clone(),
        generated_at_text: format!("{} oleh {}", p.generated, p.chrome.user_name),
        blocks,
    };
    let bytes = tokio::task::spawn_blocking(move || sinergi_report::pdf::render_pdf(&doc))
        .await
        .map_err(|e| PageError::Core(CoreError::Internal(format!("pdf task: {e}"))))?
        .map_err(|e| PageError::Core(CoreError::Internal(format!("pdf: {e}"))))?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"laporan-{}.pdf\"", c.reference()),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "crisis_claims.html")]
struct ClaimsPage {
    chrome: Chrome,
    sources: Vec<(String, usize)>,
    can_import: bool,
    alert: Option<String>,
    notice: Option<String>,
}

async fn claims_page(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    alert: Option<String>,
    notice: Option<String>,
) -> PageResult<Response> {
    let page = ClaimsPage {
        sources: state.core.known_claim_sources(&viewer.actor).await?,
        can_import: viewer.actor.role.can(Permission::ManageJobs)
            && viewer.actor.scope() == sinergi_core::network::Scope::All,
        chrome: Chrome::new(viewer, "Daftar klaim hoaks", "krisis"),
        alert,
        notice,
    };
    Ok((status, render(&page)?).into_response())
}

/// The known hoax-claim lists used by claim matching.
pub async fn claims(State(state): State<AppState>, viewer: Viewer) -> PageResult<Response> {
    claims_page(&state, &viewer, StatusCode::OK, None, None).await
}

/// Imports a CSV of known claims (centre administrators; multipart: `_csrf`, `source`, `file`).
pub async fn import_claims(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    multipart: axum::extract::Multipart,
) -> PageResult<Response> {
    let up = match crate::pages::read_upload(multipart).await {
        Ok(up) => up,
        Err((status, msg)) => return claims_page(&state, &viewer, status, Some(msg), None).await,
    };
    viewer.check_csrf(up.field("_csrf"), &headers)?;
    let source = up.field("source").to_owned();
    let text = match up.file.as_ref().map(|(_, b)| std::str::from_utf8(b)) {
        Some(Ok(t)) => t.to_owned(),
        Some(Err(_)) => {
            return claims_page(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("Berkas harus CSV dengan pengodean UTF-8.".into()),
                None,
            )
            .await;
        }
        None => {
            return claims_page(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("Pilih berkas CSV.".into()),
                None,
            )
            .await;
        }
    };
    match state
        .core
        .import_known_claims(&viewer.actor, &source, &text)
        .await
    {
        Ok((read, added)) => {
            claims_page(
                &state,
                &viewer,
                StatusCode::OK,
                None,
                Some(format!("{read} klaim dibaca, {added} baru ditambahkan.")),
            )
            .await
        }
        Err(e @ CoreError::Validation(_)) => {
            let (msg, _) = user_message(&e);
            claims_page(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(msg),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
