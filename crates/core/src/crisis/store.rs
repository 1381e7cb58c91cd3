//! What the crisis module needs from storage. Implemented by `sinergi-store` for both backends;
//! [`crate::store::Store`] requires it, so services reach it through the same handle.

use async_trait::async_trait;

use super::model::*;
use crate::page::{Page, PageReq};
use crate::store::StoreResult;
use crate::time::Millis;

/// Who may see which cases: the centre sees all; others see cases their organisation owns or
/// is a member of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseVisibility {
    pub all: bool,
    pub org_id: i64,
}

/// A new case as the store writes it.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub fields: CaseFields,
    pub source: String,
    pub created_by: String,
    pub created_at: Millis,
}

/// Every mutable field of a case. Services compute the whole new snapshot and the store
/// writes it only if the version still matches.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFields {
    pub claim: String,
    pub description: String,
    pub origin_links: Vec<String>,
    pub region_codes: Vec<String>,
    pub category: String,
    pub level: u8,
    pub owner_org_id: i64,
    pub status: CaseStatus,
    pub verdict: Option<Verdict>,
    pub verdict_note: Option<String>,
    pub external_label: Option<String>,
    pub external_url: Option<String>,
    pub tags: Vec<String>,
    pub first_response_due: Millis,
    pub resolution_due: Millis,
    pub first_response_at: Option<Millis>,
    pub resolved_at: Option<Millis>,
    pub closed_reason: Option<String>,
}

impl CaseFields {
    pub fn of(c: &Case) -> Self {
        Self {
            claim: c.claim.clone(),
            description: c.description.clone(),
            origin_links: c.origin_links.clone(),
            region_codes: c.region_codes.clone(),
            category: c.category.clone(),
            level: c.level,
            owner_org_id: c.owner_org_id,
            status: c.status,
            verdict: c.verdict,
            verdict_note: c.verdict_note.clone(),
            external_label: c.external_label.clone(),
            external_url: c.external_url.clone(),
            tags: c.tags.clone(),
            first_response_due: c.first_response_due,
            resolution_due: c.resolution_due,
            first_response_at: c.first_response_at,
            resolved_at: c.resolved_at,
            closed_reason: c.closed_reason.clone(),
        }
    }
}

/// A membership change applied with a case update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberChange {
    /// Adds or changes the organisation's role (`escalated` or `collaborator`).
    Set {
        org_id: i64,
        role: String,
    },
    Remove {
        org_id: i64,
    },
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub at: Millis,
    pub actor: String,
    pub org_code: Option<String>,
    pub kind: String,
    pub summary: String,
    pub data: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct NewTask {
    pub title: String,
    pub assignee_org_id: Option<i64>,
    pub assignee_user_id: Option<i64>,
    pub due_at: Option<Millis>,
    pub created_by: String,
    pub created_at: Millis,
}

/// Text of a statement version and who wrote it when.
#[derive(Debug, Clone)]
pub struct StatementDraft<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub author: &'a str,
    pub at: Millis,
}

/// A statement status change: allowed only from one of `from`.
#[derive(Debug, Clone)]
pub struct StatusChange<'a> {
    pub from: &'a [StatementStatus],
    pub to: StatementStatus,
    pub decided_by: Option<&'a str>,
    pub note: Option<&'a str>,
    pub at: Millis,
}

#[async_trait]
pub trait CrisisStore: Send + Sync {
    async fn insert_case(&self, c: &NewCase, event: &NewEvent) -> StoreResult<Case>;
    async fn case_by_id(&self, id: i64) -> StoreResult<Option<Case>>;
    async fn case_members(&self, case_id: i64) -> StoreResult<Vec<CaseMember>>;
    /// Writes `fields` and `members` only if the case is still at `expected_version`;
    /// `Ok(None)` when someone else changed it first.
    async fn update_case(
        &self,
        id: i64,
        expected_version: i64,
        fields: &CaseFields,
        members: &[MemberChange],
        at: Millis,
        event: &NewEvent,
    ) -> StoreResult<Option<Case>>;
    async fn list_cases(
        &self,
        vis: CaseVisibility,
        filter: &CaseFilter,
        now: Millis,
        page: PageReq,
    ) -> StoreResult<Page<Case>>;
    async fn case_stats(&self, vis: CaseVisibility, now: Millis) -> StoreResult<CaseStats>;
    async fn add_case_event(&self, case_id: i64, event: &NewEvent) -> StoreResult<()>;
    async fn case_events(&self, case_id: i64) -> StoreResult<Vec<CaseEvent>>;
    async fn insert_task(
        &self,
        case_id: i64,
        task: &NewTask,
        event: &NewEvent,
    ) -> StoreResult<CaseTask>;
    /// `false` when the task does not belong to the case or is already done.
    async fn complete_task(
        &self,
        case_id: i64,
        task_id: i64,
        at: Millis,
        event: &NewEvent,
    ) -> StoreResult<bool>;
    async fn case_tasks(&self, case_id: i64) -> StoreResult<Vec<CaseTask>>;
    async fn insert_statement(
        &self,
        case_id: i64,
        kind: StatementKind,
        draft: &StatementDraft<'_>,
        event: &NewEvent,
    ) -> StoreResult<Statement>;
    async fn statement_by_id(&self, id: i64) -> StoreResult<Option<Statement>>;
    /// Adds a version if the statement is at `expected_version` and editable.
    async fn revise_statement(
        &self,
        id: i64,
        expected_version: i64,
        draft: &StatementDraft<'_>,
        event: &NewEvent,
    ) -> StoreResult<Option<Statement>>;
    /// Moves the statement from one of `from` to `to`; `Ok(None)` if it was not in `from`.
    async fn set_statement_status(
        &self,
        id: i64,
        change: &StatusChange<'_>,
        event: &NewEvent,
    ) -> StoreResult<Option<Statement>>;
    async fn case_statements(&self, case_id: i64) -> StoreResult<Vec<Statement>>;
    async fn statement_versions(&self, statement_id: i64) -> StoreResult<Vec<StatementVersion>>;
    /// Adds known claims (skipping ones already imported from the same source); returns how
    /// many were new.
    async fn insert_known_claims(
        &self,
        source: &str,
        rows: &[(String, String, Option<String>)],
        at: Millis,
    ) -> StoreResult<u64>;
    /// `(id, claim, label, source)` of every known claim.
    async fn known_claims(&self) -> StoreResult<Vec<(i64, String, Option<String>, String)>>;
    async fn insert_evidence(&self, e: &Evidence, event: &NewEvent) -> StoreResult<Evidence>;
    async fn case_evidence(&self, case_id: i64) -> StoreResult<Vec<Evidence>>;
    async fn evidence_by_id(&self, id: i64) -> StoreResult<Option<Evidence>>;
    /// Open cases past a target whose alert for that target was not sent yet:
    /// `(case, "first_response" | "resolution")`.
    async fn overdue_unalerted(&self, now: Millis) -> StoreResult<Vec<(Case, &'static str)>>;
    /// Marks the alert sent and writes the timeline event, once (false if already marked).
    async fn mark_overdue_alerted(
        &self,
        case_id: i64,
        target: &str,
        at: Millis,
        event: &NewEvent,
    ) -> StoreResult<bool>;
    /// `(cases, known claims)` counts: cheap freshness check for the claim index.
    async fn claim_counts(&self) -> StoreResult<(i64, i64)>;
    /// Claims of cases (all cases, for matching a new claim against earlier verdicts).
    async fn case_claims(&self) -> StoreResult<Vec<(i64, String, Option<Verdict>)>>;
}
