#![allow(clippy::unwrap_used, clippy::expect_used)]

use sinergi_report::chart::{Color, Series, Tone, ToneCounts};
use sinergi_report::clipping::{self, ClippingInput, IssueGroup};
use sinergi_report::document::{ArticleItem, Block, Column, Document, Table};
use sinergi_report::html::render_html;
use sinergi_report::pdf::render_pdf;
use std::process::Command;
use std::time::Instant;

const DAY: i64 = 86_400_000;
const D0: i64 = 1_795_651_200_000;

fn article(i: usize) -> ArticleItem {
    let tone = [Tone::Negatif, Tone::Netral, Tone::Positif][i % 3];
    ArticleItem {
        title: format!("Pemprov Jawa Barat “percepat” perbaikan jalan – tahap {i}"),
        url: format!("https://berita.example.id/artikel/{i}"),
        outlet: ["Kompas", "Detik", "Antara"][i % 3].to_string(),
        published_text: "Kamis, 26 November 2026 11.14 WIB".to_string(),
        tone,
        snippet: "Gubernur menyampaikan bahwa perbaikan jalan provinsi sepanjang 120 km akan selesai sebelum musim mudik; warga diminta melapor kerusakan melalui kanal resmi.".to_string(),
    }
}

fn input(n: usize) -> ClippingInput {
    let issues = (0..3)
        .map(|k| IssueGroup {
            label: format!("Infrastruktur {k} & <jalan>"),
            articles: (0..n).filter(|i| i % 3 == k).map(article).collect(),
            tone_counts: ToneCounts::default(),
        })
        .collect();
    ClippingInput {
        org_name: "Diskominfo Provinsi Jawa Barat".into(),
        date_text: "Kamis, 26 November 2026".into(),
        generated_at_text: "Dibuat Kamis, 26 November 2026 11.14 WIB".into(),
        issues,
        volume_series: vec![Series {
            name: "Semua".into(),
            color: Color::BLUE,
            points: (0..7).map(|i| (D0 + i * DAY, 10.0 + i as f64)).collect(),
        }],
        tone_by_day: (0..7)
            .map(|i| {
                (
                    D0 + i * DAY,
                    ToneCounts {
                        positif: 3,
                        netral: 2,
                        negatif: i as u64,
                    },
                )
            })
            .collect(),
        top_outlets: vec![
            ("Kompas".into(), 40),
            ("Detik".into(), 30),
            ("Antara".into(), 12),
        ],
    }
}

fn page_count(pdf: &[u8]) -> usize {
    count(pdf, b"/Type /Page") - count(pdf, b"/Type /Pages")
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

fn pdftotext(pdf: &[u8], name: &str) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        println!("pdftotext tidak tersedia: pemeriksaan teks PDF dilewati");
        return None;
    }
    let dir = std::env::temp_dir().join(format!("sinergi-report-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn clipping_pdf_has_pages_text_and_links() {
    let doc = clipping::build(&input(300));
    let pdf = render_pdf(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
    let pages = page_count(&pdf);
    assert!(pages >= 5, "only {pages} pages");
    assert_eq!(count(&pdf, b"/Subtype /Link"), 300);
    assert!(count(&pdf, b"/URI (https://berita.example.id/artikel/") >= 300);
    if let Some(text) = pdftotext(&pdf, "clip") {
        assert!(text.contains("Kliping Harian"));
        assert!(text.contains("Halaman 2 dari"));
        assert!(text.contains(&format!("Halaman {pages} dari {pages}")));
        assert!(text.contains("“percepat”"), "curly quotes survive WinAnsi");
        assert!(text.contains("Diskominfo Provinsi Jawa Barat"));
        assert!(text.contains("Infrastruktur 0 & <jalan>"));
        assert!(text.contains("tercatat 300 berita dalam 3 isu"));
        assert!(text.contains("Media teratas"));
    }
}

#[test]
fn generic_document_table_splits_rows_and_escapes_html() {
    let long = "kata ".repeat(2_000);
    let doc = Document {
        title: "Laporan <Umum> & Uji".into(),
        subtitle: "Subjudul".into(),
        org_name: "Pusat Penerangan".into(),
        generated_at_text: "26 November 2026".into(),
        blocks: vec![
            Block::Heading(1, "Tabel".into()),
            Block::Table(Table {
                columns: vec![
                    Column::new("Nama", 2.0),
                    Column::new("Keterangan", 5.0),
                    Column::new("Jumlah", 1.0).right(),
                ],
                rows: vec![
                    vec!["Baris panjang".into(), long, "1.250".into()],
                    vec!["Pendek".into()],
                ],
            }),
            Block::Bullets(vec!["Satu".into(), "Dua — tiga".into()]),
            Block::PageBreak,
            Block::Paragraph("Akhir dokumen. 漢字 diganti tanda tanya.".into()),
            Block::ArticleList(vec![ArticleItem {
                url: "javascript:alert(1)".into(),
                ..article(1)
            }]),
        ],
    };
    let pdf = render_pdf(&doc).unwrap();
    assert!(page_count(&pdf) >= 3);
    assert_eq!(count(&pdf, b"javascript:"), 0);
    if let Some(text) = pdftotext(&pdf, "generic") {
        assert!(text.contains("Akhir dokumen. ?? diganti"));
        assert!(text.contains("Dua — tiga"));
        // Header row is repeated on the page the long row continues on.
        assert!(text.matches("Keterangan").count() >= 2);
    }
    let html = render_html(&doc);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Laporan &lt;Umum&gt; &amp; Uji"));
    assert!(!html.contains("javascript:"));
    assert!(html.contains("<html lang=\"id\">"));
}

#[test]
fn clipping_html_inlines_svg() {
    let html = render_html(&clipping::build(&input(30)));
    assert_eq!(html.matches("<svg").count(), 3);
    assert!(html.contains("Infrastruktur 0 &amp; &lt;jalan&gt;"));
    assert!(html.contains("href=\"https://berita.example.id/artikel/0\""));
    assert!(html.contains("class=\"nada Negatif\""));
}

#[test]
fn empty_clipping_renders() {
    let mut i = input(0);
    i.issues.clear();
    i.volume_series.clear();
    let doc = clipping::build(&i);
    let pdf = render_pdf(&doc).unwrap();
    assert_eq!(page_count(&pdf), 1);
    if let Some(text) = pdftotext(&pdf, "empty") {
        assert!(text.contains("tidak ada berita"));
        assert!(text.contains("Halaman 1 dari 1"));
    }
}

#[test]
fn two_thousand_articles_timing() {
    let start = Instant::now();
    let doc = clipping::build(&input(2_000));
    let pdf = render_pdf(&doc).unwrap();
    std::fs::write(std::env::temp_dir().join("sinergi-kliping-2000.pdf"), &pdf).unwrap();
    println!(
        "2.000 artikel: {} halaman, {} KB, {:?}",
        page_count(&pdf),
        pdf.len() / 1024,
        start.elapsed()
    );
    assert!(page_count(&pdf) > 20);
}
