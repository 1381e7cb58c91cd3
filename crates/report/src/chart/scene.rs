//! Backend-neutral drawing list: a chart is laid out once into a [`Scene`], then written as SVG
//! or drawn into a PDF page, so both outputs show the same picture.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    pub const POSITIF: Color = Color(0x2E, 0x7D, 0x32);
    pub const NETRAL: Color = Color(0x9E, 0x9E, 0x9E);
    pub const NEGATIF: Color = Color(0xC6, 0x28, 0x28);
    pub const BLUE: Color = Color(0x1F, 0x5F, 0xA8);
    pub const TEXT: Color = Color(0x22, 0x22, 0x22);
    pub const MUTED: Color = Color(0x66, 0x66, 0x66);
    pub const GRID: Color = Color(0xE0, 0xE0, 0xE0);
    pub const AXIS: Color = Color(0x99, 0x99, 0x99);
    pub const WHITE: Color = Color(0xFF, 0xFF, 0xFF);

    /// "#rrggbb"
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Components in 0..=1 for PDF operators.
    pub fn unit(self) -> (f32, f32, f32) {
        (
            f32::from(self.0) / 255.0,
            f32::from(self.1) / 255.0,
            f32::from(self.2) / 255.0,
        )
    }
}

/// Horizontal text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One drawing primitive; coordinates have the origin top-left and y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Color,
        width: f32,
    },
    Polyline {
        points: Vec<(f32, f32)>,
        color: Color,
        width: f32,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Color,
        /// Marks data bars so tests and CSS can find them.
        bar: bool,
    },
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        anchor: Anchor,
        color: Color,
        bold: bool,
    },
}

/// A laid-out chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    /// Accessible name (SVG `<title>`).
    pub title: String,
    /// Accessible summary of the data (SVG `<desc>`).
    pub desc: String,
    pub items: Vec<Item>,
}

impl Scene {
    pub(crate) fn new(width: f32, height: f32, title: &str) -> Self {
        Scene {
            width: sane_dim(width, 480.0),
            height: sane_dim(height, 240.0),
            title: title.to_string(),
            desc: String::new(),
            items: Vec::new(),
        }
    }

    // Position, style and text are all needed per call; a struct would only add noise.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text(
        &mut self,
        x: f32,
        y: f32,
        text: impl Into<String>,
        size: f32,
        anchor: Anchor,
        color: Color,
        bold: bool,
    ) {
        self.items.push(Item::Text {
            x,
            y,
            text: text.into(),
            size,
            anchor,
            color,
            bold,
        });
    }

    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, color: Color, width: f32) {
        self.items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            color,
            width,
        });
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Color, bar: bool) {
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            bar,
        });
    }

    /// Number of data bars (for tests and summaries).
    pub fn bar_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Rect { bar: true, .. }))
            .count()
    }
}

/// Width/height guard: callers may pass 0, NaN or absurd sizes.
fn sane_dim(v: f32, default: f32) -> f32 {
    if v.is_finite() && v >= 40.0 {
        v.min(10_000.0)
    } else {
        default
    }
}
