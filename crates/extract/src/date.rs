//! Date parsing for news pages: ISO 8601 / RFC 3339 and RFC 2822 from metadata,
//! and the free-text forms of Indonesian portals ("Kamis, 26 November 2026
//! 11:14 WIB", "26/11/2026, 11.14 WIB", "Kamis 26 Nov 2026 - 11:14",
//! "2 jam yang lalu"). Indonesian zones WIB/WITA/WIT map to UTC+7/+8/+9.
//!
//! A date after the fetch time (beyond a small clock-skew allowance) or before
//! 1995 is rejected: such values are template years, copyright lines or typos.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc};

/// Western Indonesia Time, the default zone for dates without one.
pub fn wib() -> FixedOffset {
    offset_hours(7)
}

fn offset_hours(h: i32) -> FixedOffset {
    FixedOffset::east_opt(h * 3600).unwrap_or(Utc.fix())
}

/// Allowed clock skew / zone confusion before a date counts as "in the future".
const FUTURE_SLACK_HOURS: i64 = 14;

/// Parses any supported form; `default_offset` applies when the text names no zone.
pub fn parse_date(
    s: &str,
    fetched_at: DateTime<Utc>,
    default_offset: FixedOffset,
) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if s.is_empty() || s.len() > 300 {
        return None;
    }
    let dt = parse_iso(s, default_offset)
        .or_else(|| DateTime::parse_from_rfc2822(s).ok())
        .or_else(|| parse_relative(s, fetched_at, default_offset))
        .or_else(|| parse_text(s, default_offset))?;
    plausible(dt, fetched_at).then_some(dt)
}

/// True when `dt` is not in the future and not before 1995.
pub fn plausible(dt: DateTime<FixedOffset>, fetched_at: DateTime<Utc>) -> bool {
    let min = Utc.with_ymd_and_hms(1995, 1, 1, 0, 0, 0).single();
    let utc = dt.with_timezone(&Utc);
    // Checked: a fetch time at the end of chrono's range must not overflow.
    let max = fetched_at
        .checked_add_signed(Duration::hours(FUTURE_SLACK_HOURS))
        .unwrap_or(fetched_at);
    utc <= max && min.is_some_and(|m| utc >= m)
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:]MM]`.
pub fn parse_iso(s: &str, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?)?;
    let mut i = 10;
    let mut time = NaiveTime::from_hms_opt(0, 0, 0)?;
    if i < b.len() && (b[i] == b'T' || b[i] == b' ') && b.len() >= i + 6 && b[i + 3] == b':' {
        let h = num(&b[i + 1..i + 3])?;
        let m = num(&b[i + 4..i + 6])?;
        i += 6;
        let mut sec = 0;
        if b.len() >= i + 3 && b[i] == b':' {
            sec = num(&b[i + 1..i + 3])?;
            i += 3;
            if i < b.len() && (b[i] == b'.' || b[i] == b',') {
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
        time = NaiveTime::from_hms_opt(h, m, sec.min(59))?;
    }
    let rest = s.get(i..)?.trim();
    let off = if rest.is_empty() {
        default_offset
    } else if rest == "Z" || rest == "z" || rest.eq_ignore_ascii_case("utc") || rest == "GMT" {
        offset_hours(0)
    } else {
        parse_offset(rest)?
    };
    off.from_local_datetime(&date.and_time(time)).single()
}

/// `+07:00`, `+0700`, `+07`, `-05:30`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    let b = s.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: Vec<u8> = b[1..].iter().copied().filter(|c| *c != b':').collect();
    let (h, m) = match digits.len() {
        2 => (num(&digits)?, 0),
        4 => (num(&digits[..2])?, num(&digits[2..])?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h as i32 * 3600 + m as i32 * 60))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
    Sym(char),
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if out.len() > 80 {
            break;
        }
        if c.is_ascii_digit() {
            let mut v: u32 = 0;
            let mut len = 0;
            while let Some(&d) = chars.peek() {
                if let Some(x) = d.to_digit(10).filter(|_| d.is_ascii_digit()) {
                    v = v.saturating_mul(10).saturating_add(x);
                    len += 1;
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Num(v, len));
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_alphabetic() {
                    w.extend(d.to_lowercase());
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Word(w));
        } else {
            if !c.is_whitespace() {
                out.push(Tok::Sym(c));
            }
            chars.next();
        }
    }
    out
}

/// Month number for Indonesian and English names and abbreviations.
pub fn month(w: &str) -> Option<u32> {
    Some(match w {
        "januari" | "january" | "jan" => 1,
        "februari" | "february" | "pebruari" | "feb" | "peb" => 2,
        "maret" | "march" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "agustus" | "august" | "agu" | "agt" | "ags" | "aug" | "agust" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "december" | "des" | "dec" => 12,
        _ => return None,
    })
}

fn zone(w: &str) -> Option<FixedOffset> {
    Some(match w {
        "wib" => offset_hours(7),
        "wita" => offset_hours(8),
        "wit" => offset_hours(9),
        "gmt" | "utc" | "z" => offset_hours(0),
        _ => return None,
    })
}

/// Free-text dates: finds the first date, then a time and zone right after it.
pub fn parse_text(s: &str, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let t = tokenize(s);
    for i in 0..t.len() {
        let Some((date, next)) = date_at(&t, i) else {
            continue;
        };
        let (time, off) = time_after(&t, next).unwrap_or((NaiveTime::MIN, None));
        let off = off.unwrap_or(default_offset);
        return off.from_local_datetime(&date.and_time(time)).single();
    }
    None
}

fn year(t: &Tok) -> Option<i32> {
    match t {
        Tok::Num(v, 4) => Some(*v as i32),
        _ => None,
    }
}

fn date_at(t: &[Tok], i: usize) -> Option<(NaiveDate, usize)> {
    let get = |k: usize| t.get(k);
    match get(i)? {
        Tok::Num(a, la) if *la <= 2 => {
            // d/m/Y, d-m-Y, d.m.Y
            if let (Some(Tok::Sym(s1)), Some(Tok::Num(m, lm)), Some(Tok::Sym(s2)), Some(y)) =
                (get(i + 1), get(i + 2), get(i + 3), get(i + 4))
                && matches!(s1, '/' | '-' | '.')
                && s1 == s2
                && *lm <= 2
                && let Some(y) = year(y)
            {
                return NaiveDate::from_ymd_opt(y, *m, *a).map(|d| (d, i + 5));
            }
            // d Month Y (optional '.' and ',')
            let mut k = i + 1;
            if let Some(Tok::Word(w)) = get(k)
                && let Some(m) = month(w)
            {
                k += 1;
                while matches!(get(k), Some(Tok::Sym('.' | ','))) {
                    k += 1;
                }
                if let Some(y) = get(k).and_then(year) {
                    return NaiveDate::from_ymd_opt(y, m, *a).map(|d| (d, k + 1));
                }
            }
            None
        }
        Tok::Num(y, 4) => {
            if let (
                Some(Tok::Sym(s1)),
                Some(Tok::Num(m, lm)),
                Some(Tok::Sym(s2)),
                Some(Tok::Num(d, ld)),
            ) = (get(i + 1), get(i + 2), get(i + 3), get(i + 4))
                && matches!(s1, '/' | '-' | '.')
                && s1 == s2
                && *lm <= 2
                && *ld <= 2
            {
                return NaiveDate::from_ymd_opt(*y as i32, *m, *d).map(|dt| (dt, i + 5));
            }
            None
        }
        Tok::Word(w) => {
            // Month d, Y
            let m = month(w)?;
            let mut k = i + 1;
            if matches!(get(k), Some(Tok::Sym('.'))) {
                k += 1;
            }
            if let Some(Tok::Num(d, ld)) = get(k)
                && *ld <= 2
            {
                k += 1;
                // English ordinals: "March 3rd, 2026"
                if matches!(get(k), Some(Tok::Word(s)) if matches!(s.as_str(), "st" | "nd" | "rd" | "th"))
                {
                    k += 1;
                }
                while matches!(get(k), Some(Tok::Sym(','))) {
                    k += 1;
                }
                if let Some(y) = get(k).and_then(year) {
                    return NaiveDate::from_ymd_opt(y, m, *d).map(|dt| (dt, k + 1));
                }
            }
            None
        }
        _ => None,
    }
}

fn time_after(t: &[Tok], mut k: usize) -> Option<(NaiveTime, Option<FixedOffset>)> {
    // Skip connectors: ", - | pukul jam at T".
    let mut skipped = 0;
    while let Some(tok) = t.get(k) {
        let skip = match tok {
            Tok::Sym(c) => matches!(c, ',' | '-' | '|' | '/' | '–' | '—' | '(' | '·' | '•'),
            Tok::Word(w) => matches!(w.as_str(), "pukul" | "jam" | "at" | "t" | "pkl" | "um"),
            _ => false,
        };
        if !skip || skipped > 4 {
            break;
        }
        k += 1;
        skipped += 1;
    }
    let (Some(Tok::Num(h, _)), Some(Tok::Sym(sep)), Some(Tok::Num(m, 2))) =
        (t.get(k), t.get(k + 1), t.get(k + 2))
    else {
        return None;
    };
    if !matches!(sep, ':' | '.') {
        return None;
    }
    let mut h = *h;
    let m = *m;
    k += 3;
    let mut sec = 0;
    if let (Some(Tok::Sym(':' | '.')), Some(Tok::Num(s, 2))) = (t.get(k), t.get(k + 1)) {
        sec = *s;
        k += 2;
    }
    let mut off = None;
    while let Some(tok) = t.get(k) {
        match tok {
            Tok::Word(w) if w == "pm" || w == "am" => {
                if w == "pm" && h < 12 {
                    h += 12;
                } else if w == "am" && h == 12 {
                    h = 0;
                }
                k += 1;
            }
            Tok::Word(w) => {
                if let Some(z) = zone(w) {
                    off = Some(z);
                    // "GMT+7" / "UTC+07:00"
                    if let (Some(Tok::Sym(sg @ ('+' | '-'))), Some(Tok::Num(v, lv))) =
                        (t.get(k + 1), t.get(k + 2))
                    {
                        let hours = if *lv <= 2 {
                            *v as i32
                        } else {
                            (*v / 100) as i32
                        };
                        if hours <= 14 {
                            off = Some(offset_hours(if *sg == '-' { -hours } else { hours }));
                        }
                    }
                }
                break;
            }
            Tok::Sym(sg @ ('+' | '-')) => {
                if let Some(Tok::Num(v, lv)) = t.get(k + 1) {
                    let (hh, mm) = if *lv == 4 {
                        (*v / 100, *v % 100)
                    } else if let (Some(Tok::Sym(':')), Some(Tok::Num(mm, 2))) =
                        (t.get(k + 2), t.get(k + 3))
                    {
                        (*v, *mm)
                    } else {
                        (*v, 0)
                    };
                    if hh <= 14 && mm < 60 {
                        let secs = (hh * 3600 + mm * 60) as i32;
                        off = FixedOffset::east_opt(if *sg == '-' { -secs } else { secs });
                    }
                }
                break;
            }
            _ => break,
        }
    }
    Some((NaiveTime::from_hms_opt(h, m, sec.min(59))?, off))
}

/// "2 jam yang lalu", "5 menit lalu", "sehari yang lalu", "3 hours ago", "kemarin".
pub fn parse_relative(
    s: &str,
    fetched_at: DateTime<Utc>,
    offset: FixedOffset,
) -> Option<DateTime<FixedOffset>> {
    let t = tokenize(s);
    let words: Vec<&Tok> = t.iter().collect();
    let now = fetched_at.with_timezone(&offset);
    if words
        .iter()
        .any(|w| matches!(w, Tok::Word(x) if x == "kemarin" || x == "yesterday"))
        && words.len() <= 4
    {
        return now.checked_sub_signed(Duration::days(1));
    }
    for i in 0..words.len() {
        let (n, unit_idx) = match (words[i], words.get(i + 1)) {
            (Tok::Num(n, _), Some(Tok::Word(_))) => (*n as i64, i + 1),
            (Tok::Word(w), Some(Tok::Word(_))) if w == "a" || w == "an" || w == "se" => (1, i + 1),
            (Tok::Word(w), _) if w.len() > 2 && w.starts_with("se") => (1, i),
            _ => continue,
        };
        let Tok::Word(unit) = words[unit_idx] else {
            continue;
        };
        let unit = if unit_idx == i {
            unit.trim_start_matches("se")
        } else {
            unit.as_str()
        };
        let per = match unit {
            "detik" | "second" | "seconds" | "sec" | "secs" => Duration::seconds(1),
            "menit" | "minute" | "minutes" | "min" | "mins" => Duration::minutes(1),
            "jam" | "hour" | "hours" => Duration::hours(1),
            "hari" | "day" | "days" => Duration::days(1),
            "minggu" | "pekan" | "week" | "weeks" => Duration::weeks(1),
            _ => continue,
        };
        // Require the "lalu" / "ago" marker so "2 jam" in a sentence is not a date.
        let tail = &words[unit_idx + 1..words.len().min(unit_idx + 4)];
        if !tail
            .iter()
            .any(|w| matches!(w, Tok::Word(x) if x == "lalu" || x == "ago"))
        {
            continue;
        }
        if !(0..=10_000).contains(&n) {
            return None;
        }
        return now.checked_sub_signed(per * n as i32);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetched() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
            .single()
            .unwrap()
    }

    fn p(s: &str) -> Option<String> {
        parse_date(s, fetched(), wib()).map(|d| d.to_rfc3339())
    }

    #[test]
    fn indonesian_long_form_with_zone() {
        assert_eq!(
            p("Kamis, 26 November 2026 11:14 WIB").as_deref(),
            Some("2026-11-26T11:14:00+07:00")
        );
        assert_eq!(
            p("Rabu, 25 Nov 2026 09:05 WITA").as_deref(),
            Some("2026-11-25T09:05:00+08:00")
        );
        assert_eq!(
            p("Selasa, 24 Agustus 2021 | 20:30 WIT").as_deref(),
            Some("2021-08-24T20:30:00+09:00")
        );
    }

    #[test]
    fn numeric_and_dash_forms() {
        assert_eq!(
            p("26/11/2026, 11.14 WIB").as_deref(),
            Some("2026-11-26T11:14:00+07:00")
        );
        assert_eq!(
            p("Kamis 26 Nov 2026 - 11:14").as_deref(),
            Some("2026-11-26T11:14:00+07:00")
        );
        assert_eq!(
            p("Senin, 2 Mei 2022 pukul 08.00 WIB").as_deref(),
            Some("2022-05-02T08:00:00+07:00")
        );
        assert_eq!(
            p("Des 3, 2025 at 4:05 pm").as_deref(),
            Some("2025-12-03T16:05:00+07:00")
        );
        assert_eq!(
            p("November 4th, 2015").as_deref(),
            Some("2015-11-04T00:00:00+07:00")
        );
    }

    #[test]
    fn english_months_and_iso_and_rfc2822() {
        assert_eq!(
            p("2015-11-05T14:56:43+07:00").as_deref(),
            Some("2015-11-05T14:56:43+07:00")
        );
        assert_eq!(
            p("2015-11-05 14:56:43").as_deref(),
            Some("2015-11-05T14:56:43+07:00")
        );
        assert_eq!(
            p("2019-11-19T12:23:00.000Z").as_deref(),
            Some("2019-11-19T12:23:00+00:00")
        );
        assert_eq!(
            p("Thu, 05 Nov 2015 14:56:43 +0700").as_deref(),
            Some("2015-11-05T14:56:43+07:00")
        );
        assert_eq!(
            p("5 October 2020 10:00 GMT").as_deref(),
            Some("2020-10-05T10:00:00+00:00")
        );
    }

    #[test]
    fn relative_to_fetch_time() {
        assert_eq!(
            p("2 jam yang lalu").as_deref(),
            Some("2026-11-26T17:00:00+07:00")
        );
        assert_eq!(
            p("15 menit lalu").as_deref(),
            Some("2026-11-26T18:45:00+07:00")
        );
        assert_eq!(
            p("sehari yang lalu").as_deref(),
            Some("2026-11-25T19:00:00+07:00")
        );
        assert_eq!(
            p("3 hours ago").as_deref(),
            Some("2026-11-26T16:00:00+07:00")
        );
        assert_eq!(p("2 jam perjalanan"), None);
    }

    #[test]
    fn extreme_fetch_times_do_not_overflow() {
        let max = DateTime::<Utc>::MAX_UTC;
        assert!(parse_date("2 jam yang lalu", max, wib()).is_some());
        assert!(parse_date("2026-11-26T11:14:00+07:00", max, wib()).is_some());
        let min = DateTime::<Utc>::MIN_UTC;
        assert_eq!(parse_date("10000 minggu yang lalu", min, wib()), None);
    }

    #[test]
    fn future_and_ancient_dates_rejected() {
        assert_eq!(p("Kamis, 26 November 2027 11:14 WIB"), None);
        assert_eq!(p("12 Maret 1994"), None);
        assert_eq!(p("31/02/2020"), None);
        assert_eq!(p("tidak ada tanggal"), None);
    }
}
