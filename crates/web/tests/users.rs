//! User administration through the web UI: create, edit, deactivate, reactivate, reset
//! password; every form refuses bad input with field messages and changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use common::{Backend, Browser, TestServer};

const NIP_OK: &str = "199001152015032003";

#[tokio::test]
async fn admin_manages_users_end_to_end() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("32", "admin", "dedi@jabarprov.go.id").await;
    let b = s.login("dedi@jabarprov.go.id").await;

    let (st, html) = b.text("/pengguna/baru").await;
    assert_eq!(st, 200);
    assert!(html.contains("Tambah pengguna"));
    let r = b
        .post_from(
            "/pengguna/baru",
            "/pengguna",
            &[
                ("name", "Agus Pratama"),
                ("email", "Agus@BandungKota.go.id"),
                ("org_code", "32.73"),
                ("role", "officer"),
                ("nip", "19900115 201503 2 003"),
                ("phone", "0812-3456-7890"),
                ("position", "Pranata Humas Ahli Muda"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Kata sandi awal"),
        "shows the generated password once"
    );
    let start = html.find("<code>").unwrap() + 6;
    let initial = &html[start..start + html[start..].find("</code>").unwrap()];
    assert_eq!(initial.len(), 19);
    let user = s
        .core
        .store()
        .user_by_email("agus@bandungkota.go.id")
        .await
        .unwrap()
        .unwrap()
        .0;
    assert_eq!(user.nip.as_deref(), Some(NIP_OK));
    assert_eq!(user.phone.as_deref(), Some("+6281234567890"));
    // The new user can sign in with the password shown.
    assert_eq!(
        Browser::new(&s)
            .login("agus@bandungkota.go.id", initial)
            .await
            .status(),
        303
    );

    // Edit.
    let id = user.id;
    let (st, html) = b.text(&format!("/pengguna/{id}/ubah")).await;
    assert_eq!(st, 200);
    assert!(html.contains("value=\"Agus Pratama\""));
    let r = b
        .post_from(
            &format!("/pengguna/{id}/ubah"),
            &format!("/pengguna/{id}"),
            &[
                ("name", "Agus Pratama, S.I.Kom."),
                ("email", "agus@bandungkota.go.id"),
                ("org_code", "32.73"),
                ("role", "head"),
                ("nip", NIP_OK),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = b.text(&format!("/pengguna/{id}?pesan=disimpan")).await;
    assert!(html.contains("Agus Pratama, S.I.Kom.") && html.contains("Pimpinan / Juru Bicara"));
    assert!(html.contains("Perubahan disimpan"));

    // Deactivate ends the user's sessions and blocks login; reactivate restores it.
    let agus = Browser::new(&s);
    assert_eq!(
        agus.login("agus@bandungkota.go.id", initial).await.status(),
        303
    );
    let r = b
        .post_from(
            &format!("/pengguna/{id}"),
            &format!("/pengguna/{id}/nonaktifkan"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(agus.get("/").await.status(), 303, "session ended");
    assert_eq!(
        Browser::new(&s)
            .login("agus@bandungkota.go.id", initial)
            .await
            .status(),
        401
    );
    let (_, html) = b.text("/pengguna?status=nonaktif").await;
    assert!(html.contains("agus@bandungkota.go.id"));
    let r = b
        .post_from(
            &format!("/pengguna/{id}"),
            &format!("/pengguna/{id}/aktifkan"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        Browser::new(&s)
            .login("agus@bandungkota.go.id", initial)
            .await
            .status(),
        303
    );

    // Reset password shows a new one; the old one stops working.
    let r = b
        .post_from(
            &format!("/pengguna/{id}"),
            &format!("/pengguna/{id}/reset-sandi"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Kata sandi baru dibuat"));
    assert_eq!(
        Browser::new(&s)
            .login("agus@bandungkota.go.id", initial)
            .await
            .status(),
        401
    );

    // Every step is in the audit log with before/after.
    let (_, html) = b.text("/audit").await;
    for label in [
        "Membuat pengguna",
        "Mengubah pengguna",
        "Menonaktifkan pengguna",
        "Mengaktifkan pengguna",
        "Mengatur ulang kata sandi",
    ] {
        assert!(html.contains(label), "{label}");
    }
    assert!(html.contains("Agus Pratama, S.I.Kom."), "after value shown");
    let (_, html) = b.text("/audit?aksi=user.deactivate").await;
    assert!(html.contains("Menonaktifkan pengguna") && !html.contains("Membuat pengguna</td>"));
    let (st, html) = b.text("/audit?dari=bukan-tanggal").await;
    assert_eq!(st, 200);
    assert!(html.contains("Tanggal tidak valid"));
    // An admin cannot deactivate themselves.
    let me = s
        .core
        .store()
        .user_by_email("dedi@jabarprov.go.id")
        .await
        .unwrap()
        .unwrap()
        .0
        .id;
    let r = b
        .post_from("/", &format!("/pengguna/{me}/nonaktifkan"), &[])
        .await;
    assert_eq!(r.status(), 422);
}

#[tokio::test]
async fn user_form_rejects_bad_input_and_changes_nothing() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("pusat", "admin", "rina@pusat.go.id").await;
    s.user("32.73", "officer", "ada@bandung.go.id").await;
    let b = s.login("rina@pusat.go.id").await;
    let long = "x".repeat(121);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("name", ""),
                ("email", "a@b.go.id"),
                ("org_code", "32"),
                ("role", "officer"),
            ],
            "Nama wajib diisi",
        ),
        (
            vec![
                ("name", &long),
                ("email", "a@b.go.id"),
                ("org_code", "32"),
                ("role", "officer"),
            ],
            "paling banyak 120",
        ),
        (
            vec![
                ("name", "A"),
                ("email", "bukan-email"),
                ("org_code", "32"),
                ("role", "officer"),
            ],
            "Format email tidak valid",
        ),
        (
            vec![
                ("name", "A"),
                ("email", "ada@bandung.go.id"),
                ("org_code", "32"),
                ("role", "officer"),
            ],
            "Email sudah dipakai",
        ),
        (
            vec![
                ("name", "A"),
                ("email", "a@b.go.id"),
                ("org_code", "99.99"),
                ("role", "officer"),
            ],
            "Organisasi tidak ditemukan",
        ),
        (
            vec![
                ("name", "A"),
                ("email", "a@b.go.id"),
                ("org_code", "32"),
                ("role", "superuser"),
            ],
            "Peran tidak dikenal",
        ),
        (
            vec![
                ("name", "A"),
                ("email", "a@b.go.id"),
                ("org_code", "32"),
                ("role", "officer"),
                ("nip", "12345"),
            ],
            "NIP harus 18 digit",
        ),
        (
            vec![
                ("name", "A"),
                ("email", "a@b.go.id"),
                ("org_code", "32"),
                ("role", "officer"),
                ("nip", "199013452015032003"),
            ],
            "tanggal lahir",
        ),
        (
            vec![
                ("name", "A"),
                ("email", "a@b.go.id"),
                ("org_code", "32"),
                ("role", "officer"),
                ("phone", "abc"),
            ],
            "Nomor telepon tidak valid",
        ),
    ];
    for (fields, message) in cases {
        let r = b.post_from("/pengguna/baru", "/pengguna", &fields).await;
        assert_eq!(r.status(), 422, "{message}");
        let html = r.text().await.unwrap();
        assert!(html.contains(message), "expected «{message}»");
        assert!(html.contains("Data belum tersimpan"));
    }
    // Script in a name is stored as text and shown escaped.
    let r = b
        .post_from(
            "/pengguna/baru",
            "/pengguna",
            &[
                ("name", "<script>alert(1)</script>"),
                ("email", "xss@b.go.id"),
                ("org_code", "32"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || html.contains("&lt;script&gt;")
    );
    assert!(!html.contains("<script>alert(1)</script>"));
    // Nothing else was written: two users from setup plus the escaped one.
    assert_eq!(
        s.core
            .store()
            .count_users(&sinergi_core::network::Scope::All)
            .await
            .unwrap(),
        3
    );
    // Malformed form bodies and missing CSRF are refused.
    let r = b
        .client
        .post(format!("{}/pengguna", b.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("%%%=&&=")
        .send()
        .await
        .unwrap();
    assert!(r.status() == 400 || r.status() == 403, "{}", r.status());
    let r = b
        .post(
            "/pengguna",
            &[
                ("name", "A"),
                ("email", "c@b.go.id"),
                ("org_code", "32"),
                ("role", "officer"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn directory_lists_search_and_pages() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("32.73", "viewer", "lihat@bandung.go.id").await;
    let b = s.login("lihat@bandung.go.id").await;
    let (st, html) = b.text("/organisasi").await;
    assert_eq!(st, 200);
    assert!(
        html.contains("553 data")
            && html.contains("Pusat Penerangan")
            && html.contains("Berikutnya")
    );
    let (_, html) = b.text("/organisasi?q=bandung").await;
    assert!(
        html.contains("Kota Bandung")
            && html.contains("Kabupaten Bandung Barat")
            && !html.contains("Kota Surabaya")
    );
    // htmx asks for the table only.
    let r = b
        .client
        .get(format!("{}/organisasi?q=surabaya", b.base))
        .header("hx-request", "true")
        .send()
        .await
        .unwrap();
    let frag = r.text().await.unwrap();
    assert!(frag.contains("Kota Surabaya") && !frag.contains("<html"));
    let (_, html) = b.text("/organisasi?q=tidak-ada-kota-ini").await;
    assert!(html.contains("Tidak ada organisasi yang cocok"));
    let (_, html) = b.text("/organisasi?tingkat=province&hal=4").await;
    assert!(html.contains("halaman 1 dari 1") || html.contains("38 data"));
    let (st, _) = b.text("/organisasi?hal=abc&tingkat=xyz").await;
    assert_eq!(st, 200, "bad query values fall back to defaults");
    let (st, html) = b.text("/organisasi/32").await;
    assert_eq!(st, 200);
    assert!(html.contains("Kabupaten/kota (27)") && html.contains("Kota Bandung"));
    assert_eq!(b.get("/organisasi/99").await.status(), 404);
}
