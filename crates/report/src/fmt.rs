//! Indonesian number and date formatting shared by charts, documents and exports.

const DAY_MS: i64 = 86_400_000;

/// Short Indonesian month names.
pub const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// "1.250.000": Indonesian thousands separator.
pub fn int(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number as Indonesians write it: whole numbers with '.', otherwise one decimal with ','.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "-".to_string();
    }
    if (v - v.round()).abs() < 1e-9 && v.abs() < 9.0e15 {
        return int(v.round() as i64);
    }
    let r = (v * 10.0).round() / 10.0;
    let whole = int(r.trunc() as i64);
    let frac = ((r.abs() - r.abs().trunc()) * 10.0).round() as i64;
    let sign = if r < 0.0 && r.trunc() == 0.0 { "-" } else { "" };
    format!("{sign}{whole},{frac}")
}

/// "12,5%".
pub fn percent(part: f64, total: f64) -> String {
    if total <= 0.0 || !part.is_finite() || !total.is_finite() {
        return "0%".to_string();
    }
    format!("{}%", num((part / total * 1000.0).round() / 10.0))
}

/// (year, month 1..=12, day) of a UTC millisecond timestamp (proleptic Gregorian).
pub fn civil(ms: i64) -> (i64, u32, u32) {
    // Howard Hinnant's days-to-civil algorithm; avoids a date-library dependency.
    let z = ms.div_euclid(DAY_MS) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// How dates on a chart axis are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateFmt {
    /// "26 Nov"
    #[default]
    DayMonth,
    /// "26 Nov 2026"
    DayMonthYear,
    /// "Nov 2026"
    MonthYear,
}

impl DateFmt {
    /// Formats a UTC millisecond timestamp.
    pub fn format(self, ms: i64) -> String {
        let (y, m, d) = civil(ms);
        let mon = MONTHS_SHORT[(m as usize).saturating_sub(1) % 12];
        match self {
            DateFmt::DayMonth => format!("{d} {mon}"),
            DateFmt::DayMonthYear => format!("{d} {mon} {y}"),
            DateFmt::MonthYear => format!("{mon} {y}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(int(1_250_000), "1.250.000");
        assert_eq!(int(-999), "-999");
        assert_eq!(num(12.46), "12,5");
        assert_eq!(num(-0.25), "-0,3");
        assert_eq!(percent(1.0, 8.0), "12,5%");
        assert_eq!(percent(1.0, 0.0), "0%");
    }

    #[test]
    fn dates() {
        // 2026-11-26T00:00:00Z
        let ms = 1_795_651_200_000;
        assert_eq!(civil(ms), (2026, 11, 26));
        assert_eq!(DateFmt::DayMonth.format(ms), "26 Nov");
        assert_eq!(DateFmt::DayMonthYear.format(0), "1 Jan 1970");
    }
}
