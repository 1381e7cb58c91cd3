//! Indonesian stopwords: the shipped Sastrawi list (`data/text/sastrawi-stopwords.txt`, MIT).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

const LIST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/text/sastrawi-stopwords.txt"
));

/// The stopword set (lowercase).
pub fn stopwords() -> &'static FxHashSet<&'static str> {
    static S: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        LIST.lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// Is the lowercase `word` a stopword?
pub fn is_stopword(word: &str) -> bool {
    stopwords().contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_function_words() {
        for w in ["yang", "dan", "di", "adalah", "tersebut"] {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["gubernur", "banjir", "bupati"] {
            assert!(!is_stopword(w), "{w}");
        }
        assert!(stopwords().len() > 700);
    }
}
