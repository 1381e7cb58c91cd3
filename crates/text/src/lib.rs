//! Indonesian language engine for Sinergi. Pure library: no I/O beyond caller-supplied
//! readers/writers in [`batch`], no async, no network.

pub mod stem;

pub use stem::{CachedStemmer, Stemmer, global_stemmer};
pub mod token;
pub use token::{
    Sentence, Token, TokenKind, rupiah_value, sentences, sentences_of, split_clitic, tokenize,
};
pub mod normalize;
pub use normalize::{fold, normalize, normalize_word, slang_formal};
pub mod stopwords;
pub use stopwords::{is_stopword, stopwords};
pub mod error;
pub use error::Error;
pub mod gazetteer;
pub use gazetteer::{Entity, EntityHit, EntityMatcher, Gazetteer, Level, RegionHit, Span};
pub mod tone;
pub use tone::{Tone, ToneModel, ToneScore, tone_of, tone_scores, tone_toward};
pub mod dedup;
pub use dedup::{Fingerprint, LshIndex, MinHash, fingerprint, hamming, is_same_story, simhash64};
pub mod keyphrase;
pub use keyphrase::{Keyphrase, keyphrases, keyphrases_weighted};
pub mod claims;
pub use claims::{ClaimIndex, ClaimMatch};
pub mod analyze;
pub use analyze::{Analysis, Analyzer, EntityMention, RegionMention, analyze};
pub mod batch;
