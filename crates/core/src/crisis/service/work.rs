//! Work on a case: notes, tasks and evidence files.

use super::*;

impl Core {
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
