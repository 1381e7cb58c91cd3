//! The whitelist sanitiser built on ammonia, plus the tag renaming ammonia cannot do.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

use crate::lexer::{Token, tokenize};

/// `rel` put on every link: no `window.opener`, no referrer, no SEO endorsement.
pub(crate) const LINK_REL: &str = "noopener noreferrer nofollow";

/// Tags kept in the final output.
const FINAL_TAGS: &[&str] = &[
    "p",
    "br",
    "strong",
    "em",
    "u",
    "s",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sub",
    "sup",
    "code",
    "pre",
];

/// Tags ammonia lets through only so that [`rename_pass`] can turn them into final tags.
const RENAMED_TAGS: &[(&str, &str)] = &[
    ("b", "strong"),
    ("i", "em"),
    ("h1", "h2"),
    ("h5", "h4"),
    ("h6", "h4"),
    ("div", "p"),
];

/// Elements removed together with everything inside them (ammonia unwraps other
/// non-whitelisted elements and keeps their text).
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "applet", "noscript", "noembed", "noframes",
    "template", "textarea", "select", "title", "xml", "svg", "math", "frameset", "frame", "head",
    "button",
];

static BUILDER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::empty();
    let tags: HashSet<&str> = FINAL_TAGS
        .iter()
        .copied()
        .chain(RENAMED_TAGS.iter().map(|(from, _)| *from))
        .collect();
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    attrs.insert("a", ["href", "title"].into_iter().collect());
    attrs.insert(
        "img",
        ["src", "alt", "width", "height"].into_iter().collect(),
    );
    b.tags(tags)
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(attrs)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some(LINK_REL))
        .strip_comments(true)
        .attribute_filter(filter_attribute);
    b
});

/// Extra per-attribute rules on top of ammonia's scheme check (which runs first).
fn filter_attribute<'v>(
    element: &str,
    attribute: &str,
    value: &'v str,
) -> Option<std::borrow::Cow<'v, str>> {
    match (element, attribute) {
        ("img", "src") => {
            let v = value.trim();
            let local = v.starts_with('/') && !v.starts_with("//");
            let https = v.len() > 8 && v[..8].eq_ignore_ascii_case("https://");
            // A backslash is read as a slash by browsers: "/\evil.example" is off-site.
            (!v.contains('\\') && (local || https)).then(|| v.to_string().into())
        }
        ("img", "width" | "height") => {
            let v = value.trim();
            (!v.is_empty() && v.len() <= 4 && v.bytes().all(|c| c.is_ascii_digit()))
                .then(|| v.to_string().into())
        }
        _ => Some(value.into()),
    }
}

/// One ammonia pass followed by the renaming pass.
fn clean_once(html: &str) -> String {
    let mut out = rename_pass(&BUILDER.clean(html).to_string());
    // Whitespace around the top-level blocks is insignificant.
    let end = out.trim_end().len();
    out.truncate(end);
    let start = out.len() - out.trim_start().len();
    out.drain(..start);
    out
}

/// See [`crate::sanitize`].
pub fn sanitize(html: &str) -> String {
    // Re-parsing sanitised HTML can rarely restructure it (for instance a heading that ended
    // up inside another heading once a disallowed wrapper was unwrapped). Iterate to a fixed
    // point so that sanitising is idempotent; real documents converge in two passes.
    let mut current = clean_once(html);
    for _ in 0..8 {
        let next = clean_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// Renames tags in ammonia's canonical output and removes what is useless there:
/// `<a>` without `href` (bookmarks), `<img>` without `src` and paragraphs with nothing
/// visible in them.
fn rename_pass(canonical: &str) -> String {
    let mut out = String::with_capacity(canonical.len());
    // For each open <a>: whether its start tag was dropped.
    let mut anchors: Vec<bool> = Vec::new();
    // Output positions of open <p> start tags.
    let mut paragraphs: Vec<usize> = Vec::new();
    for token in tokenize(canonical) {
        match &token {
            Token::Start { name, attrs, .. } => {
                let name = renamed(name);
                if name == "a" {
                    let keep = attrs.iter().any(|(n, _)| n == "href");
                    anchors.push(!keep);
                    if !keep {
                        continue;
                    }
                }
                if name == "img" && !attrs.iter().any(|(n, _)| n == "src") {
                    continue; // its src was not allowed: nothing left to show
                }
                if name == "p" {
                    paragraphs.push(out.len());
                }
                if name == token_name(&token) {
                    out.push_str(token.raw());
                } else {
                    // Renamed tags never carry attributes (none are whitelisted for them).
                    out.push('<');
                    out.push_str(name);
                    out.push('>');
                }
            }
            Token::End { name, .. } => {
                let name = renamed(name);
                if name == "a" && anchors.pop().unwrap_or(false) {
                    continue;
                }
                if name == "p"
                    && let Some(start) = paragraphs.pop()
                    && is_blank(&out[start..])
                {
                    out.truncate(start);
                    continue;
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            // Comments are stripped by ammonia; anything else is copied verbatim.
            _ => out.push_str(token.raw()),
        }
    }
    out
}

fn token_name<'t>(token: &'t Token<'_>) -> &'t str {
    match token {
        Token::Start { name, .. } | Token::End { name, .. } => name,
        _ => "",
    }
}

fn renamed(name: &str) -> &str {
    RENAMED_TAGS
        .iter()
        .find(|(from, _)| *from == name)
        .map_or(name, |(_, to)| to)
}

/// True when `html` (canonical) shows nothing: only tags other than `<img>`/`<hr>`,
/// whitespace and no-break spaces.
pub(crate) fn is_blank(html: &str) -> bool {
    tokenize(html).iter().all(|t| match t {
        Token::Text(s) => crate::lexer::decode_entities(s)
            .chars()
            .all(|c| c.is_whitespace() || c == '\u{a0}'),
        Token::Start { name, .. } => !matches!(name.as_str(), "img" | "hr"),
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_in_canonical_output() {
        assert_eq!(
            rename_pass("<b>x</b><i>y</i><h1>t</h1><h5>u</h5><h6>v</h6>"),
            "<strong>x</strong><em>y</em><h2>t</h2><h4>u</h4><h4>v</h4>"
        );
    }

    #[test]
    fn attribute_text_is_not_renamed() {
        let html = r#"<a href="/x" title="<b>" rel="noopener noreferrer nofollow">k</a>"#;
        assert_eq!(rename_pass(html), html);
    }

    #[test]
    fn drops_anchors_without_href_and_blank_paragraphs() {
        assert_eq!(
            rename_pass(r#"<p><a rel="noopener noreferrer nofollow">x</a></p><p> &nbsp;<br></p>"#),
            "<p>x</p>"
        );
    }

    #[test]
    fn img_src_rules() {
        for ok in ["/media/a.jpg", "https://cdn.example.go.id/a.png"] {
            assert_eq!(
                filter_attribute("img", "src", ok).as_deref(),
                Some(ok),
                "{ok}"
            );
        }
        for bad in [
            "//evil.example/a.png",
            "/\\evil.example",
            "a.png",
            "http://x/a.png",
        ] {
            assert_eq!(filter_attribute("img", "src", bad), None, "{bad}");
        }
        assert_eq!(filter_attribute("img", "width", "100%"), None);
        assert_eq!(
            filter_attribute("img", "width", "640").as_deref(),
            Some("640")
        );
    }
}
