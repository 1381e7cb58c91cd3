#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use sinergi_report::chart::*;

const DAY: i64 = 86_400_000;
const D0: i64 = 1_795_651_200_000; // 26 Nov 2026

fn line(series: Vec<Series>) -> LineChart {
    LineChart {
        title: "Volume <script>alert(1)</script> & co".into(),
        series,
        width: 600.0,
        height: 260.0,
        x_label_fmt: DateFmt::DayMonth,
    }
}

fn series(name: &str, pts: Vec<(i64, f64)>) -> Series {
    Series {
        name: name.into(),
        color: Color::BLUE,
        points: pts,
    }
}

#[test]
fn line_chart_structure_and_escaping() {
    let s = line_chart(&line(vec![
        series(
            "Isu A & B",
            (0..7).map(|i| (D0 + i * DAY, (i * 3) as f64)).collect(),
        ),
        series(
            "<b>Isu C</b>",
            (0..7).map(|i| (D0 + i * DAY, 10.0)).collect(),
        ),
    ]));
    assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 260\""));
    assert!(s.contains("role=\"img\" aria-labelledby="));
    assert_eq!(s.matches("<polyline").count(), 2);
    assert!(!s.contains("<script>") && !s.contains("<b>"));
    assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(s.contains("Isu A &amp; B"));
    assert!(s.contains(">26 Nov<"));
    assert!(s.contains("<desc id="));
    assert!(s.contains("tertinggi 18 pada 2 Des 2026"));
    // Deterministic.
    assert_eq!(
        s,
        line_chart(&line(vec![
            series(
                "Isu A & B",
                (0..7).map(|i| (D0 + i * DAY, (i * 3) as f64)).collect()
            ),
            series(
                "<b>Isu C</b>",
                (0..7).map(|i| (D0 + i * DAY, 10.0)).collect()
            ),
        ]))
    );
}

#[test]
fn nice_ticks_use_1_2_5_steps() {
    assert_eq!(nice_ticks(0.0, 97.0, 5), (0.0, 20.0, 5));
    assert_eq!(nice_ticks(0.0, 1.0, 5), (0.0, 0.2, 5));
    let (start, step, n) = nice_ticks(-3.0, 12.0, 5);
    assert!(start <= -3.0 && start + step * n as f64 >= 12.0);
    assert_eq!(nice_ticks(5.0, 5.0, 5).1, 1.0);
}

#[test]
fn empty_and_degenerate_data() {
    for s in [
        line_chart(&line(vec![])),
        line_chart(&line(vec![series("x", vec![(D0, f64::NAN)])])),
        stacked_bars(&StackedBars {
            title: "t".into(),
            labels: vec![],
            stacks: vec![],
            width: 0.0,
            height: f32::NAN,
        }),
        hbar_chart(&HBarChart {
            title: "t".into(),
            bars: vec![],
            color: Color::BLUE,
            width: 400.0,
            value_fmt: ValueFmt::Number,
        }),
    ] {
        assert!(s.contains(NO_DATA), "{s}");
        assert!(s.ends_with("</svg>"));
        assert!(!s.contains("NaN"));
    }
    // One point: a marker, no polyline, no panic.
    let s = line_chart(&line(vec![series("x", vec![(D0, 4.0)])]));
    assert_eq!(s.matches("<polyline").count(), 0);
    assert!(!s.contains(NO_DATA));
    // Negative values extend the axis below zero.
    let s = line_chart(&line(vec![series("x", vec![(D0, -5.0), (D0 + DAY, 5.0)])]));
    assert!(
        s.contains(">-5<") || s.contains(">-6<") || s.contains(">-10<"),
        "{s}"
    );
}

#[test]
fn ten_thousand_points() {
    let pts: Vec<(i64, f64)> = (0..10_000)
        .map(|i| (D0 + i * DAY, (i % 97) as f64))
        .collect();
    let s = line_chart(&line(vec![series("x", pts)]));
    assert_eq!(s.matches("<polyline").count(), 1);
    assert!(s.len() < 400_000);
}

#[test]
fn stacked_tone_bars() {
    let days: Vec<(i64, ToneCounts)> = (0..5)
        .map(|i| {
            (
                D0 + i * DAY,
                ToneCounts {
                    positif: 2,
                    netral: i as u64,
                    negatif: 1,
                },
            )
        })
        .collect();
    let c = StackedBars::tone_by_day("Nada", &days, DateFmt::DayMonth, 500.0, 220.0);
    let s = stacked_bars(&c);
    // Day 0 has no netral segment: 5*3 - 1 bars.
    assert_eq!(s.matches("class=\"bar\"").count(), 14);
    assert!(s.contains(&Color::NEGATIF.hex()) && s.contains(&Color::POSITIF.hex()));
    assert!(s.contains("Positif: 10. Netral: 10. Negatif: 5."));
    assert_eq!(ChartSpec::StackedBars(c).scene().bar_count(), 14);
}

#[test]
fn hbar_labels_and_values() {
    let s = hbar_chart(&HBarChart {
        title: "Media teratas".into(),
        bars: vec![
            ("Kompas & <Co>".into(), 1250.0),
            ("Detik".into(), -3.0),
            ("Antara".into(), f64::NAN),
        ],
        color: Color::BLUE,
        width: 480.0,
        value_fmt: ValueFmt::Number,
    });
    assert_eq!(s.matches("class=\"bar\"").count(), 3);
    assert!(s.contains("Kompas &amp; &lt;Co&gt;"));
    assert!(s.contains(">1.250<"));
    assert!(s.contains("viewBox=\"0 0 480 108\""));
}

#[test]
fn sparkline_cases() {
    assert!(sparkline(&[], 80.0, 20.0).contains(NO_DATA));
    assert!(sparkline(&[1.0], 80.0, 20.0).contains("<rect"));
    let s = sparkline(&[1.0, f64::NAN, 3.0, 2.0], 80.0, 20.0);
    assert!(s.contains("<polyline") && s.contains("terakhir 2"));
}

proptest! {
    #[test]
    fn never_panics_and_stays_well_formed(
        vals in proptest::collection::vec(prop_oneof![any::<f64>(), -1e6f64..1e6], 0..60),
        days in proptest::collection::vec(-100_000i64..100_000, 0..60),
        w in prop_oneof![Just(f32::NAN), -10f32..2000.0],
        label in ".{0,20}",
    ) {
        let pts: Vec<(i64, f64)> = days.iter().zip(&vals).map(|(d, v)| (d * DAY, *v)).collect();
        let s = line_chart(&LineChart { title: label.clone(), series: vec![series(&label, pts)], width: w, height: w, x_label_fmt: DateFmt::DayMonthYear });
        prop_assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        prop_assert!(!s.contains("NaN"));
        let labels: Vec<String> = vals.iter().map(|_| label.clone()).collect();
        let s = stacked_bars(&StackedBars { title: label.clone(), labels, stacks: vec![Stack { name: label.clone(), color: Color::NETRAL, values: vals.clone() }], width: w, height: 200.0 });
        prop_assert!(!s.contains("NaN"));
        let s = hbar_chart(&HBarChart { title: label.clone(), bars: vals.iter().map(|v| (label.clone(), *v)).collect(), color: Color::BLUE, width: w, value_fmt: ValueFmt::Percent });
        prop_assert!(!s.contains("NaN"));
        let s = sparkline(&vals, w, w);
        prop_assert!(!s.contains("NaN"));
    }
}
