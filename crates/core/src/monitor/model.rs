//! Monitoring types.

use serde::{Deserialize, Serialize};

use crate::time::Millis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// RSS, Atom or JSON Feed.
    Feed,
    /// A (Google News) sitemap.
    Sitemap,
    /// A section or front page whose article links are discovered.
    Section,
}

pub const ALL_SOURCE_KINDS: [SourceKind; 3] =
    [SourceKind::Feed, SourceKind::Sitemap, SourceKind::Section];

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Sitemap => "sitemap",
            SourceKind::Section => "section",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        ALL_SOURCE_KINDS
            .into_iter()
            .find(|k| k.as_str() == s.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Feed => "Feed RSS/Atom",
            SourceKind::Sitemap => "Sitemap berita",
            SourceKind::Section => "Halaman rubrik",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceState {
    Active,
    Paused,
}

impl SourceState {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceState::Active => "active",
            SourceState::Paused => "paused",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(SourceState::Active),
            "paused" => Some(SourceState::Paused),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SourceState::Active => "Aktif",
            SourceState::Paused => "Dijeda",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: i64,
    pub org_id: i64,
    pub org_code: String,
    pub name: String,
    pub kind: SourceKind,
    pub url: String,
    pub outlet: String,
    pub region_code: Option<String>,
    pub language: String,
    pub interval_secs: i64,
    pub state: SourceState,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_poll_at: Millis,
    pub last_polled_at: Option<Millis>,
    pub last_ok_at: Option<Millis>,
    pub last_error: Option<String>,
    pub consecutive_failures: i64,
    pub articles_total: i64,
    /// `ok`, `failing` or `quiet` (produced far below its usual volume).
    pub health: String,
    pub created_by: String,
    pub created_at: Millis,
}

impl Source {
    pub fn health_label(&self) -> &'static str {
        match self.health.as_str() {
            "failing" => "Gagal diambil",
            "quiet" => "Jauh di bawah biasanya",
            _ => "Sehat",
        }
    }
}

/// What a user fills in to add or change a source.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SourceInput {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub outlet: String,
    pub region_code: String,
    pub interval_minutes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleTone {
    Positive,
    Neutral,
    Negative,
}

impl ArticleTone {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleTone::Positive => "positive",
            ArticleTone::Neutral => "neutral",
            ArticleTone::Negative => "negative",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "positive" | "positif" => Some(ArticleTone::Positive),
            "neutral" | "netral" => Some(ArticleTone::Neutral),
            "negative" | "negatif" => Some(ArticleTone::Negative),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ArticleTone::Positive => "Positif",
            ArticleTone::Neutral => "Netral",
            ArticleTone::Negative => "Negatif",
        }
    }
}

/// An analysed article as the pipeline stores it.
#[derive(Debug, Clone, Serialize)]
pub struct NewArticle {
    pub canonical_url: String,
    pub url: String,
    pub source_id: Option<i64>,
    pub outlet: String,
    pub title: String,
    pub author: Option<String>,
    pub published_at: Millis,
    pub fetched_at: Millis,
    pub language: String,
    pub body: String,
    pub word_count: i64,
    pub tone: ArticleTone,
    pub tone_score: f64,
    pub region_codes: Vec<String>,
    pub entities: Vec<String>,
    pub keyphrases: Vec<String>,
    pub simhash: i64,
    pub story_id: Option<i64>,
    pub issue_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: i64,
    pub canonical_url: String,
    pub url: String,
    pub source_id: Option<i64>,
    /// The organisation that owns the source (articles from its own sources are visible to it).
    pub source_org_id: Option<i64>,
    pub outlet: String,
    pub title: String,
    pub author: Option<String>,
    pub published_at: Millis,
    pub fetched_at: Millis,
    pub language: String,
    pub body: String,
    pub word_count: i64,
    pub tone: ArticleTone,
    pub tone_score: f64,
    pub region_codes: Vec<String>,
    pub entities: Vec<String>,
    pub keyphrases: Vec<String>,
    pub simhash: i64,
    pub story_id: Option<i64>,
    pub issue_id: Option<i64>,
    pub issue_label: Option<String>,
}

impl Article {
    /// The stored form of an article just inserted with `id` (saves reading it back).
    pub fn from_new(a: &NewArticle, id: i64, source_org_id: Option<i64>) -> Self {
        Self {
            id,
            canonical_url: a.canonical_url.clone(),
            url: a.url.clone(),
            source_id: a.source_id,
            source_org_id,
            outlet: a.outlet.clone(),
            title: a.title.clone(),
            author: a.author.clone(),
            published_at: a.published_at,
            fetched_at: a.fetched_at,
            language: a.language.clone(),
            body: a.body.clone(),
            word_count: a.word_count,
            tone: a.tone,
            tone_score: a.tone_score,
            region_codes: a.region_codes.clone(),
            entities: a.entities.clone(),
            keyphrases: a.keyphrases.clone(),
            simhash: a.simhash,
            story_id: a.story_id,
            issue_id: a.issue_id,
            issue_label: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub id: i64,
    pub label: String,
    pub first_seen: Millis,
    pub last_seen: Millis,
    pub article_count: i64,
    pub negative_count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SavedSearch {
    pub id: i64,
    pub org_id: i64,
    pub user_id: i64,
    pub name: String,
    pub query: String,
    pub notify: bool,
    pub created_at: Millis,
    pub last_match_at: Option<Millis>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    pub id: i64,
    pub org_id: i64,
    pub kind: String,
    pub subject: String,
    pub subject_label: String,
    pub window_count: i64,
    pub baseline_mean: f64,
    pub baseline_sd: f64,
    pub negative_count: i64,
    pub message: String,
    pub notified: String,
    pub created_at: Millis,
}

#[derive(Debug, Clone)]
pub struct NewAlert {
    pub org_id: i64,
    pub kind: String,
    pub subject: String,
    pub subject_label: String,
    pub window_count: i64,
    pub baseline_mean: f64,
    pub baseline_sd: f64,
    pub negative_count: i64,
    pub message: String,
    pub created_at: Millis,
    pub dedupe_key: String,
}

/// One day of volume for charts.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct DayCount {
    pub day_start: Millis,
    pub total: u64,
    pub negative: u64,
    pub positive: u64,
}
