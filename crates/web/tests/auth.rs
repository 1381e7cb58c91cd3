//! Login, logout, sessions, CSRF, rate limits and security headers against the real server.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use common::{Backend, Browser, PASSWORD, TestServer, backends};
use sinergi_core::CoreConfig;

#[tokio::test]
async fn login_logout_and_session_rotation() {
    for backend in backends() {
        let s = TestServer::start(backend).await;
        s.user("32.73", "officer", "agus@bandung.go.id").await;
        let b = Browser::new(&s);

        // Anonymous users are sent to the login page, keeping where they wanted to go.
        let r = b.get("/pengguna").await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/masuk?next=/pengguna");

        // Wrong password: clear message, no session.
        let r = b.login("agus@bandung.go.id", "salah-sekali-123").await;
        assert_eq!(r.status(), 401);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Email atau kata sandi salah")
        );

        let first = b.login("agus@bandung.go.id", PASSWORD).await;
        assert_eq!(first.status(), 303, "{backend:?}");
        let cookie1 = session_cookie(&first);
        assert!(
            cookie1.contains("HttpOnly") && cookie1.contains("SameSite=Lax"),
            "{cookie1}"
        );
        assert!(
            !cookie1.contains("Secure"),
            "Secure is off unless configured"
        );
        let (status, html) = b.text("/").await;
        assert_eq!(status, 200);
        assert!(html.contains("Selamat datang, Pengguna agus@bandung.go.id"));
        assert!(html.contains("Kota Bandung"));

        // A second login issues a different session id (no fixation).
        let second = b.login("agus@bandung.go.id", PASSWORD).await;
        assert_ne!(
            cookie_value(&cookie1),
            cookie_value(&session_cookie(&second))
        );

        // Logout needs the CSRF token.
        let r = b.post("/keluar", &[("_csrf", "palsu")]).await;
        assert_eq!(r.status(), 403);
        assert_eq!(
            b.get("/").await.status(),
            200,
            "still signed in after a forged logout"
        );
        let r = b.post_from("/", "/keluar", &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(b.get("/").await.status(), 303, "signed out");
    }
}

fn session_cookie(r: &reqwest::Response) -> String {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sinergi_sesi="))
        .expect("session cookie")
        .to_owned()
}

fn cookie_value(c: &str) -> String {
    c.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn login_form_requires_csrf_and_rejects_bad_input() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("pusat", "admin", "admin@pusat.go.id").await;
    let b = Browser::new(&s);
    // No token at all.
    let r = b
        .post(
            "/masuk",
            &[("email", "admin@pusat.go.id"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), 403);
    // Empty fields.
    let r = b
        .post_from("/masuk", "/masuk", &[("email", ""), ("password", "")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Isi email dan kata sandi"));
    // Over-long input is refused without touching the store.
    let long = "a".repeat(5000);
    let r = b
        .post_from("/masuk", "/masuk", &[("email", &long), ("password", "x")])
        .await;
    assert_eq!(r.status(), 422);
    // An open redirect in `next` is ignored.
    let r = b
        .post_from(
            "/masuk",
            "/masuk",
            &[
                ("email", "admin@pusat.go.id"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/");
}

#[tokio::test]
async fn login_is_rate_limited_per_account_and_per_address() {
    let cfg = CoreConfig {
        login_max_failures_per_account: 3,
        login_max_failures_per_ip: 6,
        ..CoreConfig::default()
    };
    let s = TestServer::start_with(Backend::Sqlite, cfg).await;
    s.user("32", "officer", "siti@jabar.go.id").await;
    s.user("35", "officer", "putri@jatim.go.id").await;
    let b = Browser::new(&s);
    for _ in 0..3 {
        assert_eq!(
            b.login("siti@jabar.go.id", "tebakan-salah-1")
                .await
                .status(),
            401
        );
    }
    // The account is locked for a while, even with the right password.
    let r = b.login("siti@jabar.go.id", PASSWORD).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Terlalu banyak percobaan masuk")
    );
    // Another account still works from the same address until the address limit.
    assert_eq!(b.login("putri@jatim.go.id", PASSWORD).await.status(), 303);
    for _ in 0..3 {
        assert_eq!(
            b.login("tidak-ada@contoh.go.id", "x-salah-123")
                .await
                .status(),
            401
        );
    }
    assert_eq!(
        b.login("putri@jatim.go.id", PASSWORD).await.status(),
        429,
        "address limit reached"
    );
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let s = TestServer::start(Backend::Sqlite).await;
    let b = Browser::new(&s);
    for path in ["/masuk", "/healthz", "/tidak-ada", "/static/app.css"] {
        let r = b.get(path).await;
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(h["x-content-type-options"], "nosniff");
    }
    // No inline scripts in pages: every script has a src.
    let (_, html) = b.text("/masuk").await;
    assert!(!html.contains("<script>"));
}

#[tokio::test]
async fn change_own_password() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("32.01", "head", "lestari@bogor.go.id").await;
    let b = s.login("lestari@bogor.go.id").await;
    // Wrong current password and mismatched confirmation are both reported, nothing changes.
    let r = b
        .post_from(
            "/akun/sandi",
            "/akun/sandi",
            &[
                ("current_password", "bukan-ini-123"),
                ("new_password", "sandi-baru-yang-panjang"),
                ("confirm_password", "lain"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Kata sandi saat ini salah"));
    assert!(html.contains("Konfirmasi kata sandi tidak sama"));
    let r = b
        .post_from(
            "/akun/sandi",
            "/akun/sandi",
            &[
                ("current_password", PASSWORD),
                ("new_password", "pendek"),
                ("confirm_password", "pendek"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("minimal 10 karakter"));
    assert_eq!(
        Browser::new(&s)
            .login("lestari@bogor.go.id", PASSWORD)
            .await
            .status(),
        303,
        "old password still valid"
    );

    let r = b
        .post_from(
            "/akun/sandi",
            "/akun/sandi",
            &[
                ("current_password", PASSWORD),
                ("new_password", "sandi-baru-yang-panjang"),
                ("confirm_password", "sandi-baru-yang-panjang"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("berhasil diubah"));
    assert_eq!(
        Browser::new(&s)
            .login("lestari@bogor.go.id", PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        Browser::new(&s)
            .login("lestari@bogor.go.id", "sandi-baru-yang-panjang")
            .await
            .status(),
        303
    );
    // Without CSRF nothing happens.
    let r = b
        .post(
            "/akun/sandi",
            &[
                ("current_password", "sandi-baru-yang-panjang"),
                ("new_password", "x".repeat(12).as_str()),
                ("confirm_password", "x".repeat(12).as_str()),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn email_notification_preference() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("32", "officer", "siti@jabar.go.id").await;
    let b = s.login("siti@jabar.go.id").await;
    let (_, html) = b.text("/akun/sandi").await;
    assert!(
        html.contains("name=\"notify_email\" value=\"1\" checked"),
        "on by default"
    );
    // Unticked checkbox: the field is absent.
    let r = b.post_from("/akun/sandi", "/akun/notifikasi", &[]).await;
    let st = r.status();
    assert_eq!(st, 303, "{}", r.text().await.unwrap());
    let (_, html) = b.text("/akun/sandi?pesan=notifikasi").await;
    assert!(html.contains("Pilihan notifikasi disimpan") && !html.contains("value=\"1\" checked"));
    let actor = s.core.actor_by_email("siti@jabar.go.id").await.unwrap();
    assert!(!s.core.email_preference(&actor).await.unwrap());
    assert_eq!(
        b.post("/akun/notifikasi", &[("notify_email", "1")])
            .await
            .status(),
        403,
        "CSRF"
    );
    assert!(!s.core.email_preference(&actor).await.unwrap());
}
