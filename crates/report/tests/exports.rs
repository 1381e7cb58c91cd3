#![allow(clippy::unwrap_used, clippy::expect_used)]

use sinergi_report::chart::Tone;
use sinergi_report::export::{CsvExport, EXPORT_HEADERS, ExportRow, XlsxExport, local_time_text};
use std::io::Read;

fn row(i: u64) -> ExportRow {
    ExportRow {
        published_ms: 1_795_651_200_000 + (i as i64) * 60_000,
        title: format!("Gubernur resmikan jembatan “Merah Putih” #{i}"),
        outlet: "Kompas".into(),
        url: format!("https://berita.example.id/{i}"),
        region: "Kota Bandung".into(),
        tone: Tone::Positif,
        issue: "Infrastruktur".into(),
    }
}

#[test]
fn csv_has_bom_and_blocks_formulas() {
    let mut csv = CsvExport::new(Vec::new(), &EXPORT_HEADERS).unwrap();
    csv.write_row(&[
        "=HYPERLINK(\"http://x\")",
        "+62 812",
        "-1",
        "@SUM(A1)",
        "aman, \"kutip\"",
        "",
        "biasa",
    ])
    .unwrap();
    csv.write_export_row(&row(0)).unwrap();
    let bytes = csv.finish().unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("tanggal,judul,media,URL,wilayah,nada,isu")
    );
    assert_eq!(
        lines.next(),
        Some(
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+62 812,'-1,'@SUM(A1),\"aman, \"\"kutip\"\"\",,biasa"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "26/11/2026 07.00 WIB,Gubernur resmikan jembatan “Merah Putih” #0,Kompas,https://berita.example.id/0,Kota Bandung,Positif,Infrastruktur"
        )
    );
}

#[test]
fn local_times() {
    assert_eq!(local_time_text(1_795_651_200_000, 540), "26/11/2026 09.00");
    assert_eq!(
        local_time_text(1_795_651_200_000 - 1, 0),
        "25/11/2026 23.59"
    );
}

#[test]
fn xlsx_100k_rows_is_a_valid_workbook() {
    let dir = std::env::temp_dir().join(format!("sinergi-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hasil.xlsx");
    let mut x = XlsxExport::create(&path).unwrap();
    let mut bad = row(1);
    bad.url = "javascript:alert(1)".into();
    bad.title = "=1+1".into();
    x.write_row(&bad).unwrap();
    for i in 0..100_000 {
        x.write_row(&row(i)).unwrap();
    }
    x.finish().unwrap();
    assert!(x.finish().is_err());

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    // Header + 100,001 rows.
    assert_eq!(sheet.matches("<row ").count(), 100_002);
    assert!(sheet.contains("judul"));
    assert!(sheet.contains("Merah Putih"));
    // Title written as text, never a formula.
    assert!(!sheet.contains("<f>"));
    assert!(sheet.contains("=1+1"));
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("[$-421]dd mmm yyyy"));
    let mut rels = String::new();
    zip.by_name("xl/worksheets/_rels/sheet1.xml.rels")
        .unwrap()
        .read_to_string(&mut rels)
        .unwrap();
    // Hyperlinks up to Excel's per-sheet limit, plain text after it.
    assert!(rels.contains("https://berita.example.id/65000\""));
    assert_eq!(rels.matches("TargetMode=\"External\"").count(), 65_530);
    assert!(!rels.contains("https://berita.example.id/99999"));
    assert!(sheet.contains("https://berita.example.id/99999"));
    assert!(!rels.contains("javascript:"));
    let mut wb = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wb)
        .unwrap();
    assert!(wb.contains("name=\"Hasil\""));
    let _ = std::fs::remove_dir_all(&dir);
}
