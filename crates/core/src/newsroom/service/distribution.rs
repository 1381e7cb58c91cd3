//! Media lists, e-mail distribution of releases with per-recipient status, and pickups (which
//! monitored outlets republished a release).

use super::*;
use crate::jobs::NewJob;
use crate::monitor::{ArticleVisibility, IndexQuery, SortOrder};

/// Job that sends a distribution's queued e-mails (one delivery row per recipient).
pub const DISTRIBUTE_JOB: &str = "newsroom.distribute";

const MAX_CONTACTS: usize = 2000;

pub use crate::newsroom::model::{NewPickup, Pickup};
pub use sinergi_text::pickup::containment;

/// How long after publication the pipeline keeps looking for a release's pickups.
pub const PICKUP_WINDOW_MS: Millis = 30 * 86_400_000;

/// Parses pasted contacts: one per line, `name, e-mail, outlet` (or just an e-mail).
/// Returns the contacts and the line errors.
pub fn parse_contacts(raw: &str) -> (Vec<Contact>, Vec<String>) {
    let mut out: Vec<Contact> = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split([',', ';', '\t']).map(str::trim).collect();
        let (name, email, outlet) = match parts.as_slice() {
            [e] => ("", *e, ""),
            [a, b] if b.contains('@') => (*a, *b, ""),
            [a, b] => (*b, *a, ""),
            [a, b, c, ..] => (*a, *b, *c),
            [] => continue,
        };
        let mut checks = Checks::default();
        let email = validate::email(&mut checks, email);
        if !checks.0.is_empty() {
            errors.push(format!(
                "Baris {}: alamat e-mail tidak valid ({line})",
                n + 1
            ));
            continue;
        }
        let clip = |s: &str, n: usize| -> String {
            s.chars().filter(|c| !c.is_control()).take(n).collect()
        };
        if out.iter().any(|c| c.email == email) {
            continue;
        }
        out.push(Contact {
            name: clip(if name.is_empty() { &email } else { name }, 120),
            email,
            outlet: clip(outlet, 120),
        });
    }
    if out.len() > MAX_CONTACTS {
        errors.push(format!("Paling banyak {MAX_CONTACTS} kontak per daftar."));
    }
    (out, errors)
}

impl Core {
    pub async fn media_lists(&self, actor: &Actor) -> CoreResult<Vec<MediaList>> {
        actor.require(Permission::NewsView)?;
        Ok(self.store.media_lists(actor.org.id).await?)
    }

    async fn own_list(&self, actor: &Actor, id: i64) -> CoreResult<MediaList> {
        actor.require(Permission::NewsView)?;
        let list = self
            .store
            .media_list_by_id(id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if list.org_id != actor.org.id {
            return Err(CoreError::NotFound);
        }
        Ok(list)
    }

    pub async fn media_list(
        &self,
        actor: &Actor,
        id: i64,
    ) -> CoreResult<(MediaList, Vec<Contact>)> {
        let list = self.own_list(actor, id).await?;
        let contacts = self.store.contacts(id).await?;
        Ok((list, contacts))
    }

    pub async fn create_media_list(&self, actor: &Actor, name: &str) -> CoreResult<MediaList> {
        actor.require(Permission::NewsEdit)?;
        let mut checks = Checks::default();
        let name = validate::required_text(&mut checks, "name", "Nama daftar", name, 120);
        checks.into_result()?;
        let audit = audit_entry(
            actor,
            "newsroom.list_create",
            "media_list",
            "",
            &actor.org.code,
            Some(serde_json::json!({ "name": name })),
        );
        self.store
            .insert_media_list(actor.org.id, &name, &actor.email, now_millis(), &audit)
            .await
            .map_err(|e| match e {
                crate::error::StoreError::Unique(_) => {
                    CoreError::field("name", "taken", "Nama daftar ini sudah dipakai.")
                }
                other => other.into(),
            })
    }

    /// Replaces a list's contacts with the pasted lines. Any bad line refuses the whole
    /// change (nothing half-saved) and every bad line is named.
    pub async fn set_media_contacts(&self, actor: &Actor, id: i64, raw: &str) -> CoreResult<usize> {
        actor.require(Permission::NewsEdit)?;
        let list = self.own_list(actor, id).await?;
        let (contacts, errors) = parse_contacts(raw);
        if !errors.is_empty() {
            return Err(CoreError::field("contacts", "invalid", errors.join(" · ")));
        }
        let audit = audit_entry(
            actor,
            "newsroom.list_contacts",
            "media_list",
            list.id,
            &actor.org.code,
            Some(serde_json::json!({ "contacts": contacts.len() })),
        );
        self.store.set_contacts(list.id, &contacts, &audit).await?;
        Ok(contacts.len())
    }

    /// Sends a published (or embargoed, marked so) release to a media list by e-mail.
    pub async fn distribute_item(
        &self,
        actor: &Actor,
        item_id: i64,
        list_id: i64,
    ) -> CoreResult<Distribution> {
        let item = self.own_item(actor, item_id).await?;
        let list = self.own_list(actor, list_id).await.map_err(|_| {
            CoreError::field("list", "invalid", "Pilih daftar media milik unit Anda.")
        })?;
        let embargo = item.status == ItemStatus::Scheduled && item.embargo;
        if !(item.status.is_public() || embargo) {
            return Err(CoreError::Conflict(
                "Hanya tulisan yang sudah terbit atau diembargo yang dapat dikirim ke media."
                    .into(),
            ));
        }
        if !self.cfg.channels.email {
            return Err(CoreError::Conflict(
                "Pengiriman e-mail belum dikonfigurasi (bagian [smtp] di berkas konfigurasi)."
                    .into(),
            ));
        }
        let contacts = self.store.contacts(list.id).await?;
        if contacts.is_empty() {
            return Err(CoreError::field(
                "list",
                "empty",
                "Daftar media ini belum berisi kontak.",
            ));
        }
        let audit = audit_entry(
            actor,
            "newsroom.distribute",
            "newsroom_item",
            item.id,
            &item.org_code,
            Some(
                serde_json::json!({ "list": list.name, "recipients": contacts.len(), "embargo": embargo }),
            ),
        );
        let job = NewJob::now(DISTRIBUTE_JOB, serde_json::json!({}));
        Ok(self
            .store
            .insert_distribution(
                item.id,
                &list,
                embargo,
                &contacts,
                &job,
                &actor.email,
                now_millis(),
                &audit,
            )
            .await?)
    }

    pub async fn distribution_deliveries(
        &self,
        actor: &Actor,
        item_id: i64,
        distribution_id: i64,
    ) -> CoreResult<Vec<DeliveryRow>> {
        self.visible_item(actor, item_id).await?;
        let rows = self.store.release_deliveries(distribution_id).await?;
        if rows.iter().any(|r| r.item_id != item_id) {
            return Err(CoreError::NotFound);
        }
        Ok(rows)
    }

    /// Monitored articles that republished this item, as recorded by the pipeline when they
    /// arrived (and by [`Core::backfill_pickups`] for those that arrived before publication).
    /// `None` when this instance runs no monitoring.
    pub async fn item_pickups(
        &self,
        actor: &Actor,
        item_id: i64,
    ) -> CoreResult<Option<Vec<Pickup>>> {
        let item = self.visible_item(actor, item_id).await?;
        if item.published_at.is_none() {
            return Ok(Some(Vec::new()));
        }
        let stored = self.store.item_pickups(item_id).await?;
        if stored.is_empty() && self.index.is_none() {
            return Ok(None);
        }
        Ok(Some(stored))
    }

    /// Releases and clarifications the pipeline matches arriving articles against (published
    /// within [`PICKUP_WINDOW_MS`] of `now`); a unit's own news stories are not tracked. System
    /// call of the pipeline; nothing is shown to a user.
    pub async fn pickup_candidates(&self, now: Millis) -> CoreResult<Vec<NewsItem>> {
        let mut items = self
            .store
            .items_published_since(now - PICKUP_WINDOW_MS)
            .await?;
        items.retain(|i| i.kind != ItemKind::News);
        Ok(items)
    }

    /// Text matched for pickups: title, lead and body.
    pub fn pickup_text(item: &NewsItem) -> String {
        format!("{}\n{}\n{}", item.title, item.lead, item.body_text)
    }

    /// Articles stored before the pipeline knew of `item` (copies published around the release
    /// time, or before this instance started): candidates from the search index by the title's
    /// keyphrases since a day before publication, kept at the pickup threshold, recorded.
    /// Pickups concern our own text in public news, so the search is not limited by region.
    pub async fn backfill_pickups(&self, item: &NewsItem) -> CoreResult<usize> {
        let Some(published) = item.published_at else {
            return Ok(0);
        };
        if self.index.is_none() {
            return Ok(0);
        }
        let query = crate::monitor::service::claim_query(&item.title);
        if query.is_empty() {
            return Ok(0);
        }
        let mut q = IndexQuery::new(&query, ArticleVisibility::All);
        q.from_ms = Some(published - sinergi_text::PickupIndex::LEAD_MS);
        q.sort = SortOrder::Relevance;
        q.limit = 200;
        let res = self.on_index(move |i| i.search(&q)).await?;
        let ids: Vec<i64> = res.hits.iter().map(|h| h.id).collect();
        let articles = self.store.articles_by_ids(&ids).await?;
        let mut index = sinergi_text::PickupIndex::new();
        index.add(item.id, published, &Self::pickup_text(item));
        let now = now_millis();
        let rows: Vec<NewPickup> = articles
            .iter()
            .filter_map(|a| {
                let text = format!("{}\n{}", a.title, a.body);
                let m = index.matches(&text, a.published_at).into_iter().next()?;
                Some(NewPickup {
                    item_id: item.id,
                    article_id: a.id,
                    similarity: m.similarity,
                    found_at: now,
                })
            })
            .collect();
        self.record_pickups(&rows).await
    }

    /// Records pickups found by the pipeline and tells the owning unit about new ones (one
    /// in-app notice per item, naming the outlets). Returns how many were new.
    pub async fn record_pickups(&self, rows: &[NewPickup]) -> CoreResult<usize> {
        let fresh = self.store.insert_pickups(rows).await?;
        let mut by_item: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
        for p in &fresh {
            by_item.entry(p.item_id).or_default().push(p.article_id);
        }
        for (item_id, article_ids) in by_item {
            let Some(item) = self.store.item_by_id(item_id).await? else {
                continue;
            };
            let mut outlets: Vec<String> = self
                .store
                .articles_by_ids(&article_ids)
                .await?
                .into_iter()
                .map(|a| a.outlet)
                .collect();
            outlets.sort();
            outlets.dedup();
            let n = NewNotification {
                kind: "newsroom".into(),
                title: format!(
                    "Dimuat ulang oleh {} media: {}",
                    article_ids.len(),
                    item.title
                ),
                body: format!("Media: {}.", outlets.join(", ")),
                link: format!("/rilis/{}#pemuatan", item.id),
            };
            if let Err(e) = self.notify_org(item.org_id, &n).await {
                tracing::warn!(error = %e, "cannot notify about release pickups");
            }
        }
        Ok(fresh.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_parse_and_report_bad_lines() {
        let (c, e) = parse_contacts(
            "Budi, budi@koran.id, Koran Kita\nsari@tv.id\n# komentar\nbukan-email\nsari@tv.id",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].outlet, "Koran Kita");
        assert_eq!(c[1].name, "sari@tv.id");
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("Baris 4"));
    }

    #[test]
    fn containment_finds_republished_text() {
        let release =
            "Pemerintah Kota Semarang membuka posko banjir rob di tiga kecamatan mulai hari ini";
        let copy = format!("SEMARANG - {release}, kata juru bicara.");
        assert!(containment(release, &copy) > 0.9);
        assert!(containment(release, "Harga cabai naik di pasar tradisional pekan ini") < 0.1);
        assert_eq!(containment("", "apa saja"), 0.0);
    }
}
