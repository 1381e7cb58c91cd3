//! Pantau Media pages: the monitoring dashboard, search with facets, saved searches and exports,
//! article and issue pages, sources, alerts and the daily clipping.

pub mod clipping;
pub mod dashboard;
pub mod search;
pub mod sources;

use axum::Router;
use axum::routing::{get, post};
use sinergi_core::monitor::DayCount;
use sinergi_report::chart::{
    Color, DateFmt, HBarChart, LineChart, Series, StackedBars, ToneCounts, ValueFmt,
};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pantau", get(dashboard::show))
        .route("/pantau/cari", get(search::search))
        .route("/pantau/ekspor.csv", get(search::export_csv))
        .route("/pantau/ekspor.xlsx", get(search::export_xlsx))
        .route("/pantau/berita/{id}", get(search::article))
        .route("/pantau/isu/{id}", get(dashboard::issue))
        .route(
            "/pantau/pencarian",
            get(search::saved_list).post(search::save),
        )
        .route("/pantau/pencarian/{id}/hapus", post(search::delete_saved))
        .route("/pantau/peringatan", get(dashboard::alerts))
        .route("/pantau/sumber", get(sources::list).post(sources::create))
        .route("/pantau/sumber/baru", get(sources::new_form))
        .route(
            "/pantau/sumber/{id}",
            get(sources::show).post(sources::update),
        )
        .route("/pantau/sumber/{id}/ubah", get(sources::edit_form))
        .route("/pantau/sumber/{id}/jeda", post(sources::pause))
        .route("/pantau/sumber/{id}/lanjut", post(sources::resume))
        .route("/pantau/sumber/{id}/ambil", post(sources::poll_now))
        .route("/pantau/kliping", get(clipping::html))
        .route("/pantau/kliping.pdf", get(clipping::pdf))
}

pub fn report_tone(t: &str) -> sinergi_report::chart::Tone {
    match t {
        "positive" => sinergi_report::chart::Tone::Positif,
        "negative" => sinergi_report::chart::Tone::Negatif,
        _ => sinergi_report::chart::Tone::Netral,
    }
}

pub fn tone_label(t: &str) -> &'static str {
    match t {
        "positive" => "Positif",
        "negative" => "Negatif",
        _ => "Netral",
    }
}

/// Volume (line) and tone (stacked bars) charts of a day series, as SVG.
pub fn day_charts(days: &[DayCount], title: &str) -> (String, String) {
    let volume = sinergi_report::chart::line_chart(&LineChart {
        title: format!("Volume berita per hari — {title}"),
        series: vec![
            Series {
                name: "Semua berita".into(),
                color: Color(0x1f, 0x4e, 0x8c),
                points: days.iter().map(|d| (d.day_start, d.total as f64)).collect(),
            },
            Series {
                name: "Negatif".into(),
                color: Color(0xc0, 0x39, 0x2b),
                points: days
                    .iter()
                    .map(|d| (d.day_start, d.negative as f64))
                    .collect(),
            },
        ],
        width: 720.0,
        height: 260.0,
        x_label_fmt: DateFmt::DayMonth,
    });
    let tones: Vec<(i64, ToneCounts)> = days
        .iter()
        .map(|d| {
            (
                d.day_start,
                ToneCounts {
                    positif: d.positive,
                    netral: d.total.saturating_sub(d.positive + d.negative),
                    negatif: d.negative,
                },
            )
        })
        .collect();
    let tone = sinergi_report::chart::stacked_bars(&StackedBars::tone_by_day(
        &format!("Nada pemberitaan per hari — {title}"),
        &tones,
        DateFmt::DayMonth,
        720.0,
        240.0,
    ));
    (volume, tone)
}

pub fn hbar(title: &str, bars: &[(String, u64)]) -> String {
    sinergi_report::chart::hbar_chart(&HBarChart {
        title: title.into(),
        bars: bars.iter().map(|(l, n)| (l.clone(), *n as f64)).collect(),
        color: Color(0x1f, 0x4e, 0x8c),
        width: 420.0,
        value_fmt: ValueFmt::Number,
    })
}
