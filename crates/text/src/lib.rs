//! Indonesian language engine for Sinergi.
//!
//! Pure library: no I/O beyond the readers/writers callers hand to [`batch`], no async, no
//! network; the data it needs (Sastrawi root words, stopwords, slang and polarity lists, the
//! tone model, Kemendagri region codes) is embedded at build time from `data/`.
//!
//! - [`tokenize`] / [`sentences`]: news-aware tokens (money, dates, times, abbreviations,
//!   reduplication, URLs, e-mail, hashtags, mentions, emoji) with byte offsets.
//! - [`normalize()`]: case and diacritic folding, slang to formal words.
//! - [`Stemmer`] / [`global_stemmer`]: the Sastrawi algorithm, word-for-word PySastrawi.
//! - [`tone_of`] / [`tone_toward`]: positive / neutral / negative, overall or toward an entity.
//! - [`fingerprint`] / [`is_same_story`]: SimHash and MinHash near-duplicate detection.
//! - [`Gazetteer`] / [`EntityMatcher`]: regions (with codes) and configurable entities.
//! - [`keyphrases`]: labels for a document or an issue.
//! - [`ClaimIndex`]: most similar known hoax claims.
//! - [`StoryClusterer`]: incremental grouping of articles into issues (stories).
//! - [`analyze()`]: all of the above for one article.
//! - [`check_comment`]: moderation of public comments (abuse, spam, links, repeats).
//! - [`PickupIndex`]: which monitored articles republished one of our releases.
//! - [`RelatedIndex`]: "Baca Juga" related articles by content (TF-IDF cosine).
//!
//! Nothing here panics on any UTF-8 input (property tests and a fuzz target check it).

pub mod analyze;
pub mod batch;
pub mod claims;
pub mod cluster;
pub mod dedup;
pub mod error;
pub mod gazetteer;
pub mod keyphrase;
pub mod moderation;
pub mod normalize;
pub mod pickup;
pub mod related;
pub mod stem;
pub mod stopwords;
pub mod token;
pub mod tone;

pub use analyze::{Analysis, Analyzer, EntityMention, RegionMention, analyze};
pub use claims::{ClaimIndex, ClaimMatch};
pub use cluster::{Assignment, ClusterConfig, ClusterInput, ClusterState, StoryClusterer};
pub use dedup::{Fingerprint, LshIndex, MinHash, fingerprint, hamming, is_same_story, simhash64};
pub use error::Error;
pub use gazetteer::{Entity, EntityHit, EntityMatcher, Gazetteer, Level, RegionHit, Span};
pub use keyphrase::{Keyphrase, keyphrases, keyphrases_weighted};
pub use moderation::{
    CommentCheck, ModerationReason, ModerationResult, ModerationVerdict, check_comment,
};
pub use normalize::{fold, normalize, normalize_word, slang_formal};
pub use pickup::{PickupIndex, PickupMatch};
pub use related::{RelatedConfig, RelatedDoc, RelatedIndex};
pub use stem::{CachedStemmer, Stemmer, global_stemmer};
pub use stopwords::{is_stopword, stopwords};
pub use token::{
    Sentence, Token, TokenKind, rupiah_value, sentences, sentences_of, split_clitic, tokenize,
};
pub use tone::{Tone, ToneModel, ToneScore, tone_of, tone_scores, tone_toward};
