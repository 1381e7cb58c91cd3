//! URL slugs from titles.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest slug, in characters (all ASCII).
const MAX_SLUG: usize = 80;

/// Slug used when a title has no letters or digits at all.
const FALLBACK: &str = "berita";

/// Letters that do not decompose into an ASCII letter plus marks.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        '&' => "-dan-",
        _ => return None,
    })
}

/// See [`crate::slugify`].
pub fn slugify(title: &str) -> String {
    let mut folded = String::with_capacity(title.len());
    for c in title.nfkd().filter(|c| !is_combining_mark(*c)) {
        match fold_special(c) {
            Some(s) => folded.push_str(s),
            None => folded.push(c),
        }
    }
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // Apostrophes join: "Jum'at" -> "jumat".
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.len() > MAX_SLUG {
        // Cut at the last '-' that keeps the slug within the limit; one long word is cut hard.
        let cut = if slug.as_bytes()[MAX_SLUG] == b'-' {
            MAX_SLUG
        } else {
            slug[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG)
        };
        slug.truncate(cut);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    if slug.is_empty() {
        FALLBACK.to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_titles() {
        assert_eq!(
            slugify("Gubernur Resmikan Jembatan Baru di Kab. Sleman!"),
            "gubernur-resmikan-jembatan-baru-di-kab-sleman"
        );
        assert_eq!(slugify("  --Rapat  Koordinasi-- "), "rapat-koordinasi");
        assert_eq!(slugify("Sholat Jum'at Bersama"), "sholat-jumat-bersama");
        assert_eq!(slugify("Pemprov & Polda Jatim"), "pemprov-dan-polda-jatim");
    }

    #[test]
    fn folds_diacritics() {
        assert_eq!(slugify("Café Déjà Vu – Ñandú"), "cafe-deja-vu-nandu");
        assert_eq!(slugify("Straße Ærø"), "strasse-aero");
        assert_eq!(slugify("Ｆｕｌｌｗｉｄｔｈ ２０２６"), "fullwidth-2026");
    }

    #[test]
    fn empty_falls_back() {
        assert_eq!(slugify(""), "berita");
        assert_eq!(slugify("!!! ???"), "berita");
        assert_eq!(slugify("李克强"), "berita");
    }

    #[test]
    fn long_titles_cut_at_dash() {
        let title = "Pemerintah Provinsi Jawa Tengah Menyalurkan Bantuan Sosial Kepada Masyarakat Terdampak Banjir Bandang";
        let s = slugify(title);
        assert!(s.len() <= 80, "{s}");
        assert!(!s.ends_with('-'));
        assert_eq!(
            s,
            "pemerintah-provinsi-jawa-tengah-menyalurkan-bantuan-sosial-kepada-masyarakat"
        );
        let long_word = "a".repeat(200);
        assert_eq!(slugify(&long_word).len(), 80);
    }
}
