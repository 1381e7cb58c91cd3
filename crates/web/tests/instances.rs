//! Two app instances on one PostgreSQL database: a session started on one is honoured by the
//! other, and changes made through one are seen by the other at once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use std::sync::Arc;

use common::{Backend, TestServer, pg_url};
use sinergi_core::{Core, CoreConfig};

#[tokio::test]
async fn two_instances_share_sessions_and_data() {
    if pg_url().is_none() {
        eprintln!("SINERGI_TEST_DATABASE_URL not set: PostgreSQL part skipped");
        return;
    }
    let url = common::fresh_pg_database().await;
    let open = || async {
        let store = sinergi_store::open(Some(&url), &sinergi_store::testing::temp_dir())
            .await
            .unwrap();
        let core = Arc::new(Core::new(store, CoreConfig::default()));
        core.bootstrap().await.unwrap();
        core
    };
    let (ca, cb) = (open().await, open().await);
    let a = TestServer::serve(ca, Backend::Postgres, sinergi_store::testing::temp_dir()).await;
    let b = TestServer::serve(cb, Backend::Postgres, sinergi_store::testing::temp_dir()).await;
    a.user("32", "admin", "dedi@jabar.go.id").await;

    // Sign in on A; the same cookie works on B (sessions live in the shared database).
    let browser = a.login("dedi@jabar.go.id").await;
    let client = browser.client.clone();
    let r = client.get(b.url("/pengguna")).send().await.unwrap();
    assert_eq!(r.status(), 200, "instance B honours the session from A");

    // A user created through B is listed by A.
    let token = b.token("dedi@jabar.go.id").await;
    let r = reqwest::Client::new()
        .post(b.url("/api/v1/users"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"org_code": "32.73", "email": "agus@bandung.go.id", "name": "Agus", "role": "officer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let html = client
        .get(a.url("/pengguna"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("agus@bandung.go.id"));

    // Logging out on B ends the session on A too.
    let page = client
        .get(b.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = common::csrf_in(&page);
    let r = client
        .post(b.url("/keluar"))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(client.get(a.url("/")).send().await.unwrap().status(), 303);
}

/// Pantau Media on two instances: only A runs the pipeline; B's own search index follows the
/// shared database, so an officer searching on B finds every article A stored, within seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn second_instance_search_index_follows_the_database() {
    if pg_url().is_none() {
        eprintln!("SINERGI_TEST_DATABASE_URL not set: PostgreSQL part skipped");
        return;
    }
    let url = common::fresh_pg_database().await;
    let (_stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let open = || async {
        let dir = sinergi_store::testing::temp_dir();
        let store = sinergi_store::open(Some(&url), &dir).await.unwrap();
        let searcher = Arc::new(sinergi_monitor::Searcher::open(&dir.join("indeks")).unwrap());
        let core = Arc::new(Core::new(store, CoreConfig::default()).with_index(searcher.clone()));
        core.bootstrap().await.unwrap();
        tokio::spawn(sinergi_monitor::search_adapter::commit_loop(
            searcher.clone(),
            stop_rx.clone(),
        ));
        tokio::spawn(sinergi_monitor::search_adapter::follow_loop(
            searcher.clone(),
            core.store().clone(),
            stop_rx.clone(),
        ));
        (core, searcher, dir)
    };
    let (ca, sa, _) = open().await;
    let (cb, sb, dir_b) = open().await;
    let pipeline = sinergi_monitor::Pipeline::new(ca.clone(), sa.clone());
    let now = sinergi_core::time::now_millis();
    let corpus = sinergi_newsgen::Corpus::generate(&sinergi_newsgen::GenConfig {
        seed: 5,
        articles: 120,
        start_ms: now - 86_400_000,
        days: 1,
        ..Default::default()
    });
    let pages: Vec<sinergi_monitor::pipeline::RawPage> = corpus
        .articles()
        .iter()
        .map(|a| common::raw_page(a, now))
        .collect();
    let mut stored = 0;
    for chunk in pages.chunks(40) {
        stored += pipeline.ingest(chunk.to_vec(), None).await.unwrap().new;
    }
    assert!(stored > 100, "{stored} articles stored by A");

    let b = TestServer::serve(cb, Backend::Postgres, dir_b).await;
    b.user("pusat", "officer", "pranata@pusat.go.id").await;
    let browser = b.login("pranata@pusat.go.id").await;
    let started = std::time::Instant::now();
    let mut total = 0;
    while started.elapsed() < std::time::Duration::from_secs(30) {
        let (status, html) = browser.text("/pantau/cari?urut=terbaru").await;
        assert_eq!(status, 200);
        if let Some(n) = common::result_count(&html) {
            total = n;
            if total == stored {
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    assert_eq!(total, stored, "B's search shows every article A stored");
    eprintln!(
        "instance B searchable after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // A's own index holds each article once (catching up never duplicates its own).
    let s = sa.clone();
    tokio::task::spawn_blocking(move || s.commit_if_dirty())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sa.index().num_docs(), stored as u64);
    assert_eq!(sb.index().num_docs(), stored as u64);
}
