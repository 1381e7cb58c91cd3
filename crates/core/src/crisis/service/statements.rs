//! Holding statements and clarifications: drafts, versions, submission and approval.

use super::*;

impl Core {
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
        // A statement speaks for the organisation that owns the case: only its heads decide.
        if case.owner_org_id != actor.org.id {
            return Err(CoreError::Forbidden);
        }
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
    /// Publishes an approved clarification on the owner organisation's portal (Rilis &
    /// Portal), once. The head already approved the text, so it goes out at once; the case
    /// timeline records it.
    pub async fn publish_statement(
        &self,
        actor: &Actor,
        statement_id: i64,
    ) -> CoreResult<crate::newsroom::NewsItem> {
        let (case, st) = self.visible_statement(actor, statement_id).await?;
        Self::require_member_edit(actor)?;
        if case.owner_org_id != actor.org.id {
            return Err(CoreError::Forbidden);
        }
        if st.kind != StatementKind::Clarification || st.status != StatementStatus::Approved {
            return Err(CoreError::Conflict(
                "Hanya klarifikasi yang sudah disetujui yang dapat diterbitkan ke portal.".into(),
            ));
        }
        if let Some(existing) = self.published_statement(&case, &st).await? {
            return Ok(existing);
        }
        let item = self
            .publish_clarification(
                actor,
                case.id,
                case.region_codes.first().cloned(),
                &st.title,
                &st.body,
            )
            .await?;
        let ev = event(
            actor,
            "statement_published",
            format!("Klarifikasi diterbitkan di portal: {}", item.portal_path()),
        );
        self.store.add_case_event(case.id, &ev).await?;
        Ok(item)
    }

    /// The portal item made from this statement, if it was published.
    pub async fn published_statement(
        &self,
        case: &Case,
        st: &Statement,
    ) -> CoreResult<Option<crate::newsroom::NewsItem>> {
        Ok(self
            .store
            .item_for_case(case.id)
            .await?
            .into_iter()
            .find(|i| i.title == st.title.chars().take(200).collect::<String>()))
    }
}
