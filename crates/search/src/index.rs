//! The embedded tantivy index.
//!
//! Text fields (title, text) go through the Indonesian analyzer with positions, so phrases
//! work; filters (source keys, region codes with ancestors, tone, issue, orgs, date) are raw
//! indexed terms wrapped in constant-score queries so they never change the ranking. Sort keys,
//! ids and facet fields are fast fields: sorting, facets, uncapped id export and daily counts
//! never load stored documents. Only the page of hits being shown loads title and text, for
//! highlighting.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use std::path::Path;
use std::sync::Mutex;

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery,
    Query as TvQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field as TvField, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Score, SegmentReader,
    TantivyDocument, Term,
};

use crate::ArticleDoc;
use crate::analyzer::{IndonesianTokenizer, TOKENIZER_NAME};
use crate::highlight::{highlight_all, snippet};
use crate::query::{
    Lowered, Query, QueryError, TextScope, canonical_tone, lower, region_with_ancestors,
    source_keys,
};

const DAY_MS: i64 = 86_400_000;
const FACET_TOP: usize = 20;
const SNIPPET_BYTES: usize = 240;
const TITLE_BOOST: Score = 2.0;

/// Errors of the index. Query errors carry the officer-facing message.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query could not be parsed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// Tantivy failed (I/O, corrupt index, ...).
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index directory could not be prepared.
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
    /// An existing index on disk has another layout.
    #[error("search index at this path has an incompatible schema (missing field {0})")]
    Schema(String),
    /// Another thread panicked while holding the writer.
    #[error("search index writer lock poisoned")]
    Poisoned,
}

type Result<T> = std::result::Result<T, SearchError>;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (BM25, title counts double). A query without words (filters only)
    /// is sorted newest first instead.
    #[default]
    Relevance,
    /// Latest publication first.
    Newest,
    /// Earliest publication first.
    Oldest,
}

/// Who is looking.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Visibility {
    /// The centre: everything.
    #[default]
    All,
    /// A unit: articles about any of `regions` (a province code also covers its regencies) or
    /// from a source owned by any of `org_ids`. Both empty: nothing.
    Scoped {
        /// Region codes.
        regions: Vec<String>,
        /// Organisation ids.
        org_ids: Vec<i64>,
    },
}

/// One search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// What to look for ([`Query::All`] lists everything visible, newest first).
    pub query: Query,
    /// Whose view.
    pub visibility: Visibility,
    /// Published at or after (UTC millis).
    pub from_ms: Option<i64>,
    /// Published before (UTC millis).
    pub to_ms: Option<i64>,
    /// Order.
    pub sort: Sort,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
    /// Count sources, regions, tones and issues over all matches.
    pub facets: bool,
    /// Mark matched words in the title and snippet.
    pub highlight: bool,
}

impl SearchRequest {
    /// First page of 20, relevance, facets and highlights on, visible to all.
    pub fn new(query: Query) -> Self {
        Self {
            query,
            visibility: Visibility::All,
            from_ms: None,
            to_ms: None,
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            facets: true,
            highlight: true,
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Article id.
    pub id: i64,
    /// BM25 score (0 when sorted by date).
    pub score: f32,
    /// Escaped title with `<mark>` around matches.
    pub title_html: String,
    /// Escaped text excerpt with `<mark>` around matches.
    pub snippet_html: String,
}

/// Counts over all matches, each sorted by count (desc) and cut to the top 20.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// Source display names.
    pub sources: Vec<(String, u64)>,
    /// Region codes, ancestors included (a count is what filtering by that code would give).
    pub regions: Vec<(String, u64)>,
    /// Tones.
    pub tones: Vec<(String, u64)>,
    /// Issue ids.
    pub issues: Vec<(i64, u64)>,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// All matches (not only this page).
    pub total: usize,
    /// This page.
    pub hits: Vec<Hit>,
    /// Facet counts (empty unless asked for).
    pub facets: Facets,
}

#[derive(Clone, Copy)]
struct Fields {
    id: TvField,
    title: TvField,
    text: TvField,
    source_key: TvField,
    facet_key: TvField,
    source_id: TvField,
    region: TvField,
    tone: TvField,
    published: TvField,
    issue: TvField,
    org: TvField,
}

const F_ID: &str = "id";
const F_PUBLISHED: &str = "published";
const F_FACET_KEY: &str = "facet_key";
const F_REGION: &str = "region";
const F_TONE: &str = "tone";
const F_ISSUE: &str = "issue";

fn schema() -> Schema {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    b.add_i64_field(F_ID, INDEXED | FAST | STORED);
    b.add_text_field("title", text.clone());
    b.add_text_field("text", text);
    b.add_text_field("source_key", STRING);
    // One single-valued column for source, tone and all region codes of a document, so a
    // facet pass does one column read per match instead of a multi-valued lookup per field.
    b.add_text_field(F_FACET_KEY, FAST);
    b.add_i64_field("source_id", INDEXED | FAST);
    b.add_text_field(F_REGION, STRING);
    b.add_text_field(F_TONE, STRING | FAST);
    b.add_i64_field(F_PUBLISHED, INDEXED | FAST);
    b.add_i64_field(F_ISSUE, INDEXED | FAST);
    b.add_i64_field("org", INDEXED);
    b.build()
}

fn fields(schema: &Schema) -> Result<Fields> {
    let f = |n: &str| {
        schema
            .get_field(n)
            .map_err(|_| SearchError::Schema(n.to_string()))
    };
    Ok(Fields {
        id: f(F_ID)?,
        title: f("title")?,
        text: f("text")?,
        source_key: f("source_key")?,
        facet_key: f(F_FACET_KEY)?,
        source_id: f("source_id")?,
        region: f(F_REGION)?,
        tone: f(F_TONE)?,
        published: f(F_PUBLISHED)?,
        issue: f(F_ISSUE)?,
        org: f("org")?,
    })
}

/// Writer settings.
#[derive(Debug, Clone, Copy)]
pub struct WriterOptions {
    /// Indexing threads.
    pub threads: usize,
    /// Total writer memory before a segment is flushed.
    pub heap_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        Self {
            threads,
            heap_bytes: 64 * 1024 * 1024 * threads,
        }
    }
}

/// A full-text index of articles. `Send + Sync`: share it behind an `Arc`; searches run in
/// parallel, writes are serialised on an inner mutex.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter<TantivyDocument>>,
    f: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("num_docs", &self.num_docs())
            .finish()
    }
}

impl SearchIndex {
    /// Open the index in `dir`, creating it (and the directory) if missing.
    pub fn open(dir: &Path) -> Result<Self> {
        Self::open_with(dir, WriterOptions::default())
    }

    /// [`SearchIndex::open`] with explicit writer settings.
    pub fn open_with(dir: &Path, opts: WriterOptions) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let index = if dir.join("meta.json").exists() {
            Index::open_in_dir(dir)?
        } else {
            Index::create_in_dir(dir, schema())?
        };
        Self::from_index(index, opts)
    }

    /// A throw-away index in memory (tests, small tools).
    pub fn in_memory() -> Result<Self> {
        Self::from_index(
            Index::create_in_ram(schema()),
            WriterOptions {
                threads: 1,
                heap_bytes: 32 * 1024 * 1024,
            },
        )
    }

    fn from_index(index: Index, opts: WriterOptions) -> Result<Self> {
        index
            .tokenizers()
            .register(TOKENIZER_NAME, IndonesianTokenizer::default());
        let f = fields(&index.schema())?;
        let threads = opts.threads.max(1);
        // tantivy wants at least 15 MB per thread.
        let heap = opts.heap_bytes.max(threads * 20 * 1024 * 1024);
        let writer = index.writer_with_num_threads(threads, heap)?;
        // Manual: a search right after `commit` must see the commit, so commit reloads.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            reader,
            writer: Mutex::new(writer),
            f,
        })
    }

    fn to_document(&self, d: &ArticleDoc) -> TantivyDocument {
        let f = &self.f;
        let mut doc = TantivyDocument::default();
        doc.add_i64(f.id, d.id);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.text, &d.text);
        for k in source_keys(&d.source) {
            doc.add_text(f.source_key, &k);
        }
        doc.add_i64(f.source_id, d.source_id);
        let mut regions: Vec<String> = d
            .regions
            .iter()
            .flat_map(|r| region_with_ancestors(r))
            .collect();
        regions.sort();
        regions.dedup();
        for r in &regions {
            doc.add_text(f.region, r);
        }
        let tone = canonical_tone(&d.tone).unwrap_or("neutral");
        doc.add_text(f.tone, tone);
        doc.add_text(f.facet_key, facet_key(&d.source, tone, &regions));
        doc.add_i64(f.published, d.published_ms);
        if let Some(i) = d.issue_id {
            doc.add_i64(f.issue, i);
        }
        for o in &d.org_ids {
            doc.add_i64(f.org, *o);
        }
        doc
    }

    /// Add or replace articles (by id). Visible to searches after [`SearchIndex::commit`].
    pub fn upsert(&self, docs: &[ArticleDoc]) -> Result<()> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        for d in docs {
            writer.delete_term(Term::from_field_i64(self.f.id, d.id));
            writer.add_document(self.to_document(d))?;
        }
        Ok(())
    }

    /// Add articles known not to be in the index yet (freshly stored ones). Skips the delete
    /// that [`SearchIndex::upsert`] queues per document, which every commit must apply to every
    /// segment: with many segments that cost grows with the index.
    pub fn add_new(&self, docs: &[ArticleDoc]) -> Result<()> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        for d in docs {
            writer.add_document(self.to_document(d))?;
        }
        Ok(())
    }

    /// Of `ids`, those no committed document carries (an article stored by another instance
    /// that this index has not seen yet). Deleted documents may still count as present until
    /// their segment is merged, so this is for catching up, not for deciding deletions.
    pub fn missing_ids(&self, ids: &[i64]) -> Result<Vec<i64>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for &id in ids {
            if searcher.doc_freq(&Term::from_field_i64(self.f.id, id))? == 0 {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// Remove an article. Takes effect at the next commit.
    pub fn delete(&self, id: i64) -> Result<()> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(Term::from_field_i64(self.f.id, id));
        Ok(())
    }

    /// Make pending changes durable and visible to searches.
    pub fn commit(&self) -> Result<()> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Merge all segments into one (slow on a big index; for bulk loads and benchmarks).
    pub fn optimize(&self) -> Result<()> {
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > 1 {
            let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
            writer.merge(&ids).wait()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Number of searchable segments (for diagnostics).
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Committed articles.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    // -----------------------------------------------------------------------------------------
    // Query building

    fn text_query(&self, field: TvField, terms: &[(usize, String)]) -> Box<dyn TvQuery> {
        if let [(_, t)] = terms {
            Box::new(TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            ))
        } else {
            let terms = terms
                .iter()
                .map(|(p, t)| (*p, Term::from_field_text(field, t)))
                .collect();
            Box::new(PhraseQuery::new_with_offset(terms))
        }
    }

    fn filter(q: Box<dyn TvQuery>) -> Box<dyn TvQuery> {
        Box::new(ConstScoreQuery::new(q, 0.0))
    }

    fn raw_term(field: TvField, v: &str) -> Box<dyn TvQuery> {
        Self::filter(Box::new(TermQuery::new(
            Term::from_field_text(field, v),
            IndexRecordOption::Basic,
        )))
    }

    fn i64_term(field: TvField, v: i64) -> Box<dyn TvQuery> {
        Self::filter(Box::new(TermQuery::new(
            Term::from_field_i64(field, v),
            IndexRecordOption::Basic,
        )))
    }

    fn date_range(&self, from_ms: Option<i64>, to_ms: Option<i64>) -> Box<dyn TvQuery> {
        let p = self.f.published;
        let lo = from_ms.map_or(Bound::Unbounded, |v| {
            Bound::Included(Term::from_field_i64(p, v))
        });
        let hi = to_ms.map_or(Bound::Unbounded, |v| {
            Bound::Excluded(Term::from_field_i64(p, v))
        });
        Self::filter(Box::new(RangeQuery::new(lo, hi)))
    }

    fn not(inner: Box<dyn TvQuery>) -> Box<dyn TvQuery> {
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, Self::filter(Box::new(AllQuery))),
            (Occur::MustNot, inner),
        ]))
    }

    fn translate(&self, l: &Lowered) -> Box<dyn TvQuery> {
        let f = &self.f;
        match l {
            Lowered::Text { scope, terms } => {
                let title: Box<dyn TvQuery> = Box::new(BoostQuery::new(
                    self.text_query(f.title, terms),
                    TITLE_BOOST,
                ));
                if *scope == TextScope::TitleOnly {
                    title
                } else {
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Should, title),
                        (Occur::Should, self.text_query(f.text, terms)),
                    ]))
                }
            }
            Lowered::Source(k) => Self::raw_term(f.source_key, k),
            Lowered::Region(r) => Self::raw_term(f.region, r),
            Lowered::Tone(t) => Self::raw_term(f.tone, t),
            Lowered::Issue(i) => Self::i64_term(f.issue, *i),
            Lowered::Date { from_ms, to_ms } => self.date_range(*from_ms, *to_ms),
            Lowered::Nothing => Box::new(EmptyQuery),
            Lowered::And(v) => {
                let mut clauses = Vec::with_capacity(v.len() + 1);
                for c in v {
                    match c {
                        Lowered::Not(inner) => {
                            clauses.push((Occur::MustNot, self.translate(inner)))
                        }
                        _ => clauses.push((Occur::Must, self.translate(c))),
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Self::filter(Box::new(AllQuery))));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Lowered::Or(v) => Box::new(BooleanQuery::new(
                v.iter()
                    .map(|c| (Occur::Should, self.translate(c)))
                    .collect(),
            )),
            Lowered::Not(inner) => Self::not(self.translate(inner)),
        }
    }

    fn visibility_query(&self, v: &Visibility) -> Option<Box<dyn TvQuery>> {
        match v {
            Visibility::All => None,
            Visibility::Scoped { regions, org_ids } => {
                let mut should: Vec<(Occur, Box<dyn TvQuery>)> = regions
                    .iter()
                    .map(|r| {
                        (
                            Occur::Should,
                            Self::raw_term(self.f.region, &r.trim().to_lowercase()),
                        )
                    })
                    .collect();
                should.extend(
                    org_ids
                        .iter()
                        .map(|o| (Occur::Should, Self::i64_term(self.f.org, *o))),
                );
                if should.is_empty() {
                    return Some(Box::new(EmptyQuery));
                }
                Some(Self::filter(Box::new(BooleanQuery::new(should))))
            }
        }
    }

    /// The full tantivy query and whether it has words to rank by.
    fn build(
        &self,
        q: &Query,
        vis: &Visibility,
        from_ms: Option<i64>,
        to_ms: Option<i64>,
    ) -> (Box<dyn TvQuery>, Option<Lowered>) {
        let lowered = lower(q);
        let mut clauses: Vec<(Occur, Box<dyn TvQuery>)> = Vec::new();
        if let Some(l) = &lowered {
            match l {
                Lowered::Not(inner) => clauses.push((Occur::MustNot, self.translate(inner))),
                _ => clauses.push((Occur::Must, self.translate(l))),
            }
        }
        if let Some(v) = self.visibility_query(vis) {
            clauses.push((Occur::Must, v));
        }
        if from_ms.is_some() || to_ms.is_some() {
            clauses.push((Occur::Must, self.date_range(from_ms, to_ms)));
        }
        if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
            clauses.push((Occur::Must, Self::filter(Box::new(AllQuery))));
        }
        (Box::new(BooleanQuery::new(clauses)), lowered)
    }

    // -----------------------------------------------------------------------------------------
    // Searching

    /// One page of results, with total, facets and highlights as asked.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let (query, lowered) = self.build(&req.query, &req.visibility, req.from_ms, req.to_ms);
        let ranked = lowered.as_ref().is_some_and(has_text);
        let sort = match req.sort {
            Sort::Relevance if !ranked => Sort::Newest,
            s => s,
        };
        let facets_c = req.facets.then_some(FacetCollector);
        let (total, page, facets): (usize, Vec<(f32, DocAddress)>, Option<Facets>) =
            if req.limit == 0 {
                let (n, fc) = searcher.search(&query, &(Count, facets_c))?;
                (n, Vec::new(), fc)
            } else {
                let top = TopDocs::with_limit(req.limit).and_offset(req.offset);
                match sort {
                    Sort::Relevance => {
                        let (n, docs, fc) =
                            searcher.search(&query, &(Count, top.order_by_score(), facets_c))?;
                        (n, docs, fc)
                    }
                    Sort::Newest | Sort::Oldest => {
                        let order = if sort == Sort::Newest {
                            Order::Desc
                        } else {
                            Order::Asc
                        };
                        let (n, docs, fc) = searcher.search(
                            &query,
                            &(
                                Count,
                                top.order_by_fast_field::<i64>(F_PUBLISHED, order),
                                facets_c,
                            ),
                        )?;
                        (n, docs.into_iter().map(|(_, a)| (0.0, a)).collect(), fc)
                    }
                }
            };

        let (mut all_terms, mut title_terms) = (Vec::new(), Vec::new());
        if req.highlight
            && let Some(l) = &lowered
        {
            l.highlight_terms(&mut all_terms, &mut title_terms);
        }
        let text_set: HashSet<&str> = all_terms.iter().map(String::as_str).collect();
        let title_set: HashSet<&str> = all_terms
            .iter()
            .chain(&title_terms)
            .map(String::as_str)
            .collect();
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = doc
                .get_first(self.f.id)
                .and_then(|v| v.as_i64())
                .unwrap_or_default();
            let title = doc
                .get_first(self.f.title)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let text = doc
                .get_first(self.f.text)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            hits.push(Hit {
                id,
                score,
                title_html: highlight_all(title, &title_set),
                snippet_html: snippet(text, &text_set, SNIPPET_BYTES),
            });
        }
        Ok(SearchResults {
            total,
            hits,
            facets: facets.unwrap_or_default(),
        })
    }

    /// Every matching id in the request's order, with no cap (offset/limit, facets and
    /// highlight are ignored). Reads fast fields only.
    pub fn search_ids(&self, req: &SearchRequest) -> Result<Vec<i64>> {
        let searcher = self.reader.searcher();
        let (query, lowered) = self.build(&req.query, &req.visibility, req.from_ms, req.to_ms);
        let ranked = lowered.as_ref().is_some_and(has_text);
        let sort = match req.sort {
            Sort::Relevance if !ranked => Sort::Newest,
            s => s,
        };
        let mut rows = searcher.search(
            &query,
            &IdsCollector {
                scored: sort == Sort::Relevance,
            },
        )?;
        match sort {
            Sort::Relevance => rows.sort_unstable_by(|a, b| {
                b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2))
            }),
            Sort::Newest => rows.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2))),
            Sort::Oldest => rows.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2))),
        }
        Ok(rows.into_iter().map(|r| r.2).collect())
    }

    /// How many articles match (for spike alerts).
    pub fn count(
        &self,
        q: &Query,
        vis: &Visibility,
        from_ms: Option<i64>,
        to_ms: Option<i64>,
    ) -> Result<usize> {
        let (query, _) = self.build(q, vis, from_ms, to_ms);
        Ok(self.reader.searcher().search(&query, &Count)?)
    }

    /// Matches per local day: `(day start in UTC millis, total, negative)`, ascending. Days
    /// are cut at midnight `tz_offset_secs` east of UTC; with both bounds given, empty days
    /// in between are listed with zero counts.
    pub fn daily_counts(
        &self,
        q: &Query,
        vis: &Visibility,
        from_ms: Option<i64>,
        to_ms: Option<i64>,
        tz_offset_secs: i32,
    ) -> Result<Vec<(i64, u64, u64)>> {
        let (query, _) = self.build(q, vis, from_ms, to_ms);
        let tz_ms = i64::from(tz_offset_secs) * 1000;
        let mut days = self
            .reader
            .searcher()
            .search(&query, &DailyCollector { tz_ms })?;
        if let (Some(f), Some(t)) = (from_ms, to_ms)
            && t > f
            && (t - f) / DAY_MS <= 3660
        {
            let mut d = (f + tz_ms).div_euclid(DAY_MS);
            let last = (t - 1 + tz_ms).div_euclid(DAY_MS);
            while d <= last {
                days.entry(d).or_insert((0, 0));
                d += 1;
            }
        }
        Ok(days
            .into_iter()
            .map(|(d, (n, neg))| (d * DAY_MS - tz_ms, n, neg))
            .collect())
    }
}

fn has_text(l: &Lowered) -> bool {
    match l {
        Lowered::Text { .. } => true,
        Lowered::And(v) | Lowered::Or(v) => v.iter().any(has_text),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Collectors over fast fields

fn str_col(seg: &SegmentReader, name: &str) -> tantivy::Result<Option<StrColumn>> {
    seg.fast_fields().str(name)
}

fn i64_col(seg: &SegmentReader, name: &str) -> tantivy::Result<Option<Column<i64>>> {
    seg.fast_fields().column_opt::<i64>(name)
}

const KEY_SEP: char = '\u{1f}';

/// "tone<US>code,code<US>source": codes cannot hold ',' or the separator, the source comes last
/// so it may hold anything.
fn facet_key(source: &str, tone: &str, regions: &[String]) -> String {
    let codes: Vec<String> = regions
        .iter()
        .map(|r| r.replace([',', KEY_SEP], ""))
        .collect();
    format!("{tone}{KEY_SEP}{}{KEY_SEP}{source}", codes.join(","))
}

struct FacetCollector;

/// Dense counts for issue ids when their range in a segment is small, a map otherwise.
enum IssueCounts {
    Dense { min: i64, counts: Vec<u32> },
    Sparse(HashMap<i64, u64>),
}

const DENSE_ISSUE_RANGE: i64 = 1 << 16;

struct FacetSegment {
    key: Option<StrColumn>,
    key_counts: Vec<u32>,
    issue: Option<Column<i64>>,
    issues: IssueCounts,
}

#[derive(Default)]
struct FacetFruit {
    sources: HashMap<String, u64>,
    regions: HashMap<String, u64>,
    tones: HashMap<String, u64>,
    issues: HashMap<i64, u64>,
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(&self, _ord: u32, seg: &SegmentReader) -> tantivy::Result<FacetSegment> {
        let key = str_col(seg, F_FACET_KEY)?;
        let n = key.as_ref().map_or(0, |c| c.num_terms());
        let issue = i64_col(seg, F_ISSUE)?;
        let issues = match &issue {
            Some(c) if c.max_value().saturating_sub(c.min_value()) < DENSE_ISSUE_RANGE => {
                IssueCounts::Dense {
                    min: c.min_value(),
                    counts: vec![0; (c.max_value() - c.min_value() + 1) as usize],
                }
            }
            _ => IssueCounts::Sparse(HashMap::new()),
        };
        Ok(FacetSegment {
            key,
            key_counts: vec![0; n],
            issue,
            issues,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<Facets> {
        let mut all = FacetFruit::default();
        for f in fruits {
            merge_into(&mut all.sources, f.sources);
            merge_into(&mut all.regions, f.regions);
            merge_into(&mut all.tones, f.tones);
            merge_into(&mut all.issues, f.issues);
        }
        Ok(Facets {
            sources: top(all.sources),
            regions: top(all.regions),
            tones: top(all.tones),
            issues: top(all.issues),
        })
    }
}

fn merge_into<K: std::hash::Hash + Eq>(dst: &mut HashMap<K, u64>, src: HashMap<K, u64>) {
    for (k, n) in src {
        *dst.entry(k).or_default() += n;
    }
}

fn top<K: Ord>(m: HashMap<K, u64>) -> Vec<(K, u64)> {
    let mut v: Vec<(K, u64)> = m.into_iter().collect();
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(FACET_TOP);
    v
}

impl SegmentCollector for FacetSegment {
    type Fruit = FacetFruit;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(c) = &self.key
            && let Some(o) = c.ords().first(doc)
            && let Some(n) = self.key_counts.get_mut(o as usize)
        {
            *n += 1;
        }
        if let Some(c) = &self.issue
            && let Some(i) = c.first(doc)
        {
            match &mut self.issues {
                IssueCounts::Dense { min, counts } => {
                    if let Some(n) = counts.get_mut((i - *min) as usize) {
                        *n += 1;
                    }
                }
                IssueCounts::Sparse(m) => *m.entry(i).or_default() += 1,
            }
        }
    }

    fn harvest(self) -> FacetFruit {
        let mut out = FacetFruit::default();
        if let Some(col) = &self.key
            && let Ok(mut stream) = col.dictionary().stream()
        {
            // Walk the dictionary once in order instead of one lookup per ordinal.
            while stream.advance() {
                let n = self
                    .key_counts
                    .get(stream.term_ord() as usize)
                    .copied()
                    .unwrap_or(0);
                if n == 0 {
                    continue;
                }
                let n = u64::from(n);
                let key = String::from_utf8_lossy(stream.key());
                let mut parts = key.splitn(3, KEY_SEP);
                let (tone, codes, source) = (
                    parts.next().unwrap_or_default(),
                    parts.next().unwrap_or_default(),
                    parts.next().unwrap_or_default(),
                );
                *out.tones.entry(tone.to_string()).or_default() += n;
                *out.sources.entry(source.to_string()).or_default() += n;
                for c in codes.split(',').filter(|c| !c.is_empty()) {
                    *out.regions.entry(c.to_string()).or_default() += n;
                }
            }
        }
        out.issues = match self.issues {
            IssueCounts::Dense { min, counts } => counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| (min + i as i64, u64::from(n)))
                .collect(),
            IssueCounts::Sparse(m) => m,
        };
        out
    }
}

/// (score, published, id) of every match.
struct IdsCollector {
    scored: bool,
}

struct IdsSegment {
    id: Option<Column<i64>>,
    published: Option<Column<i64>>,
    rows: Vec<(f32, i64, i64)>,
}

impl Collector for IdsCollector {
    type Fruit = Vec<(f32, i64, i64)>;
    type Child = IdsSegment;

    fn for_segment(&self, _ord: u32, seg: &SegmentReader) -> tantivy::Result<IdsSegment> {
        Ok(IdsSegment {
            id: i64_col(seg, F_ID)?,
            published: i64_col(seg, F_PUBLISHED)?,
            rows: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(f32, i64, i64)>>) -> tantivy::Result<Self::Fruit> {
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        fruits.into_iter().for_each(|f| all.extend(f));
        Ok(all)
    }
}

impl SegmentCollector for IdsSegment {
    type Fruit = Vec<(f32, i64, i64)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let id = self.id.as_ref().and_then(|c| c.first(doc));
        let published = self.published.as_ref().and_then(|c| c.first(doc));
        if let Some(id) = id {
            self.rows.push((score, published.unwrap_or_default(), id));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.rows
    }
}

/// day number -> (total, negative).
struct DailyCollector {
    tz_ms: i64,
}

struct DailySegment {
    tz_ms: i64,
    published: Option<Column<i64>>,
    tone: Option<StrColumn>,
    negative_ord: Option<u64>,
    days: BTreeMap<i64, (u64, u64)>,
}

impl Collector for DailyCollector {
    type Fruit = BTreeMap<i64, (u64, u64)>;
    type Child = DailySegment;

    fn for_segment(&self, _ord: u32, seg: &SegmentReader) -> tantivy::Result<DailySegment> {
        let tone = str_col(seg, F_TONE)?;
        let negative_ord = match &tone {
            Some(c) => c.dictionary().term_ord("negative")?,
            None => None,
        };
        Ok(DailySegment {
            tz_ms: self.tz_ms,
            published: i64_col(seg, F_PUBLISHED)?,
            tone,
            negative_ord,
            days: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all = BTreeMap::new();
        for f in fruits {
            for (d, (n, neg)) in f {
                let e: &mut (u64, u64) = all.entry(d).or_default();
                e.0 += n;
                e.1 += neg;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for DailySegment {
    type Fruit = BTreeMap<i64, (u64, u64)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(p) = self.published.as_ref().and_then(|c| c.first(doc)) else {
            return;
        };
        let day = (p + self.tz_ms).div_euclid(DAY_MS);
        let neg = match (&self.tone, self.negative_ord) {
            (Some(c), Some(n)) => c.term_ords(doc).any(|o| o == n),
            _ => false,
        };
        let e = self.days.entry(day).or_default();
        e.0 += 1;
        e.1 += u64::from(neg);
    }

    fn harvest(self) -> Self::Fruit {
        self.days
    }
}
