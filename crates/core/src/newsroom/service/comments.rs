//! "Kirim Komentar": public comments with automatic filtering (sinergi-text moderation),
//! pre-moderation by default, official replies, reports, and an audit entry for every
//! moderation decision. Comment text is stored as typed and escaped wherever it is shown.

use std::time::Instant;

use sha2::{Digest, Sha256};

use super::*;
use crate::newsroom::store::NewComment;

/// What a reader typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CommentInput {
    pub name: String,
    pub email: String,
    pub body: String,
}

/// A moderator's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Approve,
    Reject,
    Spam,
}

impl Moderation {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "setujui" => Moderation::Approve,
            "tolak" => Moderation::Reject,
            "spam" => Moderation::Spam,
            _ => return None,
        })
    }
    fn target(self) -> CommentStatus {
        match self {
            Moderation::Approve => CommentStatus::Approved,
            Moderation::Reject => CommentStatus::Rejected,
            Moderation::Spam => CommentStatus::Spam,
        }
    }
}

/// Client addresses are kept only as a salted hash (enough to rate-limit and spot repeats).
fn ip_hash(ip: Option<&str>) -> String {
    let mut h = Sha256::new();
    h.update(b"sinergi-komentar:");
    h.update(ip.unwrap_or("-").as_bytes());
    hex::encode(&h.finalize()[..12])
}

fn public_actor_audit(
    action: &str,
    id: i64,
    org_code: &str,
    after: serde_json::Value,
) -> AuditEntry {
    AuditEntry {
        at: now_millis(),
        actor_user_id: None,
        actor: "publik".into(),
        org_code: Some(org_code.to_owned()),
        action: action.to_owned(),
        entity: "comment".into(),
        entity_id: id.to_string(),
        before: None,
        after: Some(after),
        ip: None,
    }
}

impl Core {
    /// A reader's comment on a public article. Spam and abuse are refused with the reason
    /// (the form keeps the text); doubtful comments and, with pre-moderation, all comments
    /// wait for a moderator.
    pub async fn post_comment(
        &self,
        item_id: i64,
        input: &CommentInput,
        ip: Option<&str>,
    ) -> CoreResult<Comment> {
        let item = self
            .store
            .item_by_id(item_id)
            .await?
            .filter(|i| i.status.is_public())
            .ok_or(CoreError::NotFound)?;
        let hash = ip_hash(ip);
        let key = format!("komentar:{hash}");
        let now_i = Instant::now();
        if let Some(wait) = self.comment_limit.blocked(&key, now_i) {
            return Err(CoreError::RateLimited {
                retry_after_secs: wait.as_secs().max(1),
            });
        }
        let mut checks = Checks::default();
        let name = validate::required_text(&mut checks, "name", "Nama", &input.name, 80);
        let email = if input.email.trim().is_empty() {
            None
        } else {
            Some(validate::email(&mut checks, &input.email))
        };
        let body = input.body.replace('\r', "").trim().to_owned();
        if body.is_empty() {
            checks.push("body", "required", "Komentar wajib diisi.");
        } else if body.chars().count() > 3000 {
            checks.push("body", "too_long", "Komentar paling banyak 3000 karakter.");
        } else if body
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            checks.push(
                "body",
                "invalid",
                "Komentar berisi karakter yang tidak diizinkan.",
            );
        }
        checks.into_result()?;
        let now = now_millis();
        let recent = self
            .store
            .recent_comment_texts(item_id, &hash, now - 86_400_000)
            .await?;
        let verdict = sinergi_text::check_comment(&sinergi_text::CommentCheck {
            name: &name,
            text: &body,
            recent_texts: &recent,
        });
        let reasons: Vec<String> = verdict.reasons.iter().map(|r| r.message.clone()).collect();
        self.comment_limit.hit(&key, now_i);
        if verdict.verdict == sinergi_text::ModerationVerdict::Reject {
            return Err(CoreError::field(
                "body",
                "rejected",
                format!("Komentar tidak dapat dikirim: {}.", reasons.join("; ")),
            ));
        }
        let status = if verdict.verdict == sinergi_text::ModerationVerdict::Hold
            || self.cfg.newsroom.premoderation
        {
            CommentStatus::Pending
        } else {
            CommentStatus::Approved
        };
        let c = self
            .store
            .insert_comment(
                &NewComment {
                    item_id,
                    parent_id: None,
                    name,
                    email,
                    body,
                    status,
                    official: false,
                    ip_hash: Some(hash),
                    score: f64::from(verdict.score),
                    reasons,
                    created_at: now,
                    decided_by: (status == CommentStatus::Approved).then(|| "otomatis".to_owned()),
                },
                None,
            )
            .await?;
        if status == CommentStatus::Approved {
            self.portal_changed(&item).await;
        }
        Ok(c)
    }

    /// A reader reports a shown comment; enough reports send it back to the queue.
    pub async fn report_comment(&self, comment_id: i64, ip: Option<&str>) -> CoreResult<()> {
        let c = self
            .store
            .comment_by_id(comment_id)
            .await?
            .filter(|c| c.status == CommentStatus::Approved && !c.official)
            .ok_or(CoreError::NotFound)?;
        let item = self
            .store
            .item_by_id(c.item_id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let key = format!("lapor:{}:{comment_id}", ip_hash(ip));
        if self.report_seen(&key) {
            // One report per reader per comment counts.
            return Ok(());
        }
        let audit = public_actor_audit(
            "comment.report",
            comment_id,
            &item.org_code,
            serde_json::json!({ "reports": c.reports + 1 }),
        );
        self.store.report_comment(comment_id, &audit).await?;
        if c.reports + 1 >= self.cfg.newsroom.reports_to_hide {
            let audit = public_actor_audit(
                "comment.hide_reported",
                comment_id,
                &item.org_code,
                serde_json::json!({ "status": "pending" }),
            );
            self.store
                .decide_comment(
                    comment_id,
                    CommentStatus::Approved,
                    CommentStatus::Pending,
                    "sistem (laporan pembaca)",
                    now_millis(),
                    &audit,
                )
                .await?;
            self.portal_changed(&item).await;
        }
        Ok(())
    }

    fn report_seen(&self, key: &str) -> bool {
        let mut seen = self.reported.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() > 100_000 {
            seen.clear();
        }
        !seen.insert(key.to_owned())
    }

    pub async fn comment_queue(
        &self,
        actor: &Actor,
        status: Option<CommentStatus>,
        page: PageReq,
    ) -> CoreResult<Page<QueuedComment>> {
        actor.require(Permission::CommentModerate)?;
        Ok(self
            .store
            .comment_queue(&actor.scope(), status, page)
            .await?)
    }

    async fn moderated_comment(&self, actor: &Actor, id: i64) -> CoreResult<(Comment, NewsItem)> {
        actor.require(Permission::CommentModerate)?;
        let c = self
            .store
            .comment_by_id(id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let item = self
            .store
            .item_by_id(c.item_id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if !actor.sees(&item.org_code) {
            return Err(CoreError::NotFound);
        }
        Ok((c, item))
    }

    pub async fn moderate_comment(
        &self,
        actor: &Actor,
        id: i64,
        decision: &str,
    ) -> CoreResult<Comment> {
        let decision = Moderation::parse(decision)
            .ok_or_else(|| CoreError::field("action", "invalid", "Keputusan tidak dikenal."))?;
        let (c, item) = self.moderated_comment(actor, id).await?;
        let to = decision.target();
        if c.status == to {
            return Ok(c);
        }
        let audit = audit_entry(
            actor,
            &format!("comment.{}", to.as_str()),
            "comment",
            id,
            &item.org_code,
            Some(
                serde_json::json!({ "from": c.status.as_str(), "to": to.as_str(), "item_id": item.id }),
            ),
        );
        let saved = self
            .store
            .decide_comment(id, c.status, to, &actor.email, now_millis(), &audit)
            .await?
            .ok_or_else(|| {
                CoreError::Conflict(
                    "Komentar ini baru saja dimoderasi orang lain. Muat ulang antrean.".into(),
                )
            })?;
        if c.status == CommentStatus::Approved || to == CommentStatus::Approved {
            self.portal_changed(&item).await;
        }
        Ok(saved)
    }

    /// The unit's official answer to a comment (shown at once, marked official).
    pub async fn reply_comment(&self, actor: &Actor, id: i64, body: &str) -> CoreResult<Comment> {
        let (c, item) = self.moderated_comment(actor, id).await?;
        if item.org_id != actor.org.id {
            return Err(CoreError::Forbidden);
        }
        let body = body.replace('\r', "").trim().to_owned();
        if body.is_empty() {
            return Err(CoreError::field("body", "required", "Balasan wajib diisi."));
        }
        if body.chars().count() > 3000 {
            return Err(CoreError::field(
                "body",
                "too_long",
                "Balasan paling banyak 3000 karakter.",
            ));
        }
        let now = now_millis();
        let audit = audit_entry(
            actor,
            "comment.reply",
            "comment",
            c.id,
            &item.org_code,
            Some(serde_json::json!({ "reply_to": c.id, "item_id": item.id, "body": body })),
        );
        let reply = self
            .store
            .insert_comment(
                &NewComment {
                    item_id: item.id,
                    parent_id: Some(c.parent_id.unwrap_or(c.id)),
                    name: format!("Humas {}", item.org_name),
                    email: None,
                    body,
                    status: CommentStatus::Approved,
                    official: true,
                    ip_hash: None,
                    score: 0.0,
                    reasons: Vec::new(),
                    created_at: now,
                    decided_by: Some(actor.email.clone()),
                },
                Some(&audit),
            )
            .await?;
        // Answering a waiting comment approves it: the answer makes no sense alone.
        if c.status == CommentStatus::Pending {
            self.moderate_comment(actor, c.id, "setujui").await?;
        }
        self.portal_changed(&item).await;
        Ok(reply)
    }
}
