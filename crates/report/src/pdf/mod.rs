//! PDF rendering of a [`Document`] with pdf-writer and the base-14 Helvetica fonts.
//!
//! A small flow layout: blocks are placed top to bottom on A4 pages, breaking pages when the
//! next line does not fit; header and footer ("Halaman 1 dari 3") are added once the page
//! count is known. Charts are drawn from the same [`Scene`] as the SVG, as vector graphics.

use crate::Result;
use crate::chart::{Anchor, Color, Item, Scene};
use crate::document::{Align, ArticleItem, Block, Document, Table, safe_url};
use crate::font::{self, Face};
use pdf_writer::types::{ActionType, AnnotationType};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const CONTENT_TOP: f32 = PAGE_H - 62.0;
const CONTENT_BOTTOM: f32 = 56.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

fn font_name(face: Face) -> Name<'static> {
    match face {
        Face::Regular => Name(b"F1"),
        Face::Bold => Name(b"F2"),
        Face::Oblique => Name(b"F3"),
    }
}

struct Page {
    content: Content,
    /// Clickable areas: rectangle in PDF user space and target URI.
    links: Vec<(Rect, String)>,
}

impl Page {
    fn new() -> Self {
        Page {
            content: Content::new(),
            links: Vec::new(),
        }
    }

    fn text(&mut self, face: Face, size: f32, x: f32, y: f32, bytes: &[u8], color: Color) {
        let (r, g, b) = color.unit();
        let c = &mut self.content;
        c.set_fill_rgb(r, g, b);
        c.begin_text();
        c.set_font(font_name(face), size);
        c.next_line(x, y);
        c.show(Str(bytes));
        c.end_text();
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        let (r, g, b) = color.unit();
        self.content.set_fill_rgb(r, g, b);
        self.content.rect(x, y, w, h);
        self.content.fill_nonzero();
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, color: Color, width: f32) {
        let (r, g, b) = color.unit();
        self.content.set_stroke_rgb(r, g, b);
        self.content.set_line_width(width);
        self.content.move_to(x1, y);
        self.content.line_to(x2, y);
        self.content.stroke();
    }
}

struct Layout {
    done: Vec<Page>,
    page: Page,
    /// Top of the free space on the current page.
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Layout {
            done: Vec::new(),
            page: Page::new(),
            y: CONTENT_TOP,
        }
    }

    fn new_page(&mut self) {
        let full = std::mem::replace(&mut self.page, Page::new());
        self.done.push(full);
        self.y = CONTENT_TOP;
    }

    fn at_top(&self) -> bool {
        self.y >= CONTENT_TOP
    }

    /// Breaks the page unless `h` points still fit.
    fn ensure(&mut self, h: f32) {
        if self.y - h < CONTENT_BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn space(&mut self, h: f32) {
        if !self.at_top() {
            self.y -= h;
        }
    }

    /// Wrapped text, breaking pages between lines. Returns nothing; moves the cursor.
    // Position, style and text are all needed per call; a struct would only add noise.
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        face: Face,
        size: f32,
        leading: f32,
        x: f32,
        width: f32,
        text: &str,
        color: Color,
    ) {
        for line in font::wrap(face, text, size, width) {
            self.ensure(leading);
            let base = self.y - size;
            self.page.text(face, size, x, base, &line, color);
            self.y -= leading;
        }
    }

    fn finish(mut self) -> Vec<Page> {
        self.done.push(self.page);
        self.done
    }
}

/// Renders the document as PDF bytes.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>> {
    let mut l = Layout::new();
    title_block(&mut l, doc);
    for block in &doc.blocks {
        match block {
            Block::Heading(level, text) => heading(&mut l, *level, text),
            Block::Paragraph(text) => {
                l.space(4.0);
                l.lines(
                    Face::Regular,
                    10.0,
                    14.0,
                    MARGIN_X,
                    CONTENT_W,
                    text,
                    Color::TEXT,
                );
                l.space(4.0);
            }
            Block::Bullets(items) => {
                l.space(2.0);
                for item in items {
                    l.ensure(14.0);
                    let bullet = font::encode("•");
                    l.page.text(
                        Face::Regular,
                        10.0,
                        MARGIN_X + 4.0,
                        l.y - 10.0,
                        &bullet,
                        Color::TEXT,
                    );
                    l.lines(
                        Face::Regular,
                        10.0,
                        14.0,
                        MARGIN_X + 16.0,
                        CONTENT_W - 16.0,
                        item,
                        Color::TEXT,
                    );
                }
                l.space(4.0);
            }
            Block::Table(t) => table(&mut l, t),
            Block::Chart(spec) => chart(&mut l, &spec.scene()),
            Block::ArticleList(items) => {
                for item in items {
                    article(&mut l, item);
                }
            }
            Block::PageBreak => {
                if !l.at_top() {
                    l.new_page();
                }
            }
        }
    }
    let pages = l.finish();
    Ok(write_pdf(doc, pages))
}

fn title_block(l: &mut Layout, doc: &Document) {
    l.lines(
        Face::Bold,
        18.0,
        22.0,
        MARGIN_X,
        CONTENT_W,
        &doc.title,
        Color::TEXT,
    );
    if !doc.subtitle.is_empty() {
        l.lines(
            Face::Regular,
            12.0,
            16.0,
            MARGIN_X,
            CONTENT_W,
            &doc.subtitle,
            Color::MUTED,
        );
    }
    l.y -= 4.0;
    l.page
        .hline(MARGIN_X, PAGE_W - MARGIN_X, l.y, Color::GRID, 1.0);
    l.y -= 8.0;
}

fn heading(l: &mut Layout, level: u8, text: &str) {
    let (size, before) = match level {
        0 | 1 => (15.0, 12.0),
        2 => (13.0, 10.0),
        _ => (11.0, 8.0),
    };
    l.space(before);
    let n = font::wrap(Face::Bold, text, size, CONTENT_W).len() as f32;
    // Keep a heading with at least two lines of what follows.
    l.ensure(n * (size + 4.0) + 30.0);
    l.lines(
        Face::Bold,
        size,
        size + 4.0,
        MARGIN_X,
        CONTENT_W,
        text,
        Color::TEXT,
    );
    l.y -= 2.0;
}

const CELL_SIZE: f32 = 9.0;
const CELL_LEADING: f32 = 12.0;
const CELL_PAD: f32 = 4.0;

fn table(l: &mut Layout, t: &Table) {
    if t.columns.is_empty() {
        return;
    }
    let total: f32 = t
        .columns
        .iter()
        .map(|c| {
            if c.width.is_finite() && c.width > 0.0 {
                c.width
            } else {
                1.0
            }
        })
        .sum();
    let widths: Vec<f32> = t
        .columns
        .iter()
        .map(|c| {
            (if c.width.is_finite() && c.width > 0.0 {
                c.width
            } else {
                1.0
            }) / total
                * CONTENT_W
        })
        .collect();
    let header: Vec<Vec<Vec<u8>>> = t
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| font::wrap(Face::Bold, &c.header, CELL_SIZE, w - 2.0 * CELL_PAD))
        .collect();
    let header_lines = header.iter().map(Vec::len).max().unwrap_or(1);
    let header_h = header_lines as f32 * CELL_LEADING + 2.0 * CELL_PAD;

    let draw_header = |l: &mut Layout| {
        l.page.fill_rect(
            MARGIN_X,
            l.y - header_h,
            CONTENT_W,
            header_h,
            Color(0xEE, 0xEE, 0xEE),
        );
        draw_cells(l, t, &widths, &header, 0, header_lines, Face::Bold);
        l.y -= header_h;
    };
    l.space(6.0);
    l.ensure(header_h + CELL_LEADING + 2.0 * CELL_PAD);
    draw_header(l);
    for row in &t.rows {
        let cells: Vec<Vec<Vec<u8>>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                font::wrap(
                    Face::Regular,
                    row.get(i).map(String::as_str).unwrap_or(""),
                    CELL_SIZE,
                    w - 2.0 * CELL_PAD,
                )
            })
            .collect();
        let n = cells.iter().map(Vec::len).max().unwrap_or(1);
        let mut from = 0;
        // A row taller than the rest of the page is split line by line across pages.
        while from < n {
            if l.y - (CELL_LEADING + 2.0 * CELL_PAD) < CONTENT_BOTTOM {
                l.new_page();
                draw_header(l);
            }
            let fit = (((l.y - CONTENT_BOTTOM - 2.0 * CELL_PAD) / CELL_LEADING)
                .floor()
                .max(1.0)) as usize;
            let to = (from + fit).min(n);
            draw_cells(l, t, &widths, &cells, from, to, Face::Regular);
            l.y -= (to - from) as f32 * CELL_LEADING + 2.0 * CELL_PAD;
            l.page
                .hline(MARGIN_X, PAGE_W - MARGIN_X, l.y, Color::GRID, 0.5);
            from = to;
        }
    }
    l.space(6.0);
}

fn draw_cells(
    l: &mut Layout,
    t: &Table,
    widths: &[f32],
    cells: &[Vec<Vec<u8>>],
    from: usize,
    to: usize,
    face: Face,
) {
    let mut x = MARGIN_X;
    for ((col, w), lines) in t.columns.iter().zip(widths).zip(cells) {
        for (k, line) in lines.iter().enumerate().take(to).skip(from) {
            let base = l.y - CELL_PAD - CELL_SIZE - (k - from) as f32 * CELL_LEADING;
            let lx = match col.align {
                Align::Left => x + CELL_PAD,
                Align::Right => x + w - CELL_PAD - font::bytes_width(face, line, CELL_SIZE),
            };
            l.page.text(face, CELL_SIZE, lx, base, line, Color::TEXT);
        }
        x += w;
    }
}

fn chart(l: &mut Layout, scene: &Scene) {
    let scale = (CONTENT_W / scene.width).min(1.0);
    let max_h = CONTENT_TOP - CONTENT_BOTTOM;
    let scale = scale.min(max_h / scene.height);
    let h = scene.height * scale;
    l.space(6.0);
    l.ensure(h);
    draw_scene(&mut l.page, scene, MARGIN_X, l.y, scale);
    l.y -= h + 6.0;
}

/// Draws a chart scene with its top-left corner at (`x0`, `top`) in PDF user space.
fn draw_scene(page: &mut Page, scene: &Scene, x0: f32, top: f32, s: f32) {
    let px = |x: f32| x0 + fin(x) * s;
    let py = |y: f32| top - fin(y) * s;
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
                let (r, g, b) = color.unit();
                let c = &mut page.content;
                c.set_stroke_rgb(r, g, b);
                c.set_line_width(width * s);
                c.move_to(px(*x1), py(*y1));
                c.line_to(px(*x2), py(*y2));
                c.stroke();
            }
            Item::Polyline {
                points,
                color,
                width,
            } => {
                let Some(((fx, fy), rest)) = points.split_first() else {
                    continue;
                };
                let (r, g, b) = color.unit();
                let c = &mut page.content;
                c.set_stroke_rgb(r, g, b);
                c.set_line_width(width * s);
                c.set_line_join(pdf_writer::types::LineJoinStyle::RoundJoin);
                c.move_to(px(*fx), py(*fy));
                for (x, y) in rest {
                    c.line_to(px(*x), py(*y));
                }
                c.stroke();
            }
            Item::Rect {
                x, y, w, h, fill, ..
            } => {
                page.fill_rect(px(*x), py(*y + *h), fin(*w) * s, fin(*h) * s, *fill);
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
                let face = if *bold { Face::Bold } else { Face::Regular };
                let bytes = font::encode(text);
                let size = size * s;
                let w = font::bytes_width(face, &bytes, size);
                let x = match anchor {
                    Anchor::Start => px(*x),
                    Anchor::Middle => px(*x) - w / 2.0,
                    Anchor::End => px(*x) - w,
                };
                page.text(face, size, x, py(*y), &bytes, *color);
            }
        }
    }
}

fn fin(v: f32) -> f32 {
    if v.is_finite() { v } else { 0.0 }
}

const LINK_BLUE: Color = Color(0x1A, 0x4F, 0x8B);

fn article(l: &mut Layout, a: &ArticleItem) {
    let title = font::wrap(Face::Bold, &a.title, 10.5, CONTENT_W);
    let mut snippet = font::wrap(Face::Regular, &a.snippet, 9.0, CONTENT_W);
    if a.snippet.trim().is_empty() {
        snippet.clear();
    }
    if snippet.len() > 3 {
        snippet.truncate(3);
        if let Some(last) = snippet.last_mut() {
            last.extend_from_slice(&font::encode(" …"));
        }
    }
    // Keep title, meta line and the first snippet line together.
    l.ensure(title.len() as f32 * 13.0 + 14.0 + if snippet.is_empty() { 0.0 } else { 12.0 });
    let url = safe_url(&a.url).map(str::to_string);
    for line in &title {
        let base = l.y - 10.5;
        l.page.text(
            Face::Bold,
            10.5,
            MARGIN_X,
            base,
            line,
            if url.is_some() {
                LINK_BLUE
            } else {
                Color::TEXT
            },
        );
        if let Some(u) = &url {
            let w = font::bytes_width(Face::Bold, line, 10.5);
            l.page.links.push((
                Rect::new(MARGIN_X, base - 2.5, MARGIN_X + w, base + 10.0),
                u.clone(),
            ));
        }
        l.y -= 13.0;
    }
    // Tone badge, then outlet and date.
    let badge = font::encode(a.tone.label());
    let bw = font::bytes_width(Face::Bold, &badge, 7.5) + 8.0;
    let base = l.y - 9.0;
    l.page
        .fill_rect(MARGIN_X, base - 2.5, bw, 11.0, a.tone.color());
    l.page
        .text(Face::Bold, 7.5, MARGIN_X + 4.0, base, &badge, Color::WHITE);
    let meta = format!("{} · {}", a.outlet, a.published_text);
    let meta = font::truncate(Face::Regular, &meta, 9.0, CONTENT_W - bw - 6.0);
    l.page.text(
        Face::Regular,
        9.0,
        MARGIN_X + bw + 6.0,
        base,
        &font::encode(&meta),
        Color::MUTED,
    );
    l.y -= 14.0;
    for line in &snippet {
        l.ensure(12.0);
        l.page.text(
            Face::Regular,
            9.0,
            MARGIN_X,
            l.y - 9.0,
            line,
            Color(0x44, 0x44, 0x44),
        );
        l.y -= 12.0;
    }
    l.y -= 7.0;
}

fn header_footer(page: &mut Page, doc: &Document, n: usize, total: usize) {
    let org = font::truncate(Face::Regular, &doc.org_name, 8.0, CONTENT_W * 0.48);
    page.text(
        Face::Regular,
        8.0,
        MARGIN_X,
        PAGE_H - 36.0,
        &font::encode(&org),
        Color::MUTED,
    );
    let title = font::truncate(Face::Regular, &doc.title, 8.0, CONTENT_W * 0.48);
    let tb = font::encode(&title);
    let tw = font::bytes_width(Face::Regular, &tb, 8.0);
    page.text(
        Face::Regular,
        8.0,
        PAGE_W - MARGIN_X - tw,
        PAGE_H - 36.0,
        &tb,
        Color::MUTED,
    );
    page.hline(MARGIN_X, PAGE_W - MARGIN_X, PAGE_H - 42.0, Color::GRID, 0.5);

    page.hline(MARGIN_X, PAGE_W - MARGIN_X, 42.0, Color::GRID, 0.5);
    let generated = font::truncate(Face::Regular, &doc.generated_at_text, 8.0, CONTENT_W * 0.6);
    page.text(
        Face::Regular,
        8.0,
        MARGIN_X,
        30.0,
        &font::encode(&generated),
        Color::MUTED,
    );
    let pn = font::encode(&format!("Halaman {n} dari {total}"));
    let pw = font::bytes_width(Face::Regular, &pn, 8.0);
    page.text(
        Face::Regular,
        8.0,
        PAGE_W - MARGIN_X - pw,
        30.0,
        &pn,
        Color::MUTED,
    );
}

fn write_pdf(doc: &Document, mut pages: Vec<Page>) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let fonts = [
        (Face::Regular, alloc()),
        (Face::Bold, alloc()),
        (Face::Oblique, alloc()),
    ];
    let total = pages.len();
    let mut page_ids = Vec::with_capacity(total);
    let mut plan = Vec::with_capacity(total);
    for page in &pages {
        let id = alloc();
        let content = alloc();
        let annots: Vec<Ref> = page.links.iter().map(|_| alloc()).collect();
        page_ids.push(id);
        plan.push((id, content, annots));
    }

    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(total as i32);
    {
        let mut di = pdf.document_info(info);
        di.title(TextStr(&doc.title));
        di.author(TextStr(&doc.org_name));
        di.creator(TextStr("Sinergi"));
    }
    for (face, id) in fonts {
        pdf.type1_font(id)
            .base_font(Name(face.base_font().as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for (i, (page, (id, content_id, annots))) in pages.iter_mut().zip(plan).enumerate() {
        header_footer(page, doc, i + 1, total);
        let mut p = pdf.page(id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        p.parent(tree);
        p.contents(content_id);
        {
            let mut res = p.resources();
            let mut f = res.fonts();
            for (face, fid) in fonts {
                f.pair(font_name(face), fid);
            }
        }
        if !annots.is_empty() {
            p.annotations(annots.iter().copied());
        }
        p.finish();
        for ((rect, uri), aid) in page.links.iter().zip(&annots) {
            let mut a = pdf.annotation(*aid);
            a.subtype(AnnotationType::Link)
                .rect(*rect)
                .border(0.0, 0.0, 0.0, None);
            a.action()
                .action_type(ActionType::Uri)
                .uri(Str(uri.as_bytes()));
        }
        let raw = std::mem::replace(&mut page.content, Content::new()).finish();
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(raw.as_slice(), 6);
        pdf.stream(content_id, &packed).filter(Filter::FlateDecode);
    }
    pdf.finish()
}
