//! Newsroom services: items and their workflow (this file), files, distribution, comments
//! and the public portal's reads.

mod comments;
mod distribution;
mod files;
mod portal;

pub use comments::{CommentInput, Moderation};
pub use distribution::{DISTRIBUTE_JOB, Pickup, containment, parse_contacts};
pub use files::UploadInput;
pub use portal::PortalOrg;

use serde::{Deserialize, Serialize};

use super::model::*;
use super::store::{ItemState, ItemWrite};
use crate::auth::Actor;
use crate::error::{CoreError, CoreResult};
use crate::network::{AuditEntry, Permission};
use crate::notify::NewNotification;
use crate::page::{Page, PageReq};
use crate::service::Core;
use crate::time::{Millis, now_millis};
use crate::validate::{self, Checks};

/// Largest body accepted (characters of HTML after cleaning).
pub const MAX_BODY_HTML: usize = 200_000;

#[derive(Debug, Clone)]
pub struct NewsroomConfig {
    /// Comments wait for a moderator before they are shown (the default).
    pub premoderation: bool,
    /// Comments accepted per client address per window.
    pub comments_per_window: usize,
    pub comment_window: std::time::Duration,
    /// Reports that send an approved comment back to the moderation queue.
    pub reports_to_hide: i64,
}

impl Default for NewsroomConfig {
    fn default() -> Self {
        Self {
            premoderation: true,
            comments_per_window: 5,
            comment_window: std::time::Duration::from_secs(10 * 60),
            reports_to_hide: 3,
        }
    }
}

/// What an officer typed in the item form, as strings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ItemInput {
    pub kind: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub category: String,
    pub tags: String,
    pub region_code: String,
    pub author_name: String,
    pub spokesperson_name: String,
    pub spokesperson_title: String,
    pub spokesperson_quote: String,
}

impl ItemInput {
    pub fn of(i: &NewsItem) -> Self {
        Self {
            kind: i.kind.as_str().into(),
            title: i.title.clone(),
            lead: i.lead.clone(),
            body: i.body_html.clone(),
            category: i.category.clone(),
            tags: i.tags.join(", "),
            region_code: i.region_code.clone().unwrap_or_default(),
            author_name: i.author_name.clone(),
            spokesperson_name: i.spokesperson_name.clone().unwrap_or_default(),
            spokesperson_title: i.spokesperson_title.clone().unwrap_or_default(),
            spokesperson_quote: i.spokesperson_quote.clone().unwrap_or_default(),
        }
    }
}

/// A workflow step as requested.
#[derive(Debug, Clone, Default)]
pub struct StepInput {
    pub note: String,
    /// For scheduling: when to publish (UTC millis).
    pub publish_at: Option<Millis>,
    pub embargo: bool,
}

/// An item with everything its page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub item: NewsItem,
    pub versions: Vec<ItemVersion>,
    pub events: Vec<ItemEvent>,
    pub files: Vec<ItemFile>,
    pub distributions: Vec<Distribution>,
    /// Steps this actor may take now.
    pub actions: Vec<&'static str>,
    pub can_edit: bool,
    /// The actor belongs to the owning organisation and may write (upload, distribute).
    pub own: bool,
}

pub(crate) fn audit_entry(
    actor: &Actor,
    action: &str,
    entity: &str,
    id: impl ToString,
    org_code: &str,
    after: Option<serde_json::Value>,
) -> AuditEntry {
    AuditEntry {
        at: now_millis(),
        actor_user_id: actor.user_id,
        actor: actor.email.clone(),
        org_code: Some(org_code.to_owned()),
        action: action.to_owned(),
        entity: entity.to_owned(),
        entity_id: id.to_string(),
        before: None,
        after,
        ip: actor.ip.clone(),
    }
}

fn parse_tags(checks: &mut Checks, raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in raw.split([',', ';', '\n']) {
        let t = t.trim().trim_start_matches('#').to_lowercase();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > 40 || t.chars().any(char::is_control) {
            checks.push("tags", "invalid", "Setiap tag paling banyak 40 karakter.");
            continue;
        }
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if tags.len() > 10 {
        checks.push("tags", "too_many", "Paling banyak 10 tag.");
    }
    tags
}

impl Core {
    pub fn newsroom_config(&self) -> &NewsroomConfig {
        &self.cfg.newsroom
    }

    /// Validates and cleans the form. Body HTML goes through the paste cleaner and the
    /// sanitiser; what is stored is always safe to show.
    async fn item_content(&self, actor: &Actor, input: &ItemInput) -> CoreResult<ItemContent> {
        let mut checks = Checks::default();
        let kind = ItemKind::parse(&input.kind);
        if kind.is_none() {
            checks.push("kind", "invalid", "Pilih jenis tulisan.");
        }
        let title = validate::required_text(&mut checks, "title", "Judul", &input.title, 200);
        let lead = validate::required_text(
            &mut checks,
            "lead",
            "Teras (ringkasan)",
            &input.lead.replace(['\r', '\n'], " "),
            600,
        );
        let body_html = sinergi_richtext::clean_paste(&input.body);
        let body_text = sinergi_richtext::plain_text(&body_html);
        if body_text.trim().is_empty() {
            checks.push("body", "required", "Isi tulisan wajib diisi.");
        } else if body_html.chars().count() > MAX_BODY_HTML {
            checks.push(
                "body",
                "too_long",
                "Isi tulisan terlalu panjang (paling banyak sekitar 200.000 karakter).",
            );
        }
        let category = input.category.trim().to_owned();
        if !CATEGORIES.iter().any(|(s, _)| *s == category) {
            checks.push("category", "invalid", "Pilih kategori.");
        }
        let tags = parse_tags(&mut checks, &input.tags);
        let author_name = if input.author_name.trim().is_empty() {
            actor.name.clone()
        } else {
            validate::required_text(
                &mut checks,
                "author_name",
                "Penulis",
                &input.author_name,
                120,
            )
        };
        let spokesperson_name = validate::optional_text(
            &mut checks,
            "spokesperson_name",
            "Nama juru bicara",
            Some(&input.spokesperson_name),
            120,
        );
        let spokesperson_title = validate::optional_text(
            &mut checks,
            "spokesperson_title",
            "Jabatan juru bicara",
            Some(&input.spokesperson_title),
            160,
        );
        let spokesperson_quote = validate::optional_text(
            &mut checks,
            "spokesperson_quote",
            "Kutipan",
            Some(&input.spokesperson_quote.replace('\r', "")),
            2000,
        )
        .map(|q| q.replace('\n', " "));
        if spokesperson_quote.is_some() && spokesperson_name.is_none() {
            checks.push(
                "spokesperson_name",
                "required",
                "Kutipan harus disertai nama juru bicara.",
            );
        }
        let region_code = input.region_code.trim();
        let region_code = if region_code.is_empty() {
            None
        } else if self.store.org_by_code(region_code).await?.is_none() {
            checks.push(
                "region_code",
                "invalid",
                "Kode wilayah tidak dikenal (contoh: 33 atau 33.74).",
            );
            None
        } else {
            Some(region_code.to_owned())
        };
        checks.into_result()?;
        Ok(ItemContent {
            kind,
            slug: sinergi_richtext::slugify(&title),
            title,
            lead,
            body_html,
            body_text,
            category,
            tags,
            region_code,
            author_name,
            spokesperson_name,
            spokesperson_title,
            spokesperson_quote,
        })
    }

    /// An item the actor may see (its organisation is in the actor's scope).
    pub(crate) async fn visible_item(&self, actor: &Actor, id: i64) -> CoreResult<NewsItem> {
        actor.require(Permission::NewsView)?;
        let item = self
            .store
            .item_by_id(id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if !actor.sees(&item.org_code) {
            return Err(CoreError::NotFound);
        }
        Ok(item)
    }

    /// An item the actor may change: only its own organisation writes its releases.
    pub(crate) async fn own_item(&self, actor: &Actor, id: i64) -> CoreResult<NewsItem> {
        let item = self.visible_item(actor, id).await?;
        actor.require(Permission::NewsEdit)?;
        if item.org_id != actor.org.id {
            return Err(CoreError::Forbidden);
        }
        Ok(item)
    }

    pub async fn create_item(&self, actor: &Actor, input: &ItemInput) -> CoreResult<NewsItem> {
        actor.require(Permission::NewsEdit)?;
        let content = self.item_content(actor, input).await?;
        let kind = content.kind.unwrap_or(ItemKind::Release);
        let state = ItemState {
            kind,
            status: ItemStatus::Draft,
            content,
            publish_at: None,
            embargo: false,
            published_at: None,
            correction_note: None,
            withdrawn_reason: None,
            review_note: None,
        };
        let summary = format!("Draf dibuat: {}", state.content.title);
        let w = ItemWrite {
            state: &state,
            new_version: true,
            version_note: Some("Draf pertama"),
            by: &actor.email,
            at: now_millis(),
            event_kind: "created",
            event_summary: &summary,
        };
        let audit = audit_entry(
            actor,
            "newsroom.create",
            "newsroom_item",
            "",
            &actor.org.code,
            Some(serde_json::json!({ "title": state.content.title, "kind": kind.as_str() })),
        );
        Ok(self
            .store
            .insert_item(actor.org.id, None, &w, &audit)
            .await?)
    }

    /// Saves new content. An item under review or approved goes back to draft: what was
    /// approved is not what will be published any more.
    pub async fn update_item(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        input: &ItemInput,
    ) -> CoreResult<NewsItem> {
        let item = self.own_item(actor, id).await?;
        if !item.status.editable() {
            return Err(CoreError::Conflict(format!(
                "Tulisan berstatus \"{}\" tidak dapat diubah langsung. {}",
                item.status.label(),
                match item.status {
                    ItemStatus::Scheduled => "Batalkan jadwalnya dahulu.",
                    ItemStatus::Published | ItemStatus::Corrected =>
                        "Gunakan \"Terbitkan koreksi\" untuk mengubah tulisan yang sudah terbit.",
                    _ => "",
                }
            )));
        }
        let content = self.item_content(actor, input).await?;
        let mut state = ItemState::of(&item);
        let back_to_draft = item.status != ItemStatus::Draft;
        state.kind = content.kind.unwrap_or(item.kind);
        state.content = content;
        state.status = ItemStatus::Draft;
        if state.content == ItemState::of(&item).content && !back_to_draft {
            return Ok(item);
        }
        let summary = if back_to_draft {
            format!(
                "Isi diubah (versi {}); kembali ke draf dan perlu ditinjau ulang",
                item.version + 1
            )
        } else {
            format!("Isi diubah (versi {})", item.version + 1)
        };
        self.write(
            actor,
            &item,
            expected_version,
            &state,
            true,
            None,
            "edited",
            &summary,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn write(
        &self,
        actor: &Actor,
        item: &NewsItem,
        expected_version: i64,
        state: &ItemState,
        new_version: bool,
        version_note: Option<&str>,
        event_kind: &str,
        summary: &str,
    ) -> CoreResult<NewsItem> {
        let w = ItemWrite {
            state,
            new_version,
            version_note,
            by: &actor.email,
            at: now_millis(),
            event_kind,
            event_summary: summary,
        };
        let audit = audit_entry(
            actor,
            &format!("newsroom.{event_kind}"),
            "newsroom_item",
            item.id,
            &item.org_code,
            Some(serde_json::json!({ "status": state.status.as_str(), "summary": summary })),
        );
        let saved = self
            .store
            .write_item(item.id, expected_version, &w, &audit)
            .await?
            .ok_or_else(|| {
                CoreError::Conflict(format!(
                    "Tulisan ini sudah diubah oleh {} pada versi {}. Muat ulang halaman, lihat perubahannya, lalu ulangi perubahan Anda.",
                    item.updated_by, item.version
                ))
            })?;
        if item.status.is_public() || saved.status.is_public() {
            self.portal_changed(&saved).await;
        }
        Ok(saved)
    }

    /// Takes a workflow step. Corrections carry new content in `content`.
    pub async fn item_step(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        action: &str,
        step: &StepInput,
        content: Option<&ItemInput>,
    ) -> CoreResult<NewsItem> {
        let item = self.own_item(actor, id).await?;
        let action = Action::parse(action)
            .ok_or_else(|| CoreError::field("action", "invalid", "Langkah tidak dikenal."))?;
        if action.needs_head() {
            actor.require(Permission::NewsApprove)?;
        }
        if !action.from_statuses().contains(&item.status) {
            return Err(CoreError::Conflict(format!(
                "Langkah \"{}\" tidak berlaku untuk tulisan berstatus \"{}\".",
                action.label(),
                item.status.label()
            )));
        }
        let note = step.note.trim();
        let mut checks = Checks::default();
        if action.needs_note() && note.is_empty() {
            checks.push(
                "note",
                "required",
                match action {
                    Action::Return => "Tulis apa yang perlu diperbaiki.",
                    Action::Correct => "Tulis catatan koreksi yang akan tampil di portal.",
                    _ => "Tulis alasan penarikan.",
                },
            );
        } else if note.chars().count() > 1000 {
            checks.push("note", "too_long", "Catatan paling banyak 1000 karakter.");
        }
        let now = now_millis();
        if action == Action::Schedule {
            match step.publish_at {
                None => checks.push("publish_at", "required", "Isi waktu terbit."),
                Some(t) if t < now + 60_000 => checks.push(
                    "publish_at",
                    "past",
                    "Waktu terbit harus di masa depan (paling cepat 1 menit lagi).",
                ),
                Some(t) if t > now + 366 * 86_400_000 => checks.push(
                    "publish_at",
                    "far",
                    "Waktu terbit paling lambat satu tahun lagi.",
                ),
                Some(_) => {}
            }
        }
        checks.into_result()?;
        let mut state = ItemState::of(&item);
        state.status = action.target();
        let note_opt = (!note.is_empty()).then(|| note.to_owned());
        let mut new_version = false;
        let summary = match action {
            Action::Submit => "Diajukan untuk ditinjau".to_owned(),
            Action::Return => {
                state.review_note = note_opt.clone();
                format!("Dikembalikan ke penulis: {note}")
            }
            Action::Approve => {
                state.review_note = note_opt.clone();
                "Disetujui untuk terbit".to_owned()
            }
            Action::Schedule => {
                state.publish_at = step.publish_at;
                state.embargo = step.embargo;
                let when = crate::time::format_long(
                    step.publish_at.unwrap_or(now),
                    crate::time::Zone::for_region_code(&item.org_code),
                );
                if step.embargo {
                    format!("Diembargo hingga {when}")
                } else {
                    format!("Dijadwalkan terbit {when}")
                }
            }
            Action::Unschedule => {
                state.publish_at = None;
                state.embargo = false;
                "Jadwal terbit dibatalkan".to_owned()
            }
            Action::Publish => {
                state.published_at = Some(now);
                state.embargo = false;
                "Diterbitkan di portal".to_owned()
            }
            Action::Correct => {
                if let Some(input) = content {
                    let c = self.item_content(actor, input).await?;
                    state.kind = c.kind.unwrap_or(item.kind);
                    // The address of a published article does not change with a correction.
                    state.content = ItemContent {
                        slug: item.slug.clone(),
                        ..c
                    };
                    new_version = state.content != ItemState::of(&item).content;
                }
                state.correction_note = note_opt.clone();
                format!("Koreksi diterbitkan: {note}")
            }
            Action::Withdraw => {
                state.withdrawn_reason = note_opt.clone();
                format!("Ditarik dari portal: {note}")
            }
        };
        let version_note = (action == Action::Correct).then_some(note);
        let saved = self
            .write(
                actor,
                &item,
                expected_version,
                &state,
                new_version,
                version_note,
                action.as_str(),
                &summary,
            )
            .await?;
        self.notify_step(&saved, action).await;
        Ok(saved)
    }

    async fn notify_step(&self, item: &NewsItem, action: Action) {
        let (title, body) = match action {
            Action::Submit => (
                format!("Rilis menunggu persetujuan: {}", item.title),
                "Tulisan diajukan untuk ditinjau pimpinan/juru bicara.".to_owned(),
            ),
            Action::Return => (
                format!("Rilis dikembalikan: {}", item.title),
                item.review_note.clone().unwrap_or_default(),
            ),
            Action::Approve => (
                format!("Rilis disetujui: {}", item.title),
                "Tulisan siap diterbitkan atau dijadwalkan.".to_owned(),
            ),
            _ => return,
        };
        let n = NewNotification {
            kind: "newsroom".into(),
            title,
            body,
            link: format!("/rilis/{}", item.id),
        };
        if let Err(e) = self.notify_org(item.org_id, &n).await {
            tracing::warn!(error = %e, "cannot notify about a newsroom step");
        }
    }

    /// Publishes scheduled and embargoed items whose time has come (called periodically).
    /// Returns how many were published.
    pub async fn publish_due(&self, now: Millis) -> CoreResult<usize> {
        let mut n = 0;
        for item in self.store.due_items(now).await? {
            let mut state = ItemState::of(&item);
            state.status = ItemStatus::Published;
            state.published_at = Some(item.publish_at.unwrap_or(now).min(now));
            state.embargo = false;
            let summary = if item.embargo {
                "Embargo berakhir; diterbitkan otomatis"
            } else {
                "Diterbitkan otomatis sesuai jadwal"
            };
            let w = ItemWrite {
                state: &state,
                new_version: false,
                version_note: None,
                by: "sistem",
                at: now,
                event_kind: "published",
                event_summary: summary,
            };
            let audit = AuditEntry {
                at: now,
                actor_user_id: None,
                actor: "sistem".into(),
                org_code: Some(item.org_code.clone()),
                action: "newsroom.publish_scheduled".into(),
                entity: "newsroom_item".into(),
                entity_id: item.id.to_string(),
                before: None,
                after: None,
                ip: None,
            };
            // Another instance may have published it first; that is fine.
            if let Some(saved) = self
                .store
                .write_item(item.id, item.version, &w, &audit)
                .await?
            {
                self.portal_changed(&saved).await;
                n += 1;
            }
        }
        Ok(n)
    }

    pub async fn list_items(
        &self,
        actor: &Actor,
        filter: &ItemFilter,
        page: PageReq,
    ) -> CoreResult<Page<NewsItem>> {
        actor.require(Permission::NewsView)?;
        Ok(self.store.list_items(&actor.scope(), filter, page).await?)
    }

    pub async fn item_view(&self, actor: &Actor, id: i64) -> CoreResult<ItemView> {
        let item = self.visible_item(actor, id).await?;
        let own = item.org_id == actor.org.id && actor.role.can(Permission::NewsEdit);
        let head = actor.role.can(Permission::NewsApprove);
        let actions = if own {
            ALL_ACTIONS
                .into_iter()
                .filter(|a| a.from_statuses().contains(&item.status))
                .filter(|a| head || !a.needs_head())
                .map(|a| a.as_str())
                .collect()
        } else {
            Vec::new()
        };
        Ok(ItemView {
            versions: self.store.item_versions(id).await?,
            events: self.store.item_events(id).await?,
            files: self.store.item_files(id).await?,
            distributions: self.store.distributions(id).await?,
            can_edit: own && item.status.editable(),
            own,
            actions,
            item,
        })
    }

    /// Two versions of an item, for the diff view.
    pub async fn item_versions_pair(
        &self,
        actor: &Actor,
        id: i64,
        from: i64,
        to: i64,
    ) -> CoreResult<(NewsItem, ItemVersion, ItemVersion)> {
        let item = self.visible_item(actor, id).await?;
        let versions = self.store.item_versions(id).await?;
        let find = |v: i64| versions.iter().find(|x| x.version == v).cloned();
        match (find(from), find(to)) {
            (Some(a), Some(b)) => Ok((item, a, b)),
            _ => Err(CoreError::NotFound),
        }
    }

    /// Publishes an approved crisis clarification on the owner's portal, with the verdict
    /// label in the title as government practice does. Called by the crisis module once a
    /// head has approved it, so it is published at once.
    pub(crate) async fn publish_clarification(
        &self,
        actor: &Actor,
        case_id: i64,
        region_code: Option<String>,
        title: &str,
        body_text: &str,
    ) -> CoreResult<NewsItem> {
        actor.require(Permission::NewsEdit)?;
        let body_html: String = body_text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("<p>{}</p>", sinergi_richtext::escape_html(p)))
            .collect();
        let lead = sinergi_richtext::excerpt(&body_html, 300);
        let input = ItemInput {
            kind: ItemKind::Clarification.as_str().into(),
            title: title.chars().take(200).collect(),
            lead,
            body: body_html,
            category: "pemerintahan".into(),
            tags: "klarifikasi, hoaks".into(),
            region_code: region_code.unwrap_or_default(),
            author_name: actor.name.clone(),
            ..ItemInput::default()
        };
        let content = self.item_content(actor, &input).await?;
        let now = now_millis();
        let state = ItemState {
            kind: ItemKind::Clarification,
            status: ItemStatus::Published,
            content,
            publish_at: None,
            embargo: false,
            published_at: Some(now),
            correction_note: None,
            withdrawn_reason: None,
            review_note: Some("Disetujui melalui kasus Krisis Informasi".into()),
        };
        let summary = format!("Klarifikasi kasus #{case_id} diterbitkan di portal");
        let w = ItemWrite {
            state: &state,
            new_version: true,
            version_note: Some("Dari pernyataan yang disetujui"),
            by: &actor.email,
            at: now,
            event_kind: "published",
            event_summary: &summary,
        };
        let audit = audit_entry(
            actor,
            "newsroom.publish_clarification",
            "newsroom_item",
            "",
            &actor.org.code,
            Some(serde_json::json!({ "case_id": case_id, "title": state.content.title })),
        );
        let item = self
            .store
            .insert_item(actor.org.id, Some(case_id), &w, &audit)
            .await?;
        self.portal_changed(&item).await;
        Ok(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_cleaned() {
        let mut c = Checks::default();
        assert_eq!(
            parse_tags(&mut c, "#Banjir, banjir; Rob\n , "),
            vec!["banjir".to_owned(), "rob".to_owned()]
        );
        assert!(c.0.is_empty());
        let many: String = (0..12).map(|i| format!("t{i},")).collect();
        parse_tags(&mut c, &many);
        assert_eq!(c.0.len(), 1);
    }
}
