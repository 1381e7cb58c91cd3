//! SVG backend for [`Scene`].

use super::scene::{Anchor, Item, Scene};
use std::fmt::Write as _;

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal, no "-0", no NaN: output must be deterministic and valid.
pub(crate) fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        return "0".to_string();
    }
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Stable id from the content (FNV-1a) so several charts on one page never share ids.
pub(crate) fn stable_id(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xFF)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("c{:012x}", h & 0xFFFF_FFFF_FFFF)
}

/// Writes a scene as a standalone, accessible `<svg>` element.
pub fn render(scene: &Scene) -> String {
    let id = stable_id(&[&scene.title, &scene.desc, &scene.items.len().to_string()]);
    let (w, h) = (n(scene.width), n(scene.height));
    let mut s = String::with_capacity(1024 + scene.items.len() * 80);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-t {id}-d" font-family="Helvetica, Arial, sans-serif">"#
    );
    let _ = write!(
        s,
        r#"<title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(&scene.title),
        escape(&scene.desc)
    );
    let _ = write!(s, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    for item in &scene.items {
        match item {
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width,
            } => {
                let _ = write!(
                    s,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                    n(*x1),
                    n(*y1),
                    n(*x2),
                    n(*y2),
                    color.hex(),
                    n(*width)
                );
            }
            Item::Polyline {
                points,
                color,
                width,
            } => {
                s.push_str(
                    r#"<polyline class="series" fill="none" stroke-linejoin="round" points=""#,
                );
                for (i, (x, y)) in points.iter().enumerate() {
                    if i > 0 {
                        s.push(' ');
                    }
                    let _ = write!(s, "{},{}", n(*x), n(*y));
                }
                let _ = write!(
                    s,
                    r#"" stroke="{}" stroke-width="{}"/>"#,
                    color.hex(),
                    n(*width)
                );
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                bar,
            } => {
                let class = if *bar { r#" class="bar""# } else { "" };
                let _ = write!(
                    s,
                    r#"<rect{class} x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                    n(*x),
                    n(*y),
                    n(*w),
                    n(*h),
                    fill.hex()
                );
            }
            Item::Text {
                x,
                y,
                text,
                size,
                anchor,
                color,
                bold,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let weight = if *bold { r#" font-weight="bold""# } else { "" };
                let _ = write!(
                    s,
                    r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" fill="{}"{weight}>{}</text>"#,
                    n(*x),
                    n(*y),
                    n(*size),
                    color.hex(),
                    escape(text)
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}
