//! "Baca Juga": related articles by content, for a news portal.
//!
//! Each article becomes a bag of Sastrawi stems of its content words (stopwords, generic news
//! words, numbers and words under three letters dropped). A term's raw count is weighted:
//! title occurrences count [`RelatedConfig::title_weight`] times, capitalised words inside a
//! sentence (names of people, places, institutions) [`RelatedConfig::proper_noun_boost`] times.
//! The vector is TF-IDF with sublinear tf (`1 + ln count`) and smoothed idf
//! (`ln((1 + N) / (1 + df)) + 1`, N and df from the index as it is now), compared by cosine.
//! A small bonus is added for shared tags (cosine of the tag sets, times
//! [`RelatedConfig::tag_bonus`]) and for the same category ([`RelatedConfig::category_bonus`]).
//!
//! Speed: an inverted index (term -> documents with their tf), so a query touches only the
//! documents sharing one of its top [`RelatedConfig::max_query_terms`] terms (by TF-IDF
//! weight). Candidates are first ranked with document norms computed at insertion (refreshed
//! for the whole index whenever the number of documents has moved by 10%), then the best
//! `max(4k, k + 20)` are rescored with the exact cosine over their full vectors and today's idf.
//! Updates are incremental ([`RelatedIndex::upsert`], [`RelatedIndex::remove`]); removing a
//! document costs the length of the posting lists of its terms.

use rustc_hash::FxHashMap;

use crate::keyphrase::generic;
use crate::stopwords::is_stopword;
use crate::token::{TokenKind, tokenize};

/// An article to index or to find related articles for.
#[derive(Debug, Clone, Copy)]
pub struct RelatedDoc<'a> {
    /// The article id.
    pub id: u64,
    /// Title.
    pub title: &'a str,
    /// Body text (without the title).
    pub text: &'a str,
    /// Editor's tags.
    pub tags: &'a [String],
    /// Category / rubric, if any.
    pub category: Option<&'a str>,
}

/// Tuning knobs. The defaults are hand-set; on IndoSum (`examples/related_eval.rs`) the
/// variants of title weight, proper-noun boost and query length are all within noise of them.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedConfig {
    /// How many times a title occurrence counts.
    pub title_weight: f32,
    /// Count multiplier for capitalised words inside a sentence (names).
    pub proper_noun_boost: f32,
    /// How many of the query's terms (highest TF-IDF first) are looked up.
    pub max_query_terms: usize,
    /// Added times the cosine of the tag sets.
    pub tag_bonus: f32,
    /// Added when both documents have the same category.
    pub category_bonus: f32,
    /// Stem words (Sastrawi); off only for comparisons.
    pub stem: bool,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        Self {
            title_weight: 2.0,
            proper_noun_boost: 1.5,
            max_query_terms: 40,
            tag_bonus: 0.1,
            category_bonus: 0.05,
            stem: true,
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    id: u64,
    /// (term, sublinear tf), sorted by term.
    terms: Vec<(u32, f32)>,
    /// Lowercase, sorted, deduplicated.
    tags: Vec<String>,
    category: Option<String>,
    /// TF-IDF norm with the idf of the last refresh.
    norm: f32,
}

/// Incremental index of articles for "Baca Juga".
#[derive(Debug, Clone, Default)]
pub struct RelatedIndex {
    cfg: RelatedConfig,
    term_ids: FxHashMap<String, u32>,
    df: Vec<u32>,
    /// term -> (slot, tf)
    postings: Vec<Vec<(u32, f32)>>,
    /// tag -> slots
    tag_postings: FxHashMap<String, Vec<u32>>,
    slots: Vec<Option<Entry>>,
    free: Vec<u32>,
    by_id: FxHashMap<u64, u32>,
    /// Number of documents when norms were last refreshed.
    norms_at: usize,
}

fn smoothed_idf(n: usize, df: u32) -> f32 {
    ((1.0 + n as f32) / (1.0 + df as f32)).ln() + 1.0
}

/// Weighted term counts of a document (term strings; stems unless `cfg.stem` is off).
fn term_counts(title: &str, text: &str, cfg: &RelatedConfig) -> Vec<(String, f32)> {
    let stemmer = crate::global_stemmer();
    let generic = generic();
    let mut tf: FxHashMap<String, f32> = FxHashMap::default();
    let mut lower = String::new();
    for (part, w) in [(title, cfg.title_weight), (text, 1.0)] {
        let mut sentence_start = true;
        for t in tokenize(part) {
            if t.kind == TokenKind::Punct {
                if matches!(t.text, "." | "!" | "?" | "…" | ":" | "\"" | "“" | "”") {
                    sentence_start = true;
                }
                continue;
            }
            let at_start = std::mem::replace(&mut sentence_start, false);
            if t.kind != TokenKind::Word || t.text.len() < 3 {
                continue;
            }
            lower.clear();
            lower.extend(t.text.chars().flat_map(char::to_lowercase));
            if is_stopword(&lower)
                || generic.contains(lower.as_str())
                || lower.bytes().all(|b| b.is_ascii_digit())
            {
                continue;
            }
            let term = if cfg.stem {
                stemmer.stem(&lower).to_string()
            } else {
                lower.clone()
            };
            if term.len() < 3 || is_stopword(&term) || generic.contains(term.as_str()) {
                continue;
            }
            let proper = !at_start && t.text.chars().next().is_some_and(char::is_uppercase);
            let boost = if proper { cfg.proper_noun_boost } else { 1.0 };
            *tf.entry(term).or_insert(0.0) += w * boost;
        }
    }
    let mut out: Vec<(String, f32)> = tf.into_iter().collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

fn sublinear(count: f32) -> f32 {
    if count <= 0.0 {
        0.0
    } else if count < 1.0 {
        count
    } else {
        1.0 + count.ln()
    }
}

fn norm_tags(tags: &[String]) -> Vec<String> {
    let mut v: Vec<String> = tags
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Cosine of two sorted tag sets.
fn tag_cosine(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|t| b.binary_search(t).is_ok()).count();
    shared as f32 / ((a.len() * b.len()) as f32).sqrt()
}

/// A query: full TF-IDF vector (known terms, sorted), its norm (unknown terms included), tags,
/// category.
struct Query {
    vec: Vec<(u32, f32)>,
    norm: f32,
    tags: Vec<String>,
    category: Option<String>,
    exclude: u64,
}

impl RelatedIndex {
    /// An empty index with the default configuration.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty index with `cfg`.
    pub fn with_config(cfg: RelatedConfig) -> Self {
        Self {
            cfg,
            ..Self::default()
        }
    }

    /// The configuration.
    pub fn config(&self) -> &RelatedConfig {
        &self.cfg
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// No documents?
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    fn idf(&self, term: u32) -> f32 {
        smoothed_idf(self.len(), self.df.get(term as usize).copied().unwrap_or(0))
    }

    fn norm_of(&self, terms: &[(u32, f32)]) -> f32 {
        terms
            .iter()
            .map(|&(t, tf)| {
                let w = tf * self.idf(t);
                w * w
            })
            .sum::<f32>()
            .sqrt()
    }

    /// Add a document, or replace the one with the same id.
    pub fn upsert(&mut self, doc: &RelatedDoc) {
        self.remove(doc.id);
        let counts = term_counts(doc.title, doc.text, &self.cfg);
        let mut terms: Vec<(u32, f32)> = Vec::with_capacity(counts.len());
        for (term, c) in counts {
            let id = match self.term_ids.get(&term) {
                Some(&id) => id,
                None => {
                    let id = self.df.len() as u32;
                    self.term_ids.insert(term, id);
                    self.df.push(0);
                    self.postings.push(Vec::new());
                    id
                }
            };
            terms.push((id, sublinear(c)));
        }
        terms.sort_unstable_by_key(|t| t.0);
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        for &(t, tf) in &terms {
            self.df[t as usize] += 1;
            self.postings[t as usize].push((slot, tf));
        }
        let tags = norm_tags(doc.tags);
        for t in &tags {
            self.tag_postings.entry(t.clone()).or_default().push(slot);
        }
        self.by_id.insert(doc.id, slot);
        let norm = self.norm_of(&terms);
        self.slots[slot as usize] = Some(Entry {
            id: doc.id,
            terms,
            tags,
            category: doc
                .category
                .map(|c| c.trim().to_lowercase())
                .filter(|c| !c.is_empty()),
            norm,
        });
        self.maybe_refresh_norms();
    }

    /// Remove a document (no-op if absent).
    pub fn remove(&mut self, id: u64) {
        let Some(slot) = self.by_id.remove(&id) else {
            return;
        };
        let Some(entry) = self.slots.get_mut(slot as usize).and_then(Option::take) else {
            return;
        };
        for &(t, _) in &entry.terms {
            if let Some(p) = self.postings.get_mut(t as usize) {
                p.retain(|x| x.0 != slot);
            }
            if let Some(d) = self.df.get_mut(t as usize) {
                *d = d.saturating_sub(1);
            }
        }
        for t in &entry.tags {
            if let Some(p) = self.tag_postings.get_mut(t) {
                p.retain(|s| *s != slot);
                if p.is_empty() {
                    self.tag_postings.remove(t);
                }
            }
        }
        self.free.push(slot);
        self.maybe_refresh_norms();
    }

    /// Recompute every stored norm when the collection has changed size by 10% since the last
    /// refresh (idf drifts with it). Amortised, this is a constant number of passes per doc.
    fn maybe_refresh_norms(&mut self) {
        let n = self.len();
        if n.abs_diff(self.norms_at) * 10 <= self.norms_at {
            return;
        }
        let norms: Vec<Option<f32>> = self
            .slots
            .iter()
            .map(|e| e.as_ref().map(|e| self.norm_of(&e.terms)))
            .collect();
        for (e, n) in self.slots.iter_mut().zip(norms) {
            if let (Some(e), Some(n)) = (e.as_mut(), n) {
                e.norm = n;
            }
        }
        self.norms_at = n;
    }

    /// The `k` most related documents to the indexed document `id`, best first, with scores.
    /// Empty when `id` is unknown.
    pub fn related(&self, id: u64, k: usize) -> Vec<(u64, f32)> {
        let Some(entry) = self
            .by_id
            .get(&id)
            .and_then(|&s| self.slots.get(s as usize))
            .and_then(Option::as_ref)
        else {
            return Vec::new();
        };
        let vec: Vec<(u32, f32)> = entry
            .terms
            .iter()
            .map(|&(t, tf)| (t, tf * self.idf(t)))
            .collect();
        let norm = vec.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        self.search(
            &Query {
                vec,
                norm,
                tags: entry.tags.clone(),
                category: entry.category.clone(),
                exclude: id,
            },
            k,
        )
    }

    /// The `k` most related indexed documents to `doc` (which need not be in the index; a
    /// document with `doc.id` is never returned).
    pub fn related_to(&self, doc: &RelatedDoc, k: usize) -> Vec<(u64, f32)> {
        let counts = term_counts(doc.title, doc.text, &self.cfg);
        let mut vec = Vec::with_capacity(counts.len());
        let mut norm2 = 0.0f32;
        for (term, c) in counts {
            let tf = sublinear(c);
            match self.term_ids.get(&term) {
                Some(&t) => {
                    let w = tf * self.idf(t);
                    norm2 += w * w;
                    vec.push((t, w));
                }
                None => {
                    let w = tf * smoothed_idf(self.len(), 0);
                    norm2 += w * w;
                }
            }
        }
        vec.sort_unstable_by_key(|x| x.0);
        self.search(
            &Query {
                vec,
                norm: norm2.sqrt(),
                tags: norm_tags(doc.tags),
                category: doc
                    .category
                    .map(|c| c.trim().to_lowercase())
                    .filter(|c| !c.is_empty()),
                exclude: doc.id,
            },
            k,
        )
    }

    fn bonus(&self, q: &Query, e: &Entry) -> f32 {
        let mut b = self.cfg.tag_bonus * tag_cosine(&q.tags, &e.tags);
        if let (Some(a), Some(c)) = (&q.category, &e.category)
            && a == c
        {
            b += self.cfg.category_bonus;
        }
        b
    }

    fn search(&self, q: &Query, k: usize) -> Vec<(u64, f32)> {
        if k == 0 || self.is_empty() {
            return Vec::new();
        }
        let mut acc = vec![0.0f32; self.slots.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut top: Vec<(u32, f32)> = q.vec.iter().filter(|x| x.1 > 0.0).copied().collect();
        if top.len() > self.cfg.max_query_terms {
            top.select_nth_unstable_by(self.cfg.max_query_terms, |a, b| b.1.total_cmp(&a.1));
            top.truncate(self.cfg.max_query_terms);
        }
        for &(t, qw) in &top {
            let idf = self.idf(t);
            let Some(p) = self.postings.get(t as usize) else {
                continue;
            };
            for &(slot, tf) in p {
                let a = &mut acc[slot as usize];
                if *a == 0.0 {
                    touched.push(slot);
                }
                *a += qw * tf * idf;
            }
        }
        // Documents sharing only tags are candidates too.
        for t in &q.tags {
            if let Some(p) = self.tag_postings.get(t) {
                for &slot in p {
                    let a = &mut acc[slot as usize];
                    if *a == 0.0 {
                        touched.push(slot);
                        *a = f32::MIN_POSITIVE;
                    }
                }
            }
        }
        let qn = if q.norm > 0.0 { q.norm } else { 1.0 };
        let mut cands: Vec<(u32, f32)> = touched
            .into_iter()
            .filter_map(|slot| {
                let e = self.slots.get(slot as usize)?.as_ref()?;
                if e.id == q.exclude {
                    return None;
                }
                let dn = if e.norm > 0.0 { e.norm } else { 1.0 };
                Some((slot, acc[slot as usize] / (qn * dn) + self.bonus(q, e)))
            })
            .collect();
        let m = (4 * k).max(k + 20);
        if cands.len() > m {
            cands.select_nth_unstable_by(m, |a, b| b.1.total_cmp(&a.1));
            cands.truncate(m);
        }
        // Exact rescoring with full vectors and today's idf.
        let mut out: Vec<(u64, f32)> = cands
            .into_iter()
            .filter_map(|(slot, _)| {
                let e = self.slots.get(slot as usize)?.as_ref()?;
                let (mut dot, mut n2) = (0.0f32, 0.0f32);
                let mut qi = q.vec.iter().peekable();
                for &(t, tf) in &e.terms {
                    let w = tf * self.idf(t);
                    n2 += w * w;
                    while qi.next_if(|x| x.0 < t).is_some() {}
                    if let Some(&&(qt, qw)) = qi.peek()
                        && qt == t
                    {
                        dot += qw * w;
                    }
                }
                let cos = if n2 > 0.0 {
                    dot / (qn * n2.sqrt())
                } else {
                    0.0
                };
                let s = cos + self.bonus(q, e);
                (s > 0.0).then_some((e.id, s))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(k);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(id: u64, title: &'a str, text: &'a str, tags: &'a [String]) -> RelatedDoc<'a> {
        RelatedDoc {
            id,
            title,
            text,
            tags,
            category: None,
        }
    }

    fn sample() -> RelatedIndex {
        let mut ix = RelatedIndex::new();
        let none: &[String] = &[];
        ix.upsert(&doc(
            1,
            "Banjir rendam ratusan rumah di Kabupaten Bandung",
            "Banjir melanda Kecamatan Dayeuhkolot setelah hujan deras. BPBD mengevakuasi warga dan membuka posko pengungsian.",
            none,
        ));
        ix.upsert(&doc(
            2,
            "BPBD Bandung siagakan posko banjir",
            "Badan Penanggulangan Bencana Daerah menyiagakan perahu karet dan posko pengungsian untuk warga terdampak banjir di Dayeuhkolot.",
            none,
        ));
        ix.upsert(&doc(
            3,
            "Persib menang 2-0 atas Persija",
            "Pertandingan sepak bola di Stadion Gelora Bandung Lautan Api berlangsung meriah. Gol dicetak pada babak kedua.",
            none,
        ));
        ix.upsert(&doc(
            4,
            "Harga beras naik menjelang Ramadan",
            "Pedagang di pasar tradisional mengeluhkan kenaikan harga beras medium. Pemerintah menyiapkan operasi pasar.",
            none,
        ));
        ix.upsert(&doc(
            5,
            "Operasi pasar beras digelar Bulog",
            "Bulog menggelar operasi pasar untuk menekan harga beras yang naik di sejumlah pasar tradisional.",
            none,
        ));
        ix
    }

    #[test]
    fn finds_same_topic_first() {
        let ix = sample();
        assert_eq!(ix.len(), 5);
        let r = ix.related(1, 3);
        assert_eq!(r.first().map(|x| x.0), Some(2), "{r:?}");
        assert!(r.iter().all(|x| x.0 != 1));
        let r = ix.related(4, 2);
        assert_eq!(r.first().map(|x| x.0), Some(5), "{r:?}");
        for w in r.windows(2) {
            assert!(w[0].1 >= w[1].1);
        }
    }

    #[test]
    fn related_to_unindexed_and_excludes_own_id() {
        let ix = sample();
        let none: &[String] = &[];
        let q = doc(
            99,
            "Stok beras aman, harga mulai turun",
            "Setelah operasi pasar, harga beras di pasar tradisional mulai turun.",
            none,
        );
        let r = ix.related_to(&q, 2);
        assert!(matches!(r.first().map(|x| x.0), Some(4 | 5)), "{r:?}");
        let q1 = doc(1, "Banjir Bandung", "banjir posko", none);
        assert!(ix.related_to(&q1, 5).iter().all(|x| x.0 != 1));
    }

    #[test]
    fn upsert_replaces_and_remove_forgets() {
        let mut ix = sample();
        let none: &[String] = &[];
        ix.upsert(&doc(
            2,
            "Harga cabai melonjak",
            "Harga cabai rawit di pasar tradisional melonjak akibat cuaca.",
            none,
        ));
        assert_eq!(ix.len(), 5);
        assert_ne!(ix.related(1, 1).first().map(|x| x.0), Some(2));
        ix.remove(5);
        ix.remove(5);
        assert_eq!(ix.len(), 4);
        assert!(ix.related(4, 5).iter().all(|x| x.0 != 5));
        assert!(ix.related(5, 5).is_empty());
        assert!(ix.related(4, 0).is_empty());
        let empty = RelatedIndex::new();
        assert!(empty.is_empty());
        assert!(empty.related_to(&doc(1, "a", "b", none), 3).is_empty());
    }

    #[test]
    fn tags_and_category_give_a_bonus() {
        let mut ix = RelatedIndex::new();
        let t1 = vec!["Pilkada".to_string()];
        let t2 = vec!["pilkada ".to_string()];
        let none: &[String] = &[];
        ix.upsert(&doc(
            1,
            "Debat kandidat",
            "Debat kandidat berlangsung.",
            &t1,
        ));
        ix.upsert(&doc(2, "Tanpa kata sama", "Sesuatu lain sekali.", &t2));
        ix.upsert(&doc(3, "Resep rendang", "Memasak rendang daging.", none));
        let r = ix.related(1, 5);
        assert_eq!(r.first().map(|x| x.0), Some(2), "{r:?}");
        assert!(r.iter().all(|x| x.0 != 3));
        let mut ix = RelatedIndex::new();
        for (id, cat) in [(1, "Ekonomi"), (2, "ekonomi"), (3, "Olahraga")] {
            ix.upsert(&RelatedDoc {
                id,
                title: "Pasar saham menguat",
                text: "Indeks saham menguat.",
                tags: none,
                category: Some(cat),
            });
        }
        assert_eq!(ix.related(1, 1).first().map(|x| x.0), Some(2));
    }
}
