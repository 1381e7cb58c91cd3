//! Near-duplicate detection: 64-bit SimHash and MinHash (with LSH banding) over 3-word
//! shingles of the folded text.
//!
//! "Same story republished" (a syndicated copy with another headline, boilerplate added,
//! paragraphs cut or shuffled) shares most of its word 3-grams with the original; two
//! articles on the same topic share names and topic words but few 3-grams. So the decision
//! uses the MinHash estimate of shingle overlap, measured against the *smaller* document
//! (a copy with paragraphs cut is still contained in the original).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Number of MinHash permutations.
pub const MINHASH_PERM: usize = 128;

#[inline]
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

#[inline]
fn word_hash(w: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in w {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hashes of the word 3-grams of `text` (lowercased letters and digits; other characters
/// separate words). Texts under 3 words give their words.
pub fn shingles(text: &str) -> Vec<u64> {
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 6 + 1);
    if text.is_ascii() {
        // Fast path: hash lowercase alphanumeric runs straight from the bytes.
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        let mut in_word = false;
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() {
                h ^= u64::from(b.to_ascii_lowercase());
                h = h.wrapping_mul(0x0100_0000_01b3);
                in_word = true;
            } else if in_word {
                words.push(h);
                h = 0xcbf2_9ce4_8422_2325;
                in_word = false;
            }
        }
        if in_word {
            words.push(h);
        }
    } else {
        let mut cur: Vec<u8> = Vec::with_capacity(32);
        let mut push = |cur: &mut Vec<u8>| {
            if !cur.is_empty() {
                words.push(word_hash(cur));
                cur.clear();
            }
        };
        for c in text.chars() {
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    let mut b = [0u8; 4];
                    cur.extend_from_slice(l.encode_utf8(&mut b).as_bytes());
                }
            } else {
                push(&mut cur);
            }
        }
        push(&mut cur);
    }
    if words.len() < 3 {
        return words.into_iter().map(mix).collect();
    }
    words
        .windows(3)
        .map(|w| mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42)))
        .collect()
}

/// 64-bit SimHash of the text's word 3-grams. Near-identical texts differ in few bits.
pub fn simhash64(text: &str) -> u64 {
    simhash_of(&shingles(text))
}

fn simhash_of(sh: &[u64]) -> u64 {
    // Per-bit counts of set bits, kept as vertical binary counters (bit-planes): adding a
    // shingle costs a couple of word operations instead of 64 increments.
    let mut planes = [0u64; 33];
    for &h in sh {
        let mut carry = h;
        let mut i = 0;
        while carry != 0 && i < planes.len() {
            let p = planes[i];
            planes[i] = p ^ carry;
            carry &= p;
            i += 1;
        }
    }
    let n = sh.len() as u64;
    let mut out = 0u64;
    for bit in 0..64 {
        let c: u64 = planes
            .iter()
            .enumerate()
            .map(|(i, p)| ((p >> bit) & 1) << i)
            .sum();
        if 2 * c > n {
            out |= 1 << bit;
        }
    }
    out
}

/// Hamming distance of two SimHashes.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// MinHash signer (one-permutation hashing into [`MINHASH_PERM`] bins).
#[derive(Debug, Clone)]
pub struct MinHash {
    a: [u64; MINHASH_PERM],
    b: [u64; MINHASH_PERM],
}

impl Default for MinHash {
    fn default() -> Self {
        Self::new(0x5EED_5EED)
    }
}

impl MinHash {
    /// Signer with hash functions drawn from `seed` (keep the seed fixed to compare).
    pub fn new(seed: u64) -> Self {
        let mut a = [0u64; MINHASH_PERM];
        let mut b = [0u64; MINHASH_PERM];
        let mut s = seed;
        for i in 0..MINHASH_PERM {
            s = mix(s.wrapping_add(0x9E37_79B9_7F4A_7C15));
            a[i] = s | 1;
            s = mix(s.wrapping_add(0x9E37_79B9_7F4A_7C15));
            b[i] = s;
        }
        Self { a, b }
    }

    /// MinHash signature of shingle hashes: one-permutation hashing (each shingle hashed
    /// once into one of [`MINHASH_PERM`] bins, the minimum kept per bin) with rotation
    /// densification for empty bins (Shrivastava & Li, 2014). ~100x cheaper than
    /// [`MINHASH_PERM`] independent hash functions, with the same collision estimator.
    pub fn signature_of(&self, shingles: &[u64]) -> Vec<u32> {
        let mut sig = vec![u32::MAX; MINHASH_PERM];
        let mut filled = [false; MINHASH_PERM];
        for &x in shingles {
            let h = mix(x.wrapping_mul(self.a[0]).wrapping_add(self.b[0]));
            let bin = (h >> 57) as usize; // top 7 bits: 128 bins
            let v = h as u32;
            if v <= sig[bin] {
                sig[bin] = v;
            }
            filled[bin] = true;
        }
        if shingles.is_empty() || filled.iter().all(|&f| f) {
            return sig;
        }
        // Empty bin i borrows the next filled bin to its right, marked by the distance so
        // that two documents agree on it only when they agree on the source bin.
        let mut out = sig.clone();
        for i in 0..MINHASH_PERM {
            if filled[i] {
                continue;
            }
            let mut d = 1;
            while !filled[(i + d) % MINHASH_PERM] {
                d += 1;
            }
            let src = sig[(i + d) % MINHASH_PERM];
            out[i] = (mix(u64::from(src) ^ self.b[d % MINHASH_PERM]) >> 32) as u32;
        }
        out
    }

    /// MinHash signature of a text.
    pub fn signature(&self, text: &str) -> Vec<u32> {
        self.signature_of(&shingles(text))
    }
}

/// Estimated Jaccard similarity of two signatures (share of equal slots).
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let eq = a.iter().zip(b).filter(|(x, y)| x == y).count();
    eq as f64 / n as f64
}

/// Everything needed to compare a document for near-duplication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// SimHash of the shingles.
    pub simhash: u64,
    /// MinHash signature.
    pub minhash: Vec<u32>,
    /// Number of shingles (for the containment estimate).
    pub shingles: u32,
}

/// Fingerprint of a text with the default signer.
pub fn fingerprint(text: &str) -> Fingerprint {
    static SIGNER: std::sync::OnceLock<MinHash> = std::sync::OnceLock::new();
    let signer = SIGNER.get_or_init(MinHash::default);
    // Repeated word 3-grams are rare in prose, so the shingle count stands in for the
    // distinct count (saves a sort); OPH MinHash ignores repeats anyway.
    let sh = shingles(text);
    let simhash = simhash_of(&sh);
    Fingerprint {
        simhash,
        minhash: signer.signature_of(&sh),
        shingles: sh.len() as u32,
    }
}

/// Estimated share of the smaller document's shingles found in the other one.
pub fn containment(a: &Fingerprint, b: &Fingerprint) -> f64 {
    let j = jaccard(&a.minhash, &b.minhash);
    let (na, nb) = (f64::from(a.shingles), f64::from(b.shingles));
    let small = na.min(nb);
    if small == 0.0 {
        return 0.0;
    }
    // |A ∩ B| = J (|A| + |B|) / (1 + J)
    (j * (na + nb) / (1.0 + j) / small).min(1.0)
}

/// Containment at or above which two documents are the same story. Chosen on the IndoSum
/// syndication set (`examples/eval_dedup.rs`): copies score 0.6–1.0, distinct articles on
/// the same topic under 0.1.
pub const SAME_STORY_CONTAINMENT: f64 = 0.35;

/// Is `b` the same story as `a` (republished, possibly edited), rather than another article
/// on the same topic?
pub fn is_same_story(a: &Fingerprint, b: &Fingerprint) -> bool {
    if a.shingles == 0 || b.shingles == 0 {
        return false;
    }
    containment(a, b) >= SAME_STORY_CONTAINMENT
}

/// LSH index over MinHash signatures: `bands` bands of `MINHASH_PERM / bands` rows; documents
/// sharing one band are candidates.
#[derive(Debug, Clone)]
pub struct LshIndex {
    bands: usize,
    rows: usize,
    tables: Vec<HashMap<u64, Vec<u32>>>,
}

impl Default for LshIndex {
    fn default() -> Self {
        // 64 bands x 2 rows: a pair with Jaccard 0.3 is a candidate with probability ~0.998,
        // 0.1 -> 0.47, 0.05 -> 0.15. Edited copies (boilerplate, cuts) often sit near Jaccard
        // 0.3-0.5, where 32 x 4 missed 13% on IndoSum; candidates are checked by
        // `is_same_story` anyway (about 1 extra candidate per 1,000 indexed articles).
        Self::new(64)
    }
}

impl LshIndex {
    /// Index with `bands` bands (clamped to divide [`MINHASH_PERM`]).
    pub fn new(bands: usize) -> Self {
        let mut bands = bands.clamp(1, MINHASH_PERM);
        while !MINHASH_PERM.is_multiple_of(bands) {
            bands -= 1;
        }
        Self {
            bands,
            rows: MINHASH_PERM / bands,
            tables: vec![HashMap::new(); bands],
        }
    }

    fn band_keys<'a>(&'a self, sig: &'a [u32]) -> impl Iterator<Item = (usize, u64)> + 'a {
        (0..self.bands).filter_map(move |b| {
            let part = sig.get(b * self.rows..(b + 1) * self.rows)?;
            let mut h = 0x1234_5678u64 ^ b as u64;
            for &x in part {
                h = mix(h ^ u64::from(x));
            }
            Some((b, h))
        })
    }

    /// Add document `id` with its signature.
    pub fn insert(&mut self, id: u32, sig: &[u32]) {
        let keys: Vec<(usize, u64)> = self.band_keys(sig).collect();
        for (b, k) in keys {
            self.tables[b].entry(k).or_default().push(id);
        }
    }

    /// Like [`Self::candidates`], but a band shared by more than `max_bucket` documents is
    /// ignored: such a band is boilerplate many unrelated articles share (an outlet's standard
    /// closing lines), not evidence that two articles are the same story, and walking it makes
    /// each lookup cost grow with the size of the index.
    pub fn candidates_capped(&self, sig: &[u32], max_bucket: usize) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for (b, k) in self.band_keys(sig) {
            if let Some(ids) = self.tables[b].get(&k)
                && ids.len() <= max_bucket
            {
                out.extend_from_slice(ids);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Ids sharing at least one band with `sig`, without duplicates.
    pub fn candidates(&self, sig: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for (b, k) in self.band_keys(sig) {
            if let Some(ids) = self.tables[b].get(&k) {
                out.extend_from_slice(ids);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIG: &str = "Pemerintah Kabupaten Bogor menyalurkan bantuan sosial kepada ribuan warga \
        terdampak banjir di Kecamatan Cibinong. Bupati Bogor mengatakan bantuan berupa beras, \
        minyak goreng dan obat-obatan akan dibagikan selama tiga hari. Petugas BPBD masih \
        mendata rumah yang rusak akibat luapan sungai Ciliwung. Warga diminta tetap waspada \
        karena hujan deras diperkirakan masih turun hingga akhir pekan menurut BMKG.";

    #[test]
    fn republished_copy_is_same_story() {
        let copy = format!(
            "BOGOR, Sinergi - {ORIG} Baca juga: Jadwal pemadaman listrik pekan ini. \
             Dilarang mengutip tanpa izin redaksi."
        );
        let a = fingerprint(ORIG);
        let b = fingerprint(&copy);
        assert!(is_same_story(&a, &b), "containment {}", containment(&a, &b));
        assert!(hamming(a.simhash, b.simhash) < 20);
        // cut: only the first half
        let half = fingerprint(&ORIG[..ORIG.len() / 2]);
        assert!(is_same_story(&a, &half));
    }

    #[test]
    fn same_topic_other_article_is_not() {
        let other = "Banjir kembali melanda Kabupaten Bogor. Ratusan rumah warga di Cibinong \
            terendam setelah hujan deras mengguyur sejak sore. BPBD Kabupaten Bogor mengerahkan \
            perahu karet untuk mengevakuasi warga lanjut usia dan anak-anak ke posko pengungsian \
            yang didirikan di halaman kantor kecamatan. BMKG memperingatkan cuaca ekstrem.";
        let a = fingerprint(ORIG);
        let b = fingerprint(other);
        assert!(
            !is_same_story(&a, &b),
            "containment {}",
            containment(&a, &b)
        );
        assert!(!is_same_story(&fingerprint(""), &fingerprint("")));
    }

    #[test]
    fn lsh_finds_the_copy() {
        let mut idx = LshIndex::default();
        let a = fingerprint(ORIG);
        idx.insert(7, &a.minhash);
        idx.insert(
            8,
            &fingerprint("Harga cabai rawit di pasar induk naik tajam pekan ini").minhash,
        );
        let copy = fingerprint(&format!("{ORIG} Baca juga berita lainnya."));
        assert_eq!(idx.candidates(&copy.minhash), vec![7]);
    }

    #[test]
    fn simhash_is_stable_and_sensitive() {
        assert_eq!(simhash64(ORIG), simhash64(ORIG));
        assert!(
            hamming(
                simhash64(ORIG),
                simhash64("teks yang sama sekali berbeda tentang sepak bola")
            ) > 10
        );
    }
}
