//! Media lists, e-mail distribution of releases with per-recipient status, and pickups (which
//! monitored outlets republished a release).

use super::*;
use crate::jobs::NewJob;
use crate::monitor::{ArticleVisibility, IndexQuery, SortOrder};

/// Job that sends a distribution's queued e-mails (one delivery row per recipient).
pub const DISTRIBUTE_JOB: &str = "newsroom.distribute";

const MAX_CONTACTS: usize = 2000;

/// A monitored article that carries a release's text.
#[derive(Debug, Clone, Serialize)]
pub struct Pickup {
    pub article_id: i64,
    pub title: String,
    pub outlet: String,
    pub url: String,
    pub published_at: Millis,
    /// Share of the release's word 3-grams found in the article (0–1).
    pub similarity: f64,
}

/// Word 3-grams of a text (lowercased alphanumeric words), for containment similarity.
fn shingles(text: &str) -> std::collections::HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(3)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// How much of `release` appears in `article`: |R ∩ A| / |R|.
pub fn containment(release: &str, article: &str) -> f64 {
    let r = shingles(release);
    if r.is_empty() {
        return 0.0;
    }
    let a = shingles(article);
    r.intersection(&a).count() as f64 / r.len() as f64
}

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

    /// Monitored articles that republished this release: candidates from the index by the
    /// title's keyphrases since a day before publication, kept when at least a fifth of the
    /// release's word 3-grams appear in them. Pickups are about our own text in public news,
    /// so the search is not limited to the actor's regions.
    pub async fn item_pickups(
        &self,
        actor: &Actor,
        item_id: i64,
    ) -> CoreResult<Option<Vec<Pickup>>> {
        let item = self.visible_item(actor, item_id).await?;
        let Some(published) = item.published_at else {
            return Ok(Some(Vec::new()));
        };
        if self.index.is_none() {
            return Ok(None);
        }
        let query = crate::monitor::service::claim_query(&item.title);
        if query.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let mut q = IndexQuery::new(&query, ArticleVisibility::All);
        q.from_ms = Some(published - 86_400_000);
        q.sort = SortOrder::Relevance;
        q.limit = 60;
        let res = self.on_index(move |i| i.search(&q)).await?;
        let ids: Vec<i64> = res.hits.iter().map(|h| h.id).collect();
        let articles = self.store.articles_by_ids(&ids).await?;
        let release = format!("{}\n{}\n{}", item.title, item.lead, item.body_text);
        let mut out: Vec<Pickup> = articles
            .into_iter()
            .map(|a| {
                let similarity = containment(&release, &format!("{}\n{}", a.title, a.body));
                Pickup {
                    article_id: a.id,
                    title: a.title,
                    outlet: a.outlet,
                    url: a.url,
                    published_at: a.published_at,
                    similarity,
                }
            })
            .filter(|p| p.similarity >= 0.2)
            .collect();
        out.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
        Ok(Some(out))
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
