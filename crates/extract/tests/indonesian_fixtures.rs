//! Realistic pages in the layouts of today's Indonesian news portals and
//! government sites (written for these tests), each with its expected record in
//! `fixtures/id/NAME.expected.json`. Regenerate after a reviewed change with
//! `UPDATE_EXPECTED=1 cargo test -p sinergi-extract --test indonesian_fixtures`.

#![allow(clippy::unwrap_used)] // tests may unwrap

use chrono::{DateTime, TimeZone, Utc};
use sinergi_extract::{ExtractError, ExtractOptions, discover_links, extract_article};
use std::path::PathBuf;

fn fetched() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
        .single()
        .unwrap()
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/id")
}

fn check(name: &str, url: Option<&str>) -> serde_json::Value {
    let html = std::fs::read(dir().join(format!("{name}.html"))).unwrap();
    let mut opts = ExtractOptions::new(fetched());
    opts.url = url.map(str::to_string);
    let art = extract_article(&html, &opts).unwrap();
    let got = serde_json::to_value(&art).unwrap();
    let path = dir().join(format!("{name}.expected.json"));
    if std::env::var("UPDATE_EXPECTED").is_ok() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
    }
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        got,
        want,
        "{name}: extracted record differs from {}",
        path.display()
    );
    got
}

fn text(v: &serde_json::Value) -> &str {
    v["text"].as_str().unwrap()
}

#[test]
fn detik_style_inline_baca_juga_and_scroll_ads() {
    let v = check("detik-style", None);
    let t = text(&v);
    assert!(!t.contains("Baca juga"));
    assert!(!t.contains("Dinkes DKI Gelar Imunisasi"));
    assert!(!t.contains("ADVERTISEMENT"));
    assert!(!t.contains("SCROLL TO CONTINUE"));
    assert!(!t.contains("Simak juga"));
    assert!(!t.contains("(rzp/dnu)"));
    assert!(!t.contains("Semoga posyandu"), "comment leaked");
    assert!(!t.contains("Wagub DKI"), "related news leaked");
    assert_eq!(t.split("\n\n").count(), 5);
    assert_eq!(v["published"], "2026-11-26T11:14:00+07:00");
    assert_eq!(
        v["title"],
        "Pemprov DKI Resmikan 12 Posyandu Baru di Jakarta Timur"
    );
}

#[test]
fn kompas_style_numeric_date_and_next_page() {
    let v = check("kompas-style", None);
    let t = text(&v);
    assert!(!t.contains("Baca juga"));
    assert!(!t.contains("Simak breaking news"));
    assert!(!t.contains("Terpopuler"));
    assert!(!t.contains("Presiden Lantik"));
    assert_eq!(
        v["title"],
        "Menteri PANRB Minta Humas Daerah Tangkal Hoaks Banjir"
    );
    assert_eq!(v["published"], "2026-11-26T11:14:00+07:00");
    assert!(v["next_page"].as_str().unwrap().ends_with("?page=2"));
}

#[test]
fn government_wordpress_windows_1252_wita() {
    let v = check("pemprov-wordpress-cp1252", None);
    let t = text(&v);
    assert!(
        t.contains("\u{201c}Kita ingin petani"),
        "cp1252 quotes decoded"
    );
    assert!(t.contains("TAKALAR \u{2013} Gubernur"));
    assert!(!t.contains("cookie"));
    assert!(!t.contains("Bagikan"));
    assert!(!t.contains("Berita Terkait"));
    assert!(!t.contains("Mantap pak"));
    assert!(!t.contains("Seleksi terbuka"));
    assert_eq!(v["published"], "2026-11-26T09:30:00+08:00");
    assert_eq!(
        v["title"],
        "Gubernur Tinjau Pembangunan Bendungan Pammukkulu"
    );
    assert_eq!(v["encoding"], "windows-1252");
}

#[test]
fn tribun_relative_date_and_halaman_selanjutnya() {
    let url =
        "https://banyumas.tribunnews.com/2026/11/26/bupati-banyumas-luncurkan-aplikasi-aduan-warga";
    let v = check("tribun-relative-date", Some(url));
    let t = text(&v);
    assert!(!t.contains("Baca juga"));
    assert!(!t.contains("Artikel ini telah tayang"));
    assert!(!t.contains("Banjir Rendam"));
    // "2 jam yang lalu" at 19:00 WIB fetch time.
    assert_eq!(v["published"], "2026-11-26T17:00:00+07:00");
    assert_eq!(v["authors"], serde_json::json!(["Ahmad Fauzi"]));
    assert_eq!(v["next_page"], format!("{url}?page=2"));
    assert_eq!(
        v["image"],
        "https://banyumas.tribunnews.com/foto/bank/images/bupati-banyumas-aplikasi.jpg"
    );
}

#[test]
fn cnn_style_gambas_lanjutkan_membaca_and_site_dateline() {
    let v = check("cnn-style-liputan", None);
    let t = text(&v);
    for bad in [
        "CNN Indonesia |",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE",
        "[Gambas",
        "Lanjutkan membaca",
        "(dsf/tsa)",
        "Ikuti berita",
        "Rekomendasi",
        "Bawaslu",
        "KPU Umumkan",
        "Bagikan",
    ] {
        assert!(!t.contains(bad), "{bad} in {t}");
    }
    assert_eq!(t.split("\n\n").count(), 5);
    assert!(t.starts_with("Jakarta, CNN Indonesia -- Kementerian"));
    assert_eq!(v["authors"], serde_json::json!(["Dewi Safitri"]));
    assert_eq!(v["published"], "2026-11-25T14:05:00+07:00");
    assert_eq!(v["section"], "Nasional");
}

#[test]
fn front_page_is_no_article_but_has_links() {
    let html = std::fs::read(dir().join("front-page.html")).unwrap();
    let r = extract_article(&html, &ExtractOptions::new(fetched()));
    assert!(matches!(r, Err(ExtractError::NoArticle)), "{r:?}");
    let links = discover_links(&html, "https://jabar.antaranews.com/terkini");
    assert_eq!(links.len(), 6, "{links:?}");
    assert_eq!(
        links[0],
        "https://jabar.antaranews.com/berita/612345/pemprov-jabar-salurkan-bantuan-korban-longsor"
    );
}
