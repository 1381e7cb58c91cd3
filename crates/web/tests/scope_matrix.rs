//! The organisation-scope matrix, through the web UI and the API, on every backend: a
//! regency's user cannot list, fetch or change another regency's records (404, not 403).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use common::{TestServer, backends};
use serde_json::Value;

struct Fixture {
    s: TestServer,
    bandung_user: i64,
    bogor_user: i64,
    jabar_user: i64,
    surabaya_user: i64,
}

async fn fixture(backend: common::Backend) -> Fixture {
    let s = TestServer::start(backend).await;
    s.user("pusat", "admin", "admin@pusat.go.id").await;
    let jabar_user = s.user("32", "admin", "admin@jabarprov.go.id").await;
    let bandung_user = s.user("32.73", "admin", "admin@bandung.go.id").await;
    let bogor_user = s.user("32.01", "officer", "officer@bogor.go.id").await;
    s.user("35", "admin", "admin@jatimprov.go.id").await;
    let surabaya_user = s.user("35.78", "officer", "officer@surabaya.go.id").await;
    Fixture {
        s,
        bandung_user,
        bogor_user,
        jabar_user,
        surabaya_user,
    }
}

async fn api_get(s: &TestServer, token: &str, path: &str) -> (u16, Value) {
    let r = reqwest::Client::new()
        .get(s.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let st = r.status().as_u16();
    (st, r.json().await.unwrap_or(Value::Null))
}

fn emails(v: &Value) -> Vec<String> {
    let mut e: Vec<String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_owned())
        .collect();
    e.sort();
    e
}

#[tokio::test]
async fn api_scope_matrix() {
    for backend in backends() {
        let f = fixture(backend).await;
        let s = &f.s;
        let bandung = s.token("admin@bandung.go.id").await;
        let jabar = s.token("admin@jabarprov.go.id").await;
        let pusat = s.token("admin@pusat.go.id").await;

        // Lists are scoped.
        let (st, v) = api_get(s, &bandung, "/api/v1/users").await;
        assert_eq!(st, 200);
        assert_eq!(emails(&v), vec!["admin@bandung.go.id"], "{backend:?}");
        let (_, v) = api_get(s, &jabar, "/api/v1/users").await;
        assert_eq!(
            emails(&v),
            vec![
                "admin@bandung.go.id",
                "admin@jabarprov.go.id",
                "officer@bogor.go.id"
            ]
        );
        let (_, v) = api_get(s, &pusat, "/api/v1/users").await;
        assert_eq!(v["total"], 6);
        // Filtering by another regency's code does not widen the scope.
        let (_, v) = api_get(s, &bandung, "/api/v1/users?org=32.01").await;
        assert_eq!(v["total"], 0);

        // Fetch: another regency's user is "not found", as is a missing id.
        assert_eq!(
            api_get(s, &bandung, &format!("/api/v1/users/{}", f.bogor_user))
                .await
                .0,
            404
        );
        assert_eq!(
            api_get(s, &bandung, &format!("/api/v1/users/{}", f.jabar_user))
                .await
                .0,
            404,
            "not even its province"
        );
        assert_eq!(api_get(s, &bandung, "/api/v1/users/999999").await.0, 404);
        assert_eq!(
            api_get(s, &bandung, &format!("/api/v1/users/{}", f.bandung_user))
                .await
                .0,
            200
        );
        assert_eq!(
            api_get(s, &jabar, &format!("/api/v1/users/{}", f.bogor_user))
                .await
                .0,
            200
        );
        assert_eq!(
            api_get(s, &jabar, &format!("/api/v1/users/{}", f.surabaya_user))
                .await
                .0,
            404
        );
        assert_eq!(
            api_get(s, &pusat, &format!("/api/v1/users/{}", f.surabaya_user))
                .await
                .0,
            200
        );

        // Change: patch, deactivate and activate another regency's user are all 404 and change nothing.
        let c = reqwest::Client::new();
        let r = c
            .patch(s.url(&format!("/api/v1/users/{}", f.bogor_user)))
            .bearer_auth(&bandung)
            .json(&serde_json::json!({"name": "Diambil alih"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let r = c
            .post(s.url(&format!("/api/v1/users/{}/deactivate", f.bogor_user)))
            .bearer_auth(&bandung)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let (_, v) = api_get(s, &jabar, &format!("/api/v1/users/{}", f.bogor_user)).await;
        assert_eq!(
            (v["name"].as_str(), v["active"].as_bool()),
            (Some("Pengguna officer@bogor.go.id"), Some(true))
        );
        // Creating a user in another regency is refused as an unknown organisation.
        let r = c
            .post(s.url("/api/v1/users"))
            .bearer_auth(&bandung)
            .json(&serde_json::json!({"org_code": "32.01", "email": "baru@bogor.go.id", "name": "Baru", "role": "officer"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"]["fields"][0]["field"], "org_code");

        // Org pages: directory is shared, members only within scope.
        let (st, v) = api_get(s, &bandung, "/api/v1/orgs/32.01").await;
        assert_eq!(st, 200);
        assert!(
            v["members"].is_null(),
            "members of another regency stay private"
        );
        let (_, v) = api_get(s, &jabar, "/api/v1/orgs/32.01").await;
        assert_eq!(v["members"].as_array().unwrap().len(), 1);

        // The audit log is scoped too.
        let (_, v) = api_get(s, &bandung, "/api/v1/audit").await;
        assert!(
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["org_code"] == "32.73"),
            "{v}"
        );
        let actions: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            vec!["token.create", "user.create"],
            "own user and own token only"
        );
    }
}

#[tokio::test]
async fn web_scope_matrix() {
    for backend in backends() {
        let f = fixture(backend).await;
        let s = &f.s;
        let b = s.login("admin@bandung.go.id").await;

        let (st, html) = b.text("/pengguna").await;
        assert_eq!(st, 200);
        assert!(html.contains("admin@bandung.go.id"));
        assert!(!html.contains("officer@bogor.go.id") && !html.contains("admin@jabarprov.go.id"));
        let (_, html) = b.text("/pengguna?org=32.01").await;
        assert!(!html.contains("officer@bogor.go.id"));

        for path in [
            format!("/pengguna/{}", f.bogor_user),
            format!("/pengguna/{}/ubah", f.bogor_user),
            format!("/pengguna/{}", f.jabar_user),
            "/pengguna/999999".to_owned(),
            "/pengguna/bukan-angka".to_owned(),
        ] {
            assert_eq!(b.get(&path).await.status(), 404, "{path} on {backend:?}");
        }
        // Posting changes to another regency's user: 404 and nothing changes.
        for path in [
            format!("/pengguna/{}", f.bogor_user),
            format!("/pengguna/{}/nonaktifkan", f.bogor_user),
            format!("/pengguna/{}/reset-sandi", f.bogor_user),
        ] {
            let r = b
                .post_from(
                    "/",
                    &path,
                    &[
                        ("org_code", "32.73"),
                        ("email", "x@y.go.id"),
                        ("name", "X"),
                        ("role", "officer"),
                    ],
                )
                .await;
            assert_eq!(r.status(), 404, "{path}");
        }
        let bogor = s
            .core
            .store()
            .user_by_id(f.bogor_user)
            .await
            .unwrap()
            .unwrap();
        assert!(bogor.active);
        assert_eq!(bogor.email, "officer@bogor.go.id");
        // The other regency's org page shows no members.
        let (st, html) = b.text("/organisasi/32.01").await;
        assert_eq!(st, 200);
        assert!(html.contains("Kabupaten Bogor") && !html.contains("officer@bogor.go.id"));
        // Audit page shows only own records.
        let (_, html) = b.text("/audit").await;
        assert!(!html.contains("officer@bogor.go.id"));
    }
}

#[tokio::test]
async fn roles_without_rights_are_refused() {
    let f = fixture(common::Backend::Sqlite).await;
    let s = &f.s;
    // An officer sees users in scope but cannot manage them, nor read the audit log.
    let b = s.login("officer@bogor.go.id").await;
    assert_eq!(b.get("/pengguna").await.status(), 200);
    assert_eq!(b.get("/pengguna/baru").await.status(), 403);
    assert_eq!(b.get("/audit").await.status(), 403);
    assert_eq!(b.get("/admin/pekerjaan").await.status(), 403);
    let r = b
        .post_from(
            "/",
            "/pengguna",
            &[
                ("org_code", "32.01"),
                ("email", "baru@bogor.go.id"),
                ("name", "Baru"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(
        s.core
            .store()
            .user_by_email("baru@bogor.go.id")
            .await
            .unwrap()
            .is_none()
    );
    let token = s.token("officer@bogor.go.id").await;
    let r = reqwest::Client::new()
        .post(s.url(&format!("/api/v1/users/{}/deactivate", f.bogor_user)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // A province admin cannot see the job queue (centre only).
    let b = s.login("admin@jabarprov.go.id").await;
    assert_eq!(b.get("/admin/pekerjaan").await.status(), 403);
    assert_eq!(b.get("/audit").await.status(), 200);
}
