//! Highlighting: `<mark>` around words whose stems the query asked for, everything else
//! HTML-escaped. Done on the stored text with the same analyzer, so "pembangunan" is marked
//! for a query "membangun" when their stems agree.

use std::collections::HashSet;

use crate::analyzer::analyze;

pub(crate) fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

fn matched_spans(text: &str, terms: &HashSet<&str>) -> Vec<(usize, usize)> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut spans: Vec<(usize, usize)> = analyze(text)
        .into_iter()
        .filter(|t| terms.contains(t.term.as_str()))
        .map(|t| (t.start, t.end))
        .collect();
    // Slang expansions give one span several terms.
    spans.dedup();
    spans
}

fn render(text: &str, begin: usize, end: usize, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(end - begin + 32);
    let mut at = begin;
    for &(s, e) in spans {
        if s < at || e > end {
            continue;
        }
        escape_into(&text[at..s], &mut out);
        out.push_str("<mark>");
        escape_into(&text[s..e], &mut out);
        out.push_str("</mark>");
        at = e;
    }
    escape_into(&text[at..end], &mut out);
    out
}

/// The whole `text` with matches marked.
pub(crate) fn highlight_all(text: &str, terms: &HashSet<&str>) -> String {
    render(text, 0, text.len(), &matched_spans(text, terms))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A window of about `max_bytes` of `text` holding the most matches, marked.
pub(crate) fn snippet(text: &str, terms: &HashSet<&str>, max_bytes: usize) -> String {
    let spans = matched_spans(text, terms);
    let mut best = (0usize, 0usize); // (count, index of first span)
    let mut j = 0;
    for i in 0..spans.len() {
        while j < spans.len() && spans[j].1 <= spans[i].0 + max_bytes {
            j += 1;
        }
        if j - i > best.0 {
            best = (j - i, i);
        }
    }
    let mut begin = if best.0 == 0 {
        0
    } else {
        // A little context before the first match, starting at a word.
        let s = spans[best.1].0;
        let b = floor_boundary(text, s.saturating_sub(max_bytes / 5));
        if b == 0 {
            0
        } else {
            text[b..s]
                .find(char::is_whitespace)
                .map_or(s, |k| b + k + 1)
        }
    };
    begin = floor_boundary(text, begin);
    let mut end = floor_boundary(text, begin + max_bytes);
    if end < text.len()
        && let Some(k) = text[begin..end].rfind(char::is_whitespace)
        && k > 0
    {
        end = begin + k;
    }
    let mut out = String::new();
    if begin > 0 {
        out.push('…');
    }
    out.push_str(&render(text, begin, end, &spans));
    if end < text.len() {
        out.push('…');
    }
    out
}
