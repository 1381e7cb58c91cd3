//! Claim matching: when a unit meets a claim, show the verdicts other units already reached on
//! similar claims, and similar hoaxes from imported fact-checkers' lists — one verified verdict
//! serves every unit that meets the same claim again.
//!
//! Only cases with a verdict are shown to units outside the case (the verdict is the shared
//! knowledge; unverified cases stay private to their members).

use std::sync::RwLock;

use serde::Serialize;
use sinergi_text::ClaimIndex;

use super::model::Verdict;
use crate::auth::Actor;
use crate::error::{CoreError, CoreResult};
use crate::network::{OrgLevel, Permission, Scope};
use crate::service::Core;
use crate::time::now_millis;

/// The in-memory index over case claims and known claims, rebuilt when either set grows.
#[derive(Default)]
pub struct ClaimCache {
    inner: RwLock<Option<Cached>>,
}

struct Cached {
    key: (i64, i64),
    index: ClaimIndex,
    /// `(id, claim, label, source)` of the known claims the index was built from.
    known: Vec<(i64, String, Option<String>, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SimilarClaim {
    /// `case` or `known`.
    pub kind: &'static str,
    pub id: i64,
    pub claim: String,
    /// The government verdict of a case, or the fact-checker's label of a known claim.
    pub label: Option<String>,
    /// Where a known claim came from, or the owner organisation of a case.
    pub source: String,
    /// Link to the case when the viewer may open it.
    pub link: Option<String>,
    pub score: f32,
}

/// Below this blended similarity a match is noise.
const MIN_SCORE: f32 = 0.25;

impl Core {
    /// Up to `k` claims similar to `text`, best first.
    pub async fn similar_claims(
        &self,
        actor: &Actor,
        text: &str,
        exclude_case: Option<i64>,
        k: usize,
    ) -> CoreResult<Vec<SimilarClaim>> {
        actor.require(Permission::CrisisView)?;
        let text: String = text.chars().take(1000).collect();
        if text.trim().chars().count() < 8 {
            return Ok(vec![]);
        }
        // Counts tell whether the index is stale; the full lists are read only to rebuild it.
        let key = self.store.claim_counts().await?;
        let fresh = self
            .claim_cache
            .inner
            .read()
            .map(|c| c.as_ref().is_some_and(|c| c.key == key))
            .unwrap_or(false);
        if !fresh {
            let cases = self.store.case_claims().await?;
            let known = self.store.known_claims().await?;
            let entries = cases
                .iter()
                .map(|(id, claim, _)| (format!("c{id}"), claim.clone()))
                .chain(
                    known
                        .iter()
                        .map(|(id, claim, _, _)| (format!("k{id}"), claim.clone())),
                );
            let index = ClaimIndex::new(entries);
            if let Ok(mut w) = self.claim_cache.inner.write() {
                *w = Some(Cached { key, index, known });
            }
        }
        let (hits, known) = {
            let guard = self
                .claim_cache
                .inner
                .read()
                .map_err(|_| CoreError::Internal("claim index lock".into()))?;
            match guard.as_ref() {
                Some(c) => {
                    let hits = c.index.search(&text, k * 3 + 1);
                    // Keep only the known claims among the hits, to release the lock early.
                    let known: Vec<_> = c
                        .known
                        .iter()
                        .filter(|(id, ..)| hits.iter().any(|h| h.id == format!("k{id}")))
                        .cloned()
                        .collect();
                    (hits, known)
                }
                None => (vec![], vec![]),
            }
        };
        let mut out = Vec::new();
        for h in hits.into_iter().filter(|h| h.score >= MIN_SCORE) {
            let Ok(id) = h.id[1..].parse::<i64>() else {
                continue;
            };
            if h.id.starts_with('c') {
                if Some(id) == exclude_case {
                    continue;
                }
                let Some(case) = self.store.case_by_id(id).await? else {
                    continue;
                };
                let visible = self.visible_case(actor, id).await.is_ok();
                // Other units' cases count only once verified.
                if !visible && case.verdict.is_none() {
                    continue;
                }
                out.push(SimilarClaim {
                    kind: "case",
                    id,
                    claim: case.claim.clone(),
                    label: case.verdict.map(|v: Verdict| v.label().to_owned()),
                    source: case.owner_org_name.clone(),
                    link: visible.then(|| format!("/krisis/{id}")),
                    score: h.score,
                });
            } else if let Some((_, claim, label, source)) =
                known.iter().find(|(kid, ..)| *kid == id)
            {
                out.push(SimilarClaim {
                    kind: "known",
                    id,
                    claim: claim.clone(),
                    label: label.clone(),
                    source: source.clone(),
                    link: None,
                    score: h.score,
                });
            }
            if out.len() >= k {
                break;
            }
        }
        Ok(out)
    }

    /// Known-claim lists and their sizes, `(source, count)`, for the import page.
    pub async fn known_claim_sources(&self, actor: &Actor) -> CoreResult<Vec<(String, usize)>> {
        actor.require(Permission::CrisisView)?;
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for (_, _, _, source) in self.store.known_claims().await? {
            *counts.entry(source).or_default() += 1;
        }
        Ok(counts.into_iter().collect())
    }

    /// Imports known claims from CSV (header row; first column an id, second the claim, an
    /// optional third a label). Centre administrators only. Returns (rows read, new rows).
    pub async fn import_known_claims(
        &self,
        actor: &Actor,
        source: &str,
        csv_text: &str,
    ) -> CoreResult<(usize, u64)> {
        actor.require(Permission::ManageUsers)?;
        if actor.scope() != Scope::All || actor.org.level != OrgLevel::Centre {
            return Err(CoreError::Forbidden);
        }
        let source = source.trim();
        if source.is_empty() || source.chars().count() > 60 {
            return Err(CoreError::field(
                "source",
                "invalid",
                "Nama sumber wajib diisi (paling banyak 60 karakter).",
            ));
        }
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(csv_text.as_bytes());
        let mut rows = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| {
                CoreError::field(
                    "file",
                    "invalid",
                    format!("Baris {}: CSV tidak valid ({e}).", i + 2),
                )
            })?;
            let id = rec.get(0).unwrap_or("").trim();
            let claim = rec.get(1).unwrap_or("").trim();
            if id.is_empty() || claim.is_empty() {
                return Err(CoreError::field(
                    "file",
                    "invalid",
                    format!("Baris {}: kolom id dan klaim wajib diisi.", i + 2),
                ));
            }
            if claim.chars().count() > 1000 || id.chars().count() > 100 {
                return Err(CoreError::field(
                    "file",
                    "invalid",
                    format!("Baris {}: isian terlalu panjang.", i + 2),
                ));
            }
            let label = rec
                .get(2)
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| l.chars().take(60).collect());
            rows.push((id.to_owned(), claim.to_owned(), label));
        }
        let added = self
            .store
            .insert_known_claims(source, &rows, now_millis())
            .await?;
        Ok((rows.len(), added))
    }
}
