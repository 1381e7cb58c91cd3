//! Images and attachments of an item. Images are decoded, checked, resized to a display
//! size and a thumbnail and re-encoded (which also drops EXIF data such as GPS positions from
//! officers' phones); alt text is required. Attachments are PDF documents.

use super::*;
use crate::files::accept;

/// What the upload form sends besides the bytes.
#[derive(Debug, Clone, Default)]
pub struct UploadInput {
    pub filename: String,
    pub alt: String,
}

impl Core {
    pub async fn upload_item_file(
        &self,
        actor: &Actor,
        item_id: i64,
        input: &UploadInput,
        bytes: Vec<u8>,
    ) -> CoreResult<ItemFile> {
        let item = self.own_item(actor, item_id).await?;
        if item.status == ItemStatus::Withdrawn {
            return Err(CoreError::Conflict(
                "Tulisan yang sudah ditarik tidak dapat diberi berkas baru.".into(),
            ));
        }
        let fs = self.file_service()?;
        let filename = crate::files::clean_filename(&input.filename);
        let is_image = sinergi_media::sniff_image(&bytes).is_some();
        let now = now_millis();
        let file = if is_image {
            let alt = input.alt.trim();
            let mut checks = Checks::default();
            if alt.is_empty() {
                checks.push(
                    "alt",
                    "required",
                    "Teks alternatif (alt) wajib diisi: jelaskan isi gambar untuk pembaca tunanetra.",
                );
            } else if alt.chars().count() > 300 {
                checks.push(
                    "alt",
                    "too_long",
                    "Teks alternatif paling banyak 300 karakter.",
                );
            }
            checks.into_result()?;
            if bytes.len() > fs.max_bytes {
                return Err(CoreError::field(
                    "file",
                    "too_large",
                    format!(
                        "Berkas terlalu besar (maksimal {} MB).",
                        fs.max_bytes / (1024 * 1024)
                    ),
                ));
            }
            let limits = sinergi_media::ImageLimits {
                max_bytes: fs.max_bytes,
                ..Default::default()
            };
            let processed =
                tokio::task::spawn_blocking(move || sinergi_media::process_image(&bytes, &limits))
                    .await
                    .map_err(|e| CoreError::Internal(e.to_string()))?
                    .map_err(|e| CoreError::field("file", "image", e.to_string()))?;
            let display = accept(
                fs.blobs.as_ref(),
                fs.scanner.as_ref(),
                &filename,
                &processed.display.bytes,
                usize::MAX,
            )
            .await?;
            let thumb = accept(
                fs.blobs.as_ref(),
                fs.scanner.as_ref(),
                &filename,
                &processed.thumbnail.bytes,
                usize::MAX,
            )
            .await?;
            ItemFile {
                id: 0,
                item_id,
                kind: "image".into(),
                file_hash: display.hash,
                thumb_hash: Some(thumb.hash),
                filename,
                mime: processed.display.mime.to_owned(),
                size: processed.display.bytes.len() as i64,
                width: Some(i64::from(processed.display.width)),
                height: Some(i64::from(processed.display.height)),
                alt: Some(alt.to_owned()),
                uploaded_by: actor.email.clone(),
                uploaded_at: now,
            }
        } else {
            let checked = accept(
                fs.blobs.as_ref(),
                fs.scanner.as_ref(),
                &filename,
                &bytes,
                fs.max_bytes,
            )
            .await?;
            if checked.mime != "application/pdf" {
                return Err(CoreError::field(
                    "file",
                    "type",
                    "Lampiran harus berupa PDF; gambar harus JPEG, PNG atau WebP.",
                ));
            }
            ItemFile {
                id: 0,
                item_id,
                kind: "attachment".into(),
                file_hash: checked.hash,
                thumb_hash: None,
                filename,
                mime: checked.mime.to_owned(),
                size: bytes.len() as i64,
                width: None,
                height: None,
                alt: None,
                uploaded_by: actor.email.clone(),
                uploaded_at: now,
            }
        };
        let audit = audit_entry(
            actor,
            "newsroom.upload",
            "newsroom_item",
            item_id,
            &item.org_code,
            Some(
                serde_json::json!({ "filename": file.filename, "kind": file.kind, "hash": file.file_hash }),
            ),
        );
        let saved = self.store.insert_item_file(&file, &audit).await?;
        if item.status.is_public() {
            self.portal_changed(&item).await;
        }
        Ok(saved)
    }

    /// The bytes of a newsroom file for whoever asks: public when its item is public, else
    /// only for officers who can see the item. `None` for anything else (no existence leak).
    pub async fn item_media(
        &self,
        actor: Option<&Actor>,
        hash: &str,
    ) -> CoreResult<Option<(ItemFile, Vec<u8>, bool)>> {
        let Some((file, item)) = self.store.item_file_by_hash(hash).await? else {
            return Ok(None);
        };
        let public = item.status.is_public();
        let allowed = public
            || actor.is_some_and(|a| a.role.can(Permission::NewsView) && a.sees(&item.org_code));
        if !allowed {
            return Ok(None);
        }
        let fs = self.file_service()?;
        let bytes = fs
            .blobs
            .get(hash)
            .await
            .map_err(CoreError::Internal)?
            .ok_or_else(|| CoreError::Internal(format!("blob {hash} missing")))?;
        Ok(Some((file, bytes, public)))
    }
}
