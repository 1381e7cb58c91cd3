//! Normaliser: case and diacritic folding, elongation squeezing, informal reduplication
//! ("anak2") and a project-written colloquial/slang -> formal list (`data/text/slang-id.tsv`).

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::token::{TokenKind, tokenize};

const SLANG: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/text/slang-id.tsv"
));

fn slang_map() -> &'static FxHashMap<&'static str, &'static str> {
    static M: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    M.get_or_init(|| {
        SLANG
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, b)| (a.trim(), b.trim()))
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .collect()
    })
}

/// The formal form of a lowercase slang word, if the shipped list has it ("yg" -> "yang").
pub fn slang_formal(word: &str) -> Option<&'static str> {
    slang_map().get(word).copied()
}

/// Lowercase, strip diacritics ("café" -> "cafe") and unify quotes and dashes.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '‘' | '’' | '`' | '´' => out.push('\''),
            '“' | '”' | '«' | '»' | '„' => out.push('"'),
            '‐' | '‑' | '‒' | '–' | '—' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Squeeze a letter repeated 3+ times to one ("mantappp" -> "mantap", "bangettt" -> "banget").
fn squeeze(word: &str) -> Cow<'_, str> {
    let b = word.as_bytes();
    let has_run = b
        .windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_ascii_alphabetic());
    if !has_run {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    let mut prev: Option<char> = None;
    let mut run = 0;
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if Some(c) == prev {
            run += 1;
        } else {
            run = 1;
        }
        prev = Some(c);
        // Count the whole run: keep 1 letter of a 3+ run, both of a double ("saat", "maaf").
        let mut j = i;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        let total = run - 1 + (j - i);
        if total >= 3 && c.is_alphabetic() {
            if run == 1 {
                out.push(c);
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Normalise one word: fold, squeeze elongation, expand "anak2" -> "anak-anak", map slang.
pub fn normalize_word(word: &str) -> Cow<'_, str> {
    let folded = fold(word);
    let squeezed = squeeze(&folded).into_owned();
    if let Some(f) = slang_formal(&squeezed) {
        return Cow::Owned(f.to_string());
    }
    if let Some(base) = squeezed.strip_suffix('2')
        && base.chars().count() >= 2
        && base.chars().all(char::is_alphabetic)
    {
        let base = slang_formal(base).unwrap_or(base);
        return Cow::Owned(format!("{base}-{base}"));
    }
    if squeezed == word {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(squeezed)
    }
}

/// Normalise a text for analysis: every token folded, words normalised, joined by one space.
/// "Pemkab Bogor gak bakal diam, yg penting mantappp!" ->
/// "pemerintah kabupaten bogor tidak bakal diam , yang penting mantap !"
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for t in tokenize(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        match t.kind {
            TokenKind::Word => out.push_str(&normalize_word(t.text)),
            TokenKind::Url | TokenKind::Email | TokenKind::Emoji => out.push_str(t.text),
            _ => out.push_str(&fold(t.text)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slang_to_formal() {
        assert_eq!(normalize_word("yg"), "yang");
        assert_eq!(normalize_word("gak"), "tidak");
        assert_eq!(normalize_word("Pemkab"), "pemerintah kabupaten");
        assert_eq!(normalize_word("pemprov"), "pemerintah provinsi");
        assert_eq!(normalize_word("bgt"), "sangat");
        assert_eq!(normalize_word("anak2"), "anak-anak");
        assert_eq!(normalize_word("temen2"), "teman-teman");
        assert_eq!(normalize_word("gubernur"), "gubernur");
    }

    #[test]
    fn folding_and_elongation() {
        assert_eq!(fold("Café “Kopi” — Ñ"), "cafe \"kopi\" - n");
        assert_eq!(normalize_word("mantappp"), "mantap");
        assert_eq!(normalize_word("Bangettt"), "sangat");
        assert_eq!(normalize_word("saat"), "saat");
        assert_eq!(normalize_word("maaf"), "maaf");
    }

    #[test]
    fn whole_text() {
        assert_eq!(
            normalize("Pemkab Bogor gak bakal diam, yg penting mantappp!"),
            "pemerintah kabupaten bogor tidak bakal diam , yang penting mantap !"
        );
        assert_eq!(normalize("Harga Rp5.000 naik"), "harga rp5.000 naik");
        assert_eq!(normalize(""), "");
    }
}
