//! Benchmark driver: extracts every file given on the command line (gzip or
//! plain HTML), times extraction only (files are read and decompressed first),
//! writes `{id: {"text", "title", "published"}}` to `--out`, and prints
//! `pages N seconds S pages/s R`.
//!
//! usage: bench --out PRED.json [--repeat K] [--fetched RFC3339] FILE...
use chrono::{DateTime, Utc};
use sinergi_extract::{ExtractOptions, extract_article, maybe_gunzip};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut repeat = 1usize;
    let mut fetched: DateTime<Utc> = Utc::now();
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next(),
            "--repeat" => repeat = args.next().and_then(|r| r.parse().ok()).unwrap_or(1),
            "--fetched" => {
                if let Some(f) = args.next() {
                    fetched = DateTime::parse_from_rfc3339(&f)?.with_timezone(&Utc);
                }
            }
            _ => files.push(a),
        }
    }
    let mut pages = Vec::new();
    for f in &files {
        let raw = std::fs::read(f)?;
        let bytes = maybe_gunzip(&raw)?.into_owned();
        let name = std::path::Path::new(f)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .trim_end_matches(".gz")
            .trim_end_matches(".html")
            .to_string();
        pages.push((name, bytes));
    }
    let opts = ExtractOptions::new(fetched);
    let mut results = serde_json::Map::new();
    let start = Instant::now();
    for r in 0..repeat.max(1) {
        for (name, bytes) in &pages {
            let res = extract_article(bytes, &opts);
            if r == 0 {
                let v = match res {
                    Ok(a) => serde_json::json!({
                        "text": a.text,
                        "title": a.title,
                        "published": a.published.map(|d| d.to_rfc3339()),
                        "url": a.url,
                        "method": a.method,
                    }),
                    Err(e) => serde_json::json!({"text": "", "error": e.to_string()}),
                };
                results.insert(name.clone(), v);
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = pages.len() * repeat.max(1);
    println!(
        "pages {} seconds {:.3} pages/s {:.1}",
        n,
        secs,
        n as f64 / secs
    );
    if let Some(o) = out {
        std::fs::write(o, serde_json::to_string_pretty(&results)?)?;
    }
    Ok(())
}
