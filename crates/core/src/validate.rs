//! Input rules shared by forms, the API and the CLI. Messages are in Bahasa Indonesia.

use crate::error::FieldError;

pub const MAX_NAME: usize = 120;
pub const MAX_EMAIL: usize = 254;
pub const MAX_POSITION: usize = 120;
pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 200;

/// Collects field errors so a form shows every problem at once.
#[derive(Debug, Default)]
pub struct Checks(pub Vec<FieldError>);

impl Checks {
    pub fn push(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, code, message));
    }
    pub fn into_result(self) -> Result<(), crate::CoreError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::CoreError::Validation(self.0))
        }
    }
}

/// Trims and checks a required text field's length (counted in characters, not bytes).
pub fn required_text(
    checks: &mut Checks,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
) -> String {
    let v = value.trim();
    if v.is_empty() {
        checks.push(field, "required", format!("{label} wajib diisi."));
    } else if v.chars().count() > max {
        checks.push(
            field,
            "too_long",
            format!("{label} paling banyak {max} karakter."),
        );
    } else if v.chars().any(|c| c.is_control()) {
        checks.push(
            field,
            "invalid",
            format!("{label} berisi karakter yang tidak diizinkan."),
        );
    }
    v.to_owned()
}

/// Optional text: empty becomes `None`.
pub fn optional_text(
    checks: &mut Checks,
    field: &str,
    label: &str,
    value: Option<&str>,
    max: usize,
) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    if v.chars().count() > max {
        checks.push(
            field,
            "too_long",
            format!("{label} paling banyak {max} karakter."),
        );
    } else if v.chars().any(|c| c.is_control()) {
        checks.push(
            field,
            "invalid",
            format!("{label} berisi karakter yang tidak diizinkan."),
        );
    }
    Some(v.to_owned())
}

/// A pragmatic e-mail check: one `@`, a non-empty local part, a dotted domain, no spaces.
/// Returns the address lower-cased, the form we store and compare.
pub fn email(checks: &mut Checks, value: &str) -> String {
    let v = value.trim().to_lowercase();
    let ok = v.len() <= MAX_EMAIL
        && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        && match v.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
    if v.is_empty() {
        checks.push("email", "required", "Email wajib diisi.");
    } else if !ok {
        checks.push(
            "email",
            "invalid",
            "Format email tidak valid (contoh: nama@kominfo.go.id).",
        );
    }
    v
}

/// NIP (Nomor Induk Pegawai) of a civil servant: 18 digits laid out as birth date (YYYYMMDD),
/// appointment month (YYYYMM), sex (1 or 2) and a 3-digit sequence.
pub fn nip(checks: &mut Checks, value: Option<&str>) -> Option<String> {
    let raw = value.map(str::trim).filter(|v| !v.is_empty())?;
    // Officers often type NIPs with spaces ("19800101 200501 1 001"); accept that.
    let v: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if v.len() != 18 || !v.bytes().all(|b| b.is_ascii_digit()) {
        checks.push("nip", "invalid", "NIP harus 18 digit angka.");
        return Some(v);
    }
    let num = |a: usize, b: usize| v[a..b].parse::<u32>().unwrap_or(0);
    let (by, bm, bd) = (num(0, 4), num(4, 6), num(6, 8));
    let (ay, am) = (num(8, 12), num(12, 14));
    let sex = num(14, 15);
    let birth_ok =
        (1940..=2010).contains(&by) && chrono::NaiveDate::from_ymd_opt(by as i32, bm, bd).is_some();
    let appoint_ok = (1960..=2100).contains(&ay) && (1..=12).contains(&am) && ay > by;
    if !birth_ok {
        checks.push(
            "nip",
            "invalid",
            "NIP tidak valid: 8 digit pertama harus tanggal lahir (TTTTBBHH).",
        );
    } else if !appoint_ok {
        checks.push(
            "nip",
            "invalid",
            "NIP tidak valid: digit 9–14 harus bulan pengangkatan (TTTTBB).",
        );
    } else if sex != 1 && sex != 2 {
        checks.push(
            "nip",
            "invalid",
            "NIP tidak valid: digit ke-15 harus 1 atau 2.",
        );
    }
    Some(v)
}

/// Indonesian phone numbers: `08…`, `+62…` or `62…`, 9 to 15 digits; separators allowed.
/// Stored normalised to `+62…`.
pub fn phone(checks: &mut Checks, value: Option<&str>) -> Option<String> {
    let raw = value.map(str::trim).filter(|v| !v.is_empty())?;
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_allowed = raw
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')' | '.'));
    let national = if let Some(rest) = digits.strip_prefix("62") {
        Some(rest.to_owned())
    } else {
        digits.strip_prefix('0').map(str::to_owned)
    };
    match national {
        Some(n) if only_allowed && (8..=13).contains(&n.len()) => Some(format!("+62{n}")),
        _ => {
            checks.push(
                "phone",
                "invalid",
                "Nomor telepon tidak valid (contoh: 0812-3456-7890).",
            );
            Some(raw.to_owned())
        }
    }
}

pub fn password(checks: &mut Checks, field: &str, value: &str) {
    let n = value.chars().count();
    if n < MIN_PASSWORD {
        checks.push(
            field,
            "too_short",
            format!("Kata sandi minimal {MIN_PASSWORD} karakter."),
        );
    } else if n > MAX_PASSWORD {
        checks.push(
            field,
            "too_long",
            format!("Kata sandi paling banyak {MAX_PASSWORD} karakter."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(f: impl FnOnce(&mut Checks)) -> Vec<String> {
        let mut c = Checks::default();
        f(&mut c);
        c.0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn nip_rules() {
        assert!(
            errs(|c| {
                nip(c, Some("19800101 200501 1 001"));
            })
            .is_empty()
        );
        assert_eq!(
            errs(|c| {
                nip(c, Some("1980010120050110"));
            }),
            vec!["nip"]
        );
        // 31 February is not a birth date.
        assert_eq!(
            errs(|c| {
                nip(c, Some("198002312005011001"));
            }),
            vec!["nip"]
        );
        // Sex digit must be 1 or 2.
        assert_eq!(
            errs(|c| {
                nip(c, Some("198001012005013001"));
            }),
            vec!["nip"]
        );
        assert_eq!(
            errs(|c| {
                nip(c, Some("19800101200501100a"));
            }),
            vec!["nip"]
        );
        assert!(
            errs(|c| {
                assert_eq!(nip(c, Some("  ")), None);
            })
            .is_empty()
        );
    }

    #[test]
    fn email_rules() {
        let mut c = Checks::default();
        assert_eq!(
            email(&mut c, " Humas@JabarProv.go.id "),
            "humas@jabarprov.go.id"
        );
        assert!(c.0.is_empty());
        for bad in [
            "", "a@b", "a b@c.id", "@c.id", "a@@c.id", "a@c..id", "a@.c.id",
        ] {
            assert_eq!(
                errs(|c| {
                    email(c, bad);
                }),
                vec!["email"],
                "{bad}"
            );
        }
    }

    #[test]
    fn phone_rules() {
        let mut c = Checks::default();
        assert_eq!(
            phone(&mut c, Some("0812-3456-7890")).as_deref(),
            Some("+6281234567890")
        );
        assert_eq!(
            phone(&mut c, Some("+62 22 4231234")).as_deref(),
            Some("+62224231234")
        );
        assert!(c.0.is_empty());
        assert_eq!(
            errs(|c| {
                phone(c, Some("12345"));
            }),
            vec!["phone"]
        );
        assert_eq!(
            errs(|c| {
                phone(c, Some("0812<script>"));
            }),
            vec!["phone"]
        );
    }

    #[test]
    fn text_rules() {
        let mut c = Checks::default();
        let long = "a".repeat(MAX_NAME + 1);
        required_text(&mut c, "name", "Nama", &long, MAX_NAME);
        required_text(&mut c, "name2", "Nama", "   ", MAX_NAME);
        required_text(&mut c, "name3", "Nama", "Ani\u{0}", MAX_NAME);
        let codes: Vec<_> = c.0.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, vec!["too_long", "required", "invalid"]);
    }
}
