//! `sinergi-newsgen`: deterministic synthetic Indonesian online news.
//!
//! Used by `sinergi serve --demo` (monitoring screens with something to show), by
//! `sinergi bench ingest` (stored HTML at scale) and by tests (ground truth for extraction,
//! regions, tone, near-duplicates and story clustering). Everything is a pure function of
//! [`GenConfig`]: article `i` has its own random stream, so [`Corpus::iter`] streams any
//! number of articles in constant memory and [`Corpus::generate`] gives the same articles.
//!
//! The text is written from the project's own templates (`vocab.rs`) and mentions real
//! Kemendagri regions by name; outlets are invented and live on `.test` hosts.
//!
//! Scenario features: a growing negative issue (tidal flood and a broken sea wall in Kota
//! Semarang: flat for all days but the last, then a spike of mostly negative articles),
//! syndicated copies of a press release ([`ReleaseSpec`]) and background news over
//! [`GenConfig::issues`] stories plus one-off articles in many regions.

mod compose;
mod feeds;
mod html;
mod regions;
mod rng;
mod server;
mod vocab;

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use server::{LiveCorpus, router, serve, serve_live};

const DAY_MS: i64 = 86_400_000;

/// Tone of an article, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Positive,
    Neutral,
    Negative,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Positive => "positive",
            Tone::Neutral => "neutral",
            Tone::Negative => "negative",
        }
    }
}

/// Which scenario part an article belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    /// Ordinary news (a recurring story or a one-off).
    Background,
    /// The growing negative issue.
    Spike,
    /// A republished copy of the press release.
    Release,
}

/// A press release that several outlets republish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseSpec {
    pub title: String,
    /// Body; paragraphs separated by a blank line.
    pub text: String,
}

impl ReleaseSpec {
    /// The demo's release (a provincial food-aid programme in Jawa Tengah).
    pub fn demo() -> Self {
        ReleaseSpec {
            title: "Pemprov Jawa Tengah Salurkan Bantuan Pangan untuk 120 Ribu Keluarga".into(),
            text: "Pemerintah Provinsi Jawa Tengah mulai menyalurkan bantuan pangan berupa beras \
                   dan telur kepada 120.000 keluarga penerima manfaat di 35 kabupaten dan kota. \
                   Penyaluran tahap pertama dilakukan serentak melalui kantor pos dan pemerintah \
                   desa dengan pendampingan petugas dinas sosial.\n\n\
                   Gubernur Jawa Tengah menegaskan bantuan tidak boleh dipotong dengan alasan \
                   apa pun. Warga yang menemukan pungutan diminta melapor melalui kanal LAPOR! \
                   atau layanan pengaduan dinas sosial yang dibuka setiap hari kerja. Data \
                   penerima telah dipadankan dengan data terpadu kesejahteraan sosial agar \
                   bantuan tepat sasaran.\n\n\
                   Program ini merupakan bagian dari upaya pengendalian inflasi daerah dan \
                   perlindungan daya beli masyarakat menjelang akhir tahun. Pemerintah provinsi \
                   juga berkoordinasi dengan Bulog untuk memastikan ketersediaan stok beras di \
                   seluruh gudang. Penyaluran tahap kedua dijadwalkan berlangsung bulan depan \
                   setelah evaluasi tahap pertama selesai dilakukan bersama pemerintah \
                   kabupaten dan kota."
                .into(),
        }
    }
}

/// What to generate. Equal configs give equal corpora.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenConfig {
    pub seed: u64,
    pub articles: usize,
    /// Start of the time window (Unix ms); it lasts `days` days.
    pub start_ms: i64,
    pub days: u32,
    /// Number of outlets, at most 40.
    pub outlets: usize,
    /// Recurring background stories.
    pub issues: usize,
    /// Share of background articles that belong to a recurring story (the rest are one-offs).
    pub story_share: f64,
    /// Tone mix of background news: positive, neutral, negative (need not sum to 1).
    pub tone_mix: [f64; 3],
    /// Generate the growing negative issue.
    pub spike: bool,
    pub release: Option<ReleaseSpec>,
    /// Outlets that republish the release.
    pub release_copies: usize,
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig {
            seed: 42,
            articles: 2_000,
            // 2026-11-12 00:00 UTC: a fixed window keeps the default reproducible.
            start_ms: 1_794_441_600_000,
            days: 15,
            outlets: 40,
            issues: 20,
            story_share: 0.7,
            tone_mix: [0.3, 0.45, 0.25],
            spike: true,
            release: None,
            release_copies: 6,
        }
    }
}

impl GenConfig {
    /// End of the time window (Unix ms, exclusive).
    pub fn end_ms(&self) -> i64 {
        self.start_ms + i64::from(self.days.max(1)) * DAY_MS
    }
}

/// An outlet's name and host.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OutletRef {
    pub name: String,
    pub host: String,
}

/// A generated outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outlet {
    pub name: String,
    pub host: String,
    /// Province code of its region focus (None = national).
    pub province: Option<String>,
    /// HTML template (0..3).
    pub layout: u8,
    pub authors: Vec<String>,
    /// UTC offset hours and zone name ("WIB", "WITA", "WIT").
    pub utc_offset: i32,
    pub zone: String,
}

/// One generated article with its ground truth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenArticle {
    pub id: u64,
    pub outlet: OutletRef,
    /// `https://{host}/{section}/{yyyy}/{mm}/{dd}/{slug}`.
    pub url: String,
    pub section: String,
    pub title: String,
    pub author: String,
    pub published_ms: i64,
    /// District, regency and province codes the text names (most specific first).
    pub region_codes: Vec<String>,
    /// Story label: `{topic}-{regency code}`, `rob-semarang` or `release`.
    pub issue_key: String,
    pub tone: Tone,
    pub kind: ArticleKind,
    /// The full page.
    pub html: String,
    /// Ground-truth body: paragraphs separated by a blank line.
    pub text: String,
}

impl GenArticle {
    /// The URL path without the leading slash: `{section}/{yyyy}/{mm}/{dd}/{slug}`.
    pub fn path(&self) -> &str {
        let prefix_len = "https://".len() + self.outlet.host.len() + 1;
        self.url.get(prefix_len..).unwrap_or("")
    }

    /// The URL under a local server: `{base}/{host}/{path}`.
    pub fn url_at(&self, base_url: &str) -> String {
        format!(
            "{}/{}/{}",
            base_url.trim_end_matches('/'),
            self.outlet.host,
            self.path()
        )
    }
}

/// Iterator over the articles of a config, generated one at a time.
pub struct CorpusIter {
    plan: Arc<compose::Plan>,
    next: usize,
    end: usize,
}

impl Iterator for CorpusIter {
    type Item = GenArticle;

    fn next(&mut self) -> Option<GenArticle> {
        if self.next >= self.end {
            return None;
        }
        let a = self.plan.article(self.next);
        self.next += 1;
        Some(a)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for CorpusIter {}

/// A generated corpus held in memory, with per-outlet indexes for feeds and serving.
#[derive(Debug, Clone)]
pub struct Corpus {
    plan: Arc<compose::Plan>,
    articles: Vec<GenArticle>,
    /// host -> article indices
    by_host: HashMap<String, Vec<usize>>,
    /// "{host}/{path}" -> article index
    by_path: HashMap<String, usize>,
    /// Index of the next article `publish` makes.
    next_index: usize,
}

impl Corpus {
    /// All articles of `cfg` in memory (use [`Corpus::iter`] for large counts).
    pub fn generate(cfg: &GenConfig) -> Corpus {
        let plan = Arc::new(compose::Plan::new(cfg));
        let mut c = Corpus {
            plan: Arc::clone(&plan),
            articles: Vec::with_capacity(cfg.articles),
            by_host: HashMap::new(),
            by_path: HashMap::new(),
            next_index: cfg.articles,
        };
        for i in 0..cfg.articles {
            c.push(plan.article(i));
        }
        c
    }

    /// The articles of `cfg`, one at a time, in constant memory.
    pub fn iter(cfg: &GenConfig) -> CorpusIter {
        CorpusIter {
            plan: Arc::new(compose::Plan::new(cfg)),
            next: 0,
            end: cfg.articles,
        }
    }

    /// Articles `range` of `cfg` (the same as those positions of [`Corpus::iter`]): lets a
    /// caller split generation over threads.
    pub fn iter_range(cfg: &GenConfig, range: std::ops::Range<usize>) -> CorpusIter {
        CorpusIter {
            plan: Arc::new(compose::Plan::new(cfg)),
            next: range.start.min(cfg.articles),
            end: range.end.min(cfg.articles),
        }
    }

    pub fn config(&self) -> &GenConfig {
        &self.plan.cfg
    }

    pub fn articles(&self) -> &[GenArticle] {
        &self.articles
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn outlets(&self) -> &[Outlet] {
        &self.plan.outlets
    }

    /// Adds an article (it shows in feeds and is served at once).
    pub fn push(&mut self, a: GenArticle) {
        let i = self.articles.len();
        self.by_host
            .entry(a.outlet.host.clone())
            .or_default()
            .push(i);
        self.by_path
            .insert(format!("{}/{}", a.outlet.host, a.path()), i);
        self.articles.push(a);
    }

    /// Makes and adds a new background article published at `published_ms` (deterministic
    /// in the config and the number of articles published so far); returns a copy.
    pub fn publish(&mut self, published_ms: i64) -> GenArticle {
        let a = self.plan.live_article(self.next_index, published_ms);
        self.next_index += 1;
        self.push(a.clone());
        a
    }

    /// The article served at `{host}/{path}`.
    pub fn article_at(&self, host: &str, path: &str) -> Option<&GenArticle> {
        let key = format!("{host}/{}", path.trim_start_matches('/'));
        self.by_path.get(&key).map(|&i| &self.articles[i])
    }

    /// Latest `n` articles of an outlet, newest first.
    pub fn latest(&self, host: &str, n: usize) -> Vec<&GenArticle> {
        let mut v: Vec<&GenArticle> = self
            .by_host
            .get(host)
            .map(|ix| ix.iter().map(|&i| &self.articles[i]).collect())
            .unwrap_or_default();
        v.sort_by(|a, b| b.published_ms.cmp(&a.published_ms).then(b.id.cmp(&a.id)));
        v.truncate(n);
        v
    }

    pub fn outlet(&self, host: &str) -> Option<&Outlet> {
        self.plan.outlets.iter().find(|o| o.host == host)
    }

    /// RSS 2.0 of an outlet's latest 50 items, links on the outlet's own host.
    pub fn rss(&self, host: &str) -> String {
        self.rss_for(host, "")
    }

    /// RSS 2.0 with item links under `base_url` (`{base}/{host}/{path}`); an empty base
    /// keeps the outlet's canonical `https://{host}/...` links.
    pub fn rss_for(&self, host: &str, base_url: &str) -> String {
        feeds::rss(self, host, base_url)
    }

    /// Google News sitemap of the outlet's latest items (canonical links).
    pub fn sitemap(&self, host: &str) -> String {
        self.sitemap_for(host, "")
    }

    pub fn sitemap_for(&self, host: &str, base_url: &str) -> String {
        feeds::sitemap(self, host, base_url)
    }

    /// The outlet's front/section page listing links to its latest articles.
    pub fn index_page(&self, host: &str, base_url: &str) -> String {
        feeds::index_page(self, host, base_url)
    }
}
