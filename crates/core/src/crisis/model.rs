//! Crisis case types.

use serde::{Deserialize, Serialize};

use crate::time::Millis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Baru,
    Verifikasi,
    Respons,
    Pemantauan,
    Selesai,
    /// Closed without action, with a reason.
    Ditutup,
}

pub const ALL_STATUSES: [CaseStatus; 6] = [
    CaseStatus::Baru,
    CaseStatus::Verifikasi,
    CaseStatus::Respons,
    CaseStatus::Pemantauan,
    CaseStatus::Selesai,
    CaseStatus::Ditutup,
];

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Baru => "baru",
            CaseStatus::Verifikasi => "verifikasi",
            CaseStatus::Respons => "respons",
            CaseStatus::Pemantauan => "pemantauan",
            CaseStatus::Selesai => "selesai",
            CaseStatus::Ditutup => "ditutup",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        ALL_STATUSES.into_iter().find(|st| st.as_str() == s.trim())
    }
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Selesai | CaseStatus::Ditutup)
    }
}

/// The government's verdict labels (Kominfo/Komdigi practice), kept apart from civil-society
/// fact-checkers' labels ([`ExternalLabel`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Hoaks,
    Disinformasi,
    Misinformasi,
    Benar,
    BelumDapatDipastikan,
}

pub const ALL_VERDICTS: [Verdict; 5] = [
    Verdict::Hoaks,
    Verdict::Disinformasi,
    Verdict::Misinformasi,
    Verdict::Benar,
    Verdict::BelumDapatDipastikan,
];

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Hoaks => "hoaks",
            Verdict::Disinformasi => "disinformasi",
            Verdict::Misinformasi => "misinformasi",
            Verdict::Benar => "benar",
            Verdict::BelumDapatDipastikan => "belum_dapat_dipastikan",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        ALL_VERDICTS.into_iter().find(|v| v.as_str() == s.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Hoaks => "[HOAKS]",
            Verdict::Disinformasi => "[DISINFORMASI]",
            Verdict::Misinformasi => "[MISINFORMASI]",
            Verdict::Benar => "Benar / fakta",
            Verdict::BelumDapatDipastikan => "Belum dapat dipastikan",
        }
    }
    /// The label government practice puts in the title of a clarification.
    pub fn title_label(self) -> Option<&'static str> {
        match self {
            Verdict::Hoaks => Some("[HOAKS]"),
            Verdict::Disinformasi => Some("[DISINFORMASI]"),
            Verdict::Misinformasi => Some("[MISINFORMASI]"),
            _ => None,
        }
    }
}

/// Labels of civil-society fact-checkers (TurnBackHoax/Mafindo), recorded as an external
/// reference only.
pub const EXTERNAL_LABELS: [&str; 8] = [
    "SALAH",
    "PENIPUAN",
    "FITNAH",
    "DISINFORMASI",
    "MANIPULASI",
    "KLARIFIKASI",
    "BENAR",
    "SATIR",
];

pub const CATEGORIES: [(&str, &str); 9] = [
    ("kesehatan", "Kesehatan"),
    ("bencana", "Bencana"),
    ("pemerintahan", "Pemerintahan & layanan publik"),
    ("politik", "Politik & pemilu"),
    ("ekonomi", "Ekonomi & bantuan sosial"),
    ("keamanan", "Keamanan & ketertiban"),
    ("sara", "SARA"),
    ("penipuan", "Penipuan"),
    ("lainnya", "Lainnya"),
];

#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub id: i64,
    pub claim: String,
    pub description: String,
    pub origin_links: Vec<String>,
    pub region_codes: Vec<String>,
    pub category: String,
    pub level: u8,
    pub owner_org_id: i64,
    pub owner_org_code: String,
    pub owner_org_name: String,
    pub status: CaseStatus,
    pub verdict: Option<Verdict>,
    pub verdict_note: Option<String>,
    pub external_label: Option<String>,
    pub external_url: Option<String>,
    pub tags: Vec<String>,
    pub source: String,
    pub first_response_due: Millis,
    pub resolution_due: Millis,
    pub first_response_at: Option<Millis>,
    pub resolved_at: Option<Millis>,
    pub closed_reason: Option<String>,
    pub created_by: String,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// Optimistic concurrency: every change increments it.
    pub version: i64,
}

impl Case {
    /// "KRS-000042", the reference officers quote.
    pub fn reference(&self) -> String {
        format!("KRS-{:06}", self.id)
    }
    pub fn first_response_overdue(&self, now: Millis) -> bool {
        self.status.is_open() && self.first_response_at.is_none() && now > self.first_response_due
    }
    pub fn resolution_overdue(&self, now: Millis) -> bool {
        self.status.is_open() && now > self.resolution_due
    }
}

/// A case with the organisations it is shared with, as the case page needs it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseMember {
    pub org_id: i64,
    pub org_code: String,
    pub org_name: String,
    /// `escalated` (asked to join by escalation, not yet answered) or `collaborator`.
    pub role: String,
    pub added_at: Millis,
}

/// One line of the append-only timeline.
#[derive(Debug, Clone, Serialize)]
pub struct CaseEvent {
    pub id: i64,
    pub case_id: i64,
    pub at: Millis,
    pub actor: String,
    pub org_code: Option<String>,
    /// `opened`, `edited`, `status`, `escalated`, `took_ownership`, `joined`, `deescalated`,
    /// `shared`, `note`, `task_added`, `task_done`, `statement_*`, `verdict`.
    pub kind: String,
    pub summary: String,
    pub data: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseTask {
    pub id: i64,
    pub case_id: i64,
    pub title: String,
    pub assignee_org_code: Option<String>,
    pub assignee_email: Option<String>,
    pub due_at: Option<Millis>,
    pub done_at: Option<Millis>,
    pub created_by: String,
    pub created_at: Millis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Holding,
    Clarification,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Holding => "holding",
            StatementKind::Clarification => "clarification",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "holding" => Some(StatementKind::Holding),
            "clarification" => Some(StatementKind::Clarification),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            StatementKind::Holding => "Pernyataan sementara (holding statement)",
            StatementKind::Clarification => "Klarifikasi",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementStatus {
    Draft,
    Review,
    Approved,
    Rejected,
}

impl StatementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementStatus::Draft => "draft",
            StatementStatus::Review => "review",
            StatementStatus::Approved => "approved",
            StatementStatus::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(StatementStatus::Draft),
            "review" => Some(StatementStatus::Review),
            "approved" => Some(StatementStatus::Approved),
            "rejected" => Some(StatementStatus::Rejected),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            StatementStatus::Draft => "Draf",
            StatementStatus::Review => "Menunggu persetujuan",
            StatementStatus::Approved => "Disetujui",
            StatementStatus::Rejected => "Dikembalikan",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub id: i64,
    pub case_id: i64,
    pub kind: StatementKind,
    pub status: StatementStatus,
    pub title: String,
    pub body: String,
    /// Number of the latest version (1-based); every edit adds a version.
    pub version: i64,
    pub updated_by: String,
    pub updated_at: Millis,
    pub decided_by: Option<String>,
    pub decided_at: Option<Millis>,
    pub decision_note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementVersion {
    pub statement_id: i64,
    pub version: i64,
    pub title: String,
    pub body: String,
    pub author: String,
    pub created_at: Millis,
}

/// What the case list filters on.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub q: Option<String>,
    pub status: Option<CaseStatus>,
    pub level: Option<u8>,
    pub open_only: bool,
    pub overdue_only: bool,
}

/// Counts for the crisis dashboard.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CaseStats {
    pub open_by_level: Vec<(u8, i64)>,
    pub open_by_status: Vec<(String, i64)>,
    pub overdue_first_response: i64,
    pub overdue_resolution: i64,
    pub open_by_org: Vec<(String, String, i64)>,
    /// Open cases by age: < 6 h, 6–24 h, 1–3 days, > 3 days.
    pub age_buckets: [i64; 4],
}

/// An evidence file attached to a case (the bytes live in the blob store under `file_hash`).
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub case_id: i64,
    pub file_hash: String,
    pub filename: String,
    pub mime: String,
    pub size: i64,
    pub note: Option<String>,
    pub uploaded_by: String,
    pub uploaded_at: Millis,
}
