//! The Indonesian analyzer shared by the index, the query language and in-memory matching.
//!
//! One pass over `sinergi_text::tokenize`: fold and normalise each word (slang to formal),
//! drop stopwords, Sastrawi-stem the rest. It is one tokenizer rather than a tokenizer plus
//! filters because a dropped stopword must still consume a position: phrases written with a
//! stopword ("kebijakan dari pemerintah") then match the same gap in the text, in tantivy and
//! in [`crate::Query::matches`] alike. Offsets are byte offsets into the original text, so
//! highlighting can mark the words as written.

use sinergi_text::{TokenKind, fold, global_stemmer, is_stopword, normalize_word, tokenize};
use tantivy::tokenizer::{Token as TvToken, TokenStream, Tokenizer};

/// Name under which the analyzer is registered in the index.
pub const TOKENIZER_NAME: &str = "sinergi_id";

/// One analysed term: its stem, where it came from and its word position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The indexed form (stem for words, folded text for numbers and the like).
    pub term: String,
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
    /// Word position; stopwords consume one without being emitted.
    pub position: usize,
}

/// Analyse `text` into indexed terms.
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    let mut out = Vec::with_capacity(text.len() / 7 + 1);
    analyze_into(text, |t| out.push(t));
    out
}

fn analyze_into(text: &str, mut emit: impl FnMut(AnalyzedToken)) {
    let stemmer = global_stemmer();
    let mut position = 0usize;
    for tok in tokenize(text) {
        let (start, end) = (tok.start, tok.end);
        match tok.kind {
            TokenKind::Punct | TokenKind::Emoji => {}
            TokenKind::Word | TokenKind::Abbreviation => {
                let raw = tok.text.trim_end_matches('.');
                let norm = normalize_word(raw);
                // Slang may expand to several words ("pemkab" -> "pemerintah kabupaten").
                for w in norm.split_whitespace() {
                    let pos = position;
                    position += 1;
                    if is_stopword(w) {
                        continue;
                    }
                    let stem = stemmer.stem(w);
                    let term = if stem.is_empty() {
                        // Non-Latin scripts: Sastrawi strips everything; keep the folded word.
                        w.to_string()
                    } else {
                        stem.to_string()
                    };
                    emit(AnalyzedToken {
                        term,
                        start,
                        end,
                        position: pos,
                    });
                }
            }
            TokenKind::Hashtag | TokenKind::Mention => {
                let term = fold(tok.text.trim_start_matches(['#', '@']));
                let pos = position;
                position += 1;
                if !term.is_empty() {
                    emit(AnalyzedToken {
                        term,
                        start,
                        end,
                        position: pos,
                    });
                }
            }
            _ => {
                let term = fold(tok.text);
                let pos = position;
                position += 1;
                emit(AnalyzedToken {
                    term,
                    start,
                    end,
                    position: pos,
                });
            }
        }
    }
}

/// The analyzer as a tantivy tokenizer (register under [`TOKENIZER_NAME`]).
#[derive(Clone, Default)]
pub struct IndonesianTokenizer {
    tokens: Vec<TvToken>,
}

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = IndonesianTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.tokens.clear();
        let tokens = &mut self.tokens;
        analyze_into(text, |t| {
            tokens.push(TvToken {
                offset_from: t.start,
                offset_to: t.end,
                position: t.position,
                text: t.term,
                position_length: 1,
            });
        });
        IndonesianTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// Token stream over a pre-analysed buffer.
pub struct IndonesianTokenStream<'a> {
    tokens: &'a mut Vec<TvToken>,
    next: usize,
}

impl TokenStream for IndonesianTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &TvToken {
        &self.tokens[self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut TvToken {
        let i = self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}
