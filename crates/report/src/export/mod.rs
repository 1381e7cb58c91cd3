//! Exports of search results. CSV streams row by row to any writer (send it straight into the
//! HTTP body). XLSX is a zip whose directory comes last, so it must be finished before the first
//! byte is sent: write it to a temporary file with [`XlsxExport::create`], call
//! [`XlsxExport::finish`], then stream the file. Both keep memory flat for any number of rows.

mod csv_export;
mod xlsx;

pub use csv_export::{CsvExport, EXPORT_HEADERS, sanitize_cell};
pub use xlsx::XlsxExport;

use crate::chart::Tone;

/// One search result in an export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// Publication time, UTC milliseconds.
    pub published_ms: i64,
    pub title: String,
    pub outlet: String,
    pub url: String,
    pub region: String,
    pub tone: Tone,
    pub issue: String,
}

/// Local wall-clock text "26/11/2026 11.14" for a UTC timestamp and an offset in minutes.
pub fn local_time_text(ms: i64, offset_minutes: i32) -> String {
    let local = ms.saturating_add(i64::from(offset_minutes) * 60_000);
    let (y, m, d) = crate::fmt::civil(local);
    let mins = local.rem_euclid(86_400_000) / 60_000;
    format!("{d:02}/{m:02}/{y} {:02}.{:02}", mins / 60, mins % 60)
}

/// Zone label for the three Indonesian offsets, or "UTC+h".
pub fn zone_label(offset_minutes: i32) -> String {
    match offset_minutes {
        420 => "WIB".to_string(),
        480 => "WITA".to_string(),
        540 => "WIT".to_string(),
        m => format!(
            "UTC{}{}",
            if m < 0 { "-" } else { "+" },
            crate::fmt::num(f64::from(m.abs()) / 60.0)
        ),
    }
}
