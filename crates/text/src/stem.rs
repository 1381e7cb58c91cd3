//! Sastrawi stemmer (Nazief–Adriani with the CS, ECS and improved-ECS enhancements).
//!
//! This is a faithful port of PySastrawi 1.2.1 (`Sastrawi.Stemmer`), including its quirks, so
//! that search indexes built here agree with the reference tool word for word. The regular
//! expressions of the original are written out as byte tests: after normalisation a word only
//! holds `[a-z0-9-]`, so byte slicing is always on a character boundary.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use rustc_hash::{FxBuildHasher, FxHashSet};

const KATA_DASAR: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/text/kata-dasar.txt"
));

/// Root-word dictionary lookups.
#[derive(Debug, Clone)]
struct Dictionary {
    words: FxHashSet<Box<str>>,
}

impl Dictionary {
    fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words = FxHashSet::default();
        for w in lines {
            // PySastrawi skips blank lines but keeps everything else verbatim.
            if !w.trim().is_empty() {
                words.insert(Box::from(w));
            }
        }
        Self { words }
    }

    #[inline]
    fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }
}

/// Indonesian stemmer over the Sastrawi root-word dictionary. `Send + Sync`; build it once.
#[derive(Debug, Clone)]
pub struct Stemmer {
    dict: Dictionary,
}

impl Default for Stemmer {
    fn default() -> Self {
        Self::new()
    }
}

/// Lowercase and keep `[a-z0-9 -]`, like PySastrawi's `TextNormalizer.normalize_text`.
/// Everything else becomes a space; runs of spaces collapse; ends are trimmed.
pub(crate) fn sastrawi_normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let keep = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if keep {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

impl Stemmer {
    /// The stemmer with the shipped Sastrawi dictionary (29,931 root words).
    pub fn new() -> Self {
        Self {
            dict: Dictionary::from_lines(KATA_DASAR.split('\n')),
        }
    }

    /// A stemmer over a caller-supplied root-word list (one word per item).
    pub fn with_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            dict: Dictionary::from_lines(words),
        }
    }

    /// Is `word` a root word of the dictionary?
    pub fn is_root(&self, word: &str) -> bool {
        self.dict.contains(word)
    }

    /// Stem a text the way PySastrawi's `stem()` does: normalise (lowercase, keep
    /// `[a-z0-9 -]`), stem every space-separated word and join the stems with one space.
    /// For a single clean lowercase word this is just its stem.
    pub fn stem(&self, text: &str) -> String {
        let norm = sastrawi_normalize(text);
        let mut out = String::with_capacity(norm.len());
        for (i, w) in norm.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&self.stem_word(w));
        }
        out
    }

    /// Stem one already-normalised word (`[a-z0-9-]` only). Other input is normalised first.
    pub fn stem_word(&self, word: &str) -> String {
        if !word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return self.stem(word);
        }
        if is_plural(word) {
            self.stem_plural(word)
        } else {
            self.stem_singular(word)
        }
    }

    fn stem_plural(&self, plural: &str) -> String {
        let Some((mut first, second)) = plural.rsplit_once('-') else {
            return plural.to_string();
        };
        let mut second = second.to_string();
        // malaikat-malaikat-nya -> malaikat, malaikat-nya
        if SUFFIXES.contains(&second.as_str())
            && let Some((a, b)) = first.rsplit_once('-')
        {
            second = format!("{b}-{second}");
            first = a;
        }
        let root1 = self.stem_singular(first);
        let mut root2 = self.stem_singular(&second);
        // meniru-nirukan -> tiru
        if !self.dict.contains(&second) && root2 == second {
            root2 = self.stem_singular(&format!("me{second}"));
        }
        if root1 == root2 {
            root1
        } else {
            plural.to_string()
        }
    }

    fn stem_singular(&self, word: &str) -> String {
        let mut ctx = Context::new(word, &self.dict);
        ctx.start();
        if ctx.cur_in_dict {
            ctx.cur
        } else {
            word.to_string()
        }
    }
}

const SUFFIXES: [&str; 7] = ["ku", "mu", "nya", "lah", "kah", "tah", "pun"];

fn is_plural(word: &str) -> bool {
    // ^(.*)-(ku|mu|nya|lah|kah|tah|pun)$ : the last hyphen followed by a clitic.
    if let Some((head, tail)) = word.rsplit_once('-')
        && SUFFIXES.contains(&tail)
    {
        return head.contains('-');
    }
    word.contains('-')
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// derivational prefix
    Dp,
    /// derivational suffix
    Ds,
    /// possessive pronoun
    Pp,
    /// particle
    P,
}

#[derive(Clone, Debug)]
struct Removal {
    subject: String,
    result: String,
    /// Only suffix removals need it (the "kan" test of the ECS loop).
    removed_kan: bool,
    kind: Kind,
}

struct Context<'d> {
    dict: &'d Dictionary,
    original: String,
    cur: String,
    cur_in_dict: bool,
    stopped: bool,
    removals: Vec<Removal>,
}

type Rule = fn(&[u8]) -> Option<String>;

impl<'d> Context<'d> {
    fn new(word: &str, dict: &'d Dictionary) -> Self {
        Self {
            dict,
            original: word.to_string(),
            cur: word.to_string(),
            cur_in_dict: dict.contains(word),
            stopped: false,
            removals: Vec::new(),
        }
    }

    fn set_cur(&mut self, w: String) {
        self.cur_in_dict = self.dict.contains(&w);
        self.cur = w;
    }

    fn start(&mut self) {
        if self.cur_in_dict {
            return;
        }
        // DontStemShortWord (Python len = code points; words here are ASCII).
        if self.cur.len() <= 3 {
            self.stopped = true;
        }
        if precedence_adjustment(self.original.as_bytes()) {
            self.remove_prefixes();
            if self.cur_in_dict {
                return;
            }
            self.remove_suffixes();
            if self.cur_in_dict {
                return;
            }
            let o = self.original.clone();
            self.set_cur(o);
            self.removals.clear();
        }
        self.remove_suffixes();
        if self.cur_in_dict {
            return;
        }
        self.remove_prefixes();
        if self.cur_in_dict {
            return;
        }
        self.loop_pengembalian_akhiran();
    }

    fn remove_suffixes(&mut self) {
        for kind in [Kind::P, Kind::Pp, Kind::Ds] {
            self.visit_suffix(kind);
            if self.cur_in_dict || self.stopped {
                return;
            }
        }
    }

    fn visit_suffix(&mut self, kind: Kind) {
        let w = self.cur.as_bytes();
        let cut = match kind {
            Kind::P => strip_clitic(w, &[b"lah", b"kah", b"tah", b"pun"]),
            Kind::Pp => strip_clitic(w, &[b"ku", b"mu", b"nya"]),
            Kind::Ds => {
                // (is|isme|isasi|i|kan|an)$ with leftmost match = longest suffix.
                [&b"isasi"[..], b"isme", b"kan", b"is", b"an", b"i"]
                    .iter()
                    .find(|s| w.ends_with(s))
                    .map(|s| w.len() - s.len())
            }
            Kind::Dp => None,
        };
        let Some(cut) = cut else { return };
        if cut == w.len() {
            return;
        }
        let result = self.cur[..cut].to_string();
        let removed_kan = &self.cur[cut..] == "kan";
        let subject = std::mem::take(&mut self.cur);
        self.removals.push(Removal {
            subject,
            result: result.clone(),
            removed_kan,
            kind,
        });
        self.set_cur(result);
    }

    fn remove_prefixes(&mut self) {
        for _ in 0..3 {
            self.accept_prefix_visitors();
            if self.cur_in_dict {
                return;
            }
        }
    }

    fn accept_prefix_visitors(&mut self) {
        let count = self.removals.len();
        // RemovePlainPrefix: ^(di|ke|se)
        {
            let w = self.cur.as_bytes();
            if w.starts_with(b"di") || w.starts_with(b"ke") || w.starts_with(b"se") {
                let result = self.cur[2..].to_string();
                self.push_prefix_removal(result);
            }
            if self.cur_in_dict || self.stopped || self.removals.len() > count {
                return;
            }
        }
        for group in PREFIX_RULES {
            self.visit_disambiguator(group);
            if self.cur_in_dict || self.stopped || self.removals.len() > count {
                return;
            }
        }
    }

    fn visit_disambiguator(&mut self, group: &[Rule]) {
        // The last rule tried wins, even when its result is not a root word (PySastrawi).
        let mut result = None;
        for rule in group {
            result = rule(self.cur.as_bytes());
            if let Some(r) = &result
                && self.dict.contains(r)
            {
                break;
            }
        }
        if let Some(r) = result {
            self.push_prefix_removal(r);
        }
    }

    fn push_prefix_removal(&mut self, result: String) {
        let subject = std::mem::take(&mut self.cur);
        self.removals.push(Removal {
            subject,
            result: String::new(),
            removed_kan: false,
            kind: Kind::Dp,
        });
        self.set_cur(result);
    }

    fn loop_pengembalian_akhiran(&mut self) {
        // restore_prefix
        if let Some(first) = self.removals.first() {
            let s = first.subject.clone();
            self.set_cur(s);
        }
        self.removals.retain(|r| r.kind != Kind::Dp);

        let removals = self.removals.clone();
        let current_word = self.cur.clone();
        for removal in removals.iter().rev() {
            if removal.kind == Kind::Dp {
                continue;
            }
            if removal.removed_kan {
                self.set_cur(format!("{}k", removal.result));
                self.remove_prefixes();
                if self.cur_in_dict {
                    return;
                }
                self.set_cur(format!("{}kan", removal.result));
            } else {
                self.set_cur(removal.subject.clone());
            }
            self.remove_prefixes();
            if self.cur_in_dict {
                return;
            }
            self.removals.clone_from(&removals);
            self.set_cur(current_word.clone());
        }
    }
}

/// `-*(a|b|...)$` removed: the clitic and the hyphens right before it. Returns the cut index.
fn strip_clitic(w: &[u8], alts: &[&[u8]]) -> Option<usize> {
    let s = alts.iter().find(|s| w.ends_with(s))?;
    let mut cut = w.len() - s.len();
    while cut > 0 && w[cut - 1] == b'-' {
        cut -= 1;
    }
    Some(cut)
}

fn precedence_adjustment(w: &[u8]) -> bool {
    let se =
        |p: &[u8], s: &[u8]| w.starts_with(p) && w.ends_with(s) && w.len() >= p.len() + s.len();
    se(b"be", b"lah")
        || se(b"be", b"an")
        || se(b"me", b"i")
        || se(b"di", b"i")
        || se(b"pe", b"i")
        || se(b"ter", b"i")
}

#[inline]
fn vowel(c: u8) -> bool {
    matches!(c, b'a' | b'i' | b'u' | b'e' | b'o')
}
#[inline]
fn cons(c: u8) -> bool {
    c.is_ascii_lowercase() && !vowel(c)
}
#[inline]
fn at(w: &[u8], i: usize) -> u8 {
    w.get(i).copied().unwrap_or(0)
}
#[inline]
fn tail(w: &[u8], i: usize) -> String {
    // Words are ASCII here, so this is lossless.
    String::from_utf8_lossy(w.get(i..).unwrap_or(&[])).into_owned()
}
#[inline]
fn pre(p: &str, w: &[u8], i: usize) -> String {
    let mut s = String::with_capacity(p.len() + w.len());
    s.push_str(p);
    s.push_str(&tail(w, i));
    s
}
#[inline]
fn er_at(w: &[u8], i: usize) -> bool {
    at(w, i) == b'e' && at(w, i + 1) == b'r'
}

fn r1a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"ber") && vowel(at(w, 3))).then(|| tail(w, 3))
}
fn r1b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"ber") && vowel(at(w, 3))).then(|| pre("r", w, 3))
}
fn r2(w: &[u8]) -> Option<String> {
    if w.starts_with(b"ber") && cons(at(w, 3)) && at(w, 4).is_ascii_lowercase() {
        if er_at(w, 5) {
            return None;
        }
        return Some(tail(w, 3));
    }
    None
}
fn r3(w: &[u8]) -> Option<String> {
    if w.starts_with(b"ber")
        && cons(at(w, 3))
        && at(w, 4).is_ascii_lowercase()
        && er_at(w, 5)
        && vowel(at(w, 7))
    {
        if at(w, 3) == b'r' {
            return None;
        }
        return Some(tail(w, 3));
    }
    None
}
fn r4(w: &[u8]) -> Option<String> {
    (w == b"belajar").then(|| "ajar".to_string())
}
fn r5(w: &[u8]) -> Option<String> {
    (w.starts_with(b"be") && cons(at(w, 2)) && at(w, 2) != b'r' && er_at(w, 3) && cons(at(w, 5)))
        .then(|| tail(w, 2))
}
fn r6a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"ter") && vowel(at(w, 3))).then(|| tail(w, 3))
}
fn r6b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"ter") && vowel(at(w, 3))).then(|| pre("r", w, 3))
}
fn r7(w: &[u8]) -> Option<String> {
    if w.starts_with(b"ter") && cons(at(w, 3)) && er_at(w, 4) && vowel(at(w, 6)) {
        if at(w, 3) == b'r' {
            return None;
        }
        return Some(tail(w, 3));
    }
    None
}
fn r8(w: &[u8]) -> Option<String> {
    if w.starts_with(b"ter") && cons(at(w, 3)) {
        if at(w, 3) == b'r' || er_at(w, 4) {
            return None;
        }
        return Some(tail(w, 3));
    }
    None
}
fn r9(w: &[u8]) -> Option<String> {
    if w.starts_with(b"te") && cons(at(w, 2)) && er_at(w, 3) && cons(at(w, 5)) {
        if at(w, 2) == b'r' {
            return None;
        }
        return Some(tail(w, 2));
    }
    None
}
fn r10(w: &[u8]) -> Option<String> {
    (w.starts_with(b"me") && matches!(at(w, 2), b'l' | b'r' | b'w' | b'y') && vowel(at(w, 3)))
        .then(|| tail(w, 2))
}
fn r11(w: &[u8]) -> Option<String> {
    (w.starts_with(b"mem") && matches!(at(w, 3), b'b' | b'f' | b'v')).then(|| tail(w, 3))
}
fn r12(w: &[u8]) -> Option<String> {
    w.starts_with(b"mempe").then(|| tail(w, 3))
}
fn r13a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"mem") && vowel(at(w, 3))).then(|| pre("m", w, 3))
}
fn r13b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"mem") && vowel(at(w, 3))).then(|| pre("p", w, 3))
}
fn r14(w: &[u8]) -> Option<String> {
    (w.starts_with(b"men") && matches!(at(w, 3), b'c' | b'd' | b'j' | b's' | b't' | b'z'))
        .then(|| tail(w, 3))
}
fn r15a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"men") && vowel(at(w, 3))).then(|| pre("n", w, 3))
}
fn r15b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"men") && vowel(at(w, 3))).then(|| pre("t", w, 3))
}
fn r16(w: &[u8]) -> Option<String> {
    (w.starts_with(b"meng") && matches!(at(w, 4), b'g' | b'h' | b'q' | b'k')).then(|| tail(w, 4))
}
fn r17a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"meng") && vowel(at(w, 4))).then(|| tail(w, 4))
}
fn r17b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"meng") && vowel(at(w, 4))).then(|| pre("k", w, 4))
}
fn r17c(w: &[u8]) -> Option<String> {
    w.starts_with(b"menge").then(|| tail(w, 5))
}
fn r17d(w: &[u8]) -> Option<String> {
    (w.starts_with(b"meng") && vowel(at(w, 4))).then(|| pre("ng", w, 4))
}
fn r18a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"meny") && vowel(at(w, 4))).then(|| pre("ny", w, 4))
}
fn r18b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"meny") && vowel(at(w, 4))).then(|| pre("s", w, 4))
}
fn r19(w: &[u8]) -> Option<String> {
    (w.starts_with(b"memp") && at(w, 4).is_ascii_lowercase() && !matches!(at(w, 4), b'e' | b'n'))
        .then(|| pre("p", w, 4))
}
fn r20(w: &[u8]) -> Option<String> {
    (w.starts_with(b"pe") && matches!(at(w, 2), b'w' | b'y') && vowel(at(w, 3))).then(|| tail(w, 2))
}
fn r21a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"per") && vowel(at(w, 3))).then(|| tail(w, 3))
}
fn r21b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"per") && vowel(at(w, 3))).then(|| tail(w, 2))
}
fn r23(w: &[u8]) -> Option<String> {
    if w.starts_with(b"per") && cons(at(w, 3)) && at(w, 4).is_ascii_lowercase() {
        if er_at(w, 5) {
            return None;
        }
        return Some(tail(w, 3));
    }
    None
}
fn r24(w: &[u8]) -> Option<String> {
    if w.starts_with(b"per")
        && cons(at(w, 3))
        && at(w, 4).is_ascii_lowercase()
        && er_at(w, 5)
        && vowel(at(w, 7))
    {
        if at(w, 3) == b'r' {
            return None;
        }
        return Some(tail(w, 3));
    }
    None
}
fn r25(w: &[u8]) -> Option<String> {
    (w.starts_with(b"pem") && matches!(at(w, 3), b'b' | b'f' | b'v')).then(|| tail(w, 3))
}
fn r26a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"pem") && vowel(at(w, 3))).then(|| pre("m", w, 3))
}
fn r26b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"pem") && vowel(at(w, 3))).then(|| pre("p", w, 3))
}
fn r27(w: &[u8]) -> Option<String> {
    (w.starts_with(b"pen") && matches!(at(w, 3), b'c' | b'd' | b'j' | b's' | b't' | b'z'))
        .then(|| tail(w, 3))
}
fn r28a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"pen") && vowel(at(w, 3))).then(|| pre("n", w, 3))
}
fn r28b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"pen") && vowel(at(w, 3))).then(|| pre("t", w, 3))
}
fn r29(w: &[u8]) -> Option<String> {
    (w.starts_with(b"peng") && cons(at(w, 4))).then(|| tail(w, 4))
}
fn r30a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"peng") && vowel(at(w, 4))).then(|| tail(w, 4))
}
fn r30b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"peng") && vowel(at(w, 4))).then(|| pre("k", w, 4))
}
fn r30c(w: &[u8]) -> Option<String> {
    w.starts_with(b"penge").then(|| tail(w, 5))
}
fn r31a(w: &[u8]) -> Option<String> {
    (w.starts_with(b"peny") && vowel(at(w, 4))).then(|| pre("ny", w, 4))
}
fn r31b(w: &[u8]) -> Option<String> {
    (w.starts_with(b"peny") && vowel(at(w, 4))).then(|| pre("s", w, 4))
}
fn r32(w: &[u8]) -> Option<String> {
    if w == b"pelajar" {
        return Some("ajar".to_string());
    }
    (w.starts_with(b"pel") && vowel(at(w, 3))).then(|| tail(w, 2))
}
fn r34(w: &[u8]) -> Option<String> {
    if w.starts_with(b"pe") && cons(at(w, 2)) {
        if er_at(w, 3) {
            return None;
        }
        return Some(tail(w, 2));
    }
    None
}
#[inline]
fn c35(c: u8) -> bool {
    matches!(
        c,
        b'b' | b'c'
            | b'd'
            | b'f'
            | b'g'
            | b'h'
            | b'j'
            | b'k'
            | b'p'
            | b'q'
            | b's'
            | b't'
            | b'v'
            | b'x'
            | b'z'
    )
}
fn r35(w: &[u8]) -> Option<String> {
    (w.starts_with(b"ter") && c35(at(w, 3)) && er_at(w, 4) && cons(at(w, 6))).then(|| tail(w, 3))
}
fn r36(w: &[u8]) -> Option<String> {
    (w.starts_with(b"pe") && c35(at(w, 2)) && er_at(w, 3) && cons(at(w, 5))).then(|| tail(w, 2))
}
/// Infix rules 37–40: C + (er|el|em|in) + V.
fn infix(w: &[u8], inf: &[u8; 2], drop: bool) -> Option<String> {
    if cons(at(w, 0)) && at(w, 1) == inf[0] && at(w, 2) == inf[1] && vowel(at(w, 3)) {
        if drop {
            let mut s = tail(&w[..1], 0);
            s.push_str(&tail(w, 3));
            return Some(s);
        }
        return Some(tail(w, 0));
    }
    None
}
fn r37a(w: &[u8]) -> Option<String> {
    infix(w, b"er", false)
}
fn r37b(w: &[u8]) -> Option<String> {
    infix(w, b"er", true)
}
fn r38a(w: &[u8]) -> Option<String> {
    infix(w, b"el", false)
}
fn r38b(w: &[u8]) -> Option<String> {
    infix(w, b"el", true)
}
fn r39a(w: &[u8]) -> Option<String> {
    infix(w, b"em", false)
}
fn r39b(w: &[u8]) -> Option<String> {
    infix(w, b"em", true)
}
fn r40a(w: &[u8]) -> Option<String> {
    infix(w, b"in", false)
}
fn r40b(w: &[u8]) -> Option<String> {
    infix(w, b"in", true)
}
fn r41(w: &[u8]) -> Option<String> {
    w.starts_with(b"ku").then(|| tail(w, 2))
}
fn r42(w: &[u8]) -> Option<String> {
    w.starts_with(b"kau").then(|| tail(w, 3))
}

/// Prefix disambiguation groups in PySastrawi's visitor order.
static PREFIX_RULES: &[&[Rule]] = &[
    &[r1a, r1b],
    &[r2],
    &[r3],
    &[r4],
    &[r5],
    &[r6a, r6b],
    &[r7],
    &[r8],
    &[r9],
    &[r10],
    &[r11],
    &[r12],
    &[r13a, r13b],
    &[r14],
    &[r15a, r15b],
    &[r16],
    &[r17a, r17b, r17c, r17d],
    &[r18a, r18b],
    &[r19],
    &[r20],
    &[r21a, r21b],
    &[r23],
    &[r24],
    &[r25],
    &[r26a, r26b],
    &[r27],
    &[r28a, r28b],
    &[r29],
    &[r30a, r30b, r30c],
    &[r31a, r31b],
    &[r32],
    &[r34],
    &[r35],
    &[r36],
    &[r37a, r37b],
    &[r38a, r38b],
    &[r39a, r39b],
    &[r40a, r40b],
    &[r41],
    &[r42],
];

const SHARDS: usize = 16;

type Shard = RwLock<HashMap<Box<str>, Arc<str>, FxBuildHasher>>;

/// A [`Stemmer`] with a bounded, thread-safe memo of word -> stem, for running text where the
/// same words recur. `Send + Sync`; share one through a `OnceLock`.
#[derive(Debug)]
pub struct CachedStemmer {
    stemmer: Stemmer,
    shards: Vec<Shard>,
    per_shard: usize,
    /// Tells this memo's entries apart in the per-thread front memo.
    id: usize,
}

/// Words a thread keeps in front of the shared memo. Each thread holds its own `Arc`s, so the
/// hot path neither takes a shard lock nor bumps a reference count other cores also bump
/// (both showed up as cache-line contention when several ingest threads stem at once).
const FRONT_CAPACITY: usize = 50_000;

/// (owner memo id, word → stem) of one thread.
type Front = (usize, HashMap<Box<str>, Arc<str>, FxBuildHasher>);

thread_local! {
    static FRONT: std::cell::RefCell<Front> = std::cell::RefCell::new((0, HashMap::default()));
}

impl Default for CachedStemmer {
    fn default() -> Self {
        Self::new(Stemmer::new(), 200_000)
    }
}

impl CachedStemmer {
    /// Wrap `stemmer`, remembering at most about `capacity` words (a full shard is cleared).
    pub fn new(stemmer: Stemmer, capacity: usize) -> Self {
        Self {
            stemmer,
            shards: (0..SHARDS)
                .map(|_| RwLock::new(HashMap::default()))
                .collect(),
            per_shard: (capacity / SHARDS).max(1),
            id: {
                static NEXT: std::sync::atomic::AtomicUsize =
                    std::sync::atomic::AtomicUsize::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        }
    }

    /// The underlying stemmer.
    pub fn stemmer(&self) -> &Stemmer {
        &self.stemmer
    }

    /// Stem like [`Stemmer::stem`], from the memo when possible.
    pub fn stem(&self, word: &str) -> Arc<str> {
        // Long inputs are texts, not words: not worth remembering, and they would bloat the memo.
        if word.len() > 64 {
            return Arc::from(self.stemmer.stem(word));
        }
        let front = FRONT.with(|f| {
            let f = f.borrow();
            if f.0 == self.id {
                f.1.get(word).cloned()
            } else {
                None
            }
        });
        if let Some(s) = front {
            return s;
        }
        let stem = self.stem_shared(word);
        let mine: Arc<str> = Arc::from(&*stem);
        FRONT.with(|f| {
            let mut f = f.borrow_mut();
            if f.0 != self.id || f.1.len() >= FRONT_CAPACITY {
                f.1.clear();
                f.0 = self.id;
            }
            f.1.insert(Box::from(word), Arc::clone(&mine));
        });
        mine
    }

    /// The shared memo behind the per-thread one.
    fn stem_shared(&self, word: &str) -> Arc<str> {
        let h = {
            use std::hash::BuildHasher;
            FxBuildHasher.hash_one(word)
        };
        let shard = &self.shards[(h as usize) % SHARDS];
        if let Ok(map) = shard.read()
            && let Some(s) = map.get(word)
        {
            return Arc::clone(s);
        }
        let stem: Arc<str> = Arc::from(self.stemmer.stem(word));
        // A poisoned lock only means another thread panicked mid-insert; the memo is optional.
        if let Ok(mut map) = shard.write() {
            if map.len() >= self.per_shard {
                map.clear();
            }
            map.insert(Box::from(word), Arc::clone(&stem));
        }
        stem
    }
}

/// The process-wide cached stemmer with the shipped dictionary (built on first use).
pub fn global_stemmer() -> &'static CachedStemmer {
    static S: std::sync::OnceLock<CachedStemmer> = std::sync::OnceLock::new();
    S.get_or_init(CachedStemmer::default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(w: &str) -> String {
        Stemmer::new().stem(w)
    }

    #[test]
    fn common_affixes() {
        let st = Stemmer::new();
        for (w, e) in [
            ("menyetujui", "tuju"),
            ("pembangunan", "bangun"),
            ("bukunya", "buku"),
            ("mempermainkan", "main"),
            ("pelajaran", "ajar"),
            ("berbalas-balasan", "balas"),
            ("meniru-nirukan", "tiru"),
            ("bersama-sama", "sama"),
            ("kupu-kupu", "kupu-kupu"),
            ("diberitakan", "berita"),
            ("kebijakan", "bijak"),
            ("pemerintahan", "perintah"),
            ("perekonomian", "ekonomi"),
            ("mobil-mobil", "mobil"),
            ("menteri", "menteri"),
            ("berita", "berita"),
        ] {
            assert_eq!(st.stem(w), e, "{w}");
        }
    }

    #[test]
    fn clitics_and_particles() {
        assert_eq!(s("bacalah"), "baca");
        assert_eq!(s("apakah"), "apakah"); // a root word itself
        assert_eq!(s("benarkah"), "benar");
        assert_eq!(s("rumahku"), "rumah");
        assert_eq!(s("bukunya-lah"), "buku");
    }

    #[test]
    fn short_and_odd_input() {
        assert_eq!(s(""), "");
        assert_eq!(s("di"), "di");
        assert_eq!(s("Rp5.000 & diskon"), "rp5 000 diskon");
        assert_eq!(s("---"), "---");
        assert_eq!(s("MEMBANGUN"), "bangun");
    }

    #[test]
    fn cached_matches_plain() {
        let c = CachedStemmer::new(Stemmer::new(), 64);
        for w in ["pembangunan", "pembangunan", "kebersamaan", "x"] {
            assert_eq!(&*c.stem(w), Stemmer::new().stem(w));
        }
    }
}
