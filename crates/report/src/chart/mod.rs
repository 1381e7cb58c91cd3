//! Server-side charts: a data model ([`LineChart`], [`StackedBars`], [`HBarChart`]) is laid out
//! into a backend-neutral [`Scene`], which [`svg::render`] writes as SVG for web pages and
//! `crate::pdf` draws as vector graphics in PDFs. Hand-written (no plotting crate) to keep the
//! dependency tree small and the output deterministic.
//!
//! Bad data never panics: NaN/infinite values are dropped, negative counts become 0 in bar charts,
//! and a chart without data shows "Tidak ada data".

pub mod scene;
pub mod svg;

pub use crate::fmt::DateFmt;
pub use scene::{Anchor, Color, Item, Scene};

use crate::fmt;
use crate::font::{self, Face};

const DAY_MS: i64 = 86_400_000;
/// Shown when a chart has nothing to draw.
pub const NO_DATA: &str = "Tidak ada data";

/// Tone of an article as the monitor classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    Negatif,
    Netral,
    Positif,
}

impl Tone {
    /// Indonesian label.
    pub fn label(self) -> &'static str {
        match self {
            Tone::Positif => "Positif",
            Tone::Netral => "Netral",
            Tone::Negatif => "Negatif",
        }
    }

    pub fn color(self) -> Color {
        match self {
            Tone::Positif => Color::POSITIF,
            Tone::Netral => Color::NETRAL,
            Tone::Negatif => Color::NEGATIF,
        }
    }
}

/// Article counts per tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ToneCounts {
    pub positif: u64,
    pub netral: u64,
    pub negatif: u64,
}

impl ToneCounts {
    pub fn total(&self) -> u64 {
        self.positif
            .saturating_add(self.netral)
            .saturating_add(self.negatif)
    }

    pub fn get(&self, tone: Tone) -> u64 {
        match tone {
            Tone::Positif => self.positif,
            Tone::Netral => self.netral,
            Tone::Negatif => self.negatif,
        }
    }

    pub fn add(&mut self, tone: Tone) {
        match tone {
            Tone::Positif => self.positif += 1,
            Tone::Netral => self.netral += 1,
            Tone::Negatif => self.negatif += 1,
        }
    }
}

/// One line of a [`LineChart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub color: Color,
    /// (day start in UTC milliseconds, value)
    pub points: Vec<(i64, f64)>,
}

/// Values over time, several series.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub title: String,
    pub series: Vec<Series>,
    pub width: f32,
    pub height: f32,
    pub x_label_fmt: DateFmt,
}

/// One layer of a [`StackedBars`] chart, with one value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    pub name: String,
    pub color: Color,
    pub values: Vec<f64>,
}

/// Vertical stacked bars, one per category (usually a day).
#[derive(Debug, Clone, PartialEq)]
pub struct StackedBars {
    pub title: String,
    pub labels: Vec<String>,
    pub stacks: Vec<Stack>,
    pub width: f32,
    pub height: f32,
}

impl StackedBars {
    /// Tone per day: positif green, netral grey, negatif red.
    pub fn tone_by_day(
        title: &str,
        days: &[(i64, ToneCounts)],
        date_fmt: DateFmt,
        width: f32,
        height: f32,
    ) -> Self {
        let stack = |tone: Tone| Stack {
            name: tone.label().to_string(),
            color: tone.color(),
            values: days.iter().map(|(_, c)| c.get(tone) as f64).collect(),
        };
        StackedBars {
            title: title.to_string(),
            labels: days.iter().map(|(d, _)| date_fmt.format(*d)).collect(),
            stacks: vec![
                stack(Tone::Positif),
                stack(Tone::Netral),
                stack(Tone::Negatif),
            ],
            width,
            height,
        }
    }
}

/// How [`HBarChart`] values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValueFmt {
    #[default]
    Number,
    /// Values are shares in 0..=100.
    Percent,
}

/// Horizontal bars (top outlets, share of voice): labels left, values right. The height follows
/// from the number of bars.
#[derive(Debug, Clone, PartialEq)]
pub struct HBarChart {
    pub title: String,
    pub bars: Vec<(String, f64)>,
    pub color: Color,
    pub width: f32,
    pub value_fmt: ValueFmt,
}

/// Any chart a document can hold.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartSpec {
    Line(LineChart),
    StackedBars(StackedBars),
    HBar(HBarChart),
}

impl ChartSpec {
    pub fn scene(&self) -> Scene {
        match self {
            ChartSpec::Line(c) => line_scene(c),
            ChartSpec::StackedBars(c) => stacked_scene(c),
            ChartSpec::HBar(c) => hbar_scene(c),
        }
    }

    pub fn to_svg(&self) -> String {
        svg::render(&self.scene())
    }
}

/// SVG line chart.
pub fn line_chart(chart: &LineChart) -> String {
    svg::render(&line_scene(chart))
}

/// SVG stacked bar chart.
pub fn stacked_bars(chart: &StackedBars) -> String {
    svg::render(&stacked_scene(chart))
}

/// SVG horizontal bar chart.
pub fn hbar_chart(chart: &HBarChart) -> String {
    svg::render(&hbar_scene(chart))
}

/// "Nice" axis: step of 1, 2 or 5 times a power of ten, covering `lo..=hi` in about `target`
/// intervals. Returns (start, step, count of intervals).
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> (f64, f64, usize) {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let span = if hi - lo > f64::EPSILON * hi.abs().max(1.0) {
        hi - lo
    } else {
        hi.abs().max(1.0)
    };
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = if norm <= 1.0 {
        mag
    } else if norm <= 2.0 {
        2.0 * mag
    } else if norm <= 5.0 {
        5.0 * mag
    } else {
        10.0 * mag
    };
    let start = (lo / step).floor() * step;
    let mut count = ((hi - start) / step).ceil().max(1.0) as usize;
    if start + step * count as f64 <= lo {
        count += 1;
    }
    (start, step, count.min(50))
}

const TITLE_Y: f32 = 18.0;
const PLOT_TOP: f32 = 34.0;
const FONT: f32 = 10.0;

fn title(scene: &mut Scene) {
    let t = font::truncate(Face::Bold, &scene.title, 12.0, scene.width - 8.0);
    scene.text(4.0, TITLE_Y, t, 12.0, Anchor::Start, Color::TEXT, true);
}

fn empty(scene: &mut Scene) {
    scene.desc = NO_DATA.to_string();
    title(scene);
    let (w, h) = (scene.width, scene.height);
    scene.rect(
        4.0,
        PLOT_TOP,
        w - 8.0,
        (h - PLOT_TOP - 4.0).max(1.0),
        Color(0xF5, 0xF5, 0xF5),
        false,
    );
    scene.text(
        w / 2.0,
        (PLOT_TOP + h) / 2.0 + 4.0,
        NO_DATA,
        12.0,
        Anchor::Middle,
        Color::MUTED,
        false,
    );
}

/// Draws the value axis with gridlines; returns a mapping value -> y.
fn value_axis(
    scene: &mut Scene,
    lo: f64,
    hi: f64,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
) -> impl Fn(f64) -> f32 + use<> {
    let (start, step, count) = nice_ticks(lo, hi, 5);
    let end = start + step * count as f64;
    let span = (end - start).max(f64::MIN_POSITIVE);
    let map = move |v: f64| bottom - (((v - start) / span) as f32) * (bottom - top);
    for i in 0..=count {
        let v = start + step * i as f64;
        let y = map(v);
        scene.line(left, y, right, y, Color::GRID, 1.0);
        scene.text(
            left - 4.0,
            y + 3.5,
            fmt::num(v),
            FONT,
            Anchor::End,
            Color::MUTED,
            false,
        );
    }
    scene.line(left, bottom, right, bottom, Color::AXIS, 1.0);
    map
}

fn legend(scene: &mut Scene, entries: &[(String, Color)], y: f32, left: f32) {
    let mut x = left;
    for (name, color) in entries {
        let label = font::truncate(Face::Regular, name, FONT, 160.0);
        let w = 14.0 + font::text_width(Face::Regular, &label, FONT) + 14.0;
        if x + w > scene.width {
            scene.text(x, y, "…", FONT, Anchor::Start, Color::MUTED, false);
            break;
        }
        scene.rect(x, y - 8.0, 10.0, 10.0, *color, false);
        scene.text(x + 14.0, y, label, FONT, Anchor::Start, Color::TEXT, false);
        x += w;
    }
}

fn line_scene(c: &LineChart) -> Scene {
    let mut scene = Scene::new(c.width, c.height, &c.title);
    let series: Vec<(&Series, Vec<(i64, f64)>)> = c
        .series
        .iter()
        .map(|s| {
            let mut pts: Vec<(i64, f64)> = s
                .points
                .iter()
                .copied()
                .filter(|(_, v)| v.is_finite())
                .collect();
            pts.sort_by_key(|p| p.0);
            (s, pts)
        })
        .collect();
    let all = series.iter().flat_map(|(_, p)| p.iter());
    let (mut xmin, mut xmax, mut vmin, mut vmax) = (i64::MAX, i64::MIN, 0.0f64, 0.0f64);
    let mut any = false;
    for &(x, v) in all {
        any = true;
        xmin = xmin.min(x);
        xmax = xmax.max(x);
        vmin = vmin.min(v);
        vmax = vmax.max(v);
    }
    if !any {
        empty(&mut scene);
        return scene;
    }
    if xmin == xmax {
        xmin = xmin.saturating_sub(DAY_MS);
        xmax = xmax.saturating_add(DAY_MS);
    }
    // Summary for screen readers.
    let mut desc = format!(
        "Grafik garis, {} seri, {} sampai {}.",
        series.len(),
        DateFmt::DayMonthYear.format(xmin),
        DateFmt::DayMonthYear.format(xmax)
    );
    for (s, pts) in series.iter().take(8) {
        let total: f64 = pts.iter().map(|p| p.1).sum();
        match pts
            .iter()
            .copied()
            .reduce(|a, b| if b.1 > a.1 { b } else { a })
        {
            Some((px, pv)) => desc.push_str(&format!(
                " {}: total {}, tertinggi {} pada {}.",
                s.name,
                fmt::num(total),
                fmt::num(pv),
                DateFmt::DayMonthYear.format(px)
            )),
            None => desc.push_str(&format!(" {}: {}.", s.name, NO_DATA)),
        }
    }
    scene.desc = desc;
    title(&mut scene);

    let (w, h) = (scene.width, scene.height);
    let left = 48.0;
    let right = w - 12.0;
    let bottom = (h - 44.0).max(PLOT_TOP + 10.0);
    let map_y = value_axis(&mut scene, vmin, vmax, left, right, PLOT_TOP, bottom);
    let xspan = (xmax - xmin) as f64;
    let map_x = |x: i64| left + (((x - xmin) as f64 / xspan) as f32) * (right - left);

    // Date ticks on whole days, few enough to stay readable.
    let days = (xspan / DAY_MS as f64).ceil().max(1.0);
    let max_labels = ((right - left) / 64.0).max(1.0) as f64;
    let step_days = [
        1.0, 2.0, 7.0, 14.0, 30.0, 61.0, 91.0, 182.0, 365.0, 730.0, 1825.0, 3650.0,
    ]
    .into_iter()
    .find(|s| days / s <= max_labels)
    .unwrap_or((days / max_labels).ceil());
    let mut k = 0.0;
    while k <= days {
        let x = xmin.saturating_add((k * DAY_MS as f64) as i64);
        if x > xmax {
            break;
        }
        let px = map_x(x);
        scene.line(px, bottom, px, bottom + 4.0, Color::AXIS, 1.0);
        scene.text(
            px,
            bottom + 15.0,
            c.x_label_fmt.format(x),
            FONT,
            Anchor::Middle,
            Color::MUTED,
            false,
        );
        k += step_days;
    }

    for (s, pts) in &series {
        match pts.as_slice() {
            [] => {}
            [(x, v)] => scene.rect(map_x(*x) - 2.5, map_y(*v) - 2.5, 5.0, 5.0, s.color, false),
            _ => scene.items.push(Item::Polyline {
                points: pts.iter().map(|(x, v)| (map_x(*x), map_y(*v))).collect(),
                color: s.color,
                width: 2.0,
            }),
        }
    }
    let entries: Vec<(String, Color)> = series
        .iter()
        .map(|(s, _)| (s.name.clone(), s.color))
        .collect();
    legend(&mut scene, &entries, h - 8.0, left);
    scene
}

fn clean_count(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 { v } else { 0.0 }
}

fn stacked_scene(c: &StackedBars) -> Scene {
    let mut scene = Scene::new(c.width, c.height, &c.title);
    let n = c.labels.len();
    if n == 0 || c.stacks.is_empty() {
        empty(&mut scene);
        return scene;
    }
    let value = |s: &Stack, i: usize| clean_count(s.values.get(i).copied().unwrap_or(0.0));
    let totals: Vec<f64> = (0..n)
        .map(|i| c.stacks.iter().map(|s| value(s, i)).sum())
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max);
    let mut desc = format!(
        "Grafik batang bertumpuk, {n} kategori ({} sampai {}).",
        c.labels[0],
        c.labels[n - 1]
    );
    for s in &c.stacks {
        let t: f64 = (0..n).map(|i| value(s, i)).sum();
        desc.push_str(&format!(" {}: {}.", s.name, fmt::num(t)));
    }
    scene.desc = desc;
    title(&mut scene);

    let (w, h) = (scene.width, scene.height);
    let left = 48.0;
    let right = w - 12.0;
    let bottom = (h - 44.0).max(PLOT_TOP + 10.0);
    let map_y = value_axis(&mut scene, 0.0, max, left, right, PLOT_TOP, bottom);
    let slot = (right - left) / n as f32;
    let bar_w = (slot * 0.7).max(0.5);
    let label_every = ((n as f32 * 60.0) / (right - left)).ceil().max(1.0) as usize;
    for i in 0..n {
        let x = left + slot * i as f32 + (slot - bar_w) / 2.0;
        let mut acc = 0.0;
        for s in &c.stacks {
            let v = value(s, i);
            if v <= 0.0 {
                continue;
            }
            let (y0, y1) = (map_y(acc), map_y(acc + v));
            scene.rect(x, y1, bar_w, (y0 - y1).max(0.0), s.color, true);
            acc += v;
        }
        if i % label_every == 0 {
            let label = font::truncate(
                Face::Regular,
                &c.labels[i],
                FONT,
                slot * label_every as f32 - 2.0,
            );
            scene.text(
                x + bar_w / 2.0,
                bottom + 15.0,
                label,
                FONT,
                Anchor::Middle,
                Color::MUTED,
                false,
            );
        }
    }
    let entries: Vec<(String, Color)> =
        c.stacks.iter().map(|s| (s.name.clone(), s.color)).collect();
    legend(&mut scene, &entries, h - 8.0, left);
    scene
}

const HBAR_ROW: f32 = 22.0;

fn hbar_scene(c: &HBarChart) -> Scene {
    let n = c.bars.len();
    let height = if n == 0 {
        120.0
    } else {
        PLOT_TOP + HBAR_ROW * n as f32 + 8.0
    };
    let mut scene = Scene::new(c.width, height, &c.title);
    if n == 0 {
        empty(&mut scene);
        return scene;
    }
    let format = |v: f64| match c.value_fmt {
        ValueFmt::Number => fmt::num(v),
        ValueFmt::Percent => format!("{}%", fmt::num((v * 10.0).round() / 10.0)),
    };
    let values: Vec<f64> = c.bars.iter().map(|(_, v)| clean_count(*v)).collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let mut desc = format!("Grafik batang mendatar, {n} baris.");
    for ((label, _), v) in c.bars.iter().zip(&values).take(20) {
        desc.push_str(&format!(" {label}: {}.", format(*v)));
    }
    scene.desc = desc;
    title(&mut scene);

    let w = scene.width;
    let label_w = (w * 0.38).min(220.0);
    let value_w = values
        .iter()
        .map(|v| font::text_width(Face::Regular, &format(*v), FONT))
        .fold(0.0, f32::max)
        + 8.0;
    let bar_left = label_w + 8.0;
    let bar_max = (w - value_w - 4.0 - bar_left).max(1.0);
    for (i, ((label, _), v)) in c.bars.iter().zip(&values).enumerate() {
        let y = PLOT_TOP + HBAR_ROW * i as f32;
        let text = font::truncate(Face::Regular, label, FONT, label_w - 4.0);
        scene.text(
            label_w,
            y + 14.0,
            text,
            FONT,
            Anchor::End,
            Color::TEXT,
            false,
        );
        let bw = if max > 0.0 {
            (*v / max) as f32 * bar_max
        } else {
            0.0
        };
        scene.rect(
            bar_left,
            y + 4.0,
            bw.max(0.0),
            HBAR_ROW - 8.0,
            c.color,
            true,
        );
        scene.text(
            w - 4.0,
            y + 14.0,
            format(*v),
            FONT,
            Anchor::End,
            Color::TEXT,
            false,
        );
    }
    scene
}

/// A tiny trend line without axes, for tables and cards.
pub fn sparkline(values: &[f64], width: f32, height: f32) -> String {
    let w = if width.is_finite() && width >= 4.0 {
        width.min(2000.0)
    } else {
        80.0
    };
    let h = if height.is_finite() && height >= 4.0 {
        height.min(500.0)
    } else {
        20.0
    };
    let vals: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let label = match vals.last() {
        None => NO_DATA.to_string(),
        Some(last) => format!(
            "Tren {} nilai, terendah {}, tertinggi {}, terakhir {}",
            vals.len(),
            fmt::num(vals.iter().copied().fold(f64::INFINITY, f64::min)),
            fmt::num(vals.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
            fmt::num(*last)
        ),
    };
    let mut scene = Scene {
        width: w,
        height: h,
        title: label.clone(),
        desc: label,
        items: Vec::new(),
    };
    let (lo, hi) = vals
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let map_y = |v: f64| {
        if hi > lo {
            h - 2.0 - ((v - lo) / span) as f32 * (h - 4.0)
        } else {
            h / 2.0
        }
    };
    match vals.len() {
        0 => scene.line(1.0, h / 2.0, w - 1.0, h / 2.0, Color::GRID, 1.0),
        1 => scene.rect(w / 2.0 - 1.5, h / 2.0 - 1.5, 3.0, 3.0, Color::BLUE, false),
        len => {
            let dx = (w - 2.0) / (len - 1) as f32;
            scene.items.push(Item::Polyline {
                points: vals
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (1.0 + dx * i as f32, map_y(*v)))
                    .collect(),
                color: Color::BLUE,
                width: 1.5,
            });
        }
    }
    svg::render(&scene)
}
