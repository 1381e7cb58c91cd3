//! Clean-up of HTML pasted from office suites, before sanitising.
//!
//! Everything here only shapes the markup; [`crate::sanitize`] is always the last step, so a
//! mistake in this module can lose formatting but cannot let anything dangerous through.

use crate::escape_html;
use crate::lexer::{Token, decode_entities, tokenize};
use crate::sanitize::{is_blank, sanitize};

/// Elements dropped together with their content.
const DROP_WITH_CONTENT: &[&str] = &[
    "style", "script", "xml", "title", "head", "o:p", "template", "noscript",
];

/// Elements dropped without content (void or meaningless here).
const DROP_TAG: &[&str] = &["meta", "link", "base", "html", "body"];

/// Block-level elements: they end a Word list and a `<br>` right after one is dropped.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "figcaption",
];

/// Inline elements whose meaning may live in their `style` attribute.
const STYLED_INLINE: &[&str] = &["span", "font", "b", "strong", "i", "em"];

/// See [`crate::clean_paste`].
pub fn clean_paste(html: &str) -> String {
    let fragment = extract_fragment(html);
    let tokens = tokenize(fragment);
    let mut cleaner = Cleaner::default();
    cleaner.run(&tokens);
    sanitize(&cleaner.out)
}

/// The clipboard fragment: between `<!--StartFragment-->` and `<!--EndFragment-->` when
/// present (Windows clipboard format), else the `<body>` content, else everything.
fn extract_fragment(html: &str) -> &str {
    let lower = html.to_ascii_lowercase(); // same byte offsets as `html`
    if let Some(s) = lower.find("<!--startfragment") {
        let start = lower[s..].find("-->").map_or(html.len(), |p| s + p + 3);
        let end = lower[start..]
            .find("<!--endfragment")
            .map_or(html.len(), |p| start + p);
        return &html[start..end];
    }
    if let Some(b) = lower.find("<body") {
        let start = lower[b..].find('>').map_or(html.len(), |p| b + p + 1);
        let end = lower[start..]
            .find("</body")
            .map_or(html.len(), |p| start + p);
        return &html[start..end];
    }
    html
}

/// How a conditional-comment section ends.
#[derive(Clone, Copy, PartialEq)]
enum Conditional {
    /// `<!--[if !supportLists]-->` ... `<!--[endif]-->`
    Comment,
    /// `<![if !supportLists]>` ... `<![endif]>`
    Bang,
}

/// What an open `<p>` turned into.
enum Para {
    /// Emitted at this output offset (used to drop it again when it stays blank).
    Normal(usize),
    /// A Word list paragraph, emitted as `<li>`; its end emits nothing.
    ListItem,
    /// A paragraph directly inside `<li>`, unwrapped.
    Unwrapped,
}

#[derive(Default)]
struct Cleaner {
    out: String,
    /// Inside a revealed conditional section that is skipped.
    skipping: Option<Conditional>,
    /// Element dropped with its content, and the nesting depth of that name.
    dropping: Option<(String, usize)>,
    /// Closing markup owed for each open styled inline element, by name.
    inline: Vec<(String, String)>,
    paras: Vec<Para>,
    /// Open Word lists ("ul"/"ol"), outermost first; each has an open `<li>`.
    word_lists: Vec<&'static str>,
    /// Output offset just after the last `<li>` start tag.
    after_li: Option<usize>,
    /// The last significant token closed a block.
    after_block_end: bool,
    /// The last significant token was a block start or end tag.
    at_boundary: bool,
    heading_depth: usize,
    link_depth: usize,
    pre_depth: usize,
}

impl Cleaner {
    fn run(&mut self, tokens: &[Token<'_>]) {
        for (i, token) in tokens.iter().enumerate() {
            self.token(tokens, i, token);
        }
        self.close_word_lists();
        while let Some((_, closer)) = self.inline.pop() {
            self.out.push_str(&closer);
        }
    }

    fn token(&mut self, tokens: &[Token<'_>], i: usize, token: &Token<'_>) {
        if let Some(kind) = self.skipping {
            if conditional_end(token) == Some(kind) {
                self.skipping = None;
            }
            return;
        }
        if let Some((name, depth)) = &mut self.dropping {
            match token {
                Token::Start { name: n, .. } if n == name => *depth += 1,
                Token::End { name: n, .. } if n == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.dropping = None;
                    }
                }
                _ => {}
            }
            return;
        }
        match token {
            Token::Comment { .. } | Token::Other(_) => {
                self.skipping = conditional_start(token);
            }
            Token::Text(t) => self.text(t),
            Token::Start { name, attrs, raw } => self.start(tokens, i, name, attrs, raw),
            Token::End { name, raw } => self.end(name, raw),
        }
    }

    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        if decoded.chars().all(char::is_whitespace) && (self.at_boundary || self.out.is_empty()) {
            return; // indentation between blocks
        }
        let mut text = if self.pre_depth > 0 {
            decoded
        } else {
            collapse_nbsp_runs(&decoded)
        };
        // A run of spaces split over two text nodes (Word's `mso-spacerun` spans).
        if self.pre_depth == 0 && self.out.ends_with([' ', '\u{a0}']) {
            text = text.trim_start().to_string();
        }
        if !text.trim().is_empty() {
            self.after_block_end = false;
            self.at_boundary = false;
        }
        self.out.push_str(&escape_html(&text));
    }

    fn start(
        &mut self,
        tokens: &[Token<'_>],
        i: usize,
        name: &str,
        attrs: &[(String, String)],
        raw: &str,
    ) {
        if DROP_WITH_CONTENT.contains(&name) || (name == "span" && is_list_ignore(attrs)) {
            self.dropping = Some((name.to_string(), 1));
            return;
        }
        if DROP_TAG.contains(&name) {
            return;
        }
        if name == "br" {
            if !self.after_block_end {
                self.out.push_str("<br>");
            }
            return;
        }
        let style = attr(attrs, "style")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name == "p" {
            if let Some(level) = word_list_level(&style) {
                let ordered = word_list_marker(&tokens[i + 1..]).is_some_and(|m| is_ordered(&m));
                self.open_word_list_item(level, if ordered { "ol" } else { "ul" });
                self.paras.push(Para::ListItem);
                self.after_block_end = false;
                self.at_boundary = true;
                return;
            }
            self.close_word_lists();
            if self
                .after_li
                .is_some_and(|at| self.out[at..].trim().is_empty())
            {
                self.paras.push(Para::Unwrapped);
                return;
            }
            self.paras.push(Para::Normal(self.out.len()));
            self.out.push_str("<p>");
            self.after_block_end = false;
            self.at_boundary = true;
            return;
        }
        if STYLED_INLINE.contains(&name) {
            let (open, close) = self.inline_markup(name, attrs, &style);
            self.out.push_str(&open);
            self.inline.push((name.to_string(), close));
            self.after_block_end = false;
            self.at_boundary = false;
            return;
        }
        if BLOCKS.contains(&name) {
            self.close_word_lists();
        }
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            self.heading_depth += 1;
        }
        if name == "a" {
            self.link_depth += 1;
        }
        if name == "pre" {
            self.pre_depth += 1;
        }
        self.out.push_str(raw);
        if name == "li" {
            self.after_li = Some(self.out.len());
        }
        self.after_block_end = false;
        self.at_boundary = BLOCKS.contains(&name);
    }

    fn end(&mut self, name: &str, raw: &str) {
        if name == "p" {
            match self.paras.pop() {
                Some(Para::ListItem | Para::Unwrapped) => {}
                Some(Para::Normal(start)) => {
                    if is_blank(&self.out[start..]) {
                        self.out.truncate(start);
                    } else {
                        self.out.push_str("</p>");
                    }
                }
                None => {}
            }
            self.after_block_end = true;
            self.at_boundary = true;
            return;
        }
        if STYLED_INLINE.contains(&name) {
            if let Some(pos) = self.inline.iter().rposition(|(n, _)| n == name) {
                // Close everything opened inside it too (mis-nested office markup).
                for (_, closer) in self.inline.drain(pos..).rev() {
                    self.out.push_str(&closer);
                }
            }
            return;
        }
        if BLOCKS.contains(&name) {
            self.close_word_lists();
            self.after_block_end = true;
            self.at_boundary = true;
        }
        if name == "pre" {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            self.heading_depth = self.heading_depth.saturating_sub(1);
        }
        if name == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        self.out.push_str(raw);
    }

    /// Markup for a styled inline element: Google Docs writes bold as
    /// `<span style="font-weight:700">` and wraps the whole paste in
    /// `<b style="font-weight:normal" id="docs-internal-guid-...">`, which is not bold.
    fn inline_markup(
        &self,
        name: &str,
        attrs: &[(String, String)],
        style: &str,
    ) -> (String, String) {
        let mut tags: Vec<&str> = Vec::new();
        let weight = style_prop(style, "font-weight");
        let font_style = style_prop(style, "font-style");
        let docs_wrapper = attr(attrs, "id").is_some_and(|id| id.starts_with("docs-internal-guid"));
        let bold = match name {
            "b" | "strong" => !docs_wrapper && !weight.is_some_and(|w| is_normal_weight(&w)),
            _ => weight.is_some_and(|w| is_bold_weight(&w)),
        };
        if bold && self.heading_depth == 0 {
            tags.push("strong");
        }
        let italic = match name {
            "i" | "em" => font_style.as_deref() != Some("normal"),
            _ => font_style.is_some_and(|s| s == "italic" || s == "oblique"),
        };
        if italic {
            tags.push("em");
        }
        let decoration = style_prop(style, "text-decoration")
            .or_else(|| style_prop(style, "text-decoration-line"))
            .unwrap_or_default();
        if decoration.contains("underline") && self.link_depth == 0 {
            tags.push("u");
        }
        if decoration.contains("line-through") {
            tags.push("s");
        }
        match style_prop(style, "vertical-align").as_deref() {
            Some("super") => tags.push("sup"),
            Some("sub") => tags.push("sub"),
            _ => {}
        }
        let open = tags.iter().map(|t| format!("<{t}>")).collect();
        let close = tags.iter().rev().map(|t| format!("</{t}>")).collect();
        (open, close)
    }

    /// Opens `<li>` for a Word list paragraph at `level` (1-based), opening or closing
    /// nested lists as needed.
    fn open_word_list_item(&mut self, level: usize, kind: &'static str) {
        if self.word_lists.len() >= level {
            while self.word_lists.len() > level {
                self.close_one_word_list();
            }
            self.out.push_str("</li>");
            if self.word_lists.last() != Some(&kind) {
                if let Some(old) = self.word_lists.pop() {
                    self.out.push_str(&format!("</{old}>"));
                }
                self.word_lists.push(kind);
                self.out.push_str(&format!("<{kind}>"));
            }
        } else {
            while self.word_lists.len() < level {
                if !self.word_lists.is_empty() && self.word_lists.len() + 1 < level {
                    self.out.push_str("<li>");
                }
                self.word_lists.push(kind);
                self.out.push_str(&format!("<{kind}>"));
            }
        }
        self.out.push_str("<li>");
    }

    fn close_one_word_list(&mut self) {
        if let Some(kind) = self.word_lists.pop() {
            self.out.push_str(&format!("</li></{kind}>"));
        }
    }

    fn close_word_lists(&mut self) {
        while !self.word_lists.is_empty() {
            self.close_one_word_list();
        }
    }
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Value of a CSS property in a (lower-cased) `style` attribute. Exact property names only,
/// so Word's `mso-bidi-font-weight` is not `font-weight`.
fn style_prop(style: &str, prop: &str) -> Option<String> {
    style.split(';').find_map(|decl| {
        let (p, v) = decl.split_once(':')?;
        (p.trim() == prop).then(|| {
            decode_entities(v)
                .trim()
                .trim_end_matches("!important")
                .trim()
                .to_string()
        })
    })
}

fn is_bold_weight(w: &str) -> bool {
    w == "bold" || w == "bolder" || w.parse::<u32>().is_ok_and(|n| n >= 600)
}

fn is_normal_weight(w: &str) -> bool {
    w == "normal" || w == "lighter" || w.parse::<u32>().is_ok_and(|n| n < 600)
}

/// `<!--[if !supportLists]-->` or `<![if !supportLists]>`: Word's "downlevel-revealed"
/// sections, holding typed-out bullets and numbers that the real list replaces. The
/// "downlevel-hidden" form `<!--[if gte mso 9]>...<![endif]-->` is one comment and is simply
/// dropped.
fn conditional_start(token: &Token<'_>) -> Option<Conditional> {
    match token {
        Token::Comment { inner, .. } => {
            let inner = inner.trim();
            (inner.starts_with("[if") && !inner.contains('>')).then_some(Conditional::Comment)
        }
        Token::Other(raw) => raw
            .to_ascii_lowercase()
            .starts_with("<![if")
            .then_some(Conditional::Bang),
        _ => None,
    }
}

fn conditional_end(token: &Token<'_>) -> Option<Conditional> {
    match token {
        Token::Comment { inner, .. } if inner.trim().eq_ignore_ascii_case("[endif]") => {
            Some(Conditional::Comment)
        }
        Token::Other(raw) if raw.to_ascii_lowercase().starts_with("<![endif") => {
            Some(Conditional::Bang)
        }
        _ => None,
    }
}

/// The list level of a Word list paragraph (`style="mso-list:l0 level2 lfo1"`).
fn word_list_level(style: &str) -> Option<usize> {
    let value = style_prop(style, "mso-list")?;
    let digits: String = value
        .split_once("level")?
        .1
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<usize>().ok().map(|n| n.clamp(1, 9))
}

/// The typed-out marker of a Word list paragraph: the text of its `supportLists` section,
/// or of its `<span style="mso-list:Ignore">` when a browser has dropped the conditional
/// comments on the way.
fn word_list_marker(tokens: &[Token<'_>]) -> Option<String> {
    // `Some(0)`: inside a conditional section; `Some(n)`: inside an ignored span, n deep.
    let mut inside: Option<usize> = None;
    let mut marker = String::new();
    for token in tokens {
        match (inside, token) {
            (Some(0), _) if conditional_end(token).is_some() => return Some(marker),
            (Some(n), Token::Start { name, .. }) if n > 0 && name == "span" => {
                inside = Some(n + 1);
            }
            (Some(n), Token::End { name, .. }) if n > 0 && name == "span" => {
                if n == 1 {
                    return Some(marker);
                }
                inside = Some(n - 1);
            }
            (Some(_), Token::Text(t)) => marker.push_str(&decode_entities(t)),
            (Some(_), _) => {}
            (None, Token::End { name, .. }) if name == "p" => return None,
            (None, Token::Comment { .. } | Token::Other(_))
                if conditional_start(token).is_some()
                    && token.raw().to_ascii_lowercase().contains("supportlists") =>
            {
                inside = Some(0);
            }
            (None, Token::Start { name, attrs, .. }) if name == "span" && is_list_ignore(attrs) => {
                inside = Some(1);
            }
            (None, _) => {}
        }
    }
    None
}

/// Word's `<span style="mso-list:Ignore">`, holding a list item's typed-out marker.
fn is_list_ignore(attrs: &[(String, String)]) -> bool {
    attr(attrs, "style").is_some_and(|s| {
        style_prop(&s.to_ascii_lowercase(), "mso-list").as_deref() == Some("ignore")
    })
}

/// "1." "a)" "iv." "(2)" "1.2." are numbers; "·" "o" "§" "-" are bullets.
fn is_ordered(marker: &str) -> bool {
    let m = marker.trim_matches(|c: char| c.is_whitespace());
    let m = m.strip_prefix('(').unwrap_or(m);
    let Some(body) = m.strip_suffix(['.', ')']) else {
        return false;
    };
    !body.is_empty()
        && body.chars().count() <= 8
        && body.chars().any(char::is_alphanumeric)
        && body.chars().all(|c| c.is_alphanumeric() || c == '.')
}

/// Runs of spaces that contain a no-break space or a line break (office suites wrap long
/// lines in their HTML source) become one space; a lone no-break space (as in "Rp 5" typed
/// on purpose) stays.
fn collapse_nbsp_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if (run.chars().count() >= 2 && run.contains('\u{a0}')) || run.contains(['\n', '\r']) {
            out.push(' ');
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_whitespace() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        for m in ["1.", "a)", "iv.", "(2)", "1.2.", "10.\u{a0}\u{a0}"] {
            assert!(is_ordered(m), "{m}");
        }
        for m in ["·", "o", "§", "-", "•", "Ø", ""] {
            assert!(!is_ordered(m), "{m}");
        }
    }

    #[test]
    fn style_props() {
        let s = "mso-bidi-font-weight:bold;font-weight: 700 !important;mso-list:l0 level2 lfo1";
        assert_eq!(style_prop(s, "font-weight").as_deref(), Some("700"));
        assert_eq!(word_list_level(s), Some(2));
        assert_eq!(style_prop("mso-bidi-font-weight:bold", "font-weight"), None);
    }

    #[test]
    fn nbsp_runs() {
        assert_eq!(collapse_nbsp_runs("a\u{a0}\u{a0} b"), "a b");
        assert_eq!(collapse_nbsp_runs("Rp\u{a0}5"), "Rp\u{a0}5");
    }

    #[test]
    fn fragment_markers() {
        assert_eq!(
            extract_fragment("<html><body>x<!--StartFragment-->y<!--EndFragment--></body>"),
            "y"
        );
        assert_eq!(extract_fragment("<html><BODY lang=ID>z</body>"), "z");
        assert_eq!(extract_fragment("plain"), "plain");
    }

    #[test]
    fn word_lists_without_conditional_comments() {
        // What a browser may hand over after dropping comments: only the
        // mso-list:Ignore span tells the marker.
        let html = "<p style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span></span>Satu</p>\
                    <p style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp;</span></span>Dua</p>";
        assert_eq!(clean_paste(html), "<ol><li>Satu</li><li>Dua</li></ol>");
    }

    #[test]
    fn word_lists_nest() {
        let html = "<p style='mso-list:l0 level1 lfo1'><![if !supportLists]>1.<![endif]>A</p>\
                    <p style='mso-list:l0 level2 lfo1'><![if !supportLists]>a.<![endif]>A1</p>\
                    <p style='mso-list:l0 level1 lfo1'><![if !supportLists]>2.<![endif]>B</p>\
                    <p>Akhir</p>";
        assert_eq!(
            clean_paste(html),
            "<ol><li>A<ol><li>A1</li></ol></li><li>B</li></ol><p>Akhir</p>"
        );
    }
}
