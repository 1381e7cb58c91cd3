//! A small, lenient HTML lexer.
//!
//! This is **not** a security boundary: every string built from these tokens goes through
//! ammonia afterwards. It is used for two jobs that ammonia cannot do:
//!
//! * reading the messy markup that office suites put on the clipboard (styles that mean
//!   "bold", Word's list paragraphs, conditional comments) before sanitising, and
//! * renaming tags in ammonia's canonical output (`<b>` to `<strong>` and so on), where the
//!   input is well formed: text has `<` escaped and attribute values are double-quoted with
//!   `"` escaped, so a tag always starts at a `<` outside quotes.

/// One lexical token. `raw` is the exact slice of the input the token came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token<'a> {
    /// Character data, entities not decoded.
    Text(&'a str),
    /// A start tag; `name` and attribute names are lower-cased, values are raw (not decoded).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        raw: &'a str,
    },
    /// An end tag.
    End { name: String, raw: &'a str },
    /// `<!-- ... -->`; `inner` is what is between the markers.
    Comment { inner: &'a str, raw: &'a str },
    /// Doctype, `<![if ...]>`, `<?xml ...>`, bogus comments, unterminated tags.
    Other(&'a str),
}

impl Token<'_> {
    /// The raw source text of the token.
    pub(crate) fn raw(&self) -> &str {
        match self {
            Token::Text(s) | Token::Other(s) => s,
            Token::Start { raw, .. } | Token::End { raw, .. } | Token::Comment { raw, .. } => raw,
        }
    }
}

/// Elements whose content is raw text up to the matching end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Splits `src` into tokens. Never panics; every byte of the input belongs to one token.
pub(crate) fn tokenize(src: &str) -> Vec<Token<'_>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some((token, end)) = lex_markup(src, i) else {
            i += 1;
            continue;
        };
        if text_start < i {
            out.push(Token::Text(&src[text_start..i]));
        }
        let raw_text_name = match &token {
            Token::Start { name, .. } if RAW_TEXT.contains(&name.as_str()) => Some(name.clone()),
            _ => None,
        };
        out.push(token);
        i = end;
        if let Some(name) = raw_text_name {
            let close = find_end_tag(src, i, &name).unwrap_or(src.len());
            if close > i {
                out.push(Token::Text(&src[i..close]));
            }
            i = close;
        }
        text_start = i;
    }
    if text_start < src.len() {
        out.push(Token::Text(&src[text_start..]));
    }
    out
}

/// Position of `</name` (case-insensitive) at or after `from`.
fn find_end_tag(src: &str, from: usize, name: &str) -> Option<usize> {
    let hay = &src[from..];
    hay.match_indices("</").map(|(p, _)| p).find_map(|p| {
        let cand = hay.as_bytes().get(p + 2..p + 2 + name.len())?;
        cand.eq_ignore_ascii_case(name.as_bytes())
            .then_some(from + p)
    })
}

/// Lexes the markup starting at `src[at] == '<'`. Returns the token and the index after it,
/// or `None` when the `<` is plain text (as in `a < b`).
fn lex_markup(src: &str, at: usize) -> Option<(Token<'_>, usize)> {
    let rest = &src[at..];
    let b = rest.as_bytes();
    let next = *b.get(1)?;
    if let Some(body) = rest.strip_prefix("<!--") {
        let (inner_len, close_len) = match (body.find("-->"), body.find("--!>")) {
            (Some(a), Some(c)) if c < a => (c, 4),
            (Some(a), _) => (a, 3),
            (None, Some(c)) => (c, 4),
            (None, None) => (body.len(), 0),
        };
        let end = at + 4 + inner_len + close_len;
        let inner = &body[..inner_len];
        return Some((
            Token::Comment {
                inner,
                raw: &src[at..end],
            },
            end,
        ));
    }
    if next == b'!' || next == b'?' {
        let end = rest.find('>').map_or(src.len(), |p| at + p + 1);
        return Some((Token::Other(&src[at..end]), end));
    }
    if next == b'/' {
        let c = *b.get(2)?;
        if !c.is_ascii_alphabetic() {
            let end = rest.find('>').map_or(src.len(), |p| at + p + 1);
            return Some((Token::Other(&src[at..end]), end));
        }
        let name_end = scan_name(b, 2);
        let name = rest[2..name_end].to_ascii_lowercase();
        return match rest[name_end..].find('>') {
            Some(p) => {
                let end = at + name_end + p + 1;
                Some((
                    Token::End {
                        name,
                        raw: &src[at..end],
                    },
                    end,
                ))
            }
            None => Some((Token::Other(&src[at..]), src.len())),
        };
    }
    if !next.is_ascii_alphabetic() {
        return None;
    }
    let name_end = scan_name(b, 1);
    let name = rest[1..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut j = name_end;
    loop {
        while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() {
            // Unterminated tag: a browser drops it, so do we.
            return Some((Token::Other(&src[at..]), src.len()));
        }
        if b[j] == b'>' {
            let end = at + j + 1;
            return Some((
                Token::Start {
                    name,
                    attrs,
                    raw: &src[at..end],
                },
                end,
            ));
        }
        let an_start = j;
        j += 1; // the first character may be anything, even '=' or a quote
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        let attr_name = rest[an_start..j].to_ascii_lowercase();
        let mut k = j;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        let mut value = String::new();
        if k < b.len() && b[k] == b'=' {
            k += 1;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            if k < b.len() && (b[k] == b'"' || b[k] == b'\'') {
                let q = b[k];
                let v_start = k + 1;
                let v_end = b[v_start..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| v_start + p);
                value = rest[v_start..v_end].to_string();
                j = (v_end + 1).min(b.len());
            } else {
                let v_start = k;
                while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                    k += 1;
                }
                value = rest[v_start..k].to_string();
                j = k;
            }
        }
        attrs.push((attr_name, value));
    }
}

/// End of a tag name starting at `from`.
fn scan_name(b: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    j
}

/// Decodes the character references that matter for text: the named ones ammonia's
/// serializer emits plus a few common ones, and all numeric references. Unknown references
/// are left as they are.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest[1..].find(';').map(|q| q + 1).filter(|&q| q <= 12);
        let decoded = semi.and_then(|q| decode_one(&rest[1..q]).map(|c| (c, q + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return Some(
            char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{FFFD}'),
        );
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_tags_text_and_comments() {
        let t = tokenize("a<p class='x' id=y>b</P><!-- c -->d < e<br/>");
        assert_eq!(t[0], Token::Text("a"));
        match &t[1] {
            Token::Start { name, attrs, .. } => {
                assert_eq!(name, "p");
                assert_eq!(
                    attrs,
                    &vec![
                        ("class".to_string(), "x".to_string()),
                        ("id".to_string(), "y".to_string())
                    ]
                );
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(t[2], Token::Text("b"));
        assert!(matches!(&t[3], Token::End { name, .. } if name == "p"));
        assert!(matches!(&t[4], Token::Comment { inner, .. } if *inner == " c "));
        assert_eq!(t[5], Token::Text("d < e"));
        assert!(matches!(&t[6], Token::Start { name, .. } if name == "br"));
        let joined: String = t.iter().map(Token::raw).collect();
        assert_eq!(joined, "a<p class='x' id=y>b</P><!-- c -->d < e<br/>");
    }

    #[test]
    fn raw_text_elements_swallow_markup() {
        let t = tokenize("<style>p > b { }</style>x");
        assert_eq!(t[1], Token::Text("p > b { }"));
        assert!(matches!(&t[2], Token::End { name, .. } if name == "style"));
    }

    #[test]
    fn quoted_gt_does_not_end_tag() {
        let t = tokenize(r#"<a title="1 > 0" href="/x">y</a>"#);
        assert!(matches!(&t[0], Token::Start { attrs, .. } if attrs[0].1 == "1 > 0"));
        assert_eq!(t[1], Token::Text("y"));
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("a &amp; b&nbsp;&lt;&#65;&#x42;&unknown; &"),
            "a & b\u{a0}<AB&unknown; &"
        );
    }
}
