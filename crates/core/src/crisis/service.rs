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

    /// The owner escalates to its parent (regency → province → centre) with a reason; the
    /// parent joins the case as "escalated" and is notified at once.
    pub async fn escalate_case(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        reason: &str,
    ) -> CoreResult<Case> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        if case.owner_org_id != actor.org.id {
            return Err(CoreError::field(
                "escalate",
                "not_owner",
                "Hanya unit pemilik kasus yang dapat mengeskalasi.",
            ));
        }
        if !case.status.is_open() {
            return Err(CoreError::field(
                "escalate",
                "closed",
                "Kasus yang sudah selesai atau ditutup tidak dapat dieskalasi.",
            ));
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::field(
                "reason",
                "required",
                "Alasan eskalasi wajib diisi.",
            ));
        }
        if reason.chars().count() > 1000 {
            return Err(CoreError::field(
                "reason",
                "too_long",
                "Alasan paling banyak 1000 karakter.",
            ));
        }
        let Some(parent_code) = actor.org.parent_code.clone() else {
            return Err(CoreError::field(
                "escalate",
                "top",
                "Pusat adalah tingkat tertinggi; kasus tidak dapat dieskalasi lagi.",
            ));
        };
        let parent = self
            .store
            .org_by_code(&parent_code)
            .await?
            .ok_or(CoreError::NotFound)?;
        let members = self.store.case_members(id).await?;
        if members
            .iter()
            .any(|m| m.org_id == parent.id && m.role == "escalated")
        {
            return Err(CoreError::field(
                "escalate",
                "pending",
                "Kasus sudah dieskalasi ke unit ini dan menunggu tanggapan.",
            ));
        }
        let mut f = CaseFields::of(&case);
        f.level = f.level.max(default_level(&parent));
        let role = if members.iter().any(|m| m.org_id == parent.id) {
            "collaborator"
        } else {
            "escalated"
        };
        let mut ev = event(
            actor,
            "escalated",
            format!("Eskalasi ke {}: {reason}", parent.display_name()),
        );
        ev.data = Some(serde_json::json!({ "to": parent.code, "reason": reason }));
        let updated = self
            .change_case(
                actor,
                &case,
                expected_version,
                f,
                &[MemberChange::Set {
                    org_id: parent.id,
                    role: role.to_owned(),
                }],
                ev,
            )
            .await?;
        self.notify_org(
            parent.id,
            &NewNotification {
                kind: "crisis.escalated".into(),
                title: format!("Eskalasi kasus {}: {}", updated.reference(), updated.claim),
                body: format!(
                    "{} mengeskalasi kasus ke {}. Alasan: {reason}",
                    actor.org.display_name(),
                    parent.display_name()
                ),
                link: format!("/krisis/{}", updated.id),
            },
        )
        .await?;
        Ok(updated)
    }

    /// The escalated unit joins the case as a collaborator (the owner stays).
    pub async fn join_case(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
    ) -> CoreResult<Case> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let members = self.store.case_members(id).await?;
        if !members
            .iter()
            .any(|m| m.org_id == actor.org.id && m.role == "escalated")
        {
            return Err(CoreError::field(
                "join",
                "not_escalated",
                "Unit Anda tidak sedang diminta bergabung dalam kasus ini.",
            ));
        }
        let ev = event(
            actor,
            "joined",
            format!("{} bergabung menangani kasus", actor.org.display_name()),
        );
        self.change_case(
            actor,
            &case,
            expected_version,
            CaseFields::of(&case),
            &[MemberChange::Set {
                org_id: actor.org.id,
                role: "collaborator".into(),
            }],
            ev,
        )
        .await
    }

    /// A higher unit that is a member takes ownership; the previous owner stays a collaborator.
    pub async fn take_over_case(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
    ) -> CoreResult<Case> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let owner = self
            .store
            .org_by_id(case.owner_org_id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let members = self.store.case_members(id).await?;
        if !members.iter().any(|m| m.org_id == actor.org.id) || !is_above(&actor.org, &owner) {
            return Err(CoreError::field(
                "take_over",
                "not_allowed",
                "Hanya unit di atas pemilik yang ikut menangani kasus yang dapat mengambil alih.",
            ));
        }
        let mut f = CaseFields::of(&case);
        f.owner_org_id = actor.org.id;
        f.level = f.level.max(default_level(&actor.org));
        let ev = event(
            actor,
            "took_ownership",
            format!(
                "{} mengambil alih kasus dari {}",
                actor.org.display_name(),
                owner.display_name()
            ),
        );
        let updated = self
            .change_case(
                actor,
                &case,
                expected_version,
                f,
                &[
                    MemberChange::Remove {
                        org_id: actor.org.id,
                    },
                    MemberChange::Set {
                        org_id: owner.id,
                        role: "collaborator".into(),
                    },
                ],
                ev,
            )
            .await?;
        self.notify_org(
            owner.id,
            &NewNotification {
                kind: "crisis.taken_over".into(),
                title: format!("Kasus {} diambil alih", updated.reference()),
                body: format!(
                    "{} kini memimpin penanganan; unit Anda tetap ikut menangani.",
                    actor.org.display_name()
                ),
                link: format!("/krisis/{}", updated.id),
            },
        )
        .await?;
        Ok(updated)
    }

    /// The owner hands the case back down to a collaborating unit below it.
    pub async fn deescalate_case(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        to_code: &str,
        reason: &str,
    ) -> CoreResult<Case> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        if case.owner_org_id != actor.org.id {
            return Err(CoreError::field(
                "deescalate",
                "not_owner",
                "Hanya unit pemilik kasus yang dapat menurunkan eskalasi.",
            ));
        }
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 1000 {
            return Err(CoreError::field(
                "reason",
                "required",
                "Alasan penurunan eskalasi wajib diisi (paling banyak 1000 karakter).",
            ));
        }
        let members = self.store.case_members(id).await?;
        let target = self.store.org_by_code(to_code.trim()).await?;
        let Some(target) =
            target.filter(|t| members.iter().any(|m| m.org_id == t.id) && is_above(&actor.org, t))
        else {
            return Err(CoreError::field(
                "to",
                "invalid",
                "Pilih unit di bawah Anda yang ikut menangani kasus ini.",
            ));
        };
        let mut f = CaseFields::of(&case);
        f.owner_org_id = target.id;
        let ev = event(
            actor,
            "deescalated",
            format!(
                "Penanganan dikembalikan ke {}: {reason}",
                target.display_name()
            ),
        );
        let updated = self
            .change_case(
                actor,
                &case,
                expected_version,
                f,
                &[
                    MemberChange::Remove { org_id: target.id },
                    MemberChange::Set {
                        org_id: actor.org.id,
                        role: "collaborator".into(),
                    },
                ],
                ev,
            )
            .await?;
        self.notify_org(
            target.id,
            &NewNotification {
                kind: "crisis.deescalated".into(),
                title: format!("Kasus {} dikembalikan ke unit Anda", updated.reference()),
                body: reason.to_owned(),
                link: format!("/krisis/{}", updated.id),
            },
        )
        .await?;
        Ok(updated)
    }

    /// Shares a case with another organisation, which then sees it and can work on it.
    pub async fn share_case(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        org_code: &str,
    ) -> CoreResult<Case> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let target = self
            .store
            .org_by_code(org_code.trim())
            .await?
            .ok_or_else(|| {
                CoreError::field("org_code", "not_found", "Organisasi tidak ditemukan.")
            })?;
        let members = self.store.case_members(id).await?;
        if target.id == case.owner_org_id || members.iter().any(|m| m.org_id == target.id) {
            return Err(CoreError::field(
                "org_code",
                "already",
                "Organisasi ini sudah ikut menangani kasus.",
            ));
        }
        let ev = event(
            actor,
            "shared",
            format!("Kasus dibagikan kepada {}", target.display_name()),
        );
        let updated = self
            .change_case(
                actor,
                &case,
                expected_version,
                CaseFields::of(&case),
                &[MemberChange::Set {
                    org_id: target.id,
                    role: "collaborator".into(),
                }],
                ev,
            )
            .await?;
        self.notify_org(
            target.id,
            &NewNotification {
                kind: "crisis.shared".into(),
                title: format!("Kasus {} dibagikan kepada unit Anda", updated.reference()),
                body: updated.claim.clone(),
                link: format!("/krisis/{}", updated.id),
            },
        )
        .await?;
        Ok(updated)
    }

    pub async fn add_case_note(&self, actor: &Actor, id: i64, text: &str) -> CoreResult<()> {
        self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let mut checks = Checks::default();
        let text = validate::required_text(
            &mut checks,
            "note",
            "Catatan",
            text.replace(['\r'], "").as_str(),
            5000,
        );
        // Line breaks are fine in notes; required_text flags them as control characters.
        let checks = Checks(
            checks
                .0
                .into_iter()
                .filter(|e| e.code != "invalid")
                .collect(),
        );
        checks.into_result()?;
        Ok(self
            .store
            .add_case_event(id, &event(actor, "note", text))
            .await?)
    }

    pub async fn add_case_task(
        &self,
        actor: &Actor,
        id: i64,
        title: &str,
        assignee_email: &str,
        due: Option<Millis>,
    ) -> CoreResult<CaseTask> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let mut checks = Checks::default();
        let title = validate::required_text(&mut checks, "title", "Tugas", title, 300);
        let assignee = match assignee_email.trim() {
            "" => None,
            e => {
                let found = self
                    .store
                    .user_by_email(&e.to_lowercase())
                    .await?
                    .map(|(u, _)| u);
                let members = self.store.case_members(id).await?;
                let ok = found.filter(|u| {
                    u.active
                        && (u.org_id == case.owner_org_id
                            || members.iter().any(|m| m.org_id == u.org_id))
                });
                if ok.is_none() {
                    checks.push(
                        "assignee",
                        "not_found",
                        "Petugas tidak ditemukan di unit yang menangani kasus ini.",
                    );
                }
                ok
            }
        };
        if due.is_some_and(|d| d < case.created_at) {
            checks.push(
                "due_at",
                "past",
                "Tenggat tidak boleh sebelum kasus dibuka.",
            );
        }
        checks.into_result()?;
        let task = NewTask {
            title: title.clone(),
            assignee_org_id: assignee.as_ref().map(|u| u.org_id),
            assignee_user_id: assignee.as_ref().map(|u| u.id),
            due_at: due,
            created_by: actor.email.clone(),
            created_at: now_millis(),
        };
        let who = assignee
            .as_ref()
            .map(|u| format!(" untuk {}", u.name))
            .unwrap_or_default();
        let t = self
            .store
            .insert_task(
                id,
                &task,
                &event(actor, "task_added", format!("Tugas baru{who}: {title}")),
            )
            .await?;
        if let Some(u) = assignee {
            self.notify_user(
                u.id,
                &NewNotification {
                    kind: "crisis.task".into(),
                    title: format!("Tugas kasus {}: {title}", case.reference()),
                    body: format!("Diberikan oleh {}", actor.name),
                    link: format!("/krisis/{}", case.id),
                },
            )
            .await?;
        }
        Ok(t)
    }

    pub async fn complete_case_task(&self, actor: &Actor, id: i64, task_id: i64) -> CoreResult<()> {
        self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let tasks = self.store.case_tasks(id).await?;
        let task = tasks
            .iter()
            .find(|t| t.id == task_id)
            .ok_or(CoreError::NotFound)?;
        let ev = event(actor, "task_done", format!("Tugas selesai: {}", task.title));
        if self.store.complete_task(id, task_id, ev.at, &ev).await? {
            Ok(())
        } else {
            Err(CoreError::Conflict(
                "Tugas ini sudah ditandai selesai.".into(),
            ))
        }
    }

    fn check_statement(title: &str, body: &str) -> CoreResult<(String, String)> {
        let mut checks = Checks::default();
        let title = validate::required_text(&mut checks, "title", "Judul", title, 300);
        let body = body.replace('\r', "");
        if body.trim().is_empty() {
            checks.push("body", "required", "Isi pernyataan wajib diisi.");
        } else if body.chars().count() > MAX_STATEMENT {
            checks.push(
                "body",
                "too_long",
                format!("Isi pernyataan paling banyak {MAX_STATEMENT} karakter."),
            );
        }
        checks.into_result()?;
        Ok((title, body.trim().to_owned()))
    }

    /// Drafts a holding statement or clarification. A clarification of a case judged hoax or
    /// disinformation carries the label in its title, as government practice does.
    pub async fn draft_statement(
        &self,
        actor: &Actor,
        id: i64,
        kind: &str,
        title: &str,
        body: &str,
    ) -> CoreResult<Statement> {
        let case = self.visible_case(actor, id).await?;
        Self::require_member_edit(actor)?;
        let kind = StatementKind::parse(kind).ok_or_else(|| {
            CoreError::field("kind", "invalid", "Jenis pernyataan tidak dikenal.")
        })?;
        let (mut title, body) = Self::check_statement(title, body)?;
        if kind == StatementKind::Clarification
            && let Some(label) = case.verdict.and_then(|v| v.title_label())
            && !title.to_uppercase().starts_with(label)
        {
            title = format!("{label} {title}");
        }
        let ev = event(
            actor,
            "statement_drafted",
            format!("Draf {}: {title}", kind.label().to_lowercase()),
        );
        let draft = StatementDraft {
            title: &title,
            body: &body,
            author: &actor.email,
            at: ev.at,
        };
        Ok(self.store.insert_statement(id, kind, &draft, &ev).await?)
    }

    async fn visible_statement(
        &self,
        actor: &Actor,
        statement_id: i64,
    ) -> CoreResult<(Case, Statement)> {
        let st = self
            .store
            .statement_by_id(statement_id)
            .await?
            .ok_or(CoreError::NotFound)?;
        let case = self.visible_case(actor, st.case_id).await?;
        Ok((case, st))
    }

    pub async fn statement_versions(
        &self,
        actor: &Actor,
        statement_id: i64,
    ) -> CoreResult<(Statement, Vec<StatementVersion>)> {
        let (_, st) = self.visible_statement(actor, statement_id).await?;
        let versions = self.store.statement_versions(statement_id).await?;
        Ok((st, versions))
    }

    /// Saves a new version of a draft (or a returned) statement.
    pub async fn revise_statement(
        &self,
        actor: &Actor,
        statement_id: i64,
        expected_version: i64,
        title: &str,
        body: &str,
    ) -> CoreResult<Statement> {
        let (_, st) = self.visible_statement(actor, statement_id).await?;
        Self::require_member_edit(actor)?;
        if !matches!(
            st.status,
            StatementStatus::Draft | StatementStatus::Rejected
        ) {
            return Err(CoreError::Conflict(
                "Pernyataan yang menunggu persetujuan atau sudah disetujui tidak dapat diubah."
                    .into(),
            ));
        }
        let (title, body) = Self::check_statement(title, body)?;
        let ev = event(
            actor,
            "statement_revised",
            format!("Revisi pernyataan: {title} (versi {})", st.version + 1),
        );
        let draft = StatementDraft {
            title: &title,
            body: &body,
            author: &actor.email,
            at: ev.at,
        };
        self.store
            .revise_statement(statement_id, expected_version, &draft, &ev)
            .await?
            .ok_or_else(|| CoreError::Conflict(format!("Pernyataan ini sudah direvisi oleh {} (versi {}). Muat ulang halaman lalu ulangi perubahan Anda.", st.updated_by, st.version)))
    }

    pub async fn submit_statement(
        &self,
        actor: &Actor,
        statement_id: i64,
    ) -> CoreResult<Statement> {
        let (case, st) = self.visible_statement(actor, statement_id).await?;
        Self::require_member_edit(actor)?;
        let ev = event(
            actor,
            "statement_submitted",
            format!("Mengajukan persetujuan: {}", st.title),
        );
        let change = StatusChange {
            from: &[StatementStatus::Draft, StatementStatus::Rejected],
            to: StatementStatus::Review,
            decided_by: None,
            note: None,
            at: ev.at,
        };
        let submitted = self
            .store
            .set_statement_status(statement_id, &change, &ev)
            .await?
            .ok_or_else(|| {
                CoreError::Conflict("Hanya draf yang dapat diajukan untuk persetujuan.".into())
            })?;
        // The heads/spokespersons of the owner organisation decide: tell them.
        let heads = crate::network::UserFilter {
            org_code: Some(case.owner_org_code.clone()),
            role: Some(crate::network::Role::Head),
            active: Some(true),
            ..Default::default()
        };
        let heads = self
            .store
            .list_users(
                &crate::network::Scope::Exact(case.owner_org_code.clone()),
                &heads,
                PageReq::new(Some(1), Some(50)),
            )
            .await?;
        for head in heads.items {
            self.notify_user(
                head.id,
                &NewNotification {
                    kind: "crisis.statement_review".into(),
                    title: format!("Perlu persetujuan: {}", submitted.title),
                    body: format!("Kasus {} — diajukan oleh {}", case.reference(), actor.name),
                    link: format!("/krisis/pernyataan/{}", submitted.id),
                },
            )
            .await?;
        }
        Ok(submitted)
    }

    /// The head/spokesperson approves or returns a statement under review. The first approved
    /// statement counts as the case's first response.
    pub async fn decide_statement(
        &self,
        actor: &Actor,
        statement_id: i64,
        approve: bool,
        note: &str,
    ) -> CoreResult<Statement> {
        let (case, st) = self.visible_statement(actor, statement_id).await?;
        actor.require(Permission::CrisisApprove)?;
        let note = note.trim();
        if note.chars().count() > 2000 {
            return Err(CoreError::field(
                "note",
                "too_long",
                "Catatan paling banyak 2000 karakter.",
            ));
        }
        if !approve && note.is_empty() {
            return Err(CoreError::field(
                "note",
                "required",
                "Tuliskan catatan perbaikan saat mengembalikan pernyataan.",
            ));
        }
        let (to, verb) = if approve {
            (StatementStatus::Approved, "Menyetujui")
        } else {
            (StatementStatus::Rejected, "Mengembalikan")
        };
        let ev = event(
            actor,
            if approve {
                "statement_approved"
            } else {
                "statement_rejected"
            },
            format!("{verb} pernyataan: {}", st.title),
        );
        let decided = self
            .store
            .set_statement_status(
                statement_id,
                &StatusChange {
                    from: &[StatementStatus::Review],
                    to,
                    decided_by: Some(&actor.email),
                    note: Some(note).filter(|n| !n.is_empty()),
                    at: ev.at,
                },
                &ev,
            )
            .await?
            .ok_or_else(|| {
                CoreError::Conflict("Pernyataan ini tidak sedang menunggu persetujuan.".into())
            })?;
        if approve && case.first_response_at.is_none() {
            // Record the first response; a concurrent change is fine to lose here (the event
            // is in the timeline either way), so retry once on a version conflict.
            for _ in 0..2 {
                let current = self
                    .store
                    .case_by_id(case.id)
                    .await?
                    .ok_or(CoreError::NotFound)?;
                if current.first_response_at.is_some() {
                    break;
                }
                let mut f = CaseFields::of(&current);
                f.first_response_at = Some(ev.at);
                let e = event(
                    actor,
                    "first_response",
                    "Respons pertama: pernyataan disetujui".into(),
                );
                if self
                    .store
                    .update_case(current.id, current.version, &f, &[], e.at, &e)
                    .await?
                    .is_some()
                {
                    break;
                }
            }
        }
        Ok(decided)
    }
}

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

impl Core {
    /// Attaches an evidence file to a case after the size, type and scan checks; nothing is
    /// recorded when a check fails.
    pub async fn add_evidence(
        &self,
        actor: &Actor,
        case_id: i64,
        filename: &str,
        bytes: &[u8],
        note: &str,
    ) -> CoreResult<Evidence> {
        self.visible_case(actor, case_id).await?;
        Self::require_member_edit(actor)?;
        let note = note.trim();
        if note.chars().count() > 500 {
            return Err(CoreError::field(
                "note",
                "too_long",
                "Keterangan paling banyak 500 karakter.",
            ));
        }
        let fs = self.file_service()?;
        let checked = crate::files::accept(
            fs.blobs.as_ref(),
            fs.scanner.as_ref(),
            filename,
            bytes,
            fs.max_bytes,
        )
        .await?;
        let ev = event(
            actor,
            "evidence",
            format!(
                "Bukti diunggah: {} ({} KB)",
                checked.filename,
                (checked.size + 1023) / 1024
            ),
        );
        let e = Evidence {
            id: 0,
            case_id,
            file_hash: checked.hash,
            filename: checked.filename,
            mime: checked.mime.to_owned(),
            size: checked.size,
            note: Some(note.to_owned()).filter(|n| !n.is_empty()),
            uploaded_by: actor.email.clone(),
            uploaded_at: ev.at,
        };
        Ok(self.store.insert_evidence(&e, &ev).await?)
    }

    pub async fn case_evidence(&self, actor: &Actor, case_id: i64) -> CoreResult<Vec<Evidence>> {
        self.visible_case(actor, case_id).await?;
        Ok(self.store.case_evidence(case_id).await?)
    }

    /// An evidence file and its bytes, if the actor may see its case.
    pub async fn evidence_file(
        &self,
        actor: &Actor,
        evidence_id: i64,
    ) -> CoreResult<(Evidence, Vec<u8>)> {
        let e = self
            .store
            .evidence_by_id(evidence_id)
            .await?
            .ok_or(CoreError::NotFound)?;
        self.visible_case(actor, e.case_id).await?;
        let bytes = self
            .file_service()?
            .blobs
            .get(&e.file_hash)
            .await
            .map_err(CoreError::Internal)?
            .ok_or_else(|| CoreError::Internal(format!("blob {} missing", e.file_hash)))?;
        Ok((e, bytes))
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
