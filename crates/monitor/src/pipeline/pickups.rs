//! Release pickups at ingest: every analysed article is matched against the 3-grams of the
//! releases published in the last 30 days (`sinergi_text::PickupIndex`), in the parallel
//! phase; matches are recorded with the article and the owning unit is notified.
//!
//! The index is rebuilt from the store when the newsroom publishes, corrects or withdraws
//! something on this instance (the portal epoch moves) and at least once a minute otherwise
//! (another instance may have published). A release entering the index for the first time is
//! also searched for in the articles already stored (copies that came in before it was seen).

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sinergi_core::Core;
use sinergi_core::time::now_millis;
use sinergi_text::PickupIndex;
use tokio::sync::Mutex;

const RELOAD_EVERY: Duration = Duration::from_secs(60);

struct Loaded {
    index: Arc<PickupIndex>,
    epoch: u64,
    at: Instant,
    /// Items already backfilled by this process.
    backfilled: HashSet<i64>,
}

#[derive(Default)]
pub(super) struct Pickups {
    loaded: Mutex<Option<Loaded>>,
}

impl Pickups {
    /// The current index, reloaded first when stale.
    pub(super) async fn index(&self, core: &Arc<Core>) -> anyhow::Result<Arc<PickupIndex>> {
        let mut guard = self.loaded.lock().await;
        let epoch = core.portal_epoch();
        if let Some(l) = guard.as_ref()
            && l.epoch == epoch
            && l.at.elapsed() < RELOAD_EVERY
        {
            return Ok(l.index.clone());
        }
        let items = core.pickup_candidates(now_millis()).await?;
        let mut index = PickupIndex::new();
        for item in &items {
            if let Some(published) = item.published_at {
                index.add(item.id, published, &Core::pickup_text(item));
            }
        }
        let mut backfilled = guard.take().map(|l| l.backfilled).unwrap_or_default();
        for item in &items {
            if backfilled.insert(item.id)
                && let Err(e) = core.backfill_pickups(item).await
            {
                tracing::warn!(item = item.id, error = %e, "pickup backfill failed");
            }
        }
        let index = Arc::new(index);
        *guard = Some(Loaded {
            index: index.clone(),
            epoch,
            at: Instant::now(),
            backfilled,
        });
        Ok(index)
    }
}
