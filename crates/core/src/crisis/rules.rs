//! Crisis rules: levels and response targets (configurable), status names (configurable) and
//! the transitions the workflow allows.

use serde::{Deserialize, Serialize};

use super::model::CaseStatus;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LevelDef {
    pub level: u8,
    pub name: String,
    /// Target for the first public response, from opening.
    pub first_response_hours: u32,
    /// Target for resolution, from opening.
    pub resolution_hours: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CrisisConfig {
    pub levels: Vec<LevelDef>,
    /// Display names of the statuses, in workflow order
    /// (baru, verifikasi, respons, pemantauan, selesai, ditutup).
    pub status_names: Vec<String>,
}

impl Default for CrisisConfig {
    /// No regulation fixes crisis levels or deadlines; these are the common training defaults
    /// ("the first six hours are critical").
    fn default() -> Self {
        Self {
            levels: vec![
                LevelDef {
                    level: 1,
                    name: "Lokal (kabupaten/kota)".into(),
                    first_response_hours: 6,
                    resolution_hours: 72,
                },
                LevelDef {
                    level: 2,
                    name: "Provinsi".into(),
                    first_response_hours: 6,
                    resolution_hours: 120,
                },
                LevelDef {
                    level: 3,
                    name: "Nasional".into(),
                    first_response_hours: 6,
                    resolution_hours: 168,
                },
            ],
            status_names: [
                "Baru",
                "Verifikasi",
                "Respons",
                "Pemantauan",
                "Selesai",
                "Ditutup tanpa tindakan",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl CrisisConfig {
    pub fn level(&self, level: u8) -> Option<&LevelDef> {
        self.levels.iter().find(|l| l.level == level)
    }
    pub fn level_name(&self, level: u8) -> String {
        self.level(level)
            .map(|l| format!("Level {} — {}", l.level, l.name))
            .unwrap_or_else(|| format!("Level {level}"))
    }
    pub fn status_name(&self, s: CaseStatus) -> String {
        let i = super::model::ALL_STATUSES
            .iter()
            .position(|x| *x == s)
            .unwrap_or(0);
        self.status_names
            .get(i)
            .cloned()
            .unwrap_or_else(|| s.as_str().to_owned())
    }
    /// Checks a configuration loaded from a file: levels unique and positive targets.
    pub fn validate(&self) -> Result<(), String> {
        if self.levels.is_empty() {
            return Err("crisis.levels kosong".into());
        }
        let mut seen = std::collections::HashSet::new();
        for l in &self.levels {
            if !seen.insert(l.level) {
                return Err(format!("level {} ganda", l.level));
            }
            if l.first_response_hours == 0 || l.resolution_hours == 0 {
                return Err(format!("target level {} harus lebih dari 0 jam", l.level));
            }
        }
        if self.status_names.len() != super::model::ALL_STATUSES.len() {
            return Err("crisis.status_names harus berisi 6 nama".into());
        }
        Ok(())
    }
}

/// The transitions the workflow allows. Closing without action needs a reason (checked by the
/// service).
pub fn allowed(from: CaseStatus, to: CaseStatus) -> bool {
    use CaseStatus::*;
    matches!(
        (from, to),
        (Baru, Verifikasi)
            | (Baru, Ditutup)
            | (Verifikasi, Respons)
            | (Verifikasi, Ditutup)
            | (Respons, Pemantauan)
            | (Respons, Verifikasi)
            | (Pemantauan, Selesai)
            | (Pemantauan, Respons)
    )
}

/// Where a case may go next from `from`.
pub fn next_statuses(from: CaseStatus) -> Vec<CaseStatus> {
    super::model::ALL_STATUSES
        .into_iter()
        .filter(|to| allowed(from, *to))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseStatus::*;

    #[test]
    fn workflow_is_enforced() {
        assert!(allowed(Baru, Verifikasi));
        assert!(allowed(Verifikasi, Respons));
        assert!(allowed(Pemantauan, Selesai));
        assert!(!allowed(Baru, Selesai), "no skipping to done");
        assert!(!allowed(Selesai, Baru), "done is final");
        assert!(!allowed(Ditutup, Verifikasi), "closed is final");
        assert!(
            !allowed(Respons, Ditutup),
            "closing without action only before a response"
        );
        assert_eq!(next_statuses(Baru), vec![Verifikasi, Ditutup]);
        assert!(next_statuses(Selesai).is_empty());
    }

    #[test]
    fn default_config_is_valid() {
        let c = CrisisConfig::default();
        c.validate().unwrap();
        assert_eq!(c.level(1).unwrap().first_response_hours, 6);
        assert_eq!(c.status_name(Ditutup), "Ditutup tanpa tindakan");
        let mut bad = c.clone();
        bad.levels.push(bad.levels[0].clone());
        assert!(bad.validate().is_err());
    }
}
