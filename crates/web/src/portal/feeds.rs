//! RSS 2.0 feed and sitemap of an organisation's portal (cached like the pages).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use sinergi_core::newsroom::store::PublicFilter;
use sinergi_core::page::PageReq;

use super::{Out, cached};
use crate::AppState;

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn rfc2822(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc2822())
        .unwrap_or_default()
}

pub async fn rss(
    State(state): State<AppState>,
    Path(org): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    cached(&state, &uri, &headers, || async {
        let org = state.core.portal_org(&org).await?;
        let items = state
            .core
            .portal_items(&org, &PublicFilter::default(), PageReq::new(None, Some(30)))
            .await?;
        let base = &state.cfg.public_url;
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>");
        out.push_str(&format!(
            "<title>{}</title><link>{base}/portal/{}</link><description>{}</description><language>id</language>\
             <atom:link href=\"{base}/portal/{}/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>",
            xml(&format!("Berita {}", org.display_name())),
            org.code,
            xml(&format!("Siaran pers dan berita resmi {}", org.display_name())),
            org.code,
        ));
        for i in &items.items {
            let link = format!("{base}{}", i.portal_path());
            out.push_str(&format!(
                "<item><title>{}</title><link>{}</link><guid isPermaLink=\"true\">{}</guid><description>{}</description>\
                 <category>{}</category><pubDate>{}</pubDate></item>",
                xml(&i.title),
                xml(&link),
                xml(&link),
                xml(&i.lead),
                xml(sinergi_core::newsroom::category_label(&i.category)),
                rfc2822(i.published_at.unwrap_or(i.updated_at)),
            ));
        }
        out.push_str("</channel></rss>\n");
        Ok(Out::Page("application/rss+xml; charset=utf-8", out))
    })
    .await
}

pub async fn sitemap(
    State(state): State<AppState>,
    Path(org): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    cached(&state, &uri, &headers, || async {
        let org = state.core.portal_org(&org).await?;
        let base = &state.cfg.public_url;
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        out.push_str(&format!("<url><loc>{base}/portal/{}</loc></url>", org.code));
        // A sitemap holds at most 50,000 addresses.
        let mut page = 1;
        let mut written = 0;
        loop {
            let items = state
                .core
                .portal_items(&org, &PublicFilter::default(), PageReq::new(Some(page), Some(200)))
                .await?;
            for i in &items.items {
                out.push_str(&format!(
                    "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
                    xml(&format!("{base}{}", i.portal_path())),
                    sinergi_core::time::rfc3339(i.updated_at),
                ));
                written += 1;
            }
            if !items.has_next() || written >= 49_000 {
                break;
            }
            page += 1;
        }
        out.push_str("</urlset>\n");
        Ok(Out::Page("application/xml; charset=utf-8", out))
    })
    .await
}
