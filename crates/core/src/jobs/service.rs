//! Job queue administration: the admin page and API read and requeue through here.

use super::{Job, JobCounts, JobStatus};
use crate::auth::Actor;
use crate::error::{CoreError, CoreResult};
use crate::network::{AuditEntry, Permission};
use crate::page::{Page, PageReq};
use crate::service::Core;
use crate::time::now_millis;

impl Core {
    pub async fn list_jobs(
        &self,
        actor: &Actor,
        status: Option<JobStatus>,
        page: PageReq,
    ) -> CoreResult<Page<Job>> {
        actor.require(Permission::ManageJobs)?;
        // The queue serves the whole deployment; only the centre's administrators see it.
        if actor.scope() != crate::network::Scope::All {
            return Err(CoreError::Forbidden);
        }
        Ok(self.store.list_jobs(status, page).await?)
    }

    /// Queue depth, used by the dashboard and `/metrics`.
    pub async fn job_counts(&self) -> CoreResult<JobCounts> {
        Ok(self.store.job_counts().await?)
    }

    pub async fn requeue_job(&self, actor: &Actor, id: i64) -> CoreResult<()> {
        actor.require(Permission::ManageJobs)?;
        if actor.scope() != crate::network::Scope::All {
            return Err(CoreError::Forbidden);
        }
        let entry = AuditEntry {
            at: now_millis(),
            actor_user_id: actor.user_id,
            actor: actor.email.clone(),
            org_code: None,
            action: "job.requeue".into(),
            entity: "job".into(),
            entity_id: id.to_string(),
            before: Some(serde_json::json!({ "status": "dead" })),
            after: Some(serde_json::json!({ "status": "queued" })),
            ip: actor.ip.clone(),
        };
        if self.store.requeue_dead_job(id, entry.at, &entry).await? {
            Ok(())
        } else {
            Err(CoreError::Conflict(
                "Hanya pekerjaan berstatus gagal yang dapat diantrekan ulang.".into(),
            ))
        }
    }
}
