//! Base-14 Helvetica metrics and WinAnsi encoding.
//!
//! PDFs use the standard Helvetica faces so no font file is bundled; text is encoded in
//! WinAnsiEncoding (Windows-1252), which covers Indonesian (Latin letters) plus curly quotes,
//! dashes, the bullet and the euro sign. The SVG charts use the same widths for layout so that
//! both backends place text alike.
//!
//! Widths (1/1000 em) for codes 32..=255 come from Adobe's Core14 AFM files `Helvetica.afm` and
//! `Helvetica-Bold.afm` (Adobe Systems, 1985-1997), re-indexed by WinAnsi code. Helvetica-Oblique
//! has the same widths as Helvetica. Codes undefined in WinAnsi (127, 129, 141, 143, 144, 157) are
//! never produced by [`encode`] and carry width 0.

/// The three faces the documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Oblique,
}

impl Face {
    /// The PDF base font name.
    pub fn base_font(self) -> &'static str {
        match self {
            Face::Regular => "Helvetica",
            Face::Bold => "Helvetica-Bold",
            Face::Oblique => "Helvetica-Oblique",
        }
    }
}

#[rustfmt::skip]
const HELVETICA: [u16; 224] = [
    // 32..=63
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    // 64..=95
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    // 96..=127
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    // 128..=159
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    // 160..=191
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 192..=223
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 224..=255
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 224] = [
    // 32..=63
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    // 64..=95
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    // 96..=127
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    // 128..=159
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    // 160..=191
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 192..=223
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 224..=255
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

/// Width of one WinAnsi byte in 1/1000 em.
pub fn byte_width(face: Face, b: u8) -> u16 {
    if b < 32 {
        return 0;
    }
    let table = match face {
        Face::Bold => &HELVETICA_BOLD,
        Face::Regular | Face::Oblique => &HELVETICA,
    };
    table[usize::from(b - 32)]
}

/// Width of WinAnsi-encoded text in points at `size`.
pub fn bytes_width(face: Face, bytes: &[u8], size: f32) -> f32 {
    let units: u32 = bytes.iter().map(|&b| u32::from(byte_width(face, b))).sum();
    units as f32 * size / 1000.0
}

/// Width of a Unicode string in points at `size`, as it will be drawn.
pub fn text_width(face: Face, text: &str, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| u32::from(byte_width(face, encode_char(c))))
        .sum();
    units as f32 * size / 1000.0
}

/// Maps one character to its WinAnsi byte; characters WinAnsi lacks become an ASCII look-alike
/// or '?', so a PDF never shows a blank or a wrong glyph silently.
pub fn encode_char(c: char) -> u8 {
    let cp = u32::from(c);
    match cp {
        0x20..=0x7E => cp as u8,
        // Latin-1 supplement maps 1:1 onto WinAnsi.
        0xA0..=0xFF => cp as u8,
        0x09 | 0x0A | 0x0D => b' ',
        _ => match c {
            '€' => 128,
            '‚' => 130,
            'ƒ' => 131,
            '„' => 132,
            '…' => 133,
            '†' => 134,
            '‡' => 135,
            'ˆ' => 136,
            '‰' => 137,
            'Š' => 138,
            '‹' => 139,
            'Œ' => 140,
            'Ž' => 142,
            '‘' => 145,
            '’' => 146,
            '“' => 147,
            '”' => 148,
            '•' => 149,
            '–' => 150,
            '—' => 151,
            '˜' => 152,
            '™' => 153,
            'š' => 154,
            '›' => 155,
            'œ' => 156,
            'ž' => 158,
            'Ÿ' => 159,
            // ASCII fallbacks for common typography outside WinAnsi.
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => b'-',
            '\u{2015}' => 151,
            '\u{2032}' | '\u{201B}' => b'\'',
            '\u{2033}' | '\u{201F}' => b'"',
            '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => b' ',
            'ā' | 'ă' | 'ą' => b'a',
            'Ā' | 'Ă' | 'Ą' => b'A',
            'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => b'e',
            'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => b'E',
            'ī' | 'ĭ' | 'į' | 'ı' => b'i',
            'ō' | 'ŏ' | 'ő' => b'o',
            'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => b'u',
            'ć' | 'č' => b'c',
            'ś' | 'ş' => b's',
            'ń' | 'ň' => b'n',
            _ => b'?',
        },
    }
}

/// Encodes text to WinAnsi bytes, dropping zero-width characters.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{AD}'))
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .map(encode_char)
        .collect()
}

/// Greedy word wrap of WinAnsi bytes into lines no wider than `max_width` points; a word longer
/// than a line is broken by characters so nothing overflows.
pub fn wrap(face: Face, text: &str, size: f32, max_width: f32) -> Vec<Vec<u8>> {
    let bytes = encode(text);
    let space = bytes_width(face, b" ", size);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    let mut line_w = 0.0f32;
    for word in bytes.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let ww = bytes_width(face, word, size);
        let extra = if line.is_empty() { ww } else { space + ww };
        if line_w + extra <= max_width {
            if !line.is_empty() {
                line.push(b' ');
            }
            line.extend_from_slice(word);
            line_w += extra;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
        }
        if ww <= max_width {
            line.extend_from_slice(word);
            line_w = ww;
        } else {
            for &b in word {
                let bw = bytes_width(face, &[b], size);
                if line_w + bw > max_width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(b);
                line_w += bw;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cuts text to fit `max_width` points, ending with an ellipsis when cut.
pub fn truncate(face: Face, text: &str, size: f32, max_width: f32) -> String {
    if text_width(face, text, size) <= max_width {
        return text.to_string();
    }
    let ell = text_width(face, "…", size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = text_width(face, c.encode_utf8(&mut [0; 4]), size);
        if w + cw + ell > max_width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_typography_and_indonesian() {
        assert_eq!(
            encode("“Jalan” – ‘ok’ — é"),
            vec![
                147, b'J', b'a', b'l', b'a', b'n', 148, b' ', 150, b' ', 145, b'o', b'k', 146,
                b' ', 151, b' ', 0xE9
            ]
        );
        assert_eq!(encode("漢"), vec![b'?']);
    }

    #[test]
    fn widths_match_afm() {
        assert!((text_width(Face::Regular, "Halaman", 10.0) - 40.01).abs() < 0.01);
        assert_eq!(byte_width(Face::Bold, b'W'), 944);
    }

    #[test]
    fn wraps_long_words() {
        let lines = wrap(Face::Regular, &"x".repeat(500), 10.0, 100.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(bytes_width(Face::Regular, l, 10.0) <= 100.0);
        }
        assert_eq!(wrap(Face::Regular, "", 10.0, 100.0).len(), 1);
    }
}
