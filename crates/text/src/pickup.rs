//! Release pickups: which monitored articles carry the text of one of our press releases.
//!
//! Similarity is containment of word 3-grams, |R ∩ A| / |R|: the share of the release's
//! 3-grams that appear in the article. An outlet that republishes a release with its own
//! headline, a cut paragraph or an added quote still scores high, while an article that only
//! covers the same topic shares few 3-grams. The [`PickupIndex`] keeps the releases' 3-grams
//! in an inverted index, so matching one article costs one hash lookup per 3-gram of the
//! article whatever the number of releases.

use std::collections::{HashMap, HashSet};

/// Word 3-grams of a text (lowercased alphanumeric words), hashed.
pub fn shingles(text: &str) -> HashSet<u64> {
    let mut out = HashSet::new();
    let mut window: [u64; 3] = [0; 3];
    let mut seen = 0usize;
    let mut buf = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        buf.clear();
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
        window = [window[1], window[2], word_hash(&buf)];
        seen += 1;
        if seen >= 3 {
            out.insert(mix(window));
        }
    }
    out
}

/// How much of `release` appears in `article`: |R ∩ A| / |R| over word 3-grams (0–1).
pub fn containment(release: &str, article: &str) -> f64 {
    let r = shingles(release);
    if r.is_empty() {
        return 0.0;
    }
    let a = shingles(article);
    r.intersection(&a).count() as f64 / r.len() as f64
}

/// FNV-1a: stable across runs and platforms (std's hasher is randomly keyed per process only
/// for `RandomState`, but its algorithm is not promised to stay the same between releases).
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn mix(w: [u64; 3]) -> u64 {
    let mut h = w[0];
    for x in &w[1..] {
        h = (h.rotate_left(21) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    h
}

/// A release as the index knows it.
#[derive(Debug, Clone)]
struct Release {
    id: i64,
    published_ms: i64,
    shingles: usize,
}

/// A monitored article found to carry a release's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PickupMatch {
    pub release_id: i64,
    /// Containment of the release in the article (0–1).
    pub similarity: f64,
}

/// Inverted index of published releases' 3-grams.
#[derive(Debug, Default, Clone)]
pub struct PickupIndex {
    releases: Vec<Release>,
    /// 3-gram → positions in `releases`.
    postings: HashMap<u64, Vec<u32>>,
}

impl PickupIndex {
    /// Minimum containment for an article to count as a pickup. A fifth of the release's
    /// 3-grams is far above what two articles on the same topic share (a few percent) and
    /// well below what a shortened republication keeps.
    pub const THRESHOLD: f64 = 0.2;
    /// Articles published more than this before the release cannot be pickups of it (clock
    /// skew and embargoed copies aside).
    pub const LEAD_MS: i64 = 86_400_000;

    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.releases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.releases.is_empty()
    }

    /// Adds a published release (title, lead and body as plain text).
    pub fn add(&mut self, id: i64, published_ms: i64, text: &str) {
        let set = shingles(text);
        if set.is_empty() {
            return;
        }
        let Ok(pos) = u32::try_from(self.releases.len()) else {
            return;
        };
        self.releases.push(Release {
            id,
            published_ms,
            shingles: set.len(),
        });
        for s in set {
            self.postings.entry(s).or_default().push(pos);
        }
    }

    /// The releases an article published at `published_ms` carries, best first.
    pub fn matches(&self, article: &str, published_ms: i64) -> Vec<PickupMatch> {
        if self.releases.is_empty() {
            return Vec::new();
        }
        let mut hits: HashMap<u32, usize> = HashMap::new();
        for s in shingles(article) {
            if let Some(list) = self.postings.get(&s) {
                for &pos in list {
                    *hits.entry(pos).or_default() += 1;
                }
            }
        }
        let mut out: Vec<PickupMatch> = hits
            .into_iter()
            .filter_map(|(pos, n)| {
                let r = self.releases.get(pos as usize)?;
                let similarity = n as f64 / r.shingles as f64;
                (similarity >= Self::THRESHOLD && published_ms >= r.published_ms - Self::LEAD_MS)
                    .then_some(PickupMatch {
                        release_id: r.id,
                        similarity,
                    })
            })
            .collect();
        out.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELEASE: &str = "Pemerintah Provinsi Jawa Tengah meluncurkan program bantuan \
        pangan bagi 50 ribu keluarga terdampak banjir rob di pesisir utara. Bantuan berupa \
        beras, minyak goreng dan telur disalurkan melalui kantor kelurahan mulai Senin depan, \
        kata Kepala Dinas Sosial dalam keterangan pers di Semarang.";

    #[test]
    fn republished_copy_matches_and_topic_article_does_not() {
        let mut idx = PickupIndex::new();
        idx.add(7, 1_000, RELEASE);
        idx.add(
            8,
            1_000,
            "Dinas Kesehatan membuka layanan vaksinasi keliling di sekolah dasar \
            seluruh kabupaten mulai pekan ini dengan target dua ribu anak per hari.",
        );
        let copy = format!("SEMARANG - Bantuan datang. {RELEASE} Warga menyambut baik.");
        let m = idx.matches(&copy, 2_000);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].release_id, 7);
        assert!(m[0].similarity > 0.95, "{m:?}");

        let topic = "Banjir rob kembali merendam pesisir utara Jawa Tengah. Warga mengeluhkan \
            lambatnya bantuan pangan dari pemerintah provinsi dan meminta dinas sosial turun.";
        assert!(idx.matches(topic, 2_000).is_empty());
    }

    #[test]
    fn article_long_before_the_release_is_not_a_pickup() {
        let mut idx = PickupIndex::new();
        idx.add(7, 10 * 86_400_000, RELEASE);
        assert!(idx.matches(RELEASE, 10 * 86_400_000 - 3_600_000).len() == 1);
        assert!(idx.matches(RELEASE, 8 * 86_400_000).is_empty());
    }

    #[test]
    fn containment_is_case_and_punctuation_blind() {
        let c = containment("Satu dua tiga empat.", "SATU, dua; tiga -- empat!");
        assert!((c - 1.0).abs() < 1e-9);
        assert_eq!(containment("", "apa saja"), 0.0);
        assert_eq!(containment("satu dua", "satu dua"), 0.0); // no 3-gram at all
    }

    #[test]
    fn empty_index_and_empty_text_match_nothing() {
        let idx = PickupIndex::new();
        assert!(idx.matches(RELEASE, 0).is_empty());
        let mut idx = PickupIndex::new();
        idx.add(1, 0, "");
        assert!(idx.is_empty());
    }
}
