//! [`Core`]: the use-case services. Each module adds its methods in its own folder
//! (`network/service.rs`, `auth/service.rs`, `jobs/service.rs`).

use std::sync::Arc;
use std::time::Duration;

use crate::auth::Actor;
use crate::auth::ratelimit::Window;
use crate::error::{CoreError, CoreResult};
use crate::network::org::CENTRE_CODE;
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct CoreConfig {
    pub login_max_failures_per_account: usize,
    pub login_max_failures_per_ip: usize,
    pub login_window: Duration,
    pub session_ttl: Duration,
    pub crisis: crate::crisis::CrisisConfig,
    pub channels: crate::notify::Channels,
    pub monitor: crate::monitor::service::MonitorConfig,
    pub newsroom: crate::newsroom::service::NewsroomConfig,
}

impl Default for CoreConfig {
    fn default() -> Self {
        Self {
            login_max_failures_per_account: 5,
            login_max_failures_per_ip: 20,
            login_window: Duration::from_secs(15 * 60),
            session_ttl: Duration::from_secs(12 * 3600),
            crisis: crate::crisis::CrisisConfig::default(),
            channels: crate::notify::Channels::default(),
            monitor: crate::monitor::service::MonitorConfig::default(),
            newsroom: crate::newsroom::service::NewsroomConfig::default(),
        }
    }
}

pub struct Core {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) cfg: CoreConfig,
    pub(crate) account_failures: Window,
    pub(crate) ip_failures: Window,
    pub(crate) claim_cache: crate::crisis::claims::ClaimCache,
    pub(crate) files: Option<FileService>,
    pub(crate) index: Option<Arc<dyn crate::monitor::ArticleIndex>>,
    pub(crate) url_policy: Option<Arc<dyn crate::monitor::service::UrlPolicy>>,
    /// Bumped when a saved search is added or removed in this process (the pipeline's
    /// query cache reloads at once instead of waiting for its refresh interval).
    pub(crate) saved_search_epoch: std::sync::atomic::AtomicU64,
    /// Public comments per client address.
    pub(crate) comment_limit: Window,
    /// Comment reports already counted (reader hash + comment).
    pub(crate) reported: std::sync::Mutex<std::collections::HashSet<String>>,
    /// Bumped on every change the public portal shows (its page cache keys on it).
    pub(crate) portal_epoch: std::sync::atomic::AtomicU64,
    /// "Baca Juga" index, built on first use.
    pub(crate) related: tokio::sync::RwLock<Option<crate::newsroom::related::RelatedCache>>,
}

/// Where uploads go and how they are checked.
pub struct FileService {
    pub blobs: Arc<dyn crate::files::BlobStore>,
    pub scanner: Arc<dyn crate::files::Scanner>,
    pub max_bytes: usize,
}

impl Core {
    pub fn new(store: Arc<dyn Store>, cfg: CoreConfig) -> Self {
        Self {
            account_failures: Window::new(cfg.login_max_failures_per_account, cfg.login_window),
            ip_failures: Window::new(cfg.login_max_failures_per_ip, cfg.login_window),
            claim_cache: Default::default(),
            files: None,
            index: None,
            url_policy: None,
            saved_search_epoch: Default::default(),
            comment_limit: Window::new(
                cfg.newsroom.comments_per_window,
                cfg.newsroom.comment_window,
            ),
            reported: Default::default(),
            portal_epoch: Default::default(),
            related: Default::default(),
            store,
            cfg,
        }
    }

    /// Enables uploads (evidence, attachments).
    pub fn with_files(mut self, files: FileService) -> Self {
        self.files = Some(files);
        self
    }

    /// Largest upload accepted (0 when uploads are off).
    pub fn max_upload(&self) -> usize {
        self.files.as_ref().map(|f| f.max_bytes).unwrap_or(0)
    }

    pub(crate) fn file_service(&self) -> CoreResult<&FileService> {
        self.files
            .as_ref()
            .ok_or_else(|| CoreError::Internal("file storage is not configured".into()))
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn config(&self) -> &CoreConfig {
        &self.cfg
    }

    /// Creates the organisation directory on first start (idempotent, safe for two instances
    /// starting at once). Returns how many organisations were new.
    pub async fn bootstrap(&self) -> CoreResult<u64> {
        let orgs = crate::network::regions::seed().map_err(CoreError::Internal)?;
        Ok(self.store.seed_orgs(&orgs).await?)
    }

    /// The platform acting on its own behalf (CLI, scheduled work).
    pub async fn system_actor(&self, label: &str) -> CoreResult<Actor> {
        let centre = self
            .store
            .org_by_code(CENTRE_CODE)
            .await?
            .ok_or_else(|| CoreError::Internal("centre organisation missing".into()))?;
        Ok(Actor::system(centre, label))
    }
}
