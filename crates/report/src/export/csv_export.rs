use super::{ExportRow, local_time_text, zone_label};
use crate::Result;
use std::io::Write;

/// Column headers of a search-result export.
pub const EXPORT_HEADERS: [&str; 7] =
    ["tanggal", "judul", "media", "URL", "wilayah", "nada", "isu"];

/// Streaming CSV with a UTF-8 byte-order mark so Excel reads Indonesian text correctly.
pub struct CsvExport<W: Write> {
    writer: csv::Writer<W>,
    offset_minutes: i32,
}

/// Neutralises spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with
/// `= + - @`, a tab or a carriage return gets a leading apostrophe so it stays text.
pub fn sanitize_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

impl<W: Write> CsvExport<W> {
    /// Writes the BOM and the header row. Times in [`Self::write_export_row`] are shown in WIB
    /// unless [`Self::with_utc_offset_minutes`] says otherwise.
    pub fn new(mut writer: W, headers: &[&str]) -> Result<Self> {
        writer.write_all(b"\xEF\xBB\xBF")?;
        let mut writer = csv::Writer::from_writer(writer);
        writer.write_record(
            headers
                .iter()
                .map(|h| sanitize_cell(h))
                .map(|c| c.into_owned()),
        )?;
        Ok(CsvExport {
            writer,
            offset_minutes: 420,
        })
    }

    /// Rows only, without the BOM and header row: the continuation of a CSV streamed in parts
    /// (the first part made with [`Self::new`]).
    pub fn rows_only(writer: W) -> Self {
        CsvExport {
            writer: csv::Writer::from_writer(writer),
            offset_minutes: 420,
        }
    }

    /// Local zone for dates, in minutes east of UTC (WIB 420, WITA 480, WIT 540).
    pub fn with_utc_offset_minutes(mut self, minutes: i32) -> Self {
        self.offset_minutes = minutes;
        self
    }

    pub fn write_row(&mut self, cells: &[&str]) -> Result<()> {
        self.writer.write_record(
            cells
                .iter()
                .map(|c| sanitize_cell(c))
                .map(|c| c.into_owned()),
        )?;
        Ok(())
    }

    /// A search result in the [`EXPORT_HEADERS`] column order.
    pub fn write_export_row(&mut self, row: &ExportRow) -> Result<()> {
        let when = format!(
            "{} {}",
            local_time_text(row.published_ms, self.offset_minutes),
            zone_label(self.offset_minutes)
        );
        self.write_row(&[
            &when,
            &row.title,
            &row.outlet,
            &row.url,
            &row.region,
            row.tone.label(),
            &row.issue,
        ])
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> Result<W> {
        self.writer
            .into_inner()
            .map_err(|e| crate::ReportError::Io(e.into_error()))
    }
}
