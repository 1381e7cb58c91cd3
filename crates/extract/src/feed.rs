//! Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed via feed-rs) and sitemaps
//! (`<urlset>` with Google News extensions, `<sitemapindex>`).

use crate::ExtractError;
use crate::date;
use crate::dom::{self, Data, Dom, NodeId};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use url::Url;

/// What an item points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// An article (feed entry or sitemap `<url>`).
    Article,
    /// A child sitemap listed by a sitemap index.
    Sitemap,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedItem {
    pub kind: ItemKind,
    pub url: String,
    pub title: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub summary: Option<String>,
    pub authors: Vec<String>,
    pub image: Option<String>,
}

/// At most this many items are returned from one document.
const MAX_ITEMS: usize = 50_000;

/// Parses a feed or sitemap. Relative links resolve against `base_url`.
pub fn parse_feed(bytes: &[u8], base_url: Option<&str>) -> Result<Vec<FeedItem>, ExtractError> {
    let bytes = crate::maybe_gunzip(bytes)?;
    let bytes = &bytes[..bytes.len().min(crate::MAX_INPUT)];
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    if head.contains("<urlset") || head.contains("<sitemapindex") {
        return Ok(parse_sitemap(bytes, base_url));
    }
    let parser = feed_rs::parser::Builder::new().base_uri(base_url).build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| ExtractError::NotAFeed(e.to_string()))?;
    let base = base_url.and_then(|b| Url::parse(b).ok());
    let mut out = Vec::new();
    for e in feed.entries.into_iter().take(MAX_ITEMS) {
        let link = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| e.links.first())
            .map(|l| l.href.clone())
            .or_else(|| e.id.starts_with("http").then(|| e.id.clone()));
        let Some(url) = link.and_then(|l| crate::meta::resolve(base.as_ref(), &l)) else {
            continue;
        };
        let published = e
            .published
            .or(e.updated)
            .map(|d: DateTime<Utc>| d.fixed_offset());
        let image = e
            .media
            .iter()
            .flat_map(|m| {
                m.thumbnails.iter().map(|t| t.image.uri.clone()).chain(
                    m.content
                        .iter()
                        .filter_map(|c| c.url.as_ref().map(|u| u.to_string())),
                )
            })
            .next();
        out.push(FeedItem {
            kind: ItemKind::Article,
            url,
            title: e.title.map(|t| t.content.trim().to_string()),
            published,
            summary: e.summary.map(|t| strip_tags(&t.content)),
            authors: e
                .authors
                .into_iter()
                .filter_map(|p| p.name)
                .filter(|n| !n.is_empty())
                .collect(),
            image,
        });
    }
    Ok(out)
}

fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return dom::decode_entities(s).trim().to_string();
    }
    dom::parse(s).text_of(0)
}

fn child_text(d: &Dom, id: NodeId, name: &str) -> Option<String> {
    d.descendants(id)
        .find(|&c| d.name(c) == name)
        .map(|c| d.text_of(c))
        .filter(|t| !t.is_empty())
}

fn parse_sitemap(bytes: &[u8], base_url: Option<&str>) -> Vec<FeedItem> {
    let (src, _) = crate::encoding::decode(bytes, None);
    let d = dom::parse(&src);
    let base = base_url.and_then(|b| Url::parse(b).ok());
    let far_future = Utc::now() + chrono::Duration::days(3650);
    let mut out = Vec::new();
    for (i, n) in d.nodes.iter().enumerate() {
        let Data::Element { name, .. } = &n.data else {
            continue;
        };
        let kind = match name.as_ref() {
            "url" => ItemKind::Article,
            "sitemap" => ItemKind::Sitemap,
            _ => continue,
        };
        let id = i as NodeId;
        let Some(loc) = child_text(&d, id, "loc") else {
            continue;
        };
        let Some(url) = crate::meta::resolve(base.as_ref(), &loc) else {
            continue;
        };
        let published = child_text(&d, id, "news:publication_date")
            .or_else(|| child_text(&d, id, "lastmod"))
            .and_then(|s| date::parse_date(&s, far_future, date::wib()));
        out.push(FeedItem {
            kind,
            url,
            title: child_text(&d, id, "news:title"),
            published,
            summary: None,
            authors: Vec::new(),
            image: child_text(&d, id, "image:loc"),
        });
        if out.len() >= MAX_ITEMS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss2_items() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Berita</title>
<item><title>Gubernur resmikan pasar</title><link>https://contoh.go.id/berita/1</link>
<pubDate>Thu, 26 Nov 2026 04:14:00 +0000</pubDate><description>&lt;p&gt;Ringkasan&lt;/p&gt;</description></item>
</channel></rss>"#;
        let items = parse_feed(rss, None).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].url, "https://contoh.go.id/berita/1");
        assert_eq!(items[0].title.as_deref(), Some("Gubernur resmikan pasar"));
        assert_eq!(items[0].summary.as_deref(), Some("Ringkasan"));
        assert_eq!(
            items[0].published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-26T04:14:00+00:00")
        );
    }

    #[test]
    fn rss_091_and_rss_10_rdf() {
        let rss091 = br#"<?xml version="1.0" encoding="ISO-8859-1"?><rss version="0.91"><channel><title>Lama</title><link>https://a.id/</link>
<item><title>Berita satu</title><link>https://a.id/1</link><description>Ringkasan</description></item></channel></rss>"#;
        let items = parse_feed(rss091, None).unwrap();
        assert_eq!(items[0].url, "https://a.id/1");
        let rdf = br#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://b.id/"><title>B</title><link>https://b.id/</link><description>d</description></channel>
<item rdf:about="https://b.id/2"><title>Berita dua</title><link>https://b.id/2</link><dc:date>2026-11-26T11:14:00+07:00</dc:date></item></rdf:RDF>"#;
        let items = parse_feed(rdf, None).unwrap();
        assert_eq!(items[0].url, "https://b.id/2");
        assert_eq!(items[0].title.as_deref(), Some("Berita dua"));
    }

    #[test]
    fn gzipped_sitemap() {
        use std::io::Write;
        let sm =
            b"<urlset><url><loc>https://c.id/a</loc><lastmod>2026-11-20</lastmod></url></urlset>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(sm).unwrap();
        let items = parse_feed(&gz.finish().unwrap(), None).unwrap();
        assert_eq!(items[0].url, "https://c.id/a");
        assert!(items[0].published.is_some());
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-11-26T00:00:00Z</updated>
<entry><title>Satu</title><id>urn:1</id><link href="/a/1"/><updated>2026-11-25T10:00:00+07:00</updated></entry></feed>"#;
        let items = parse_feed(atom, Some("https://humas.example.go.id/")).unwrap();
        assert_eq!(items[0].url, "https://humas.example.go.id/a/1");
        let jf = br#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://a.id/x","title":"Judul","date_published":"2026-11-25T10:00:00+07:00"}]}"#;
        let items = parse_feed(jf, None).unwrap();
        assert_eq!(items[0].title.as_deref(), Some("Judul"));
    }

    #[test]
    fn news_sitemap_and_index() {
        let sm = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://berita.example.id/read/2026/11/26/1/banjir</loc><news:news><news:publication><news:name>Contoh</news:name><news:language>id</news:language></news:publication>
<news:publication_date>2026-11-26T11:14:00+07:00</news:publication_date><news:title>Banjir &amp; longsor</news:title></news:news></url></urlset>"#;
        let items = parse_feed(sm, None).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].kind, ItemKind::Article);
        assert_eq!(items[0].title.as_deref(), Some("Banjir & longsor"));
        assert_eq!(
            items[0].published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-26T11:14:00+07:00")
        );
        let idx = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.id/s1.xml</loc></sitemap><sitemap><loc>https://a.id/s2.xml</loc></sitemap></sitemapindex>"#;
        let items = parse_feed(idx, None).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].kind, ItemKind::Sitemap);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse_feed(b"\x00\xffnot xml", None).is_err());
    }
}
