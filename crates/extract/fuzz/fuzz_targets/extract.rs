//! Any bytes through every entry point: must not panic, and must return.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use sinergi_extract::{ExtractOptions, discover_links, extract_article, file_to_json, parse_feed};

fuzz_target!(|data: &[u8]| {
    let fetched = Utc
        .with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
        .single()
        .unwrap_or_default();
    let opts = ExtractOptions::new(fetched)
        .with_url("https://contoh.go.id/berita/2026/11/26/a")
        .with_content_type("text/html; charset=utf-8");
    let _ = extract_article(data, &opts);
    let _ = extract_article(data, &ExtractOptions::new(fetched));
    let _ = discover_links(data, "https://contoh.go.id/");
    let _ = parse_feed(data, Some("https://contoh.go.id/"));
    let _ = file_to_json("fuzz", data, fetched);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = sinergi_extract::date::parse_date(s, fetched, sinergi_extract::date::wib());
    }
});
