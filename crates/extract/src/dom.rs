//! A small, forgiving HTML parser into an arena tree.
//!
//! Why our own: extraction needs only elements, attributes and text, and a full
//! HTML5 tree builder costs most of the time budget (we aim at >500 pages/s on
//! one core). The parser never fails: unknown or broken markup becomes text or
//! is dropped, end tags without a matching start tag are ignored, and nesting
//! deeper than [`MAX_DEPTH`] is flattened so 10,000-level pages stay linear.

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// No node (used for absent links).
pub const NONE: NodeId = u32::MAX;

/// Nesting deeper than this is flattened into the deepest open element.
pub const MAX_DEPTH: usize = 256;

/// Element names we keep as interned tags for speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Other,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    A,
    P,
    Br,
    Div,
    Span,
    Article,
    Main,
    Section,
    Nav,
    Aside,
    Header,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Tr,
    Td,
    Th,
    Tbody,
    Thead,
    Img,
    Figure,
    Figcaption,
    Blockquote,
    Pre,
    Time,
    Button,
    Select,
    Option,
    Iframe,
    Hr,
    B,
    Strong,
    Em,
    I,
}

impl Tag {
    fn from_name(name: &str) -> Tag {
        match name {
            "html" => Tag::Html,
            "head" => Tag::Head,
            "body" => Tag::Body,
            "title" => Tag::Title,
            "meta" => Tag::Meta,
            "link" => Tag::Link,
            "script" => Tag::Script,
            "style" => Tag::Style,
            "a" => Tag::A,
            "p" => Tag::P,
            "br" => Tag::Br,
            "div" => Tag::Div,
            "span" => Tag::Span,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "section" => Tag::Section,
            "nav" => Tag::Nav,
            "aside" => Tag::Aside,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "form" => Tag::Form,
            "h1" => Tag::H1,
            "h2" => Tag::H2,
            "h3" => Tag::H3,
            "h4" => Tag::H4,
            "h5" => Tag::H5,
            "h6" => Tag::H6,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "table" => Tag::Table,
            "tr" => Tag::Tr,
            "td" => Tag::Td,
            "th" => Tag::Th,
            "tbody" => Tag::Tbody,
            "thead" => Tag::Thead,
            "img" => Tag::Img,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "time" => Tag::Time,
            "button" => Tag::Button,
            "select" => Tag::Select,
            "option" => Tag::Option,
            "iframe" => Tag::Iframe,
            "hr" => Tag::Hr,
            "b" => Tag::B,
            "strong" => Tag::Strong,
            "em" => Tag::Em,
            "i" => Tag::I,
            _ => Tag::Other,
        }
    }

    /// The element name of a known tag ("" for [`Tag::Other`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Html => "html",
            Tag::Head => "head",
            Tag::Body => "body",
            Tag::Title => "title",
            Tag::Meta => "meta",
            Tag::Link => "link",
            Tag::Script => "script",
            Tag::Style => "style",
            Tag::A => "a",
            Tag::P => "p",
            Tag::Br => "br",
            Tag::Div => "div",
            Tag::Span => "span",
            Tag::Article => "article",
            Tag::Main => "main",
            Tag::Section => "section",
            Tag::Nav => "nav",
            Tag::Aside => "aside",
            Tag::Header => "header",
            Tag::Footer => "footer",
            Tag::Form => "form",
            Tag::H1 => "h1",
            Tag::H2 => "h2",
            Tag::H3 => "h3",
            Tag::H4 => "h4",
            Tag::H5 => "h5",
            Tag::H6 => "h6",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::Dl => "dl",
            Tag::Dt => "dt",
            Tag::Dd => "dd",
            Tag::Table => "table",
            Tag::Tr => "tr",
            Tag::Td => "td",
            Tag::Th => "th",
            Tag::Tbody => "tbody",
            Tag::Thead => "thead",
            Tag::Img => "img",
            Tag::Figure => "figure",
            Tag::Figcaption => "figcaption",
            Tag::Blockquote => "blockquote",
            Tag::Pre => "pre",
            Tag::Time => "time",
            Tag::Button => "button",
            Tag::Select => "select",
            Tag::Option => "option",
            Tag::Iframe => "iframe",
            Tag::Hr => "hr",
            Tag::B => "b",
            Tag::Strong => "strong",
            Tag::Em => "em",
            Tag::I => "i",
            Tag::Other => "",
        }
    }

    /// Elements that start a new block of text (paragraph break around them).
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::A
                | Tag::Span
                | Tag::B
                | Tag::Strong
                | Tag::Em
                | Tag::I
                | Tag::Time
                | Tag::Img
                | Tag::Br
                | Tag::Other
                | Tag::Option
                | Tag::Button
        )
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }
}

#[derive(Debug)]
pub enum Data {
    Document,
    Element {
        tag: Tag,
        name: Box<str>,
        attrs: Vec<(Box<str>, Box<str>)>,
    },
    Text(Box<str>),
}

#[derive(Debug)]
pub struct Node {
    pub data: Data,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
}

/// The parsed document. Node 0 is the document root; nodes are stored in
/// document order, so a reverse index scan visits children before parents.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// Raw `<script type="application/ld+json">` bodies, kept for metadata.
    pub json_ld: Vec<String>,
    /// Text of the first `<title>`.
    pub title: Option<String>,
}

impl Dom {
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match &self.nodes.get(id as usize)?.data {
            Data::Element { tag, .. } => Some(*tag),
            _ => None,
        }
    }

    pub fn name(&self, id: NodeId) -> &str {
        match self.nodes.get(id as usize).map(|n| &n.data) {
            Some(Data::Element {
                tag: Tag::Other,
                name,
                ..
            }) => name,
            Some(Data::Element { tag, .. }) => tag.as_str(),
            _ => "",
        }
    }

    pub fn attr(&self, id: NodeId, key: &str) -> Option<&str> {
        match &self.nodes.get(id as usize)?.data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k.as_ref() == key)
                .map(|(_, v)| v.as_ref()),
            _ => None,
        }
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        let first = self
            .nodes
            .get(id as usize)
            .map(|n| n.first_child)
            .unwrap_or(NONE);
        Children {
            dom: self,
            next: first,
        }
    }

    /// All descendants of `id` in document order (iterative, no recursion).
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: self
                .nodes
                .get(id as usize)
                .map(|n| n.first_child)
                .unwrap_or(NONE),
        }
    }

    /// Concatenated text of a subtree, whitespace collapsed.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        for d in self.descendants(id) {
            if let Data::Text(t) = &self.nodes[d as usize].data {
                push_collapsed(&mut out, t);
            }
        }
        out.trim().to_string()
    }
}

/// Appends `t` to `out`, collapsing runs of whitespace to one space.
pub fn push_collapsed(out: &mut String, t: &str) {
    for (i, w) in t.split(|c: char| c.is_whitespace()).enumerate() {
        if w.is_empty() {
            if i == 0 && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if i > 0 && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(w);
    }
    if t.ends_with(|c: char| c.is_whitespace()) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let cur = self.next;
        self.next = self.dom.nodes[cur as usize].next_sibling;
        Some(cur)
    }
}

pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let cur = self.next;
        let n = &self.dom.nodes[cur as usize];
        if n.first_child != NONE {
            self.next = n.first_child;
        } else {
            let mut id = cur;
            self.next = NONE;
            while id != self.root && id != NONE {
                let node = &self.dom.nodes[id as usize];
                if node.next_sibling != NONE {
                    self.next = node.next_sibling;
                    break;
                }
                id = node.parent;
            }
        }
        Some(cur)
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

/// Elements whose content is raw text up to the matching end tag.
fn is_raw(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "template"
            | "svg"
            | "math"
    )
}

/// Starting one of these closes an open `<p>`.
fn closes_p(tag: Tag, name: &str) -> bool {
    matches!(
        tag,
        Tag::P
            | Tag::Div
            | Tag::Ul
            | Tag::Ol
            | Tag::Dl
            | Tag::Table
            | Tag::H1
            | Tag::H2
            | Tag::H3
            | Tag::H4
            | Tag::H5
            | Tag::H6
            | Tag::Blockquote
            | Tag::Pre
            | Tag::Article
            | Tag::Section
            | Tag::Aside
            | Tag::Nav
            | Tag::Header
            | Tag::Footer
            | Tag::Figure
            | Tag::Form
            | Tag::Hr
            | Tag::Main
    ) || matches!(name, "address" | "fieldset" | "menu" | "details")
}

struct Builder {
    nodes: Vec<Node>,
    stack: Vec<NodeId>,
    /// Elements opened while the stack was full; their end tags are ignored.
    overflow: usize,
    /// Whether html/body/head were opened already.
    seen: [bool; 3],
}

impl Builder {
    fn current(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn append(&mut self, data: Data) -> NodeId {
        let id = self.nodes.len() as NodeId;
        let parent = self.current();
        self.nodes.push(Node {
            data,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        let p = &mut self.nodes[parent as usize];
        let last = p.last_child;
        p.last_child = id;
        if last == NONE {
            p.first_child = id;
        } else {
            self.nodes[last as usize].next_sibling = id;
        }
        id
    }

    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        // Merge with a preceding text sibling, which keeps entity-split runs whole.
        let cur = self.current();
        let last = self.nodes[cur as usize].last_child;
        if last != NONE
            && let Data::Text(prev) = &mut self.nodes[last as usize].data
        {
            let mut s = String::with_capacity(prev.len() + t.len());
            s.push_str(prev);
            s.push_str(t);
            *prev = s.into_boxed_str();
            return;
        }
        self.append(Data::Text(t.into()));
    }

    fn tag_at(&self, i: usize) -> Tag {
        match &self.nodes[self.stack[i] as usize].data {
            Data::Element { tag, .. } => *tag,
            _ => Tag::Other,
        }
    }

    fn name_at(&self, i: usize) -> &str {
        match &self.nodes[self.stack[i] as usize].data {
            Data::Element {
                tag: Tag::Other,
                name,
                ..
            } => name,
            Data::Element { tag, .. } => tag.as_str(),
            _ => "",
        }
    }

    /// Pops up to and including the nearest open `target`, stopping at any of `barrier`.
    fn close_implied(&mut self, target: &[Tag], barrier: &[Tag]) {
        let lim = self.stack.len().saturating_sub(32);
        for i in (lim..self.stack.len()).rev() {
            let t = self.tag_at(i);
            if target.contains(&t) {
                self.stack.truncate(i);
                return;
            }
            if barrier.contains(&t) {
                return;
            }
        }
    }

    fn start(&mut self, name: &str, attrs: Vec<(Box<str>, Box<str>)>, self_closing: bool) {
        let tag = Tag::from_name(name);
        if closes_p(tag, name) {
            self.close_implied(&[Tag::P], &[Tag::Div, Tag::Td, Tag::Li, Tag::Table]);
        }
        match tag {
            Tag::Li => self.close_implied(&[Tag::Li], &[Tag::Ul, Tag::Ol, Tag::Div, Tag::Table]),
            Tag::Dt | Tag::Dd => self.close_implied(&[Tag::Dt, Tag::Dd], &[Tag::Dl, Tag::Div]),
            Tag::Tr => self.close_implied(&[Tag::Tr], &[Tag::Table]),
            Tag::Td | Tag::Th => self.close_implied(&[Tag::Td, Tag::Th], &[Tag::Tr, Tag::Table]),
            Tag::Option => self.close_implied(&[Tag::Option], &[Tag::Select]),
            Tag::A => self.close_implied(&[Tag::A], &[Tag::Div, Tag::P, Tag::Li, Tag::Td]),
            Tag::Html | Tag::Body | Tag::Head => {
                // Repeated html/body/head tags: keep the first, drop the rest.
                let k = match tag {
                    Tag::Html => 0,
                    Tag::Body => 1,
                    _ => 2,
                };
                if self.seen[k] {
                    return;
                }
                self.seen[k] = true;
            }
            _ => {}
        }
        // Known tags are named by their enum; only other names are stored.
        let stored: Box<str> = if tag == Tag::Other {
            name.into()
        } else {
            Box::default()
        };
        let id = self.append(Data::Element {
            tag,
            name: stored,
            attrs,
        });
        if self_closing || is_void(name) {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
            return;
        }
        self.stack.push(id);
    }

    fn end(&mut self, name: &str) {
        if name == "br" {
            self.append(Data::Element {
                tag: Tag::Br,
                name: "br".into(),
                attrs: Vec::new(),
            });
            return;
        }
        if self.overflow > 0 && self.stack.len() >= MAX_DEPTH {
            self.overflow -= 1;
            return;
        }
        // Search only a bounded window so stray end tags stay cheap on deep pages.
        let lim = self.stack.len().saturating_sub(64);
        for i in (lim..self.stack.len()).rev() {
            if self.name_at(i) == name {
                self.stack.truncate(i);
                return;
            }
            // A stray </div> must not close the table/list it sits in.
            let t = self.tag_at(i);
            if matches!(name, "p" | "li" | "td" | "th" | "tr" | "a" | "span")
                && matches!(t, Tag::Table | Tag::Div | Tag::Ul | Tag::Ol | Tag::Article)
                && name != self.name_at(i)
            {
                return;
            }
        }
    }
}

/// Parses a whole document (already decoded to UTF-8).
pub fn parse(src: &str) -> Dom {
    let mut b = Builder {
        nodes: Vec::with_capacity(src.len() / 40 + 16),
        stack: Vec::with_capacity(64),
        overflow: 0,
        seen: [false; 3],
    };
    b.nodes.push(Node {
        data: Data::Document,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next_sibling: NONE,
    });
    let mut json_ld = Vec::new();
    let mut title: Option<String> = None;
    let bytes = src.as_bytes();
    let n = bytes.len();
    let mut pos = 0usize;
    let mut text_start = 0usize;
    let mut textbuf = String::new();
    while pos < n {
        let Some(off) = memchr_lt(&bytes[pos..]) else {
            break;
        };
        let lt = pos + off;
        pos = lt + 1;
        if pos >= n {
            break;
        }
        let c = bytes[pos];
        if c == b'!' {
            flush_text(&mut b, &src[text_start..lt], &mut textbuf);
            // Comment, doctype or CDATA.
            if src[pos..].starts_with("!--") {
                pos = match src[pos + 3..].find("-->") {
                    Some(e) => pos + 3 + e + 3,
                    None => n,
                };
            } else if src[pos..].starts_with("![CDATA[") {
                let end = src[pos + 8..].find("]]>").map_or(n, |e| pos + 8 + e);
                b.text(&src[pos + 8..end]);
                pos = (end + 3).min(n);
            } else {
                pos = src[pos..].find('>').map_or(n, |e| pos + e + 1);
            }
            text_start = pos;
            continue;
        }
        if c == b'?' {
            flush_text(&mut b, &src[text_start..lt], &mut textbuf);
            pos = src[pos..].find('>').map_or(n, |e| pos + e + 1);
            text_start = pos;
            continue;
        }
        let closing = c == b'/';
        let name_start = if closing { pos + 1 } else { pos };
        if name_start >= n || !bytes[name_start].is_ascii_alphabetic() {
            // Not a tag: "<" stays text.
            continue;
        }
        flush_text(&mut b, &src[text_start..lt], &mut textbuf);
        let mut i = name_start;
        while i < n
            && !matches!(
                bytes[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            )
        {
            i += 1;
        }
        let name = src[name_start..i].to_ascii_lowercase();
        let (attrs, self_closing, end) = parse_attrs(src, i, closing);
        pos = end;
        text_start = pos;
        if closing {
            b.end(&name);
            continue;
        }
        if is_raw(&name) {
            // Raw text up to </name>, case-insensitive.
            let close = find_close(src, pos, &name);
            let body = &src[pos..close];
            match name.as_str() {
                "script"
                    if attrs
                        .iter()
                        .any(|(k, v)| k.as_ref() == "type" && v.contains("ld+json")) =>
                {
                    json_ld.push(body.to_string());
                }
                "title" if title.is_none() => {
                    let mut t = String::new();
                    push_collapsed(&mut t, &decode_entities(body));
                    title = Some(t.trim().to_string());
                }
                _ => {}
            }
            // Keep the element (without content) so metadata can see e.g. <time>; raw
            // bodies are never article text.
            b.start(&name, attrs, true);
            pos = src[close..].find('>').map_or(n, |e| close + e + 1);
            text_start = pos;
            continue;
        }
        b.start(&name, attrs, self_closing);
    }
    if text_start < n {
        flush_text(&mut b, &src[text_start..n], &mut textbuf);
    }
    Dom {
        nodes: b.nodes,
        json_ld,
        title,
    }
}

fn memchr_lt(h: &[u8]) -> Option<usize> {
    h.iter().position(|&c| c == b'<')
}

fn flush_text(b: &mut Builder, raw: &str, buf: &mut String) {
    if raw.is_empty() {
        return;
    }
    if raw.contains('&') {
        buf.clear();
        decode_entities_into(raw, buf);
        let t = std::mem::take(buf);
        b.text(&t);
        *buf = t;
    } else {
        b.text(raw);
    }
}

fn find_close(src: &str, from: usize, name: &str) -> usize {
    let bytes = src.as_bytes();
    let nb = name.as_bytes();
    let mut i = from;
    while i + 2 + nb.len() <= bytes.len() {
        match bytes[i..].windows(2).position(|w| w == b"</") {
            None => return bytes.len(),
            Some(off) => {
                let s = i + off + 2;
                if s + nb.len() <= bytes.len() && bytes[s..s + nb.len()].eq_ignore_ascii_case(nb) {
                    let after = bytes.get(s + nb.len()).copied().unwrap_or(b'>');
                    if !after.is_ascii_alphanumeric() {
                        return i + off;
                    }
                }
                i = s;
            }
        }
    }
    bytes.len()
}

type Attrs = Vec<(Box<str>, Box<str>)>;

/// Parses attributes from `i` to the closing `>`; returns (attrs, self-closing, position after `>`).
fn parse_attrs(src: &str, mut i: usize, closing: bool) -> (Attrs, bool, usize) {
    let bytes = src.as_bytes();
    let n = bytes.len();
    let mut attrs: Attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < n && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            i += 1;
        }
        if i >= n {
            return (attrs, self_closing, n);
        }
        match bytes[i] {
            b'>' => return (attrs, self_closing, i + 1),
            b'/' => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let ks = i;
        while i < n
            && !matches!(
                bytes[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        if i == ks {
            // A lone '=' or similar junk: skip it.
            i += 1;
            continue;
        }
        let key = &src[ks..i];
        while i < n && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        let mut val = "";
        if i < n && bytes[i] == b'=' {
            i += 1;
            while i < n && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let vs = i + 1;
                let ve = bytes[vs..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(n, |e| vs + e);
                val = &src[vs..ve];
                i = (ve + 1).min(n);
            } else {
                let vs = i;
                while i < n && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'>') {
                    i += 1;
                }
                val = &src[vs..i];
            }
        }
        if !closing && attrs.len() < 64 {
            let v: Box<str> = if val.contains('&') {
                decode_entities(val).into()
            } else {
                val.into()
            };
            attrs.push((key.to_ascii_lowercase().into(), v));
        }
    }
}

pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    decode_entities_into(s, &mut out);
    out
}

fn decode_entities_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest
            .char_indices()
            .skip(1)
            .take(32)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len().min(33));
        let ent = &rest[1..end];
        let semi = rest[end..].starts_with(';');
        if let Some(c) = entity_char(ent) {
            out.push(c);
            rest = &rest[end + usize::from(semi)..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

fn entity_char(e: &str) -> Option<char> {
    if let Some(num) = e.strip_prefix('#') {
        let v = if let Some(h) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(h, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // Numeric references in 128..160 mean Windows-1252 in practice.
        if (128..160).contains(&v) {
            let b = [v as u8];
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&b);
            return s.chars().next();
        }
        return char::from_u32(v).filter(|c| *c != '\0');
    }
    Some(match e {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "bull" => '•',
        "middot" => '·',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sect" => '§',
        "para" => '¶',
        "dagger" => '†',
        "prime" => '′',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "iexcl" => '¡',
        "iquest" => '¿',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "szlig" => 'ß',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Auml" => 'Ä',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "Ntilde" => 'Ñ',
        "Ccedil" => 'Ç',
        "minus" => '−',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "hearts" => '♥',
        "star" => '☆',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_broken_markup_without_loss() {
        let d = parse("<div><p>One &amp; two<p>Three</div></span><b>x</b> y &copy 2026");
        let t = d.text_of(0);
        assert_eq!(t, "One & twoThreex y © 2026");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let mut s = String::new();
        for _ in 0..10_000 {
            s.push_str("<div>");
        }
        s.push_str("deep");
        let d = parse(&s);
        assert_eq!(d.text_of(0), "deep");
        let mut depth = 0;
        let mut id = d.nodes.len() as u32 - 1;
        while id != NONE {
            id = d.nodes[id as usize].parent;
            depth += 1;
        }
        assert!(depth <= MAX_DEPTH + 2);
    }

    #[test]
    fn raw_text_and_json_ld() {
        let d = parse(
            "<title>A &amp; B</title><script type=\"application/ld+json\">{\"a\":\"<p>\"}</script><SCRIPT>x<y</Script><p>t</p>",
        );
        assert_eq!(d.title.as_deref(), Some("A & B"));
        assert_eq!(d.json_ld.len(), 1);
        assert_eq!(d.text_of(0), "t");
    }
}
