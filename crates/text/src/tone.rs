//! Tone (positive / neutral / negative): a multinomial logistic regression over hashed
//! features — words, word bigrams, character 2–5-grams inside words, stems — with negation
//! scope ("tidak baik" -> `NEG:baik`) and intensifier marks ("sangat buruk" -> `INT:buruk`).
//!
//! Weights are trained by `examples/train_tone.rs` on SmSA and shipped in
//! `data/text/tone-model.bin`. For PR the useful number is often the tone toward one
//! organisation, see [`tone_toward`]: only the sentences that mention it are scored.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::normalize::slang_formal;

const MODEL_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/text/tone-model.bin"
));

/// Tone of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    /// Positif.
    Positive,
    /// Netral.
    Neutral,
    /// Negatif.
    Negative,
}

impl Tone {
    /// All tones in class-index order.
    pub const ALL: [Tone; 3] = [Tone::Positive, Tone::Neutral, Tone::Negative];

    /// "positive" | "neutral" | "negative".
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Positive => "positive",
            Tone::Neutral => "neutral",
            Tone::Negative => "negative",
        }
    }

    /// Parse "positive" | "neutral" | "negative".
    pub fn parse(s: &str) -> Option<Tone> {
        match s.trim() {
            "positive" => Some(Tone::Positive),
            "neutral" => Some(Tone::Neutral),
            "negative" => Some(Tone::Negative),
            _ => None,
        }
    }

    /// Class index (0 positive, 1 neutral, 2 negative).
    pub fn index(self) -> usize {
        match self {
            Tone::Positive => 0,
            Tone::Neutral => 1,
            Tone::Negative => 2,
        }
    }
}

/// Class probabilities and the winning tone.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ToneScore {
    /// The most probable tone.
    pub tone: Tone,
    /// P(positive).
    pub positive: f32,
    /// P(neutral).
    pub neutral: f32,
    /// P(negative).
    pub negative: f32,
}

impl ToneScore {
    fn from_probs(p: [f32; 3]) -> Self {
        let mut best = 0;
        for k in 1..3 {
            if p[k] > p[best] {
                best = k;
            }
        }
        Self {
            tone: Tone::ALL[best],
            positive: p[0],
            neutral: p[1],
            negative: p[2],
        }
    }
}

const NEGATORS: &[&str] = &[
    "tidak", "tak", "bukan", "belum", "jangan", "kurang", "tanpa", "gak", "ga", "nggak", "enggak",
    "ngga", "tdk", "gk", "bkn", "blm",
];
const INTENSIFIERS: &[&str] = &[
    "sangat",
    "amat",
    "sekali",
    "banget",
    "bgt",
    "terlalu",
    "paling",
    "super",
    "sungguh",
    "begitu",
    "benar-benar",
    "makin",
    "semakin",
];

/// Feature groups are hashed with different seeds so a word and a char n-gram never share.
const G_WORD: u64 = 0x9E37_79B9_7F4A_7C15;
const G_BIGRAM: u64 = 0xC2B2_AE3D_27D4_EB4F;
const G_CHAR: u64 = 0x1656_67B1_9E37_79F9;
const G_NEG: u64 = 0x27D4_EB2F_1656_67C5;
const G_INT: u64 = 0x85EB_CA77_C2B2_AE63;
const G_BIAS: u64 = 0xFF51_AFD7_ED55_8CCD;
const G_LEX: u64 = 0x4CF5_AD43_2745_937F;

const POLARITY: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/text/polarity-id.tsv"
));

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Polarity {
    Pos,
    Neg,
}

/// The project's polarity lexicon (`data/text/polarity-id.tsv`).
fn polarity(word: &str) -> Option<Polarity> {
    static M: OnceLock<rustc_hash::FxHashMap<&'static str, Polarity>> = OnceLock::new();
    M.get_or_init(|| {
        POLARITY
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter_map(|(w, p)| match p.trim() {
                "pos" => Some((w.trim(), Polarity::Pos)),
                "neg" => Some((w.trim(), Polarity::Neg)),
                _ => None,
            })
            .collect()
    })
    .get(word)
    .copied()
}

#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

#[inline]
fn hash_bytes(seed: u64, b: &[u8]) -> u64 {
    // FNV-1a then a murmur finaliser: fast, stable across platforms and releases.
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &x in b {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    fmix(h)
}

/// Lowercase words of a text with slang mapped to formal words, for the tone features.
fn tone_words(text: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if cur.is_empty() {
            return;
        }
        let w = cur.trim_matches('-');
        if !w.is_empty() {
            let w = squeeze3(w);
            match slang_formal(&w) {
                Some(f) => out.extend(f.split(' ').map(str::to_string)),
                None => out.push(w),
            }
        }
        cur.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '-' {
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Squeeze letters repeated 3+ times ("bagusss" -> "bagus").
fn squeeze3(w: &str) -> String {
    let b = w.as_bytes();
    if !b.windows(3).any(|x| x[0] == x[1] && x[1] == x[2]) {
        return w.to_string();
    }
    let mut out = String::with_capacity(w.len());
    let mut last = '\0';
    let mut run = 0;
    for c in w.chars() {
        if c == last {
            run += 1;
        } else {
            last = c;
            run = 1;
        }
        if run <= 2 {
            out.push(c);
        }
    }
    // "bagusss" became "baguss": collapse a final double made of a former triple.
    if out.len() < w.len() {
        let mut chars: Vec<char> = out.chars().collect();
        let n = chars.len();
        if n >= 2 && chars[n - 1] == chars[n - 2] {
            chars.pop();
        }
        return chars.into_iter().collect();
    }
    out
}

/// Context-free features of one word (unigram, stem, char 2..5-grams of " word ") pushed to
/// `out`, and the word's polarity. The first feature is the unigram.
fn word_features(w: &str, out: &mut Vec<(u64, u8)>) -> Option<Polarity> {
    let wb = w.as_bytes();
    out.push((hash_bytes(G_WORD, wb), 0));
    let stem = (wb.len() > 4).then(|| crate::global_stemmer().stem(w));
    if let Some(st) = &stem
        && st.as_bytes() != wb
    {
        out.push((hash_bytes(G_WORD, st.as_bytes()), 0));
    }
    // char 2..5-grams of " word ", hashed incrementally from each start byte
    let mut padded: Vec<u8> = Vec::with_capacity(wb.len() + 2);
    padded.push(b' ');
    padded.extend_from_slice(wb);
    padded.push(b' ');
    for i in 0..padded.len() {
        let mut h = 0xcbf2_9ce4_8422_2325u64 ^ G_CHAR;
        for n in 1..=5usize {
            let Some(&b) = padded.get(i + n - 1) else {
                break;
            };
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
            if n >= 2 {
                out.push((fmix(h ^ n as u64), 2));
            }
        }
    }
    polarity(w).or_else(|| stem.as_deref().and_then(polarity))
}

/// Receives the features of a text from [`walk`].
trait FeatureSink {
    /// The context-free features of an occurrence of word `w` (see [`word_features`]);
    /// returns the unigram hash and the polarity.
    fn word(&mut self, w: &str) -> (u64, Option<Polarity>);
    /// One contextual feature.
    fn feature(&mut self, h: u64, g: u8);
}

/// Walks the features of `text`. Groups: 0 words, stems and negation marks; 1 bigrams; 2 char
/// n-grams; 3 intensifier marks (weighted like group 0 but left out of its norm, so an
/// intensifier strengthens rather than dilutes); 4 the bias; 5 the lexicon prior.
fn walk(text: &str, sink: &mut impl FeatureSink) {
    let words = tone_words(text);
    let mut neg_left = 0u8;
    let mut int_left = 0u8;
    let mut prev: Option<u64> = None;
    for w in &words {
        let wb = w.as_bytes();
        if INTENSIFIERS.contains(&w.as_str()) {
            // An intensifier carries no polarity of its own: it only marks the next words,
            // and those marks do not dilute the rest (group 3 is left out of the norm).
            int_left = 2;
            sink.feature(hash_bytes(G_WORD, wb), 3);
            continue;
        }
        let (hw, pol) = sink.word(w);
        let negated_here = neg_left > 0;
        let intensified_here = int_left > 0;
        if neg_left > 0 {
            sink.feature(hash_bytes(G_NEG, wb), 0);
            neg_left -= 1;
        }
        if int_left > 0 {
            sink.feature(hash_bytes(G_INT, wb), 3);
            int_left -= 1;
        }
        if NEGATORS.contains(&w.as_str()) {
            neg_left = 3;
        }
        // Lexicon prior: the model learns what "a positive word" weighs from SmSA and carries
        // it to news words SmSA never saw ("diapresiasi", "mangkrak"). A preceding negator
        // flips it (the negator's own polarity, as for "kurang", is not flipped).
        if let Some(p) = pol {
            let tag: &[u8] = match (p, negated_here) {
                (Polarity::Pos, false) => b"pos",
                (Polarity::Pos, true) => b"pos-negated",
                (Polarity::Neg, false) => b"neg",
                (Polarity::Neg, true) => b"neg-negated",
            };
            let h = hash_bytes(G_LEX, tag);
            sink.feature(h, 5);
            if intensified_here {
                sink.feature(h, 5);
            }
        }
        if let Some(p) = prev {
            sink.feature(p.rotate_left(17) ^ hw ^ G_BIGRAM, 1);
        }
        prev = Some(hw);
    }
    sink.feature(hash_bytes(G_BIAS, b"bias"), 4);
}

/// Calls `f(hash, group)` for every feature of `text` (see [`walk`]).
fn features(text: &str, f: impl FnMut(u64, u8)) {
    // Context-free features of each distinct word, computed once per text: articles repeat
    // their words a lot.
    struct PerText<F> {
        seen: FxHashMap<String, (usize, usize, Option<Polarity>)>,
        store: Vec<(u64, u8)>,
        f: F,
    }
    impl<F: FnMut(u64, u8)> FeatureSink for PerText<F> {
        fn word(&mut self, w: &str) -> (u64, Option<Polarity>) {
            let (from, to, pol) = match self.seen.get(w) {
                Some(x) => *x,
                None => {
                    let from = self.store.len();
                    let pol = word_features(w, &mut self.store);
                    let x = (from, self.store.len(), pol);
                    self.seen.insert(w.to_owned(), x);
                    x
                }
            };
            for &(h, g) in &self.store[from..to] {
                (self.f)(h, g);
            }
            (self.store[from].0, pol)
        }
        fn feature(&mut self, h: u64, g: u8) {
            (self.f)(h, g);
        }
    }
    walk(
        text,
        &mut PerText {
            seen: FxHashMap::default(),
            store: Vec::new(),
            f,
        },
    );
}

/// A word's context-free features summed against a loaded model: per group (0 words, 2 char
/// n-grams) the idf-weighted class weights and the squared idf.
#[derive(Clone, Copy)]
struct WordSums {
    z: [[f32; 3]; 2],
    sq: [f32; 2],
    unigram: u64,
    pol: Option<Polarity>,
}

/// Words a thread remembers the [`WordSums`] of (per loaded model), so scoring an occurrence
/// of a known word is one lookup instead of some thirty hashed features.
const WORD_MEMO_CAPACITY: usize = 100_000;

thread_local! {
    static WORD_MEMO: std::cell::RefCell<(usize, FxHashMap<Box<str>, WordSums>)> =
        std::cell::RefCell::new((0, FxHashMap::default()));
}

/// Running sums of a score: per feature group, idf-weighted class weights and squared idf.
struct Sums<'m> {
    model: &'m ToneModel,
    zg: [[f32; 3]; 6],
    sq: [f32; 6],
}

impl Sums<'_> {
    /// Class weights and idf of a feature's bucket (unscaled i16 weights for a loaded model).
    #[inline]
    fn lookup(&self, h: u64) -> ([f32; 3], f32) {
        let s = self.model.slot(h);
        match &self.model.quantised {
            Some((q, _)) => {
                let b = q[s];
                (
                    [f32::from(b[0]), f32::from(b[1]), f32::from(b[2])],
                    f32::from(u16::from_ne_bytes(b[3].to_ne_bytes())) / IDF_SCALE,
                )
            }
            None => (self.model.weights[s], self.model.idf[s]),
        }
    }

    #[inline]
    fn add(&mut self, h: u64, g: u8) {
        let gi = usize::from(g).min(5);
        let (w, idf) = self.lookup(h);
        let v = if g == 4 {
            1.0
        } else {
            self.sq[gi] += idf * idf;
            idf
        };
        for (z, w) in self.zg[gi].iter_mut().zip(w) {
            *z += w * v;
        }
    }
}

/// Scores with the per-thread word memo.
struct Memoised<'a, 'm> {
    acc: &'a mut Sums<'m>,
    memo: &'a mut FxHashMap<Box<str>, WordSums>,
    scratch: Vec<(u64, u8)>,
}

impl FeatureSink for Memoised<'_, '_> {
    fn word(&mut self, w: &str) -> (u64, Option<Polarity>) {
        let ws = match self.memo.get(w) {
            Some(ws) => *ws,
            None => {
                self.scratch.clear();
                let pol = word_features(w, &mut self.scratch);
                let mut ws = WordSums {
                    z: [[0.0; 3]; 2],
                    sq: [0.0; 2],
                    unigram: self.scratch.first().map_or(0, |f| f.0),
                    pol,
                };
                for &(h, g) in &self.scratch {
                    let k = usize::from(g == 2);
                    let (wt, idf) = self.acc.lookup(h);
                    ws.sq[k] += idf * idf;
                    for (z, w) in ws.z[k].iter_mut().zip(wt) {
                        *z += w * idf;
                    }
                }
                self.memo.insert(Box::from(w), ws);
                ws
            }
        };
        for (k, g) in [(0, 0), (1, 2)] {
            self.acc.sq[g] += ws.sq[k];
            for c in 0..3 {
                self.acc.zg[g][c] += ws.z[k][c];
            }
        }
        (ws.unigram, ws.pol)
    }

    fn feature(&mut self, h: u64, g: u8) {
        self.acc.add(h, g);
    }
}

/// A trained tone model (hashed linear softmax).
#[derive(Debug, Clone)]
pub struct ToneModel {
    bits: u32,
    weights: Vec<[f32; 3]>,
    /// Inverse document frequency per bucket (TF-IDF weighting), 1.0 when untrained.
    idf: Vec<f32>,
    /// The same weights kept quantised (as loaded from disk): half the memory, so scoring
    /// long articles misses the cache less. `None` for a freshly trained model.
    /// Each bucket's three class weights and its idf (u16 × 1000, stored as the same bits) side
    /// by side, so scoring a feature touches one cache line instead of two.
    quantised: Option<(Vec<[i16; 4]>, f32)>,
    /// Tells loaded models apart in the per-thread word memo.
    id: usize,
}

fn next_model_id() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

const MAGIC: &[u8; 4] = b"STN2";
const WORD_GROUP_WEIGHT: f32 = 6.0;
const BIGRAM_GROUP_WEIGHT: f32 = 3.0;
/// Lexicon marks relative to a word feature.
const LEX_WEIGHT: f32 = 1.0;
const IDF_SCALE: f32 = 1000.0;

impl ToneModel {
    /// An untrained model of `2^bits` buckets (everything scores neutral-ish).
    pub fn zeros(bits: u32) -> Self {
        let bits = bits.clamp(8, 24);
        Self {
            bits,
            weights: vec![[0.0; 3]; 1 << bits],
            idf: vec![1.0; 1 << bits],
            quantised: None,
            id: next_model_id(),
        }
    }

    /// (bucket, value) pairs of `text`: TF-IDF, L2-normalised per feature group.
    fn featurize(&self, text: &str) -> Vec<(usize, f32)> {
        let mut raw: Vec<(usize, u8)> = Vec::with_capacity(text.len() * 4);
        features(text, |h, g| raw.push((self.slot(h), g)));
        let mut sq = [0f32; 6];
        for &(s, g) in &raw {
            let i = self.idf[s];
            sq[g as usize] += i * i;
        }
        let norm = self.group_norms(sq);
        raw.into_iter()
            .map(|(s, g)| {
                let v = if g == 4 {
                    1.0
                } else {
                    self.idf[s] * norm[g as usize]
                };
                (s, v)
            })
            .collect()
    }

    /// Scale of each feature group from its squared idf sum (L2 norm per group).
    fn group_norms(&self, sq: [f32; 6]) -> [f32; 6] {
        let mut norm = sq.map(|x| if x > 0.0 { 1.0 / x.sqrt() } else { 0.0 });
        // Words and bigrams weigh more than the many char n-grams (chosen on a hold-out of
        // the training file: macro-F1 0.860 with equal weights, 0.870 with these).
        norm[0] *= WORD_GROUP_WEIGHT;
        norm[1] *= BIGRAM_GROUP_WEIGHT;
        norm[3] = norm[0];
        norm[4] = 1.0;
        norm[5] = norm[0] * LEX_WEIGHT;
        norm
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize
    }

    /// Class probabilities of `text`.
    pub fn score(&self, text: &str) -> ToneScore {
        // No words (empty line, only punctuation or emoji): nothing to judge.
        if !text.chars().any(char::is_alphanumeric) {
            return ToneScore::from_probs([0.0, 1.0, 0.0]);
        }
        // One pass, no feature vector: per group, the idf-weighted weight sums and the squared
        // idf sum; the group norms (known only at the end) scale the sums afterwards. The same
        // value as summing `featurize`'s (slot, value) pairs, without allocating them.
        let mut acc = Sums {
            model: self,
            zg: [[0.0; 3]; 6],
            sq: [0.0; 6],
        };
        match &self.quantised {
            // A loaded model never changes, so its per-word sums can be remembered.
            Some(_) => WORD_MEMO.with(|memo| {
                let mut memo = memo.borrow_mut();
                if memo.0 != self.id || memo.1.len() >= WORD_MEMO_CAPACITY {
                    memo.1.clear();
                    memo.0 = self.id;
                }
                walk(
                    text,
                    &mut Memoised {
                        acc: &mut acc,
                        memo: &mut memo.1,
                        scratch: Vec::new(),
                    },
                );
            }),
            None => features(text, |h, g| acc.add(h, g)),
        }
        let norm = self.group_norms(acc.sq);
        let mut z = [0f32; 3];
        for (g, sums) in acc.zg.iter().enumerate() {
            for c in 0..3 {
                z[c] += sums[c] * norm[g];
            }
        }
        if let Some((_, scale)) = &self.quantised {
            z = z.map(|x| x * scale);
        }
        ToneScore::from_probs(softmax(z))
    }

    /// Serialise: magic, bits, scale, 3 x i16 weights per bucket, then u16 idf x 1000 per
    /// bucket (little endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .weights
            .iter()
            .flat_map(|w| w.iter())
            .fold(0f32, |m, &x| m.max(x.abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        let mut out = Vec::with_capacity(12 + self.weights.len() * 6);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for w in &self.weights {
            for &x in w {
                let q = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        for &i in &self.idf {
            let q = (i * IDF_SCALE).round().clamp(0.0, 65535.0) as u16;
            out.extend_from_slice(&q.to_le_bytes());
        }
        out
    }

    /// Parse [`ToneModel::to_bytes`] output.
    pub fn from_bytes(b: &[u8]) -> Result<Self, Error> {
        if b.len() < 12 || &b[..4] != MAGIC {
            return Err(Error::Data("tone model: bad header".into()));
        }
        let bits = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
        let scale = f32::from_le_bytes([b[8], b[9], b[10], b[11]]);
        if !(8..=24).contains(&bits) || !scale.is_finite() {
            return Err(Error::Data("tone model: bad size or scale".into()));
        }
        let n = 1usize << bits;
        let body = &b[12..];
        if body.len() != n * 8 {
            return Err(Error::Data("tone model: truncated".into()));
        }
        let (wbody, ibody) = body.split_at(n * 6);
        let idf_raw: Vec<u16> = ibody
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let idf = idf_raw.iter().map(|&i| f32::from(i) / IDF_SCALE).collect();
        let q: Vec<[i16; 4]> = wbody
            .chunks_exact(6)
            .zip(&idf_raw)
            .map(|(c, &i)| {
                [
                    i16::from_le_bytes([c[0], c[1]]),
                    i16::from_le_bytes([c[2], c[3]]),
                    i16::from_le_bytes([c[4], c[5]]),
                    i16::from_ne_bytes(i.to_ne_bytes()),
                ]
            })
            .collect();
        // f32 copies serve averaging and re-serialising; scoring reads the packed ones.
        let weights = q
            .iter()
            .map(|w| [w[0], w[1], w[2]].map(|x| f32::from(x) * scale))
            .collect();
        Ok(Self {
            bits,
            weights,
            idf,
            quantised: Some((q, scale)),
            id: next_model_id(),
        })
    }

    /// The average of models of the same size (a cheap bagging ensemble); `None` if empty or
    /// the sizes differ.
    pub fn average(models: &[ToneModel]) -> Option<ToneModel> {
        let first = models.first()?;
        if models.iter().any(|m| m.bits != first.bits) {
            return None;
        }
        let mut out = ToneModel::zeros(first.bits);
        out.idf.clone_from(&first.idf);
        let k = models.len() as f32;
        for m in models {
            for (o, w) in out.weights.iter_mut().zip(&m.weights) {
                for c in 0..3 {
                    o[c] += w[c] / k;
                }
            }
        }
        Some(out)
    }

    /// Shift the class biases (positive, neutral, negative) — used after training to trade
    /// classes against each other for macro-F1.
    pub fn shift_bias(&mut self, delta: [f32; 3]) {
        let s = self.slot(hash_bytes(G_BIAS, b"bias"));
        for (w, d) in self.weights[s].iter_mut().zip(delta) {
            *w += d;
        }
        self.quantised = None;
    }

    /// The shipped model (`data/text/tone-model.bin`), loaded on first use.
    pub fn shared() -> &'static ToneModel {
        static M: OnceLock<ToneModel> = OnceLock::new();
        M.get_or_init(|| ToneModel::from_bytes(MODEL_BYTES).unwrap_or_else(|_| ToneModel::zeros(8)))
    }
}

fn softmax(z: [f32; 3]) -> [f32; 3] {
    let m = z[0].max(z[1]).max(z[2]);
    let e = z.map(|x| (x - m).exp());
    let s = e[0] + e[1] + e[2];
    e.map(|x| x / s)
}

/// Training settings for [`train`].
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// log2 of the number of hash buckets.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// AdaGrad base learning rate.
    pub lr: f32,
    /// L2 penalty (applied to the touched weights).
    pub l2: f32,
    /// Shuffle seed.
    pub seed: u64,
    /// Weight features by inverse document frequency.
    pub idf: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            bits: 18,
            epochs: 12,
            lr: 0.5,
            l2: 1e-6,
            seed: 42,
            idf: false,
        }
    }
}

/// Train a model on `(text, tone)` pairs with AdaGrad on the softmax loss; the returned
/// weights are the average of the per-epoch weights (steadier than the last ones).
pub fn train(data: &[(String, Tone)], cfg: TrainConfig) -> ToneModel {
    let mut model = ToneModel::zeros(cfg.bits);
    let n = model.weights.len();
    let mut g2 = vec![[1e-6f32; 3]; n];
    let mut avg = vec![[0f32; 3]; n];
    // Document frequencies -> smoothed idf, as scikit-learn's TfidfVectorizer.
    let mut df = vec![0u32; n];
    let mut seen = vec![u32::MAX; n];
    for (d, (t, _)) in data.iter().enumerate() {
        features(t, |h, _| {
            let s = model.slot(h);
            if seen[s] != d as u32 {
                seen[s] = d as u32;
                df[s] += 1;
            }
        });
    }
    let docs = data.len() as f32;
    if cfg.idf {
        for (i, &c) in model.idf.iter_mut().zip(&df) {
            *i = ((1.0 + docs) / (1.0 + c as f32)).ln() + 1.0;
        }
    }
    let feats: Vec<Vec<(usize, f32)>> = data.iter().map(|(t, _)| model.featurize(t)).collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = cfg.seed.max(1);
    for _ in 0..cfg.epochs {
        // Fisher–Yates with xorshift: reproducible without a rand dependency.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let fx = &feats[i];
            let mut z = [0f32; 3];
            for &(s, v) in fx {
                let w = &model.weights[s];
                z[0] += w[0] * v;
                z[1] += w[1] * v;
                z[2] += w[2] * v;
            }
            let p = softmax(z);
            let y = data[i].1.index();
            for &(s, v) in fx {
                for k in 0..3 {
                    let target = if k == y { 1.0 } else { 0.0 };
                    let g = (p[k] - target) * v + cfg.l2 * model.weights[s][k];
                    g2[s][k] += g * g;
                    model.weights[s][k] -= cfg.lr * g / g2[s][k].sqrt();
                }
            }
        }
        for (a, w) in avg.iter_mut().zip(&model.weights) {
            for k in 0..3 {
                a[k] += w[k] / cfg.epochs as f32;
            }
        }
    }
    model.weights = avg;
    model
}

/// Macro-F1 of `model` on labelled data.
pub fn macro_f1(model: &ToneModel, data: &[(String, Tone)]) -> f64 {
    let mut tp = [0f64; 3];
    let mut fp = [0f64; 3];
    let mut fneg = [0f64; 3];
    for (t, y) in data {
        let p = model.score(t).tone.index();
        let y = y.index();
        if p == y {
            tp[y] += 1.0;
        } else {
            fp[p] += 1.0;
            fneg[y] += 1.0;
        }
    }
    (0..3)
        .map(|k| {
            let d = 2.0 * tp[k] + fp[k] + fneg[k];
            if d == 0.0 { 0.0 } else { 2.0 * tp[k] / d }
        })
        .sum::<f64>()
        / 3.0
}

/// Tone of a text with the shipped model.
pub fn tone_of(text: &str) -> Tone {
    ToneModel::shared().score(text).tone
}

/// Probabilities of a text with the shipped model.
pub fn tone_scores(text: &str) -> ToneScore {
    ToneModel::shared().score(text)
}

/// Tone toward an organisation or person: the average of the sentences that mention one of
/// `aliases` (case-insensitive, whole words). `None` when no sentence mentions it.
pub fn tone_toward(text: &str, aliases: &[&str]) -> Option<ToneScore> {
    let model = ToneModel::shared();
    let lowered: Vec<String> = aliases
        .iter()
        .map(|a| a.trim().to_lowercase())
        .filter(|a| !a.is_empty())
        .collect();
    let mut sum = [0f32; 3];
    let mut n = 0;
    for s in crate::token::sentences(text) {
        let mut low = s.text.to_lowercase();
        if lowered.iter().any(|a| contains_word(&low, a)) {
            // The name itself is not an opinion: score the sentence without it.
            for a in &lowered {
                low = low.replace(a.as_str(), " ");
            }
            let sc = model.score(&low);
            sum[0] += sc.positive;
            sum[1] += sc.neutral;
            sum[2] += sc.negative;
            n += 1;
        }
    }
    (n > 0).then(|| ToneScore::from_probs(sum.map(|x| x / n as f32)))
}

/// `needle` occurs in `hay` with no letter or digit right before or after it.
pub(crate) fn contains_word(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let before = hay[..s].chars().next_back();
        let after = hay[e..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = s + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_mark_negation_and_intensifiers() {
        let mut a = Vec::new();
        features("pelayanan baik", |h, _| a.push(h));
        let mut b = Vec::new();
        features("pelayanan tidak baik", |h, _| b.push(h));
        let neg_baik = hash_bytes(G_NEG, b"baik");
        assert!(b.contains(&neg_baik) && !a.contains(&neg_baik));
        let mut c = Vec::new();
        features("sangat buruk", |h, _| c.push(h));
        assert!(c.contains(&hash_bytes(G_INT, b"buruk")));
        // slang is normalised before hashing: "gak" counts as the negator "tidak"
        let mut d = Vec::new();
        features("pelayanan gak baik", |h, _| d.push(h));
        assert!(d.contains(&neg_baik));
    }

    #[test]
    fn model_roundtrip() {
        let data: Vec<(String, Tone)> = vec![
            ("pelayanan sangat baik dan ramah".into(), Tone::Positive),
            ("pelayanan buruk dan lambat".into(), Tone::Negative),
            ("rapat digelar di balai kota".into(), Tone::Neutral),
        ];
        let m = train(
            &data,
            TrainConfig {
                bits: 12,
                epochs: 30,
                ..TrainConfig::default()
            },
        );
        assert!(macro_f1(&m, &data) > 0.99);
        let m2 = ToneModel::from_bytes(&m.to_bytes()).unwrap();
        for (t, y) in &data {
            assert_eq!(m2.score(t).tone, *y);
        }
        assert!(ToneModel::from_bytes(b"nope").is_err());
        assert!(ToneModel::from_bytes(&m.to_bytes()[..100]).is_err());
    }

    /// The memoised scoring path (loaded models) gives the same probabilities as summing the
    /// explicit feature vector, for repeated words, negation, intensifiers and slang alike.
    #[test]
    fn memoised_score_equals_feature_vector_score() {
        let model = ToneModel::shared();
        let Some((q, scale)) = &model.quantised else {
            panic!("the shipped model is loaded quantised");
        };
        let texts = [
            "Pelayanan publik di kota ini sangat buruk dan warga kecewa berat.",
            "Program bantuan pangan berhasil, warga senang, bantuan tidak dipotong.",
            "Gubernur tidak puas. Tidak puas! Jalan rusak, jalan rusak, jalan rusak lagi.",
            "Mantap bgt pelayanannya gan, ga nyesel deh",
            "Banjir rob kembali merendam pesisir utara; sangat parah dan sangat merugikan.",
        ];
        for _ in 0..2 {
            // twice: the second round reads every word from the memo
            for t in texts {
                let mut z = [0f32; 3];
                for (s, v) in model.featurize(t) {
                    for c in 0..3 {
                        z[c] += f32::from(q[s][c]) * v;
                    }
                }
                let expected = ToneScore::from_probs(softmax(z.map(|x| x * scale)));
                let got = model.score(t);
                for (a, b) in [
                    (got.positive, expected.positive),
                    (got.neutral, expected.neutral),
                    (got.negative, expected.negative),
                ] {
                    assert!((a - b).abs() < 1e-4, "{t}: {got:?} vs {expected:?}");
                }
            }
        }
    }

    #[test]
    fn shipped_model_reads_real_sentences() {
        assert_eq!(tone_of("makanannya enak sekali, saya puas"), Tone::Positive);
        assert_eq!(
            tone_of("pelayanan sangat buruk dan mengecewakan"),
            Tone::Negative
        );
        assert_eq!(
            tone_of("rapat koordinasi digelar di balai kota pada hari senin"),
            Tone::Neutral
        );
        // negation flips the tone
        assert_eq!(tone_of("pelayanannya baik"), Tone::Positive);
        assert_eq!(tone_of("pelayanannya tidak baik"), Tone::Negative);
        assert_eq!(tone_of("kurang memuaskan"), Tone::Negative);
        assert_eq!(tone_of("gak enak"), Tone::Negative);
        // intensifier makes it surer
        assert!(
            tone_scores("pelayanan sangat buruk").negative
                > tone_scores("pelayanan buruk").negative
        );
    }

    #[test]
    fn lexicon_carries_news_words() {
        assert_eq!(polarity("apresiasi"), Some(Polarity::Pos));
        assert_eq!(polarity("mangkrak"), Some(Polarity::Neg));
        assert_eq!(polarity("gubernur"), None);
        let mut a = Vec::new();
        features("bantuan tidak tepat sasaran", |h, _| a.push(h));
        assert!(a.contains(&hash_bytes(G_LEX, b"pos-negated")));
        assert_eq!(
            tone_of("Bantuan sosial tidak tepat sasaran."),
            Tone::Negative
        );
        assert_eq!(
            tone_of("Harga beras naik tajam sehingga warga resah."),
            Tone::Negative
        );
        assert_eq!(
            tone_of("Proyek jalan mangkrak, warga kecewa dan menuntut penjelasan."),
            Tone::Negative
        );
        assert_eq!(
            tone_of("Pelayanan publik di kantor kecamatan semakin cepat dan mudah."),
            Tone::Positive
        );
    }

    #[test]
    fn tone_toward_an_organisation() {
        let text = "Pemkab Bogor dipuji warga karena pelayanannya sangat baik dan cepat. \
                    Sementara itu, Pemkot Depok dikritik warga karena pelayanan buruk dan mengecewakan.";
        let bogor = tone_toward(text, &["Pemkab Bogor"]).unwrap();
        let depok = tone_toward(text, &["Pemkot Depok", "Pemerintah Kota Depok"]).unwrap();
        assert_eq!(bogor.tone, Tone::Positive, "{bogor:?}");
        assert_eq!(depok.tone, Tone::Negative, "{depok:?}");
        assert!(tone_toward(text, &["Pemprov Jabar"]).is_none());
    }

    #[test]
    fn no_words_is_neutral() {
        assert_eq!(tone_of(""), Tone::Neutral);
        assert_eq!(tone_of(" ... !!! "), Tone::Neutral);
    }

    #[test]
    fn contains_whole_words() {
        assert!(contains_word("pemkab bogor menanam", "pemkab bogor"));
        assert!(!contains_word("bogorjaya", "bogor"));
        assert!(contains_word("x kpk.", "kpk"));
    }
}
