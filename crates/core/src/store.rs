//! The storage contract. `sinergi-store` implements it for SQLite and PostgreSQL; services
//! reach storage only through it. Every mutating call that users can trigger takes the
//! [`AuditEntry`] to write in the same transaction.

use async_trait::async_trait;

use crate::auth::Session;
use crate::error::StoreError;
use crate::jobs::{Job, JobCounts, JobStatus, NewJob};
use crate::network::org::NewOrg;
use crate::network::user::UserRecord;
use crate::network::{
    ApiToken, AuditEntry, AuditFilter, AuditRecord, Org, OrgFilter, Scope, User, UserFilter,
};
use crate::page::{Page, PageReq};
use crate::time::Millis;

pub type StoreResult<T> = Result<T, StoreError>;

#[async_trait]
pub trait Store:
    crate::crisis::store::CrisisStore
    + crate::monitor::store::MonitorStore
    + crate::newsroom::store::NewsroomStore
    + Send
    + Sync
    + 'static
{
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
    async fn ping(&self) -> StoreResult<()>;

    // Organisations.
    /// Inserts organisations that do not exist yet (by code); returns how many were new.
    async fn seed_orgs(&self, orgs: &[NewOrg]) -> StoreResult<u64>;
    async fn org_by_code(&self, code: &str) -> StoreResult<Option<Org>>;
    async fn org_by_id(&self, id: i64) -> StoreResult<Option<Org>>;
    async fn list_orgs(&self, filter: &OrgFilter, page: PageReq) -> StoreResult<Page<Org>>;
    async fn count_orgs(&self) -> StoreResult<i64>;

    // Users.
    async fn insert_user(
        &self,
        rec: &UserRecord,
        password_hash: &str,
        now: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<User>;
    async fn update_user(
        &self,
        id: i64,
        rec: &UserRecord,
        now: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<User>;
    async fn set_user_active(
        &self,
        id: i64,
        active: bool,
        now: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<User>;
    async fn set_password(
        &self,
        id: i64,
        password_hash: &str,
        now: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    async fn record_login(&self, id: i64, now: Millis) -> StoreResult<()>;
    async fn user_by_id(&self, id: i64) -> StoreResult<Option<User>>;
    /// The user and their password hash.
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<(User, String)>>;
    async fn list_users(
        &self,
        scope: &Scope,
        filter: &UserFilter,
        page: PageReq,
    ) -> StoreResult<Page<User>>;
    async fn count_users(&self, scope: &Scope) -> StoreResult<i64>;

    // Sessions.
    async fn insert_session(&self, s: &Session) -> StoreResult<()>;
    async fn session(&self, id_hash: &str, now: Millis) -> StoreResult<Option<Session>>;
    async fn delete_session(&self, id_hash: &str) -> StoreResult<()>;
    async fn delete_user_sessions(&self, user_id: i64) -> StoreResult<u64>;
    async fn purge_sessions(&self, now: Millis) -> StoreResult<u64>;

    // API tokens.
    async fn insert_token(
        &self,
        user_id: i64,
        name: &str,
        hash: &str,
        now: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<ApiToken>;
    /// An active (not revoked) token by hash, with its user.
    async fn token_by_hash(&self, hash: &str) -> StoreResult<Option<(ApiToken, User)>>;
    async fn touch_token(&self, id: i64, now: Millis) -> StoreResult<()>;
    async fn list_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>>;
    async fn revoke_token(&self, id: i64, now: Millis, audit: &AuditEntry) -> StoreResult<bool>;

    // Audit log.
    async fn insert_audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    async fn list_audit(
        &self,
        scope: &Scope,
        filter: &AuditFilter,
        page: PageReq,
    ) -> StoreResult<Page<AuditRecord>>;

    // Notifications.
    async fn active_user_ids(&self, org_id: i64) -> StoreResult<Vec<i64>>;
    async fn insert_notifications(
        &self,
        user_ids: &[i64],
        n: &crate::notify::NewNotification,
        at: Millis,
    ) -> StoreResult<u64>;
    async fn notifications(
        &self,
        user_id: i64,
        page: PageReq,
    ) -> StoreResult<Page<crate::notify::Notification>>;
    async fn unread_notifications(&self, user_id: i64) -> StoreResult<i64>;
    /// The link of the user's own notification `id`.
    async fn notification_link(&self, user_id: i64, id: i64) -> StoreResult<Option<String>>;
    /// E-mail addresses of active users of `org_id` who want notifications by e-mail.
    async fn email_recipients(&self, org_id: i64) -> StoreResult<Vec<String>>;
    async fn user_notify_email(&self, user_id: i64) -> StoreResult<bool>;
    async fn set_user_notify_email(
        &self,
        user_id: i64,
        on: bool,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    async fn log_delivery(&self, d: &crate::notify::Delivery) -> StoreResult<()>;
    async fn deliveries(&self, page: PageReq) -> StoreResult<Page<crate::notify::Delivery>>;
    async fn mark_notifications_read(
        &self,
        user_id: i64,
        id: Option<i64>,
        at: Millis,
    ) -> StoreResult<u64>;

    // Durable jobs.
    /// `None` when a job with the same dedupe key exists already.
    async fn enqueue_job(&self, job: &NewJob) -> StoreResult<Option<i64>>;
    /// Claims the oldest due job of one of `kinds` (or any kind when empty): queued and due,
    /// or running with an expired lease. Increments its attempt count.
    async fn claim_job(
        &self,
        worker: &str,
        kinds: &[String],
        now: Millis,
        lease_until: Millis,
    ) -> StoreResult<Option<Job>>;
    /// Extends the lease while the same worker still holds the job.
    async fn heartbeat_job(&self, id: i64, worker: &str, lease_until: Millis) -> StoreResult<bool>;
    async fn complete_job(&self, id: i64, worker: &str, now: Millis) -> StoreResult<bool>;
    /// `retry_at = None` dead-letters the job.
    async fn fail_job(
        &self,
        id: i64,
        worker: &str,
        error: &str,
        retry_at: Option<Millis>,
        now: Millis,
    ) -> StoreResult<bool>;
    async fn list_jobs(&self, status: Option<JobStatus>, page: PageReq) -> StoreResult<Page<Job>>;
    async fn job_counts(&self) -> StoreResult<JobCounts>;
    async fn job_by_id(&self, id: i64) -> StoreResult<Option<Job>>;
    /// Puts a dead job back in the queue with a fresh attempt budget.
    async fn requeue_dead_job(&self, id: i64, now: Millis, audit: &AuditEntry)
    -> StoreResult<bool>;
}
