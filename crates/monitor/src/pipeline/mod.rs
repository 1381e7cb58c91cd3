//! The monitoring pipeline: a fetched (or imported) page becomes an analysed, stored,
//! searchable article. Extraction and analysis run on the blocking pool in parallel; story
//! grouping, issue clustering, storage and indexing run in order under one lock, so two
//! batches never race for the same syndication group or issue.

mod analyse;
pub mod jobs;
mod pickups;
mod searches;

use std::collections::HashMap;
use std::sync::Arc;

use sinergi_core::Core;
use sinergi_core::monitor::{Article, NewArticle, Source};
use sinergi_core::newsroom::NewPickup;
use sinergi_core::time::now_millis;
use sinergi_text::PickupMatch;
use sinergi_text::cluster::{ClusterConfig, ClusterInput, StoryClusterer};
use sinergi_text::dedup::{Fingerprint, LshIndex, is_same_story};
use tokio::sync::Mutex;

use crate::search_adapter::Searcher;

pub use analyse::{Prepared, RawPage, index_doc, prepare};

/// Republished copies appear within a day or two; the syndication index keeps articles
/// published this long before the newest one (and at most [`SYNDICATION_CAP`]), so lookups stay
/// fast however much history there is.
const SYNDICATION_WINDOW_MS: i64 = 2 * 86_400_000;
const SYNDICATION_CAP: usize = 200_000;
/// LSH bands shared by more articles than this are boilerplate and ignored (see
/// `LshIndex::candidates_capped`); a story republished by more outlets still matches through
/// its other bands.
const MAX_BUCKET: usize = 64;
/// The index is pruned (rebuilt without old articles) after this many additions.
const SYNDICATION_PRUNE_EVERY: usize = 20_000;
/// How far back a restart replays articles to warm up the issue clusterer.
const WARMUP_MS: i64 = 3 * 86_400_000;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IngestReport {
    pub new: usize,
    pub existing: usize,
    /// Pages that could not be extracted (no article text).
    pub rejected: usize,
}

struct Syndication {
    lsh: LshIndex,
    /// (story id, published, fingerprint) by LSH slot.
    docs: Vec<(i64, i64, Fingerprint)>,
    newest: i64,
    added_since_prune: usize,
}

impl Syndication {
    fn new() -> Self {
        Self {
            lsh: LshIndex::default(),
            docs: Vec::new(),
            newest: i64::MIN,
            added_since_prune: 0,
        }
    }

    /// The first article of the story `fp` (published at `at`) belongs to, if any.
    fn find(&self, fp: &Fingerprint, at: i64) -> Option<i64> {
        self.lsh
            .candidates_capped(&fp.minhash, MAX_BUCKET)
            .into_iter()
            .filter_map(|c| self.docs.get(c as usize))
            .filter(|(_, published, _)| (published - at).abs() <= SYNDICATION_WINDOW_MS)
            .find(|(_, _, other)| is_same_story(other, fp))
            .map(|(id, _, _)| *id)
    }

    fn add(&mut self, story_or_id: i64, published: i64, fp: Fingerprint) {
        self.newest = self.newest.max(published);
        self.added_since_prune += 1;
        if self.added_since_prune >= SYNDICATION_PRUNE_EVERY || self.docs.len() >= SYNDICATION_CAP {
            self.prune();
        }
        let Ok(slot) = u32::try_from(self.docs.len()) else {
            return;
        };
        self.lsh.insert(slot, &fp.minhash);
        self.docs.push((story_or_id, published, fp));
    }

    /// Rebuilds the index with only the articles inside the window (and under the cap).
    fn prune(&mut self) {
        let horizon = self.newest.saturating_sub(SYNDICATION_WINDOW_MS);
        let mut keep: Vec<(i64, i64, Fingerprint)> = std::mem::take(&mut self.docs)
            .into_iter()
            .filter(|(_, published, _)| *published >= horizon)
            .collect();
        if keep.len() >= SYNDICATION_CAP {
            keep.drain(..keep.len() - SYNDICATION_CAP / 2);
        }
        self.lsh = LshIndex::default();
        self.added_since_prune = 0;
        for (slot, (_, _, fp)) in keep.iter().enumerate() {
            if let Ok(slot) = u32::try_from(slot) {
                self.lsh.insert(slot, &fp.minhash);
            }
        }
        self.docs = keep;
    }
}

struct State {
    clusterer: StoryClusterer,
    /// Clusterer issue → stored issue id.
    issue_ids: HashMap<u64, i64>,
    issue_sizes: HashMap<u64, usize>,
    syndication: Syndication,
    next_cluster_doc: u64,
}

pub struct Pipeline {
    core: Arc<Core>,
    searcher: Arc<Searcher>,
    state: Mutex<State>,
    searches: searches::SavedSearchCache,
    pickups: pickups::Pickups,
    title_weight: f32,
}

impl Pipeline {
    pub fn new(core: Arc<Core>, searcher: Arc<Searcher>) -> Self {
        let threshold = core.config().monitor.cluster_threshold;
        let cluster = ClusterConfig {
            threshold,
            ..ClusterConfig::default()
        };
        Self {
            title_weight: cluster.title_weight,
            core,
            searcher,
            state: Mutex::new(State {
                clusterer: StoryClusterer::new(cluster),
                issue_ids: HashMap::new(),
                issue_sizes: HashMap::new(),
                syndication: Syndication::new(),
                next_cluster_doc: 1,
            }),
            searches: searches::SavedSearchCache::default(),
            pickups: pickups::Pickups::default(),
        }
    }

    pub fn core(&self) -> &Arc<Core> {
        &self.core
    }

    pub fn searcher(&self) -> &Arc<Searcher> {
        &self.searcher
    }

    /// After a start: re-index what the store has beyond the index's committed mark, and replay
    /// recent articles through the syndication index and the clusterer so new articles join
    /// the stories and issues they belong to. Returns how many articles were re-indexed.
    pub async fn recover(&self) -> anyhow::Result<usize> {
        let store = self.core.store().clone();
        let mut after = self.searcher.committed_mark();
        let mut reindexed = 0;
        loop {
            let batch = store.articles_after(after, 1000).await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            let docs: Vec<_> = batch.iter().map(analyse::index_doc).collect();
            let s = self.searcher.clone();
            tokio::task::spawn_blocking(move || s.upsert(&docs)).await??;
            reindexed += batch.len();
        }
        if reindexed > 0 {
            let s = self.searcher.clone();
            tokio::task::spawn_blocking(move || s.commit_if_dirty()).await??;
        }
        // Warm-up: the articles of the last few days, oldest first (only those are read).
        let since = now_millis() - WARMUP_MS;
        let mut st = self.state.lock().await;
        let mut cursor = 0i64;
        loop {
            let batch = store.articles_published_since(since, cursor, 1000).await?;
            let Some(last) = batch.last() else { break };
            cursor = last.id;
            for a in batch {
                let fp = sinergi_text::dedup::fingerprint(&a.body);
                st.syndication
                    .add(a.story_id.unwrap_or(a.id), a.published_at, fp);
                let doc = st.next_cluster_doc;
                st.next_cluster_doc += 1;
                let asg = st.clusterer.assign(&ClusterInput {
                    id: doc,
                    published_ms: a.published_at,
                    title: &a.title,
                    text: &a.body,
                });
                if let Some(issue) = a.issue_id {
                    st.issue_ids.entry(asg.issue).or_insert(issue);
                }
                *st.issue_sizes.entry(asg.issue).or_default() += 1;
            }
        }
        Ok(reindexed)
    }

    /// Analyses, stores and indexes pages. Idempotent: pages already stored (same canonical
    /// URL) are re-indexed, not duplicated, so a retried job is harmless.
    pub async fn ingest(
        &self,
        pages: Vec<RawPage>,
        source: Option<&Source>,
    ) -> anyhow::Result<IngestReport> {
        let mut report = IngestReport::default();
        let source_region = source.and_then(|s| s.region_code.clone());
        let source_id = source.map(|s| s.id);
        let outlet = source.map(|s| s.outlet.clone());
        let t0 = std::time::Instant::now();
        let releases = self.pickups.index(&self.core).await?;
        let prepared = analyse::prepare_parallel(
            pages,
            source_id,
            outlet,
            source_region,
            self.title_weight,
            releases,
        )
        .await?;
        let t_prepare = t0.elapsed();
        let mut ready: Vec<(NewArticle, Fingerprint)> = Vec::with_capacity(prepared.len());
        let mut terms: Vec<Vec<(String, f32)>> = Vec::with_capacity(prepared.len());
        let mut found: Vec<Vec<PickupMatch>> = Vec::with_capacity(prepared.len());
        for p in prepared {
            match p {
                Ok(p) => {
                    ready.push((p.article, p.fingerprint));
                    terms.push(p.terms);
                    found.push(p.pickups);
                }
                Err((canonical, reason)) => {
                    report.rejected += 1;
                    self.core
                        .store()
                        .finish_url(&canonical, Some(&reason), now_millis())
                        .await?;
                }
            }
        }
        if ready.is_empty() {
            return Ok(report);
        }

        let store = self.core.store().clone();
        let mut st = self.state.lock().await;
        let t1 = std::time::Instant::now();
        // Syndication groups and issues, in order.
        let mut in_batch: Vec<(usize, usize)> = Vec::new();
        let mut relabel: Vec<u64> = Vec::new();
        for i in 0..ready.len() {
            let fp = &ready[i].1;
            let earlier = st.syndication.find(fp, ready[i].0.published_at);
            if earlier.is_some() {
                ready[i].0.story_id = earlier;
            } else if let Some(j) = (0..i).find(|&j| is_same_story(&ready[j].1, fp)) {
                in_batch.push((i, j));
            }
            let doc = st.next_cluster_doc;
            st.next_cluster_doc += 1;
            let a = &ready[i].0;
            let asg = st.clusterer.assign_counts(
                &terms[i],
                &ClusterInput {
                    id: doc,
                    published_ms: a.published_at,
                    title: &a.title,
                    text: &a.body,
                },
            );
            let size = {
                let e = st.issue_sizes.entry(asg.issue).or_default();
                *e += 1;
                *e
            };
            let issue_id = match st.issue_ids.get(&asg.issue) {
                Some(id) => *id,
                None => {
                    let label = st.clusterer.label(asg.issue);
                    let id = store.insert_issue(&label, a.published_at).await?;
                    st.issue_ids.insert(asg.issue, id);
                    id
                }
            };
            // The label firms up as the issue grows.
            if matches!(size, 3 | 10 | 50 | 200 | 1000) {
                relabel.push(asg.issue);
            }
            ready[i].0.issue_id = Some(issue_id);
        }
        let t_group = t1.elapsed();
        let articles: Vec<NewArticle> = ready.iter().map(|(a, _)| a.clone()).collect();
        let ids = store.insert_articles(&articles).await?;
        let t_store = t1.elapsed() - t_group;
        // Pickups of new and already stored articles alike (recording is idempotent).
        let now = now_millis();
        let pickup_rows: Vec<NewPickup> = found
            .iter()
            .zip(&ids)
            .flat_map(|(matches, (article_id, _))| {
                matches.iter().map(move |m| NewPickup {
                    item_id: m.release_id,
                    article_id: *article_id,
                    similarity: m.similarity,
                    found_at: now,
                })
            })
            .collect();
        if !pickup_rows.is_empty() {
            self.core.record_pickups(&pickup_rows).await?;
        }
        let mut stories: Vec<(i64, i64)> = Vec::new();
        for &(dup, orig) in &in_batch {
            if ids[dup].1 {
                stories.push((ids[dup].0, ids[orig].0));
            }
        }
        if !stories.is_empty() {
            store.set_article_stories(&stories).await?;
        }
        for issue in relabel {
            if let Some(id) = st.issue_ids.get(&issue) {
                store
                    .set_issue_label(*id, &st.clusterer.label(issue))
                    .await?;
            }
        }
        let story_of: HashMap<i64, i64> = stories.iter().copied().collect();
        for ((a, fp), (id, new)) in ready.into_iter().zip(&ids) {
            if *new {
                let story = a
                    .story_id
                    .or_else(|| story_of.get(id).copied())
                    .unwrap_or(*id);
                st.syndication.add(story, a.published_at, fp);
            }
        }
        drop(st);

        // New articles are indexed from memory; ones stored before (a retried job) are read
        // back, so the index matches what the store holds.
        let existing_ids: Vec<i64> = ids.iter().filter(|(_, n)| !*n).map(|(id, _)| *id).collect();
        let mut existing: HashMap<i64, Article> = store
            .articles_by_ids(&existing_ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let source_org = source.map(|s| s.org_id);
        let stored: Vec<Article> = articles
            .iter()
            .zip(&ids)
            .filter_map(|(a, (id, new))| {
                if *new {
                    let mut art = Article::from_new(a, *id, source_org);
                    art.story_id = art.story_id.or_else(|| story_of.get(id).copied());
                    Some(art)
                } else {
                    existing.remove(id)
                }
            })
            .collect();
        // Fresh articles are added; ones stored before (a retried job) replace their old entry.
        let new_ids: std::collections::HashSet<i64> =
            ids.iter().filter(|(_, n)| *n).map(|(id, _)| *id).collect();
        let (fresh_docs, old_docs): (Vec<_>, Vec<_>) = stored
            .iter()
            .map(analyse::index_doc)
            .partition(|d| new_ids.contains(&d.id));
        let s = self.searcher.clone();
        let t2 = std::time::Instant::now();
        tokio::task::spawn_blocking(move || {
            s.add_new(&fresh_docs)?;
            s.upsert(&old_docs)
        })
        .await??;
        let t_index = t2.elapsed();
        tracing::debug!(
            pages = ids.len(),
            prepare_ms = t_prepare.as_millis() as u64,
            group_ms = t_group.as_millis() as u64,
            store_ms = t_store.as_millis() as u64,
            index_ms = t_index.as_millis() as u64,
            "ingest batch"
        );
        report.new = ids.iter().filter(|(_, n)| *n).count();
        report.existing = ids.len() - report.new;

        let fresh: Vec<Article> = stored
            .into_iter()
            .filter(|a| new_ids.contains(&a.id))
            .collect();
        if !fresh.is_empty() {
            self.searches.deliver(&self.core, &fresh).await?;
        }
        Ok(report)
    }
}
