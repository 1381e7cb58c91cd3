//! File storage backends for Sinergi: where attachment contents live, chosen by the `[files]`
//! configuration table.
//!
//! * `backend = "local"` (default): [`LocalBlobs`] under `data_dir/berkas`.
//! * `backend = "s3"`: [`S3Blobs`], any S3-compatible object store (AWS S3, MinIO, Ceph RGW,
//!   Wasabi, Indonesian cloud providers' S3) with path-style requests.
//!
//! # Why a crate of its own
//!
//! `sinergi-core` owns the [`BlobStore`] trait and stays free of network clients, so the
//! implementation lives outside it. The existing I/O crates each have one job (`store`: the
//! database, `notify`: outgoing messages, `monitor`: fetching news under an SSRF policy) and
//! are built by tests that never touch files; putting S3 in any of them would make those
//! crates and their tests compile the S3 client too. Here only `sinergi` (the binary) depends
//! on it, and the S3 integration test (against a local `moto_server`) stays next to the code.
//!
//! # Why `object_store`
//!
//! `object_store` 0.14 (Apache Arrow) is built on the same `reqwest` 0.13 / rustls / aws-lc-rs
//! the workspace already uses, so it adds a handful of small crates rather than a second HTTP
//! stack; in exchange we get a maintained SigV4 signer (payload hash signed, no
//! `UNSIGNED-PAYLOAD`), retries with backoff, and error mapping used by many production
//! systems, instead of a hand-written signer we would have to keep correct ourselves.

use std::fmt;
use std::path::Path as FsPath;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ClientOptions, ObjectStoreExt, PutPayload, RetryConfig};
use serde::{Deserialize, Serialize};
pub use sinergi_core::files::{BlobStore, LocalBlobs};

/// SHA-256 of no bytes: the key the startup check writes (an empty file is never accepted as
/// an upload, and writing it again is harmless because keys are content hashes).
pub const EMPTY_KEY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    #[default]
    Local,
    S3,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Local => "local",
            Backend::S3 => "s3",
        })
    }
}

/// The `[files]` configuration table.
#[derive(Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct FilesConfig {
    pub backend: Backend,
    /// e.g. `https://s3.ap-southeast-3.amazonaws.com`, `http://minio.internal:9000`. Empty
    /// means AWS S3 in `s3_region`.
    pub s3_endpoint: String,
    pub s3_bucket: String,
    pub s3_region: String,
    pub s3_access_key: String,
    pub s3_secret_key: String,
    /// Folder inside the bucket, e.g. `sinergi/berkas`; empty means the bucket root.
    pub s3_prefix: String,
}

impl Default for FilesConfig {
    fn default() -> Self {
        Self {
            backend: Backend::Local,
            s3_endpoint: String::new(),
            s3_bucket: String::new(),
            s3_region: "us-east-1".into(),
            s3_access_key: String::new(),
            s3_secret_key: String::new(),
            s3_prefix: String::new(),
        }
    }
}

/// The secret key never reaches logs or `sinergi config`.
impl fmt::Debug for FilesConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilesConfig")
            .field("backend", &self.backend)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_bucket", &self.s3_bucket)
            .field("s3_region", &self.s3_region)
            .field("s3_access_key", &self.s3_access_key)
            .field("s3_secret_key", &redact(&self.s3_secret_key))
            .field("s3_prefix", &self.s3_prefix)
            .finish()
    }
}

/// `"***"` for a set secret, empty for an unset one (so an operator sees whether it is set).
pub fn redact(secret: &str) -> &'static str {
    if secret.is_empty() { "" } else { "***" }
}

impl FilesConfig {
    /// Opens the configured backend. For S3 this also checks, by writing and reading back the
    /// empty file, that the bucket is reachable, exists and accepts these credentials, so a
    /// misconfiguration stops the server at start rather than at the first upload.
    pub async fn open(&self, data_dir: &FsPath) -> Result<Arc<dyn BlobStore>, String> {
        match self.backend {
            Backend::Local => Ok(Arc::new(LocalBlobs::new(data_dir.join("berkas")))),
            Backend::S3 => {
                let s3 = S3Blobs::new(self)?;
                s3.check().await?;
                tracing::info!(
                    endpoint = %s3.endpoint, bucket = %s3.bucket, prefix = %s3.prefix,
                    "file storage: S3"
                );
                Ok(Arc::new(s3))
            }
        }
    }
}

/// Files in an S3-compatible bucket, one object per content hash: `{s3_prefix}/{hash}`.
pub struct S3Blobs {
    store: AmazonS3,
    endpoint: String,
    bucket: String,
    prefix: String,
}

/// Shows where, never the keys.
impl fmt::Debug for S3Blobs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Blobs")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl S3Blobs {
    pub fn new(cfg: &FilesConfig) -> Result<Self, String> {
        let fail = |what: String| format!("konfigurasi [files] untuk S3 tidak valid: {what}");
        if cfg.s3_bucket.trim().is_empty() {
            return Err(fail("s3_bucket kosong (s3_bucket is empty)".into()));
        }
        // Without both keys the client would fall back to instance metadata, which outside
        // AWS only hangs; require them.
        if cfg.s3_access_key.is_empty() || cfg.s3_secret_key.is_empty() {
            return Err(fail(
                "s3_access_key dan s3_secret_key wajib diisi (both keys are required)".into(),
            ));
        }
        let prefix = cfg.s3_prefix.trim_matches('/').to_owned();
        if !prefix.is_empty() {
            Path::parse(&prefix).map_err(|e| fail(format!("s3_prefix: {e}")))?;
        }
        let region = Some(cfg.s3_region.trim())
            .filter(|r| !r.is_empty())
            .unwrap_or("us-east-1");
        let endpoint = cfg.s3_endpoint.trim().trim_end_matches('/').to_owned();
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(cfg.s3_bucket.trim())
            .with_region(region)
            .with_access_key_id(&cfg.s3_access_key)
            .with_secret_access_key(&cfg.s3_secret_key)
            // Path-style (`endpoint/bucket/key`): what MinIO, Ceph and most non-AWS services
            // expect, and no wildcard DNS needed.
            .with_virtual_hosted_style_request(false)
            // Sign the payload hash (the default, stated so it is not changed by accident).
            .with_unsigned_payload(false)
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(5))
                    // Uploads may be up to 512 MB.
                    .with_timeout(Duration::from_secs(300)),
            )
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(30),
                ..Default::default()
            });
        if !endpoint.is_empty() {
            if !endpoint.starts_with("http://") && !endpoint.starts_with("https://") {
                return Err(fail(format!(
                    "s3_endpoint harus diawali http:// atau https:// (got {endpoint:?})"
                )));
            }
            if endpoint.starts_with("http://") {
                tracing::warn!(
                    %endpoint,
                    "S3 endpoint without TLS: requests are signed, but file contents travel in clear"
                );
            }
            builder = builder
                .with_endpoint(&endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        let store = builder.build().map_err(|e| fail(e.to_string()))?;
        let shown_endpoint = if endpoint.is_empty() {
            format!("https://s3.{region}.amazonaws.com")
        } else {
            endpoint
        };
        Ok(Self {
            store,
            endpoint: shown_endpoint,
            bucket: cfg.s3_bucket.trim().to_owned(),
            prefix,
        })
    }

    fn path(&self, key: &str) -> Option<Path> {
        // Keys are hex hashes; anything else never reaches the bucket.
        if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let full = if self.prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{}/{key}", self.prefix)
        };
        Path::parse(full).ok()
    }

    /// Writes the empty file and reads it back: proves the endpoint answers, the bucket
    /// exists, and the credentials may write and read.
    pub async fn check(&self) -> Result<(), String> {
        let fail = |e: String| {
            format!(
                "penyimpanan berkas S3 tidak dapat dipakai (S3 file storage unusable; \
                 endpoint {}, bucket {:?}): {e}",
                self.endpoint, self.bucket
            )
        };
        self.put(EMPTY_KEY, b"").await.map_err(fail)?;
        match self.get(EMPTY_KEY).await.map_err(fail)? {
            Some(b) if b.is_empty() => Ok(()),
            Some(_) => Err(fail(
                "isi uji baca-ulang berbeda (read-back differs)".into(),
            )),
            None => Err(fail(
                "berkas uji tidak terbaca setelah ditulis (written test object not found)".into(),
            )),
        }
    }

    fn describe(&self, e: object_store::Error) -> String {
        use object_store::Error as E;
        match &e {
            E::NotFound { .. } => format!(
                "bucket {:?} tidak ditemukan (bucket not found): {e}",
                self.bucket
            ),
            E::PermissionDenied { .. } | E::Unauthenticated { .. } => format!(
                "S3 menolak akses — periksa s3_access_key, s3_secret_key, s3_region dan izin \
                 bucket (access denied: check keys, region and bucket policy): {e}"
            ),
            _ => format!(
                "S3 di {} tidak dapat dihubungi atau gagal (unreachable or failed): {e}",
                self.endpoint
            ),
        }
    }
}

#[async_trait]
impl BlobStore for S3Blobs {
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.path(key).ok_or("kunci berkas tidak valid")?;
        self.store
            .put(&path, PutPayload::from(bytes.to_vec()))
            .await
            .map(|_| ())
            .map_err(|e| self.describe(e))
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, String> {
        let Some(path) = self.path(key) else {
            return Ok(None);
        };
        let found = match self.store.get(&path).await {
            Ok(r) => r,
            // A missing key. (Without s3:ListBucket permission AWS answers 403 instead.)
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(self.describe(e)),
        };
        found
            .bytes()
            .await
            .map(|b| Some(b.to_vec()))
            .map_err(|e| self.describe(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3_cfg() -> FilesConfig {
        FilesConfig {
            backend: Backend::S3,
            s3_endpoint: "http://127.0.0.1:9".into(),
            s3_bucket: "sinergi".into(),
            s3_access_key: "AKIAEXAMPLE".into(),
            s3_secret_key: "rahasia-s3-jangan-bocor".into(),
            s3_prefix: "/berkas/".into(),
            ..FilesConfig::default()
        }
    }

    #[test]
    fn debug_redacts_the_secret() {
        let shown = format!("{:?}", s3_cfg());
        assert!(!shown.contains("rahasia-s3-jangan-bocor"), "{shown}");
        assert!(shown.contains("s3_secret_key: \"***\""), "{shown}");
        assert!(
            shown.contains("AKIAEXAMPLE"),
            "the access key id is not secret"
        );
        let unset = format!("{:?}", FilesConfig::default());
        assert!(unset.contains("s3_secret_key: \"\""), "{unset}");
    }

    #[test]
    fn keys_are_hashes_under_the_prefix() {
        let s3 = S3Blobs::new(&s3_cfg()).unwrap();
        assert_eq!(
            s3.path(EMPTY_KEY).unwrap().as_ref(),
            format!("berkas/{EMPTY_KEY}")
        );
        assert!(s3.path("../../etc/passwd").is_none());
        assert!(s3.path(&"g".repeat(64)).is_none());
    }

    #[test]
    fn incomplete_configuration_is_refused() {
        let no_bucket = FilesConfig {
            s3_bucket: String::new(),
            ..s3_cfg()
        };
        assert!(S3Blobs::new(&no_bucket).unwrap_err().contains("s3_bucket"));
        let no_secret = FilesConfig {
            s3_secret_key: String::new(),
            ..s3_cfg()
        };
        assert!(
            S3Blobs::new(&no_secret)
                .unwrap_err()
                .contains("s3_secret_key")
        );
        let bad_endpoint = FilesConfig {
            s3_endpoint: "minio:9000".into(),
            ..s3_cfg()
        };
        assert!(
            S3Blobs::new(&bad_endpoint)
                .unwrap_err()
                .contains("s3_endpoint")
        );
    }

    #[tokio::test]
    async fn unreachable_endpoint_fails_the_startup_check_clearly() {
        // Port 9 (discard) on loopback: connection refused.
        let err = match s3_cfg().open(FsPath::new("/nonexistent")).await {
            Ok(_) => panic!("an unreachable endpoint must fail"),
            Err(e) => e,
        };
        assert!(err.contains("tidak dapat dipakai"), "{err}");
        assert!(err.contains("127.0.0.1:9"), "{err}");
    }

    #[test]
    fn backend_names_parse() {
        #[derive(Deserialize)]
        struct T {
            files: FilesConfig,
        }
        let t: T = serde_json::from_str(r#"{"files":{"backend":"s3","s3_bucket":"b"}}"#).unwrap();
        assert_eq!(t.files.backend, Backend::S3);
        assert_eq!(t.files.s3_region, "us-east-1", "region defaults");
    }
}
