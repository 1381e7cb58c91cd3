//! One-call article analysis for the monitoring pipeline: counts, tone (overall and toward
//! each region and entity mentioned), regions, entities, keyphrases and the near-duplicate
//! fingerprint.

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::dedup::{Fingerprint, fingerprint};
use crate::gazetteer::{EntityMatcher, Gazetteer, Level, Span};
use crate::keyphrase::keyphrases_of_tokens;
use crate::token::{Sentence, TokenKind, sentences_of, tokenize};
use crate::tone::{Tone, ToneModel, ToneScore};

/// A region in an analysis, with the tone of the sentences that mention it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionMention {
    /// Kemendagri code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Mentions.
    pub count: u32,
    /// Tone of the sentences mentioning it (the name itself masked).
    pub tone: Tone,
}

/// An entity in an analysis, with the tone of the sentences that mention it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityMention {
    /// Entity id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Mentions.
    pub count: u32,
    /// Tone of the sentences mentioning it (the name itself masked).
    pub tone: Tone,
}

/// The analysis of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Tokens (words, numbers, punctuation...) in title and text.
    pub tokens: usize,
    /// Word tokens.
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Overall tone.
    pub tone: Tone,
    /// Overall class probabilities.
    pub tone_scores: ToneScore,
    /// Regions, most mentioned first.
    pub regions: Vec<RegionMention>,
    /// Entities, most mentioned first.
    pub entities: Vec<EntityMention>,
    /// Up to 5 keyphrases.
    pub keyphrases: Vec<String>,
    /// SimHash of the text, as 16 hex digits.
    #[serde(serialize_with = "hex64")]
    pub simhash: u64,
    /// Full near-duplicate fingerprint (not serialised; store it for `is_same_story`).
    #[serde(skip)]
    pub fingerprint: Fingerprint,
}

fn hex64<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{v:016x}"))
}

/// Analyser with a configurable entity list (the regions are always the shipped gazetteer).
#[derive(Debug, Clone)]
pub struct Analyzer<'e> {
    entities: &'e EntityMatcher,
}

impl Default for Analyzer<'static> {
    fn default() -> Self {
        Self {
            entities: EntityMatcher::shared_default(),
        }
    }
}

impl<'e> Analyzer<'e> {
    /// Analyser that looks for `entities`.
    pub fn new(entities: &'e EntityMatcher) -> Self {
        Self { entities }
    }

    /// Analyse an article (`title` may be empty).
    pub fn analyze(&self, title: &str, text: &str) -> Analysis {
        let full = if title.trim().is_empty() {
            text.to_string()
        } else {
            format!("{}\n\n{text}", title.trim())
        };
        let toks = tokenize(&full);
        let sents = sentences_of(&full, &toks);
        let words = toks
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Abbreviation))
            .count();
        let model = ToneModel::shared();
        let overall = model.score(&full);
        let region_hits = Gazetteer::shared().regions(&full);
        let entity_hits = self.entities.find(&full);
        let all_spans: Vec<Span> = region_hits
            .iter()
            .flat_map(|h| h.positions.iter())
            .chain(entity_hits.iter().flat_map(|h| h.positions.iter()))
            .copied()
            .collect();
        let mut scorer = SpanTone::new(&full, &sents, model, &all_spans);
        let regions = region_hits
            .into_iter()
            .map(|h| RegionMention {
                tone: scorer.tone(&h.positions),
                code: h.code,
                name: h.name,
                level: h.level,
                count: h.count,
            })
            .collect();
        let entities = entity_hits
            .into_iter()
            .map(|h| EntityMention {
                tone: scorer.tone(&h.positions),
                id: h.id,
                name: h.name,
                kind: h.kind,
                count: h.count,
            })
            .collect();
        // The title leads `full`, so it gets the early-position boost.
        let keyphrases = keyphrases_of_tokens(&full, &toks, 5)
            .into_iter()
            .map(|k| k.phrase)
            .collect();
        let fp = fingerprint(text);
        Analysis {
            tokens: toks.len(),
            words,
            sentences: sents.len(),
            tone: overall.tone,
            tone_scores: overall,
            regions,
            entities,
            keyphrases,
            simhash: fp.simhash,
            fingerprint: fp,
        }
    }
}

/// Tone of the sentences that mention a region or entity. Every sentence is scored once,
/// with all the names found in it masked (a name is not an opinion).
struct SpanTone<'a> {
    full: &'a str,
    sents: &'a [Sentence<'a>],
    model: &'a ToneModel,
    /// spans (sorted) of all mentions, for masking
    spans: Vec<Span>,
    cache: HashMap<usize, [f32; 3]>,
}

impl<'a> SpanTone<'a> {
    fn new(full: &'a str, sents: &'a [Sentence<'a>], model: &'a ToneModel, spans: &[Span]) -> Self {
        let mut spans = spans.to_vec();
        spans.sort_by_key(|p| (p.start, p.end));
        Self {
            full,
            sents,
            model,
            spans,
            cache: HashMap::new(),
        }
    }

    fn sentence_of(&self, sp: &Span) -> Option<usize> {
        // sentences are in order: binary search on the start
        let i = self.sents.partition_point(|s| s.end <= sp.start);
        self.sents
            .get(i)
            .filter(|s| s.start <= sp.start && sp.end <= s.end)
            .map(|_| i)
    }

    fn sentence_probs(&mut self, i: usize) -> [f32; 3] {
        if let Some(p) = self.cache.get(&i) {
            return *p;
        }
        let s = &self.sents[i];
        let mut masked = String::with_capacity(s.text.len());
        let mut at = s.start;
        for sp in self
            .spans
            .iter()
            .filter(|p| p.start >= s.start && p.end <= s.end)
        {
            if sp.start >= at
                && let Some(part) = self.full.get(at..sp.start)
            {
                masked.push_str(part);
                masked.push(' ');
                at = sp.end;
            }
        }
        if let Some(rest) = self.full.get(at..s.end) {
            masked.push_str(rest);
        }
        let sc = self.model.score(&masked);
        let p = [sc.positive, sc.neutral, sc.negative];
        self.cache.insert(i, p);
        p
    }

    /// Average tone of the sentences holding `spans`.
    fn tone(&mut self, spans: &[Span]) -> Tone {
        let mut idx: Vec<usize> = spans.iter().filter_map(|sp| self.sentence_of(sp)).collect();
        idx.sort_unstable();
        idx.dedup();
        if idx.is_empty() {
            return Tone::Neutral;
        }
        let mut sum = [0f32; 3];
        for i in idx {
            let p = self.sentence_probs(i);
            for k in 0..3 {
                sum[k] += p[k];
            }
        }
        let best = (0..3).fold(0, |b, k| if sum[k] > sum[b] { k } else { b });
        Tone::ALL[best]
    }
}

/// Analyse an article with the shipped entity list.
pub fn analyze(title: &str, text: &str) -> Analysis {
    Analyzer::default().analyze(title, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyses_a_news_item() {
        let a = analyze(
            "Pemkab Bogor Salurkan Bansos untuk Korban Banjir",
            "BOGOR - Pemerintah Kabupaten Bogor menyalurkan bantuan sosial kepada warga terdampak \
             banjir di Kecamatan Cibinong, Kamis (26/11/2026) pukul 11.14 WIB. Bupati Bogor \
             mengatakan bantuan senilai Rp1,2 miliar itu dibagikan bersama BPBD. Warga mengeluhkan \
             penyaluran yang lambat dan tidak merata. Pemprov Jabar menjanjikan tambahan bantuan.",
        );
        let codes: Vec<&str> = a.regions.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes[0], "32.01", "{codes:?}");
        assert!(codes.contains(&"32"));
        assert!(codes.contains(&"32.01.01"), "Cibinong district: {codes:?}");
        let ents: Vec<&str> = a.entities.iter().map(|e| e.id.as_str()).collect();
        assert!(
            ents.contains(&"bpbd") && ents.contains(&"bansos"),
            "{ents:?}"
        );
        assert_eq!(a.keyphrases.len(), 5);
        assert_eq!(a.sentences, 5);
        assert!(a.words > 40);
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["simhash"].as_str().unwrap().len(), 16);
        assert!(json.get("fingerprint").is_none());
    }

    #[test]
    fn empty_article() {
        let a = analyze("", "");
        assert_eq!(a.tokens, 0);
        assert!(a.regions.is_empty() && a.keyphrases.is_empty());
    }
}
