//! The daily clipping report ("kliping harian"): summary, charts, then articles per issue,
//! most negative first because that is what a PR unit must act on.

use crate::chart::{
    ChartSpec, Color, DateFmt, HBarChart, LineChart, Series, StackedBars, Tone, ToneCounts,
    ValueFmt,
};
use crate::document::{ArticleItem, Block, Column, Document, Table};
use crate::fmt;

/// Articles of one issue. `tone_counts` covers the whole issue, which may hold more articles
/// than are listed; when it is all zero the listed articles are counted instead.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueGroup {
    pub label: String,
    pub articles: Vec<ArticleItem>,
    pub tone_counts: ToneCounts,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClippingInput {
    pub org_name: String,
    /// e.g. "Kamis, 26 November 2026"
    pub date_text: String,
    /// e.g. "Dibuat Kamis, 26 November 2026 11.14 WIB"
    pub generated_at_text: String,
    pub issues: Vec<IssueGroup>,
    /// Article volume per day, one series per issue or source type.
    pub volume_series: Vec<Series>,
    /// (day start UTC ms, counts)
    pub tone_by_day: Vec<(i64, ToneCounts)>,
    /// (outlet name, article count), largest first.
    pub top_outlets: Vec<(String, u64)>,
}

fn counts(issue: &IssueGroup) -> ToneCounts {
    if issue.tone_counts.total() > 0 {
        return issue.tone_counts;
    }
    let mut c = ToneCounts::default();
    for a in &issue.articles {
        c.add(a.tone);
    }
    c
}

/// Builds the clipping document; render it with `pdf::render_pdf` or `html::render_html`.
pub fn build(input: &ClippingInput) -> Document {
    let mut total = ToneCounts::default();
    for issue in &input.issues {
        let c = counts(issue);
        total.positif += c.positif;
        total.netral += c.netral;
        total.negatif += c.negatif;
    }
    let n = total.total();
    let mut blocks = vec![Block::Heading(1, "Ringkasan".to_string())];
    blocks.push(Block::Paragraph(if n == 0 {
        format!("Pada {} tidak ada berita yang tercatat.", input.date_text)
    } else {
        format!(
            "Pada {} tercatat {} berita dalam {} isu: {} positif ({}), {} netral ({}), dan {} negatif ({}).",
            input.date_text,
            fmt::int(n as i64),
            fmt::int(input.issues.len() as i64),
            fmt::int(total.positif as i64),
            fmt::percent(total.positif as f64, n as f64),
            fmt::int(total.netral as i64),
            fmt::percent(total.netral as f64, n as f64),
            fmt::int(total.negatif as i64),
            fmt::percent(total.negatif as f64, n as f64),
        )
    }));
    if !input.issues.is_empty() {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::new("Isu", 4.0),
                Column::new("Berita", 1.0).right(),
                Column::new("Positif", 1.0).right(),
                Column::new("Netral", 1.0).right(),
                Column::new("Negatif", 1.0).right(),
                Column::new("% Negatif", 1.2).right(),
            ],
            rows: input
                .issues
                .iter()
                .map(|i| {
                    let c = counts(i);
                    vec![
                        i.label.clone(),
                        fmt::int(c.total() as i64),
                        fmt::int(c.positif as i64),
                        fmt::int(c.netral as i64),
                        fmt::int(c.negatif as i64),
                        fmt::percent(c.negatif as f64, c.total() as f64),
                    ]
                })
                .collect(),
        }));
    }
    if !input.volume_series.is_empty() {
        blocks.push(Block::Chart(ChartSpec::Line(LineChart {
            title: "Volume berita per hari".to_string(),
            series: input.volume_series.clone(),
            width: 560.0,
            height: 240.0,
            x_label_fmt: DateFmt::DayMonth,
        })));
    }
    if !input.tone_by_day.is_empty() {
        blocks.push(Block::Chart(ChartSpec::StackedBars(
            StackedBars::tone_by_day(
                "Nada pemberitaan per hari",
                &input.tone_by_day,
                DateFmt::DayMonth,
                560.0,
                220.0,
            ),
        )));
    }
    if !input.top_outlets.is_empty() {
        blocks.push(Block::Chart(ChartSpec::HBar(HBarChart {
            title: "Media teratas".to_string(),
            bars: input
                .top_outlets
                .iter()
                .map(|(o, c)| (o.clone(), *c as f64))
                .collect(),
            color: Color::BLUE,
            width: 560.0,
            value_fmt: ValueFmt::Number,
        })));
    }
    for issue in &input.issues {
        blocks.push(Block::Heading(1, format!("Isu: {}", issue.label)));
        if issue.articles.is_empty() {
            blocks.push(Block::Paragraph(
                "Tidak ada berita yang dicantumkan.".to_string(),
            ));
        }
        for tone in [Tone::Negatif, Tone::Netral, Tone::Positif] {
            let items: Vec<ArticleItem> = issue
                .articles
                .iter()
                .filter(|a| a.tone == tone)
                .cloned()
                .collect();
            if items.is_empty() {
                continue;
            }
            blocks.push(Block::Heading(
                3,
                format!("{} ({})", tone.label(), fmt::int(items.len() as i64)),
            ));
            blocks.push(Block::ArticleList(items));
        }
    }
    Document {
        title: "Kliping Harian".to_string(),
        subtitle: input.date_text.clone(),
        org_name: input.org_name.clone(),
        generated_at_text: input.generated_at_text.clone(),
        blocks,
    }
}
