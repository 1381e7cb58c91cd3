//! Time: stored as UTC milliseconds, shown in the viewer's zone (WIB, WITA, WIT) with
//! Indonesian formats ("Kamis, 26 November 2026 11.14 WIB").

use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Timelike, Utc};
use serde::Serialize;

/// Milliseconds since the Unix epoch, UTC. The unit every table uses.
pub type Millis = i64;

pub fn now_millis() -> Millis {
    Utc::now().timestamp_millis()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Zone {
    Wib,
    Wita,
    Wit,
}

impl Zone {
    pub fn offset_hours(self) -> i32 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }
    pub fn offset(self) -> Option<FixedOffset> {
        FixedOffset::east_opt(self.offset_hours() * 3600)
    }

    /// The zone of a region from its Kemendagri province code (first two digits).
    /// The centre (`pusat`) and unknown codes use WIB, Jakarta's zone.
    pub fn for_region_code(code: &str) -> Zone {
        match code.get(..2).and_then(|p| p.parse::<u8>().ok()) {
            // Bali, NTB, NTT, Kalimantan Selatan/Timur/Utara, all of Sulawesi.
            Some(51..=53) | Some(63..=65) | Some(71..=76) => Zone::Wita,
            // Maluku, Maluku Utara, the Papua provinces.
            Some(81..=82) | Some(91..=96) => Zone::Wit,
            _ => Zone::Wib,
        }
    }
}

const DAYS: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn local(ms: Millis, zone: Zone) -> Option<DateTime<FixedOffset>> {
    let offset = zone.offset()?;
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.with_timezone(&offset))
}

/// "Kamis, 26 November 2026 11.14 WIB".
pub fn format_long(ms: Millis, zone: Zone) -> String {
    match local(ms, zone) {
        Some(t) => format!(
            "{}, {} {} {} {:02}.{:02} {}",
            DAYS[t.weekday().num_days_from_monday() as usize],
            t.day(),
            MONTHS[t.month0() as usize],
            t.year(),
            t.hour(),
            t.minute(),
            zone.label()
        ),
        None => "-".to_owned(),
    }
}

/// "26/11/2026 11.14 WIB", for dense tables.
pub fn format_short(ms: Millis, zone: Zone) -> String {
    match local(ms, zone) {
        Some(t) => format!(
            "{:02}/{:02}/{} {:02}.{:02} {}",
            t.day(),
            t.month(),
            t.year(),
            t.hour(),
            t.minute(),
            zone.label()
        ),
        None => "-".to_owned(),
    }
}

/// "Kamis, 26 November 2026" (the local day).
pub fn format_date(ms: Millis, zone: Zone) -> String {
    match local(ms, zone) {
        Some(t) => format!(
            "{}, {} {} {}",
            DAYS[t.weekday().num_days_from_monday() as usize],
            t.day(),
            MONTHS[t.month0() as usize],
            t.year()
        ),
        None => "-".to_owned(),
    }
}

/// "2026-11-26" (the local day), for links and date inputs.
pub fn iso_date(ms: Millis, zone: Zone) -> String {
    match local(ms, zone) {
        Some(t) => format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()),
        None => String::new(),
    }
}

/// RFC 3339 in UTC, for APIs.
pub fn rfc3339(ms: Millis) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// Money in whole Rupiah: "Rp1.250.000".
pub fn format_rupiah(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 6);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if amount < 0 {
        format!("-Rp{out}")
    } else {
        format!("Rp{out}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_indonesian() {
        // 2026-11-26T04:14:00Z is 11.14 WIB on a Thursday.
        let ms = Utc
            .with_ymd_and_hms(2026, 11, 26, 4, 14, 0)
            .single()
            .unwrap()
            .timestamp_millis();
        assert_eq!(
            format_long(ms, Zone::Wib),
            "Kamis, 26 November 2026 11.14 WIB"
        );
        assert_eq!(format_short(ms, Zone::Wita), "26/11/2026 12.14 WITA");
        assert_eq!(format_short(ms, Zone::Wit), "26/11/2026 13.14 WIT");
    }

    #[test]
    fn zones_follow_provinces() {
        assert_eq!(Zone::for_region_code("32.73"), Zone::Wib);
        assert_eq!(Zone::for_region_code("51"), Zone::Wita);
        assert_eq!(Zone::for_region_code("73.71"), Zone::Wita);
        assert_eq!(Zone::for_region_code("94.01"), Zone::Wit);
        assert_eq!(Zone::for_region_code("61"), Zone::Wib);
        assert_eq!(Zone::for_region_code("pusat"), Zone::Wib);
    }

    #[test]
    fn rupiah() {
        assert_eq!(format_rupiah(1_250_000), "Rp1.250.000");
        assert_eq!(format_rupiah(500), "Rp500");
        assert_eq!(format_rupiah(-50_000_000), "-Rp50.000.000");
    }
}
