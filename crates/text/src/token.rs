//! Tokenizer and sentence splitter for Indonesian news text.
//!
//! Works on whitespace chunks, peels punctuation off their ends, then classifies the core
//! (URL, e-mail, mention, hashtag, money, date, time, number, abbreviation, word, emoji).
//! Offsets are byte offsets into the input and always fall on character boundaries.

use serde::Serialize;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters (any script), possibly with digits, inner hyphens (reduplication:
    /// "bersama-sama", "kupu-kupu", "bukunya-lah") or apostrophes ("Jum'at").
    Word,
    /// Abbreviation keeping its dot(s): "H.", "dr.", "No.", "S.H.", "dll.".
    Abbreviation,
    /// "5.000", "1,2", "2026".
    Number,
    /// "Rp5.000", "Rp 1,2 triliun", "Rp50 juta".
    Money,
    /// "50%", "50 persen".
    Percent,
    /// "26/11/2026", "26-11-2026".
    Date,
    /// "11.14", "11:14", "11.14 WIB".
    Time,
    /// "https://...", "www...".
    Url,
    /// "humas@jabarprov.go.id".
    Email,
    /// "#SinergiHumas".
    Hashtag,
    /// "@kemkominfo".
    Mention,
    /// One emoji (with its modifiers / joiners).
    Emoji,
    /// Punctuation and other symbols, one character each.
    Punct,
}

/// A token: a slice of the input with its byte span and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The token text, exactly as in the input.
    pub text: &'a str,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The kind.
    pub kind: TokenKind,
}

impl Token<'_> {
    /// Is this a word-like token (word or abbreviation)?
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Abbreviation)
    }
}

/// Abbreviations written with a final dot that must not end a sentence (lowercase, no dot).
const ABBREVIATIONS: &[&str] = &[
    "a.n", "adm", "bpk", "brigjen", "capt", "dll", "dr", "drg", "drh", "drs", "dra", "dsb", "dst",
    "dkk", "gub", "h", "hj", "ir", "irjen", "jend", "jl", "jln", "kab", "kapt", "kec", "kel",
    "kol", "komjen", "kompol", "letjen", "mayjen", "no", "ny", "prof", "pt", "rp", "sdr", "sdri",
    "tbk", "tgl", "tn", "u.p", "yth", "kh", "st", "sh", "se", "mh", "mm", "msi", "mpd", "spd",
    "skm", "ak", "ra", "ust", "kpt", "nn", "dt", "hlm", "bln", "thn", "vol", "sept", "okt", "nov",
    "des", "jan", "feb", "mar", "apr", "agu", "ags",
];

/// Abbreviations that often close a sentence ("..., dan lain-lain.").
const SENTENCE_FINAL_ABBR: &[&str] = &["dll.", "dsb.", "dst.", "dkk."];

const SCALE_WORDS: &[&str] = &[
    "ribu", "rb", "juta", "jt", "miliar", "milyar", "triliun", "trilyun", "m", "t",
];

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF | 0x3030 | 0x303D
        | 0x3297 | 0x3299 | 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x21AA)
}

fn is_emoji_joiner(c: char) -> bool {
    matches!(c as u32, 0x200D | 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3 | 0xE0020..=0xE007F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (decomposed diacritics) stay inside words.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Split `text` into tokens. Never panics; whitespace is dropped.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut raw = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                chunk(text, s, i, &mut raw);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        chunk(text, s, text.len(), &mut raw);
    }
    merge(text, raw)
}

fn push<'a>(out: &mut Vec<Token<'a>>, text: &'a str, start: usize, end: usize, kind: TokenKind) {
    if start < end
        && let Some(t) = text.get(start..end)
    {
        out.push(Token {
            text: t,
            start,
            end,
            kind,
        });
    }
}

fn is_leading_punct(c: char) -> bool {
    !(is_word_char(c) || c == '#' || c == '@' || is_emoji(c))
}

fn is_trailing_punct(c: char) -> bool {
    !(is_word_char(c) || c == '%' || is_emoji(c) || is_emoji_joiner(c) || c == '/')
}

fn chunk<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let s = &text[start..end];
    // Leading punctuation: quotes, brackets...
    let mut lead = 0;
    for (i, c) in s.char_indices() {
        if is_leading_punct(c) && !is_emoji_joiner(c) {
            push(
                out,
                text,
                start + i,
                start + i + c.len_utf8(),
                TokenKind::Punct,
            );
            lead = i + c.len_utf8();
        } else {
            break;
        }
    }
    let core_all = &s[lead..];
    if core_all.is_empty() {
        return;
    }
    // Trailing punctuation, kept aside to push after the core.
    let mut core_end = core_all.len();
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    while let Some(c) = core_all[..core_end].chars().next_back() {
        if !is_trailing_punct(c) {
            break;
        }
        if c == '.' && is_abbreviation(&core_all[..core_end]) {
            break;
        }
        let cs = core_end - c.len_utf8();
        trailing.push((cs, core_end));
        core_end = cs;
    }
    let core = &core_all[..core_end];
    let base = start + lead;
    if !core.is_empty() {
        classify(text, base, core, out);
    }
    for (a, b) in trailing.into_iter().rev() {
        push(out, text, base + a, base + b, TokenKind::Punct);
    }
}

fn is_abbreviation(with_dot: &str) -> bool {
    let Some(core) = with_dot.strip_suffix('.') else {
        return false;
    };
    if core.is_empty() || core.len() > 12 {
        return false;
    }
    let lower = core.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut chars = core.chars();
    // A single capital letter is an initial: "H.", "M."
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    // Dotted forms: "S.H.", "M.Si.", "a.n."
    core.contains('.')
        && core
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
}

fn lower_starts(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
}

fn classify<'a>(text: &'a str, base: usize, core: &'a str, out: &mut Vec<Token<'a>>) {
    let end = base + core.len();
    if lower_starts(core, "http://") || lower_starts(core, "https://") || lower_starts(core, "www.")
    {
        push(out, text, base, end, TokenKind::Url);
        return;
    }
    if is_email(core) {
        push(out, text, base, end, TokenKind::Email);
        return;
    }
    if core.ends_with('.') && is_abbreviation(core) {
        push(out, text, base, end, TokenKind::Abbreviation);
        return;
    }
    if let Some(kind) = numeric_kind(core) {
        push(out, text, base, end, kind);
        return;
    }
    split_core(text, base, core, out);
}

fn is_email(s: &str) -> bool {
    let Some((user, domain)) = s.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && user
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

fn digits_with_seps(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
        && b.iter()
            .all(|&c| c.is_ascii_digit() || c == b'.' || c == b',')
        && !s.contains("..")
        && !s.contains(",,")
}

fn numeric_kind(core: &str) -> Option<TokenKind> {
    if lower_starts(core, "rp") {
        let rest = core[2..].trim_start_matches('.');
        if digits_with_seps(rest) {
            return Some(TokenKind::Money);
        }
    }
    if let Some(num) = core.strip_suffix('%')
        && digits_with_seps(num)
    {
        return Some(TokenKind::Percent);
    }
    if !core.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    // Dates: d/m/y or d-m-y.
    for sep in ['/', '-'] {
        let parts: Vec<&str> = core.split(sep).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|c| c.is_ascii_digit()))
            && parts[0].len() <= 2
            && parts[1].len() <= 2
        {
            return Some(TokenKind::Date);
        }
    }
    // Times: 11.14 / 11:14 (Indonesian decimals use a comma, thousands a dot in groups of 3).
    for sep in ['.', ':'] {
        if let Some((h, m)) = core.split_once(sep)
            && (1..=2).contains(&h.len())
            && m.len() == 2
            && h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit())
            && h.parse::<u8>().is_ok_and(|h| h <= 24)
            && m.parse::<u8>().is_ok_and(|m| m < 60)
        {
            return Some(TokenKind::Time);
        }
    }
    if digits_with_seps(core) {
        return Some(TokenKind::Number);
    }
    None
}

/// Split a chunk core into words, emoji, mentions, hashtags and punctuation.
fn split_core<'a>(text: &'a str, base: usize, core: &'a str, out: &mut Vec<Token<'a>>) {
    let chars: Vec<(usize, char)> = core.char_indices().collect();
    let n = chars.len();
    let pos = |k: usize| chars.get(k).map_or(core.len(), |&(i, _)| i);
    let mut k = 0;
    while k < n {
        let (i, c) = chars[k];
        if (c == '#' || c == '@')
            && chars
                .get(k + 1)
                .is_some_and(|&(_, d)| is_word_char(d) || d == '_')
        {
            let mut j = k + 1;
            while j < n && (is_word_char(chars[j].1) || chars[j].1 == '_') {
                j += 1;
            }
            let kind = if c == '#' {
                TokenKind::Hashtag
            } else {
                TokenKind::Mention
            };
            push(out, text, base + i, base + pos(j), kind);
            k = j;
        } else if is_word_char(c) {
            let mut j = k + 1;
            loop {
                while j < n && is_word_char(chars[j].1) {
                    j += 1;
                }
                // Inner hyphen / apostrophe between word characters keeps the word whole.
                if j + 1 < n
                    && matches!(chars[j].1, '-' | '\'' | '’')
                    && is_word_char(chars[j + 1].1)
                {
                    j += 1;
                    continue;
                }
                break;
            }
            push(out, text, base + i, base + pos(j), TokenKind::Word);
            k = j;
        } else if is_emoji(c) {
            let mut j = k + 1;
            while j < n
                && (is_emoji_joiner(chars[j].1)
                    || (chars[j - 1].1 == '\u{200D}' && is_emoji(chars[j].1))
                    || (matches!(c as u32, 0x1F1E6..=0x1F1FF)
                        && j == k + 1
                        && matches!(chars[j].1 as u32, 0x1F1E6..=0x1F1FF)))
            {
                j += 1;
            }
            push(out, text, base + i, base + pos(j), TokenKind::Emoji);
            k = j;
        } else {
            push(out, text, base + i, base + pos(k + 1), TokenKind::Punct);
            k += 1;
        }
    }
}

/// Merge multi-token units: "Rp 5.000", "Rp1,2 triliun", "50 persen", "11.14 WIB".
fn merge<'a>(text: &'a str, raw: Vec<Token<'a>>) -> Vec<Token<'a>> {
    let mut out: Vec<Token<'a>> = Vec::with_capacity(raw.len());
    for t in raw {
        if let Some(prev) = out.last_mut() {
            let gap_ok = text
                .get(prev.end..t.start)
                .is_some_and(|g| g.len() <= 2 && g.chars().all(|c| c == ' '));
            let lower = t.text.to_lowercase();
            let merged_kind = if !gap_ok {
                None
            } else if (t.kind == TokenKind::Number
                && ((prev.kind == TokenKind::Word && prev.text.eq_ignore_ascii_case("rp"))
                    || (prev.kind == TokenKind::Abbreviation
                        && prev.text.eq_ignore_ascii_case("rp."))))
                || (prev.kind == TokenKind::Money
                    && t.kind == TokenKind::Word
                    && SCALE_WORDS.contains(&lower.as_str())
                    && prev
                        .text
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| !SCALE_WORDS.contains(&w.to_lowercase().as_str())))
            {
                Some(TokenKind::Money)
            } else if prev.kind == TokenKind::Number && (lower == "persen" || lower == "%") {
                Some(TokenKind::Percent)
            } else if prev.kind == TokenKind::Time
                && matches!(lower.as_str(), "wib" | "wita" | "wit")
                && !prev.text.contains(' ')
            {
                Some(TokenKind::Time)
            } else {
                None
            };
            if let Some(kind) = merged_kind
                && let Some(s) = text.get(prev.start..t.end)
            {
                prev.text = s;
                prev.end = t.end;
                prev.kind = kind;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// A sentence: its text (trimmed) and byte span in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence<'a> {
    /// The sentence text, exactly as in the input.
    pub text: &'a str,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

fn is_terminator(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "." | "!" | "?" | "…")
}

fn is_closer(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

/// Split `text` into sentences. Abbreviations ("H.", "dr.", "No."), numbers ("Rp5.000"),
/// times ("11.14") and URLs do not end a sentence; a line break always does.
pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let toks = tokenize(text);
    sentences_of(text, &toks)
}

/// [`sentences`] from tokens already made by [`tokenize`] on the same `text`.
pub fn sentences_of<'a>(text: &'a str, toks: &[Token<'a>]) -> Vec<Sentence<'a>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if let Some(s) = start
            && text.get(s..t.start).is_some_and(|g| g.contains('\n'))
        {
            // The previous sentence ended at the line break.
            let end = toks[i - 1].end;
            push_sentence(text, s, end, &mut out);
            start = None;
        }
        if start.is_none() {
            start = Some(t.start);
        }
        let mut boundary = is_terminator(&t);
        if t.kind == TokenKind::Abbreviation
            && SENTENCE_FINAL_ABBR.contains(&t.text.to_lowercase().as_str())
            && toks
                .get(i + 1)
                .is_some_and(|n| n.text.chars().next().is_some_and(char::is_uppercase))
        {
            boundary = true;
        }
        if boundary {
            let mut j = i + 1;
            while j < toks.len()
                && (is_terminator(&toks[j]) || is_closer(&toks[j]))
                && toks[j].start == toks[j - 1].end
            {
                j += 1;
            }
            let end = toks[j - 1].end;
            if let Some(s) = start.take() {
                push_sentence(text, s, end, &mut out);
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if let (Some(s), Some(last)) = (start, toks.last()) {
        push_sentence(text, s, last.end, &mut out);
    }
    out
}

fn push_sentence<'a>(text: &'a str, s: usize, e: usize, out: &mut Vec<Sentence<'a>>) {
    if let Some(t) = text.get(s..e)
        && !t.trim().is_empty()
    {
        out.push(Sentence {
            text: t,
            start: s,
            end: e,
        });
    }
}

/// Split a trailing clitic off a lowercase word: "bukunya" -> ("buku", Some("nya")),
/// "bacalah" -> ("baca", Some("lah")), "apa-kah" -> ("apa", Some("kah")). Words of 4 bytes
/// or less after removal are left alone ("punya", "kalah" are not "pu"+"nya" or "ka"+"lah").
pub fn split_clitic(word: &str) -> (&str, Option<&str>) {
    for cl in [
        "-nya", "-lah", "-kah", "-pun", "-ku", "-mu", "nya", "lah", "kah", "pun", "tah",
    ] {
        if let Some(base) = word.strip_suffix(cl)
            && base.chars().count() >= 4
        {
            return (base, Some(cl.trim_start_matches('-')));
        }
    }
    (word, None)
}

/// Parse an Indonesian money expression to whole Rupiah: "Rp5.000" -> 5000,
/// "Rp1,2 triliun" -> 1_200_000_000_000, "Rp 50 juta" -> 50_000_000. `None` if not money.
pub fn rupiah_value(s: &str) -> Option<i64> {
    let t = s.trim();
    if !lower_starts(t, "rp") {
        return None;
    }
    let rest = t[2..].trim_start_matches('.').trim_start();
    let (num, scale) = match rest.split_once(' ') {
        Some((n, sc)) => (n, sc.trim().to_lowercase()),
        None => (rest, String::new()),
    };
    let mult: f64 = match scale.as_str() {
        "" => 1.0,
        "ribu" | "rb" => 1e3,
        "juta" | "jt" => 1e6,
        "miliar" | "milyar" | "m" => 1e9,
        "triliun" | "trilyun" | "t" => 1e12,
        _ => return None,
    };
    if !digits_with_seps(num) {
        return None;
    }
    // Dots group thousands, a comma starts decimals.
    let (int_part, frac) = num.split_once(',').unwrap_or((num, ""));
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    let v: f64 = format!("{digits}.{}", if frac.is_empty() { "0" } else { frac })
        .parse()
        .ok()?;
    let total = (v * mult).round();
    (total.is_finite() && total.abs() < 9.0e18).then_some(total as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect()
    }

    #[test]
    fn money_numbers_percent() {
        use TokenKind::*;
        assert_eq!(
            kinds("Anggaran Rp5.000 naik 50 persen, total Rp1,2 triliun."),
            vec![
                ("Anggaran", Word),
                ("Rp5.000", Money),
                ("naik", Word),
                ("50 persen", Percent),
                (",", Punct),
                ("total", Word),
                ("Rp1,2 triliun", Money),
                (".", Punct)
            ]
        );
        assert_eq!(kinds("Rp 50 juta")[0], ("Rp 50 juta", Money));
        assert_eq!(kinds("inflasi 2,5%")[1], ("2,5%", Percent));
        assert_eq!(rupiah_value("Rp5.000"), Some(5000));
        assert_eq!(rupiah_value("Rp1,2 triliun"), Some(1_200_000_000_000));
        assert_eq!(rupiah_value("Rp 50 juta"), Some(50_000_000));
        assert_eq!(rupiah_value("lima ribu"), None);
    }

    #[test]
    fn dates_times() {
        use TokenKind::*;
        assert_eq!(
            kinds("Kamis, 26/11/2026 pukul 11.14 WIB."),
            vec![
                ("Kamis", Word),
                (",", Punct),
                ("26/11/2026", Date),
                ("pukul", Word),
                ("11.14 WIB", Time),
                (".", Punct)
            ]
        );
        // Thousands are not times.
        assert_eq!(kinds("24.000 orang")[0], ("24.000", Number));
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        use TokenKind::*;
        let k = kinds("H. Ridwan Kamil dan dr. Tirta tinggal di Jl. Merdeka No. 5.");
        assert!(k.contains(&("H.", Abbreviation)));
        assert!(k.contains(&("dr.", Abbreviation)));
        assert!(k.contains(&("No.", Abbreviation)));
        assert!(k.contains(&("Jl.", Abbreviation)));
        assert_eq!(k.last(), Some(&(".", Punct)));
        assert!(kinds("Budi, S.H., hadir").contains(&("S.H.", Abbreviation)));
    }

    #[test]
    fn reduplication_clitics_web_and_emoji() {
        use TokenKind::*;
        let k = kinds(
            "Mereka bersama-sama melihat kupu-kupu, bacalah bukunya-lah! Info: https://jabarprov.go.id/berita, humas@jabarprov.go.id #JabarJuara @ridwankamil 👍🏽 “Mantap” Jum'at café",
        );
        for w in [
            "bersama-sama",
            "kupu-kupu",
            "bacalah",
            "bukunya-lah",
            "Jum'at",
            "café",
        ] {
            assert!(k.contains(&(w, Word)), "{w}: {k:?}");
        }
        assert!(k.contains(&("https://jabarprov.go.id/berita", Url)));
        assert!(k.contains(&("humas@jabarprov.go.id", Email)));
        assert!(k.contains(&("#JabarJuara", Hashtag)));
        assert!(k.contains(&("@ridwankamil", Mention)));
        assert!(k.contains(&("👍🏽", Emoji)));
        assert!(k.contains(&("“", Punct)) && k.contains(&("Mantap", Word)));
        assert_eq!(split_clitic("bukunya"), ("buku", Some("nya")));
        assert_eq!(split_clitic("bukunya-lah"), ("bukunya", Some("lah")));
        assert_eq!(split_clitic("punya"), ("punya", None));
    }

    #[test]
    fn offsets_slice_the_input() {
        let text = "Gubernur “Jabar” mengunjungi Bogor 🇮🇩.";
        for t in tokenize(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
        assert_eq!(kinds("🇮🇩")[0], ("🇮🇩", TokenKind::Emoji));
    }

    #[test]
    fn sentence_split() {
        let text = "Wali Kota dr. H. Ahmad meninjau Jl. Sudirman No. 5 pukul 11.14 WIB. Biayanya Rp5.000.000! \"Kami siap,\" katanya. Lihat https://kab.go.id/a.b?x=1. Apa benar?\nJudul baru";
        let s: Vec<&str> = sentences(text).into_iter().map(|s| s.text).collect();
        assert_eq!(
            s,
            vec![
                "Wali Kota dr. H. Ahmad meninjau Jl. Sudirman No. 5 pukul 11.14 WIB.",
                "Biayanya Rp5.000.000!",
                "\"Kami siap,\" katanya.",
                "Lihat https://kab.go.id/a.b?x=1.",
                "Apa benar?",
                "Judul baru",
            ]
        );
        assert!(sentences("").is_empty());
        assert_eq!(
            sentences("Membeli buku, pensil, dll. Semua lengkap.").len(),
            2
        );
    }
}
