//! Article pages in three house styles, with the boilerplate real sites carry (navigation,
//! breadcrumbs, captions, inline "Baca Juga", tags, share bars, "Terpopuler" sidebars,
//! reader comments, footers) so extraction has something to get wrong.

use std::fmt::Write as _;

use crate::compose::{indonesian_date, rfc3339};
use crate::regions::Regions;
use crate::rng::Rng;
use crate::vocab;
use crate::{GenArticle, Outlet};

pub fn esc(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

fn e(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    esc(s, &mut o);
    o
}

const SECTIONS: &[(&str, &str)] = &[
    ("nasional", "Nasional"),
    ("daerah", "Daerah"),
    ("ekonomi", "Ekonomi"),
    ("politik", "Politik"),
    ("kesehatan", "Kesehatan"),
    ("pendidikan", "Pendidikan"),
    ("lingkungan", "Lingkungan"),
    ("wisata", "Wisata"),
];

/// Headlines of other (fictional) articles for sidebars and "Baca Juga".
fn other_headlines(rng: &mut Rng, n: usize) -> Vec<String> {
    let regions = Regions::shared();
    (0..n)
        .map(|_| {
            let t = rng.pick(vocab::TOPICS);
            let r = rng.pick(&regions.regencies);
            let forms = [
                "Soal {t} di {r}, Ini Kata Warga",
                "Evaluasi {t} di {r} Digelar Pekan Depan",
                "{T} di {r} Jadi Sorotan",
                "Pemerintah Daerah Bahas {t} di {r}",
            ];
            let mut topik = t.topik.to_string();
            let cap = {
                let mut c = topik.clone();
                if let Some(f) = c.get(..1) {
                    let up = f.to_uppercase();
                    c.replace_range(..1, &up);
                }
                c
            };
            let s = rng
                .pick(&forms)
                .replace("{t}", &topik)
                .replace("{T}", &cap)
                .replace("{r}", r.name);
            topik.clear();
            s
        })
        .collect()
}

fn fake_link(host: &str, title: &str, k: usize) -> String {
    format!(
        "https://{host}/berita/{}-{k}",
        crate::compose::slugify(title)
    )
}

fn nav(out: &mut String, host: &str, class: &str) {
    let _ = write!(out, "<nav class=\"{class}\"><ul>");
    let _ = write!(out, "<li><a href=\"https://{host}/\">Beranda</a></li>");
    for (s, label) in SECTIONS {
        let _ = write!(out, "<li><a href=\"https://{host}/{s}\">{label}</a></li>");
    }
    out.push_str("</ul></nav>");
}

fn comments(out: &mut String, rng: &mut Rng, outer: &str, item: &str) {
    let n = rng.range(2, 4);
    let _ = write!(
        out,
        "<section class=\"{outer}\" id=\"komentar\"><h3>{n} Komentar</h3>"
    );
    for _ in 0..n {
        let name = format!(
            "{} {}",
            rng.pick(vocab::FIRST_NAMES),
            rng.pick(vocab::LAST_NAMES)
        );
        let _ = write!(
            out,
            "<div class=\"{item}\"><b class=\"comment-author\">{}</b><p>{}</p></div>",
            e(&name),
            e(rng.pick_str(vocab::COMMENTS))
        );
    }
    out.push_str("</section>");
}

fn list_box(out: &mut String, class: &str, heading: &str, host: &str, titles: &[String]) {
    let _ = write!(out, "<div class=\"{class}\"><h3>{heading}</h3><ol>");
    for (k, t) in titles.iter().enumerate() {
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a></li>",
            e(&fake_link(host, t, k)),
            e(t)
        );
    }
    out.push_str("</ol></div>");
}

fn head(out: &mut String, a: &GenArticle, o: &Outlet, with_meta_time: bool, with_jsonld: bool) {
    let desc: String = a.text.chars().take(150).collect();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} - {site}</title>\
         <meta name=\"description\" content=\"{d}\">\
         <meta property=\"og:type\" content=\"article\">\
         <meta property=\"og:title\" content=\"{t}\">\
         <meta property=\"og:url\" content=\"{u}\">\
         <meta property=\"og:site_name\" content=\"{site}\">\
         <meta property=\"og:image\" content=\"https://{h}/img/{id}.jpg\">\
         <meta name=\"author\" content=\"{au}\">\
         <link rel=\"canonical\" href=\"{u}\">",
        t = e(&a.title),
        site = e(&o.name),
        d = e(&desc),
        u = e(&a.url),
        h = o.host,
        id = a.id,
        au = e(&a.author),
    );
    let published = rfc3339(a.published_ms, o.utc_offset);
    if with_meta_time {
        let _ = write!(
            out,
            "<meta property=\"article:published_time\" content=\"{published}\">\
             <meta property=\"article:section\" content=\"{}\">",
            e(&a.section)
        );
    }
    if with_jsonld {
        let ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "datePublished": published,
            "dateModified": published,
            "author": {"@type": "Person", "name": a.author},
            "publisher": {"@type": "Organization", "name": o.name},
            "mainEntityOfPage": a.url,
            "articleSection": a.section,
        });
        // `</` cannot occur in the JSON of our own strings, but escape it anyway.
        let ld = ld.to_string().replace("</", "<\\/");
        let _ = write!(out, "<script type=\"application/ld+json\">{ld}</script>");
    }
    out.push_str("<link rel=\"stylesheet\" href=\"/static/style.css\"></head>");
}

/// Renders the full page of `a` in the outlet's layout.
pub fn render(a: &GenArticle, o: &Outlet, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(a.text.len() * 2 + 6_000);
    let related = other_headlines(rng, 6);
    let paras: Vec<&str> = a.text.split("\n\n").collect();
    let date = indonesian_date(a.published_ms, o.utc_offset, &o.zone);
    let host = &o.host;
    match o.layout {
        0 => {
            head(&mut out, a, o, true, false);
            out.push_str("<body><header class=\"site-header\"><div class=\"logo\">");
            let _ = write!(out, "<a href=\"https://{host}/\">{}</a></div>", e(&o.name));
            nav(&mut out, host, "navbar");
            out.push_str("</header>");
            let _ = write!(
                out,
                "<div class=\"breadcrumb\"><a href=\"https://{host}/\">Beranda</a> &raquo; \
                 <a href=\"https://{host}/{s}\">{s}</a></div>",
                s = e(&a.section)
            );
            out.push_str(
                "<main class=\"container\"><div class=\"col-main\"><article class=\"detail\">",
            );
            let _ = write!(
                out,
                "<h1 class=\"detail__title\">{}</h1><div class=\"detail__author\">{} - {}</div>\
                 <div class=\"detail__date\">{}</div>",
                e(&a.title),
                e(&a.author),
                e(&o.name),
                date
            );
            let _ = write!(
                out,
                "<figure class=\"detail__media\"><img src=\"https://{host}/img/{}.jpg\" alt=\"\">\
                 <figcaption>Ilustrasi. (Foto: Dok. {})</figcaption></figure>",
                a.id,
                e(&o.name)
            );
            out.push_str("<div class=\"detail__body-text itp_bodycontent\">");
            for (k, p) in paras.iter().enumerate() {
                let _ = write!(out, "<p>{}</p>", e(p));
                if k == 0 {
                    let _ = write!(
                        out,
                        "<p><strong>Baca Juga:</strong> <a href=\"{}\">{}</a></p>",
                        e(&fake_link(host, &related[0], 0)),
                        e(&related[0])
                    );
                }
            }
            out.push_str("</div><div class=\"detail__body-tag\"><div class=\"nav\">Tag:");
            for t in ["pemerintah daerah", "pelayanan publik", &a.section] {
                let _ = write!(out, " <a href=\"https://{host}/tag/{}\">{}</a>", e(t), e(t));
            }
            out.push_str("</div></div><div class=\"share-box\">Bagikan: <a href=\"#\">Facebook</a> <a href=\"#\">X</a> <a href=\"#\">WhatsApp</a></div></article>");
            comments(&mut out, rng, "comments", "comment");
            out.push_str("</div><aside class=\"sidebar\">");
            list_box(
                &mut out,
                "box terpopuler",
                "Terpopuler",
                host,
                &related[1..4],
            );
            list_box(&mut out, "box baca-juga", "Baca Juga", host, &related[4..]);
            out.push_str("</aside></main>");
            let _ = write!(
                out,
                "<footer class=\"footer\"><p>&copy; 2026 {} &middot; <a href=\"https://{host}/redaksi\">Redaksi</a> \
                 &middot; <a href=\"https://{host}/pedoman\">Pedoman Media Siber</a> &middot; \
                 <a href=\"https://{host}/kontak\">Kontak</a></p></footer></body></html>",
                e(&o.name)
            );
        }
        1 => {
            head(&mut out, a, o, false, true);
            out.push_str("<body class=\"single single-post\"><div id=\"page\" class=\"site\">");
            let _ = write!(
                out,
                "<header id=\"masthead\" class=\"site-header\"><p class=\"site-title\">\
                 <a href=\"https://{host}/\">{}</a></p><p class=\"site-description\">Berita terkini dan terpercaya</p>",
                e(&o.name)
            );
            nav(&mut out, host, "main-navigation");
            out.push_str("</header><div id=\"content\" class=\"site-content\"><div id=\"primary\" class=\"content-area\"><main id=\"main\">");
            let _ = write!(
                out,
                "<article class=\"post type-post\"><header class=\"entry-header\">\
                 <h1 class=\"entry-title\">{}</h1><div class=\"entry-meta\"><span class=\"byline\">Oleh {}</span> \
                 <time class=\"entry-date published\" datetime=\"{}\">{}</time></div></header>",
                e(&a.title),
                e(&a.author),
                rfc3339(a.published_ms, o.utc_offset),
                date
            );
            out.push_str("<div class=\"entry-content\">");
            let mid = paras.len() / 2;
            for (k, p) in paras.iter().enumerate() {
                if k == mid && k > 0 {
                    let _ = write!(
                        out,
                        "<div class=\"baca-juga\"><span>Baca Juga</span><ul><li><a href=\"{}\">{}</a></li></ul></div>",
                        e(&fake_link(host, &related[0], 0)),
                        e(&related[0])
                    );
                }
                let _ = write!(out, "<p>{}</p>", e(p));
            }
            out.push_str("</div><footer class=\"entry-footer\"><span class=\"tags-links\">");
            let _ = write!(
                out,
                "<a href=\"https://{host}/tag/{s}\" rel=\"tag\">{s}</a>",
                s = e(&a.section)
            );
            out.push_str("</span></footer></article>");
            list_box(
                &mut out,
                "related-posts",
                "Berita Terkait",
                host,
                &related[1..4],
            );
            comments(&mut out, rng, "comments-area", "comment-body");
            out.push_str("</main></div><div id=\"secondary\" class=\"widget-area\">");
            list_box(
                &mut out,
                "widget widget_popular",
                "Terpopuler",
                host,
                &related[3..],
            );
            out.push_str("</div></div>");
            let _ = write!(
                out,
                "<footer id=\"colophon\" class=\"site-footer\"><div class=\"site-info\">Hak cipta &copy; 2026 {}. \
                 Dilarang mengutip tanpa izin.</div></footer></div></body></html>",
                e(&o.name)
            );
        }
        _ => {
            head(&mut out, a, o, true, true);
            out.push_str("<body><div class=\"topbar\">");
            let _ = write!(out, "<span class=\"today\">{}</span>", date);
            out.push_str("</div>");
            nav(&mut out, host, "menu-utama");
            out.push_str("<div class=\"wrapper\"><div class=\"kolom-kiri\">");
            let _ = write!(
                out,
                "<div class=\"judul\"><h1>{}</h1></div><div class=\"info-penulis\">Penulis: {} | Editor: Redaksi | {}</div>",
                e(&a.title),
                e(&a.author),
                date
            );
            out.push_str("<div class=\"isi-berita\">");
            for (k, p) in paras.iter().enumerate() {
                // Some sites break paragraphs with <br> inside one block.
                let _ = write!(out, "<p>{}</p>", e(p));
                if k == 1 {
                    let _ = write!(
                        out,
                        "<div class=\"linksisip\">Baca Juga: <a href=\"{}\">{}</a></div>",
                        e(&fake_link(host, &related[0], 0)),
                        e(&related[0])
                    );
                }
            }
            let _ = write!(
                out,
                "<p class=\"sumber\"><em>({})</em></p>",
                e(&a.author.to_lowercase())
            );
            out.push_str("</div>");
            list_box(
                &mut out,
                "berita-lain",
                "Berita Lainnya",
                host,
                &related[1..4],
            );
            comments(&mut out, rng, "komentar-list", "komentar-item");
            out.push_str("</div><div class=\"kolom-kanan\">");
            list_box(&mut out, "populer", "Terpopuler", host, &related[2..]);
            out.push_str("<div class=\"iklan\">ADVERTISEMENT</div></div></div>");
            let _ = write!(
                out,
                "<div class=\"footer\"><p>{} &copy; 2026 &middot; Tentang Kami &middot; Redaksi &middot; Pedoman Media Siber</p></div></body></html>",
                e(&o.name)
            );
        }
    }
    out
}
