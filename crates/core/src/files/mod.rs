//! Files: one attachment store every module uses. Content is sniffed from its first bytes
//! (never trusting the file name or the client's content type), size-limited, addressed by its
//! SHA-256 hash (so the same file is stored once) and passed through a scan hook before it is
//! kept.

use std::path::PathBuf;

use async_trait::async_trait;
use sha2::{Digest, Sha256};

use crate::error::{CoreError, CoreResult};

/// Where file contents live. The local folder is the default; an S3-compatible backend can
/// implement the same trait.
#[async_trait]
pub trait BlobStore: Send + Sync {
    /// Stores `bytes` under `key` (idempotent: the key is the content hash).
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), String>;
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, String>;
}

/// A hook for a virus scanner (e.g. clamd). `Err` with a reason refuses the file.
#[async_trait]
pub trait Scanner: Send + Sync {
    async fn scan(&self, bytes: &[u8]) -> Result<(), String>;
}

/// Accepts everything; the default until an operator configures a scanner.
pub struct NoScan;

#[async_trait]
impl Scanner for NoScan {
    async fn scan(&self, _bytes: &[u8]) -> Result<(), String> {
        Ok(())
    }
}

/// Files in a local folder, fanned out by the first two hex digits of the hash.
pub struct LocalBlobs {
    root: PathBuf,
}

impl LocalBlobs {
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        // Keys are hex hashes; anything else never reaches the file system.
        if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(self.root.join(&key[..2]).join(key))
    }
}

#[async_trait]
impl BlobStore for LocalBlobs {
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.path(key).ok_or("kunci berkas tidak valid")?;
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(());
        }
        let dir = path.parent().ok_or("folder berkas tidak valid")?;
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| e.to_string())?;
        // Write to a temporary name, then rename: a crash never leaves half a file in place.
        let tmp = dir.join(format!("{key}.tmp{}", std::process::id()));
        tokio::fs::write(&tmp, bytes)
            .await
            .map_err(|e| e.to_string())?;
        tokio::fs::rename(&tmp, &path)
            .await
            .map_err(|e| e.to_string())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, String> {
        let Some(path) = self.path(key) else {
            return Ok(None);
        };
        match tokio::fs::read(&path).await {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The file types evidence may have, recognised by their signatures.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let starts = |sig: &[u8]| bytes.starts_with(sig);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if starts(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if starts(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        Some("video/mp4")
    } else {
        None
    }
}

pub fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        "video/mp4" => "mp4",
        _ => "bin",
    }
}

/// A checked upload, ready to record.
#[derive(Debug, Clone)]
pub struct Checked {
    pub hash: String,
    pub mime: &'static str,
    pub size: i64,
    pub filename: String,
}

/// Keeps only a safe display name: no path, no control characters, at most 120 characters.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.trim().is_empty() {
        "berkas".to_owned()
    } else {
        cleaned.trim().to_owned()
    }
}

/// Checks size and type, scans, and stores the bytes. Nothing is stored when a check fails.
pub async fn accept(
    blobs: &dyn BlobStore,
    scanner: &dyn Scanner,
    filename: &str,
    bytes: &[u8],
    max_bytes: usize,
) -> CoreResult<Checked> {
    if bytes.is_empty() {
        return Err(CoreError::field("file", "empty", "Berkas kosong."));
    }
    if bytes.len() > max_bytes {
        return Err(CoreError::field(
            "file",
            "too_large",
            format!(
                "Berkas terlalu besar (maksimal {} MB).",
                max_bytes / (1024 * 1024)
            ),
        ));
    }
    let Some(mime) = sniff(bytes) else {
        return Err(CoreError::field(
            "file",
            "type",
            "Jenis berkas tidak diizinkan. Gunakan gambar (PNG, JPEG, GIF, WebP), PDF, atau video MP4.",
        ));
    };
    scanner.scan(bytes).await.map_err(|reason| {
        CoreError::field(
            "file",
            "rejected",
            format!("Berkas ditolak pemindai: {reason}"),
        )
    })?;
    let hash = hex::encode(Sha256::digest(bytes));
    blobs.put(&hash, bytes).await.map_err(CoreError::Internal)?;
    Ok(Checked {
        hash,
        mime,
        size: bytes.len() as i64,
        filename: clean_filename(filename),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(b"\x00\x00\x00\x18ftypmp42"), Some("video/mp4"));
        assert_eq!(sniff(b"<script>alert(1)</script>"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None, "executables are refused");
    }

    #[test]
    fn filenames_are_cleaned() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(
            clean_filename("C:\\\\Users\\\\tangkapan layar.png"),
            "tangkapan layar.png"
        );
        assert_eq!(clean_filename("a\u{0}b.png"), "ab.png");
        assert_eq!(clean_filename("   "), "berkas");
    }

    #[tokio::test]
    async fn local_blobs_round_trip_and_refuse_bad_keys() {
        let dir = std::env::temp_dir().join(format!("sinergi-blobs-{}", std::process::id()));
        let blobs = LocalBlobs::new(dir.clone());
        let c = accept(&blobs, &NoScan, "bukti.pdf", b"%PDF-1.4 isi", 1024)
            .await
            .unwrap();
        assert_eq!(blobs.get(&c.hash).await.unwrap().unwrap(), b"%PDF-1.4 isi");
        assert!(blobs.get("../../etc/passwd").await.unwrap().is_none());
        assert!(
            accept(&blobs, &NoScan, "x.png", b"bukan gambar", 1024)
                .await
                .is_err()
        );
        assert!(
            accept(&blobs, &NoScan, "x.pdf", &[b'%'; 2048], 1024)
                .await
                .is_err()
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
