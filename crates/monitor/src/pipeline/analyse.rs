//! One page → one analysed article (pure CPU work, run on the blocking pool).

use chrono::{TimeZone, Utc};
use sinergi_core::monitor::{Article, ArticleTone, NewArticle};
use sinergi_extract::{ExtractOptions, extract_article};
use sinergi_search::ArticleDoc;
use sinergi_text::dedup::Fingerprint;
use sinergi_text::{PickupIndex, PickupMatch, Tone};

use crate::fetch::canonical_url;

/// Articles shorter than this (in words) are navigation pages, galleries or errors.
const MIN_WORDS: usize = 40;

/// A page as fetched or read from an archive.
#[derive(Debug, Clone)]
pub struct RawPage {
    pub url: String,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub title_hint: Option<String>,
    /// The outlet's name when known without a source (imports that know it, the demo).
    pub outlet_hint: Option<String>,
    pub fetched_ms: i64,
}

pub struct Prepared {
    pub article: NewArticle,
    pub fingerprint: Fingerprint,
    /// Stemmed term counts for the issue clusterer (computed here, in parallel).
    pub terms: Vec<(String, f32)>,
    /// Our releases this article carries.
    pub pickups: Vec<PickupMatch>,
}

/// Extracts and analyses one page. `Err((canonical url, reason))` when it holds no article.
pub fn prepare(
    page: &RawPage,
    source_id: Option<i64>,
    outlet: Option<&str>,
    source_region: Option<&str>,
    title_weight: f32,
    releases: &PickupIndex,
) -> Result<Prepared, (String, String)> {
    let canonical_fetch = canonical_url(&page.url).unwrap_or_else(|| page.url.clone());
    let fetched = Utc
        .timestamp_millis_opt(page.fetched_ms)
        .single()
        .unwrap_or_else(Utc::now);
    let mut opts = ExtractOptions::new(fetched).with_url(page.url.clone());
    if let Some(ct) = &page.content_type {
        opts = opts.with_content_type(ct.clone());
    }
    let ex = extract_article(&page.body, &opts)
        .map_err(|e| (canonical_fetch.clone(), format!("ekstraksi gagal: {e}")))?;
    let words = ex.text.split_whitespace().count();
    if words < MIN_WORDS {
        return Err((
            canonical_fetch,
            format!("bukan artikel (hanya {words} kata)"),
        ));
    }
    // The page's own canonical URL wins when it is on the same site (a syndicating site's
    // canonical pointing at the original would merge two outlets' copies into one row).
    let url = ex
        .url
        .as_deref()
        .filter(|u| same_host(u, &page.url))
        .unwrap_or(&page.url)
        .to_owned();
    let canonical = canonical_url(&url).unwrap_or(canonical_fetch);
    let title = ex
        .title
        .clone()
        .or_else(|| page.title_hint.clone())
        .unwrap_or_else(|| "(tanpa judul)".to_owned());
    let analysis = sinergi_text::analyze(&title, &ex.text);
    let mut regions: Vec<String> = analysis.regions.iter().map(|r| r.code.clone()).collect();
    if regions.is_empty()
        && let Some(r) = source_region
    {
        regions.push(r.to_owned());
    }
    let tone = match analysis.tone {
        Tone::Positive => ArticleTone::Positive,
        Tone::Neutral => ArticleTone::Neutral,
        Tone::Negative => ArticleTone::Negative,
    };
    let published = ex
        .published
        .map(|d| d.timestamp_millis())
        .filter(|&p| p <= page.fetched_ms + 3_600_000)
        .unwrap_or(page.fetched_ms);
    let outlet = outlet
        .map(str::to_owned)
        .or_else(|| page.outlet_hint.clone())
        .unwrap_or_else(|| host_of(&url).unwrap_or_else(|| "(tidak diketahui)".into()));
    let word_count = i64::try_from(analysis.words).unwrap_or(i64::MAX);
    let terms = sinergi_text::cluster::term_counts(&title, &ex.text, title_weight);
    let pickups = if releases.is_empty() {
        Vec::new()
    } else {
        releases.matches(&format!("{title}\n{}", ex.text), published)
    };
    Ok(Prepared {
        terms,
        pickups,
        fingerprint: analysis.fingerprint.clone(),
        article: NewArticle {
            canonical_url: canonical,
            url,
            source_id,
            outlet,
            title,
            author: ex.authors.first().cloned(),
            published_at: published,
            fetched_at: page.fetched_ms,
            language: ex.language.clone().unwrap_or_else(|| "id".into()),
            body: ex.text,
            word_count,
            tone,
            tone_score: f64::from(analysis.tone_scores.positive - analysis.tone_scores.negative),
            region_codes: regions,
            entities: analysis.entities.iter().map(|e| e.name.clone()).collect(),
            keyphrases: analysis.keyphrases.clone(),
            simhash: i64::from_ne_bytes(analysis.simhash.to_ne_bytes()),
            story_id: None,
            issue_id: None,
        },
    })
}

fn host_of(url: &str) -> Option<String> {
    url::Url::parse(url).ok().and_then(|u| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_owned())
    })
}

fn same_host(a: &str, b: &str) -> bool {
    host_of(a).is_some() && host_of(a) == host_of(b)
}

type PrepResult = Result<Prepared, (String, String)>;

/// Prepares pages on the blocking pool, split over the machine's cores, in input order.
pub async fn prepare_parallel(
    pages: Vec<RawPage>,
    source_id: Option<i64>,
    outlet: Option<String>,
    source_region: Option<String>,
    title_weight: f32,
    releases: std::sync::Arc<PickupIndex>,
) -> anyhow::Result<Vec<PrepResult>> {
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = pages.len().div_ceil(cores).max(1);
    let pages = std::sync::Arc::new(pages);
    let mut tasks = Vec::new();
    for start in (0..pages.len()).step_by(chunk) {
        let pages = pages.clone();
        let (outlet, region) = (outlet.clone(), source_region.clone());
        let releases = releases.clone();
        tasks.push(tokio::task::spawn_blocking(move || {
            pages[start..(start + chunk).min(pages.len())]
                .iter()
                .map(|p| {
                    prepare(
                        p,
                        source_id,
                        outlet.as_deref(),
                        region.as_deref(),
                        title_weight,
                        &releases,
                    )
                })
                .collect::<Vec<_>>()
        }));
    }
    let mut out = Vec::with_capacity(pages.len());
    for t in tasks {
        out.extend(t.await?);
    }
    Ok(out)
}

/// The index's view of a stored article.
pub fn index_doc(a: &Article) -> ArticleDoc {
    ArticleDoc {
        id: a.id,
        title: a.title.clone(),
        text: a.body.clone(),
        source: a.outlet.clone(),
        source_id: a.source_id.unwrap_or(0),
        regions: a.region_codes.clone(),
        tone: a.tone.as_str().to_owned(),
        published_ms: a.published_at,
        issue_id: a.issue_id,
        org_ids: a.source_org_id.into_iter().collect(),
    }
}
