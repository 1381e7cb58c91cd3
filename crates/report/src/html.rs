//! Printable HTML rendering of a [`Document`], with the charts inline as SVG.

use crate::chart::svg::escape;
use crate::document::{Align, Block, Document, safe_url};
use std::fmt::Write as _;

const STYLE: &str = "body{font-family:Helvetica,Arial,sans-serif;color:#222;max-width:800px;margin:2em auto;padding:0 1em;line-height:1.45}\
header{border-bottom:1px solid #ccc;margin-bottom:1em}header .org{color:#666;font-size:.9em}\
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em}h3{font-size:1.1em}\
table{border-collapse:collapse;width:100%;margin:1em 0}th{background:#eee;text-align:left}\
th,td{padding:4px 6px;border-bottom:1px solid #ddd;vertical-align:top}td.r,th.r{text-align:right}\
figure{margin:1em 0}figure svg{max-width:100%;height:auto}\
.art{margin:.8em 0;break-inside:avoid}.art .meta{color:#555;font-size:.9em}.art p{margin:.2em 0;color:#444;font-size:.92em}\
.nada{display:inline-block;color:#fff;border-radius:3px;padding:0 6px;font-size:.8em}\
.Positif{background:#2e7d32}.Netral{background:#757575}.Negatif{background:#c62828}\
footer{color:#666;font-size:.85em;border-top:1px solid #ccc;margin-top:2em}\
@media print{body{margin:0;max-width:none}a{color:inherit}.pb{break-after:page}}";

/// Renders the document as one self-contained HTML page; all text is escaped.
pub fn render_html(doc: &Document) -> String {
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        escape(&doc.title)
    );
    let _ = write!(
        s,
        "<header><div class=\"org\">{}</div><h1>{}</h1><div>{}</div></header><main>",
        escape(&doc.org_name),
        escape(&doc.title),
        escape(&doc.subtitle)
    );
    for block in &doc.blocks {
        match block {
            Block::Heading(level, text) => {
                let l = (*level).clamp(1, 3) + 1;
                let _ = write!(s, "<h{l}>{}</h{l}>", escape(text));
            }
            Block::Paragraph(text) => {
                let _ = write!(s, "<p>{}</p>", escape(text));
            }
            Block::Bullets(items) => {
                s.push_str("<ul>");
                for i in items {
                    let _ = write!(s, "<li>{}</li>", escape(i));
                }
                s.push_str("</ul>");
            }
            Block::Table(t) => {
                s.push_str("<table><thead><tr>");
                for c in &t.columns {
                    let class = if c.align == Align::Right {
                        " class=\"r\""
                    } else {
                        ""
                    };
                    let _ = write!(s, "<th{class}>{}</th>", escape(&c.header));
                }
                s.push_str("</tr></thead><tbody>");
                for row in &t.rows {
                    s.push_str("<tr>");
                    for (i, c) in t.columns.iter().enumerate() {
                        let class = if c.align == Align::Right {
                            " class=\"r\""
                        } else {
                            ""
                        };
                        let cell = row.get(i).map(String::as_str).unwrap_or("");
                        let _ = write!(s, "<td{class}>{}</td>", escape(cell));
                    }
                    s.push_str("</tr>");
                }
                s.push_str("</tbody></table>");
            }
            Block::Chart(spec) => {
                let _ = write!(s, "<figure>{}</figure>", spec.to_svg());
            }
            Block::ArticleList(items) => {
                for a in items {
                    s.push_str("<div class=\"art\"><div>");
                    match safe_url(&a.url) {
                        Some(u) => {
                            let _ = write!(
                                s,
                                "<a href=\"{}\" rel=\"noopener noreferrer\"><strong>{}</strong></a>",
                                escape(u),
                                escape(&a.title)
                            );
                        }
                        None => {
                            let _ = write!(s, "<strong>{}</strong>", escape(&a.title));
                        }
                    }
                    let tone = a.tone.label();
                    let _ = write!(
                        s,
                        "</div><div class=\"meta\">{} · {} <span class=\"nada {tone}\">{tone}</span></div>",
                        escape(&a.outlet),
                        escape(&a.published_text)
                    );
                    if !a.snippet.is_empty() {
                        let _ = write!(s, "<p>{}</p>", escape(&a.snippet));
                    }
                    s.push_str("</div>");
                }
            }
            Block::PageBreak => s.push_str("<div class=\"pb\"></div>"),
        }
    }
    let _ = write!(
        s,
        "</main><footer>{} · {}</footer></body></html>",
        escape(&doc.org_name),
        escape(&doc.generated_at_text)
    );
    s
}
