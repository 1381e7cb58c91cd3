//! The portal's page cache. The portal is the one part anyone on the internet can hit, so a
//! rendered page is kept in memory and served again until something it shows changes: core
//! bumps its portal epoch on every publish, correction, withdrawal and comment decision, and
//! an entry from an older epoch is rendered afresh. Entries also expire after a minute so
//! that several instances sharing one database converge without talking to each other.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use axum::body::Bytes;

/// Entries kept at most; past it the cache starts over (a flood of distinct URLs cannot grow
/// memory without bound).
const MAX_ENTRIES: usize = 20_000;
const TTL: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct CachedPage {
    pub epoch: u64,
    pub at: Instant,
    pub content_type: &'static str,
    pub etag: String,
    pub body: Bytes,
}

#[derive(Default)]
pub struct PortalCache {
    pages: RwLock<HashMap<String, CachedPage>>,
}

impl PortalCache {
    pub fn get(&self, key: &str, epoch: u64) -> Option<CachedPage> {
        let pages = self.pages.read().unwrap_or_else(|p| p.into_inner());
        pages
            .get(key)
            .filter(|p| p.epoch == epoch && p.at.elapsed() < TTL)
            .cloned()
    }

    pub fn put(&self, key: String, page: CachedPage) {
        let mut pages = self.pages.write().unwrap_or_else(|p| p.into_inner());
        if pages.len() >= MAX_ENTRIES {
            pages.clear();
        }
        pages.insert(key, page);
    }

    pub fn len(&self) -> usize {
        self.pages.read().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A short strong validator for a body.
pub fn etag(body: &[u8], epoch: u64) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    epoch.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(epoch: u64) -> CachedPage {
        CachedPage {
            epoch,
            at: Instant::now(),
            content_type: "text/html",
            etag: etag(b"x", epoch),
            body: Bytes::from_static(b"x"),
        }
    }

    #[test]
    fn a_new_epoch_misses() {
        let c = PortalCache::default();
        c.put("/a".into(), page(1));
        assert!(c.get("/a", 1).is_some());
        assert!(c.get("/a", 2).is_none());
        assert!(c.get("/b", 1).is_none());
    }

    #[test]
    fn size_is_bounded() {
        let c = PortalCache::default();
        for i in 0..(MAX_ENTRIES + 5) {
            c.put(format!("/p{i}"), page(1));
        }
        assert!(c.len() <= MAX_ENTRIES);
    }
}
