//! Escalation regency → province → centre, joining, taking over, handing back and sharing.

use super::*;

impl Core {
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
}
