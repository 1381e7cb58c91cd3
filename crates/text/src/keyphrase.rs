//! Keyphrases for labelling a document or an issue (a group of documents).
//!
//! Candidates are word 1–3-grams inside runs of content words (a stopword, a generic news
//! word, a number or punctuation ends a run). Occurrences are grouped by their stems, so
//! "bantuan sosial" and "bantuan-bantuan sosial" count together, and shown in their most
//! common written form. The score favours phrases that recur, appear early, span several
//! documents of the group, are multi-word or proper names; a phrase contained in a better
//! one is dropped.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;

use crate::stopwords::is_stopword;
use crate::token::{Token, TokenKind, tokenize};

/// Words frequent in any Indonesian news story that make poor labels.
const GENERIC: &[&str] = &[
    "kata",
    "katanya",
    "mengatakan",
    "menurut",
    "ujar",
    "ujarnya",
    "tutur",
    "tuturnya",
    "jelas",
    "jelasnya",
    "ungkap",
    "ungkapnya",
    "menyebutkan",
    "menjelaskan",
    "tahun",
    "hari",
    "bulan",
    "pekan",
    "minggu",
    "jam",
    "pukul",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "orang",
    "pihak",
    "hal",
    "salah",
    "satu",
    "dua",
    "tiga",
    "hingga",
    "sejumlah",
    "kemarin",
    "lalu",
    "baru",
    "saat",
    "kali",
    "terkait",
    "tersebut",
    "yakni",
    "yaitu",
    "antara",
    "sebut",
    "lanjut",
    "lanjutnya",
    "selain",
    "itu",
    "ini",
    "juga",
    "sudah",
    "telah",
    "akan",
    "bisa",
    "dapat",
    "harus",
    "masih",
    "kembali",
    "com",
    "kompas",
    "detik",
    "tempo",
    "antara",
    "liputan6",
    "okezone",
    "tribunnews",
    "kumparan",
    "cnn",
    "indonesia",
    "wib",
    "rp",
    "persen",
    "ribu",
    "juta",
    "miliar",
    "triliun",
    "baca",
    "juga",
    "foto",
    "video",
    "dok",
    "jakarta",
];

/// A keyphrase with its score (higher is more salient).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyphrase {
    /// The phrase as most often written.
    pub phrase: String,
    /// Salience score.
    pub score: f64,
}

struct Cand<'a> {
    key: String,
    weight: f64,
    docs: u32,
    last_doc: usize,
    /// Surface forms seen and how often (usually one or two, so a short list).
    forms: Vec<(&'a str, u32)>,
    capitalised: u32,
    count: u32,
    len: usize,
}

pub(crate) fn generic() -> &'static FxHashSet<&'static str> {
    static G: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    G.get_or_init(|| GENERIC.iter().copied().collect())
}

fn shared_words(a: &str, b: &str) -> usize {
    let a: Vec<&str> = a.split(' ').collect();
    b.split(' ').filter(|w| a.contains(w)).count()
}

/// The `n` most salient phrases of `docs` (one document, or the documents of an issue).
pub fn keyphrases(docs: &[&str], n: usize) -> Vec<Keyphrase> {
    keyphrases_weighted(docs.iter().map(|d| (*d, 1.0)), n)
}

struct Word<'a> {
    surface: &'a str,
    start: usize,
    end: usize,
    stem: std::sync::Arc<str>,
    stem_hash: u64,
    cap: bool,
    pos: usize,
}

/// Like [`keyphrases`] with a weight per text (a title can count double).
pub fn keyphrases_weighted<'a>(
    docs: impl IntoIterator<Item = (&'a str, f64)>,
    n: usize,
) -> Vec<Keyphrase> {
    keyphrases_core(
        docs.into_iter()
            .map(|(t, w)| (t, std::borrow::Cow::Owned(tokenize(t)), w)),
        n,
    )
}

/// Keyphrases of one text already tokenized (saves tokenizing twice in `analyze`).
pub(crate) fn keyphrases_of_tokens<'a>(
    text: &'a str,
    toks: &[Token<'a>],
    n: usize,
) -> Vec<Keyphrase> {
    keyphrases_core(
        std::iter::once((text, std::borrow::Cow::Borrowed(toks), 1.0)),
        n,
    )
}

fn keyphrases_core<'a, 't>(
    docs: impl IntoIterator<Item = (&'a str, std::borrow::Cow<'t, [Token<'a>]>, f64)>,
    n: usize,
) -> Vec<Keyphrase>
where
    'a: 't,
{
    let stemmer = crate::global_stemmer();
    let generic = generic();
    let mut cands: FxHashMap<u64, Cand<'a>> = FxHashMap::default();
    let mut ndocs = 0usize;
    let mut run: Vec<Word<'a>> = Vec::new();
    for (d, (text, toks, doc_weight)) in docs.into_iter().enumerate() {
        ndocs += 1;
        let total = toks.len().max(1) as f64;
        let mut flush = |run: &mut Vec<Word<'a>>| {
            for i in 0..run.len() {
                let mut key_hash = 0u64;
                for len in 1..=3 {
                    if i + len > run.len() {
                        break;
                    }
                    let last = &run[i + len - 1];
                    key_hash = (key_hash.rotate_left(23) ^ last.stem_hash)
                        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                        ^ len as u64;
                    let part = &run[i..i + len];
                    let surface = text.get(part[0].start..last.end).unwrap_or(part[0].surface);
                    // earlier is more salient: weight 1.5 at the start, 1.0 at the end
                    let pos = 1.0 + 0.5 * (1.0 - part[0].pos as f64 / total);
                    let c = cands.entry(key_hash).or_insert_with(|| Cand {
                        key: {
                            let mut key = String::with_capacity(24);
                            for (j, p) in part.iter().enumerate() {
                                if j > 0 {
                                    key.push(' ');
                                }
                                key.push_str(&p.stem);
                            }
                            key
                        },
                        weight: 0.0,
                        docs: 0,
                        last_doc: 0,
                        forms: Vec::new(),
                        capitalised: 0,
                        count: 0,
                        len,
                    });
                    c.weight += pos * doc_weight;
                    c.count += 1;
                    if c.docs == 0 || c.last_doc != d {
                        c.docs += 1;
                        c.last_doc = d;
                    }
                    if part.iter().all(|p| p.cap) {
                        c.capitalised += 1;
                    }
                    match c.forms.iter_mut().find(|(f, _)| *f == surface) {
                        Some((_, n)) => *n += 1,
                        None => c.forms.push((surface, 1)),
                    }
                }
            }
            run.clear();
        };
        for (pos, t) in toks.iter().enumerate() {
            let content = t.kind == TokenKind::Word && t.text.chars().nth(2).is_some();
            if !content {
                flush(&mut run);
                continue;
            }
            let lower = t.text.to_lowercase();
            if lower.chars().all(|c| c.is_ascii_digit())
                || is_stopword(&lower)
                || generic.contains(lower.as_str())
            {
                flush(&mut run);
                continue;
            }
            let stem = stemmer.stem(&lower);
            if stem.is_empty() || is_stopword(&stem) || generic.contains(&*stem) {
                flush(&mut run);
                continue;
            }
            let stem_hash = {
                use std::hash::BuildHasher;
                rustc_hash::FxBuildHasher.hash_one(&*stem)
            };
            run.push(Word {
                surface: t.text,
                start: t.start,
                end: t.end,
                stem,
                stem_hash,
                cap: t.text.chars().next().is_some_and(char::is_uppercase),
                pos,
            });
        }
        flush(&mut run);
    }
    if ndocs == 0 {
        return Vec::new();
    }
    // Scores first; a candidate's display form is built only when it is looked at.
    let cands: Vec<Cand<'a>> = cands.into_values().collect();
    let mut scored: Vec<(usize, f64)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let len_bonus = 1.0 + 0.6 * (c.len as f64 - 1.0);
            let proper = if c.capitalised * 2 > c.count {
                1.3
            } else {
                1.0
            };
            let spread = (f64::from(c.docs) / ndocs as f64).sqrt();
            // a phrase seen once is weak evidence
            let repeat = if c.count == 1 { 0.5 } else { 1.0 };
            (i, c.weight * len_bonus * proper * spread * repeat)
        })
        .collect();
    scored.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| cands[a.0].key.cmp(&cands[b.0].key))
    });
    let mut out: Vec<(String, Keyphrase)> = Vec::new();
    for (i, score) in scored {
        if out.len() >= n {
            break;
        }
        let c = &cands[i];
        let key = c.key.clone();
        let form = c
            .forms
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(f, _)| f.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let padded = format!(" {key} ");
        // inside a chosen longer phrase, or overlapping one by two words: redundant
        if out
            .iter()
            .any(|(k, _)| format!(" {k} ").contains(&padded) || shared_words(k, &key) >= 2)
        {
            continue;
        }
        // contains a chosen shorter phrase: the longer one replaces it when nearly as strong
        // ("transportasi online" over "transportasi")
        if let Some(i) = out
            .iter()
            .position(|(k, _)| padded.contains(&format!(" {k} ")))
        {
            if score >= 0.5 * out[i].1.score {
                out[i] = (
                    key,
                    Keyphrase {
                        phrase: form,
                        score: out[i].1.score,
                    },
                );
                // the longer phrase may now cover another chosen one
                let longer = format!(" {} ", out[i].0);
                let mut j = 0;
                while j < out.len() {
                    if j != i && longer.contains(&format!(" {} ", out[j].0)) {
                        out.remove(j);
                    } else {
                        j += 1;
                    }
                }
            }
            continue;
        }
        {
            out.push((
                key,
                Keyphrase {
                    phrase: form,
                    score: (score * 1000.0).round() / 1000.0,
                },
            ));
        }
    }
    out.into_iter().map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_article() {
        let text = "Pemerintah Kabupaten Bogor menyalurkan bantuan sosial kepada warga terdampak \
            banjir. Bantuan sosial berupa beras dan minyak goreng dibagikan di posko banjir \
            Cibinong. Bupati Bogor mengatakan penyaluran bantuan sosial akan berlanjut hingga \
            banjir surut. Warga terdampak banjir diminta mendaftar ke posko.";
        let k = keyphrases(&[text], 5);
        let phrases: Vec<&str> = k.iter().map(|k| k.phrase.as_str()).collect();
        assert_eq!(k.len(), 5, "{phrases:?}");
        assert!(
            phrases.iter().any(|p| p.to_lowercase() == "bantuan sosial"),
            "{phrases:?}"
        );
        assert!(
            phrases.iter().any(|p| p.to_lowercase().contains("banjir")),
            "{phrases:?}"
        );
        // stopwords and generic words never lead a label
        for p in &phrases {
            assert!(!is_stopword(&p.to_lowercase()), "{p}");
            assert_ne!(p.to_lowercase(), "mengatakan");
        }
    }

    #[test]
    fn group_of_articles_and_stemming() {
        let docs = [
            "Harga beras naik di Pasar Induk Cipinang. Pedagang mengeluhkan kenaikan harga beras.",
            "Kenaikan harga beras membuat warga resah. Pemerintah menggelar operasi pasar beras.",
            "Operasi pasar digelar untuk menekan harga beras yang terus naik.",
        ];
        let k = keyphrases(&docs, 3);
        assert_eq!(k[0].phrase.to_lowercase(), "harga beras", "{k:?}");
        assert!(keyphrases(&[], 5).is_empty());
        assert!(keyphrases(&["", "yang dan di"], 5).is_empty());
    }
}
