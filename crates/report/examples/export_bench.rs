//! Measures CSV and XLSX export speed: `cargo run --release -p sinergi-report --example export_bench [ROWS]`.

use sinergi_report::chart::Tone;
use sinergi_report::export::{CsvExport, EXPORT_HEADERS, ExportRow, XlsxExport};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let rows: Vec<ExportRow> = (0..n)
        .map(|i| ExportRow {
            published_ms: 1_795_651_200_000 + (i as i64) * 60_000,
            title: format!(
                "Pemprov percepat perbaikan jalan provinsi menjelang musim mudik, tahap {i}"
            ),
            outlet: "Kompas".into(),
            url: format!("https://berita.example.id/artikel/{i}"),
            region: "Kota Bandung".into(),
            tone: [Tone::Positif, Tone::Netral, Tone::Negatif][(i % 3) as usize],
            issue: "Infrastruktur".into(),
        })
        .collect();
    let dir = std::env::temp_dir();

    let path = dir.join("sinergi-bench.csv");
    let start = Instant::now();
    let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let mut csv = CsvExport::new(file, &EXPORT_HEADERS)?;
    for r in &rows {
        csv.write_export_row(r)?;
    }
    csv.finish()?;
    let t = start.elapsed();
    println!(
        "CSV : {n} baris dalam {t:.2?} ({:.0} baris/detik, {} KB)",
        n as f64 / t.as_secs_f64(),
        std::fs::metadata(&path)?.len() / 1024
    );

    let path = dir.join("sinergi-bench.xlsx");
    let start = Instant::now();
    let mut x = XlsxExport::create(&path)?;
    for r in &rows {
        x.write_row(r)?;
    }
    x.finish()?;
    let t = start.elapsed();
    println!(
        "XLSX: {n} baris dalam {t:.2?} ({:.0} baris/detik, {} KB)",
        n as f64 / t.as_secs_f64(),
        std::fs::metadata(&path)?.len() / 1024
    );
    Ok(())
}
