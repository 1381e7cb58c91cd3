//! Monitoring storage on SQLite and (when `SINERGI_TEST_DATABASE_URL` is set) PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

use std::sync::Arc;

use sinergi_core::jobs::{JobStatus, NewJob};
use sinergi_core::monitor::store::{QueuedUrl, SourceFields, SourceVisibility};
use sinergi_core::monitor::{ArticleTone, NewAlert, NewArticle, SourceKind};
use sinergi_core::network::AuditEntry;
use sinergi_core::network::Role;
use sinergi_core::network::user::UserRecord;
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
        org_code: Some("32".into()),
        action: action.into(),
        entity: "monitor_source".into(),
        entity_id: String::new(),
        before: None,
        after: None,
        ip: None,
    }
}

async fn seeded(store: &Arc<dyn Store>) {
    let orgs = sinergi_core::network::regions::seed().unwrap();
    store.seed_orgs(&orgs).await.unwrap();
}

fn fields(url: &str) -> SourceFields {
    SourceFields {
        name: "Feed utama".into(),
        kind: SourceKind::Feed,
        url: url.into(),
        outlet: "Kabar Priangan".into(),
        region_code: Some("32.73".into()),
        interval_secs: 900,
    }
}

fn article(
    url: &str,
    regions: &[&str],
    tone: ArticleTone,
    at: i64,
    source: Option<i64>,
    issue: Option<i64>,
) -> NewArticle {
    NewArticle {
        canonical_url: url.into(),
        url: url.into(),
        source_id: source,
        outlet: "Kabar Priangan".into(),
        title: format!("Judul {url}"),
        author: None,
        published_at: at,
        fetched_at: at,
        language: "id".into(),
        body: "Isi berita.".into(),
        word_count: 2,
        tone,
        tone_score: 0.5,
        region_codes: regions.iter().map(|s| s.to_string()).collect(),
        entities: vec!["Pemkot Bandung".into()],
        keyphrases: vec!["banjir".into()],
        simhash: -42,
        story_id: None,
        issue_id: issue,
    }
}

async fn sources_and_queue(store: Arc<dyn Store>) {
    seeded(&store).await;
    let bandung = store.org_by_code("32.73").await.unwrap().unwrap();
    let bogor = store.org_by_code("32.01").await.unwrap().unwrap();
    let now = now_millis();
    let s = store
        .insert_source(
            bandung.id,
            &fields("https://kabar.test/rss.xml"),
            "a@b.id",
            now,
            &audit("monitor_source.create"),
        )
        .await
        .unwrap();
    assert_eq!(s.org_code, "32.73");
    // The same URL twice for one organisation is refused; another organisation may add it.
    assert!(
        store
            .insert_source(
                bandung.id,
                &fields("https://kabar.test/rss.xml"),
                "a@b.id",
                now,
                &audit("x")
            )
            .await
            .is_err()
    );
    store
        .insert_source(
            bogor.id,
            &fields("https://kabar.test/rss.xml"),
            "a@b.id",
            now,
            &audit("x"),
        )
        .await
        .unwrap();
    let mine = store
        .list_sources(
            SourceVisibility {
                all: false,
                org_id: bandung.id,
            },
            "",
            PageReq::default(),
        )
        .await
        .unwrap();
    assert_eq!(mine.total, 1);
    let all = store
        .list_sources(
            SourceVisibility {
                all: true,
                org_id: 0,
            },
            "priangan",
            PageReq::default(),
        )
        .await
        .unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(store.due_sources(now, 10).await.unwrap().len(), 2);

    // Queueing: new links create one job carrying exactly those links; seen links nothing.
    let urls: Vec<QueuedUrl> = (0..3)
        .map(|i| QueuedUrl {
            canonical_url: format!("https://kabar.test/a{i}"),
            url: format!("https://kabar.test/a{i}?utm_source=x"),
            title_hint: None,
        })
        .collect();
    let job = NewJob::now(
        "monitor.fetch_articles",
        serde_json::json!({"source_id": s.id}),
    );
    assert_eq!(
        store
            .queue_urls(Some(s.id), &urls, &job, now)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .queue_urls(Some(s.id), &urls, &job, now)
            .await
            .unwrap(),
        0
    );
    let jobs = store
        .list_jobs(Some(JobStatus::Queued), PageReq::default())
        .await
        .unwrap();
    assert_eq!(jobs.total, 1);
    assert_eq!(jobs.items[0].payload["urls"].as_array().unwrap().len(), 3);
    let pending = store
        .pending_urls(&[urls[2].canonical_url.clone(), urls[0].canonical_url.clone()])
        .await
        .unwrap();
    assert_eq!(
        pending
            .iter()
            .map(|u| u.canonical_url.as_str())
            .collect::<Vec<_>>(),
        ["https://kabar.test/a2", "https://kabar.test/a0"]
    );
    store
        .finish_url(&urls[0].canonical_url, Some("HTTP 404"), now)
        .await
        .unwrap();
    assert_eq!(
        store
            .pending_urls(&[urls[0].canonical_url.clone()])
            .await
            .unwrap()
            .len(),
        0
    );
}
both!(sources_and_queue_both, sources_and_queue);

async fn articles_regions_and_windows(store: Arc<dyn Store>) {
    seeded(&store).await;
    let now = now_millis();
    let issue = store.insert_issue("banjir bandung", now).await.unwrap();
    let day = 86_400_000;
    let mut batch = vec![
        article(
            "https://x.test/1",
            &["32.73"],
            ArticleTone::Negative,
            now - 1000,
            None,
            Some(issue),
        ),
        article(
            "https://x.test/2",
            &["32.73"],
            ArticleTone::Negative,
            now - 2000,
            None,
            Some(issue),
        ),
        article(
            "https://x.test/3",
            &["33.74"],
            ArticleTone::Positive,
            now - 3 * day,
            None,
            Some(issue),
        ),
    ];
    let ids = store.insert_articles(&batch).await.unwrap();
    assert!(ids.iter().all(|(_, new)| *new));
    // Re-inserting (a retried job) returns the same ids and adds nothing.
    batch.push(article(
        "https://x.test/4",
        &[],
        ArticleTone::Neutral,
        now,
        None,
        None,
    ));
    let again = store.insert_articles(&batch).await.unwrap();
    assert_eq!(
        &again[..3],
        &ids.iter().map(|(id, _)| (*id, false)).collect::<Vec<_>>()[..]
    );
    assert!(again[3].1);
    assert_eq!(store.count_articles().await.unwrap(), 4);
    // Warm-up reads only recent articles: the one from three days ago is left out.
    let recent = store
        .articles_published_since(now - 2 * day, 0, 10)
        .await
        .unwrap();
    assert_eq!(
        recent
            .iter()
            .map(|a| a.canonical_url.as_str())
            .collect::<Vec<_>>(),
        ["https://x.test/1", "https://x.test/2", "https://x.test/4"]
    );
    let paged = store
        .articles_published_since(now - 2 * day, recent[0].id, 10)
        .await
        .unwrap();
    assert_eq!(paged.len(), 2);
    let issues = store.issues_by_ids(&[issue]).await.unwrap();
    assert_eq!((issues[0].article_count, issues[0].negative_count), (3, 2));
    let a = store.article_by_id(ids[0].0).await.unwrap().unwrap();
    assert_eq!(a.region_codes, vec!["32.73"]);
    assert_eq!(a.issue_label.as_deref(), Some("banjir bandung"));
    let got = store
        .articles_by_ids(&[ids[2].0, 999_999, ids[0].0])
        .await
        .unwrap();
    assert_eq!(
        got.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![ids[2].0, ids[0].0]
    );

    // Region windows include ancestors: the province "32" counts its regency's articles.
    let w = store.window_counts("region", now, day, 15).await.unwrap();
    let find = |k: &str| w.iter().find(|(c, _)| c == k).map(|(_, v)| v.clone());
    assert_eq!(find("32.73").unwrap()[0], (2, 2));
    assert_eq!(find("32").unwrap()[0], (2, 2));
    assert_eq!(find("33").unwrap()[3], (1, 0));
    let wi = store.window_counts("issue", now, day, 15).await.unwrap();
    assert_eq!(wi.len(), 1);
    assert_eq!(wi[0].1[0], (2, 2));
}
both!(
    articles_regions_and_windows_both,
    articles_regions_and_windows
);

async fn searches_and_alerts(store: Arc<dyn Store>) {
    seeded(&store).await;
    let org = store.org_by_code("32.73").await.unwrap().unwrap();
    let rec = UserRecord {
        org_id: org.id,
        email: "a@bandung.id".into(),
        name: "A".into(),
        nip: None,
        phone: None,
        position: None,
        role: Role::Officer,
    };
    let user = store
        .insert_user(&rec, "hash", now_millis(), &audit("user.create"))
        .await
        .unwrap();
    let now = now_millis();
    let s = store
        .insert_saved_search(
            org.id,
            user.id,
            "Banjir",
            "banjir AND region:32.73",
            true,
            now,
        )
        .await
        .unwrap();
    assert!(s.notify);
    let ids = store
        .insert_articles(&[article(
            "https://y.test/1",
            &["32.73"],
            ArticleTone::Neutral,
            now,
            None,
            None,
        )])
        .await
        .unwrap();
    assert_eq!(
        store.record_matches(s.id, &[ids[0].0], now).await.unwrap(),
        vec![ids[0].0]
    );
    assert!(
        store
            .record_matches(s.id, &[ids[0].0], now)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .orgs_with_users()
            .await
            .unwrap()
            .iter()
            .map(|o| o.code.clone())
            .collect::<Vec<_>>(),
        vec!["32.73"]
    );

    let alert = NewAlert {
        org_id: org.id,
        kind: "region".into(),
        subject: "region:32.73".into(),
        subject_label: "Kota Bandung".into(),
        window_count: 20,
        baseline_mean: 3.0,
        baseline_sd: 1.0,
        negative_count: 15,
        message: "Lonjakan".into(),
        created_at: now,
        dedupe_key: "region:32.73:1".into(),
    };
    let a = store.insert_alert(&alert).await.unwrap().unwrap();
    assert!(
        store.insert_alert(&alert).await.unwrap().is_none(),
        "one alert per subject per day"
    );
    store.set_alert_notified(a.id, "2 pengguna").await.unwrap();
    let mine = store
        .list_alerts(&[org.id], false, PageReq::default())
        .await
        .unwrap();
    assert_eq!(mine.items[0].notified, "2 pengguna");
    let other = store.org_by_code("32.01").await.unwrap().unwrap();
    assert_eq!(
        store
            .list_alerts(&[other.id], false, PageReq::default())
            .await
            .unwrap()
            .total,
        0
    );
    assert!(store.delete_saved_search(s.id).await.unwrap());
    assert!(store.saved_searches_of(user.id).await.unwrap().is_empty());
}
both!(searches_and_alerts_both, searches_and_alerts);
