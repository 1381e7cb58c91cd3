//! Claim matching for hoax checking: given a short claim, the most similar known claims.
//!
//! Each claim is a TF-IDF vector over stemmed content words (so "diteror"/"teror",
//! "komentari"/"komentar" meet) plus character 4-grams of the folded text (robust to typos,
//! slang and odd spacing). Retrieval goes through inverted lists, so a query touches only
//! the claims sharing a feature with it; tens of thousands of claims answer in well under a
//! millisecond.

use std::collections::HashMap;

use serde::Serialize;

use crate::normalize::normalize_word;
use crate::stopwords::is_stopword;

/// A match: the known claim's id and its similarity (0..1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimMatch {
    /// Id of the known claim.
    pub id: String,
    /// Cosine similarity blend, 0..1.
    pub score: f32,
}

/// Weight of the word part of the similarity (the rest is character 4-grams).
const WORD_WEIGHT: f32 = 0.6;

/// Index of known claims.
#[derive(Debug, Clone, Default)]
pub struct ClaimIndex {
    ids: Vec<String>,
    vocab: HashMap<String, u32>,
    idf: Vec<f32>,
    /// feature -> (claim, weight)
    postings: Vec<Vec<(u32, f32)>>,
}

/// Fact-checkers' verdict labels at the start of a title: "[HOAKS]", "[SALAH]"...
fn strip_labels(text: &str) -> &str {
    let mut t = text.trim_start();
    while let Some(rest) = t.strip_prefix('[') {
        match rest.find(']') {
            Some(i) if i < 20 => t = rest[i + 1..].trim_start(),
            _ => break,
        }
    }
    t
}

/// Raw features of a text: word stems (prefixed "w:") and char 4-grams ("c:").
fn raw_features(text: &str) -> (Vec<String>, Vec<String>) {
    let stemmer = crate::global_stemmer();
    let text = strip_labels(text);
    let mut words = Vec::new();
    let mut folded = String::with_capacity(text.len() + 2);
    folded.push(' ');
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
    {
        let norm = normalize_word(w);
        for part in norm.split(' ') {
            let part = part.trim_matches('-');
            if part.is_empty() {
                continue;
            }
            folded.push_str(part);
            folded.push(' ');
            if is_stopword(part) {
                continue;
            }
            let stem = stemmer.stem(part);
            if !stem.is_empty() && !is_stopword(&stem) {
                words.push(format!("w:{stem}"));
            }
        }
    }
    let chars: Vec<char> = folded.chars().collect();
    let grams = chars
        .windows(4)
        .filter(|w| w.iter().filter(|c| **c != ' ').count() >= 2)
        .map(|w| {
            let mut s = String::from("c:");
            s.extend(w.iter());
            s
        })
        .collect();
    (words, grams)
}

/// Unit-normalised TF-IDF parts (words, chars) of a text, as (feature, weight).
fn vectorize(
    words: Vec<String>,
    grams: Vec<String>,
    lookup: impl Fn(&str) -> Option<(u32, f32)>,
) -> Vec<(u32, f32)> {
    let mut out = Vec::new();
    for (part, share) in [(words, WORD_WEIGHT), (grams, 1.0 - WORD_WEIGHT)] {
        let mut tf: HashMap<u32, f32> = HashMap::new();
        let mut idfs: HashMap<u32, f32> = HashMap::new();
        for f in part {
            if let Some((id, idf)) = lookup(&f) {
                *tf.entry(id).or_insert(0.0) += 1.0;
                idfs.insert(id, idf);
            }
        }
        let v: Vec<(u32, f32)> = tf
            .into_iter()
            .map(|(id, c)| (id, (1.0 + c.ln()) * idfs[&id]))
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            // sqrt(share) on both sides makes the dot product a share-weighted cosine blend
            let k = share.sqrt() / norm;
            out.extend(v.into_iter().map(|(id, x)| (id, x * k)));
        }
    }
    out
}

impl ClaimIndex {
    /// Build an index from `(id, claim text)` pairs.
    pub fn new<I, S, T>(claims: I) -> Self
    where
        I: IntoIterator<Item = (S, T)>,
        S: Into<String>,
        T: AsRef<str>,
    {
        let mut ids = Vec::new();
        let mut docs = Vec::new();
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        for (id, text) in claims {
            ids.push(id.into());
            let (w, g) = raw_features(text.as_ref());
            let mut seen: Vec<u32> = Vec::new();
            for f in w.iter().chain(&g) {
                let next = vocab.len() as u32;
                let fid = *vocab.entry(f.clone()).or_insert(next);
                if fid as usize == df.len() {
                    df.push(0);
                }
                seen.push(fid);
            }
            seen.sort_unstable();
            seen.dedup();
            for f in seen {
                df[f as usize] += 1;
            }
            docs.push((w, g));
        }
        let n = ids.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.len()];
        for (doc, (w, g)) in docs.into_iter().enumerate() {
            let v = vectorize(w, g, |f| vocab.get(f).map(|&id| (id, idf[id as usize])));
            for (fid, x) in v {
                postings[fid as usize].push((doc as u32, x));
            }
        }
        Self {
            ids,
            vocab,
            idf,
            postings,
        }
    }

    /// Number of known claims.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// No known claims.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The `k` known claims most similar to `claim`, best first (ties by insertion order).
    pub fn search(&self, claim: &str, k: usize) -> Vec<ClaimMatch> {
        if k == 0 || self.ids.is_empty() {
            return Vec::new();
        }
        let (w, g) = raw_features(claim);
        let q = vectorize(w, g, |f| {
            self.vocab.get(f).map(|&id| (id, self.idf[id as usize]))
        });
        // Dense accumulator: far cheaper than a map when common n-grams touch most claims.
        let mut acc = vec![0f32; self.ids.len()];
        let mut touched: Vec<u32> = Vec::new();
        for (fid, x) in q {
            for &(doc, y) in &self.postings[fid as usize] {
                let a = &mut acc[doc as usize];
                if *a == 0.0 {
                    touched.push(doc);
                }
                *a += x * y;
            }
        }
        let mut hits: Vec<(u32, f32)> = touched
            .into_iter()
            .map(|d| (d, acc[d as usize]))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        if hits.len() > k {
            hits.select_nth_unstable_by(k - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            hits.truncate(k);
        }
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(k);
        hits.into_iter()
            .map(|(doc, s)| ClaimMatch {
                id: self.ids[doc as usize].clone(),
                score: s.min(1.0),
            })
            .collect()
    }
}

/// Parse CSV text (RFC 4180: quoted fields, doubled quotes, newlines inside quotes).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                any = false;
            }
            _ => field.push(c),
        }
    }
    if any {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> ClaimIndex {
        ClaimIndex::new([
            (
                "1",
                "[HOAKS] Najwa Shihab Diteror Usai Komentari Video Prabowo",
            ),
            ("2", "Ombak Mirip Tsunami Sapu Bersih Tempat Wisata"),
            ("3", "Vaksin COVID-19 Mengandung Chip Pelacak"),
            (
                "4",
                "Pembagian Bansos Rp600 Ribu Lewat Link Pendaftaran Online",
            ),
            ("5", "Video Banjir Bandang di Kabupaten Bogor Hari Ini"),
        ])
    }

    #[test]
    fn finds_paraphrases() {
        let idx = index();
        assert_eq!(idx.len(), 5);
        let top = |q: &str| idx.search(q, 1)[0].id.clone();
        assert_eq!(
            top("najwa shihab dapat teror setelah mengomentari video prabowo"),
            "1"
        );
        assert_eq!(top("katanya vaksin covid ada chip pelacaknya"), "3");
        assert_eq!(top("link daftar bansos 600 ribu online"), "4");
        assert_eq!(top("ombak seperti tsunami menyapu tempat wisata"), "2");
        let five = idx.search("video banjir bogor", 5);
        assert_eq!(five[0].id, "5");
        assert!(five.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(idx.search("", 5).is_empty());
        assert!(ClaimIndex::default().search("apa saja", 3).is_empty());
    }

    #[test]
    fn csv_quotes_and_newlines() {
        let rows = parse_csv("ID,TITLE\n1,\"Halo, \"\"dunia\"\"\"\n2,\"baris\nbaru\"\r\n3,x");
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1], vec!["1", "Halo, \"dunia\""]);
        assert_eq!(rows[2], vec!["2", "baris\nbaru"]);
        assert_eq!(rows[3], vec!["3", "x"]);
        assert_eq!(strip_labels("[SALAH] [HOAKS] Isi"), "Isi");
    }
}
