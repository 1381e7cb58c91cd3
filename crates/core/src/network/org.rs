//! Organisations and the scope rule: the centre sees all, a province sees itself and its
//! regencies/cities, a regency/city sees itself.

use serde::Serialize;

/// The code of the central PR centre; regions use Kemendagri codes (`32`, `32.73`).
pub const CENTRE_CODE: &str = "pusat";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgLevel {
    Centre,
    Province,
    Regency,
    City,
}

impl OrgLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgLevel::Centre => "centre",
            OrgLevel::Province => "province",
            OrgLevel::Regency => "regency",
            OrgLevel::City => "city",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "centre" => OrgLevel::Centre,
            "province" => OrgLevel::Province,
            "regency" => OrgLevel::Regency,
            "city" => OrgLevel::City,
            _ => return None,
        })
    }
    pub fn label(self) -> &'static str {
        match self {
            OrgLevel::Centre => "Pusat",
            OrgLevel::Province => "Provinsi",
            OrgLevel::Regency => "Kabupaten",
            OrgLevel::City => "Kota",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Org {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: OrgLevel,
    pub parent_code: Option<String>,
}

impl Org {
    /// What this organisation may see.
    pub fn scope(&self) -> Scope {
        match self.level {
            OrgLevel::Centre => Scope::All,
            OrgLevel::Province => Scope::Province(self.code.clone()),
            OrgLevel::Regency | OrgLevel::City => Scope::Exact(self.code.clone()),
        }
    }
    /// "Provinsi Jawa Barat", "Kota Bandung", "Pusat Penerangan".
    pub fn display_name(&self) -> String {
        match self.level {
            OrgLevel::Province => format!("Provinsi {}", self.name),
            _ => self.name.clone(),
        }
    }
    pub fn zone(&self) -> crate::time::Zone {
        crate::time::Zone::for_region_code(&self.code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrg {
    pub code: String,
    pub name: String,
    pub level: OrgLevel,
    pub parent_code: Option<String>,
}

/// The set of organisation codes a viewer may see, in a form both SQL backends can filter on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Province(String),
    Exact(String),
}

impl Scope {
    pub fn contains(&self, code: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Province(p) => {
                code == p
                    || code
                        .strip_prefix(p.as_str())
                        .is_some_and(|r| r.starts_with('.'))
            }
            Scope::Exact(c) => code == c,
        }
    }
    /// `(equal, like)`: a row is in scope when `equal` is empty, or its code equals `equal`
    /// or matches the LIKE pattern `like`.
    pub fn sql_params(&self) -> (String, String) {
        match self {
            Scope::All => (String::new(), String::new()),
            Scope::Province(p) => (p.clone(), format!("{p}.%")),
            Scope::Exact(c) => (c.clone(), c.clone()),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct OrgFilter {
    /// Lower-cased substring of name or code.
    pub q: Option<String>,
    pub level: Option<OrgLevel>,
    pub parent_code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_contains() {
        let prov = Scope::Province("32".into());
        assert!(prov.contains("32"));
        assert!(prov.contains("32.73"));
        assert!(!prov.contains("33.01"));
        assert!(!prov.contains("320"));
        assert!(!prov.contains(CENTRE_CODE));
        let reg = Scope::Exact("32.73".into());
        assert!(reg.contains("32.73"));
        assert!(!reg.contains("32.04"));
        assert!(Scope::All.contains("94.01"));
    }
}
