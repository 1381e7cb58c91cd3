//! Notifications: one service every module uses. In-app notifications (the bell) are stored
//! per user; e-mail and webhook delivery are to be added as durable jobs on the same records.

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
        Ok(self
            .store
            .insert_notifications(&users, n, now_millis())
            .await?)
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
