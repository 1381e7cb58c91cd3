//! Overdue alerts for response targets.

use super::*;

impl Core {
    /// Alerts the owner organisation of every open case that passed its first-response or
    /// resolution target, once per target (run periodically by the job queue, so with several
    /// instances each alert still goes out once). Returns how many alerts were sent.
    pub async fn alert_overdue_cases(&self) -> CoreResult<usize> {
        let now = now_millis();
        let mut sent = 0;
        for (case, target) in self.store.overdue_unalerted(now).await? {
            let what = if target == "first_response" {
                "target respons pertama"
            } else {
                "target penyelesaian"
            };
            let ev = NewEvent {
                at: now,
                actor: "sistem".into(),
                org_code: None,
                kind: "overdue".into(),
                summary: format!("Melewati {what}"),
                data: Some(serde_json::json!({ "target": target })),
            };
            if self
                .store
                .mark_overdue_alerted(case.id, target, now, &ev)
                .await?
            {
                self.notify_org(
                    case.owner_org_id,
                    &NewNotification {
                        kind: "crisis.overdue".into(),
                        title: format!("Kasus {} melewati {what}", case.reference()),
                        body: case.claim.clone(),
                        link: format!("/krisis/{}", case.id),
                    },
                )
                .await?;
                sent += 1;
            }
        }
        Ok(sent)
    }
}
