//! The public portal's reads. No actor: everything here returns only published items and
//! approved comments. Related articles come from an in-memory content index rebuilt from the
//! store on first use and updated whenever a public item changes.

use super::*;
use crate::network::Org;
use crate::newsroom::related::RelatedCache;
use crate::newsroom::store::PublicFilter;

#[derive(Debug, Clone, Serialize)]
pub struct PortalOrg {
    pub code: String,
    pub name: String,
    pub items: i64,
}

impl Core {
    /// Bumped on every change the portal shows; the web layer's page cache keys on it.
    pub fn portal_epoch(&self) -> u64 {
        self.portal_epoch.load(std::sync::atomic::Ordering::Acquire)
    }

    pub(crate) async fn portal_changed(&self, item: &NewsItem) {
        self.portal_epoch
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        let fresh = self.store.item_by_id(item.id).await.ok().flatten();
        let mut rel = self.related.write().await;
        if let Some(cache) = rel.as_mut() {
            match fresh {
                Some(i) if i.status.is_public() => cache.upsert(&i),
                _ => cache.remove(item.id),
            }
        }
    }

    pub async fn portal_org(&self, code: &str) -> CoreResult<Org> {
        self.store
            .org_by_code(code)
            .await?
            .ok_or(CoreError::NotFound)
    }

    pub async fn portal_orgs(&self) -> CoreResult<Vec<PortalOrg>> {
        Ok(self
            .store
            .portal_orgs()
            .await?
            .into_iter()
            .map(|(code, name, items)| PortalOrg { code, name, items })
            .collect())
    }

    pub async fn portal_items(
        &self,
        org: &Org,
        filter: &PublicFilter,
        page: PageReq,
    ) -> CoreResult<Page<NewsItem>> {
        Ok(self.store.public_items(org.id, filter, page).await?)
    }

    /// A public item of this organisation; anything else is "not found".
    pub async fn portal_item(&self, org: &Org, id: i64) -> CoreResult<NewsItem> {
        self.store
            .item_by_id(id)
            .await?
            .filter(|i| i.org_id == org.id && i.status.is_public())
            .ok_or(CoreError::NotFound)
    }

    pub async fn portal_files(&self, item: &NewsItem) -> CoreResult<Vec<ItemFile>> {
        Ok(self.store.item_files(item.id).await?)
    }

    pub async fn portal_comments(&self, item: &NewsItem) -> CoreResult<Vec<Comment>> {
        Ok(self.store.public_comments(item.id).await?)
    }

    /// "Baca Juga": up to `k` related public items, same organisation first, then the rest
    /// of the network.
    pub async fn related_items(&self, item: &NewsItem, k: usize) -> CoreResult<Vec<NewsItem>> {
        {
            let guard = self.related.read().await;
            if guard.is_none() {
                drop(guard);
                let items = self.store.all_public_items(20_000).await?;
                let mut w = self.related.write().await;
                if w.is_none() {
                    let mut cache = RelatedCache::default();
                    for i in &items {
                        cache.upsert(i);
                    }
                    *w = Some(cache);
                }
            }
        }
        let ranked = {
            let guard = self.related.read().await;
            match guard.as_ref() {
                Some(c) => c.related(item, k * 4),
                None => Vec::new(),
            }
        };
        let mut same = Vec::new();
        let mut other = Vec::new();
        for (id, org_id) in ranked {
            if org_id == item.org_id {
                same.push(id);
            } else {
                other.push(id);
            }
        }
        let ids: Vec<i64> = same.into_iter().chain(other).take(k).collect();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(i) = self
                .store
                .item_by_id(id)
                .await?
                .filter(|i| i.status.is_public())
            {
                out.push(i);
            }
        }
        Ok(out)
    }
}

impl Core {
    /// A comment shown on the portal (for reports).
    pub async fn portal_comment(&self, id: i64) -> CoreResult<Comment> {
        self.store
            .comment_by_id(id)
            .await?
            .filter(|c| c.status == CommentStatus::Approved)
            .ok_or(CoreError::NotFound)
    }
}
