use super::{EXPORT_HEADERS, ExportRow};
use crate::{ReportError, Result};
use rust_xlsxwriter::{ExcelDateTime, Format, Url, Workbook};
use std::path::{Path, PathBuf};

/// Excel's rows per sheet; further rows continue on a new sheet so there is no cap.
const MAX_ROWS: u32 = 1_048_576;
/// Excel refuses more hyperlinks than this per sheet; later URLs are written as plain text.
const MAX_LINKS_PER_SHEET: u32 = 65_530;
/// Longest URL Excel accepts as a hyperlink.
const MAX_URL_LEN: usize = 2_079;

/// Streaming XLSX export in rust_xlsxwriter's constant-memory mode: each row goes to a
/// temporary file as it is written, so memory stays flat for millions of rows.
pub struct XlsxExport {
    workbook: Workbook,
    path: PathBuf,
    row: u32,
    sheet_links: u32,
    sheets: u32,
    offset_minutes: i32,
    date_fmt: Format,
    header_fmt: Format,
    link_fmt: Format,
    finished: bool,
}

impl XlsxExport {
    /// Starts an export to `path`; times are shown in WIB unless
    /// [`Self::with_utc_offset_minutes`] says otherwise.
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let mut x = XlsxExport {
            workbook: Workbook::new(),
            path: path.as_ref().to_path_buf(),
            row: 0,
            sheet_links: 0,
            sheets: 0,
            offset_minutes: 420,
            // [$-421] is the Indonesian locale, so Excel writes month names in Indonesian.
            date_fmt: Format::new().set_num_format("[$-421]dd mmm yyyy hh\".\"mm"),
            header_fmt: Format::new().set_bold(),
            link_fmt: Format::new()
                .set_font_color("0563C1")
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            finished: false,
        };
        x.new_sheet()?;
        Ok(x)
    }

    /// Local zone for the date column, in minutes east of UTC (WIB 420, WITA 480, WIT 540).
    pub fn with_utc_offset_minutes(mut self, minutes: i32) -> Self {
        self.offset_minutes = minutes;
        self
    }

    fn new_sheet(&mut self) -> Result<()> {
        self.sheets += 1;
        let name = if self.sheets == 1 {
            "Hasil".to_string()
        } else {
            format!("Hasil {}", self.sheets)
        };
        let header_fmt = self.header_fmt.clone();
        let ws = self.workbook.add_worksheet_with_constant_memory();
        ws.set_name(&name)?;
        for (col, (h, width)) in EXPORT_HEADERS
            .iter()
            .zip([18.0, 60.0, 20.0, 40.0, 18.0, 10.0, 24.0])
            .enumerate()
        {
            let col = col as u16;
            ws.set_column_width(col, width)?;
            ws.write_string_with_format(0, col, *h, &header_fmt)?;
        }
        ws.set_freeze_panes(1, 0)?;
        self.row = 1;
        self.sheet_links = 0;
        Ok(())
    }

    pub fn write_row(&mut self, r: &ExportRow) -> Result<()> {
        if self.finished {
            return Err(ReportError::Finished);
        }
        if self.row >= MAX_ROWS {
            self.new_sheet()?;
        }
        let row = self.row;
        let link_ok = self.sheet_links < MAX_LINKS_PER_SHEET
            && r.url.len() <= MAX_URL_LEN
            && crate::document::safe_url(&r.url).is_some();
        let ws = self
            .workbook
            .worksheets_mut()
            .last_mut()
            .ok_or(ReportError::Finished)?;
        // Excel dates have no zone: store the local wall-clock time of the viewer's zone.
        let secs = r.published_ms.div_euclid(1000) + i64::from(self.offset_minutes) * 60;
        match ExcelDateTime::from_timestamp(secs) {
            Ok(dt) => ws.write_datetime_with_format(row, 0, &dt, &self.date_fmt)?,
            Err(_) => ws.write_string(row, 0, "")?,
        };
        // Cells are text, never formulas: rust_xlsxwriter's write_string does not evaluate '='.
        ws.write_string(row, 1, &r.title)?;
        ws.write_string(row, 2, &r.outlet)?;
        if link_ok {
            ws.write_url_with_format(row, 3, Url::new(r.url.trim()), &self.link_fmt)?;
            self.sheet_links += 1;
        } else {
            ws.write_string(row, 3, &r.url)?;
        }
        ws.write_string(row, 4, &r.region)?;
        ws.write_string(row, 5, r.tone.label())?;
        ws.write_string(row, 6, &r.issue)?;
        self.row += 1;
        Ok(())
    }

    /// Writes the workbook to its path. Call exactly once, before sending the file.
    pub fn finish(&mut self) -> Result<()> {
        if self.finished {
            return Err(ReportError::Finished);
        }
        self.finished = true;
        self.workbook.save(&self.path)?;
        Ok(())
    }
}
