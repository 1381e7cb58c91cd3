//! Incremental story clustering: each new article joins the most similar active issue or
//! opens a new one.
//!
//! Documents are TF-IDF vectors over stemmed content words (title terms count
//! [`ClusterConfig::title_weight`] times), kept to their top terms and L2-normalised. An issue
//! is the sum of its documents' vectors, capped to its heaviest terms so its cost stays
//! constant however large it grows. Similarity is the cosine between a document and an issue
//! centroid, computed only for issues that share a term with the document through an
//! inverted index (term -> active issues), and only for issues active within the window, so
//! the cost per article does not grow with history. IDF comes from the stream itself
//! (document frequencies seen so far), so no training corpus is needed.
//!
//! The state is serialisable ([`StoryClusterer::state`] / [`StoryClusterer::from_state`]):
//! a restart continues with the same issue ids.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::keyphrase::keyphrases_weighted;
use crate::stopwords::is_stopword;
use crate::token::{TokenKind, tokenize};

/// Clustering parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// Minimum cosine to join an issue.
    pub threshold: f32,
    /// An issue accepts articles published up to this long after its latest one.
    pub window_ms: i64,
    /// Weight of a title occurrence relative to a body occurrence.
    pub title_weight: f32,
    /// Terms kept per document vector.
    pub doc_terms: usize,
    /// Terms kept per issue centroid.
    pub centroid_terms: usize,
    /// Terms in more than this share of documents are ignored (after 50 documents).
    pub max_df: f32,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            threshold: 0.35,
            window_ms: 3 * 86_400_000,
            title_weight: 3.0,
            doc_terms: 40,
            centroid_terms: 80,
            max_df: 0.3,
        }
    }
}

/// One article to cluster.
#[derive(Debug, Clone, Copy)]
pub struct ClusterInput<'a> {
    pub id: u64,
    pub published_ms: i64,
    pub title: &'a str,
    pub text: &'a str,
}

/// Where an article went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub issue: u64,
    /// The article opened this issue.
    pub is_new: bool,
    /// Cosine to the issue it joined (1.0 for a new issue).
    pub similarity: f32,
}

/// Samples kept per issue for its label.
const LABEL_TITLES: usize = 8;
const LABEL_LEADS: usize = 3;
const LEAD_CHARS: usize = 400;

/// One issue (story).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssueState {
    pub id: u64,
    /// Centroid: (term id, summed weight), heaviest first.
    pub centroid: Vec<(u32, f32)>,
    pub docs: u32,
    pub first_ms: i64,
    pub last_ms: i64,
    pub titles: Vec<String>,
    pub leads: Vec<String>,
}

/// Everything a restart needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterState {
    pub config: ClusterConfig,
    /// Term strings (stems); a term id is an index here.
    pub terms: Vec<String>,
    /// Document frequency per term id.
    pub df: Vec<u32>,
    pub docs: u64,
    pub next_issue: u64,
    pub latest_ms: i64,
    /// Issues still inside the window.
    pub issues: Vec<IssueState>,
    /// Labels of issues that left the window.
    pub closed_labels: Vec<(u64, String)>,
}

/// The incremental clusterer. Not thread-safe by itself; wrap it in a mutex to share.
#[derive(Debug)]
pub struct StoryClusterer {
    cfg: ClusterConfig,
    term_ids: FxHashMap<String, u32>,
    terms: Vec<String>,
    df: Vec<u32>,
    docs: u64,
    next_issue: u64,
    latest_ms: i64,
    issues: FxHashMap<u64, IssueState>,
    /// Term -> issues whose capped centroid holds it.
    postings: FxHashMap<u32, Vec<u64>>,
    closed_labels: FxHashMap<u64, String>,
    since_sweep: u32,
}

/// Stemmed term counts of an article, title terms weighted by `title_weight`: words of at least
/// three letters, stopwords and numbers dropped. Pure, so it can run in parallel.
pub fn term_counts(title: &str, text: &str, title_weight: f32) -> Vec<(String, f32)> {
    let stemmer = crate::global_stemmer();
    let mut tf: FxHashMap<String, f32> = FxHashMap::default();
    let mut lower = String::new();
    for (part, w) in [(title, title_weight), (text, 1.0)] {
        for t in tokenize(part) {
            if t.kind != TokenKind::Word || t.text.len() < 3 {
                continue;
            }
            lower.clear();
            lower.extend(t.text.chars().flat_map(char::to_lowercase));
            if is_stopword(&lower) || lower.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let stem = stemmer.stem(&lower);
            if stem.len() >= 3 && !is_stopword(&stem) {
                *tf.entry(stem.to_string()).or_insert(0.0) += w;
            }
        }
    }
    let mut out: Vec<(String, f32)> = tf.into_iter().collect();
    // A fixed order keeps term ids (and so results) independent of hash order.
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

impl StoryClusterer {
    pub fn new(cfg: ClusterConfig) -> Self {
        StoryClusterer {
            cfg,
            term_ids: FxHashMap::default(),
            terms: Vec::new(),
            df: Vec::new(),
            docs: 0,
            next_issue: 1,
            latest_ms: i64::MIN,
            issues: FxHashMap::default(),
            postings: FxHashMap::default(),
            closed_labels: FxHashMap::default(),
            since_sweep: 0,
        }
    }

    pub fn config(&self) -> &ClusterConfig {
        &self.cfg
    }

    /// Issues currently inside the window.
    pub fn active_issues(&self) -> usize {
        self.issues.len()
    }

    /// Articles seen.
    pub fn documents(&self) -> u64 {
        self.docs
    }

    fn term_id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.term_ids.get(stem) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(stem.to_string());
        self.df.push(0);
        self.term_ids.insert(stem.to_string(), id);
        id
    }

    /// Raw term frequencies (title terms weighted) of one article, as term ids.
    fn term_ids_of(&mut self, counts: &[(String, f32)]) -> FxHashMap<u32, f32> {
        let mut tf: FxHashMap<u32, f32> = FxHashMap::default();
        for (stem, c) in counts {
            let id = self.term_id(stem);
            *tf.entry(id).or_insert(0.0) += c;
        }
        tf
    }

    /// The TF-IDF vector of an article (top terms, unit length), counting it in the DF.
    fn vectorise(&mut self, counts: &[(String, f32)]) -> Vec<(u32, f32)> {
        let tf = self.term_ids_of(counts);
        self.docs += 1;
        let n = self.docs as f32;
        let mut v: Vec<(u32, f32)> = Vec::with_capacity(tf.len());
        for (&id, &c) in &tf {
            let df = &mut self.df[id as usize];
            *df += 1;
            let df = *df as f32;
            if self.docs > 50 && df / n > self.cfg.max_df {
                continue;
            }
            let idf = ((n + 1.0) / df).ln() + 1.0;
            v.push((id, (1.0 + c.ln()) * idf));
        }
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(self.cfg.doc_terms);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
        for (_, w) in &mut v {
            *w /= norm;
        }
        v
    }

    /// Assigns one article to an issue.
    pub fn assign(&mut self, input: &ClusterInput<'_>) -> Assignment {
        let counts = term_counts(input.title, input.text, self.cfg.title_weight);
        self.assign_counts(&counts, input)
    }

    /// [`Self::assign`] with the article's [`term_counts`] computed beforehand (tokenising and
    /// stemming are the costly part and need no clusterer state, so callers can do them in
    /// parallel and keep only this step sequential).
    pub fn assign_counts(
        &mut self,
        counts: &[(String, f32)],
        input: &ClusterInput<'_>,
    ) -> Assignment {
        let v = self.vectorise(counts);
        let t = input.published_ms;
        self.latest_ms = self.latest_ms.max(t);
        let horizon = t.saturating_sub(self.cfg.window_ms);
        let doc: FxHashMap<u32, f32> = v.iter().copied().collect();
        let mut cands: FxHashSet<u64> = FxHashSet::default();
        for (term, _) in &v {
            if let Some(list) = self.postings.get(term) {
                cands.extend(list.iter().copied());
            }
        }
        let mut best: Option<(u64, f32)> = None;
        for issue in cands {
            let Some(st) = self.issues.get(&issue) else {
                continue;
            };
            if st.last_ms < horizon {
                continue;
            }
            let (mut dot, mut norm) = (0.0f32, 0.0f32);
            for (t, w) in &st.centroid {
                norm += w * w;
                if let Some(d) = doc.get(t) {
                    dot += d * w;
                }
            }
            let sim = dot / norm.sqrt().max(1e-6);
            if best.is_none_or(|(b, s)| sim > s || (sim == s && issue < b)) {
                best = Some((issue, sim));
            }
        }
        let assignment = match best {
            Some((issue, sim)) if sim >= self.cfg.threshold => {
                self.add_to(issue, &v, input);
                Assignment {
                    issue,
                    is_new: false,
                    similarity: sim,
                }
            }
            _ => {
                let issue = self.next_issue;
                self.next_issue += 1;
                self.issues.insert(
                    issue,
                    IssueState {
                        id: issue,
                        centroid: Vec::new(),
                        docs: 0,
                        first_ms: t,
                        last_ms: t,
                        titles: Vec::new(),
                        leads: Vec::new(),
                    },
                );
                self.add_to(issue, &v, input);
                Assignment {
                    issue,
                    is_new: true,
                    similarity: 1.0,
                }
            }
        };
        self.since_sweep += 1;
        if self.since_sweep >= 1_000 {
            self.sweep();
        }
        assignment
    }

    fn add_to(&mut self, issue: u64, v: &[(u32, f32)], input: &ClusterInput<'_>) {
        let cap = self.cfg.centroid_terms;
        let Some(st) = self.issues.get_mut(&issue) else {
            return;
        };
        let old: FxHashSet<u32> = st.centroid.iter().map(|(t, _)| *t).collect();
        let mut sum: FxHashMap<u32, f32> = st.centroid.iter().copied().collect();
        for &(t, w) in v {
            *sum.entry(t).or_insert(0.0) += w;
        }
        let mut c: Vec<(u32, f32)> = sum.into_iter().collect();
        c.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.truncate(cap);
        let new: FxHashSet<u32> = c.iter().map(|(t, _)| *t).collect();
        st.centroid = c;
        st.docs += 1;
        st.first_ms = st.first_ms.min(input.published_ms);
        st.last_ms = st.last_ms.max(input.published_ms);
        if st.titles.len() < LABEL_TITLES {
            st.titles.push(input.title.to_string());
        }
        if st.leads.len() < LABEL_LEADS {
            st.leads
                .push(input.text.chars().take(LEAD_CHARS).collect::<String>());
        }
        for t in old.difference(&new) {
            if let Some(list) = self.postings.get_mut(t) {
                list.retain(|&i| i != issue);
            }
        }
        for &t in new.difference(&old) {
            self.postings.entry(t).or_default().push(issue);
        }
    }

    /// Drops issues that left the window (relative to the newest article), keeping labels.
    fn sweep(&mut self) {
        self.since_sweep = 0;
        let horizon = self.latest_ms.saturating_sub(self.cfg.window_ms);
        let closed: Vec<u64> = self
            .issues
            .values()
            .filter(|s| s.last_ms < horizon)
            .map(|s| s.id)
            .collect();
        for id in closed {
            let label = self.label(id);
            if let Some(st) = self.issues.remove(&id) {
                for (t, _) in &st.centroid {
                    if let Some(list) = self.postings.get_mut(t) {
                        list.retain(|&i| i != id);
                        if list.is_empty() {
                            self.postings.remove(t);
                        }
                    }
                }
            }
            self.closed_labels.insert(id, label);
        }
    }

    /// A short human label from the issue's keyphrases ("banjir rob kota semarang").
    pub fn label(&self, issue: u64) -> String {
        if let Some(l) = self.closed_labels.get(&issue) {
            return l.clone();
        }
        let Some(st) = self.issues.get(&issue) else {
            return String::new();
        };
        let docs = st
            .titles
            .iter()
            .map(|t| (t.as_str(), 2.0))
            .chain(st.leads.iter().map(|l| (l.as_str(), 1.0)));
        let phrases = keyphrases_weighted(docs, 3);
        let mut words: Vec<String> = Vec::new();
        for p in &phrases {
            for w in p.phrase.split_whitespace() {
                let w = w.to_lowercase();
                if !words.contains(&w) && words.len() < 6 {
                    words.push(w);
                }
            }
        }
        words.join(" ")
    }

    /// The issue's documents, first and latest time, or None once it left the window.
    pub fn issue(&self, issue: u64) -> Option<&IssueState> {
        self.issues.get(&issue)
    }

    /// A serialisable snapshot.
    pub fn state(&self) -> ClusterState {
        let mut issues: Vec<IssueState> = self.issues.values().cloned().collect();
        issues.sort_by_key(|s| s.id);
        let mut closed_labels: Vec<(u64, String)> = self
            .closed_labels
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        closed_labels.sort();
        ClusterState {
            config: self.cfg.clone(),
            terms: self.terms.clone(),
            df: self.df.clone(),
            docs: self.docs,
            next_issue: self.next_issue,
            latest_ms: self.latest_ms,
            issues,
            closed_labels,
        }
    }

    /// Continues from a snapshot.
    pub fn from_state(state: ClusterState) -> Self {
        let mut c = StoryClusterer::new(state.config);
        let n = state.terms.len().min(state.df.len());
        c.term_ids = state
            .terms
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        c.terms = state.terms.into_iter().take(n).collect();
        c.df = state.df.into_iter().take(n).collect();
        c.docs = state.docs;
        c.next_issue = state.next_issue;
        c.latest_ms = state.latest_ms;
        for mut st in state.issues {
            // Terms unknown to the snapshot's dictionary cannot match anything.
            st.centroid.retain(|(t, _)| (*t as usize) < n);
            for (t, _) in &st.centroid {
                c.postings.entry(*t).or_default().push(st.id);
            }
            c.next_issue = c.next_issue.max(st.id + 1);
            c.issues.insert(st.id, st);
        }
        c.closed_labels = state.closed_labels.into_iter().collect();
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(id: u64, title: &'a str, text: &'a str) -> ClusterInput<'a> {
        ClusterInput {
            id,
            published_ms: id as i64 * 60_000,
            title,
            text,
        }
    }

    #[test]
    fn same_story_joins_other_story_opens() {
        let mut c = StoryClusterer::new(ClusterConfig::default());
        let a = c.assign(&input(
            1,
            "Tanggul jebol, banjir rob rendam Kota Semarang",
            "Banjir rob merendam ribuan rumah di Kota Semarang setelah tanggul laut jebol.",
        ));
        let b = c.assign(&input(
            2,
            "Banjir rob meluas di Semarang, tanggul jebol lagi",
            "Tanggul laut jebol dan banjir rob meluas ke permukiman warga Semarang.",
        ));
        let d = c.assign(&input(
            3,
            "Harga beras naik di Kabupaten Garut",
            "Pedagang pasar mengeluhkan harga beras medium yang terus naik sepekan terakhir.",
        ));
        assert!(a.is_new);
        assert_eq!(b.issue, a.issue, "{b:?}");
        assert!(!b.is_new);
        assert!(d.is_new && d.issue != a.issue);
        let label = c.label(a.issue);
        assert!(
            label.contains("rob") || label.contains("tanggul"),
            "{label}"
        );
        // Outside the window the story is closed: a late article opens a new issue.
        let late = c.assign(&ClusterInput {
            id: 4,
            published_ms: 30 * 86_400_000,
            title: "Banjir rob Semarang, tanggul jebol",
            text: "Banjir rob dan tanggul jebol di Semarang.",
        });
        assert!(late.is_new);
    }

    #[test]
    fn state_round_trips() {
        let mut c = StoryClusterer::new(ClusterConfig::default());
        let a = c.assign(&input(
            1,
            "Vaksinasi campak di Kota Bogor",
            "Dinas Kesehatan Kota Bogor menggelar vaksinasi campak untuk balita di posyandu.",
        ));
        let json = serde_json::to_string(&c.state()).unwrap_or_default();
        let state: ClusterState = serde_json::from_str(&json).unwrap_or_else(|_| c.state());
        let mut r = StoryClusterer::from_state(state);
        let b = r.assign(&input(
            2,
            "Vaksinasi campak Kota Bogor capai target",
            "Vaksinasi campak balita di Kota Bogor melampaui target, kata Dinas Kesehatan.",
        ));
        assert_eq!(b.issue, a.issue);
        let n = r.assign(&input(
            3,
            "Sampah menumpuk di TPA",
            "Warga mengeluhkan bau sampah dari TPA.",
        ));
        assert!(n.is_new && n.issue > a.issue);
    }
}
