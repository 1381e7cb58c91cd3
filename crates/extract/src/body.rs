//! Main-content detection and clean text output.
//!
//! Every text node belongs to its nearest block ancestor ("block"). A block is
//! good text when it is long enough and mostly not link text; link-heavy and
//! short blocks are boilerplate-ish. The article container is the element that
//! maximises `good - PENALTY * bad` over its non-junk descendants, computed in one
//! bottom-up pass (nodes are in document order, so a reverse scan is post-order).
//! This is the maximum-subtree idea behind boilerpipe/trafilatura's density
//! heuristics, without their cost.
//!
//! Text output then walks the container, skipping junk elements (navigation,
//! share bars, comments, related lists, by class/id/tag) and dropping blocks and
//! inline runs that are Indonesian/English boilerplate ("Baca Juga:", "Simak
//! juga", "ADVERTISEMENT", "Scroll to continue with content", ...).

use crate::dom::{Data, Dom, NONE, NodeId, Tag};

/// Weight of boilerplate text against good text when choosing the container.
const PENALTY: f32 = 1.0;

/// Per-node facts used by scoring and output.
pub struct Analysis {
    /// Element is boilerplate by tag/class/id/style.
    pub junk: Vec<bool>,
    /// Some ancestor (or itself) is junk.
    pub in_junk: Vec<bool>,
    /// Some ancestor (or itself) is an `<a>`.
    pub in_link: Vec<bool>,
    /// Total text bytes in the subtree (non-junk).
    pub text: Vec<u32>,
    /// Link text bytes in the subtree (non-junk).
    pub link: Vec<u32>,
    pub good: Vec<f32>,
    pub bad: Vec<f32>,
    /// Teaser card of another article (headline link + summary).
    pub card: Vec<bool>,
    /// Class/id/itemprop names it as the article body.
    pub positive: Vec<bool>,
}

const NEGATIVE: &[&str] = &[
    "comment",
    "komentar",
    "share",
    "sharing",
    "social",
    "sosmed",
    "related",
    "terkait",
    "baca-juga",
    "bacajuga",
    "baca_juga",
    "readalso",
    "read-also",
    "read-more",
    "newsletter",
    "subscribe",
    "sidebar",
    "widget",
    "advert",
    "iklan",
    "banner",
    "promo",
    "sponsor",
    "breadcrumb",
    "navbar",
    "navigation",
    "-nav",
    "nav-",
    "menu",
    "footer",
    "masthead",
    "popup",
    "modal",
    "cookie",
    "consent",
    "gdpr",
    "tag-list",
    "taglist",
    "tags",
    "author-bio",
    "authorbio",
    "recommend",
    "trending",
    "popular",
    "terpopuler",
    "populer",
    "terkini",
    "most-",
    "outbrain",
    "taboola",
    "disqus",
    "signup",
    "login",
    "paywall",
    "caption",
    "photo",
    "foto",
    "keterangan",
    "img-desc",
    "image-desc",
    "pic-desc",
    "credit",
    "pagination",
    "pager",
    "toolbar",
    "print-only",
    "skip-link",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "hide-for",
    "dfp",
    "gpt-ad",
    "ad-slot",
    "adslot",
    "ad-container",
    "ads-",
    "-ads",
    "_ads",
    "ads_",
    "video-player",
    "playlist",
    "rating",
    "reaction",
    "emoji",
    "follow",
    "donate",
    "topik",
    "hashtag",
    "byline",
    "dateline",
    "meta-",
    "post-meta",
    "entry-meta",
    "article-meta",
    "timestamp",
    "kcm-read-terkait",
    "more-news",
    "parallax",
    "linksisip",
    "latest-news",
    "latest-stories",
    "latest-posts",
    "berita-terbaru",
    "more-stories",
    "more-posts",
    "more-from",
    "more-articles",
    "read-next",
    "next-post",
    "up-next",
    "recirc",
    "you-may",
    "also-like",
    "rekomendasi",
    "lainnya",
    "berita-lain",
    "ticker",
    "marquee",
    "privacy",
    "onetrust",
    "optanon",
    "cmp-",
    "cli-",
    "cky-",
    "lihat-juga",
    "simak",
];

/// Class/id words that mark the article itself; they veto a negative match
/// ("article-body-with-share" is still the body).
const POSITIVE: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "article-content",
    "article__body",
    "article__content",
    "entry-content",
    "post-content",
    "post-body",
    "story-body",
    "detail__body",
    "read__content",
    "txt-article",
    "content_news",
    "itp_bodycontent",
    "detail-text",
    "article-content-body",
    "detail-konten",
    "isi-berita",
    "isi_berita",
    "konten-berita",
    "news-content",
    "berita-content",
];

fn class_id(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    for k in ["class", "id", "role", "itemprop"] {
        if let Some(v) = dom.attr(id, k) {
            s.push_str(v);
            s.push(' ');
        }
    }
    s.make_ascii_lowercase();
    s
}

/// One automaton over all class/id words: a linear scan per element instead of
/// one substring search per word (this was a third of the run time).
struct Words {
    ac: Option<aho_corasick::AhoCorasick>,
    /// Pattern ids below this are POSITIVE, then NEGATIVE, then HARD_WORDS.
    pos_end: usize,
    neg_end: usize,
}

static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| {
    let all: Vec<&str> = POSITIVE
        .iter()
        .chain(NEGATIVE.iter())
        .chain(HARD_WORDS.iter())
        .copied()
        .collect();
    Words {
        ac: aho_corasick::AhoCorasick::new(&all).ok(),
        pos_end: POSITIVE.len(),
        neg_end: POSITIVE.len() + NEGATIVE.len(),
    }
});

/// (positive, negative, hard) class-word hits.
fn class_hits(ci: &str) -> (bool, bool, bool) {
    let w = &*WORDS;
    let (mut pos, mut neg, mut hard) = (false, false, false);
    if let Some(ac) = &w.ac {
        for m in ac.find_overlapping_iter(ci) {
            let p = m.pattern().as_usize();
            if p < w.pos_end {
                pos = true;
            } else if p < w.neg_end {
                neg = true;
            } else {
                hard = true;
            }
        }
    }
    (pos, neg, hard)
}

/// Junk verdict for one element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum JunkKind {
    No,
    /// By tag, style or a strong class word (comments, related, share): always junk.
    Hard,
    /// By a weaker class word (widget, sidebar, menu): junk unless it holds most
    /// of the page's good text (themes wrap the article in "widget Blog" etc.).
    Soft,
}

const HARD_WORDS: &[&str] = &[
    "comment",
    "komentar",
    "disqus",
    "related",
    "terkait",
    "baca-juga",
    "bacajuga",
    "newsletter",
    "cookie",
    "share",
    "sharing",
    "social",
    "outbrain",
    "taboola",
    "footer",
    "copyright",
    "disclaimer",
];

/// Junk verdict and "named as the article body" for one element.
fn classify(dom: &Dom, id: NodeId) -> (JunkKind, bool) {
    let Data::Element { tag, name, attrs } = &dom.nodes[id as usize].data else {
        return (JunkKind::No, false);
    };
    match tag {
        Tag::Nav
        | Tag::Aside
        | Tag::Footer
        | Tag::Button
        | Tag::Select
        | Tag::Iframe
        | Tag::Script
        | Tag::Style
        | Tag::Figcaption
        | Tag::Head
        | Tag::Title
        | Tag::Header => return (JunkKind::Hard, false),
        _ => {}
    }
    if matches!(
        name.as_ref(),
        "noscript"
            | "svg"
            | "textarea"
            | "input"
            | "label"
            | "template"
            | "dialog"
            | "menu"
            | "object"
            | "video"
            | "audio"
            | "canvas"
            | "marquee"
    ) {
        return (JunkKind::Hard, false);
    }
    if attrs.is_empty() {
        return (
            if *tag == Tag::Form {
                JunkKind::Soft
            } else {
                JunkKind::No
            },
            false,
        );
    }
    if dom.attr(id, "hidden").is_some() || dom.attr(id, "aria-hidden") == Some("true") {
        return (JunkKind::Hard, false);
    }
    if let Some(st) = dom.attr(id, "style") {
        let st = st.to_ascii_lowercase().replace(' ', "");
        if st.contains("display:none") || st.contains("visibility:hidden") {
            return (JunkKind::Hard, false);
        }
    }
    if let Some(role) = dom.attr(id, "role")
        && matches!(
            role,
            "navigation" | "complementary" | "contentinfo" | "banner" | "menu"
        )
    {
        return (JunkKind::Hard, false);
    }
    let ci = class_id(dom, id);
    let (pos, neg, hard) = class_hits(&ci);
    let positive = pos || dom.attr(id, "itemprop") == Some("articleBody");
    if matches!(tag, Tag::Html | Tag::Body | Tag::Main | Tag::Article) || positive {
        return (JunkKind::No, positive);
    }
    // "ad" / "ads" as a whole class word.
    let word = ci.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        matches!(
            w,
            "ad" | "ads" | "advertisement" | "share" | "nav" | "related"
        )
    });
    if !(neg || hard || word) {
        return (
            if *tag == Tag::Form {
                JunkKind::Soft
            } else {
                JunkKind::No
            },
            false,
        );
    }
    let soft_tag = matches!(
        tag,
        Tag::Div | Tag::Section | Tag::Other | Tag::Span | Tag::Form
    );
    if !soft_tag || hard || word && ci.contains("share") {
        (JunkKind::Hard, false)
    } else {
        (JunkKind::Soft, false)
    }
}

type Scores = (Vec<u32>, Vec<u32>, Vec<f32>, Vec<f32>, Vec<bool>);

/// Text stats and good/bad scores for a given junk assignment.
fn score(
    dom: &Dom,
    junk: &[bool],
    in_junk: &mut [bool],
    in_link: &[bool],
    owner: &[NodeId],
    in_positive: &[bool],
) -> Scores {
    let n = dom.nodes.len();
    for i in 1..n {
        let p = dom.nodes[i].parent as usize;
        in_junk[i] = in_junk[p] || junk[i];
    }
    let mut own_text = vec![0u32; n];
    let mut own_link = vec![0u32; n];
    let mut own_comma = vec![0u32; n];
    let mut text = vec![0u32; n];
    let mut link = vec![0u32; n];
    // Raw (junk included) own text, so a teaser's headline inside a junk
    // <header> still marks the teaser.
    let mut raw_text = vec![0u32; n];
    let mut raw_link = vec![0u32; n];
    let mut first_block = vec![NONE; n];
    // Length of the link run a block starts with ("<a>Headline</a> summary...").
    let mut lead_link = vec![0u32; n];
    let mut lead_done = vec![false; n];
    for i in 1..n {
        if let Data::Text(t) = &dom.nodes[i].data {
            let len = t.bytes().filter(|b| !b.is_ascii_whitespace()).count() as u32;
            if len == 0 {
                continue;
            }
            let o = owner[i] as usize;
            raw_text[o] += len;
            if in_link[i] {
                raw_link[o] += len;
                if !lead_done[o] {
                    lead_link[o] += len;
                }
            } else {
                lead_done[o] = true;
            }
            if in_junk[i] {
                continue;
            }
            let o = owner[i] as usize;
            own_text[o] += len;
            own_comma[o] += t.matches([',', '.']).count() as u32;
            text[i] = len;
            if in_link[i] {
                own_link[o] += len;
                link[i] = len;
            }
        }
    }
    let mut good = vec![0f32; n];
    let mut bad = vec![0f32; n];
    for i in 1..n {
        let l = own_text[i];
        if l == 0 {
            continue;
        }
        let a = own_link[i];
        let lf = l as f32;
        let density = a as f32 / lf;
        if density > 0.5 {
            bad[i] = lf;
        } else if l >= 60 || (l >= 30 && own_comma[i] > 0) {
            good[i] = (l - a) as f32;
            bad[i] = a as f32;
        } else {
            bad[i] = 0.3 * lf;
        }
    }
    // A headline block: mostly one link of headline length.
    let headline = |i: usize| raw_text[i] >= 25 && raw_link[i] * 10 >= raw_text[i] * 8;
    // First significant block (headline or prose) of each element, skipping
    // datelines and bylines that often sit above a teaser's headline.
    for (i, node) in dom.nodes.iter().enumerate().skip(1) {
        if !matches!(node.data, Data::Text(_)) {
            continue;
        }
        let o = owner[i] as usize;
        let prose = raw_text[o] >= 60 && raw_link[o] * 2 < raw_text[o];
        if !(headline(o) || prose) {
            continue;
        }
        let mut a = owner[i];
        while a != NONE && first_block[a as usize] == NONE {
            first_block[a as usize] = owner[i];
            a = dom.nodes[a as usize].parent;
        }
    }
    let own_good = good.clone();
    let own_bad = bad.clone();
    let mut candidate = vec![false; n];
    // Pass 1: sums, and teaser-card candidates: elements that start with a
    // headline link and go on with a summary (another article's teaser).
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        if p == NONE as usize || junk[i] {
            continue;
        }
        let fb = first_block[i];
        // One-block teaser: a headline link run, then a summary, in the same block.
        let lead = lead_link[i] >= 25 && own_text[i] >= lead_link[i] + 40;
        // Inside a container named as the body, lists of linked items are content
        // (listicles), not teasers.
        candidate[i] = (fb != NONE && headline(fb as usize) || lead)
            && good[i] > 0.0
            && text[i] < 800
            && !in_positive[i];
        text[p] += text[i];
        link[p] += link[i];
        good[p] += good[i];
        bad[p] += bad[i];
    }
    // Cards come in lists: a lone candidate is more likely the article itself
    // (a headline linking to its own page).
    let mut siblings = vec![0u16; n];
    let up = |i: usize, k: usize| -> usize {
        let mut id = i;
        for _ in 0..k {
            let p = dom.nodes[id].parent;
            if p == NONE {
                return 0;
            }
            id = p as usize;
        }
        id
    };
    for (i, _) in candidate.iter().enumerate().skip(1).filter(|(_, c)| **c) {
        {
            for k in 1..=3 {
                let a = up(i, k);
                siblings[a] = siblings[a].saturating_add(1);
            }
        }
    }
    let mut card = vec![false; n];
    for i in 1..n {
        if candidate[i] {
            card[i] = (1..=3).any(|k| {
                let a = up(i, k);
                a != 0 && siblings[a] >= 2
            });
        }
    }
    // Pass 2: sums with cards counted as boilerplate.
    let mut good = own_good;
    let mut bad = own_bad;
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        if p == NONE as usize || junk[i] {
            continue;
        }
        if card[i] {
            bad[i] += good[i];
            good[i] = 0.0;
        }
        good[p] += good[i];
        bad[p] += bad[i];
    }
    (text, link, good, bad, card)
}

/// Computes per-node stats and scores for the whole document.
pub fn analyse(dom: &Dom) -> Analysis {
    let n = dom.nodes.len();
    let mut kinds = vec![JunkKind::No; n];
    let mut positive = vec![false; n];
    let mut in_link = vec![false; n];
    let mut owner: Vec<NodeId> = vec![0; n];
    // Forward pass: inherited flags and the nearest block ancestor.
    for i in 1..n {
        let p = dom.nodes[i].parent as usize;
        let ptag = dom.tag(p as NodeId);
        // Only real links count: <a name=..> anchors around headings are not.
        in_link[i] = in_link[p] || ptag == Some(Tag::A) && dom.attr(p as NodeId, "href").is_some();
        owner[i] = if ptag.is_some_and(Tag::is_block) || p == 0 {
            p as NodeId
        } else {
            owner[p]
        };
        if let Data::Element { .. } = dom.nodes[i].data {
            (kinds[i], positive[i]) = classify(dom, i as NodeId);
        }
    }
    let mut in_positive = vec![false; n];
    for i in 1..n {
        let p = dom.nodes[i].parent as usize;
        in_positive[i] = in_positive[p] || positive[i];
    }
    // Phase 1: only hard junk removed, to learn where the good text is.
    let mut junk: Vec<bool> = kinds.iter().map(|k| *k == JunkKind::Hard).collect();
    let mut in_junk = vec![false; n];
    let first = score(dom, &junk, &mut in_junk, &in_link, &owner, &in_positive);
    let good1 = &first.2;
    let total = good1[0].max(1.0);
    // Phase 2: soft junk holding less than 40% of the good text is junk.
    let mut changed = false;
    // Inline popups inside paragraphs (a person card with article links in a
    // <span>): mostly-link inline runs of that length are never prose.
    let (text1, link1) = (&first.0, &first.1);
    for i in 1..n {
        if let Some(tag) = dom.tag(i as NodeId)
            && !tag.is_block()
            && tag != Tag::A
            && text1[i] >= 100
            && link1[i] * 10 >= text1[i] * 8
            && !junk[i]
        {
            junk[i] = true;
            changed = true;
        }
    }
    for i in 1..n {
        if kinds[i] == JunkKind::Soft && (good1[i] < 0.4 * total || good1[i] < 80.0) {
            junk[i] = true;
            changed = true;
        }
    }
    let (text, link, good, bad, card) = if changed {
        // Free the first pass before the second: halves peak memory on huge pages.
        drop(first);
        score(dom, &junk, &mut in_junk, &in_link, &owner, &in_positive)
    } else {
        first
    };
    Analysis {
        card,
        positive,
        junk,
        in_junk,
        in_link,
        text,
        link,
        good,
        bad,
    }
}

/// The element that best contains the article, or `None` when nothing qualifies.
pub fn best_container(dom: &Dom, a: &Analysis) -> Option<NodeId> {
    let mut best: Option<(NodeId, f32)> = None;
    for i in 1..dom.nodes.len() {
        if a.in_junk[i] || a.good[i] <= 0.0 {
            continue;
        }
        let Some(tag) = dom.tag(i as NodeId) else {
            continue;
        };
        if !tag.is_block()
            || matches!(tag, Tag::P | Tag::Li | Tag::Tr | Tag::Td | Tag::Th) && a.good[i] < 400.0
        {
            // A lone paragraph is a candidate only when it is long on its own.
            if tag != Tag::Div && tag != Tag::Other {
                continue;
            }
        }
        // Containers named as the article body get most of their boilerplate forgiven.
        let pen = if a.positive[i] {
            PENALTY * 0.25
        } else {
            PENALTY
        };
        let v = a.good[i] - pen * a.bad[i];
        if best.is_none_or(|(_, b)| v >= b) {
            best = Some((i as NodeId, v));
        }
    }
    best.filter(|(_, v)| *v > 0.0).map(|(id, _)| id)
}

/// Lowercased start of a line, for boilerplate tests.
fn boiler_line(s: &str) -> bool {
    let t = s
        .trim()
        .trim_start_matches(['-', '•', '*', '>', '|', ' '])
        .trim();
    let lower: String = t.chars().take(60).collect::<String>().to_lowercase();
    const STARTS: &[&str] = &[
        "baca juga",
        "baca:",
        "baca berita",
        "baca selengkapnya",
        "simak juga",
        "simak video",
        "simak breaking news",
        "simak selengkapnya",
        "simak informasi",
        "pilih saluran andalanmu",
        "simak berita",
        "lihat juga",
        "lihat video",
        "tonton juga",
        "saksikan juga",
        "artikel terkait",
        "berita terkait",
        "advertisement",
        "scroll to continue",
        "scroll untuk melanjutkan",
        "scroll ke bawah",
        "gulir untuk",
        "iklan",
        "read also",
        "read more:",
        "related:",
        "see also",
        "also read",
        "dapatkan update berita",
        "ikuti berita",
        "ikuti kami",
        "download aplikasi",
        "unduh aplikasi",
        "follow us",
        "klik di sini untuk",
        "bagikan:",
        "share this",
        "share:",
        "copyright ©",
        "hak cipta ©",
        "© copyright",
        "artikel ini telah tayang",
        "cek berita dan artikel",
        "pilihan untukmu",
        "rekomendasi untuk anda",
        "advert",
        "published:",
        "updated:",
        "diperbarui",
        "posted on",
        "[gambas:",
        "lanjutkan membaca",
        "lanjut baca",
        "follow berita",
        "follow instagram",
        "dapatkan berita",
        "cek berita",
        "this copy is for your personal",
        "text size",
        "an error has occurred",
        "this article has been sent",
        "this post may contain affiliate",
        "this website uses cookies",
        "this site uses cookies",
        "we use cookies",
        "situs ini menggunakan cookie",
        "kami menggunakan cookie",
        "sign up for",
        "subscribe to",
        "berlangganan newsletter",
        "berlangganan gratis",
        "updated at",
        "last updated",
        "want more stories",
        "get breaking news",
        "click here to",
        "this slideshow requires",
        "tell us what you think",
        "related articles",
        "more from",
        "editor:",
        "editor :",
        "penulis:",
        "penulis :",
        "pewarta:",
        "pewarta :",
        "reporter:",
        "reporter :",
        "penyunting:",
        "redaktur:",
        "sumber foto",
        "fotografer:",
        "fotografer :",
        "rating (",
        "vote photo",
        "foto:",
        "(foto:",
        "video:",
        "infografis:",
        "dilarang mengambil",
    ];
    if STARTS.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if date_only(t) {
        return true;
    }
    // "| 1.999 Views", "Dibaca 2.310 kali", "• 2 min read", "3 menit baca"
    if t.len() < 40
        && [
            "views",
            "dibaca",
            "dilihat",
            "min read",
            "menit baca",
            "minutes read",
        ]
        .iter()
        .any(|w| lower.contains(w))
    {
        return true;
    }
    // Editor initials closing Indonesian articles: "(rzp/dnu)", "(ant/mhd)".
    if t.len() <= 24
        && t.starts_with('(')
        && t.ends_with(')')
        && t[1..t.len() - 1].split('/').all(|w| {
            (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_lowercase() || c == '*')
        })
    {
        return true;
    }
    // ": Ervan Hardoko" after a "Penulis"/"Editor" label line.
    if t.starts_with(':') && t.len() < 80 {
        return true;
    }
    matches!(
        lower.as_str(),
        "ads"
            | "advertisement"
            | "iklan"
            | "share"
            | "tweet"
            | "bagikan"
            | "komentar"
            | "loading..."
            | "memuat..."
            | "halaman selanjutnya"
            | "selanjutnya"
            | "sebelumnya"
            | "next"
            | "previous"
            | "print"
            | "cetak"
            | "email"
            | "whatsapp"
            | "facebook"
            | "twitter"
            | "telegram"
            | "linkedin"
            | "copy link"
            | "salin tautan"
            | "tag:"
            | "tags:"
            | "tag"
            | "tags"
            | "topik:"
            | "topik"
            | "(ant)"
            | "..."
            | "+"
            | "x"
            | "comments"
            | "breaking news"
            | "read more"
            | "baca selengkapnya"
            | "lihat semua"
            | "see more"
            | "penulis"
            | "editor"
            | "sumber"
            | "pewarta"
            | "reporter"
            | "fotografer"
            | "penyunting"
            | "antara"
            | "ant"
            | "reuters"
            | "afp"
            | "ap"
            | "kompas.com"
            | "tempo"
            | "tempo.co"
            | "detikcom"
    )
}

/// A line made only of a date, time, weekday and words like "published"/"diperbarui"
/// ("Kamis, 26 November 2026 11:14 WIB", "PUBLISHED: Nov 19, 2019 at 8:59 pm").
fn date_only(t: &str) -> bool {
    if t.len() > 120 || crate::date::parse_text(t, crate::date::wib()).is_none() {
        return false;
    }
    let others = t
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            crate::date::month(w).is_none()
                && !matches!(
                    w.as_str(),
                    "senin"
                        | "selasa"
                        | "rabu"
                        | "kamis"
                        | "jumat"
                        | "sabtu"
                        | "minggu"
                        | "ahad"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                        | "mon"
                        | "tue"
                        | "wed"
                        | "thu"
                        | "fri"
                        | "sat"
                        | "sun"
                        | "wib"
                        | "wita"
                        | "wit"
                        | "gmt"
                        | "utc"
                        | "am"
                        | "pm"
                        | "at"
                        | "on"
                        | "pukul"
                        | "jam"
                        | "published"
                        | "updated"
                        | "posted"
                        | "diperbarui"
                        | "dipublikasikan"
                        | "diterbitkan"
                        | "diunggah"
                        | "last"
                        | "tanggal"
                        | "edt"
                        | "est"
                        | "pst"
                        | "pdt"
                        | "cet"
                        | "bst"
                        | "et"
                        | "pt"
                        | "ist"
                        | "th"
                        | "st"
                        | "nd"
                        | "rd"
                        | "t"
                        | "z"
                )
        })
        .count();
    // "CNN Indonesia | Rabu, 25 Nov 2026 14:05 WIB": a site name is allowed when
    // the line carries a time of day, which a prose dateline ("ISTANBUL, 23
    // Februari 2016 (Antara) -") does not.
    others <= 1 || others <= 3 && crate::meta::has_time(t)
}

/// Inline markers like "Baca Juga:" whose following link is a related article.
fn related_marker(s: &str) -> bool {
    let t = s
        .trim()
        .trim_end_matches([':', ' ', '-', '»', '>'])
        .to_lowercase();
    matches!(
        t.as_str(),
        "baca juga"
            | "baca"
            | "simak juga"
            | "lihat juga"
            | "baca pula"
            | "read also"
            | "also read"
            | "read more"
            | "related"
            | "berita terkait"
            | "artikel terkait"
            | "tonton juga"
            | "simak"
            | "see also"
    )
}

struct Writer<'a> {
    dom: &'a Dom,
    a: &'a Analysis,
    paras: Vec<String>,
    cur: String,
    skip_next_link: bool,
    steps: usize,
}

impl Writer<'_> {
    fn flush(&mut self) {
        let p = std::mem::take(&mut self.cur);
        let p = p.trim();
        if p.is_empty() {
            return;
        }
        let lines: Vec<&str> = p
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty() && !boiler_line(l))
            .collect();
        if lines.is_empty() {
            return;
        }
        self.paras.push(lines.join("\n"));
    }

    /// Emits the text of `id`'s subtree, iteratively (no recursion on deep pages).
    fn emit(&mut self, root: NodeId) {
        // Stack of (node, entering?).
        let mut stack: Vec<(NodeId, bool)> = vec![(root, true)];
        while let Some((id, enter)) = stack.pop() {
            self.steps += 1;
            if self.steps > 2_000_000 {
                return;
            }
            let i = id as usize;
            match &self.dom.nodes[i].data {
                Data::Text(t) => {
                    if self.skip_next_link && !t.trim().is_empty() && !self.a.in_link[i] {
                        // Text after a "Baca juga:" marker that was not a link ends the skip.
                        self.skip_next_link = false;
                    }
                    if related_marker(t) && t.trim().len() < 30 {
                        self.skip_next_link = true;
                        continue;
                    }
                    crate::dom::push_collapsed(&mut self.cur, t);
                }
                Data::Element { tag, .. } => {
                    let tag = *tag;
                    if enter {
                        if id != root && (self.a.junk[i] || self.a.card[i]) {
                            continue;
                        }
                        if tag == Tag::Br {
                            trim_end_spaces(&mut self.cur);
                            self.cur.push('\n');
                            continue;
                        }
                        if tag == Tag::Img || tag == Tag::H1 && id != root {
                            continue;
                        }
                        if tag == Tag::A && self.skip_next_link {
                            self.skip_next_link = false;
                            continue;
                        }
                        let block = tag.is_block();
                        if block {
                            // Link lists and related boxes inside the body.
                            let t = self.a.text[i];
                            if id != root && t > 0 && self.a.link[i] * 10 > t * 6 {
                                continue;
                            }
                            self.flush();
                        } else if tag != Tag::A {
                            // Inline "Baca juga: <a>..</a>" wrapped in <strong>/<span>.
                            if self.a.text[i] < 300 {
                                let t = self.dom.text_of(id);
                                if t.len() > 3 && boiler_line(&t) {
                                    continue;
                                }
                            }
                        }
                        stack.push((id, false));
                        let mut kids: Vec<NodeId> = self.dom.children(id).collect();
                        kids.reverse();
                        stack.extend(kids.into_iter().map(|k| (k, true)));
                    } else if tag.is_block() {
                        self.flush();
                    }
                }
                Data::Document => {
                    let mut kids: Vec<NodeId> = self.dom.children(id).collect();
                    kids.reverse();
                    stack.extend(kids.into_iter().map(|k| (k, true)));
                }
            }
        }
    }
}

fn trim_end_spaces(s: &mut String) {
    while s.ends_with(' ') {
        s.pop();
    }
}

/// Clean text of `root` as paragraphs.
pub fn text_of(dom: &Dom, a: &Analysis, root: NodeId) -> Vec<String> {
    let mut w = Writer {
        dom,
        a,
        paras: Vec::new(),
        cur: String::new(),
        skip_next_link: false,
        steps: 0,
    };
    w.emit(root);
    w.flush();
    w.paras
}

/// A container full of headline links is a front/section page, not an article.
pub fn looks_like_index(dom: &Dom, a: &Analysis, root: NodeId) -> bool {
    let r = root as usize;
    let mut headlines = 0;
    for d in dom.descendants(root) {
        let i = d as usize;
        if a.in_junk[i] || dom.tag(d) != Some(Tag::A) {
            continue;
        }
        if a.text[i] >= 25 {
            headlines += 1;
        }
    }
    headlines >= 6 && a.link[r] * 100 > a.text[r] * 35
}

/// Every long, link-poor paragraph outside junk: the last-resort method.
pub fn long_paragraphs(dom: &Dom, a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    for i in 1..dom.nodes.len() {
        if a.in_junk[i] || dom.tag(i as NodeId) != Some(Tag::P) {
            continue;
        }
        if a.text[i] >= 80 && a.link[i] * 10 < a.text[i] * 3 {
            let t = dom.text_of(i as NodeId);
            if !boiler_line(&t) {
                out.push(t);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_lines() {
        assert!(boiler_line("Baca Juga: Menteri resmikan jembatan"));
        assert!(boiler_line("ADVERTISEMENT"));
        assert!(boiler_line("SCROLL TO CONTINUE WITH CONTENT"));
        assert!(boiler_line("Simak juga video berikut"));
        assert!(!boiler_line("Bacaan doa dibacakan oleh Menteri Agama."));
        assert!(related_marker("Baca juga:"));
        assert!(!related_marker(
            "Baca juga ulasan kami di bawah ini mengenai hal itu"
        ));
    }
}
