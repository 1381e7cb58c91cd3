//! Document model shared by the PDF and HTML renderers.

use crate::chart::{ChartSpec, Tone};

/// A report: header data plus a flow of blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub org_name: String,
    /// Already formatted in the viewer's zone, e.g. "Kamis, 26 November 2026 11.14 WIB".
    pub generated_at_text: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1..=3 (larger levels render as 3).
    Heading(u8, String),
    Paragraph(String),
    Bullets(Vec<String>),
    Table(Table),
    Chart(ChartSpec),
    ArticleList(Vec<ArticleItem>),
    PageBreak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// Relative width; columns share the page width in proportion.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(header: &str, width: f32) -> Self {
        Column {
            header: header.to_string(),
            width,
            align: Align::Left,
        }
    }

    pub fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Missing cells render empty; extra cells are ignored.
    pub rows: Vec<Vec<String>>,
}

/// One news article in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleItem {
    pub title: String,
    pub url: String,
    pub outlet: String,
    pub published_text: String,
    pub tone: Tone,
    pub snippet: String,
}

/// Only web links become clickable; anything else (javascript:, data:) is shown as text.
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(u)
}
