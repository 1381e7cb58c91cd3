//! Article links on a front or section page.
//!
//! A link is an article link when its anchor text reads like a headline (several
//! words) and its URL looks like an article (a date or long numeric id in the
//! path, or a long slug), on the site itself or a host sharing its name
//! (e.g. `detik.feedsportal.com` for `detik.com`). Menus, headers and footers
//! are skipped; "popular"/"related" boxes are kept, they list articles too.

use crate::dom::{self, Data, NodeId, Tag};
use url::Url;

/// At most this many links are returned.
const MAX_LINKS: usize = 2000;

fn site_label(host: &str) -> &str {
    let parts: Vec<&str> = host.split('.').collect();
    // "www.antaranews.com" -> "antaranews", "kompas.co.id" -> "kompas".
    let n = parts.len();
    if n >= 3
        && matches!(
            parts[n - 2],
            "co" | "go" | "or" | "ac" | "com" | "net" | "web" | "sch"
        )
    {
        parts[n - 3]
    } else if n >= 2 {
        parts[n - 2]
    } else {
        host
    }
}

fn article_like_path(u: &Url) -> bool {
    let path = u.path();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs.is_empty() {
        return false;
    }
    let long_num = segs
        .iter()
        .any(|s| s.chars().take_while(char::is_ascii_digit).count() >= 5);
    let year = segs
        .iter()
        .any(|s| s.len() == 4 && s.starts_with("20") && s.chars().all(|c| c.is_ascii_digit()));
    let slug = segs
        .last()
        .is_some_and(|s| s.matches(['-', '.', '_']).count() >= 3 && s.len() >= 20);
    long_num || year || slug
}

/// Article links found on `html`, absolute, deduplicated, in page order.
pub fn discover_links(html: &[u8], base_url: &str) -> Vec<String> {
    let html = &html[..html.len().min(crate::MAX_INPUT)];
    let Ok(base) = Url::parse(base_url) else {
        return Vec::new();
    };
    let label = base.host_str().map(site_label).unwrap_or("").to_string();
    let (src, _) = crate::encoding::decode(html, None);
    let d = dom::parse(&src);
    // Skip links under nav/header/footer.
    let n = d.nodes.len();
    let mut chrome = vec![false; n];
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for i in 1..n {
        let p = d.nodes[i].parent as usize;
        let is_chrome = matches!(
            d.tag(i as NodeId),
            Some(Tag::Nav | Tag::Header | Tag::Footer)
        ) || d
            .attr(i as NodeId, "role")
            .is_some_and(|r| r == "navigation");
        chrome[i] = chrome[p] || is_chrome;
        let Data::Element { tag: Tag::A, .. } = d.nodes[i].data else {
            continue;
        };
        if chrome[i] {
            continue;
        }
        let Some(href) = d.attr(i as NodeId, "href") else {
            continue;
        };
        let Some(abs) = crate::meta::resolve(Some(&base), href) else {
            continue;
        };
        let Ok(u) = Url::parse(&abs) else { continue };
        if !matches!(u.scheme(), "http" | "https") {
            continue;
        }
        let host = u.host_str().unwrap_or("");
        let same_site = host == base.host_str().unwrap_or("")
            || host.ends_with(&format!(
                ".{}",
                base.host_str().unwrap_or("").trim_start_matches("www.")
            ))
            || site_label(host) == label
            || host.split('.').any(|p| p == label);
        if !same_site || !article_like_path(&u) {
            continue;
        }
        let text = d.text_of(i as NodeId);
        let words = text.split_whitespace().count();
        let title_attr = d
            .attr(i as NodeId, "title")
            .map_or(0, |t| t.split_whitespace().count());
        if words < 3 && title_attr < 3 && !has_headline_child(&d, i as NodeId) {
            continue;
        }
        let mut key = u.clone();
        key.set_fragment(None);
        if seen.insert(key.to_string()) {
            out.push(key.to_string());
            if out.len() >= MAX_LINKS {
                break;
            }
        }
    }
    out
}

fn has_headline_child(d: &dom::Dom, id: NodeId) -> bool {
    d.descendants(id)
        .any(|c| d.tag(c).is_some_and(Tag::is_heading))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_article_links_not_menus() {
        let html = br#"<html><body><nav><a href="/nasional">Nasional</a><a href="/read/2026/11/26/1/menu-berita-panjang-sekali">Menu berita panjang sekali</a></nav>
<div class="list"><h2><a href="/read/2026/11/26/123456/gubernur-resmikan-pasar-rakyat">Gubernur resmikan pasar rakyat baru</a></h2>
<a href="/read/2026/11/26/123457/banjir">Banjir rendam tiga kecamatan di Bekasi</a>
<a href="/tag/banjir">banjir</a><a href="https://www.facebook.com/sharer?u=x">Bagikan ke Facebook sekarang juga</a></div>
<footer><a href="/read/2026/11/25/9/tentang-kami-redaksi-kontak">Tentang kami redaksi kontak</a></footer></body></html>"#;
        let links = discover_links(html, "https://www.contoh.co.id/");
        assert_eq!(
            links,
            vec![
                "https://www.contoh.co.id/read/2026/11/26/123456/gubernur-resmikan-pasar-rakyat",
                "https://www.contoh.co.id/read/2026/11/26/123457/banjir"
            ]
        );
    }
}
