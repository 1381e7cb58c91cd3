//! Sinergi reports: server-rendered SVG charts, PDF and printable HTML documents (the daily
//! clipping report, "kliping harian"), and streamed CSV/XLSX exports of search results.
//!
//! All visible words are Indonesian; labels come from the caller.

pub mod chart;
pub mod clipping;
pub mod document;
pub mod export;
pub mod fmt;
pub mod font;
pub mod html;
pub mod pdf;

mod error;
pub use error::{ReportError, Result};
