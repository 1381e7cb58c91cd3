//! Page metadata: canonical URL, title, date, authors, section, image,
//! language and next-page link, from `<meta>`/`<link>`, JSON-LD and the page.

use crate::date;
use crate::dom::{Data, Dom, NodeId, Tag};
use chrono::{DateTime, FixedOffset, Utc};
use serde_json::Value;
use url::Url;

#[derive(Default, Debug)]
pub struct Meta {
    pub canonical: Option<String>,
    pub og_url: Option<String>,
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub image: Option<String>,
    pub language: Option<String>,
    pub next_page: Option<String>,
    /// JSON-LD `articleBody`, a fallback when the DOM gives little text.
    pub ld_body: Option<String>,
    /// The page declares itself an article (og:type, JSON-LD type, articleBody).
    pub is_article: bool,
    /// Declared by JSON-LD article type or `article:published_time`.
    pub is_article_strong: bool,
}

/// Key/value pairs of all `<meta>` tags (name/property/itemprop -> content).
fn metas(dom: &Dom) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, n) in dom.nodes.iter().enumerate() {
        let Data::Element { tag: Tag::Meta, .. } = n.data else {
            continue;
        };
        let id = i as NodeId;
        let Some(content) = dom.attr(id, "content") else {
            continue;
        };
        for k in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = dom.attr(id, k) {
                out.push((key.trim().to_ascii_lowercase(), content.trim().to_string()));
            }
        }
    }
    out
}

fn get<'a>(m: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        m.iter()
            .find(|(kk, v)| kk == k && !v.is_empty())
            .map(|(_, v)| v.as_str())
    })
}

pub fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("javascript:") || href.starts_with('#') {
        return None;
    }
    match base {
        Some(b) => b.join(href).ok().map(|u| u.to_string()),
        None => Url::parse(href).ok().map(|u| u.to_string()),
    }
}

/// Article-like JSON-LD objects (flattening arrays and `@graph`).
fn ld_objects(dom: &Dom) -> Vec<Value> {
    let mut out = Vec::new();
    for raw in &dom.json_ld {
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        let Ok(v) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            if out.len() > 50 {
                break;
            }
            match v {
                Value::Array(a) => stack.extend(a),
                Value::Object(mut o) => {
                    if let Some(g) = o.remove("@graph") {
                        stack.push(g);
                    }
                    out.push(Value::Object(o));
                }
                _ => {}
            }
        }
    }
    out
}

fn ld_type_is_article(v: &Value) -> bool {
    let is = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("article") || s == "blogposting" || s == "report" || s == "liveblogposting"
    };
    match v.get("@type") {
        Some(Value::String(s)) => is(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn ld_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| ld_str(Some(x))),
        Value::Object(o) => ld_str(
            o.get("url")
                .or_else(|| o.get("name"))
                .or_else(|| o.get("@id")),
        ),
        _ => None,
    }
}

fn ld_names(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => out.push(s.trim().to_string()),
        Some(Value::Array(a)) => a.iter().for_each(|x| ld_names(Some(x), out)),
        Some(Value::Object(o)) => {
            if let Some(Value::String(s)) = o.get("name") {
                out.push(s.trim().to_string());
            }
        }
        _ => {}
    }
}

/// Splits "Headline - Site Name" / "Headline | Site" and drops the site part.
pub fn strip_site(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    let t = title.trim();
    const SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "];
    let norm = |s: &str| {
        s.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let site_n = site.map(norm).unwrap_or_default();
    let host_n = host
        .map(|h| {
            h.trim_start_matches("www.")
                .split('.')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .map(|h| norm(&h))
        .unwrap_or_default();
    for sep in SEPS {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let tn = norm(tail);
            let looks_site = (!site_n.is_empty() && (tn.contains(&site_n) || site_n.contains(&tn)))
                || (!host_n.is_empty() && tn.contains(&host_n))
                || (tail.split_whitespace().count() <= 4
                    && head.len() > tail.len() * 2
                    && [
                        ".com", ".co", ".id", ".net", "news", "online", "berita", "portal",
                    ]
                    .iter()
                    .any(|k| tail.to_lowercase().contains(k)));
            if looks_site && !head.trim().is_empty() {
                return strip_site(head, site, host);
            }
            // "Site Name | Headline"
            let hn = norm(head);
            if (!site_n.is_empty() && hn == site_n) || (!host_n.is_empty() && hn == host_n) {
                return tail.trim().to_string();
            }
        }
    }
    t.to_string()
}

fn clean_author(s: &str) -> Option<String> {
    let mut t = s.trim();
    for p in [
        "Oleh:",
        "Oleh ",
        "oleh ",
        "Penulis:",
        "Penulis :",
        "Reporter:",
        "Reporter :",
        "Editor:",
        "By ",
        "by ",
        "BY ",
        "Written by ",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim();
        }
    }
    let t = t.trim_matches(|c: char| c == ',' || c == '|' || c.is_whitespace());
    if t.is_empty() || t.len() > 80 || t.starts_with("http") || t.contains('@') && t.contains('.') {
        return None;
    }
    Some(t.to_string())
}

pub struct MetaInput<'a> {
    pub dom: &'a Dom,
    pub base: Option<&'a Url>,
    pub fetched_at: DateTime<Utc>,
    /// First and last node of the article body, when known.
    pub anchor: Option<(NodeId, NodeId)>,
}

pub fn extract(inp: &MetaInput<'_>) -> Meta {
    let dom = inp.dom;
    let m = metas(dom);
    let lds = ld_objects(dom);
    let art = lds.iter().find(|v| ld_type_is_article(v));
    let mut out = Meta::default();

    // Links: canonical, next, image_src.
    let mut link_next = None;
    let mut image_src = None;
    for (i, n) in dom.nodes.iter().enumerate() {
        let Data::Element { tag, .. } = &n.data else {
            continue;
        };
        let id = i as NodeId;
        if !matches!(tag, Tag::Link | Tag::A) {
            continue;
        }
        let (Some(rel), Some(href)) = (dom.attr(id, "rel"), dom.attr(id, "href")) else {
            continue;
        };
        let rel = rel.to_ascii_lowercase();
        let rels: Vec<&str> = rel.split_whitespace().collect();
        if *tag == Tag::Link && rels.contains(&"canonical") && out.canonical.is_none() {
            out.canonical = resolve(inp.base, href);
        } else if rels.contains(&"next") && link_next.is_none() {
            link_next = resolve(inp.base, href);
        } else if rels.contains(&"image_src") && image_src.is_none() {
            image_src = resolve(inp.base, href);
        }
    }
    out.og_url = get(&m, &["og:url"]).and_then(|u| resolve(inp.base, u));

    out.site_name = get(&m, &["og:site_name", "application-name"]).map(str::to_string);
    let host = inp
        .base
        .and_then(|u| u.host_str().map(str::to_string))
        .or_else(|| {
            out.canonical
                .as_deref()
                .and_then(|c| Url::parse(c).ok())
                .and_then(|u| u.host_str().map(str::to_string))
        });

    // Title: a <h1> that the declared title starts with is the clean headline.
    let declared = get(&m, &["og:title", "twitter:title"])
        .map(str::to_string)
        .or_else(|| art.and_then(|a| ld_str(a.get("headline"))))
        .or_else(|| dom.title.clone());
    let h1s: Vec<String> = dom
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n.data, Data::Element { tag: Tag::H1, .. }))
        .take(5)
        .map(|(i, _)| dom.text_of(i as NodeId))
        .filter(|t| t.len() >= 8)
        .collect();
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let candidates = [declared.clone(), dom.title.clone()];
    let h1_match = h1s.iter().find(|h| {
        let hs = squash(h);
        !hs.is_empty()
            && candidates
                .iter()
                .flatten()
                .any(|c| squash(c).starts_with(&hs) || hs.starts_with(&squash(c)) && !c.is_empty())
    });
    out.title = match (h1_match, declared) {
        (Some(h), _) => Some(h.clone()),
        (None, Some(d)) => Some(strip_site(&d, out.site_name.as_deref(), host.as_deref())),
        (None, None) => h1s.first().cloned(),
    }
    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    .filter(|t| !t.is_empty());

    // Date.
    let fetched = inp.fetched_at;
    let wib = date::wib();
    let try_date = |s: &str| -> Option<DateTime<FixedOffset>> {
        let s = s.trim();
        // "2015-11-05 T10:08:58Z" (space before T): hand-made templates that print
        // local time and a bogus Z; read it as local (WIB).
        if s.len() >= 12
            && s.as_bytes().get(10) == Some(&b' ')
            && s.as_bytes().get(11) == Some(&b'T')
        {
            let fixed = format!("{}T{}", &s[..10], s[12..].trim_end_matches(['Z', 'z']));
            return date::parse_date(&fixed, fetched, wib);
        }
        date::parse_date(s, fetched, wib)
    };
    out.published = get(
        &m,
        &[
            "article:published_time",
            "og:article:published_time",
            "article:published",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "published_time",
            "content_publisheddate",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dc.date",
            "dcterms.date",
            "date",
            "tgl",
            "dtk:publishdate",
        ],
    )
    .and_then(try_date)
    .or_else(|| {
        lds.iter()
            .find_map(|v| ld_str(v.get("datePublished")).and_then(|s| try_date(&s)))
    })
    .or_else(|| visible_date(dom, &try_date, inp.anchor))
    .or_else(|| get(&m, &["article:modified_time", "og:updated_time"]).and_then(try_date));

    // Authors.
    let mut authors = Vec::new();
    if let Some(a) = art {
        ld_names(a.get("author"), &mut authors);
    }
    // Meta author that is only the site's name ("Tribunbanyumas.com") is no author.
    let site_like = |a: &str| {
        let l = a.to_lowercase();
        l.contains(".com")
            || l.contains(".id")
            || l.contains(".co")
            || out
                .site_name
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(a))
    };
    if authors.is_empty() {
        for (k, v) in &m {
            if matches!(
                k.as_str(),
                "author" | "article:author" | "dc.creator" | "parsely-author" | "content_author"
            ) {
                authors.push(v.clone());
            }
        }
    }
    authors.retain(|a| !site_like(a));
    if authors.is_empty() {
        authors.extend(byline(dom));
    }
    if authors.is_empty() {
        for (i, n) in dom.nodes.iter().enumerate() {
            if authors.len() >= 3 {
                break;
            }
            let id = i as NodeId;
            if !matches!(n.data, Data::Element { .. }) {
                continue;
            }
            let rel_author = dom.attr(id, "rel") == Some("author");
            let prop_author = dom.attr(id, "itemprop") == Some("author");
            if rel_author || prop_author {
                let t = dom.text_of(id);
                if !t.is_empty() && t.len() < 80 {
                    authors.push(t);
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.authors = authors
        .iter()
        .flat_map(|a| {
            a.split([',', ';', '&'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter_map(|a| clean_author(&a))
        .filter(|a| seen.insert(a.to_lowercase()))
        .take(10)
        .collect();

    out.section = get(
        &m,
        &[
            "article:section",
            "section",
            "category",
            "dtk:kanal",
            "content_category",
        ],
    )
    .map(str::to_string)
    .or_else(|| art.and_then(|a| ld_str(a.get("articleSection"))));

    out.image = get(
        &m,
        &[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
            "thumbnailurl",
            "image",
        ],
    )
    .and_then(|u| resolve(inp.base, u))
    .or_else(|| {
        art.and_then(|a| ld_str(a.get("image")))
            .and_then(|u| resolve(inp.base, &u))
    })
    .or(image_src);

    out.language = dom
        .nodes
        .iter()
        .enumerate()
        .find(|(_, n)| matches!(n.data, Data::Element { tag: Tag::Html, .. }))
        .and_then(|(i, _)| {
            dom.attr(i as NodeId, "lang")
                .or_else(|| dom.attr(i as NodeId, "xml:lang"))
        })
        .map(str::to_string)
        .or_else(|| {
            get(
                &m,
                &["content-language", "og:locale", "language", "dc.language"],
            )
            .map(str::to_string)
        })
        .or_else(|| art.and_then(|a| ld_str(a.get("inLanguage"))))
        .and_then(|l| normalise_lang(&l));

    out.next_page = link_next.or_else(|| next_page_anchor(dom, inp.base));
    out.ld_body = art.and_then(|a| ld_str(a.get("articleBody")));
    out.is_article_strong = art.is_some() || get(&m, &["article:published_time"]).is_some();
    out.is_article = art.is_some()
        || get(&m, &["og:type"]).is_some_and(|t| t.eq_ignore_ascii_case("article"))
        || get(&m, &["article:published_time"]).is_some();
    out
}

/// Bylines printed in the page: "Oleh X", "Penulis: X", "Reporter: X", or short
/// elements classed author/byline/penulis/reporter.
fn byline(dom: &Dom) -> Vec<String> {
    let mut out = Vec::new();
    for (i, n) in dom.nodes.iter().enumerate() {
        if out.len() >= 3 {
            break;
        }
        match &n.data {
            Data::Text(t) => {
                let t = t.trim();
                if t.len() > 80 {
                    continue;
                }
                for p in [
                    "Penulis:",
                    "Penulis :",
                    "Reporter:",
                    "Reporter :",
                    "Pewarta:",
                    "Pewarta :",
                    "Oleh:",
                ] {
                    if let Some(r) = t.strip_prefix(p) {
                        let r = r.trim();
                        if !r.is_empty() {
                            out.push(r.to_string());
                        }
                    }
                }
            }
            Data::Element { .. } => {
                let id = i as NodeId;
                let c = dom.attr(id, "class").unwrap_or("");
                if !["author", "byline", "penulis", "reporter"]
                    .iter()
                    .any(|k| contains_ci(c, k))
                {
                    continue;
                }
                let c = c.to_ascii_lowercase();
                if [
                    "byline",
                    "author-name",
                    "penulis",
                    "reporter",
                    "post-author",
                    "author",
                ]
                .iter()
                .any(|k| {
                    c.split_whitespace().any(|w| {
                        w == *k
                            || w.strip_suffix(k)
                                .is_some_and(|h| h.ends_with("__") || h.ends_with('-'))
                    })
                }) {
                    let t = dom.text_of(id);
                    // "Rizky Pratama - detikNews" -> "Rizky Pratama"
                    let t = t.split(" - ").next().unwrap_or("").trim();
                    let t = t.strip_prefix("Oleh").map(str::trim).unwrap_or(t);
                    if !t.is_empty() && t.len() < 60 && !t.contains(':') {
                        out.push(t.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn normalise_lang(l: &str) -> Option<String> {
    let p = l
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let p = if p == "in" { "id".to_string() } else { p };
    (p.len() == 2 || p.len() == 3).then_some(p)
}

/// Dates printed in the page: `<time datetime>`, `itemprop=datePublished`, then
/// short elements whose class/id says date/time/tanggal. Among printed dates,
/// one with a time of day wins, then the one nearest the article body
/// (`anchor`: first and last node of the body), since sidebars print the dates of
/// other articles.
fn visible_date(
    dom: &Dom,
    try_date: &dyn Fn(&str) -> Option<DateTime<FixedOffset>>,
    anchor: Option<(NodeId, NodeId)>,
) -> Option<DateTime<FixedOffset>> {
    // (node, date, has time of day)
    let mut cands: Vec<(usize, DateTime<FixedOffset>, bool)> = Vec::new();
    for (i, n) in dom.nodes.iter().enumerate() {
        let Data::Element { tag, .. } = &n.data else {
            continue;
        };
        if cands.len() > 200 {
            break;
        }
        let id = i as NodeId;
        if dom.attr(id, "itemprop") == Some("datePublished")
            && let Some(d) = dom
                .attr(id, "datetime")
                .or_else(|| dom.attr(id, "content"))
                .and_then(try_date)
        {
            return Some(d);
        }
        let attr_dt = if *tag == Tag::Time {
            dom.attr(id, "datetime")
        } else {
            None
        };
        if let Some(d) = attr_dt.and_then(try_date) {
            cands.push((i, d, attr_dt.is_some_and(|s| s.len() > 10)));
            continue;
        }
        const DATE_WORDS: &[&str] = &[
            "date", "time", "tanggal", "waktu", "publish", "tgl", "jam", "posted",
        ];
        if *tag == Tag::Time
            || ["class", "id"].iter().any(|k| {
                dom.attr(id, k)
                    .is_some_and(|v| DATE_WORDS.iter().any(|w| contains_ci(v, w)))
            })
        {
            let t = dom.text_of(id);
            if !t.is_empty()
                && t.len() < 160
                && let Some(d) = try_date(&t)
            {
                cands.push((i, d, has_time(&t)));
            }
        }
    }
    // Unlabelled datelines ("<div class=grey>Rabu, 4 November 2015 | 21:04 WIB</div>")
    // right around the start of the body.
    if let Some((a, _)) = anchor {
        let a = a as usize;
        for i in a.saturating_sub(150)..(a + 60).min(dom.nodes.len()) {
            if let Data::Text(t) = &dom.nodes[i].data {
                let t = t.trim();
                if t.len() >= 8
                    && t.len() < 100
                    && has_time(t)
                    && let Some(d) = try_date(t)
                {
                    cands.push((i, d, true));
                }
            }
        }
    }
    let dist = |i: usize| -> usize {
        match anchor {
            Some((a, b)) => {
                let (a, b) = (a as usize, b as usize);
                if i >= a && i <= b {
                    0
                } else if i < a {
                    a - i
                } else {
                    i - b
                }
            }
            None => i,
        }
    };
    cands
        .iter()
        .min_by_key(|(i, _, t)| (!*t, dist(*i), *i))
        .map(|(_, d, _)| *d)
}

/// ASCII case-insensitive substring test without allocating.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// "11:14", "11.14" after a date.
pub fn has_time(t: &str) -> bool {
    let b = t.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit()
            && (w[1] == b':' || w[1] == b'.')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    }) || b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && (w[2] == b':' || w[2] == b'.')
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}

fn next_page_anchor(dom: &Dom, base: Option<&Url>) -> Option<String> {
    let base = base?;
    for (i, n) in dom.nodes.iter().enumerate() {
        let Data::Element { tag: Tag::A, .. } = n.data else {
            continue;
        };
        let id = i as NodeId;
        let Some(href) = dom.attr(id, "href") else {
            continue;
        };
        let t = dom.text_of(id).to_lowercase();
        let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '›' && c != '»');
        if !matches!(
            t,
            "selanjutnya"
                | "berikutnya"
                | "halaman selanjutnya"
                | "halaman berikutnya"
                | "next"
                | "next page"
                | "lanjut"
                | "›"
                | "»"
                | "lanjutkan"
        ) {
            continue;
        }
        let Some(abs) = resolve(Some(base), href) else {
            continue;
        };
        let Ok(u) = Url::parse(&abs) else { continue };
        // Same article path with a page marker, not the "next article" link.
        let same_path = u.path().starts_with(base.path().trim_end_matches('/'))
            && u.host_str() == base.host_str();
        let paged = abs.contains("page=")
            || abs.contains("halaman")
            || abs.contains("/2")
            || abs.contains("p=2");
        if same_path && paged && abs != base.as_str() {
            return Some(abs);
        }
    }
    None
}

/// Guesses Indonesian vs English from stopword counts when the page says nothing.
pub fn guess_language(text: &str) -> Option<String> {
    let (mut id, mut en) = (0, 0);
    for w in text.split(|c: char| !c.is_alphabetic()).take(2000) {
        let w = w.to_lowercase();
        match w.as_str() {
            "yang" | "dan" | "di" | "ini" | "itu" | "dengan" | "untuk" | "dari" | "tidak"
            | "akan" | "pada" | "juga" | "ke" | "karena" | "dalam" | "adalah" | "kata"
            | "tersebut" => id += 1,
            "the" | "and" | "of" | "to" | "is" | "in" | "that" | "for" | "with" | "was" | "on"
            | "are" | "said" | "it" => en += 1,
            _ => {}
        }
    }
    if id + en < 5 {
        return None;
    }
    Some(if id > en { "id" } else { "en" }.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix_is_stripped() {
        assert_eq!(
            strip_site(
                "Menteri Resmikan Jembatan - Kompas.com Regional",
                None,
                Some("regional.kompas.com")
            ),
            "Menteri Resmikan Jembatan"
        );
        assert_eq!(
            strip_site(
                "Banjir Rob di Semarang | Portal Berita Pemprov Jateng",
                Some("Portal Berita Pemprov Jateng"),
                None
            ),
            "Banjir Rob di Semarang"
        );
        assert_eq!(
            strip_site("Jokowi: Kita Harus Kerja - Kerja - Kerja", None, None),
            "Jokowi: Kita Harus Kerja - Kerja - Kerja"
        );
        assert_eq!(
            strip_site(
                "ANTARA News | Gempa guncang Bali",
                Some("ANTARA News"),
                None
            ),
            "Gempa guncang Bali"
        );
    }
}
