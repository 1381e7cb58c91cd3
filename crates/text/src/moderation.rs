//! Automatic moderation of public comments ("Kirim Komentar") written in Indonesian.
//!
//! [`check_comment`] looks at the sender's name, the comment and the recent comments of the
//! same sender / article, and returns a verdict with a score and the reasons (messages in
//! Bahasa Indonesia, for the moderator and the sender). Pure: no I/O, never panics.
//!
//! # Rules
//!
//! Every rule that fires adds a reason with a weight; the score is the sum, capped at 1.0.
//! **Reject** when the score reaches 1.0, **Hold** (moderator review) from 0.5, **Clean** below.
//!
//! | code | rule | weight |
//! |---|---|---|
//! | `empty` | nothing left after trimming | 1.0 |
//! | `too_short` | fewer than 2 letters/digits (".", "a", an emoji alone) | 1.0 |
//! | `too_long` | more than 3000 characters | 1.0 |
//! | `abusive` | a word of `data/moderation/kata-kasar.txt`, weight by category (below) | 0.25–1.0 |
//! | `abusive_addressed` | an insult aimed at someone: "dasar goblok", "anjing lu", "kalian tolol" | +0.5 |
//! | `abusive_name` | an abusive word in the sender's name | 1.0 |
//! | `link` | one link (http, www, or a bare domain such as `contoh.com`) | 0.5 |
//! | `links` | two links 0.8; three or more 1.0 | 0.8–1.0 |
//! | `link_shortener` | a shortener / redirect host (bit.ly, s.id, wa.me, t.me, linktr.ee...) | 1.0 |
//! | `phone` | a phone number (08..., +62 8..., 62 8..., at least 10 digits) | 0.5 |
//! | `promo` | WhatsApp / contact wording ("hubungi", "wa", "minat") with a phone or link | 0.3 |
//! | `spam` | gambling / loan / promotion terms: strong ones ("slot gacor", "maxwin", "bonus new member", "link alternatif") 0.5 each, topical ones ("judi online", "pinjol", "togel", "deposit") 0.25 each; name terms count too | sum |
//! | `duplicate` | the same text as a recent comment, or a near-duplicate (character 3-gram Jaccard ≥ 0.8); texts under 15 characters only count when repeated 3+ times ("setuju" is said by many) | 1.0 |
//! | `flooding` | one character or a 2–4 character unit repeated over 24+ characters ("!!!!!!...", a long "wkwkwk..."), or under 30% letters in a text of 20+ characters | 0.5 |
//! | `shouting` | all capitals: at least 12 letters and 3 words, ≥ 80% of letters upper case | 0.5 |
//!
//! Abusive-word categories (see the data file): `seksual`, `makian`, `sara` 1.0 (Reject);
//! `hinaan` (goblok, tolol, idiot) 0.6 and `binatang` (anjing, babi, monyet), `kotor` (tai),
//! `politik` (cebong, kadrun) 0.5 — Hold, Reject when addressed at someone or combined;
//! `ringan` (anjir, anjay, sialan, kampret) 0.25 — Clean alone. "anjir"/"anjay" are today
//! mostly exclamations of surprise ("astaga"), not insults, so they only count with other
//! signals. Animal words used literally (within three words of "daging", "flu", "pelacak",
//! "rabies", "menggigit"...: "daging babi", "anjing pelacak") are ignored.
//!
//! A phone number alone holds (privacy; a citizen may post their own), with contact wording
//! still holds (0.8); it is rejected only with a spam term ("obat kuat", "slot gacor") or a
//! shortener. Topical spam terms do not count when the comment speaks against them
//! ("berantas", "ilegal", "waspada"...): "Berantas judi online dan pinjol!" is Clean.
//!
//! # Matching abusive words
//!
//! Words are folded (lower case, no diacritics), de-leeted (`4`→a, `1`/`!`/`|`→i, `0`→o, `3`→e,
//! `5`/`$`→s, `7`→t, `9`→g, `@`→a; only inside words that also hold letters, so "2024" stays a
//! number), squeezed (every run of a repeated letter becomes one: "anjiiing", "goblokkk"), and
//! letters spelled out one by one are joined ("a n j i n g", "a.n.j.i.n.g", "k-o-n-t-o-l").
//! A masked word ("anj*ng", "k*nt*l") matches a list word of the same length (5+ letters).
//! The match is on **whole words** (with -nya/-lah/-mu/-lu/-in/-an/-kan/-i allowed after words
//! of 4+ letters), never on substrings: "bangsa", "asuransi", "masukan", "kasur", "babinsa",
//! "tolong", "pertaining", "Tainan" are innocent.
//!
//! Criticism is not abuse: "pemerintah gagal", "korupsi merajalela", "pejabat tidak becus"
//! contain no listed word and stay Clean. "bodoh" and "gila" are not listed for that reason.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::normalize::fold;

const KATA_KASAR: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/moderation/kata-kasar.txt"
));

/// Longest accepted comment, in characters.
pub const MAX_CHARS: usize = 3000;

/// What to do with a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModerationVerdict {
    /// Publish.
    Clean,
    /// Keep for a moderator.
    Hold,
    /// Refuse.
    Reject,
}

/// Why a rule fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModerationReason {
    /// Stable machine code (`abusive`, `link`, `duplicate`...; see the module docs).
    pub code: &'static str,
    /// Explanation in Bahasa Indonesia, e.g. `mengandung kata kasar: "anjing"`.
    pub message: String,
}

/// The verdict, its score (0..=1) and the reasons, strongest rule first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModerationResult {
    /// Clean / Hold / Reject.
    pub verdict: ModerationVerdict,
    /// Sum of the rule weights, capped at 1.0.
    pub score: f32,
    /// The rules that fired.
    pub reasons: Vec<ModerationReason>,
}

/// A comment to check.
#[derive(Debug, Clone, Copy)]
pub struct CommentCheck<'a> {
    /// The sender's display name.
    pub name: &'a str,
    /// The comment.
    pub text: &'a str,
    /// The same sender's and the same article's recent comments (for repeats).
    pub recent_texts: &'a [String],
}

/// Score at which a comment is rejected.
const REJECT_AT: f32 = 1.0;
/// Score at which a comment is held.
const HOLD_AT: f32 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Seksual,
    Makian,
    Sara,
    Hinaan,
    Binatang,
    Kotor,
    Politik,
    Ringan,
}

impl Category {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "seksual" => Self::Seksual,
            "makian" => Self::Makian,
            "sara" => Self::Sara,
            "hinaan" => Self::Hinaan,
            "binatang" => Self::Binatang,
            "kotor" => Self::Kotor,
            "politik" => Self::Politik,
            "ringan" => Self::Ringan,
            _ => return None,
        })
    }

    fn weight(self) -> f32 {
        match self {
            Self::Seksual | Self::Makian | Self::Sara => 1.0,
            Self::Hinaan => 0.6,
            Self::Binatang | Self::Kotor | Self::Politik => 0.5,
            Self::Ringan => 0.25,
        }
    }

    /// Can this word be aimed at someone (then "dasar X" / "X lu" escalates)?
    fn addressable(self) -> bool {
        !matches!(self, Self::Ringan)
    }
}

#[derive(Debug, Clone)]
struct Entry {
    category: Category,
    canonical: &'static str,
}

struct Lexicon {
    /// Squeezed word -> entry.
    words: FxHashMap<String, Entry>,
    /// Squeezed words of 5+ letters, for masked matching ("anj*ng").
    long: Vec<(Vec<char>, String)>,
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut words = FxHashMap::default();
        let mut long = Vec::new();
        for line in KATA_KASAR.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(word), Some(cat)) = (cols.next(), cols.next()) else {
                continue;
            };
            let Some(category) = Category::parse(cat.trim()) else {
                continue;
            };
            let word = word.trim();
            let canonical = cols.next().map(str::trim).filter(|c| !c.is_empty());
            let key = squeeze_all(&word.replace('\'', ""));
            if key.is_empty() {
                continue;
            }
            let chars: Vec<char> = key.chars().collect();
            if chars.len() >= 5 {
                long.push((chars, key.clone()));
            }
            words.insert(
                key,
                Entry {
                    category,
                    canonical: canonical.unwrap_or(word),
                },
            );
        }
        Lexicon { words, long }
    })
}

/// Collapse every run of one repeated letter to a single letter ("anjiiing" -> "anjing").
fn squeeze_all(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            continue;
        }
        prev = Some(c);
        out.push(c);
    }
    out
}

fn leet(c: char) -> Option<char> {
    Some(match c {
        '4' | '@' => 'a',
        '1' | '!' | '|' => 'i',
        '0' => 'o',
        '3' => 'e',
        '5' | '$' => 's',
        '7' => 't',
        '9' => 'g',
        _ => return None,
    })
}

/// Second-person words and "dasar" that turn an insult into an attack on someone.
const ADDRESS: &[&str] = &[
    "lu", "lo", "loe", "lw", "elu", "elo", "kau", "engkau", "kamu", "kalian", "klian", "dasar",
    "ente", "sia", "maneh", "koe", "kowe", "sampeyan", "anda", "mu",
];

/// Words around an animal word that show the literal meaning.
const LITERAL_CONTEXT: &[&str] = &[
    "daging",
    "flu",
    "ternak",
    "peternak",
    "peternakan",
    "kandang",
    "hutan",
    "rabies",
    "vaksin",
    "vaksinasi",
    "peliharaan",
    "pelihara",
    "gigitan",
    "menggigit",
    "digigit",
    "liar",
    "pelacak",
    "k9",
    "afrika",
    "asf",
    "virus",
    "penyakit",
    "sate",
    "ekor",
    "kebun",
    "kucing",
    "ayam",
    "sapi",
    "kambing",
    "hewan",
    "satwa",
    "jinak",
    "lepas",
    "mati",
    "hilang",
];

/// A word of the comment after folding, with its de-leeted squeezed form.
#[derive(Debug)]
struct Word {
    /// Folded, squeezed, de-leeted letters.
    key: String,
    /// De-leeted but not squeezed (for suffixes: "kontollah" is "kontol" + "lah").
    raw: String,
    /// Folded original (for context tests).
    plain: String,
    /// Holds a mask character ('*').
    masked: bool,
}

/// Split folded text into words, joining spelled-out letters and de-leeting.
fn words_of(folded: &str) -> Vec<Word> {
    let mut pieces: Vec<(String, bool)> = Vec::new(); // (piece, single letter separated by a dot etc.)
    for chunk in folded.split_whitespace() {
        // Inner separators: "a.n.j.i.n.g", "k-o-n-t-o-l", "a_n_j"
        let trimmed = chunk.trim_matches(|c: char| !(c.is_alphanumeric() || leet(c).is_some()));
        let trimmed = trimmed.trim_end_matches(['!', '|', '@', '$']);
        let trimmed = trimmed.trim_start_matches(['!', '|', '$']);
        if trimmed.is_empty() {
            continue;
        }
        let parts: Vec<&str> = trimmed
            .split(['.', '-', '_', ',', '/', '\\', '+', '~', '\''])
            .filter(|p| !p.is_empty())
            .collect();
        let spelled = parts.len() >= 3 && parts.iter().all(|p| p.chars().count() == 1);
        if spelled {
            pieces.push((parts.concat(), false));
        } else if parts.len() > 1 && trimmed.contains('\'') && parts.len() == 2 {
            // "blo'on", "jum'at": the apostrophe is inside the word
            pieces.push((parts.concat(), false));
        } else {
            for p in parts {
                pieces.push((p.to_string(), p.chars().count() == 1));
            }
        }
    }
    // Join runs of 3+ single characters ("a n j i n g").
    let mut joined: Vec<String> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let mut j = i;
        while j < pieces.len() && pieces[j].1 {
            j += 1;
        }
        if j - i >= 3 {
            joined.push(pieces[i..j].iter().map(|p| p.0.as_str()).collect());
            i = j;
        } else {
            joined.push(std::mem::take(&mut pieces[i].0));
            i += 1;
        }
    }
    joined
        .into_iter()
        .map(|plain| {
            let has_letter = plain.chars().any(char::is_alphabetic);
            let mut key = String::with_capacity(plain.len());
            for c in plain.chars() {
                if c.is_alphabetic() || c == '*' {
                    key.push(c);
                } else if has_letter && let Some(l) = leet(c) {
                    key.push(l);
                } else if c.is_ascii_digit() {
                    key.push(c);
                }
            }
            let masked = key.contains('*') && key.chars().any(char::is_alphabetic);
            Word {
                key: squeeze_all(&key),
                raw: key,
                plain,
                masked,
            }
        })
        .collect()
}

/// Suffixes allowed after a listed word of 4+ letters ("anjingnya", "goblokmu", "bangsatlah").
const SUFFIXES: &[&str] = &[
    "nya", "lah", "mu", "lu", "in", "an", "kan", "i", "ny", "kau",
];

fn lookup(w: &Word) -> Option<&'static Entry> {
    let lex = lexicon();
    if w.key.is_empty() {
        return None;
    }
    if w.masked {
        let chars: Vec<char> = w.key.chars().collect();
        let known = chars.iter().filter(|c| **c != '*').count();
        if known < 3 {
            return None;
        }
        for (entry, key) in &lex.long {
            if entry.len() == chars.len()
                && entry.iter().zip(&chars).all(|(a, b)| *b == '*' || a == b)
            {
                return lex.words.get(key);
            }
        }
        return None;
    }
    if let Some(e) = lex.words.get(&w.key) {
        return Some(e);
    }
    for s in SUFFIXES {
        if let Some(base) = w.raw.strip_suffix(s)
            && base.chars().count() >= 4
            && let Some(e) = lex.words.get(&squeeze_all(base))
        {
            return Some(e);
        }
    }
    None
}

#[derive(Debug)]
struct Hit {
    category: Category,
    canonical: &'static str,
    addressed: bool,
}

/// Abusive words of a text (folded), in order, literal animal uses skipped.
fn abusive_hits(folded: &str) -> Vec<Hit> {
    let words = words_of(folded);
    let mut hits = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(e) = lookup(w) else { continue };
        let near = |d: isize| -> Option<&str> {
            let j = i as isize + d;
            if j < 0 {
                return None;
            }
            words.get(j as usize).map(|w| w.key.as_str())
        };
        let near_plain = |d: isize| -> Option<&str> {
            let j = i as isize + d;
            if j < 0 {
                return None;
            }
            words.get(j as usize).map(|w| w.plain.as_str())
        };
        if e.category == Category::Binatang {
            let literal = [-3isize, -2, -1, 1, 2, 3]
                .iter()
                .filter_map(|d| near_plain(*d))
                .any(|n| LITERAL_CONTEXT.contains(&n));
            if literal {
                continue;
            }
        }
        let address_near = [-2isize, -1, 1, 2]
            .iter()
            .filter_map(|d| near(*d))
            .any(|n| ADDRESS.contains(&n));
        // "goblokmu", "anjinglu": the pronoun glued to the word
        let glued = !lexicon().words.contains_key(&w.key)
            && ["lu", "mu", "kau"].iter().any(|s| w.key.ends_with(s));
        let addressed = e.category.addressable() && (address_near || glued);
        hits.push(Hit {
            category: e.category,
            canonical: e.canonical,
            addressed,
        });
    }
    hits
}

/// Hosts that hide the destination or lead straight to a chat: always spam in a comment.
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "s.id",
    "tinyurl.com",
    "t.co",
    "wa.me",
    "api.whatsapp.com",
    "chat.whatsapp.com",
    "t.me",
    "cutt.ly",
    "rb.gy",
    "shorturl.at",
    "linktr.ee",
    "lnkd.in",
    "goo.gl",
    "is.gd",
    "ow.ly",
    "heylink.me",
    "linkr.bio",
    "tiny.cc",
    "shope.ee",
    "v.ht",
    "bitly.com",
];

const TLDS: &[&str] = &[
    "com", "id", "net", "org", "co", "io", "me", "ly", "xyz", "site", "online", "info", "biz",
    "link", "top", "vip", "club", "shop", "store", "app", "pro", "live", "win", "bet", "asia",
    "cc", "tv", "ee", "gl", "gd", "to", "sh", "in", "us", "ws", "fun", "icu", "click", "today",
    "one",
];

/// Links in the text: (count, a shortener host if any).
fn links(folded: &str) -> (usize, Option<String>) {
    let mut n = 0;
    let mut short = None;
    for chunk in folded.split_whitespace() {
        let c = chunk.trim_matches(|c: char| {
            !(c.is_alphanumeric() || c == '/' || c == '.' || c == ':' || c == '-')
        });
        let c = c.trim_end_matches(['.', ':', '/']);
        let rest = c
            .strip_prefix("https://")
            .or_else(|| c.strip_prefix("http://"));
        let is_scheme = rest.is_some();
        let rest = rest.unwrap_or(c);
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.split(':').next().unwrap_or("");
        let labels: Vec<&str> = host.split('.').collect();
        let domain_like = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            && labels.last().is_some_and(|t| TLDS.contains(t))
            && labels[0].chars().any(|c| c.is_ascii_alphabetic());
        if is_scheme || c.starts_with("www.") || domain_like {
            n += 1;
            if short.is_none()
                && SHORTENERS
                    .iter()
                    .any(|s| host == *s || host.ends_with(&format!(".{s}")))
            {
                short = Some(host.to_string());
            }
        }
    }
    (n, short)
}

/// Indonesian phone numbers: 08..., 628..., +62 8... with 10–14 digits, separators allowed.
fn has_phone(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() || chars[i] == '+' {
            let mut digits = String::new();
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || matches!(chars[j], ' ' | '-' | '.' | '+' | '(' | ')'))
            {
                if chars[j].is_ascii_digit() {
                    digits.push(chars[j]);
                }
                // Two spaces in a row end the number.
                if chars[j] == ' ' && chars.get(j + 1) == Some(&' ') {
                    break;
                }
                j += 1;
            }
            let n = digits.len();
            if (10..=15).contains(&n) && (digits.starts_with("08") || digits.starts_with("628")) {
                return true;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    false
}

/// Strong spam terms (0.5 each): almost never in a genuine comment.
const SPAM_STRONG: &[&str] = &[
    "slot gacor",
    "gacor",
    "maxwin",
    "max win",
    "bonus new member",
    "new member",
    "link alternatif",
    "situs slot",
    "slot online",
    "rtp live",
    "rtp slot",
    "scatter",
    "deposit 10rb",
    "anti rungkad",
    "pasti jp",
    "sabung ayam",
    "casino online",
    "kasino online",
    "bandar togel",
    "bandar judi",
    "agen judi",
    "agen slot",
    "pinjaman tanpa jaminan",
    "dana cepat cair",
    "langsung cair",
    "cair dalam",
    "tanpa bi checking",
    "obat kuat",
    "pelangsing",
    "klik link",
    "klik tautan",
    "cek bio",
    "daftar sekarang",
    "buruan daftar",
    "gabung sekarang",
];

/// Topical terms (0.25 each): also used by people discussing the problem.
const SPAM_TOPICAL: &[&str] = &[
    "judi online",
    "judol",
    "slot",
    "togel",
    "pinjol",
    "pinjaman online",
    "deposit",
    "kasino",
    "casino",
    "poker",
    "taruhan",
    "depo",
    "withdraw",
    "jackpot",
    "cuan",
    "modal kecil",
    "penghasilan tambahan",
    "promo",
];

/// Words of people speaking against gambling / loans: topical terms then do not count
/// ("Berantas judi online dan pinjol ilegal!").
const AGAINST: &[&str] = &[
    "berantas",
    "memberantas",
    "pemberantasan",
    "basmi",
    "tutup",
    "ditutup",
    "blokir",
    "diblokir",
    "larang",
    "dilarang",
    "melarang",
    "ilegal",
    "bahaya",
    "berbahaya",
    "korban",
    "tangkap",
    "ditangkap",
    "stop",
    "hentikan",
    "jerat",
    "terjerat",
    "awas",
    "waspada",
    "hindari",
    "jauhi",
    "haram",
    "merusak",
    "razia",
    "tindak",
    "tegas",
    "lawan",
    "perangi",
    "cegah",
];

/// Contact-promotion words (count with a phone number or a link).
const PROMO: &[&str] = &[
    "wa",
    "whatsapp",
    "whatsap",
    "hubungi",
    "hub",
    "minat",
    "info lebih",
    "order",
    "dm",
    "chat",
    "kontak",
    "telp",
    "call",
];

/// Whole-word (or whole-phrase) occurrences of `term` in `hay` (space-joined words).
fn count_term(hay: &str, term: &str) -> usize {
    let mut n = 0;
    let mut from = 0;
    while let Some(p) = hay.get(from..).and_then(|h| h.find(term)) {
        let s = from + p;
        let e = s + term.len();
        let before_ok = s == 0 || hay.as_bytes().get(s - 1) == Some(&b' ');
        let after_ok = e == hay.len() || hay.as_bytes().get(e) == Some(&b' ');
        if before_ok && after_ok {
            n += 1;
        }
        from = e;
    }
    n
}

/// Folded text reduced to letter/digit words joined by single spaces (leet left alone).
fn plain_words(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Spam score of a space-joined word string and the terms found.
fn spam_terms(words: &str) -> (f32, Vec<&'static str>) {
    let mut score = 0.0;
    let mut found = Vec::new();
    let mut covered: Vec<&str> = Vec::new();
    let against = AGAINST.iter().any(|a| count_term(words, a) > 0);
    for (list, w) in [(SPAM_STRONG, 0.5f32), (SPAM_TOPICAL, 0.25)] {
        if against && w < 0.5 {
            continue;
        }
        for t in list {
            if covered.iter().any(|c| c.contains(t)) {
                continue; // "gacor" inside an already counted "slot gacor"
            }
            let n = count_term(words, t);
            if n > 0 {
                score += w;
                found.push(*t);
                covered.push(t);
            }
        }
    }
    (score, found)
}

fn trigrams(s: &str) -> FxHashSet<[char; 3]> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

fn jaccard<T: std::hash::Hash + Eq>(a: &FxHashSet<T>, b: &FxHashSet<T>) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

/// Text folded, letters/digits only, squeezed, single-spaced: the key for repeats.
fn repeat_key(text: &str) -> String {
    squeeze_all(&plain_words(&fold(text)))
}

/// Longest stretch (in characters) where the text repeats itself with a period of 1–4.
fn longest_periodic_run(chars: &[char]) -> usize {
    let mut best = 0;
    for p in 1..=4usize {
        if chars.len() <= p {
            break;
        }
        let mut run = 0;
        for i in p..chars.len() {
            if chars[i] == chars[i - p] && !chars[i].is_whitespace() {
                run += 1;
                best = best.max(run + p);
            } else {
                run = 0;
            }
        }
    }
    best
}

/// Check one comment. Never panics.
pub fn check_comment(c: &CommentCheck) -> ModerationResult {
    let mut reasons: Vec<(f32, ModerationReason)> = Vec::new();
    let mut add = |w: f32, code: &'static str, message: String| {
        reasons.push((w, ModerationReason { code, message }));
    };
    let text = c.text.trim();
    let n_chars = text.chars().count();
    let alnum = text.chars().filter(|c| c.is_alphanumeric()).count();
    if text.is_empty() {
        add(1.0, "empty", "komentar kosong".to_string());
    } else if alnum < 2 {
        add(1.0, "too_short", "komentar terlalu pendek".to_string());
    }
    if n_chars > MAX_CHARS {
        add(
            1.0,
            "too_long",
            format!("komentar terlalu panjang ({n_chars} karakter, maksimal {MAX_CHARS})"),
        );
    }
    // Long texts are rejected anyway; analyse only the first part to bound the work.
    let analysed: &str = match text.char_indices().nth(MAX_CHARS + 500) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let folded = fold(analysed);

    // Abusive words.
    let hits = abusive_hits(&folded);
    let mut seen: Vec<&str> = Vec::new();
    let mut addressed = false;
    let mut politik = false;
    for h in &hits {
        addressed |= h.addressed;
        if seen.contains(&h.canonical) {
            continue;
        }
        seen.push(h.canonical);
        // Political name-calling counts once: "cebong sama kadrun sama saja" is held, not rejected.
        let weight = if h.category == Category::Politik && politik {
            0.0
        } else {
            h.category.weight()
        };
        politik |= h.category == Category::Politik;
        let what = match h.category {
            Category::Ringan => "mengandung kata kurang pantas",
            Category::Seksual => "mengandung kata cabul",
            Category::Sara => "mengandung hinaan SARA",
            Category::Politik => "mengandung julukan merendahkan",
            _ => "mengandung kata kasar",
        };
        add(weight, "abusive", format!("{what}: \"{}\"", h.canonical));
    }
    if addressed {
        add(
            0.5,
            "abusive_addressed",
            "kata kasar ditujukan kepada seseorang".to_string(),
        );
    }
    let name_folded = fold(c.name.chars().take(200).collect::<String>().as_str());
    let name_hits = abusive_hits(&name_folded);
    if let Some(h) = name_hits.iter().find(|h| h.category != Category::Ringan) {
        add(
            1.0,
            "abusive_name",
            format!("nama pengirim mengandung kata kasar: \"{}\"", h.canonical),
        );
    }

    // Links, phone numbers, promotion.
    let (n_links, shortener) = links(&folded);
    let (n_name_links, name_short) = links(&name_folded);
    let total_links = n_links + n_name_links;
    if let Some(host) = shortener.or(name_short) {
        add(
            1.0,
            "link_shortener",
            format!("mengandung tautan pemendek/pengalih: {host}"),
        );
    }
    match total_links {
        0 => {}
        1 => add(0.5, "link", "mengandung tautan".to_string()),
        2 => add(0.8, "links", "mengandung 2 tautan".to_string()),
        n => add(1.0, "links", format!("mengandung {n} tautan")),
    }
    let phone = has_phone(analysed) || has_phone(c.name);
    if phone {
        add(0.5, "phone", "mengandung nomor telepon".to_string());
    }
    let words = plain_words(&folded);
    let name_words = plain_words(&name_folded);
    if (phone || total_links > 0)
        && PROMO
            .iter()
            .any(|p| count_term(&words, p) > 0 || count_term(&name_words, p) > 0)
    {
        add(
            0.3,
            "promo",
            "promosi/ajakan menghubungi nomor atau tautan".to_string(),
        );
    }
    let (s1, mut found) = spam_terms(&words);
    let (s2, found2) = spam_terms(&name_words);
    for f in found2 {
        if !found.contains(&f) {
            found.push(f);
        }
    }
    let spam = s1 + s2;
    if spam > 0.0 {
        add(
            spam,
            "spam",
            format!(
                "mengandung istilah judi/pinjol/promosi: {}",
                found
                    .iter()
                    .map(|f| format!("\"{f}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }

    // Repeats.
    let key = repeat_key(analysed);
    if !key.is_empty() {
        let short = key.chars().count() < 15;
        let same = c
            .recent_texts
            .iter()
            .filter(|r| repeat_key(r) == key)
            .count();
        if short {
            if same >= 3 {
                add(1.0, "duplicate", format!("komentar berulang ({same} kali)"));
            }
        } else if same > 0 {
            add(1.0, "duplicate", "komentar berulang".to_string());
        } else {
            let g = trigrams(&key);
            let near = c.recent_texts.iter().any(|r| {
                let k = repeat_key(r);
                let (a, b) = (k.chars().count(), key.chars().count());
                a.min(b) * 10 >= a.max(b) * 7 && jaccard(&g, &trigrams(&k)) >= 0.8
            });
            if near {
                add(
                    1.0,
                    "duplicate",
                    "komentar berulang (hampir sama dengan komentar sebelumnya)".to_string(),
                );
            }
        }
    }

    // Flooding and shouting.
    let chars: Vec<char> = analysed.chars().collect();
    let run = longest_periodic_run(&chars);
    let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
    if run >= 24 {
        add(0.5, "flooding", "karakter berulang berlebihan".to_string());
    } else if chars.len() >= 20 && (letters as f32) < 0.3 * chars.len() as f32 {
        add(
            0.5,
            "flooding",
            "komentar didominasi simbol/emoji".to_string(),
        );
    }
    let cased: Vec<&char> = chars
        .iter()
        .filter(|c| c.is_uppercase() || c.is_lowercase())
        .collect();
    let upper = cased.iter().filter(|c| c.is_uppercase()).count();
    if cased.len() >= 12
        && analysed.split_whitespace().count() >= 3
        && upper as f32 >= 0.8 * cased.len() as f32
    {
        add(
            0.5,
            "shouting",
            "ditulis dengan huruf kapital semua".to_string(),
        );
    }

    reasons.sort_by(|a, b| b.0.total_cmp(&a.0));
    let score: f32 = reasons.iter().fold(0.0f32, |a, r| a + r.0).clamp(0.0, 1.0);
    let verdict = if score >= REJECT_AT {
        ModerationVerdict::Reject
    } else if score >= HOLD_AT {
        ModerationVerdict::Hold
    } else {
        ModerationVerdict::Clean
    };
    ModerationResult {
        verdict,
        score,
        reasons: reasons.into_iter().map(|r| r.1).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ModerationVerdict::{Clean, Hold, Reject};

    fn check(text: &str) -> ModerationResult {
        check_comment(&CommentCheck {
            name: "Warga",
            text,
            recent_texts: &[],
        })
    }

    fn verdict(text: &str) -> ModerationVerdict {
        check(text).verdict
    }

    #[test]
    fn labelled_examples() {
        let cases: &[(&str, ModerationVerdict)] = &[
            // Clean, including harsh criticism of government.
            ("Terima kasih atas informasinya, sangat bermanfaat.", Clean),
            (
                "Semoga jalan di desa kami segera diperbaiki, sudah rusak bertahun-tahun.",
                Clean,
            ),
            (
                "Pemerintah daerah gagal total menangani banjir, rakyat jadi korban terus!",
                Clean,
            ),
            (
                "Korupsi bansos ini memalukan. Usut tuntas dan pecat pejabat yang terlibat.",
                Clean,
            ),
            (
                "Kebijakan ini tidak masuk akal dan merugikan petani kecil.",
                Clean,
            ),
            (
                "Pak Bupati, kapan janji kampanye soal air bersih ditepati?",
                Clean,
            ),
            ("Mantap pak, lanjutkan programnya!", Clean),
            ("wkwkwk beritanya lucu juga", Clean),
            (
                "Asuransi kesehatan untuk warga miskin harus diperluas.",
                Clean,
            ),
            (
                "Babinsa di kelurahan kami sangat membantu saat banjir.",
                Clean,
            ),
            (
                "Tolong perhatikan kasur dan selimut untuk pengungsi.",
                Clean,
            ),
            (
                "Terima kasih atas masukan dari warga, bangsa ini butuh kerja sama.",
                Clean,
            ),
            (
                "Harga daging babi di pasar naik karena flu babi Afrika.",
                Clean,
            ),
            (
                "Anjing pelacak dikerahkan untuk mencari korban longsor.",
                Clean,
            ),
            ("Anjir, cepat juga perbaikannya", Clean),
            (
                "Berantas judi online dan pinjol ilegal sampai ke akarnya!",
                Clean,
            ),
            (
                "DPR tidak becus, anggaran dihamburkan untuk studi banding.",
                Clean,
            ),
            // Abuse with variants.
            ("Dasar pejabat goblok!", Reject),
            ("bangsat semua pejabatnya", Reject),
            ("b4ngs4t", Reject),
            ("kontol lah", Reject),
            ("k.o.n.t.o.l kalian", Reject),
            ("a n j i n g lu", Reject),
            ("anjiiiing kalian semua", Reject),
            ("jancuk tenan", Reject),
            ("Asu tenan bupati iki", Reject),
            ("ngentot", Reject),
            ("memek", Reject),
            ("g0bl0k lu", Reject),
            ("bgst emang", Reject),
            ("pejabat k*nt*l", Reject),
            ("anjing", Hold),
            ("goblok banget kebijakannya", Hold),
            ("tolol", Hold),
            ("cebong sama kadrun sama saja", Hold),
            ("goblok tolol idiot", Reject),
            // Spam.
            (
                "Slot gacor hari ini maxwin, daftar di situs kami bonus new member 100%",
                Reject,
            ),
            (
                "Butuh dana cepat? Pinjol langsung cair tanpa jaminan, hubungi WA 0812-3456-7890",
                Reject,
            ),
            ("Info lengkap di bit.ly/abc123", Reject),
            ("Cek https://a.com https://b.com https://c.com", Reject),
            ("Sumber beritanya di https://www.kompas.com/berita", Hold),
            ("Hubungi saya 081234567890", Hold),
            ("Jual obat kuat, hub 081234567890", Reject),
            (
                "Mohon info jadwal vaksin, bisa hubungi 0812 3456 7890?",
                Hold,
            ),
            (
                "Depo Pertamina Plumpang harus dipindah dari permukiman",
                Clean,
            ),
            ("Anjingnya pak RT menggigit anak saya", Clean),
            ("Dasar DPR!", Clean),
            ("kamu tuh bego ya", Reject),
            ("A.N.J.I.N.G", Hold),
            (
                "Email saya budi@contoh.com, NIK 3201234567890001 tidak terdaftar",
                Clean,
            ),
            ("Togel deposit 10rb", Hold),
            // Form.
            ("", Reject),
            ("   ", Reject),
            (".", Reject),
            ("Setuju!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", Hold),
            ("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", Reject),
            (
                "wkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwkwk",
                Hold,
            ),
            ("PEMERINTAH HARUS SEGERA BERTINDAK SEKARANG JUGA", Hold),
        ];
        let mut failed = Vec::new();
        for (t, v) in cases {
            let r = check(t);
            if r.verdict != *v {
                failed.push(format!("{t:?}: expected {v:?}, got {r:?}"));
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
        assert!(cases.len() >= 30);
    }

    #[test]
    fn no_false_positives_on_innocent_words() {
        for t in [
            "babinsa",
            "Tainan",
            "pertaining",
            "asuransi",
            "kasur",
            "masukan",
            "Bangsa Indonesia",
            "tolong",
            "pemasukan",
            "bangsawan",
            "kebangsaan",
            "tahi lalat",
            "mengasuh anak",
            "Hasan Basri",
            "bakteri E. coli",
            "kontollah", // would be abuse; listed here only as a control below
        ] {
            let r = check(t);
            if t == "kontollah" {
                assert_eq!(r.verdict, Reject);
                continue;
            }
            assert_eq!(r.verdict, Clean, "{t}: {r:?}");
        }
    }

    #[test]
    fn reason_message_in_indonesian() {
        let r = check("dasar anjing");
        assert_eq!(r.verdict, Reject);
        assert!(
            r.reasons
                .iter()
                .any(|x| x.code == "abusive" && x.message == "mengandung kata kasar: \"anjing\""),
            "{r:?}"
        );
        assert!((r.score - 1.0).abs() < 1e-6);
        let r = check("4nj1ng");
        assert!(r.reasons.iter().any(|x| x.message.contains("\"anjing\"")));
        let r = check("anjg");
        assert!(r.reasons.iter().any(|x| x.message.contains("\"anjing\"")));
    }

    #[test]
    fn repeats() {
        let recent = vec![
            "Jalan di Desa Sukamaju rusak parah, mohon segera diperbaiki pak.".to_string(),
            "setuju".to_string(),
        ];
        let dup = |t: &str| {
            check_comment(&CommentCheck {
                name: "Budi",
                text: t,
                recent_texts: &recent,
            })
        };
        assert_eq!(
            dup("Jalan di Desa Sukamaju rusak parah, mohon segera diperbaiki pak.").verdict,
            Reject
        );
        assert_eq!(
            dup("jalan di desa sukamaju rusak parah!! mohon segera diperbaiki pak").verdict,
            Reject
        );
        assert_eq!(
            dup("Jalan di Desa Sukamaju rusak parah, mohon segera diperbaiki pak!!!").reasons[0]
                .message,
            "komentar berulang"
        );
        // A short common word said once before is fine; three times is not.
        assert_eq!(dup("Setuju").verdict, Clean);
        let many = vec!["setuju".to_string(); 3];
        let r = check_comment(&CommentCheck {
            name: "Budi",
            text: "setuju!",
            recent_texts: &many,
        });
        assert_eq!(r.verdict, Reject);
        // Different comment on the same topic is not a repeat.
        assert_eq!(
            dup("Jembatan di Desa Sukamaju juga rusak, tolong diperhatikan.").verdict,
            Clean
        );
    }

    #[test]
    fn name_is_checked() {
        let r = check_comment(&CommentCheck {
            name: "SLOT GACOR MAXWIN",
            text: "Artikel yang bagus",
            recent_texts: &[],
        });
        assert_eq!(r.verdict, Reject, "{r:?}");
        let r = check_comment(&CommentCheck {
            name: "bangsat",
            text: "Artikel yang bagus",
            recent_texts: &[],
        });
        assert_eq!(r.verdict, Reject);
    }

    #[test]
    fn length_limits() {
        let long = "kata ".repeat(700);
        let r = check(&long);
        assert_eq!(r.verdict, Reject);
        assert!(r.reasons.iter().any(|x| x.code == "too_long"));
        assert_eq!(verdict("ok"), Clean);
        assert_eq!(verdict("👍"), Reject);
    }
}
