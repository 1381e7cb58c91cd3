//! `sinergi-extract`: article extraction from HTML pages, feeds and sitemaps.
//!
//! Pure library: bytes in, records out. No network, no async, no global state.
//! Every entry point is bounded in time and memory on any input and never
//! panics (see the fuzz target in `fuzz/`).
//!
//! * [`extract_article`]: one HTML page -> [`Article`] (URL, title, date,
//!   authors, section, image, language, clean body text, next page).
//! * [`parse_feed`]: RSS 0.9x/1.0/2.0, Atom, JSON Feed, news sitemaps and
//!   sitemap indexes -> [`FeedItem`]s.
//! * [`discover_links`]: article links on a section or front page.
//! * [`file_to_json`]: what `sinergi extract FILE...` prints per file.

mod body;
pub mod date;
mod dom;
mod encoding;
mod feed;
mod links;
mod meta;

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use std::io::Read;
use url::Url;

pub use feed::{FeedItem, ItemKind, parse_feed};
pub use links::discover_links;

/// Input beyond this many bytes is ignored (bounded memory on hostile pages).
pub const MAX_INPUT: usize = 32 * 1024 * 1024;

/// Shorter bodies are "no article" unless the page declares itself an article.
const MIN_TEXT: usize = 250;
/// Even a declared article needs this much text.
const MIN_TEXT_DECLARED: usize = 80;

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The page has no article body (front page, error page, empty page).
    #[error("no article")]
    NoArticle,
    /// The bytes are not a feed or sitemap we understand.
    #[error("not a feed: {0}")]
    NotAFeed(String),
    /// Compressed input that could not be read.
    #[error("cannot decompress: {0}")]
    Decompress(String),
}

/// How the body text was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Main-content scoring over the DOM.
    Dom,
    /// JSON-LD `articleBody` (the DOM gave too little).
    JsonLd,
    /// All long paragraphs of the page (last resort).
    Paragraphs,
}

/// Options for [`extract_article`].
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// URL the page was fetched from (resolves relative links, strips site names).
    pub url: Option<String>,
    /// HTTP `Content-Type` header (charset).
    pub content_type: Option<String>,
    /// Fetch time: relative dates ("2 jam yang lalu") count back from it, and
    /// dates after it are rejected.
    pub fetched_at: DateTime<Utc>,
}

impl ExtractOptions {
    pub fn new(fetched_at: DateTime<Utc>) -> Self {
        ExtractOptions {
            url: None,
            content_type: None,
            fetched_at,
        }
    }

    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    pub fn with_content_type(mut self, ct: impl Into<String>) -> Self {
        self.content_type = Some(ct.into());
        self
    }
}

impl Default for ExtractOptions {
    /// Fetched now, no URL, no header.
    fn default() -> Self {
        ExtractOptions::new(Utc::now())
    }
}

/// An extracted article.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Canonical URL (`<link rel=canonical>`, `og:url`, else the fetch URL).
    pub url: Option<String>,
    /// Headline without the site-name suffix.
    pub title: Option<String>,
    /// Publication time with its offset (RFC 3339 in JSON).
    pub published: Option<DateTime<FixedOffset>>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    /// Lead image URL.
    pub image: Option<String>,
    /// ISO 639-1 code ("id", "en").
    pub language: Option<String>,
    /// Body text; paragraphs separated by "\n\n".
    pub text: String,
    pub method: Method,
    /// Next page of a multi-page article.
    pub next_page: Option<String>,
    /// Character set the page was decoded from.
    pub encoding: String,
}

/// Extracts the article of one HTML page.
pub fn extract_article(html: &[u8], opts: &ExtractOptions) -> Result<Article, ExtractError> {
    let html = &html[..html.len().min(MAX_INPUT)];
    let (src, enc) = encoding::decode(html, opts.content_type.as_deref());
    let dom = dom::parse(&src);
    let base = opts.url.as_deref().and_then(|u| Url::parse(u).ok());
    let a = body::analyse(&dom);
    let bc = body::best_container(&dom, &a);
    let anchor = bc.map(|r| (r, dom.descendants(r).last().unwrap_or(r)));
    let meta = meta::extract(&meta::MetaInput {
        dom: &dom,
        base: base.as_ref(),
        fetched_at: opts.fetched_at,
        anchor,
    });
    let mut method = Method::Dom;
    let mut paras = match bc {
        // og:type=article alone is no proof: index pages often carry it too.
        Some(root)
            if meta.is_article_strong
                || a.positive[root as usize]
                || !body::looks_like_index(&dom, &a, root) =>
        {
            body::text_of(&dom, &a, root)
        }
        _ => Vec::new(),
    };
    // The headline repeated inside the body (h2 title blocks) is not body text.
    if let Some(t) = &meta.title {
        let squash = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        };
        let tt = squash(t);
        paras.retain(|p| squash(p) != tt);
    }
    // A pull quote or lead excerpt repeated from the body ("... kalimat ...").
    // Only the first paragraphs are checked, so the cost stays linear.
    let mut k = 0;
    while k < paras.len().min(3) {
        let core = paras[k].trim_matches(|c: char| matches!(c, '.' | '…' | ' ' | '"' | '“' | '”'));
        let repeated = core.len() >= 30
            && paras[k].len() < 400
            && paras
                .iter()
                .enumerate()
                .any(|(j, p)| j != k && p.contains(core));
        if repeated {
            paras.remove(k);
        } else {
            k += 1;
        }
    }
    // A one- or two-word kicker above the body ("FotoBisnis", "EKSKLUSIF").
    if paras.len() > 1
        && paras[0].len() <= 25
        && paras[0].split_whitespace().count() <= 2
        && !paras[0].contains(['.', ',', '!', '?'])
    {
        paras.remove(0);
    }
    let mut text = paras.join("\n\n");
    if let Some(ld) = &meta.ld_body
        && ld.len() > text.len() * 2
        && ld.len() >= MIN_TEXT_DECLARED
    {
        // Some sites put HTML in articleBody.
        text = if ld.contains('<') {
            dom::parse(ld).text_of(0)
        } else {
            ld.trim().to_string()
        };
        method = Method::JsonLd;
    }
    if text.len() < MIN_TEXT && !meta.is_article {
        // Nothing article-like found by scoring: try plain long paragraphs.
        paras = body::long_paragraphs(&dom, &a);
        let t = paras.join("\n\n");
        if t.len() >= MIN_TEXT {
            text = t;
            method = Method::Paragraphs;
        }
    }
    let min = if meta.is_article || meta.published.is_some() {
        MIN_TEXT_DECLARED
    } else {
        MIN_TEXT
    };
    if text.len() < min {
        return Err(ExtractError::NoArticle);
    }
    let language = meta
        .language
        .clone()
        .or_else(|| meta::guess_language(&text));
    let url = meta
        .canonical
        .clone()
        .or(meta.og_url.clone())
        .or_else(|| base.as_ref().map(|u| u.to_string()));
    Ok(Article {
        url,
        title: meta.title,
        published: meta.published,
        authors: meta.authors,
        section: meta.section,
        image: meta.image,
        language,
        text,
        method,
        next_page: meta.next_page,
        encoding: enc.to_string(),
    })
}

/// Decompresses gzip input (by magic bytes) up to [`MAX_INPUT`] bytes.
pub fn maybe_gunzip(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, ExtractError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .take(MAX_INPUT as u64)
            .read_to_end(&mut out)
            .map_err(|e| ExtractError::Decompress(e.to_string()))?;
        Ok(std::borrow::Cow::Owned(out))
    } else {
        Ok(std::borrow::Cow::Borrowed(bytes))
    }
}

/// One JSON object for `sinergi extract FILE...`: the article's fields, or
/// `{"file": ..., "error": ...}`. Gzipped files are read transparently.
pub fn file_to_json(
    path_display: &str,
    bytes: &[u8],
    fetched_at: DateTime<Utc>,
) -> serde_json::Value {
    let res =
        maybe_gunzip(bytes).and_then(|b| extract_article(&b, &ExtractOptions::new(fetched_at)));
    match res {
        Ok(a) => serde_json::json!({
            "file": path_display,
            "url": a.url,
            "title": a.title,
            "published": a.published.map(|d| d.to_rfc3339()),
            "author": if a.authors.is_empty() { None } else { Some(a.authors.join(", ")) },
            "authors": a.authors,
            "section": a.section,
            "image": a.image,
            "language": a.language,
            "text": a.text,
            "method": a.method,
            "next_page": a.next_page,
        }),
        Err(e) => serde_json::json!({ "file": path_display, "error": e.to_string() }),
    }
}
