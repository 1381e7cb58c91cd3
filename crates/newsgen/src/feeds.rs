//! RSS 2.0, Google News sitemaps and outlet front pages.

use std::fmt::Write as _;

use chrono::{TimeZone, Utc};

use crate::compose::rfc3339;
use crate::html::esc;
use crate::{Corpus, GenArticle};

/// Items in a feed, as most outlets do.
const FEED_ITEMS: usize = 50;

fn link(a: &GenArticle, base: &str) -> String {
    if base.is_empty() {
        a.url.clone()
    } else {
        a.url_at(base)
    }
}

fn rfc2822(ms: i64, offset_h: i32) -> String {
    let off = chrono::FixedOffset::east_opt(offset_h * 3600);
    let t = Utc.timestamp_millis_opt(ms).single().unwrap_or_default();
    match off {
        Some(off) => t.with_timezone(&off).to_rfc2822(),
        None => t.to_rfc2822(),
    }
}

fn x(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    esc(s, &mut o);
    o
}

fn home(host: &str, base: &str) -> String {
    if base.is_empty() {
        format!("https://{host}/")
    } else {
        format!("{}/{host}/index.html", base.trim_end_matches('/'))
    }
}

pub fn rss(c: &Corpus, host: &str, base: &str) -> String {
    let items = c.latest(host, FEED_ITEMS);
    let (name, off) = c
        .outlet(host)
        .map(|o| (o.name.as_str(), o.utc_offset))
        .unwrap_or((host, 7));
    let mut out = String::with_capacity(1_000 + items.len() * 600);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>{n}</title>\
         <link>{l}</link><description>Berita terbaru {n}</description><language>id</language>",
        n = x(name),
        l = x(&home(host, base)),
    );
    if let Some(first) = items.first() {
        let _ = write!(
            out,
            "<lastBuildDate>{}</lastBuildDate>",
            rfc2822(first.published_ms, off)
        );
    }
    for a in items {
        let summary: String = a
            .text
            .split("\n\n")
            .next()
            .unwrap_or("")
            .chars()
            .take(240)
            .collect();
        let l = link(a, base);
        let _ = write!(
            out,
            "<item><title>{}</title><link>{}</link><guid isPermaLink=\"false\">{}</guid>\
             <pubDate>{}</pubDate><dc:creator>{}</dc:creator><category>{}</category>\
             <description>{}</description></item>",
            x(&a.title),
            x(&l),
            x(&a.url),
            rfc2822(a.published_ms, off),
            x(&a.author),
            x(&a.section),
            x(&summary)
        );
    }
    out.push_str("</channel></rss>\n");
    out
}

pub fn sitemap(c: &Corpus, host: &str, base: &str) -> String {
    let items = c.latest(host, 1_000);
    let (name, off) = c
        .outlet(host)
        .map(|o| (o.name.as_str(), o.utc_offset))
        .unwrap_or((host, 7));
    let mut out = String::with_capacity(500 + items.len() * 400);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">",
    );
    for a in items {
        let _ = write!(
            out,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
             <news:language>id</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title>\
             </news:news></url>",
            x(&link(a, base)),
            x(name),
            rfc3339(a.published_ms, off),
            x(&a.title)
        );
    }
    out.push_str("</urlset>\n");
    out
}

pub fn index_page(c: &Corpus, host: &str, base: &str) -> String {
    let items = c.latest(host, FEED_ITEMS);
    let name = c.outlet(host).map(|o| o.name.as_str()).unwrap_or(host);
    let mut out = String::with_capacity(2_000 + items.len() * 300);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>{n} - Berita Terkini</title>\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{r}\"></head><body>\
         <header><h1>{n}</h1></header><main><h2>Berita Terkini</h2><ul class=\"latest\">",
        n = x(name),
        r = x(&if base.is_empty() {
            format!("https://{host}/rss.xml")
        } else {
            format!("{}/{host}/rss.xml", base.trim_end_matches('/'))
        }),
    );
    for a in items {
        let summary: String = a.text.chars().take(160).collect();
        let _ = write!(
            out,
            "<li class=\"card\"><a href=\"{}\">{}</a><p>{}</p></li>",
            x(&link(a, base)),
            x(&a.title),
            x(&summary)
        );
    }
    out.push_str("</ul></main><footer>&copy; 2026</footer></body></html>\n");
    out
}
