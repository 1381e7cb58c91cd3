//! Newsroom storage on SQLite and (when `SINERGI_TEST_DATABASE_URL` is set) PostgreSQL:
//! optimistic writes with versions and events, public reads, files, distributions with their
//! job, and comment moderation races.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

use std::sync::Arc;

use sinergi_core::jobs::NewJob;
use sinergi_core::network::{AuditEntry, Scope};
use sinergi_core::newsroom::store::{ItemState, ItemWrite, NewComment, PublicFilter};
use sinergi_core::newsroom::{CommentStatus, Contact, ItemContent, ItemKind, ItemStatus};
use sinergi_core::page::PageReq;
use sinergi_core::store::Store;
use sinergi_core::time::now_millis;
use sinergi_store::testing;

async fn sqlite() -> Arc<dyn Store> {
    sinergi_store::open(None, &testing::temp_dir())
        .await
        .expect("sqlite")
}

async fn postgres() -> Option<Arc<dyn Store>> {
    let Some(base) = testing::pg_url() else {
        eprintln!("SINERGI_TEST_DATABASE_URL not set: PostgreSQL part skipped");
        return None;
    };
    let url = testing::fresh_pg_database(&base)
        .await
        .expect("fresh database");
    Some(
        sinergi_store::open(Some(&url), &testing::temp_dir())
            .await
            .expect("postgres"),
    )
}

macro_rules! both {
    ($name:ident, $f:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$f(super::sqlite().await).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(s) = super::postgres().await {
                    super::$f(s).await;
                }
            }
        }
    };
}

fn audit(action: &str) -> AuditEntry {
    AuditEntry {
        at: now_millis(),
        actor_user_id: None,
        actor: "uji".into(),
        org_code: Some("33.74".into()),
        action: action.into(),
        entity: "newsroom_item".into(),
        entity_id: String::new(),
        before: None,
        after: None,
        ip: None,
    }
}

fn state(title: &str, status: ItemStatus, tags: &[&str]) -> ItemState {
    ItemState {
        kind: ItemKind::Release,
        status,
        content: ItemContent {
            kind: Some(ItemKind::Release),
            title: title.into(),
            slug: "judul".into(),
            lead: "Teras".into(),
            body_html: format!("<p>{title} isi</p>"),
            body_text: format!("{title} isi"),
            category: "bencana".into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            author_name: "Wahyu".into(),
            ..ItemContent::default()
        },
        publish_at: None,
        embargo: false,
        published_at: (status == ItemStatus::Published).then(now_millis),
        correction_note: None,
        withdrawn_reason: None,
        review_note: None,
    }
}

fn write<'a>(s: &'a ItemState, new_version: bool, kind: &'a str) -> ItemWrite<'a> {
    ItemWrite {
        state: s,
        new_version,
        version_note: None,
        by: "wahyu@semarang.go.id",
        at: now_millis(),
        event_kind: kind,
        event_summary: kind,
    }
}

async fn items_versions_and_public_reads(store: Arc<dyn Store>) {
    store
        .seed_orgs(&sinergi_core::network::regions::seed().unwrap())
        .await
        .unwrap();
    let org = store.org_by_code("33.74").await.unwrap().unwrap();
    let other = store.org_by_code("33.01").await.unwrap().unwrap();
    let draft = state("Banjir rob", ItemStatus::Draft, &["banjir", "rob"]);
    let item = store
        .insert_item(org.id, None, &write(&draft, true, "created"), &audit("c"))
        .await
        .unwrap();
    assert_eq!((item.version, item.org_code.as_str()), (1, "33.74"));
    // A stale version writes nothing.
    let edited = state("Banjir rob meluas", ItemStatus::Draft, &["banjir"]);
    assert!(
        store
            .write_item(item.id, 7, &write(&edited, true, "edited"), &audit("e"))
            .await
            .unwrap()
            .is_none()
    );
    let e = store
        .write_item(item.id, 1, &write(&edited, true, "edited"), &audit("e"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.version, 2);
    assert_eq!(e.title, "Banjir rob meluas");
    // A status change without new content adds an event but no content version.
    let published = state("Banjir rob meluas", ItemStatus::Published, &["banjir"]);
    let p = store
        .write_item(
            item.id,
            2,
            &write(&published, false, "published"),
            &audit("p"),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.status, ItemStatus::Published);
    let versions = store.item_versions(item.id).await.unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(store.item_events(item.id).await.unwrap().len(), 3);
    // Public reads: only published items of that organisation; tag and text filters.
    store
        .insert_item(
            org.id,
            None,
            &write(
                &state("Draf rahasia", ItemStatus::Draft, &["banjir"]),
                true,
                "c",
            ),
            &audit("c"),
        )
        .await
        .unwrap();
    store
        .insert_item(
            other.id,
            None,
            &write(
                &state("Banjir Cilacap", ItemStatus::Published, &["banjir"]),
                true,
                "c",
            ),
            &audit("c"),
        )
        .await
        .unwrap();
    let f = |tag: Option<&str>, q: Option<&str>| PublicFilter {
        tag: tag.map(Into::into),
        q: q.map(Into::into),
        category: None,
    };
    let page = PageReq::new(None, None);
    assert_eq!(
        store
            .public_items(org.id, &f(None, None), page)
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        store
            .public_items(org.id, &f(Some("banjir"), None), page)
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        store
            .public_items(org.id, &f(Some("ban"), None), page)
            .await
            .unwrap()
            .total,
        0,
        "tags match whole"
    );
    assert_eq!(
        store
            .public_items(org.id, &f(None, Some("MELUAS")), page)
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        store
            .public_items(org.id, &f(None, Some("50%_")), page)
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(store.all_public_items(10).await.unwrap().len(), 2);
    let orgs = store.portal_orgs().await.unwrap();
    assert_eq!(orgs.len(), 2);
    // Scoped officer lists: the province sees its regencies, a regency only itself.
    let prov = store
        .list_items(&Scope::Province("33".into()), &Default::default(), page)
        .await
        .unwrap();
    assert_eq!(prov.total, 3);
    let own = store
        .list_items(&Scope::Exact("33.01".into()), &Default::default(), page)
        .await
        .unwrap();
    assert_eq!(own.total, 1);
    assert_eq!(store.due_items(now_millis()).await.unwrap().len(), 0);
}
both!(items, items_versions_and_public_reads);

async fn distribution_and_comments(store: Arc<dyn Store>) {
    store
        .seed_orgs(&sinergi_core::network::regions::seed().unwrap())
        .await
        .unwrap();
    let org = store.org_by_code("33.74").await.unwrap().unwrap();
    let s = state("Rilis", ItemStatus::Published, &[]);
    let item = store
        .insert_item(org.id, None, &write(&s, true, "c"), &audit("c"))
        .await
        .unwrap();
    let list = store
        .insert_media_list(org.id, "Media", "uji", now_millis(), &audit("l"))
        .await
        .unwrap();
    assert!(
        store
            .insert_media_list(org.id, "Media", "uji", now_millis(), &audit("l"))
            .await
            .is_err(),
        "names are unique per organisation"
    );
    let contacts = vec![
        Contact {
            name: "A".into(),
            email: "a@x.example".into(),
            outlet: "A".into(),
        },
        Contact {
            name: "B".into(),
            email: "b@x.example".into(),
            outlet: "B".into(),
        },
    ];
    store
        .set_contacts(list.id, &contacts, &audit("k"))
        .await
        .unwrap();
    store
        .set_contacts(list.id, &contacts[..1], &audit("k"))
        .await
        .unwrap();
    assert_eq!(
        store.contacts(list.id).await.unwrap().len(),
        1,
        "contacts are replaced"
    );
    store
        .set_contacts(list.id, &contacts, &audit("k"))
        .await
        .unwrap();
    let list = store.media_list_by_id(list.id).await.unwrap().unwrap();
    assert_eq!(list.contacts, 2);
    let before = store.job_counts().await.unwrap();
    let d = store
        .insert_distribution(
            item.id,
            &list,
            false,
            &contacts,
            &NewJob::now("newsroom.distribute", serde_json::json!({})),
            "uji",
            now_millis(),
            &audit("d"),
        )
        .await
        .unwrap();
    let after = store.job_counts().await.unwrap();
    assert_eq!(
        after.queued,
        before.queued + 1,
        "the sending job is queued with the distribution"
    );
    let rows = store.release_deliveries(d.id).await.unwrap();
    assert_eq!(rows.len(), 2);
    store
        .set_delivery(rows[0].id, "sent", None, now_millis())
        .await
        .unwrap();
    let ds = store.distributions(item.id).await.unwrap();
    assert_eq!((ds[0].sent, ds[0].queued, ds[0].failed), (1, 1, 0));

    let c = store
        .insert_comment(
            &NewComment {
                item_id: item.id,
                parent_id: None,
                name: "Warga".into(),
                email: Some("w@x.example".into()),
                body: "Terima kasih".into(),
                status: CommentStatus::Pending,
                official: false,
                ip_hash: Some("abc".into()),
                score: 0.1,
                reasons: vec!["tautan".into()],
                created_at: now_millis(),
                decided_by: None,
            },
            None,
        )
        .await
        .unwrap();
    assert!(store.public_comments(item.id).await.unwrap().is_empty());
    let q = store
        .comment_queue(
            &Scope::Province("33".into()),
            Some(CommentStatus::Pending),
            PageReq::default(),
        )
        .await
        .unwrap();
    assert_eq!(q.total, 1);
    assert_eq!(q.items[0].comment.reasons, vec!["tautan".to_owned()]);
    assert_eq!(
        store
            .comment_queue(&Scope::Exact("32".into()), None, PageReq::default())
            .await
            .unwrap()
            .total,
        0
    );
    // Two moderators at once: the second decision finds it already decided.
    let a = store
        .decide_comment(
            c.id,
            CommentStatus::Pending,
            CommentStatus::Approved,
            "m1",
            now_millis(),
            &audit("m"),
        )
        .await
        .unwrap();
    assert!(a.is_some());
    let b = store
        .decide_comment(
            c.id,
            CommentStatus::Pending,
            CommentStatus::Spam,
            "m2",
            now_millis(),
            &audit("m"),
        )
        .await
        .unwrap();
    assert!(b.is_none());
    assert_eq!(store.public_comments(item.id).await.unwrap().len(), 1);
    store.report_comment(c.id, &audit("r")).await.unwrap();
    assert_eq!(store.comment_by_id(c.id).await.unwrap().unwrap().reports, 1);
    let texts = store.recent_comment_texts(item.id, "zzz", 0).await.unwrap();
    assert_eq!(texts, vec!["Terima kasih".to_owned()]);
}
both!(distribution, distribution_and_comments);

both!(pickups, release_pickups);
async fn release_pickups(store: Arc<dyn Store>) {
    use sinergi_core::monitor::{ArticleTone, NewArticle};
    use sinergi_core::newsroom::NewPickup;
    store
        .seed_orgs(&sinergi_core::network::regions::seed().unwrap())
        .await
        .unwrap();
    let org = store.org_by_code("33").await.unwrap().unwrap();
    let now = now_millis();
    let mut published = state("Bantuan pangan", ItemStatus::Published, &[]);
    published.published_at = Some(now - 1000);
    let release = store
        .insert_item(
            org.id,
            None,
            &write(&published, true, "created"),
            &audit("c"),
        )
        .await
        .unwrap();
    let draft = state("Konsep", ItemStatus::Draft, &[]);
    store
        .insert_item(org.id, None, &write(&draft, true, "created"), &audit("c"))
        .await
        .unwrap();
    let mut old = state("Rilis lama", ItemStatus::Published, &[]);
    old.published_at = Some(now - 90 * 86_400_000);
    store
        .insert_item(org.id, None, &write(&old, true, "created"), &audit("c"))
        .await
        .unwrap();
    // Only public items published since the horizon are candidates.
    let since = store.items_published_since(now - 86_400_000).await.unwrap();
    assert_eq!(
        since.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![release.id]
    );

    let article = |url: &str, outlet: &str| NewArticle {
        canonical_url: url.into(),
        url: url.into(),
        source_id: None,
        outlet: outlet.into(),
        title: format!("Salinan {url}"),
        author: None,
        published_at: now,
        fetched_at: now,
        language: "id".into(),
        body: "Isi berita.".into(),
        word_count: 2,
        tone: ArticleTone::Neutral,
        tone_score: 0.0,
        region_codes: vec![],
        entities: vec![],
        keyphrases: vec![],
        simhash: 1,
        story_id: None,
        issue_id: None,
    };
    let ids = store
        .insert_articles(&[
            article("https://a.test/1", "Kabar A"),
            article("https://b.test/1", "Kabar B"),
        ])
        .await
        .unwrap();
    let rows = [
        NewPickup {
            item_id: release.id,
            article_id: ids[0].0,
            similarity: 0.4,
            found_at: now,
        },
        NewPickup {
            item_id: release.id,
            article_id: ids[1].0,
            similarity: 0.9,
            found_at: now,
        },
    ];
    let fresh = store.insert_pickups(&rows).await.unwrap();
    assert_eq!(fresh.len(), 2);
    // Recording again (a retried job) adds nothing and reports nothing new.
    let again = store.insert_pickups(&rows).await.unwrap();
    assert!(again.is_empty());
    let listed = store.item_pickups(release.id).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|p| (p.outlet.as_str(), p.similarity))
            .collect::<Vec<_>>(),
        vec![("Kabar B", 0.9), ("Kabar A", 0.4)],
        "most similar first"
    );
    assert_eq!(listed[0].url, "https://b.test/1");
    assert!(
        store
            .item_pickups(release.id + 100)
            .await
            .unwrap()
            .is_empty()
    );
}
