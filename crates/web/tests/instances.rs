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
