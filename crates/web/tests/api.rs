//! The JSON API: bearer tokens, stable error codes, bad input, OpenAPI, health and metrics.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use common::{Backend, TestServer};
use serde_json::{Value, json};

async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let r = req.send().await.unwrap();
    let st = r.status().as_u16();
    (st, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn bearer_tokens_authenticate_and_can_be_revoked() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("pusat", "admin", "rina@pusat.go.id").await;
    let c = reqwest::Client::new();
    let (st, v) = send(c.get(s.url("/api/v1/me"))).await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (401, Some("unauthenticated"))
    );
    let (st, _) = send(c.get(s.url("/api/v1/me")).bearer_auth("snrg_palsu")).await;
    assert_eq!(st, 401);
    let token = s.token("rina@pusat.go.id").await;
    assert!(token.starts_with("snrg_"));
    let (st, v) = send(c.get(s.url("/api/v1/me")).bearer_auth(&token)).await;
    assert_eq!(
        (st, v["email"].as_str(), v["role"].as_str()),
        (200, Some("rina@pusat.go.id"), Some("admin"))
    );
    // Stored hashed: the secret itself is nowhere in the database.
    let system = s.core.system_actor("test").await.unwrap();
    let tokens = s
        .core
        .list_tokens(&system, "rina@pusat.go.id")
        .await
        .unwrap();
    s.core
        .revoke_token(&system, "rina@pusat.go.id", tokens[0].id)
        .await
        .unwrap();
    let (st, _) = send(c.get(s.url("/api/v1/me")).bearer_auth(&token)).await;
    assert_eq!(st, 401, "revoked");
    // A deactivated user's token stops working too.
    let t2 = s.token("rina@pusat.go.id").await;
    let id = s.user("32", "officer", "siti@jabar.go.id").await;
    let t3 = s.token("siti@jabar.go.id").await;
    let (st, _) = send(
        c.post(s.url(&format!("/api/v1/users/{id}/deactivate")))
            .bearer_auth(&t2),
    )
    .await;
    assert_eq!(st, 200);
    assert_eq!(
        send(c.get(s.url("/api/v1/me")).bearer_auth(&t3)).await.0,
        401
    );
}

#[tokio::test]
async fn api_creates_and_patches_users_with_field_errors() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("32", "admin", "dedi@jabar.go.id").await;
    let t = s.token("dedi@jabar.go.id").await;
    let c = reqwest::Client::new();
    let post = |body: Value| c.post(s.url("/api/v1/users")).bearer_auth(&t).json(&body);

    let (st, v) = send(post(json!({"org_code": "32.73", "email": "agus@bandung.go.id", "name": "Agus", "role": "officer", "nip": "198808082014031006"}))).await;
    assert_eq!(st, 201, "{v}");
    assert_eq!(v["user"]["org_code"], "32.73");
    assert_eq!(v["initial_password"].as_str().map(str::len), Some(19));
    let id = v["user"]["id"].as_i64().unwrap();

    // Bad input: stable codes per field, nothing written.
    let cases = [
        (
            json!({"org_code": "32", "email": "x", "name": "", "role": "raja"}),
            vec!["name", "email", "role"],
        ),
        (
            json!({"org_code": "77.77", "email": "a@b.go.id", "name": "A", "role": "officer"}),
            vec!["org_code"],
        ),
        (
            json!({"org_code": "32", "email": "a@b.go.id", "name": "A".repeat(500), "role": "officer"}),
            vec!["name"],
        ),
        (
            json!({"org_code": "32", "email": "a@b.go.id", "name": "A", "role": "officer", "nip": "1234"}),
            vec!["nip"],
        ),
        (
            json!({"org_code": "32", "email": "a@b.go.id", "name": "A", "role": "officer", "password": "pendek"}),
            vec!["password"],
        ),
        (
            json!({"org_code": "32", "email": "agus@bandung.go.id", "name": "A", "role": "officer"}),
            vec!["email"],
        ),
        (
            json!({"org_code": "32", "email": "b@b.go.id", "name": "A", "role": "officer", "nip": "198808082014031006"}),
            vec!["nip"],
        ),
    ];
    for (body, fields) in cases {
        let (st, v) = send(post(body.clone())).await;
        assert_eq!(st, 422, "{body} -> {v}");
        assert_eq!(v["error"]["code"], "validation_failed");
        let got: Vec<&str> = v["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(got, fields, "{body}");
        assert!(v["error"]["fields"][0]["message"].as_str().unwrap().len() > 5);
    }
    // Wrong types, unknown fields, malformed JSON, wrong content type.
    let (st, v) = send(post(
        json!({"org_code": 32, "email": "a@b.go.id", "name": "A", "role": "officer"}),
    ))
    .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (422, Some("invalid_body"))
    );
    let (st, _) = send(post(json!({"org_code": "32", "email": "a@b.go.id", "name": "A", "role": "officer", "is_superuser": true}))).await;
    assert_eq!(st, 422);
    let (st, v) = send(
        c.post(s.url("/api/v1/users"))
            .bearer_auth(&t)
            .header("content-type", "application/json")
            .body("{\"name\": "),
    )
    .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (400, Some("malformed_json"))
    );
    let (st, _) = send(
        c.post(s.url("/api/v1/users"))
            .bearer_auth(&t)
            .body("name=A"),
    )
    .await;
    assert_eq!(st, 415);
    let huge = "x".repeat(2 * 1024 * 1024);
    let (st, _v) = send(
        c.post(s.url("/api/v1/users"))
            .bearer_auth(&t)
            .header("content-type", "application/json")
            .body(huge),
    )
    .await;
    assert_eq!(st, 413);
    assert_eq!(
        s.core
            .store()
            .count_users(&sinergi_core::network::Scope::All)
            .await
            .unwrap(),
        2,
        "nothing written"
    );

    // PATCH keeps absent fields, clears null ones, validates.
    let patch = |body: Value| {
        c.patch(s.url(&format!("/api/v1/users/{id}")))
            .bearer_auth(&t)
            .json(&body)
    };
    let (st, v) = send(patch(
        json!({"position": "Pranata Humas Ahli Muda", "role": "head"}),
    ))
    .await;
    assert_eq!(st, 200);
    assert_eq!(
        (v["role"].as_str(), v["nip"].as_str()),
        (Some("head"), Some("198808082014031006"))
    );
    let (st, v) = send(patch(json!({"nip": null}))).await;
    assert_eq!(
        (st, v["nip"].is_null(), v["position"].as_str()),
        (200, true, Some("Pranata Humas Ahli Muda"))
    );
    let (st, v) = send(patch(json!({"email": "rusak"}))).await;
    assert_eq!(
        (st, v["error"]["fields"][0]["field"].as_str()),
        (422, Some("email"))
    );
    // Unknown ids and non-numeric ids are 404.
    for path in [
        "/api/v1/users/999999",
        "/api/v1/users/abc",
        "/api/v1/users/-1",
        "/api/v1/tidak-ada",
    ] {
        assert_eq!(
            send(c.get(s.url(path)).bearer_auth(&t)).await.0,
            404,
            "{path}"
        );
    }
    // Bad query parameters.
    let (st, v) = send(c.get(s.url("/api/v1/users?page=abc")).bearer_auth(&t)).await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (400, Some("invalid_query"))
    );
    let (st, _) = send(c.get(s.url("/api/v1/users?role=raja")).bearer_auth(&t)).await;
    assert_eq!(st, 422);
    let (st, _) = send(c.get(s.url("/api/v1/audit?from=kemarin")).bearer_auth(&t)).await;
    assert_eq!(st, 422);
    let (st, v) = send(
        c.get(s.url("/api/v1/audit?action=user.update"))
            .bearer_auth(&t),
    )
    .await;
    assert_eq!((st, v["total"].as_i64()), (200, Some(2)));
    assert_eq!(v["items"][0]["before"]["nip"], "198808082014031006");
    assert!(v["items"][0]["after"]["nip"].is_null());
    let (st, v) = send(
        c.get(s.url("/api/v1/orgs?level=province&per_page=5&page=2"))
            .bearer_auth(&t),
    )
    .await;
    assert_eq!(
        (
            st,
            v["total"].as_i64(),
            v["items"].as_array().unwrap().len()
        ),
        (200, Some(38), 5)
    );
}

#[tokio::test]
async fn openapi_health_and_metrics() {
    let s = TestServer::start(Backend::Sqlite).await;
    let c = reqwest::Client::new();
    let (st, v) = send(c.get(s.url("/api/v1/openapi.json"))).await;
    assert_eq!(st, 200);
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/v1/users",
        "/api/v1/users/{id}",
        "/api/v1/orgs",
        "/api/v1/audit",
        "/api/v1/jobs",
        "/api/v1/me",
    ] {
        assert!(v["paths"][p].is_object(), "{p} documented");
    }
    assert!(v["components"]["securitySchemes"]["bearer"].is_object());
    let r = c.get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // Produce some traffic, then read the counters.
    c.get(s.url("/masuk")).send().await.unwrap();
    c.get(s.url("/api/v1/users/5")).send().await.unwrap();
    s.core
        .store()
        .enqueue_job(&sinergi_core::jobs::NewJob::now("uji", json!({})))
        .await
        .unwrap();
    let text = c
        .get(s.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains(
            "sinergi_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("route=\"/api/v1/users/{id}\",status=\"401\""),
        "labelled by route template"
    );
    assert!(
        text.contains(
            "sinergi_http_request_duration_seconds_bucket{route=\"/masuk\",le=\"+Inf\"} 1"
        )
    );
    assert!(text.contains("sinergi_jobs{status=\"queued\"} 1"));
    assert!(text.contains("sinergi_store_up 1"));
}

#[tokio::test]
async fn job_queue_admin_page_and_requeue() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("pusat", "admin", "rina@pusat.go.id").await;
    let store = s.core.store();
    let id = store
        .enqueue_job(&sinergi_core::jobs::NewJob {
            max_attempts: 1,
            ..sinergi_core::jobs::NewJob::now("laporan.harian", json!({}))
        })
        .await
        .unwrap()
        .unwrap();
    let now = sinergi_core::time::now_millis();
    store
        .claim_job("w", &[], now + 1, now + 100)
        .await
        .unwrap()
        .unwrap();
    store
        .fail_job(id, "w", "SMTP tidak menjawab", None, now + 2)
        .await
        .unwrap();
    let b = s.login("rina@pusat.go.id").await;
    let (st, html) = b.text("/admin/pekerjaan?status=dead").await;
    assert_eq!(st, 200);
    assert!(
        html.contains("laporan.harian")
            && html.contains("SMTP tidak menjawab")
            && html.contains("Gagal (1)")
    );
    let r = b
        .post_from(
            "/admin/pekerjaan?status=dead",
            &format!("/admin/pekerjaan/{id}/ulang"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        store.job_by_id(id).await.unwrap().unwrap().status,
        sinergi_core::jobs::JobStatus::Queued
    );
    // Requeueing a job that is not dead is a clear conflict.
    let r = b
        .post_from(
            "/admin/pekerjaan",
            &format!("/admin/pekerjaan/{id}/ulang"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 409);
    let t = s.token("rina@pusat.go.id").await;
    let (st, v) = send(
        reqwest::Client::new()
            .get(s.url("/api/v1/jobs?status=queued"))
            .bearer_auth(&t),
    )
    .await;
    assert_eq!(
        (st, v["items"][0]["kind"].as_str()),
        (200, Some("laporan.harian"))
    );
    let (st, _) = send(
        reqwest::Client::new()
            .get(s.url("/api/v1/jobs?status=hilang"))
            .bearer_auth(&t),
    )
    .await;
    assert_eq!(st, 422);
}
