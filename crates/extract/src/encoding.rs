//! Character set detection and decoding to UTF-8.
//!
//! Order: byte-order mark, then the HTTP `Content-Type` charset, then
//! `<meta charset>` / `http-equiv` / XML declaration in the first 4 KiB, then
//! sniffing (valid UTF-8, else Windows-1252, which is what browsers do for
//! ISO-8859-1 labels anyway). A declared single-byte charset is overridden when
//! the bytes are valid UTF-8 with non-ASCII content: mislabelled UTF-8 pages are
//! far more common than legacy pages that happen to be valid UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// Decodes `bytes` to text and returns it with the encoding's name.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> (Cow<'a, str>, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (s, enc.name());
    }
    let declared = content_type
        .and_then(charset_from_content_type)
        .or_else(|| charset_from_meta(&bytes[..bytes.len().min(4096)]));
    let utf8 = std::str::from_utf8(bytes).ok();
    let enc = match (declared, utf8) {
        (Some(e), Some(s)) if e != UTF_8 && e.is_single_byte() && !s.is_ascii() => UTF_8,
        (Some(e), _) => e,
        (None, Some(_)) => UTF_8,
        (None, None) => WINDOWS_1252,
    };
    if enc == UTF_8
        && let Some(s) = utf8
    {
        return (Cow::Borrowed(s), "UTF-8");
    }
    // UTF-16 declared in a meta tag of an ASCII-compatible page is a lie.
    let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        enc
    };
    let (s, _) = enc.decode_without_bom_handling(bytes);
    (s, enc.name())
}

fn charset_from_content_type(ct: &str) -> Option<&'static Encoding> {
    let lower = ct.to_ascii_lowercase();
    let i = lower.find("charset")?;
    let rest = lower[i + 7..].trim_start().strip_prefix('=')?;
    label(rest)
}

fn label(rest: &str) -> Option<&'static Encoding> {
    let rest = rest.trim_start().trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

fn charset_from_meta(head: &[u8]) -> Option<&'static Encoding> {
    let s = String::from_utf8_lossy(head).to_ascii_lowercase();
    if s.starts_with("<?xml")
        && let Some(i) = s.find("encoding=")
    {
        return label(&s[i + 9..]);
    }
    let mut from = 0;
    while let Some(off) = s[from..].find("<meta") {
        let start = from + off;
        let end = s[start..].find('>').map_or(s.len(), |e| start + e);
        let tag = &s[start..end];
        if let Some(i) = tag.find("charset") {
            let rest = tag[i + 7..].trim_start();
            if let Some(r) = rest.strip_prefix('=')
                && let Some(e) = label(r)
            {
                return Some(e);
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_for_legacy_bytes() {
        let (s, name) = decode(b"<p>caf\xe9</p>", Some("text/html; charset=ISO-8859-1"));
        assert_eq!(s, "<p>café</p>");
        assert_eq!(name, "windows-1252");
    }

    #[test]
    fn meta_charset_and_sniffing() {
        let html = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93kutip\x94</p>";
        let (s, _) = decode(html, None);
        assert!(s.contains("\u{201c}kutip\u{201d}"));
        // No declaration, invalid UTF-8: Windows-1252.
        let (s, _) = decode(b"<p>Rp5.000 \x96 diskon</p>", None);
        assert!(s.contains('\u{2013}'));
        // Mislabelled UTF-8 stays UTF-8.
        let (s, _) = decode("<meta charset=iso-8859-1><p>café</p>".as_bytes(), None);
        assert!(s.contains("café"));
    }

    #[test]
    fn bom_and_other_charsets() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("é".as_bytes());
        assert_eq!(decode(&b, None).0, "é");
        let (s, _) = decode(
            b"<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>",
            None,
        );
        assert!(s.contains("Привет"));
    }
}
