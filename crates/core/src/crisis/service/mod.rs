//! Crisis services: every call checks the actor's permission and the case's visibility.

use serde::{Deserialize, Serialize};

use super::model::*;
use super::rules::{allowed, next_statuses};
use super::store::{
    CaseFields, CaseVisibility, MemberChange, NewCase, NewEvent, NewTask, StatementDraft,
    StatusChange,
};
use crate::auth::Actor;
use crate::error::{CoreError, CoreResult};
use crate::network::{Org, OrgLevel, Permission};
use crate::notify::NewNotification;
use crate::page::{Page, PageReq};
use crate::service::Core;
use crate::time::{Millis, now_millis};
use crate::validate::{self, Checks};

mod escalation;
mod overdue;
mod statements;
mod work;

pub const MAX_CLAIM: usize = 280;
pub const MAX_DESCRIPTION: usize = 5000;
pub const MAX_LINKS: usize = 10;
pub const MAX_STATEMENT: usize = 20_000;

/// What the "open case" and "edit case" forms submit (raw input).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CaseInput {
    pub claim: String,
    #[serde(default)]
    pub description: String,
    /// One URL per line.
    #[serde(default)]
    pub origin_links: String,
    /// Region codes separated by commas or spaces.
    #[serde(default)]
    pub region_codes: String,
    #[serde(default)]
    pub category: String,
    /// Empty: from the owner's level (regency 1, province 2, centre 3).
    #[serde(default)]
    pub level: String,
    /// Comma-separated.
    #[serde(default)]
    pub tags: String,
    /// Where it came from: `manual`, `alert`, `article`, `public_report`, `issue`.
    #[serde(default)]
    pub source: String,
}

/// The verification form: the government verdict and an optional fact-checker reference.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VerdictInput {
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub external_label: String,
    #[serde(default)]
    pub external_url: String,
}

/// Everything the case page shows.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub case: Case,
    pub members: Vec<CaseMember>,
    pub events: Vec<CaseEvent>,
    pub tasks: Vec<CaseTask>,
    pub statements: Vec<Statement>,
    pub next: Vec<CaseStatus>,
    /// The actor's organisation owns the case.
    pub is_owner: bool,
    /// The owner's parent, where an escalation would go (None for the centre).
    pub escalation_target: Option<Org>,
    /// The actor's organisation was asked to join by escalation and has not answered.
    pub pending_escalation: bool,
    /// The actor's organisation may take the case over (a member above the owner).
    pub can_take_over: bool,
}

fn event(actor: &Actor, kind: &str, summary: String) -> NewEvent {
    NewEvent {
        at: now_millis(),
        actor: actor.email.clone(),
        org_code: Some(actor.org.code.clone()),
        kind: kind.to_owned(),
        summary,
        data: None,
    }
}

fn is_http_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && s.len() <= 2000
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && s.split("://")
            .nth(1)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
}

fn default_level(org: &Org) -> u8 {
    match org.level {
        OrgLevel::Centre => 3,
        OrgLevel::Province => 2,
        OrgLevel::Regency | OrgLevel::City => 1,
    }
}

/// The conflict message when someone else saved first: who, when and what they did.
fn conflict(current: &Case, last: Option<&CaseEvent>) -> CoreError {
    let who = last
        .map(|e| format!("{} ({})", e.actor, e.summary))
        .unwrap_or_else(|| "pengguna lain".to_owned());
    CoreError::Conflict(format!(
        "Kasus ini sudah diubah oleh {who} setelah Anda membukanya (versi {}). Perubahan Anda belum disimpan; muat ulang halaman untuk melihat isi terbaru, lalu ulangi perubahan Anda.",
        current.version
    ))
}

impl Core {
    fn crisis_visibility(actor: &Actor) -> CaseVisibility {
        CaseVisibility {
            all: actor.org.level == OrgLevel::Centre,
            org_id: actor.org.id,
        }
    }

    /// The case if the actor may see it (owner, member, or the centre); else "not found".
    pub async fn visible_case(&self, actor: &Actor, id: i64) -> CoreResult<Case> {
        actor.require(Permission::CrisisView)?;
        let case = self
            .store
            .case_by_id(id)
            .await?
            .ok_or(CoreError::NotFound)?;
        if actor.org.level == OrgLevel::Centre || case.owner_org_id == actor.org.id {
            return Ok(case);
        }
        let members = self.store.case_members(id).await?;
        if members.iter().any(|m| m.org_id == actor.org.id) {
            Ok(case)
        } else {
            Err(CoreError::NotFound)
        }
    }

    async fn validate_case(
        &self,
        input: &CaseInput,
        owner: &Org,
    ) -> CoreResult<(
        String,
        String,
        Vec<String>,
        Vec<String>,
        String,
        u8,
        Vec<String>,
    )> {
        let mut checks = Checks::default();
        let claim = validate::required_text(
            &mut checks,
            "claim",
            "Klaim atau masalah",
            &input.claim,
            MAX_CLAIM,
        );
        let description = input.description.trim().to_owned();
        if description.chars().count() > MAX_DESCRIPTION {
            checks.push(
                "description",
                "too_long",
                format!("Uraian paling banyak {MAX_DESCRIPTION} karakter."),
            );
        }
        let links: Vec<String> = input
            .origin_links
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if links.len() > MAX_LINKS {
            checks.push(
                "origin_links",
                "too_many",
                format!("Paling banyak {MAX_LINKS} tautan asal."),
            );
        } else if let Some(bad) = links.iter().find(|l| !is_http_url(l)) {
            let shown: String = bad.chars().take(60).collect();
            checks.push(
                "origin_links",
                "invalid",
                format!("Tautan tidak valid: {shown} (harus diawali http:// atau https://)."),
            );
        }
        let mut regions: Vec<String> = input
            .region_codes
            .split([',', ' ', ';', '\n'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        regions.dedup();
        if regions.len() > 50 {
            checks.push("region_codes", "too_many", "Paling banyak 50 wilayah.");
        } else {
            for code in &regions {
                let known = code != crate::network::org::CENTRE_CODE
                    && self.store.org_by_code(code).await?.is_some();
                if !known {
                    let shown: String = code.chars().take(20).collect();
                    checks.push(
                        "region_codes",
                        "unknown",
                        format!("Kode wilayah tidak dikenal: {shown}."),
                    );
                    break;
                }
            }
        }
        let category = input.category.trim().to_owned();
        let category = if category.is_empty() {
            "lainnya".to_owned()
        } else {
            category
        };
        if !CATEGORIES.iter().any(|(c, _)| *c == category) {
            checks.push("category", "invalid", "Kategori tidak dikenal.");
        }
        let level = match input.level.trim() {
            "" => default_level(owner),
            raw => match raw
                .parse::<u8>()
                .ok()
                .filter(|l| self.cfg.crisis.level(*l).is_some())
            {
                Some(l) => l,
                None => {
                    checks.push("level", "invalid", "Level krisis tidak dikenal.");
                    1
                }
            },
        };
        let tags: Vec<String> = input
            .tags
            .split(',')
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        if tags.len() > 20 || tags.iter().any(|t| t.chars().count() > 40) {
            checks.push(
                "tags",
                "invalid",
                "Paling banyak 20 label, masing-masing paling banyak 40 karakter.",
            );
        }
        checks.into_result()?;
        Ok((claim, description, links, regions, category, level, tags))
    }

    fn targets(&self, level: u8, from: Millis) -> (Millis, Millis) {
        let def = self.cfg.crisis.level(level);
        let h = |hours: u32| from + i64::from(hours) * 3_600_000;
        (
            h(def.map(|d| d.first_response_hours).unwrap_or(6)),
            h(def.map(|d| d.resolution_hours).unwrap_or(72)),
        )
    }

    /// Opens a case owned by the actor's organisation.
    pub async fn open_case(&self, actor: &Actor, input: &CaseInput) -> CoreResult<Case> {
        actor.require(Permission::CrisisEdit)?;
        let (claim, description, origin_links, region_codes, category, level, tags) =
            self.validate_case(input, &actor.org).await?;
        let source = match input.source.trim() {
            "" => "manual".to_owned(),
            s @ ("manual" | "alert" | "article" | "public_report" | "issue") => s.to_owned(),
            _ => {
                return Err(CoreError::field(
                    "source",
                    "invalid",
                    "Sumber kasus tidak dikenal.",
                ));
            }
        };
        let now = now_millis();
        let (first_response_due, resolution_due) = self.targets(level, now);
        let fields = CaseFields {
            claim,
            description,
            origin_links,
            region_codes,
            category,
            level,
            owner_org_id: actor.org.id,
            status: CaseStatus::Baru,
            verdict: None,
            verdict_note: None,
            external_label: None,
            external_url: None,
            tags,
            first_response_due,
            resolution_due,
            first_response_at: None,
            resolved_at: None,
            closed_reason: None,
        };
        let ev = event(actor, "opened", format!("Membuka kasus: {}", fields.claim));
        let case = self
            .store
            .insert_case(
                &NewCase {
                    fields,
                    source,
                    created_by: actor.email.clone(),
                    created_at: now,
                },
                &ev,
            )
            .await?;
        Ok(case)
    }

    pub async fn list_cases(
        &self,
        actor: &Actor,
        filter: &CaseFilter,
        page: PageReq,
    ) -> CoreResult<Page<Case>> {
        actor.require(Permission::CrisisView)?;
        Ok(self
            .store
            .list_cases(Self::crisis_visibility(actor), filter, now_millis(), page)
            .await?)
    }

    pub async fn case_stats(&self, actor: &Actor) -> CoreResult<CaseStats> {
        actor.require(Permission::CrisisView)?;
        Ok(self
            .store
            .case_stats(Self::crisis_visibility(actor), now_millis())
            .await?)
    }

    pub async fn case_view(&self, actor: &Actor, id: i64) -> CoreResult<CaseView> {
        let case = self.visible_case(actor, id).await?;
        let members = self.store.case_members(id).await?;
        let owner = self.store.org_by_id(case.owner_org_id).await?;
        let escalation_target = match owner.as_ref().and_then(|o| o.parent_code.clone()) {
            Some(p) => self.store.org_by_code(&p).await?,
            None => None,
        };
        let mine = members.iter().find(|m| m.org_id == actor.org.id);
        let is_owner = case.owner_org_id == actor.org.id;
        let can_take_over =
            !is_owner && mine.is_some() && owner.as_ref().is_some_and(|o| is_above(&actor.org, o));
        Ok(CaseView {
            next: next_statuses(case.status),
            events: self.store.case_events(id).await?,
            tasks: self.store.case_tasks(id).await?,
            statements: self.store.case_statements(id).await?,
            pending_escalation: mine.is_some_and(|m| m.role == "escalated"),
            is_owner,
            can_take_over,
            escalation_target,
            members,
            case,
        })
    }

    /// Applies a change to a case with optimistic concurrency.
    async fn change_case(
        &self,
        actor: &Actor,
        current: &Case,
        expected_version: i64,
        fields: CaseFields,
        members: &[MemberChange],
        ev: NewEvent,
    ) -> CoreResult<Case> {
        if current.version != expected_version {
            let events = self.store.case_events(current.id).await?;
            return Err(conflict(current, events.last()));
        }
        match self
            .store
            .update_case(current.id, expected_version, &fields, members, ev.at, &ev)
            .await?
        {
            Some(c) => Ok(c),
            None => {
                let now = self
                    .store
                    .case_by_id(current.id)
                    .await?
                    .ok_or(CoreError::NotFound)?;
                let events = self.store.case_events(current.id).await?;
                let _ = actor;
                Err(conflict(&now, events.last()))
            }
        }
    }

    fn require_member_edit(actor: &Actor) -> CoreResult<()> {
        actor.require(Permission::CrisisEdit)
    }

    /// Edits the description fields of a case.
    pub async fn edit_case(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        input: &CaseInput,
    ) -> CoreResult<Case> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let owner = self
            .store
            .org_by_id(case.owner_org_id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let (claim, description, origin_links, region_codes, category, level, tags) =
            self.validate_case(input, &owner).await?;
        let mut f = CaseFields::of(&case);
        let mut changed = Vec::new();
        if f.claim != claim {
            changed.push("klaim");
        }
        if f.description != description {
            changed.push("uraian");
        }
        if f.origin_links != origin_links {
            changed.push("tautan asal");
        }
        if f.region_codes != region_codes {
            changed.push("wilayah");
        }
        if f.category != category {
            changed.push("kategori");
        }
        if f.tags != tags {
            changed.push("label");
        }
        if f.level != level {
            changed.push("level");
            // New targets from the new level, counted from opening.
            let (fr, res) = self.targets(level, case.created_at);
            f.first_response_due = fr;
            f.resolution_due = res;
        }
        f.claim = claim;
        f.description = description;
        f.origin_links = origin_links;
        f.region_codes = region_codes;
        f.category = category;
        f.level = level;
        f.tags = tags;
        let summary = if changed.is_empty() {
            "Menyimpan tanpa perubahan".to_owned()
        } else {
            format!("Mengubah {}", changed.join(", "))
        };
        let mut ev = event(actor, "edited", summary);
        ev.data = Some(serde_json::json!({ "changed": changed }));
        self.change_case(actor, &case, expected_version, f, &[], ev)
            .await
    }

    /// Moves a case along the workflow. Closing without action needs a reason.
    pub async fn transition_case(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        to: &str,
        reason: &str,
    ) -> CoreResult<Case> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let Some(to) = CaseStatus::parse(to) else {
            return Err(CoreError::field(
                "status",
                "invalid",
                "Status tujuan tidak dikenal.",
            ));
        };
        if !allowed(case.status, to) {
            return Err(CoreError::field(
                "status",
                "transition",
                format!(
                    "Status tidak dapat diubah dari «{}» ke «{}».",
                    self.cfg.crisis.status_name(case.status),
                    self.cfg.crisis.status_name(to)
                ),
            ));
        }
        let reason = reason.trim();
        if reason.chars().count() > 1000 {
            return Err(CoreError::field(
                "reason",
                "too_long",
                "Alasan paling banyak 1000 karakter.",
            ));
        }
        if to == CaseStatus::Ditutup && reason.is_empty() {
            return Err(CoreError::field(
                "reason",
                "required",
                "Alasan penutupan tanpa tindakan wajib diisi.",
            ));
        }
        let now = now_millis();
        let mut f = CaseFields::of(&case);
        f.status = to;
        if to == CaseStatus::Respons && f.first_response_at.is_none() {
            f.first_response_at = Some(now);
        }
        if matches!(to, CaseStatus::Selesai | CaseStatus::Ditutup) {
            f.resolved_at = Some(now);
        }
        if to == CaseStatus::Ditutup {
            f.closed_reason = Some(reason.to_owned());
        }
        let mut summary = format!(
            "Status: {} → {}",
            self.cfg.crisis.status_name(case.status),
            self.cfg.crisis.status_name(to)
        );
        if !reason.is_empty() {
            summary.push_str(&format!(" ({reason})"));
        }
        let mut ev = event(actor, "status", summary);
        ev.data = Some(serde_json::json!({ "from": case.status.as_str(), "to": to.as_str() }));
        self.change_case(actor, &case, expected_version, f, &[], ev)
            .await
    }

    /// Records the government verdict and, optionally, a fact-checker's label as reference.
    pub async fn set_verdict(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        input: &VerdictInput,
    ) -> CoreResult<Case> {
        let (verdict, note, external_label, external_url) = (
            input.verdict.as_str(),
            input.note.as_str(),
            input.external_label.as_str(),
            input.external_url.as_str(),
        );
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let mut checks = Checks::default();
        let verdict = match verdict.trim() {
            "" => None,
            v => {
                let parsed = Verdict::parse(v);
                if parsed.is_none() {
                    checks.push("verdict", "invalid", "Label verifikasi tidak dikenal.");
                }
                parsed
            }
        };
        let note = validate::optional_text(
            &mut checks,
            "verdict_note",
            "Catatan verifikasi",
            Some(note),
            2000,
        );
        let external_label = match external_label.trim().to_uppercase() {
            l if l.is_empty() => None,
            l if EXTERNAL_LABELS.contains(&l.as_str()) => Some(l),
            _ => {
                checks.push(
                    "external_label",
                    "invalid",
                    "Label pemeriksa fakta tidak dikenal.",
                );
                None
            }
        };
        let external_url = match external_url.trim() {
            "" => None,
            u if is_http_url(u) => Some(u.to_owned()),
            _ => {
                checks.push("external_url", "invalid", "Tautan rujukan tidak valid.");
                None
            }
        };
        checks.into_result()?;
        let mut f = CaseFields::of(&case);
        f.verdict = verdict;
        f.verdict_note = note;
        f.external_label = external_label;
        f.external_url = external_url;
        let label = verdict.map(|v| v.label()).unwrap_or("(dikosongkan)");
        let mut ev = event(actor, "verdict", format!("Hasil verifikasi: {label}"));
        ev.data = Some(serde_json::json!({ "verdict": verdict.map(|v| v.as_str()) }));
        self.change_case(actor, &case, expected_version, f, &[], ev)
            .await
    }
}

/// `a` is an ancestor of `b` in the centre → province → regency tree.
fn is_above(a: &Org, b: &Org) -> bool {
    match a.level {
        OrgLevel::Centre => b.level != OrgLevel::Centre,
        OrgLevel::Province => b.parent_code.as_deref() == Some(a.code.as_str()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(is_http_url("https://www.facebook.com/groups/123/posts/456"));
        assert!(is_http_url("http://t.co/x"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("https:///x"));
        assert!(!is_http_url("ftp://x.id"));
        assert!(!is_http_url("https://a b.id"));
    }
}
