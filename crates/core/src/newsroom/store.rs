//! What the newsroom needs from storage. Implemented by `sinergi-store` for both backends.

use async_trait::async_trait;

use super::model::*;
use crate::jobs::NewJob;
use crate::network::{AuditEntry, Scope};
use crate::page::{Page, PageReq};
use crate::store::StoreResult;
use crate::time::Millis;

/// Every mutable field of an item. Services compute the whole new snapshot; the store writes
/// it only if the version still matches (optimistic concurrency).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemState {
    pub kind: ItemKind,
    pub status: ItemStatus,
    pub content: ItemContent,
    pub publish_at: Option<Millis>,
    pub embargo: bool,
    pub published_at: Option<Millis>,
    pub correction_note: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub review_note: Option<String>,
}

impl ItemState {
    pub fn of(i: &NewsItem) -> Self {
        Self {
            kind: i.kind,
            status: i.status,
            content: ItemContent {
                kind: Some(i.kind),
                title: i.title.clone(),
                slug: i.slug.clone(),
                lead: i.lead.clone(),
                body_html: i.body_html.clone(),
                body_text: i.body_text.clone(),
                category: i.category.clone(),
                tags: i.tags.clone(),
                region_code: i.region_code.clone(),
                author_name: i.author_name.clone(),
                spokesperson_name: i.spokesperson_name.clone(),
                spokesperson_title: i.spokesperson_title.clone(),
                spokesperson_quote: i.spokesperson_quote.clone(),
            },
            publish_at: i.publish_at,
            embargo: i.embargo,
            published_at: i.published_at,
            correction_note: i.correction_note.clone(),
            withdrawn_reason: i.withdrawn_reason.clone(),
            review_note: i.review_note.clone(),
        }
    }
}

/// One write to an item: its new state, a new content version when the text changed, and the
/// event for its history. The audit entry goes in the same transaction.
#[derive(Debug, Clone)]
pub struct ItemWrite<'a> {
    pub state: &'a ItemState,
    pub new_version: bool,
    pub version_note: Option<&'a str>,
    pub by: &'a str,
    pub at: Millis,
    pub event_kind: &'a str,
    pub event_summary: &'a str,
}

#[derive(Debug, Clone)]
pub struct NewComment {
    pub item_id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub email: Option<String>,
    pub body: String,
    pub status: CommentStatus,
    pub official: bool,
    pub ip_hash: Option<String>,
    pub score: f64,
    pub reasons: Vec<String>,
    pub created_at: Millis,
    pub decided_by: Option<String>,
}

/// Filter of the public portal lists.
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    pub category: Option<String>,
    pub tag: Option<String>,
    pub q: Option<String>,
}

#[async_trait]
pub trait NewsroomStore {
    async fn insert_item(
        &self,
        org_id: i64,
        crisis_case_id: Option<i64>,
        w: &ItemWrite<'_>,
        audit: &AuditEntry,
    ) -> StoreResult<NewsItem>;
    /// `None` when the item changed since `expected_version`.
    async fn write_item(
        &self,
        id: i64,
        expected_version: i64,
        w: &ItemWrite<'_>,
        audit: &AuditEntry,
    ) -> StoreResult<Option<NewsItem>>;
    async fn item_by_id(&self, id: i64) -> StoreResult<Option<NewsItem>>;
    async fn list_items(
        &self,
        scope: &Scope,
        filter: &ItemFilter,
        page: PageReq,
    ) -> StoreResult<Page<NewsItem>>;
    async fn item_versions(&self, id: i64) -> StoreResult<Vec<ItemVersion>>;
    async fn item_events(&self, id: i64) -> StoreResult<Vec<ItemEvent>>;
    /// Scheduled items whose time has come.
    async fn due_items(&self, now: Millis) -> StoreResult<Vec<NewsItem>>;
    /// The item made from a crisis statement, if any (one per case and title).
    async fn item_for_case(&self, case_id: i64) -> StoreResult<Vec<NewsItem>>;

    // The public portal.
    async fn public_items(
        &self,
        org_id: i64,
        filter: &PublicFilter,
        page: PageReq,
    ) -> StoreResult<Page<NewsItem>>;
    /// Every public item (for the related-articles index), newest first, up to `limit`.
    async fn all_public_items(&self, limit: i64) -> StoreResult<Vec<NewsItem>>;
    /// Organisations with public items and how many.
    async fn portal_orgs(&self) -> StoreResult<Vec<(String, String, i64)>>;

    // Files.
    async fn insert_item_file(&self, f: &ItemFile, audit: &AuditEntry) -> StoreResult<ItemFile>;
    async fn item_files(&self, item_id: i64) -> StoreResult<Vec<ItemFile>>;
    /// The file with this content hash (display or thumbnail) and the item holding it.
    async fn item_file_by_hash(&self, hash: &str) -> StoreResult<Option<(ItemFile, NewsItem)>>;
    async fn item_file_by_id(&self, id: i64) -> StoreResult<Option<ItemFile>>;

    // Media lists and distribution.
    async fn insert_media_list(
        &self,
        org_id: i64,
        name: &str,
        by: &str,
        at: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<MediaList>;
    async fn media_lists(&self, org_id: i64) -> StoreResult<Vec<MediaList>>;
    async fn media_list_by_id(&self, id: i64) -> StoreResult<Option<MediaList>>;
    /// Replaces the list's contacts.
    async fn set_contacts(
        &self,
        list_id: i64,
        contacts: &[Contact],
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    async fn contacts(&self, list_id: i64) -> StoreResult<Vec<Contact>>;
    /// Records a distribution with one queued delivery per contact and enqueues `job_kind`
    /// (payload `{"distribution_id": id}`) in the same transaction.
    #[allow(clippy::too_many_arguments)]
    async fn insert_distribution(
        &self,
        item_id: i64,
        list: &MediaList,
        embargo: bool,
        contacts: &[Contact],
        job: &NewJob,
        by: &str,
        at: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<Distribution>;
    async fn distributions(&self, item_id: i64) -> StoreResult<Vec<Distribution>>;
    async fn release_deliveries(&self, distribution_id: i64) -> StoreResult<Vec<DeliveryRow>>;
    async fn set_delivery(
        &self,
        id: i64,
        status: &str,
        error: Option<&str>,
        at: Millis,
    ) -> StoreResult<()>;

    // Comments.
    async fn insert_comment(
        &self,
        c: &NewComment,
        audit: Option<&AuditEntry>,
    ) -> StoreResult<Comment>;
    async fn comment_by_id(&self, id: i64) -> StoreResult<Option<Comment>>;
    /// Approved comments of an item, oldest first (official replies included).
    async fn public_comments(&self, item_id: i64) -> StoreResult<Vec<Comment>>;
    /// The moderation queue of the organisations in `scope`.
    async fn comment_queue(
        &self,
        scope: &Scope,
        status: Option<CommentStatus>,
        page: PageReq,
    ) -> StoreResult<Page<QueuedComment>>;
    /// `None` when the comment is no longer in `from` (someone else decided first).
    async fn decide_comment(
        &self,
        id: i64,
        from: CommentStatus,
        to: CommentStatus,
        by: &str,
        at: Millis,
        audit: &AuditEntry,
    ) -> StoreResult<Option<Comment>>;
    async fn report_comment(&self, id: i64, audit: &AuditEntry) -> StoreResult<()>;
    /// Recent comment texts of the same sender or on the same item (for repeat detection).
    async fn recent_comment_texts(
        &self,
        item_id: i64,
        ip_hash: &str,
        since: Millis,
    ) -> StoreResult<Vec<String>>;

    /// Items public (published or corrected) whose publication is at or after `since`, for
    /// the pipeline's pickup index.
    async fn items_published_since(&self, since: Millis) -> StoreResult<Vec<NewsItem>>;
    /// Records pickups (idempotent); returns the ones not known before.
    async fn insert_pickups(&self, rows: &[NewPickup]) -> StoreResult<Vec<NewPickup>>;
    /// An item's recorded pickups with their articles, most similar first.
    async fn item_pickups(&self, item_id: i64) -> StoreResult<Vec<Pickup>>;
}
