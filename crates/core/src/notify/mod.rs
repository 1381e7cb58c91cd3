//! Notifications: one service every module uses. In-app notifications (the bell) are stored
//! per user; e-mail (SMTP) and signed webhooks are delivered through the durable job queue
//! (`notify.email`, `notify.webhook`, handled by `sinergi-notify`), and every delivery attempt
//! is logged.

use serde::Serialize;

use crate::auth::Actor;
use crate::error::CoreResult;
use crate::page::{Page, PageReq};
use crate::service::Core;
use crate::time::{Millis, now_millis};

#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub id: i64,
    pub user_id: i64,
    pub at: Millis,
    /// Dotted kind, e.g. `crisis.escalated`, `crisis.overdue`.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Local link to the record, e.g. `/krisis/42`.
    pub link: String,
    pub read_at: Option<Millis>,
}

/// Which delivery channels besides in-app are configured.
#[derive(Debug, Clone, Default)]
pub struct Channels {
    pub email: bool,
    /// Number of configured webhooks; job payloads refer to them by index.
    pub webhooks: usize,
}

pub const EMAIL_JOB: &str = "notify.email";
pub const WEBHOOK_JOB: &str = "notify.webhook";

/// One delivery attempt, for the log of what was sent to whom.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub at: Millis,
    /// `email` or `webhook`.
    pub channel: String,
    /// Address or webhook name.
    pub target: String,
    pub kind: String,
    pub title: String,
    /// `sent` or `failed`.
    pub status: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewNotification {
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
}

impl Core {
    /// Notifies every active user of organisation `org_id`. Returns how many were notified.
    pub async fn notify_org(&self, org_id: i64, n: &NewNotification) -> CoreResult<u64> {
        let users = self.store.active_user_ids(org_id).await?;
        let count = self
            .store
            .insert_notifications(&users, n, now_millis())
            .await?;
        let org_code = self
            .store
            .org_by_id(org_id)
            .await?
            .map(|o| o.code)
            .unwrap_or_default();
        self.enqueue_deliveries(&org_code, &self.store.email_recipients(org_id).await?, n)
            .await?;
        Ok(count)
    }

    /// Notifies one user (e.g. an assigned task) on every channel.
    pub async fn notify_user(&self, user_id: i64, n: &NewNotification) -> CoreResult<()> {
        self.store
            .insert_notifications(&[user_id], n, now_millis())
            .await?;
        let Some(user) = self.store.user_by_id(user_id).await? else {
            return Ok(());
        };
        let to = if self.store.user_notify_email(user_id).await? {
            vec![user.email.clone()]
        } else {
            vec![]
        };
        self.enqueue_deliveries(&user.org_code, &to, n).await
    }

    async fn enqueue_deliveries(
        &self,
        org_code: &str,
        emails: &[String],
        n: &NewNotification,
    ) -> CoreResult<()> {
        let ch = &self.cfg.channels;
        if ch.email && !emails.is_empty() {
            let payload = serde_json::json!({
                "to": emails, "kind": n.kind, "title": n.title, "body": n.body, "link": n.link,
            });
            self.store
                .enqueue_job(&crate::jobs::NewJob::now(EMAIL_JOB, payload))
                .await?;
        }
        for hook in 0..ch.webhooks {
            let payload = serde_json::json!({
                "hook": hook,
                "event": { "kind": n.kind, "org_code": org_code, "title": n.title, "body": n.body,
                           "link": n.link, "at": crate::time::rfc3339(now_millis()) },
            });
            self.store
                .enqueue_job(&crate::jobs::NewJob::now(WEBHOOK_JOB, payload))
                .await?;
        }
        Ok(())
    }

    pub async fn email_preference(&self, actor: &Actor) -> CoreResult<bool> {
        match actor.user_id {
            Some(id) => Ok(self.store.user_notify_email(id).await?),
            None => Ok(false),
        }
    }

    pub async fn set_email_preference(&self, actor: &Actor, on: bool) -> CoreResult<()> {
        let id = actor.user_id.ok_or(crate::CoreError::Forbidden)?;
        let entry = crate::network::AuditEntry {
            at: now_millis(),
            actor_user_id: Some(id),
            actor: actor.email.clone(),
            org_code: Some(actor.org.code.clone()),
            action: "user.notify_preference".into(),
            entity: "user".into(),
            entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "notify_email": on })),
            ip: actor.ip.clone(),
        };
        Ok(self.store.set_user_notify_email(id, on, &entry).await?)
    }

    /// The delivery log (centre administrators).
    pub async fn deliveries(&self, actor: &Actor, page: PageReq) -> CoreResult<Page<Delivery>> {
        actor.require(crate::network::Permission::ManageJobs)?;
        if actor.scope() != crate::network::Scope::All {
            return Err(crate::CoreError::Forbidden);
        }
        Ok(self.store.deliveries(page).await?)
    }

    pub async fn my_notifications(
        &self,
        actor: &Actor,
        page: PageReq,
    ) -> CoreResult<Page<Notification>> {
        match actor.user_id {
            Some(id) => Ok(self.store.notifications(id, page).await?),
            None => Ok(Page {
                items: vec![],
                total: 0,
                page: page.page,
                per_page: page.per_page,
            }),
        }
    }

    pub async fn unread_count(&self, actor: &Actor) -> CoreResult<i64> {
        match actor.user_id {
            Some(id) => Ok(self.store.unread_notifications(id).await?),
            None => Ok(0),
        }
    }

    /// Marks one of the actor's notifications read and returns its (local) link.
    pub async fn open_notification(&self, actor: &Actor, id: i64) -> CoreResult<String> {
        let uid = actor.user_id.ok_or(crate::CoreError::NotFound)?;
        let link = self
            .store
            .notification_link(uid, id)
            .await?
            .ok_or(crate::CoreError::NotFound)?;
        self.store
            .mark_notifications_read(uid, Some(id), now_millis())
            .await?;
        // Links are written by the platform, but only ever follow local paths.
        Ok(if link.starts_with('/') && !link.starts_with("//") {
            link
        } else {
            "/notifikasi".to_owned()
        })
    }

    /// Marks one notification (or all, with `None`) of the actor as read.
    pub async fn mark_read(&self, actor: &Actor, id: Option<i64>) -> CoreResult<u64> {
        match actor.user_id {
            Some(uid) => Ok(self
                .store
                .mark_notifications_read(uid, id, now_millis())
                .await?),
            None => Ok(0),
        }
    }
}
