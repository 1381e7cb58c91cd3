//! The Kemendagri region list shipped in `data/wilayah/`, reduced to what articles mention.

use std::collections::HashMap;
use std::sync::OnceLock;

const PROVINCES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/wilayah/provinces.csv"
));
const REGENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/wilayah/regencies.csv"
));
const DISTRICTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/wilayah/districts.csv"
));

/// A regency or city with what the templates need.
#[derive(Debug, Clone)]
pub struct Regency {
    pub code: &'static str,
    /// Official name: "Kota Semarang", "Kabupaten Bogor".
    pub name: &'static str,
    /// Name without "Kota"/"Kabupaten"/"Administrasi".
    pub bare: &'static str,
    pub is_city: bool,
    pub province_code: &'static str,
    pub province: &'static str,
    /// Districts as (code, name).
    pub districts: Vec<(&'static str, &'static str)>,
}

impl Regency {
    pub fn pemda(&self) -> String {
        format!("Pemerintah {}", self.name.replace(" Administrasi", ""))
    }

    pub fn pemda_short(&self) -> String {
        if self.is_city {
            format!("Pemkot {}", self.bare)
        } else {
            format!("Pemkab {}", self.bare)
        }
    }

    pub fn head(&self) -> String {
        if self.is_city {
            format!("Wali Kota {}", self.bare)
        } else {
            format!("Bupati {}", self.bare)
        }
    }

    pub fn dprd(&self) -> String {
        format!("DPRD {}", self.name.replace(" Administrasi", ""))
    }
}

#[derive(Debug)]
pub struct Regions {
    pub regencies: Vec<Regency>,
    by_code: HashMap<&'static str, usize>,
}

impl Regions {
    pub fn shared() -> &'static Regions {
        static R: OnceLock<Regions> = OnceLock::new();
        R.get_or_init(load)
    }

    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::trim).collect::<Vec<_>>())
        .filter(|f| f.len() >= 2 && !f[0].is_empty())
}

fn load() -> Regions {
    let provinces: Vec<(&str, &str)> = rows(PROVINCES).map(|f| (f[0], f[1])).collect();
    let prov_name: HashMap<&str, &str> = provinces.iter().copied().collect();
    let mut regencies = Vec::new();
    let mut by_code = HashMap::new();
    for f in rows(REGENCIES) {
        let Some(&parent) = f.get(2) else { continue };
        let Some(&province) = prov_name.get(parent) else {
            continue;
        };
        let name = f[1];
        let (bare, is_city) = [
            ("Kabupaten Administrasi ", false),
            ("Kota Administrasi ", true),
            ("Kabupaten ", false),
            ("Kota ", true),
        ]
        .iter()
        .find_map(|(p, c)| name.strip_prefix(p).map(|b| (b, *c)))
        .unwrap_or((name, false));
        by_code.insert(f[0], regencies.len());
        regencies.push(Regency {
            code: f[0],
            name,
            bare,
            is_city,
            province_code: parent,
            province,
            districts: Vec::new(),
        });
    }
    for f in rows(DISTRICTS) {
        if let Some(&parent) = f.get(2)
            && let Some(&i) = by_code.get(parent)
        {
            regencies[i].districts.push((f[0], f[1]));
        }
    }
    // A regency without districts cannot fill `{kec}`; none exist in the shipped data.
    regencies.retain(|r| !r.districts.is_empty());
    let by_code = regencies
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code, i))
        .collect();
    Regions { regencies, by_code }
}

/// UTC offset in hours and zone name of a province (WIB, WITA, WIT).
pub fn zone_of(province_code: &str) -> (i32, &'static str) {
    match province_code.get(..1) {
        Some("8") | Some("9") => (9, "WIT"),
        _ => match province_code {
            "51" | "52" | "53" | "63" | "64" | "65" | "71" | "72" | "73" | "74" | "75" | "76" => {
                (8, "WITA")
            }
            _ => (7, "WIB"),
        },
    }
}
