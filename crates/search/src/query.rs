//! The officers' query language: parser, public AST and in-memory evaluation.
//!
//! ```text
//! banjir bandang                  both words (implicit AND), stemmed: "banjir" finds "kebanjiran"
//! "harga beras"                   exact phrase (on stems, stopwords keep their gap)
//! banjir OR longsor               either; operators are case-insensitive (and, Or, NOT)
//! banjir NOT jakarta, -jakarta    exclusion
//! (banjir OR longsor) AND jabar   grouping; precedence NOT > AND > OR
//! source:kompas sumber:"Kompas TV" outlet name or host, case-insensitive
//! region:32.73 wilayah:32         region code; a province also finds its regencies
//! tone:negative nada:negatif      positive/positif, neutral/netral, negative/negatif
//! title:banjir judul:"harga beras" words in the title only
//! issue:12 isu:12                 story cluster
//! date:2026-11-01..2026-11-26     tanggal:; either side may be open; days in WIB by default
//! ```

use std::collections::HashMap;
use std::fmt;

use crate::ArticleDoc;
use crate::analyzer::analyze;

/// Offset of WIB (UTC+7), the zone in which `date:` days are read by default.
pub const WIB_OFFSET_SECS: i32 = 7 * 3600;

const MAX_DEPTH: usize = 64;
const DAY_MS: i64 = 86_400_000;

/// A filterable field of the query language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `source:` / `sumber:` / `media:`.
    Source,
    /// `region:` / `wilayah:` / `daerah:`.
    Region,
    /// `tone:` / `nada:` / `sentimen:`.
    Tone,
    /// `title:` / `judul:`.
    Title,
    /// `issue:` / `isu:`.
    Issue,
}

impl Field {
    /// The canonical (English) name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Source => "source",
            Field::Region => "region",
            Field::Tone => "tone",
            Field::Title => "title",
            Field::Issue => "issue",
        }
    }

    /// The field named `name` (canonical or Indonesian alias, case-insensitive).
    pub fn from_name(name: &str) -> Option<Field> {
        Some(match name.to_lowercase().as_str() {
            "source" | "sumber" | "media" => Field::Source,
            "region" | "wilayah" | "daerah" => Field::Region,
            "tone" | "nada" | "sentimen" => Field::Tone,
            "title" | "judul" => Field::Title,
            "issue" | "isu" => Field::Issue,
            _ => return None,
        })
    }
}

/// A parsed query. Public so callers can inspect and rewrite it (see
/// [`Query::map_field_values`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Everything (the empty query).
    All,
    /// A bare word, as typed.
    Word(String),
    /// An exact phrase, as typed (without quotes).
    Phrase(String),
    /// `field:value` (value as typed, without quotes).
    Field {
        /// Which field.
        field: Field,
        /// The value.
        value: String,
    },
    /// `date:from..to`: published in `[from_ms, to_ms)`; `None` is open.
    DateRange {
        /// Inclusive lower bound, UTC millis.
        from_ms: Option<i64>,
        /// Exclusive upper bound, UTC millis.
        to_ms: Option<i64>,
    },
    /// All must match (an empty `And` matches everything).
    And(Vec<Query>),
    /// Any must match (an empty `Or` matches nothing).
    Or(Vec<Query>),
    /// Must not match.
    Not(Box<Query>),
}

/// A query the officer typed could not be understood. Messages are for the officer (Bahasa
/// Indonesia); `pos` is the 1-based character position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// `(` never closed.
    #[error("tanda kurung buka di posisi {pos} tidak ditutup")]
    UnclosedParen {
        /// Position of the `(`.
        pos: usize,
    },
    /// `)` without its `(`.
    #[error("tanda kurung tutup di posisi {pos} tidak punya pasangan")]
    UnmatchedParen {
        /// Position of the `)`.
        pos: usize,
    },
    /// `()`.
    #[error("tanda kurung kosong di posisi {pos}")]
    EmptyGroup {
        /// Position of the `(`.
        pos: usize,
    },
    /// `"` never closed.
    #[error("tanda kutip di posisi {pos} tidak ditutup")]
    UnclosedQuote {
        /// Position of the `"`.
        pos: usize,
    },
    /// AND / OR / NOT / `-` without what it needs.
    #[error("operator {op} di posisi {pos} tidak lengkap: kata pencarian hilang")]
    DanglingOperator {
        /// The operator as written.
        op: String,
        /// Its position.
        pos: usize,
    },
    /// `foo:bar` with an unknown `foo`.
    #[error(
        "kolom tidak dikenal: {field} (posisi {pos}); gunakan source, region, tone, title, issue atau date"
    )]
    UnknownField {
        /// The field as written.
        field: String,
        /// Its position.
        pos: usize,
    },
    /// `source:` with nothing after it.
    #[error("nilai untuk kolom {field} di posisi {pos} kosong")]
    EmptyValue {
        /// The field as written.
        field: String,
        /// Its position.
        pos: usize,
    },
    /// `tone:foo`, `issue:abc`.
    #[error("nilai tidak valid untuk kolom {field}: {value} (posisi {pos}); {hint}")]
    BadValue {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// Its position.
        pos: usize,
        /// What is accepted.
        hint: &'static str,
    },
    /// A date that is not `YYYY-MM-DD` or does not exist, or a reversed range.
    #[error(
        "tanggal tidak valid: {value} (posisi {pos}); gunakan format TTTT-BB-HH, misalnya date:2026-11-01..2026-11-26"
    )]
    BadDate {
        /// The value as written.
        value: String,
        /// Its position.
        pos: usize,
    },
    /// Too deeply nested.
    #[error("kueri terlalu bertingkat (lebih dari {MAX_DEPTH} tingkat) di posisi {pos}")]
    TooDeep {
        /// Where the limit was hit.
        pos: usize,
    },
}

impl QueryError {
    /// 1-based character position of the problem.
    pub fn pos(&self) -> usize {
        match self {
            QueryError::UnclosedParen { pos }
            | QueryError::UnmatchedParen { pos }
            | QueryError::EmptyGroup { pos }
            | QueryError::UnclosedQuote { pos }
            | QueryError::DanglingOperator { pos, .. }
            | QueryError::UnknownField { pos, .. }
            | QueryError::EmptyValue { pos, .. }
            | QueryError::BadValue { pos, .. }
            | QueryError::BadDate { pos, .. }
            | QueryError::TooDeep { pos } => *pos,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    LParen,
    RParen,
    And(String),
    Or(String),
    Not(String),
    Minus,
    Word(String),
    Quoted(String),
    Field { name: String, value: String },
}

fn lex(input: &str) -> Result<Vec<(Tok, usize)>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let is_break = |c: char| c.is_whitespace() || c == '(' || c == ')' || c == '"';
    while i < chars.len() {
        let c = chars[i];
        let pos = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((Tok::LParen, pos));
            i += 1;
        } else if c == ')' {
            out.push((Tok::RParen, pos));
            i += 1;
        } else if c == '"' {
            let (s, next) = read_quoted(&chars, i)?;
            out.push((Tok::Quoted(s), pos));
            i = next;
        } else if c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|&n| !is_break(n) || n == '"' || n == '(')
        {
            out.push((Tok::Minus, pos));
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && !is_break(chars[i]) && chars[i] != ':' {
                i += 1;
            }
            let head: String = chars[start..i].iter().collect();
            let is_field = i < chars.len()
                && chars[i] == ':'
                && !head.is_empty()
                && head.chars().all(char::is_alphabetic)
                && !matches!(head.to_lowercase().as_str(), "http" | "https");
            if is_field {
                i += 1; // ':'
                let value = if chars.get(i) == Some(&'"') {
                    let (s, next) = read_quoted(&chars, i)?;
                    i = next;
                    s
                } else {
                    let vstart = i;
                    while i < chars.len() && !is_break(chars[i]) {
                        i += 1;
                    }
                    chars[vstart..i].iter().collect()
                };
                out.push((Tok::Field { name: head, value }, pos));
            } else {
                while i < chars.len() && !is_break(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let tok = match word.to_lowercase().as_str() {
                    "and" | "&&" => Tok::And(word),
                    "or" | "||" => Tok::Or(word),
                    "not" => Tok::Not(word),
                    _ => Tok::Word(word),
                };
                out.push((tok, pos));
            }
        }
    }
    Ok(out)
}

fn read_quoted(chars: &[char], open: usize) -> Result<(String, usize), QueryError> {
    let mut j = open + 1;
    while j < chars.len() && chars[j] != '"' {
        j += 1;
    }
    if j >= chars.len() {
        return Err(QueryError::UnclosedQuote { pos: open + 1 });
    }
    Ok((chars[open + 1..j].iter().collect(), j + 1))
}

// ---------------------------------------------------------------------------------------------
// Parser

struct Parser {
    toks: Vec<(Tok, usize)>,
    i: usize,
    depth: usize,
    tz_offset_secs: i32,
    end_pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|(t, _)| t)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.i).map_or(self.end_pos, |(_, p)| *p)
    }

    fn starts_unary(t: Option<&Tok>) -> bool {
        matches!(
            t,
            Some(
                Tok::LParen
                    | Tok::Not(_)
                    | Tok::Minus
                    | Tok::Word(_)
                    | Tok::Quoted(_)
                    | Tok::Field { .. }
            )
        )
    }

    fn enter(&mut self) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::TooDeep { pos: self.pos() });
        }
        Ok(())
    }

    fn parse_or(&mut self) -> Result<Query, QueryError> {
        self.enter()?;
        let mut parts = vec![self.parse_and()?];
        while let Some(Tok::Or(op)) = self.peek() {
            let (op, pos) = (op.clone(), self.pos());
            self.i += 1;
            if !Self::starts_unary(self.peek()) {
                return Err(QueryError::DanglingOperator { op, pos });
            }
            parts.push(self.parse_and()?);
        }
        self.depth -= 1;
        Ok(if parts.len() == 1 {
            parts.pop().unwrap_or(Query::All)
        } else {
            Query::Or(parts)
        })
    }

    fn parse_and(&mut self) -> Result<Query, QueryError> {
        if let Some(Tok::And(op) | Tok::Or(op)) = self.peek() {
            return Err(QueryError::DanglingOperator {
                op: op.clone(),
                pos: self.pos(),
            });
        }
        let mut parts = vec![self.parse_unary()?];
        loop {
            match self.peek() {
                Some(Tok::And(op)) => {
                    let (op, pos) = (op.clone(), self.pos());
                    self.i += 1;
                    if !Self::starts_unary(self.peek()) {
                        return Err(QueryError::DanglingOperator { op, pos });
                    }
                    parts.push(self.parse_unary()?);
                }
                t if Self::starts_unary(t) => parts.push(self.parse_unary()?),
                _ => break,
            }
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap_or(Query::All)
        } else {
            Query::And(parts)
        })
    }

    fn parse_unary(&mut self) -> Result<Query, QueryError> {
        let pos = self.pos();
        match self.peek().cloned() {
            Some(Tok::Not(op)) => {
                self.i += 1;
                if !Self::starts_unary(self.peek()) {
                    return Err(QueryError::DanglingOperator { op, pos });
                }
                self.enter()?;
                let inner = self.parse_unary()?;
                self.depth -= 1;
                Ok(Query::Not(Box::new(inner)))
            }
            Some(Tok::Minus) => {
                self.i += 1;
                if !Self::starts_unary(self.peek()) || matches!(self.peek(), Some(Tok::Minus)) {
                    return Err(QueryError::DanglingOperator {
                        op: "-".into(),
                        pos,
                    });
                }
                self.enter()?;
                let inner = self.parse_unary()?;
                self.depth -= 1;
                Ok(Query::Not(Box::new(inner)))
            }
            _ => self.parse_primary(),
        }
    }

    fn parse_primary(&mut self) -> Result<Query, QueryError> {
        let pos = self.pos();
        let Some((tok, _)) = self.toks.get(self.i).cloned() else {
            return Err(QueryError::DanglingOperator {
                op: "?".into(),
                pos,
            });
        };
        self.i += 1;
        match tok {
            Tok::LParen => {
                if matches!(self.peek(), Some(Tok::RParen)) {
                    return Err(QueryError::EmptyGroup { pos });
                }
                if self.peek().is_none() {
                    return Err(QueryError::UnclosedParen { pos });
                }
                let inner = self.parse_or()?;
                match self.peek() {
                    Some(Tok::RParen) => {
                        self.i += 1;
                        Ok(inner)
                    }
                    _ => Err(QueryError::UnclosedParen { pos }),
                }
            }
            Tok::Word(w) => Ok(Query::Word(w)),
            Tok::Quoted(s) => Ok(Query::Phrase(s)),
            Tok::Field { name, value } => self.field(name, value, pos),
            Tok::RParen => Err(QueryError::UnmatchedParen { pos }),
            Tok::And(op) | Tok::Or(op) | Tok::Not(op) => {
                Err(QueryError::DanglingOperator { op, pos })
            }
            Tok::Minus => Err(QueryError::DanglingOperator {
                op: "-".into(),
                pos,
            }),
        }
    }

    fn field(&self, name: String, value: String, pos: usize) -> Result<Query, QueryError> {
        let lower = name.to_lowercase();
        if matches!(lower.as_str(), "date" | "tanggal" | "tgl") {
            return parse_date_range(&value, pos, self.tz_offset_secs);
        }
        let Some(field) = Field::from_name(&name) else {
            return Err(QueryError::UnknownField { field: name, pos });
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            return Err(QueryError::EmptyValue { field: name, pos });
        }
        match field {
            Field::Tone if canonical_tone(&value).is_none() => Err(QueryError::BadValue {
                field: name,
                value,
                pos,
                hint: "gunakan positive/positif, neutral/netral atau negative/negatif",
            }),
            Field::Issue if value.parse::<i64>().is_err() => Err(QueryError::BadValue {
                field: name,
                value,
                pos,
                hint: "nomor isu harus berupa angka",
            }),
            _ => Ok(Query::Field { field, value }),
        }
    }
}

/// Parse a query typed by an officer; `date:` days are read in WIB.
pub fn parse_query(input: &str) -> Result<Query, QueryError> {
    parse_query_tz(input, WIB_OFFSET_SECS)
}

/// Parse a query, reading `date:` days in the zone `tz_offset_secs` east of UTC.
pub fn parse_query_tz(input: &str, tz_offset_secs: i32) -> Result<Query, QueryError> {
    let toks = lex(input)?;
    if toks.is_empty() {
        return Ok(Query::All);
    }
    let mut p = Parser {
        toks,
        i: 0,
        depth: 0,
        tz_offset_secs,
        end_pos: input.chars().count() + 1,
    };
    let q = p.parse_or()?;
    if let Some((t, pos)) = p.toks.get(p.i) {
        return Err(match t {
            Tok::RParen => QueryError::UnmatchedParen { pos: *pos },
            _ => QueryError::DanglingOperator {
                op: format!("{t:?}"),
                pos: *pos,
            },
        });
    }
    Ok(q)
}

/// "positif" -> "positive" etc.
pub fn canonical_tone(v: &str) -> Option<&'static str> {
    Some(match v.trim().to_lowercase().as_str() {
        "positive" | "positif" | "pos" => "positive",
        "neutral" | "netral" | "neu" => "neutral",
        "negative" | "negatif" | "neg" => "negative",
        _ => return None,
    })
}

fn parse_date_range(value: &str, pos: usize, tz: i32) -> Result<Query, QueryError> {
    let bad = || QueryError::BadDate {
        value: value.to_string(),
        pos,
    };
    let v = value.trim();
    let (a, b) = match v.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (v, v),
    };
    if a.is_empty() && b.is_empty() {
        return Err(bad());
    }
    let offset_ms = i64::from(tz) * 1000;
    let from_ms = if a.is_empty() {
        None
    } else {
        Some(days_from_ymd(a).ok_or_else(bad)? * DAY_MS - offset_ms)
    };
    let to_ms = if b.is_empty() {
        None
    } else {
        Some((days_from_ymd(b).ok_or_else(bad)? + 1) * DAY_MS - offset_ms)
    };
    if let (Some(f), Some(t)) = (from_ms, to_ms)
        && f >= t
    {
        return Err(bad());
    }
    Ok(Query::DateRange { from_ms, to_ms })
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, if it exists.
fn days_from_ymd(s: &str) -> Option<i64> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some()
        || y.len() != 4
        || m.is_empty()
        || m.len() > 2
        || d.is_empty()
        || d.len() > 2
    {
        return None;
    }
    let y: i64 = y.parse().ok()?;
    let m: i64 = m.parse().ok()?;
    let d: i64 = d.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d < 1 || d > dim {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

// ---------------------------------------------------------------------------------------------
// Rewriting and display

impl Query {
    /// Replace every `field:value` of `field` (canonical name or alias) by the OR of the
    /// values `f` returns (none: the node matches nothing). E.g. `region:bandung` ->
    /// `(region:32.73 OR region:32.04)`.
    pub fn map_field_values(&mut self, field: &str, mut f: impl FnMut(&str) -> Vec<String>) {
        if let Some(target) = Field::from_name(field) {
            self.map_rec(target, &mut f);
        }
    }

    fn map_rec(&mut self, target: Field, f: &mut dyn FnMut(&str) -> Vec<String>) {
        match self {
            Query::Field { field, value } if *field == target => {
                let field = *field;
                let mut vals = f(value);
                *self = if vals.len() == 1 {
                    Query::Field {
                        field,
                        value: vals.pop().unwrap_or_default(),
                    }
                } else {
                    Query::Or(
                        vals.into_iter()
                            .map(|value| Query::Field { field, value })
                            .collect(),
                    )
                };
            }
            Query::And(v) | Query::Or(v) => v.iter_mut().for_each(|q| q.map_rec(target, f)),
            Query::Not(q) => q.map_rec(target, f),
            _ => {}
        }
    }

    /// Does the query have any condition (is it not "everything")?
    pub fn is_all(&self) -> bool {
        lower(self).is_none()
    }

    /// Evaluate against one document in memory with the index's analyzer (no visibility).
    pub fn matches(&self, doc: &ArticleDoc) -> bool {
        self.matches_analyzed(&AnalyzedDoc::new(doc))
    }

    /// Like [`Query::matches`] on a document analysed once, for routing one new article to
    /// many saved searches.
    pub fn matches_analyzed(&self, doc: &AnalyzedDoc) -> bool {
        lower(self).is_none_or(|l| l.eval(doc))
    }
}

fn quote_if_needed(s: &str) -> String {
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || "()\":".contains(c)) {
        format!("\"{}\"", s.replace('"', ""))
    } else {
        s.to_string()
    }
}

impl fmt::Display for Query {
    /// A query string that parses back to an equivalent query (dates as UTC-free day bounds are
    /// printed only approximately, as millis comments are not part of the language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Query::All => Ok(()),
            Query::Word(w) => {
                let lw = w.to_lowercase();
                if matches!(lw.as_str(), "and" | "or" | "not") || w.starts_with('-') {
                    write!(f, "\"{}\"", w.replace('"', ""))
                } else {
                    write!(f, "{}", quote_if_needed(w))
                }
            }
            Query::Phrase(p) => write!(f, "\"{}\"", p.replace('"', "")),
            Query::Field { field, value } => {
                write!(f, "{}:{}", field.name(), quote_if_needed(value))
            }
            Query::DateRange { from_ms, to_ms } => {
                let d = |ms: i64| ms.div_euclid(DAY_MS);
                write!(
                    f,
                    "date:{}..{}",
                    from_ms
                        .map(|m| ymd_string(d(m + i64::from(WIB_OFFSET_SECS) * 1000)))
                        .unwrap_or_default(),
                    to_ms
                        .map(|m| ymd_string(d(m + i64::from(WIB_OFFSET_SECS) * 1000) - 1))
                        .unwrap_or_default()
                )
            }
            Query::And(v) | Query::Or(v) => {
                let sep = if matches!(self, Query::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                write!(f, "(")?;
                for (i, q) in v.iter().enumerate() {
                    if i > 0 {
                        write!(f, "{sep}")?;
                    }
                    write!(f, "{q}")?;
                }
                write!(f, ")")
            }
            Query::Not(q) => write!(f, "NOT {q}"),
        }
    }
}

fn ymd_string(days: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------------------------
// Lowered form: what both the index and `matches` evaluate.

/// Which text fields a term is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextScope {
    TitleOrText,
    TitleOnly,
}

/// The query after analysis; terms that analyse to nothing (stopwords) are dropped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lowered {
    /// Terms at relative positions (one term: a word; more: a phrase).
    Text {
        scope: TextScope,
        terms: Vec<(usize, String)>,
    },
    Source(String),
    Region(String),
    Tone(&'static str),
    Issue(i64),
    Date {
        from_ms: Option<i64>,
        to_ms: Option<i64>,
    },
    Nothing,
    And(Vec<Lowered>),
    Or(Vec<Lowered>),
    Not(Box<Lowered>),
}

fn text_terms(s: &str) -> Vec<(usize, String)> {
    let toks = analyze(s);
    let base = toks.first().map_or(0, |t| t.position);
    toks.into_iter()
        .map(|t| (t.position - base, t.term))
        .collect()
}

/// `None` means "no condition" (matches everything).
pub(crate) fn lower(q: &Query) -> Option<Lowered> {
    match q {
        Query::All => None,
        Query::Word(s) | Query::Phrase(s) => {
            let terms = text_terms(s);
            (!terms.is_empty()).then_some(Lowered::Text {
                scope: TextScope::TitleOrText,
                terms,
            })
        }
        Query::Field { field, value } => Some(match field {
            Field::Title => {
                let terms = text_terms(value);
                if terms.is_empty() {
                    return None;
                }
                Lowered::Text {
                    scope: TextScope::TitleOnly,
                    terms,
                }
            }
            Field::Source => Lowered::Source(source_query_key(value)),
            Field::Region => Lowered::Region(value.trim().to_lowercase()),
            Field::Tone => canonical_tone(value).map_or(Lowered::Nothing, Lowered::Tone),
            Field::Issue => value
                .trim()
                .parse()
                .map_or(Lowered::Nothing, Lowered::Issue),
        }),
        Query::DateRange { from_ms, to_ms } => Some(Lowered::Date {
            from_ms: *from_ms,
            to_ms: *to_ms,
        }),
        Query::And(v) => {
            let mut parts: Vec<Lowered> = v.iter().filter_map(lower).collect();
            match parts.len() {
                0 => None,
                1 => parts.pop(),
                _ => Some(Lowered::And(parts)),
            }
        }
        Query::Or(v) => {
            if v.is_empty() {
                return Some(Lowered::Nothing);
            }
            let mut parts = Vec::with_capacity(v.len());
            for q in v {
                // One unconditional branch makes the whole OR unconditional.
                parts.push(lower(q)?);
            }
            if parts.len() == 1 {
                parts.pop()
            } else {
                Some(Lowered::Or(parts))
            }
        }
        Query::Not(q) => lower(q).map(|l| Lowered::Not(Box::new(l))),
    }
}

/// The lookup key of a `source:` value: folded, without scheme, `www.` or trailing `/`.
pub(crate) fn source_query_key(v: &str) -> String {
    let f = sinergi_text::fold(v.trim());
    let f = f
        .strip_prefix("https://")
        .or_else(|| f.strip_prefix("http://"))
        .unwrap_or(&f);
    let f = f.strip_prefix("www.").unwrap_or(f);
    f.trim_end_matches('/').to_string()
}

/// Keys under which a source display name is indexed: the whole folded name, the name without
/// spaces, and each word ("Kompas.com" -> "kompas.com", "kompas", "com").
pub(crate) fn source_keys(name: &str) -> Vec<String> {
    let full = source_query_key(name);
    let mut keys = vec![full.clone()];
    let squashed: String = full.chars().filter(|c| !c.is_whitespace()).collect();
    keys.push(squashed);
    keys.extend(
        full.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string),
    );
    keys.sort();
    keys.dedup();
    keys
}

/// A region code and its ancestors ("32.73.05" -> "32.73.05", "32.73", "32").
pub(crate) fn region_with_ancestors(code: &str) -> Vec<String> {
    let code = code.trim().to_lowercase();
    let mut out = Vec::new();
    let mut end = code.len();
    loop {
        let c = &code[..end];
        if !c.is_empty() {
            out.push(c.to_string());
        }
        match c.rfind('.') {
            Some(i) => end = i,
            None => break,
        }
    }
    out
}

/// A document analysed once for in-memory matching.
#[derive(Debug, Clone)]
pub struct AnalyzedDoc {
    title: HashMap<String, Vec<usize>>,
    text: HashMap<String, Vec<usize>>,
    sources: Vec<String>,
    regions: Vec<String>,
    tone: Option<&'static str>,
    issue: Option<i64>,
    published_ms: i64,
}

fn positions(s: &str) -> HashMap<String, Vec<usize>> {
    let mut m: HashMap<String, Vec<usize>> = HashMap::new();
    for t in analyze(s) {
        m.entry(t.term).or_default().push(t.position);
    }
    m
}

impl AnalyzedDoc {
    /// Analyse `doc` the way the index does.
    pub fn new(doc: &ArticleDoc) -> Self {
        Self {
            title: positions(&doc.title),
            text: positions(&doc.text),
            sources: source_keys(&doc.source),
            regions: doc
                .regions
                .iter()
                .flat_map(|r| region_with_ancestors(r))
                .collect(),
            tone: canonical_tone(&doc.tone),
            issue: doc.issue_id,
            published_ms: doc.published_ms,
        }
    }
}

fn has_terms(m: &HashMap<String, Vec<usize>>, terms: &[(usize, String)]) -> bool {
    let Some((o0, t0)) = terms.first() else {
        return false;
    };
    let Some(starts) = m.get(t0) else {
        return false;
    };
    starts.iter().any(|&p| {
        let Some(base) = p.checked_sub(*o0) else {
            return false;
        };
        terms[1..]
            .iter()
            .all(|(o, t)| m.get(t).is_some_and(|ps| ps.contains(&(base + o))))
    })
}

impl Lowered {
    pub(crate) fn eval(&self, d: &AnalyzedDoc) -> bool {
        match self {
            Lowered::Text { scope, terms } => {
                has_terms(&d.title, terms)
                    || (*scope == TextScope::TitleOrText && has_terms(&d.text, terms))
            }
            Lowered::Source(k) => d.sources.iter().any(|s| s == k),
            Lowered::Region(r) => d.regions.iter().any(|s| s == r),
            Lowered::Tone(t) => d.tone == Some(*t),
            Lowered::Issue(i) => d.issue == Some(*i),
            Lowered::Date { from_ms, to_ms } => {
                from_ms.is_none_or(|f| d.published_ms >= f)
                    && to_ms.is_none_or(|t| d.published_ms < t)
            }
            Lowered::Nothing => false,
            Lowered::And(v) => v.iter().all(|l| l.eval(d)),
            Lowered::Or(v) => v.iter().any(|l| l.eval(d)),
            Lowered::Not(l) => !l.eval(d),
        }
    }

    /// Stems to highlight: (title-or-text terms, title-only terms), outside any NOT.
    pub(crate) fn highlight_terms(&self, all: &mut Vec<String>, title: &mut Vec<String>) {
        match self {
            Lowered::Text { scope, terms } => {
                let dst = if *scope == TextScope::TitleOnly {
                    &mut *title
                } else {
                    &mut *all
                };
                dst.extend(terms.iter().map(|(_, t)| t.clone()));
            }
            Lowered::And(v) | Lowered::Or(v) => {
                v.iter().for_each(|l| l.highlight_terms(all, title));
            }
            _ => {}
        }
    }
}
