//! One small page per rule of issue 4.

#![allow(clippy::unwrap_used)] // tests may unwrap

use chrono::{DateTime, TimeZone, Utc};
use sinergi_extract::{ExtractError, ExtractOptions, Method, extract_article, file_to_json};
use std::io::Write;
use std::time::{Duration, Instant};

fn fetched() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
        .single()
        .unwrap()
}

fn opts() -> ExtractOptions {
    ExtractOptions::new(fetched())
}

const PARAS: &str = "<p>Pemerintah Kota Bandung menggelar rapat koordinasi penanganan banjir bersama camat dan lurah, Kamis pagi. Rapat membahas kesiapan pompa air dan posko pengungsian di titik rawan.</p>\
<p>Wali Kota meminta setiap kecamatan memperbarui data warga rentan, termasuk lansia dan penyandang disabilitas, agar evakuasi berjalan cepat bila hujan deras kembali turun.</p>\
<p>Dinas Sumber Daya Air menyiagakan empat puluh pompa portabel dan membersihkan saluran di dua belas ruas jalan utama sepanjang pekan ini.</p>";

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>"
    )
}

fn article(head: &str, inner: &str) -> String {
    page(
        head,
        &format!(
            "<nav><a href=\"/\">Beranda</a><a href=\"/berita\">Berita</a></nav><article><div class=\"content\">{inner}</div></article><footer>Hak cipta 2026 Pemkot</footer>"
        ),
    )
}

fn text(html: &str) -> String {
    extract_article(html.as_bytes(), &opts()).unwrap().text
}

// --- character sets -------------------------------------------------------

fn legacy_page(prefix: &[u8]) -> Vec<u8> {
    let mut b = prefix.to_vec();
    b.extend_from_slice(b"<article>");
    b.extend_from_slice(PARAS.as_bytes());
    b.extend_from_slice(
        b"<p>\x93Kami siap,\x94 kata camat di kafe Caf\xe9 Braga.</p></article></body></html>",
    );
    b
}

#[test]
fn charset_from_http_header() {
    let raw = legacy_page(b"<html><body>");
    let a = extract_article(
        &raw,
        &opts().with_content_type("text/html; charset=ISO-8859-1"),
    )
    .unwrap();
    assert_eq!(a.encoding, "windows-1252");
    assert!(a.text.contains("Caf\u{e9} Braga"), "{}", a.text);
}

#[test]
fn charset_from_meta_and_sniffed() {
    let declared = legacy_page(
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body>",
    );
    let a = extract_article(&declared, &opts()).unwrap();
    assert!(
        a.text.contains("\u{201c}Kami siap,\u{201d} kata camat"),
        "{}",
        a.text
    );
    // No declaration at all and not UTF-8: sniffed as Windows-1252.
    let a = extract_article(&legacy_page(b"<html><body>"), &opts()).unwrap();
    assert!(a.text.contains("\u{201c}Kami siap"));
    // UTF-8 stays UTF-8 without any declaration.
    let utf8 = format!(
        "<html><body><article>{PARAS}<p>\u{201c}Siap\u{201d} kata lurah di Caf\u{e9} Braga.</p></article>"
    );
    let a = extract_article(utf8.as_bytes(), &opts()).unwrap();
    assert_eq!(a.encoding, "UTF-8");
    assert!(a.text.contains("Caf\u{e9}"));
}

// --- broken, huge and deep markup --------------------------------------------

#[test]
fn broken_markup_still_extracts() {
    let html = "<html><body><div class=content><p>Pemerintah Kota Bandung menggelar rapat koordinasi penanganan banjir bersama camat, Kamis pagi, membahas pompa air\
<p>Wali Kota meminta setiap kecamatan memperbarui data warga rentan agar evakuasi berjalan cepat bila hujan deras turun lagi</span></b>\
<p>Dinas Sumber Daya Air menyiagakan empat puluh pompa portabel dan membersihkan saluran di dua belas ruas jalan utama <b>pekan ini</div></td>";
    let t = text(html);
    assert_eq!(t.split("\n\n").count(), 3, "{t}");
    assert!(t.ends_with("pekan ini"));
}

fn within(limit_release: Duration) -> Duration {
    // Debug builds are ~10x slower; the release bound is the contract.
    if cfg!(debug_assertions) {
        limit_release * 15
    } else {
        limit_release
    }
}

#[test]
fn huge_page_is_bounded() {
    let mut html = String::with_capacity(21 << 20);
    html.push_str("<html><body><article>");
    html.push_str(PARAS);
    while html.len() < 20 << 20 {
        html.push_str(
            "<div class=\"x\"><span>lorem ipsum dolor</span> <a href=\"/a\">tautan</a></div>\n",
        );
    }
    let t0 = Instant::now();
    let _ = extract_article(html.as_bytes(), &opts());
    assert!(
        t0.elapsed() < within(Duration::from_secs(1)),
        "{:?}",
        t0.elapsed()
    );
}

#[test]
fn deep_nesting_is_bounded() {
    for open in ["<div>", "<table><tr><td>", "<span>", "<b><i>"] {
        let mut html = String::from("<html><body>");
        for _ in 0..10_000 {
            html.push_str(open);
        }
        html.push_str(PARAS);
        let t0 = Instant::now();
        let r = extract_article(html.as_bytes(), &opts());
        assert!(
            t0.elapsed() < within(Duration::from_secs(1)),
            "{open}: {:?}",
            t0.elapsed()
        );
        assert!(r.is_ok(), "{open}: {r:?}");
    }
}

// --- no article ------------------------------------------------------------

#[test]
fn pages_without_article_are_no_article() {
    for html in [
        String::new(),
        "\u{0}\u{1}garbage".to_string(),
        page(
            "<title>404 Tidak Ditemukan</title>",
            "<h1>Halaman tidak ditemukan</h1><p>Maaf, halaman yang Anda cari tidak ada.</p>",
        ),
        page(
            "<title>Masuk</title>",
            "<form><label>Email</label><input name=e><button>Masuk</button></form>",
        ),
        page(
            "",
            "<ul class=menu><li><a href=/a>Beranda</a></li><li><a href=/b>Profil</a></li><li><a href=/c>Berita</a></li></ul>",
        ),
    ] {
        let r = extract_article(html.as_bytes(), &opts());
        assert!(matches!(r, Err(ExtractError::NoArticle)), "{html}: {r:?}");
    }
}

// --- boilerplate -----------------------------------------------------------

#[test]
fn navigation_share_comments_cookies_are_not_text() {
    let html = page(
        "",
        &format!(
            "<div class=\"cookie-banner\"><p>Kami menggunakan cookie agar situs berjalan baik. Dengan melanjutkan Anda setuju dengan kebijakan privasi kami.</p></div>\
<nav class=\"main-nav\"><a href=\"/\">Beranda</a><a href=\"/pemerintahan\">Pemerintahan</a></nav>\
<div class=\"post\"><div class=\"share-bar\"><a href=\"#\">Bagikan</a><a href=\"#\">Facebook</a><a href=\"#\">WhatsApp</a></div>{PARAS}</div>\
<div id=\"comments\"><h3>Kirim Komentar</h3><p>Terima kasih pak wali, semoga pompa air di kampung kami juga segera dikirim sebelum musim hujan.</p></div>"
        ),
    );
    let t = text(&html);
    for bad in [
        "cookie",
        "Beranda",
        "Bagikan",
        "WhatsApp",
        "Komentar",
        "Terima kasih pak wali",
    ] {
        assert!(!t.contains(bad), "{bad} in {t}");
    }
    assert_eq!(t.split("\n\n").count(), 3);
}

#[test]
fn baca_juga_and_scroll_blocks_are_removed() {
    let inner = "<p>Pemerintah Kota Bandung menggelar rapat koordinasi penanganan banjir bersama camat dan lurah, Kamis pagi, di Balai Kota.</p>\
<p><strong>Baca Juga:</strong> <a href=\"/b/1\">Pompa air di Gedebage rusak lagi</a></p>\
<p>Baca juga: <a href=\"/b/2\">Warga Dayeuhkolot mulai mengungsi</a></p>\
<p>Wali Kota meminta setiap kecamatan memperbarui data warga rentan, termasuk lansia, agar evakuasi berjalan cepat. <b>Baca juga: <a href=\"/b/3\">BMKG: hujan lebat sepekan</a></b> Camat diminta melapor tiap malam.</p>\
<div class=\"ads\"><span>ADVERTISEMENT</span></div>\
<p>SCROLL TO CONTINUE WITH CONTENT</p>\
<p>Simak juga: <a href=\"/v/9\">Video banjir Bandung selatan</a></p>\
<p>Dinas Sumber Daya Air menyiagakan empat puluh pompa portabel dan membersihkan saluran di dua belas ruas jalan utama.</p>";
    let t = text(&article("", inner));
    for bad in [
        "Baca",
        "Pompa air di Gedebage",
        "Dayeuhkolot",
        "BMKG",
        "ADVERTISEMENT",
        "SCROLL",
        "Simak",
        "Video banjir",
    ] {
        assert!(!t.contains(bad), "{bad} in {t}");
    }
    assert!(
        t.contains("agar evakuasi berjalan cepat. Camat diminta melapor tiap malam."),
        "{t}"
    );
    assert_eq!(t.split("\n\n").count(), 3, "{t}");
}

#[test]
fn repeated_pull_quote_is_removed() {
    let inner = format!(
        "<p>... menyiagakan empat puluh pompa portabel dan membersihkan saluran ...</p>{PARAS}"
    );
    let t = text(&article("", &inner));
    assert!(t.starts_with("Pemerintah Kota Bandung"), "{t}");
    assert_eq!(t.split("\n\n").count(), 3);
}

#[test]
fn related_list_inside_body_is_removed() {
    let inner = format!(
        "{PARAS}<div class=\"box-terkait\"><h4>Berita Terkait</h4><ul><li><a href=\"/1\">Bandung siaga banjir hingga akhir tahun ini</a></li><li><a href=\"/2\">Wali kota tinjau pintu air Cikapundung</a></li></ul></div>\
<ul><li><a href=\"/3\">Dinas PU perbaiki tanggul jebol di Rancaekek</a></li><li><a href=\"/4\">Posko pengungsian dibuka di GOR Pajajaran</a></li></ul>"
    );
    let t = text(&article("", &inner));
    assert!(
        !t.contains("Terkait") && !t.contains("Rancaekek") && !t.contains("Cikapundung"),
        "{t}"
    );
}

#[test]
fn multi_page_next_link() {
    let url = "https://www.contoh.go.id/berita/2026/11/26/rapat-banjir";
    let html = article(
        "",
        &format!(
            "{PARAS}<div class=\"pagination\"><a href=\"{url}?page=2\">Halaman berikutnya</a></div>"
        ),
    );
    let a = extract_article(html.as_bytes(), &opts().with_url(url)).unwrap();
    assert_eq!(
        a.next_page.as_deref(),
        Some("https://www.contoh.go.id/berita/2026/11/26/rapat-banjir?page=2")
    );
    let html = article(&format!("<link rel=\"next\" href=\"{url}/2\">"), PARAS);
    let a = extract_article(html.as_bytes(), &opts().with_url(url)).unwrap();
    assert_eq!(
        a.next_page.as_deref(),
        Some("https://www.contoh.go.id/berita/2026/11/26/rapat-banjir/2")
    );
}

// --- dates -----------------------------------------------------------------

fn published(head: &str, inner: &str) -> Option<String> {
    extract_article(article(head, inner).as_bytes(), &opts())
        .unwrap()
        .published
        .map(|d| d.to_rfc3339())
}

#[test]
fn dates_from_metadata() {
    assert_eq!(
        published(
            "<meta property=\"article:published_time\" content=\"2026-11-26T11:14:00+07:00\">",
            PARAS
        )
        .as_deref(),
        Some("2026-11-26T11:14:00+07:00")
    );
    assert_eq!(
        published("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2026-11-25T08:00:00+08:00\"}</script>", PARAS).as_deref(),
        Some("2026-11-25T08:00:00+08:00")
    );
    assert_eq!(
        published(
            "",
            &format!("<time datetime=\"2026-11-24T03:00:00Z\">24 Nov</time>{PARAS}")
        )
        .as_deref(),
        Some("2026-11-24T03:00:00+00:00")
    );
}

#[test]
fn dates_printed_in_indonesian() {
    for (shown, want) in [
        (
            "Kamis, 26 November 2026 11:14 WIB",
            "2026-11-26T11:14:00+07:00",
        ),
        ("26/11/2026, 11.14 WIB", "2026-11-26T11:14:00+07:00"),
        ("Kamis 26 Nov 2026 - 11:14", "2026-11-26T11:14:00+07:00"),
        (
            "Rabu, 25 Nopember 2026 | 08:05 WITA",
            "2026-11-25T08:05:00+08:00",
        ),
        ("Selasa, 24 Agt 2021 20.30 WIT", "2021-08-24T20:30:00+09:00"),
        ("2 jam yang lalu", "2026-11-26T17:00:00+07:00"),
    ] {
        let got = published("", &format!("<div class=\"date\">{shown}</div>{PARAS}"));
        assert_eq!(got.as_deref(), Some(want), "{shown}");
    }
}

#[test]
fn future_and_pre_1995_dates_are_rejected() {
    assert_eq!(
        published(
            "<meta property=\"article:published_time\" content=\"2027-01-01T00:00:00+07:00\">",
            PARAS
        ),
        None
    );
    assert_eq!(
        published(
            "",
            &format!("<div class=\"tanggal\">Senin, 3 Januari 1994</div>{PARAS}")
        ),
        None
    );
}

// --- metadata --------------------------------------------------------------

#[test]
fn metadata_fields() {
    let head = "<title>Rapat Banjir Digelar di Balai Kota | Portal Resmi Pemkot Bandung</title>\
<meta property=\"og:site_name\" content=\"Portal Resmi Pemkot Bandung\">\
<meta property=\"og:image\" content=\"/img/rapat.jpg\"><meta property=\"article:section\" content=\"Pemerintahan\">\
<meta name=\"author\" content=\"Humas Kota Bandung\"><link rel=\"canonical\" href=\"/berita/rapat-banjir\">";
    let a = extract_article(
        article(head, PARAS).as_bytes(),
        &opts().with_url("https://bandung.go.id/berita/rapat-banjir?utm_source=wa"),
    )
    .unwrap();
    assert_eq!(
        a.title.as_deref(),
        Some("Rapat Banjir Digelar di Balai Kota")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://bandung.go.id/berita/rapat-banjir")
    );
    assert_eq!(
        a.image.as_deref(),
        Some("https://bandung.go.id/img/rapat.jpg")
    );
    assert_eq!(a.section.as_deref(), Some("Pemerintahan"));
    assert_eq!(a.authors, vec!["Humas Kota Bandung"]);
    assert_eq!(a.language.as_deref(), Some("id"));
    assert_eq!(a.method, Method::Dom);
    // Paragraph breaks are blank lines.
    assert_eq!(a.text.matches("\n\n").count(), 2);
}

#[test]
fn language_is_guessed_when_undeclared() {
    let html = format!("<html><body><article>{PARAS}</article></body></html>");
    let a = extract_article(html.as_bytes(), &opts()).unwrap();
    assert_eq!(a.language.as_deref(), Some("id"));
}

#[test]
fn json_ld_body_is_a_fallback() {
    let body = "Pemerintah Kota Bandung menggelar rapat koordinasi penanganan banjir. ".repeat(8);
    let head = format!(
        "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Rapat\",\"articleBody\":\"{body}\"}}</script>"
    );
    let a = extract_article(page(&head, "<div id=app></div>").as_bytes(), &opts()).unwrap();
    assert_eq!(a.method, Method::JsonLd);
    assert_eq!(a.text, body.trim());
}

// --- CLI record --------------------------------------------------------------

#[test]
fn file_to_json_reads_gzip_and_reports_errors() {
    let html = article(
        "<title>Rapat Banjir</title><meta property=\"article:published_time\" content=\"2026-11-26T11:14:00+07:00\">",
        PARAS,
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(html.as_bytes()).unwrap();
    let v = file_to_json("a.html.gz", &gz.finish().unwrap(), fetched());
    assert_eq!(v["file"], "a.html.gz");
    assert_eq!(v["title"], "Rapat Banjir");
    assert_eq!(v["published"], "2026-11-26T11:14:00+07:00");
    assert_eq!(v["language"], "id");
    assert!(
        v["text"]
            .as_str()
            .unwrap()
            .starts_with("Pemerintah Kota Bandung")
    );
    let v = file_to_json("kosong.html", b"<html></html>", fetched());
    assert_eq!(
        v,
        serde_json::json!({"file": "kosong.html", "error": "no article"})
    );
    let v = file_to_json("rusak.gz", b"\x1f\x8b\x08garbage", fetched());
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot decompress")
    );
}

// --- robustness --------------------------------------------------------------

/// Deterministic tag soup (xorshift), through every entry point: no panic.
#[test]
fn random_tag_soup_never_panics() {
    const PIECES: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<a href=\"/x\">",
        "</a>",
        "<table><tr><td>",
        "</td>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#x1F600;",
        "&#99999999;",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "<meta charset=\"koi8-r\">",
        "<title>",
        "</title>",
        "Kamis, 26 November 2026 11:14 WIB",
        "2 jam yang lalu",
        "Baca juga:",
        "\u{0}",
        "\u{fffd}",
        "<rss><channel><item><link>",
        "<urlset><url><loc>",
        "<?xml version=\"1.0\"?>",
        "{\"@type\":",
        "<br>",
        "<h1 class=\"share\">",
        "<li>",
        "<time datetime=\"2026-13-45T99:99\">",
        "é",
        "Ä",
        "<article itemprop=\"articleBody\">",
        "<style>",
        "<svg>",
        "<noscript>",
        " ",
        "\n",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let fetched = fetched();
    for round in 0..300 {
        let mut s = String::new();
        for _ in 0..(round * 7 % 400) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
        }
        let b = s.as_bytes();
        let _ = extract_article(b, &opts().with_url("https://a.id/b/2026/11/26/c"));
        let _ = sinergi_extract::discover_links(b, "https://a.id/");
        let _ = sinergi_extract::parse_feed(b, Some("https://a.id/"));
        let _ = file_to_json("soup", b, fetched);
        // Cut at every byte position class: invalid UTF-8 too.
        let cut = &b[..b.len() / 2];
        let _ = extract_article(cut, &opts());
    }
}
