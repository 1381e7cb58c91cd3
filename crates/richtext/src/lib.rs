//! Rich text for the Sinergi newsroom.
//!
//! Press releases are written by officers in a WYSIWYG editor (`crates/web/assets/editor.js`)
//! and shown on the public portal, so the HTML they submit is untrusted input that ends up
//! on a public page. This crate is the one place that turns such HTML into something safe
//! to show, index, excerpt, diff and mail. It is a pure library: no async, no I/O.
//!
//! # Why ammonia
//!
//! [`sanitize`] is built on [ammonia](https://docs.rs/ammonia), which parses with html5ever,
//! the spec-compliant HTML5 parser used by Servo, and then keeps only a whitelist of
//! elements, attributes and URL schemes before serialising the tree again. Parsing the way
//! a browser does is what defeats the classic filter-evasion tricks (broken tags, odd
//! whitespace and entities in `javascript:` URLs, nested comments, `<math>`/`<svg>` namespace
//! confusion): the sanitiser sees the same tree the browser would. A whitelist fails closed
//! when browsers add features; a regular-expression blacklist does not. The small string
//! passes in this crate only ever run on ammonia's canonical output, or before a final
//! ammonia pass, never as the security boundary.
//!
//! # Functions
//!
//! * [`sanitize`]: the whitelist. Run it on every piece of HTML from users before storing
//!   or showing it.
//! * [`clean_paste`]: the extra clean-up for HTML pasted from Microsoft Word, LibreOffice and
//!   Google Docs (Word lists, conditional comments, Docs' fake bold wrapper, styled spans),
//!   ending in [`sanitize`].
//! * [`plain_text`] and [`excerpt`]: text for the search index, e-mail bodies, meta
//!   descriptions and list cards.
//! * [`word_diff`], [`diff_html`] and [`diff_stats`]: what changed between two versions of a
//!   release, for review.
//! * [`escape_html`]: escaping for text put into HTML by hand.
//! * [`slugify`]: URL slugs from Indonesian titles.

mod diff;
mod lexer;
mod paste;
mod sanitize;
mod slug;
mod text;

pub use diff::{DiffOp, DiffStats};

/// Sanitises untrusted HTML against the newsroom whitelist.
///
/// Kept: `p br strong em u s h2 h3 h4 ul ol li blockquote a img figure figcaption table
/// thead tbody tr th td hr sub sup code pre`. `b` becomes `strong`, `i` becomes `em`, `h1`
/// becomes `h2` (the page title is the only `h1`), `h5`/`h6` become `h4`, `div` becomes `p`.
///
/// Attributes: `a` keeps `href` (http, https, mailto or relative) and `title`, and always
/// gets `rel="noopener noreferrer nofollow"`; `img` keeps `src` (a path starting with `/`,
/// or an `https://` URL), `alt`, and numeric `width`/`height`. Nothing else keeps any
/// attribute. `script`, `style`, `iframe`, `object`, `svg`, `math` and similar are removed
/// with their content; other unknown elements are unwrapped (their text stays). Comments are
/// removed. Links without `href`, images without `src` and paragraphs with nothing visible
/// are dropped.
///
/// The output is canonical HTML and `sanitize(&sanitize(x)) == sanitize(x)`. Never panics.
pub fn sanitize(html: &str) -> String {
    sanitize::sanitize(html)
}

/// Cleans HTML pasted from Microsoft Word, LibreOffice or Google Docs, then [`sanitize`]s it.
///
/// Removes `<o:p>`, conditional comments (and the typed-out bullets inside Word's
/// `<!--[if !supportLists]-->` sections), `<xml>`, `<meta>`, `<style>`, `mso-` styles,
/// empty paragraphs and spans, Google Docs' `<b id="docs-internal-guid-...">` wrapper (which
/// is not bold) and runs of `&nbsp;`. Keeps bold and italic, including when written as
/// `font-weight`/`font-style` styles on spans, underline, strike-through, super/subscript,
/// headings and links, and turns Word's list paragraphs into real `<ul>`/`<ol>` lists.
pub fn clean_paste(html: &str) -> String {
    paste::clean_paste(html)
}

/// The visible text of HTML (sanitised first), for indexing, excerpts and e-mail.
///
/// Paragraphs, headings and other blocks are separated by a blank line (`"\n\n"`); list
/// items are on their own lines with a marker (`"- "`, or `"1. "` in ordered lists, indented
/// two spaces per nesting level); `<br>` is a line break; table cells are separated by
/// `" | "` and rows by line breaks. Entities are decoded, no-break spaces become spaces and
/// whitespace is collapsed (except in `<pre>`). Images contribute nothing.
pub fn plain_text(html: &str) -> String {
    text::plain_text(html)
}

/// A one-line excerpt of at most `max_chars` characters (Unicode scalar values).
///
/// Whole sentences are taken while they fit (common Indonesian abbreviations such as
/// "Dr." or "S.H." do not end a sentence); when they would fill less than half of
/// `max_chars`, the text is cut at a word boundary instead and "…" is appended (the "…"
/// counts towards `max_chars`). Text that fits is returned whole.
pub fn excerpt(html: &str, max_chars: usize) -> String {
    text::excerpt(html, max_chars)
}

/// Word-level diff of two plain texts (for example two [`plain_text`]s).
///
/// Adjacent ops of the same kind are merged, and a run of whitespace between two changes
/// is folded into them, so a replaced phrase reads as one removal followed by one addition.
/// Concatenating the `Same` and `Removed` texts gives `old`; `Same` and `Added` give `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffOp> {
    diff::word_diff(old, new)
}

/// Renders a diff as HTML: `Same` text as is, `Added` in `<ins>`, `Removed` in `<del>`,
/// every piece of text escaped. Newlines are kept; show it with `white-space: pre-wrap`.
pub fn diff_html(ops: &[DiffOp]) -> String {
    diff::diff_html(ops)
}

/// Counts the words added and removed in a diff.
pub fn diff_stats(ops: &[DiffOp]) -> DiffStats {
    diff::diff_stats(ops)
}

/// Escapes `&`, `<`, `>`, `"` and `'` for use in HTML text and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
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
    out
}

/// A lowercase ASCII slug for URLs, from an (Indonesian) title.
///
/// Diacritics are folded ("é" to "e"), apostrophes dropped ("Jum'at" to "jumat"), "&"
/// becomes "dan", and every other run of non-alphanumerics becomes one `-`, trimmed at both
/// ends. At most 80 characters, cut at a `-`. A title with no usable characters gives
/// `"berita"`.
pub fn slugify(title: &str) -> String {
    slug::slugify(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape_html("biasa"), "biasa");
    }
}
