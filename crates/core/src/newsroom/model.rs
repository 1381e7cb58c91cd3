//! Newsroom types and the publication workflow.

use serde::Serialize;

use crate::time::Millis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Release,
    News,
    Clarification,
}

pub const ALL_KINDS: [ItemKind; 3] = [ItemKind::Release, ItemKind::News, ItemKind::Clarification];

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Release => "rilis",
            ItemKind::News => "berita",
            ItemKind::Clarification => "klarifikasi",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        ALL_KINDS.into_iter().find(|k| k.as_str() == s.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Release => "Siaran Pers",
            ItemKind::News => "Berita",
            ItemKind::Clarification => "Klarifikasi",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Draft,
    Review,
    Approved,
    Scheduled,
    Published,
    Corrected,
    Withdrawn,
}

pub const ALL_ITEM_STATUSES: [ItemStatus; 7] = [
    ItemStatus::Draft,
    ItemStatus::Review,
    ItemStatus::Approved,
    ItemStatus::Scheduled,
    ItemStatus::Published,
    ItemStatus::Corrected,
    ItemStatus::Withdrawn,
];

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Draft => "draft",
            ItemStatus::Review => "review",
            ItemStatus::Approved => "approved",
            ItemStatus::Scheduled => "scheduled",
            ItemStatus::Published => "published",
            ItemStatus::Corrected => "corrected",
            ItemStatus::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        ALL_ITEM_STATUSES
            .into_iter()
            .find(|k| k.as_str() == s.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Draft => "Draf",
            ItemStatus::Review => "Menunggu tinjauan",
            ItemStatus::Approved => "Disetujui",
            ItemStatus::Scheduled => "Terjadwal",
            ItemStatus::Published => "Terbit",
            ItemStatus::Corrected => "Terbit (dikoreksi)",
            ItemStatus::Withdrawn => "Ditarik",
        }
    }
    /// Shown on the public portal.
    pub fn is_public(self) -> bool {
        matches!(self, ItemStatus::Published | ItemStatus::Corrected)
    }
    /// Content may be edited (an edit after submission sends the item back to draft).
    pub fn editable(self) -> bool {
        matches!(
            self,
            ItemStatus::Draft | ItemStatus::Review | ItemStatus::Approved
        )
    }
}

/// A workflow step an officer or head can take. Each names its allowed source statuses, so
/// the rules live in one table ([`Action::from_statuses`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Submit,
    Return,
    Approve,
    Schedule,
    Unschedule,
    Publish,
    Correct,
    Withdraw,
}

pub const ALL_ACTIONS: [Action; 8] = [
    Action::Submit,
    Action::Return,
    Action::Approve,
    Action::Schedule,
    Action::Unschedule,
    Action::Publish,
    Action::Correct,
    Action::Withdraw,
];

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "ajukan",
            Action::Return => "kembalikan",
            Action::Approve => "setujui",
            Action::Schedule => "jadwalkan",
            Action::Unschedule => "batal-jadwal",
            Action::Publish => "terbitkan",
            Action::Correct => "koreksi",
            Action::Withdraw => "tarik",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        ALL_ACTIONS.into_iter().find(|a| a.as_str() == s.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            Action::Submit => "Ajukan untuk ditinjau",
            Action::Return => "Kembalikan ke penulis",
            Action::Approve => "Setujui",
            Action::Schedule => "Jadwalkan / embargo",
            Action::Unschedule => "Batalkan jadwal",
            Action::Publish => "Terbitkan sekarang",
            Action::Correct => "Terbitkan koreksi",
            Action::Withdraw => "Tarik dari portal",
        }
    }
    pub fn from_statuses(self) -> &'static [ItemStatus] {
        use ItemStatus::*;
        match self {
            Action::Submit => &[Draft],
            Action::Return | Action::Approve => &[Review],
            Action::Schedule => &[Approved],
            Action::Unschedule => &[Scheduled],
            Action::Publish => &[Approved, Scheduled],
            Action::Correct => &[Published, Corrected],
            Action::Withdraw => &[Published, Corrected, Scheduled],
        }
    }
    pub fn target(self) -> ItemStatus {
        match self {
            Action::Submit => ItemStatus::Review,
            Action::Return => ItemStatus::Draft,
            Action::Approve | Action::Unschedule => ItemStatus::Approved,
            Action::Schedule => ItemStatus::Scheduled,
            Action::Publish => ItemStatus::Published,
            Action::Correct => ItemStatus::Corrected,
            Action::Withdraw => ItemStatus::Withdrawn,
        }
    }
    /// Approval, return, correction and withdrawal speak for the organisation: heads only.
    pub fn needs_head(self) -> bool {
        matches!(
            self,
            Action::Return | Action::Approve | Action::Correct | Action::Withdraw
        )
    }
    /// A reason or note the step cannot go without.
    pub fn needs_note(self) -> bool {
        matches!(self, Action::Return | Action::Correct | Action::Withdraw)
    }
}

/// Categories of the portal (slug, label).
pub const CATEGORIES: [(&str, &str); 12] = [
    ("pemerintahan", "Pemerintahan"),
    ("ekonomi", "Ekonomi"),
    ("kesehatan", "Kesehatan"),
    ("pendidikan", "Pendidikan"),
    ("infrastruktur", "Infrastruktur"),
    ("sosial", "Sosial"),
    ("lingkungan", "Lingkungan"),
    ("bencana", "Kebencanaan"),
    ("keamanan", "Keamanan & Ketertiban"),
    ("pariwisata", "Pariwisata & Budaya"),
    ("layanan-publik", "Layanan Publik"),
    ("lainnya", "Lainnya"),
];

pub fn category_label(slug: &str) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, l)| *l)
        .unwrap_or("Lainnya")
}

#[derive(Debug, Clone, Serialize)]
pub struct NewsItem {
    pub id: i64,
    pub org_id: i64,
    pub org_code: String,
    pub org_name: String,
    pub kind: ItemKind,
    pub status: ItemStatus,
    pub title: String,
    pub slug: String,
    pub lead: String,
    pub body_html: String,
    #[serde(skip)]
    pub body_text: String,
    pub category: String,
    pub tags: Vec<String>,
    pub region_code: Option<String>,
    pub author_name: String,
    pub spokesperson_name: Option<String>,
    pub spokesperson_title: Option<String>,
    pub spokesperson_quote: Option<String>,
    pub publish_at: Option<Millis>,
    pub embargo: bool,
    pub published_at: Option<Millis>,
    pub correction_note: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub review_note: Option<String>,
    pub crisis_case_id: Option<i64>,
    pub created_by: String,
    pub created_at: Millis,
    pub updated_by: String,
    pub updated_at: Millis,
    pub version: i64,
}

impl NewsItem {
    /// The public path of the article on its organisation's portal.
    pub fn portal_path(&self) -> String {
        format!("/portal/{}/berita/{}-{}", self.org_code, self.id, self.slug)
    }
}

/// Every field an officer edits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemContent {
    pub kind: Option<ItemKind>,
    pub title: String,
    pub slug: String,
    pub lead: String,
    pub body_html: String,
    pub body_text: String,
    pub category: String,
    pub tags: Vec<String>,
    pub region_code: Option<String>,
    pub author_name: String,
    pub spokesperson_name: Option<String>,
    pub spokesperson_title: Option<String>,
    pub spokesperson_quote: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemVersion {
    pub version: i64,
    pub title: String,
    pub lead: String,
    pub body_html: String,
    pub edited_by: String,
    pub edited_at: Millis,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemEvent {
    pub at: Millis,
    pub actor: String,
    pub kind: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemFile {
    pub id: i64,
    pub item_id: i64,
    /// `image` or `attachment`.
    pub kind: String,
    pub file_hash: String,
    pub thumb_hash: Option<String>,
    pub filename: String,
    pub mime: String,
    pub size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub alt: Option<String>,
    pub uploaded_by: String,
    pub uploaded_at: Millis,
}

impl ItemFile {
    pub fn url(&self) -> String {
        format!("/portal/media/{}", self.file_hash)
    }
    pub fn thumb_url(&self) -> String {
        format!(
            "/portal/media/{}",
            self.thumb_hash.as_deref().unwrap_or(&self.file_hash)
        )
    }
}

#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub q: Option<String>,
    pub status: Option<ItemStatus>,
    pub kind: Option<ItemKind>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MediaList {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub contacts: i64,
    pub created_by: String,
    pub created_at: Millis,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub outlet: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    pub id: i64,
    pub item_id: i64,
    pub list_name: String,
    pub embargo: bool,
    pub sent_by: String,
    pub sent_at: Millis,
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeliveryRow {
    pub id: i64,
    pub distribution_id: i64,
    pub item_id: i64,
    pub name: String,
    pub email: String,
    pub outlet: String,
    /// `queued`, `sent` or `failed`.
    pub status: String,
    pub error: Option<String>,
    pub attempts: i64,
    pub updated_at: Millis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    Pending,
    Approved,
    Rejected,
    Spam,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Approved => "approved",
            CommentStatus::Rejected => "rejected",
            CommentStatus::Spam => "spam",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => CommentStatus::Pending,
            "approved" => CommentStatus::Approved,
            "rejected" => CommentStatus::Rejected,
            "spam" => CommentStatus::Spam,
            _ => return None,
        })
    }
    pub fn label(self) -> &'static str {
        match self {
            CommentStatus::Pending => "Menunggu moderasi",
            CommentStatus::Approved => "Ditampilkan",
            CommentStatus::Rejected => "Ditolak",
            CommentStatus::Spam => "Spam",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: i64,
    pub item_id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    /// Never shown publicly.
    #[serde(skip)]
    pub email: Option<String>,
    pub body: String,
    pub status: CommentStatus,
    pub official: bool,
    #[serde(skip)]
    pub ip_hash: Option<String>,
    pub score: f64,
    pub reasons: Vec<String>,
    pub reports: i64,
    pub created_at: Millis,
    pub decided_by: Option<String>,
    pub decided_at: Option<Millis>,
}

/// A comment in the moderation queue, with the article it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct QueuedComment {
    pub comment: Comment,
    pub item_title: String,
    pub item_path: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in ALL_ITEM_STATUSES {
            assert_eq!(ItemStatus::parse(s.as_str()), Some(s));
        }
        for k in ALL_KINDS {
            assert_eq!(ItemKind::parse(k.as_str()), Some(k));
        }
        for a in ALL_ACTIONS {
            assert_eq!(Action::parse(a.as_str()), Some(a));
            // No step leads to the status it starts from, except a repeated correction.
            assert!(a == Action::Correct || !a.from_statuses().contains(&a.target()));
        }
        assert_eq!(ItemStatus::parse("terbit"), None);
    }

    #[test]
    fn only_published_items_are_public() {
        let public: Vec<_> = ALL_ITEM_STATUSES
            .into_iter()
            .filter(|s| s.is_public())
            .collect();
        assert_eq!(public, vec![ItemStatus::Published, ItemStatus::Corrected]);
        assert!(!Action::Publish.from_statuses().contains(&ItemStatus::Draft));
        assert!(
            !Action::Publish
                .from_statuses()
                .contains(&ItemStatus::Review)
        );
    }
}

/// A monitored article that carries a release's text (found by the monitoring pipeline).
#[derive(Debug, Clone, Serialize)]
pub struct Pickup {
    pub article_id: i64,
    pub title: String,
    pub outlet: String,
    pub url: String,
    pub published_at: Millis,
    /// Share of the release's word 3-grams found in the article (0–1).
    pub similarity: f64,
    /// When the pipeline found it.
    pub found_at: Millis,
}

/// A pickup as the pipeline records it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewPickup {
    pub item_id: i64,
    pub article_id: i64,
    pub similarity: f64,
    pub found_at: Millis,
}
