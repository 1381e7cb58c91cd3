//! Plain text and excerpts from (sanitised) HTML.

use crate::lexer::{Token, decode_entities, tokenize};
use crate::sanitize::sanitize;

/// Builds plain text from the canonical token stream.
#[derive(Default)]
struct TextWriter {
    out: String,
    /// Newlines owed before the next visible character (0, 1 or 2).
    pending_break: usize,
    pending_space: bool,
    /// Marker ("- ", "2. ") owed to the next visible character of a list item.
    pending_prefix: Option<String>,
    /// Open lists: `Some(next_number)` for `<ol>`, `None` for `<ul>`.
    lists: Vec<Option<usize>>,
    pre_depth: usize,
    /// Whether the current table row already had a cell.
    cell_in_row: bool,
    cell_depth: usize,
}

impl TextWriter {
    fn request_break(&mut self, n: usize) {
        // Inside a list item that has not shown its text yet, block starts do not add blank
        // lines between the marker and the text.
        if self.pending_prefix.is_some() {
            return;
        }
        // Inside a table cell, blocks are separated by a space.
        if self.cell_depth > 0 {
            self.pending_space = true;
            return;
        }
        // Inside lists, blocks are separated by line breaks only: items stay together.
        let n = if self.lists.is_empty() { n } else { n.min(1) };
        self.pending_break = self.pending_break.max(n);
    }

    /// Writes owed separators before a visible character.
    fn flush(&mut self) {
        if !self.out.is_empty() {
            if self.pending_break > 0 {
                while self.out.ends_with(' ') {
                    self.out.pop();
                }
                for _ in 0..self.pending_break {
                    self.out.push('\n');
                }
            } else if self.pending_space && !self.out.ends_with(['\n', ' ']) {
                self.out.push(' ');
            }
        }
        self.pending_break = 0;
        self.pending_space = false;
        if let Some(prefix) = self.pending_prefix.take() {
            self.out.push_str(&prefix);
        }
    }

    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        for c in decoded.chars() {
            let c = if c == '\u{a0}' { ' ' } else { c };
            if self.pre_depth > 0 {
                if c == '\n' {
                    self.out.push('\n');
                } else {
                    if self.pending_break > 0 || self.pending_prefix.is_some() {
                        self.flush();
                    }
                    self.out.push(c);
                }
            } else if c.is_whitespace() {
                self.pending_space = true;
            } else if c != '\u{ad}' {
                self.flush();
                self.out.push(c);
            }
        }
    }

    fn start(&mut self, name: &str) {
        match name {
            "p" | "h2" | "h3" | "h4" | "blockquote" | "figure" | "table" | "hr" => {
                self.request_break(2);
            }
            "pre" => {
                self.request_break(2);
                self.pre_depth += 1;
            }
            "figcaption" => self.request_break(1),
            "ul" | "ol" => {
                self.request_break(if self.lists.is_empty() { 2 } else { 1 });
                self.lists.push((name == "ol").then_some(1));
            }
            "li" => {
                self.pending_prefix = None;
                self.request_break(1);
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                self.pending_prefix = Some(format!("{}{marker}", "  ".repeat(depth)));
            }
            "tr" => {
                self.request_break(1);
                self.cell_in_row = false;
            }
            "td" | "th" => {
                if self.cell_in_row {
                    self.pending_space = false;
                    self.flush();
                    self.out.push_str(" | ");
                }
                self.cell_in_row = true;
                self.cell_depth += 1;
            }
            "br" if !self.out.is_empty() => {
                self.pending_break = (self.pending_break + 1).min(2);
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" | "h2" | "h3" | "h4" | "blockquote" | "figure" | "table" => self.request_break(2),
            "pre" => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.request_break(2);
            }
            "td" | "th" => self.cell_depth = self.cell_depth.saturating_sub(1),
            "figcaption" | "li" | "tr" => {
                self.pending_prefix = None;
                self.request_break(1);
            }
            "ul" | "ol" => {
                self.lists.pop();
                self.pending_prefix = None;
                self.request_break(if self.lists.is_empty() { 2 } else { 1 });
            }
            _ => {}
        }
    }
}

/// See [`crate::plain_text`].
pub fn plain_text(html: &str) -> String {
    let clean = sanitize(html);
    let mut w = TextWriter::default();
    for token in tokenize(&clean) {
        match token {
            Token::Text(t) => w.text(t),
            Token::Start { name, .. } => w.start(&name),
            Token::End { name, .. } => w.end(&name),
            _ => {}
        }
    }
    let trimmed_len = w.out.trim_end().len();
    w.out.truncate(trimmed_len);
    w.out
}

/// Abbreviations whose full stop does not end a sentence (lower case, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "dr", "drs", "dra", "ir", "h", "hj", "kh", "prof", "no", "jl", "jln", "kab", "kec", "kel",
    "prov", "st", "sdr", "sdri", "bpk", "tgl", "pt", "cv", "tbk", "rp", "mr", "mrs", "ny", "nn",
];

/// Whether the sentence-ending character at `chars[i]` really ends a sentence.
fn ends_sentence(chars: &[char], i: usize) -> bool {
    if chars[i] != '.' {
        return true; // '!' or '?'
    }
    let start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let word: String = chars[start..i]
        .iter()
        .filter(|c| !matches!(c, '(' | '"' | '\'' | '“' | '‘'))
        .collect::<String>()
        .to_lowercase();
    if word.chars().count() <= 1 {
        return false; // an initial, as in "M. Yusuf"
    }
    // "S.H." or "a.n." are abbreviations; "Rp1.250.000." is a number ending a sentence.
    if word.contains('.') && word.chars().any(char::is_alphabetic) {
        return false;
    }
    !ABBREVIATIONS.contains(&word.as_str())
}

/// See [`crate::excerpt`].
pub fn excerpt(html: &str, max_chars: usize) -> String {
    let flat = plain_text(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let chars: Vec<char> = flat.chars().collect();
    if chars.len() <= max_chars {
        return flat;
    }
    if max_chars == 0 {
        return String::new();
    }
    // The longest run of whole sentences that fits.
    let mut best_sentence_end = 0;
    for i in 0..max_chars.min(chars.len()) {
        if !matches!(chars[i], '.' | '!' | '?') {
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && matches!(chars[end], '"' | '\'' | '”' | '’' | ')') {
            end += 1;
        }
        let at_boundary = end == chars.len() || chars[end] == ' ';
        if end <= max_chars && at_boundary && ends_sentence(&chars, i) {
            best_sentence_end = end;
        }
    }
    // Whole sentences are nicer, unless they leave most of the room unused.
    if best_sentence_end > 0 && best_sentence_end * 2 >= max_chars {
        return chars[..best_sentence_end].iter().collect();
    }
    let limit = max_chars - 1; // room for the ellipsis
    let cut = chars[..=limit.min(chars.len() - 1)]
        .iter()
        .rposition(|&c| c == ' ')
        .filter(|&p| p > 0)
        .unwrap_or(limit);
    let mut s: String = chars[..cut].iter().collect();
    let keep = s
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—(".contains(c))
        .len();
    s.truncate(keep);
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_entities() {
        let html = "<h1>Judul</h1><p>Satu &amp; dua&nbsp;tiga.</p><ul><li>Apel</li><li>Jeruk <b>manis</b></li></ul><ol><li>Pertama</li><li>Kedua</li></ol><p>Baris<br>baru</p>";
        assert_eq!(
            plain_text(html),
            "Judul\n\nSatu & dua tiga.\n\n- Apel\n- Jeruk manis\n\n1. Pertama\n2. Kedua\n\nBaris\nbaru"
        );
    }

    #[test]
    fn nested_lists_and_paragraphs_in_items() {
        let html = "<ul><li><p>A</p><ul><li>A1</li></ul></li><li>B</li></ul>";
        assert_eq!(plain_text(html), "- A\n  - A1\n- B");
    }

    #[test]
    fn whitespace_is_collapsed_except_in_pre() {
        assert_eq!(
            plain_text("<p>  a \n  b </p><pre>x\n  y</pre>"),
            "a b\n\nx\n  y"
        );
    }

    #[test]
    fn tables_and_scripts() {
        let html = "<table><tr><th>Nama</th><th>Jumlah</th></tr><tr><td>A</td><td><p>1</p><p>2</p></td></tr></table><script>alert(1)</script><p>Akhir</p>";
        assert_eq!(plain_text(html), "Nama | Jumlah\nA | 1 2\n\nAkhir");
    }

    #[test]
    fn excerpt_whole_sentences() {
        let html = "<p>Gubernur meresmikan jembatan. Jembatan itu sepanjang 120 meter. Biayanya Rp1.250.000.000 dari APBD.</p>";
        assert_eq!(
            excerpt(html, 70),
            "Gubernur meresmikan jembatan. Jembatan itu sepanjang 120 meter."
        );
        assert_eq!(excerpt(html, 1000), plain_text(html));
    }

    #[test]
    fn excerpt_cuts_on_word_boundary() {
        let html = "<p>Pemerintah provinsi menyalurkan bantuan kepada warga terdampak banjir di tiga kabupaten</p>";
        let e = excerpt(html, 40);
        assert!(e.chars().count() <= 40, "{e}");
        assert_eq!(e, "Pemerintah provinsi menyalurkan bantuan…");
    }

    #[test]
    fn excerpt_skips_abbreviations() {
        let html = "<p>Dr. Budi, S.H. menyampaikan sambutan panjang kepada para peserta rapat koordinasi.</p>";
        let e = excerpt(html, 30);
        assert!(e.ends_with('…'), "{e}");
        assert!(!e.starts_with("Dr.…"));
    }

    #[test]
    fn excerpt_edge_cases() {
        assert_eq!(excerpt("", 10), "");
        assert_eq!(excerpt("<p>abc</p>", 0), "");
        assert_eq!(excerpt("<p>abcdefghijkl</p>", 5), "abcd…");
    }
}
