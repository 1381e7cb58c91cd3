//! Rilis & Portal through the real server: the release workflow with approval, versions and
//! conflicts, the public portal (cache, feeds, meta), "Baca Juga", comments with moderation
//! and filtering, uploads, scheduling, and bad input everywhere.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use common::{Browser, TestServer, backends};

const BODY: &str = "<p>Pemerintah Kota Semarang membuka posko banjir rob di tiga kecamatan pesisir.</p>\
<p>Petugas membagikan makanan, air bersih dan obat-obatan kepada warga terdampak.</p>\
<p>Warga diminta waspada karena pasang laut diperkirakan masih tinggi sepekan ke depan.</p>";

async fn create(b: &Browser, title: &str, body: &str, tags: &str) -> i64 {
    let r = b
        .post_from(
            "/rilis/baru",
            "/rilis",
            &[
                ("kind", "rilis"),
                ("title", title),
                ("lead", "Ringkasan singkat rilis ini untuk pembaca."),
                ("body", body),
                ("category", "bencana"),
                ("tags", tags),
                ("region_code", "33.74"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let loc = r.headers()["location"].to_str().unwrap().to_owned();
    loc.trim_start_matches("/rilis/").parse().unwrap()
}

async fn version(b: &Browser, id: i64) -> String {
    let (_, html) = b.text(&format!("/rilis/{id}")).await;
    let marker = "data-version=\"";
    let i = html.find(marker).expect("version on the page") + marker.len();
    html[i..i + html[i..].find('"').unwrap()].to_owned()
}

async fn step(b: &Browser, id: i64, action: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let v = version(b, id).await;
    let mut f = vec![("version", v.as_str()), ("action", action)];
    f.extend_from_slice(extra);
    b.post_from(&format!("/rilis/{id}"), &format!("/rilis/{id}/langkah"), &f)
        .await
}

/// Writes, approves and publishes a release; returns its id and portal path.
async fn published(
    s: &TestServer,
    w: &Browser,
    h: &Browser,
    title: &str,
    body: &str,
    tags: &str,
) -> (i64, String) {
    let id = create(w, title, body, tags).await;
    assert_eq!(step(w, id, "ajukan", &[]).await.status(), 303);
    assert_eq!(step(h, id, "setujui", &[]).await.status(), 303);
    assert_eq!(step(w, id, "terbitkan", &[]).await.status(), 303);
    let item = s.core.store().item_by_id(id).await.unwrap().unwrap();
    (id, item.portal_path())
}

#[tokio::test]
async fn release_workflow_from_draft_to_portal_and_correction() {
    for backend in backends() {
        let s = TestServer::start(backend).await;
        s.user("33.74", "officer", "wahyu@semarang.go.id").await;
        s.user("33.74", "officer", "dina@semarang.go.id").await;
        s.user("33.74", "head", "kepala@semarang.go.id").await;
        s.user("33.01", "officer", "lain@cilacap.go.id").await;
        let w = s.login("wahyu@semarang.go.id").await;
        let w2 = s.login("dina@semarang.go.id").await;
        let h = s.login("kepala@semarang.go.id").await;
        let other = s.login("lain@cilacap.go.id").await;
        let anon = Browser::new(&s);

        let id = create(
            &w,
            "Posko Banjir Rob Dibuka di Tiga Kecamatan",
            BODY,
            "banjir, rob",
        )
        .await;
        // A draft is not public and not visible to another regency.
        assert_eq!(other.get(&format!("/rilis/{id}")).await.status(), 404);
        let path = s
            .core
            .store()
            .item_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .portal_path();
        assert_eq!(anon.get(&path).await.status(), 404);

        // Publishing straight from draft is refused and changes nothing.
        let r = step(&w, id, "terbitkan", &[]).await;
        assert_eq!(r.status(), 409);
        assert!(r.text().await.unwrap().contains("tidak berlaku"));
        assert_eq!(step(&w, id, "ajukan", &[]).await.status(), 303);
        // An officer cannot approve; the head can. Returning needs a note.
        assert_eq!(step(&w, id, "setujui", &[]).await.status(), 403);
        let r = step(&h, id, "kembalikan", &[("note", "")]).await;
        assert_eq!(r.status(), 422);
        assert_eq!(step(&h, id, "setujui", &[]).await.status(), 303);
        assert_eq!(step(&w, id, "terbitkan", &[]).await.status(), 303);

        let (st, html) = anon.text(&path).await;
        assert_eq!(st, 200);
        assert!(html.contains("Posko Banjir Rob Dibuka di Tiga Kecamatan"));
        assert!(html.contains("application/ld+json") && html.contains("\"NewsArticle\""));
        assert!(html.contains("property=\"og:title\""));
        let (_, home) = anon.text("/portal/33.74").await;
        assert!(home.contains(&path));
        let (_, rss) = anon.text("/portal/33.74/rss.xml").await;
        assert!(rss.starts_with("<?xml") && rss.contains("<item><title>Posko Banjir Rob"));
        let (_, map) = anon.text("/portal/33.74/sitemap.xml").await;
        assert!(map.contains(&path));
        // A wrong slug redirects to the canonical address.
        let r = anon
            .get(&format!("/portal/33.74/berita/{id}-judul-lama"))
            .await;
        assert_eq!(r.status(), 308);
        assert_eq!(r.headers()["location"].to_str().unwrap(), path);

        // Published content is not edited directly: a correction with a note is.
        let r = w
            .post_from(
                &format!("/rilis/{id}"),
                &format!("/rilis/{id}/ubah"),
                &[("version", "1")],
            )
            .await;
        assert_eq!(r.status(), 409);
        let v = version(&h, id).await;
        let corrected = BODY.replace("tiga kecamatan", "empat kecamatan");
        let r = h
            .post_from(
                &format!("/rilis/{id}/koreksi"),
                &format!("/rilis/{id}/koreksi"),
                &[
                    ("version", &v),
                    ("note", "Jumlah kecamatan diperbaiki menjadi empat."),
                    ("kind", "rilis"),
                    ("title", "Posko Banjir Rob Dibuka di Empat Kecamatan"),
                    ("lead", "Ringkasan singkat rilis ini untuk pembaca."),
                    ("body", &corrected),
                    ("category", "bencana"),
                    ("tags", "banjir, rob"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let (_, html) = anon.text(&path).await;
        assert!(html.contains("Jumlah kecamatan diperbaiki menjadi empat."));
        assert!(
            html.contains("empat kecamatan"),
            "the cache was invalidated by the correction"
        );
        // Versions are kept and compared word by word.
        let (st, diff) = w.text(&format!("/rilis/{id}/versi?dari=1&ke=2")).await;
        assert_eq!(st, 200);
        assert!(
            diff.contains("<del>tiga</del>") || diff.contains("<del>Tiga</del>"),
            "{diff}"
        );
        assert!(diff.contains("<ins>empat</ins>") || diff.contains("<ins>Empat</ins>"));
        assert_eq!(
            w.get(&format!("/rilis/{id}/versi?dari=1&ke=99"))
                .await
                .status(),
            404
        );

        // Withdrawal takes it off the portal.
        assert_eq!(step(&w, id, "tarik", &[("note", "x")]).await.status(), 403);
        assert_eq!(
            step(&h, id, "tarik", &[("note", "Data belum final")])
                .await
                .status(),
            303
        );
        assert_eq!(anon.get(&path).await.status(), 404);
        let (_, home) = anon.text("/portal/33.74").await;
        assert!(!home.contains(&path));

        // Two officers editing the same draft: the second save gets a conflict, not an overwrite.
        let d = create(&w, "Draf bersama", BODY, "").await;
        let v = version(&w, d).await;
        let fields = |title: &'static str, v: String| {
            vec![
                ("version", v),
                ("kind", "rilis".to_owned()),
                ("title", title.to_owned()),
                ("lead", "Teras berita.".to_owned()),
                ("body", BODY.to_owned()),
                ("category", "bencana".to_owned()),
            ]
        };
        let f1 = fields("Judul dari Wahyu", v.clone());
        let f1: Vec<(&str, &str)> = f1.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = w
            .post_from(&format!("/rilis/{d}"), &format!("/rilis/{d}/ubah"), &f1)
            .await;
        assert_eq!(r.status(), 303);
        let f2 = fields("Judul dari Dina", v);
        let f2: Vec<(&str, &str)> = f2.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = w2
            .post_from(&format!("/rilis/{d}"), &format!("/rilis/{d}/ubah"), &f2)
            .await;
        assert_eq!(r.status(), 409);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("sudah diubah oleh wahyu@semarang.go.id")
        );
        let item = s.core.store().item_by_id(d).await.unwrap().unwrap();
        assert_eq!(item.title, "Judul dari Wahyu");
    }
}

#[tokio::test]
async fn bad_input_is_refused_and_body_html_is_sanitised() {
    let s = TestServer::start(common::Backend::Sqlite).await;
    s.user("33.74", "officer", "wahyu@semarang.go.id").await;
    s.user("33.74", "viewer", "lihat@semarang.go.id").await;
    let w = s.login("wahyu@semarang.go.id").await;
    let viewer = s.login("lihat@semarang.go.id").await;
    // Missing title, empty body, unknown category, unknown region, too many tags.
    let many_tags: String = (0..12).map(|i| format!("tag{i},")).collect();
    let r = w
        .post_from(
            "/rilis/baru",
            "/rilis",
            &[
                ("kind", "rilis"),
                ("title", ""),
                ("lead", "Teras"),
                ("body", "<p>   </p><script>alert(1)</script>"),
                ("category", "gosip"),
                ("region_code", "99.99"),
                ("tags", &many_tags),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for msg in [
        "Judul wajib diisi",
        "Isi tulisan wajib diisi",
        "Pilih kategori",
        "Kode wilayah tidak dikenal",
        "Paling banyak 10 tag",
    ] {
        assert!(html.contains(msg), "missing {msg}");
    }
    let sys = s.core.system_actor("t").await.unwrap();
    assert_eq!(
        s.core
            .list_items(&sys, &Default::default(), Default::default())
            .await
            .unwrap()
            .total,
        0
    );
    // A viewer cannot write; a form without CSRF is refused.
    assert_eq!(viewer.get("/rilis/baru").await.status(), 403);
    let r = w.post("/rilis", &[("kind", "rilis"), ("title", "x")]).await;
    assert_eq!(r.status(), 403);
    // Script, handlers and javascript: URLs never reach storage.
    let id = create(
        &w,
        "Uji sanitasi",
        "<p onclick=\"alert(1)\">Isi <b>tebal</b> <a href=\"javascript:alert(1)\">tautan</a></p><script>alert(2)</script><img src=x onerror=alert(3) alt=\"a\">",
        "",
    )
    .await;
    let item = s.core.store().item_by_id(id).await.unwrap().unwrap();
    let stored = item.body_html.to_lowercase();
    assert!(
        !stored.contains("<script")
            && !stored.contains("onclick")
            && !stored.contains("onerror")
            && !stored.contains("javascript:"),
        "{stored}"
    );
    assert!(stored.contains("<strong>tebal</strong>"));
    // Scheduling in the past is refused; a bad date is refused; nothing changes.
    let r = step(&w, id, "ajukan", &[]).await;
    assert_eq!(r.status(), 303);
    // Unknown ids and actions.
    assert_eq!(w.get("/rilis/999999").await.status(), 404);
    assert_eq!(w.get("/rilis/abc").await.status(), 404);
    let r = step(&w, id, "hapus-semua", &[]).await;
    assert_eq!(r.status(), 422);
    // Contacts: a bad line refuses the whole list and names the line.
    let r = w
        .post_from(
            "/rilis/media",
            "/rilis/media",
            &[("name", "Media Semarang")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let list = r.headers()["location"].to_str().unwrap().to_owned();
    let r = w
        .post_from(
            &list,
            &list,
            &[("contacts", "Budi, budi@koran.example, Koran\nbukan email")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Baris 2"));
    let r = w
        .post_from(
            "/rilis/media",
            "/rilis/media",
            &[("name", "Media Semarang")],
        )
        .await;
    assert_eq!(r.status(), 422, "duplicate list name");
}

#[tokio::test]
async fn comments_are_filtered_moderated_escaped_and_rate_limited() {
    for backend in backends() {
        let s = TestServer::start(backend).await;
        s.user("33.74", "officer", "wahyu@semarang.go.id").await;
        s.user("33.74", "head", "kepala@semarang.go.id").await;
        s.user("33.01", "officer", "lain@cilacap.go.id").await;
        let w = s.login("wahyu@semarang.go.id").await;
        let h = s.login("kepala@semarang.go.id").await;
        let (id, path) = published(&s, &w, &h, "Posko Banjir Rob", BODY, "banjir").await;
        let anon = Browser::new(&s);
        let post = |name: &str, body: &str| {
            let (name, body) = (name.to_owned(), body.to_owned());
            let anon = &anon;
            async move {
                anon.post(
                    &format!("/portal/33.74/berita/{id}/komentar"),
                    &[
                        ("name", name.as_str()),
                        ("email", ""),
                        ("body", body.as_str()),
                        ("situs", ""),
                    ],
                )
                .await
            }
        };
        // XSS payloads are accepted as text, wait for moderation, and are escaped when shown.
        let payloads = [
            "<script>alert('x')</script> mohon info posko",
            "<img src=x onerror=alert(1)> posko di mana?",
            "\"><svg onload=alert(1)> terima kasih",
        ];
        for p in payloads {
            let r = post("Warga", p).await;
            assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
            assert!(
                r.headers()["location"]
                    .to_str()
                    .unwrap()
                    .contains("komentar=menunggu")
            );
        }
        let (_, html) = anon.text(&path).await;
        assert!(
            !html.contains("mohon info posko"),
            "pending comments are not shown"
        );
        // Moderator approves all three; they show escaped.
        let queue = s
            .core
            .comment_queue(
                &s.core.actor_by_email("wahyu@semarang.go.id").await.unwrap(),
                None,
                Default::default(),
            )
            .await
            .unwrap();
        assert_eq!(queue.total, 3);
        for q in &queue.items {
            let r = w
                .post_from(
                    "/rilis/komentar",
                    &format!("/rilis/komentar/{}/setujui", q.comment.id),
                    &[],
                )
                .await;
            assert_eq!(r.status(), 303);
        }
        let (_, html) = anon.text(&path).await;
        assert!(
            html.contains("&#60;script&#62;alert("),
            "script escaped: {}",
            &html[html.find("id=\"komentar\"").unwrap_or(0)..]
        );
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<img src=x onerror"));
        assert!(!html.contains("<svg onload"));
        // Another regency's officer cannot moderate this unit's comments.
        let other = s.login("lain@cilacap.go.id").await;
        let cid = queue.items[0].comment.id;
        let r = other
            .post_from(
                "/rilis/komentar",
                &format!("/rilis/komentar/{cid}/tolak"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 404);
        // Abuse with slang spelling and gambling spam are refused with the reason; text kept.
        let r = post("Anon", "dasar pejabat 4nj1ng semua").await;
        assert_eq!(r.status(), 422);
        let t = r.text().await.unwrap();
        assert!(t.contains("Komentar tidak dapat dikirim"));
        assert!(
            t.contains("dasar pejabat 4nj1ng semua"),
            "the typed text is kept in the form"
        );
        // Criticism is not abuse.
        let r = post(
            "Kritikus",
            "Penanganan banjir rob lambat sekali, pemkot harus lebih serius.",
        )
        .await;
        assert_eq!(r.status(), 303);
        // Five comments from one address in ten minutes is the limit.
        let r = post(
            "Warga",
            "Satu lagi pertanyaan soal jadwal bantuan air bersih.",
        )
        .await;
        assert_eq!(r.status(), 429);
        assert!(
            r.text().await.unwrap().contains("Satu lagi pertanyaan"),
            "the text is kept"
        );
        // Cross-site posts are refused by Origin.
        let r = anon
            .client
            .post(s.url(&format!("/portal/33.74/berita/{id}/komentar")))
            .header("origin", "https://jahat.example")
            .form(&[("name", "x"), ("body", "y")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        // Official reply shows marked.
        let r = w
            .post_from(
                "/rilis/komentar?status=approved",
                &format!("/rilis/komentar/{cid}/balas"),
                &[("body", "Posko ada di kantor kecamatan.")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, html) = anon.text(&path).await;
        assert!(html.contains("Balasan resmi") && html.contains("Posko ada di kantor kecamatan."));
        // Every moderation action is in the audit log.
        let sys = s.core.system_actor("t").await.unwrap();
        let audit = s
            .core
            .list_audit(
                &sys,
                &sinergi_core::network::AuditFilter {
                    entity: Some("comment".into()),
                    ..Default::default()
                },
                Default::default(),
            )
            .await
            .unwrap();
        assert!(
            audit
                .items
                .iter()
                .filter(|a| a.entry.action == "comment.approved")
                .count()
                >= 3
        );
        assert!(
            audit
                .items
                .iter()
                .any(|a| a.entry.action == "comment.reply")
        );
    }
}

#[tokio::test]
async fn comment_validation_and_honeypot() {
    let s = TestServer::start(common::Backend::Sqlite).await;
    s.user("33.74", "officer", "wahyu@semarang.go.id").await;
    s.user("33.74", "head", "kepala@semarang.go.id").await;
    let w = s.login("wahyu@semarang.go.id").await;
    let h = s.login("kepala@semarang.go.id").await;
    let (id, _) = published(&s, &w, &h, "Posko Banjir Rob", BODY, "banjir").await;
    let anon = Browser::new(&s);
    let url = format!("/portal/33.74/berita/{id}/komentar");
    let r = anon
        .post(
            &url,
            &[("name", ""), ("email", "bukan-email"), ("body", "")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let t = r.text().await.unwrap();
    assert!(t.contains("Nama wajib diisi") && t.contains("Komentar wajib diisi"));
    // A filled honeypot looks accepted but nothing is kept.
    let r = anon
        .post(
            &url,
            &[
                ("name", "Bot"),
                ("body", "halo"),
                ("situs", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let sys = s.core.system_actor("t").await.unwrap();
    assert_eq!(
        s.core
            .comment_queue(&sys, None, Default::default())
            .await
            .unwrap()
            .total,
        0
    );
    // Comments on unknown or unpublished items: 404.
    assert_eq!(
        anon.post(
            "/portal/33.74/berita/9999/komentar",
            &[("name", "a"), ("body", "b")]
        )
        .await
        .status(),
        404
    );
    assert_eq!(
        anon.post(
            "/portal/33.74/berita/abc/komentar",
            &[("name", "a"), ("body", "b")]
        )
        .await
        .status(),
        404
    );
}

#[tokio::test]
async fn portal_cache_revalidates_and_baca_juga_finds_the_same_topic() {
    let s = TestServer::start(common::Backend::Sqlite).await;
    s.user("33.74", "officer", "wahyu@semarang.go.id").await;
    s.user("33.74", "head", "kepala@semarang.go.id").await;
    let w = s.login("wahyu@semarang.go.id").await;
    let h = s.login("kepala@semarang.go.id").await;
    let (_, flood) = published(
        &s,
        &w,
        &h,
        "Banjir Rob Genangi Pesisir Semarang",
        BODY,
        "banjir",
    )
    .await;
    let vaccine = "<p>Dinas Kesehatan menggelar vaksinasi campak dan rubela bagi anak sekolah dasar.</p>\
        <p>Vaksinasi dilakukan di puskesmas dan sekolah dengan pendampingan tenaga kesehatan.</p>";
    published(
        &s,
        &w,
        &h,
        "Vaksinasi Campak untuk Anak Sekolah",
        vaccine,
        "kesehatan",
    )
    .await;
    let anon = Browser::new(&s);
    let r = anon.get("/portal/33.74").await;
    assert_eq!(r.status(), 200);
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let r = anon
        .client
        .get(s.url("/portal/33.74"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304, "unchanged page revalidates");
    let flood2 = "<p>Banjir rob kembali menggenangi pesisir Semarang dan posko pengungsian ditambah.</p>\
        <p>Warga terdampak banjir rob menerima bantuan makanan dan air bersih dari posko.</p>";
    let (_, second) = published(&s, &w, &h, "Posko Banjir Rob Ditambah", flood2, "banjir").await;
    let r = anon
        .client
        .get(s.url("/portal/33.74"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        200,
        "publishing invalidates the cached home page"
    );
    assert!(r.text().await.unwrap().contains(&second));
    // Baca Juga of the first flood article lists the other flood article before the vaccine one.
    let (_, html) = anon.text(&flood).await;
    let baca = &html[html.find("id=\"baca-juga\"").expect("Baca Juga box")..];
    let pos_flood = baca.find(&second).expect("related flood article");
    if let Some(pos_vax) = baca.find("Vaksinasi Campak") {
        assert!(pos_flood < pos_vax);
    }
    // The printable view has no comment form.
    let id = flood
        .split('/')
        .next_back()
        .unwrap()
        .split('-')
        .next()
        .unwrap();
    let (st, print) = anon.text(&format!("/portal/33.74/berita/{id}/cetak")).await;
    assert_eq!(st, 200);
    assert!(!print.contains("Kirim komentar"));
    // Unknown portals and categories.
    assert_eq!(anon.get("/portal/99.99").await.status(), 404);
    assert_eq!(anon.get("/portal/33.74/kategori/gosip").await.status(), 404);
    let (st, found) = anon.text("/portal/33.74/cari?q=vaksinasi").await;
    assert_eq!(st, 200);
    assert!(found.contains("Vaksinasi Campak"));
    let (_, none) = anon.text("/portal/33.74/cari?q=%3Cscript%3E").await;
    assert!(
        none.contains("&#60;script&#62;") && !none.contains("<script>"),
        "{none}"
    );
}

#[tokio::test]
async fn scheduled_and_embargoed_releases_publish_on_time() {
    let s = TestServer::start(common::Backend::Sqlite).await;
    s.user("33.74", "officer", "wahyu@semarang.go.id").await;
    s.user("33.74", "head", "kepala@semarang.go.id").await;
    let w = s.login("wahyu@semarang.go.id").await;
    let h = s.login("kepala@semarang.go.id").await;
    let id = create(&w, "UMK Semarang 2027", BODY, "").await;
    assert_eq!(step(&w, id, "ajukan", &[]).await.status(), 303);
    assert_eq!(step(&h, id, "setujui", &[]).await.status(), 303);
    let r = step(&w, id, "jadwalkan", &[("publish_at", "2020-01-01T10:00")]).await;
    assert_eq!(r.status(), 422);
    let r = step(&w, id, "jadwalkan", &[("publish_at", "besok pagi")]).await;
    assert_eq!(r.status(), 422);
    let r = step(
        &w,
        id,
        "jadwalkan",
        &[("publish_at", "2099-01-01T10:00"), ("embargo", "1")],
    )
    .await;
    assert_eq!(r.status(), 422, "more than a year ahead");
    let later = chrono::Utc::now() + chrono::Duration::days(2);
    let local = (later + chrono::Duration::hours(7))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let r = step(
        &w,
        id,
        "jadwalkan",
        &[("publish_at", &local), ("embargo", "1")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let item = s.core.store().item_by_id(id).await.unwrap().unwrap();
    assert!(item.embargo);
    assert_eq!(item.status.as_str(), "scheduled");
    assert_eq!(
        s.core
            .publish_due(sinergi_core::time::now_millis())
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        s.core
            .publish_due(later.timestamp_millis() + 60_000)
            .await
            .unwrap(),
        1
    );
    let item = s.core.store().item_by_id(id).await.unwrap().unwrap();
    assert_eq!(item.status.as_str(), "published");
    assert!(!item.embargo);
}

#[tokio::test]
async fn images_need_alt_text_and_drafts_keep_them_private() {
    let s = TestServer::start(common::Backend::Sqlite).await;
    s.user("33.74", "officer", "wahyu@semarang.go.id").await;
    let w = s.login("wahyu@semarang.go.id").await;
    let id = create(&w, "Dengan gambar", BODY, "").await;
    let png = {
        let img = image_bytes();
        reqwest::multipart::Part::bytes(img).file_name("foto.png")
    };
    let (_, page) = w.text(&format!("/rilis/{id}")).await;
    let token = common::csrf_in(&page);
    let form = reqwest::multipart::Form::new()
        .text("_csrf", token.clone())
        .text("alt", "")
        .part("file", png);
    let r = w
        .client
        .post(s.url(&format!("/rilis/{id}/berkas")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Teks alternatif"));
    let form = reqwest::multipart::Form::new()
        .text("_csrf", token.clone())
        .text("alt", "Petugas membagikan air bersih")
        .part(
            "file",
            reqwest::multipart::Part::bytes(image_bytes()).file_name("foto.png"),
        );
    let r = w
        .client
        .post(s.url(&format!("/rilis/{id}/berkas")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // A text file pretending to be an image is refused.
    let form = reqwest::multipart::Form::new()
        .text("_csrf", token)
        .text("alt", "x")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"bukan gambar".to_vec()).file_name("foto.jpg"),
        );
    let r = w
        .client
        .post(s.url(&format!("/rilis/{id}/berkas")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let files = s.core.store().item_files(id).await.unwrap();
    assert_eq!(files.len(), 1);
    let url = files[0].thumb_url();
    assert_eq!(
        w.get(&url).await.status(),
        200,
        "the author sees the draft's image"
    );
    assert_eq!(
        Browser::new(&s).get(&url).await.status(),
        404,
        "the public does not"
    );
    assert_eq!(Browser::new(&s).get("/portal/media/zz").await.status(), 404);
}

/// A small PNG made in code.
fn image_bytes() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn api_files_drafts_and_takes_workflow_steps_with_scope_and_bad_input() {
    for backend in backends() {
        let s = TestServer::start(backend).await;
        s.user("33.74", "officer", "wahyu@semarang.go.id").await;
        s.user("33.74", "head", "kepala@semarang.go.id").await;
        s.user("33.01", "officer", "lain@cilacap.go.id").await;
        let officer = s.token("wahyu@semarang.go.id").await;
        let head = s.token("kepala@semarang.go.id").await;
        let other = s.token("lain@cilacap.go.id").await;
        let c = reqwest::Client::new();
        let url = |p: &str| s.url(&format!("/api/v1/newsroom{p}"));

        // Bad input: field errors, unknown fields, broken JSON, no token.
        let r = c
            .post(url("/items"))
            .bearer_auth(&officer)
            .json(&serde_json::json!({"kind": "rilis", "title": "", "lead": "x", "body": "", "category": "gosip"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let v: serde_json::Value = r.json().await.unwrap();
        let fields: Vec<&str> = v["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert!(
            fields.contains(&"title") && fields.contains(&"body") && fields.contains(&"category"),
            "{v}"
        );
        let r = c
            .post(url("/items"))
            .bearer_auth(&officer)
            .json(&serde_json::json!({"kind": "rilis", "title": "a", "lead": "b", "body": "<p>c</p>", "category": "bencana", "rahasia": 1}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let r = c
            .post(url("/items"))
            .bearer_auth(&officer)
            .header("content-type", "application/json")
            .body("{")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert_eq!(c.get(url("/items")).send().await.unwrap().status(), 401);
        let sys = s.core.system_actor("t").await.unwrap();
        assert_eq!(
            s.core
                .list_items(&sys, &Default::default(), Default::default())
                .await
                .unwrap()
                .total,
            0
        );

        // A draft filed by API; its HTML is sanitised.
        let r = c
            .post(url("/items"))
            .bearer_auth(&officer)
            .json(&serde_json::json!({
                "kind": "rilis", "title": "Posko Banjir Rob", "lead": "Teras.",
                "body": "<p onclick=\"x()\">Isi <script>alert(1)</script>posko</p>",
                "category": "bencana", "tags": ["banjir", "rob"], "region_code": "33.74"
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let item: serde_json::Value = r.json().await.unwrap();
        let id = item["id"].as_i64().unwrap();
        assert_eq!(item["status"], "draft");
        let html = item["body_html"].as_str().unwrap();
        assert!(
            !html.contains("script") && !html.contains("onclick"),
            "{html}"
        );
        assert_eq!(
            c.get(url(&format!("/items/{id}")))
                .bearer_auth(&other)
                .send()
                .await
                .unwrap()
                .status(),
            404
        );

        let step = |token: &str, body: serde_json::Value| {
            c.post(url(&format!("/items/{id}/step")))
                .bearer_auth(token.to_owned())
                .json(&body)
                .send()
        };
        let r = step(
            &officer,
            serde_json::json!({"action": "ajukan", "version": 1}),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 200);
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["status"], "review");
        let version = v["version"].as_i64().unwrap();
        assert_eq!(
            step(
                &officer,
                serde_json::json!({"action": "setujui", "version": version})
            )
            .await
            .unwrap()
            .status(),
            403
        );
        assert_eq!(
            step(
                &head,
                serde_json::json!({"action": "setujui", "version": version - 1})
            )
            .await
            .unwrap()
            .status(),
            409
        );
        assert_eq!(
            step(
                &head,
                serde_json::json!({"action": "setujui", "version": version})
            )
            .await
            .unwrap()
            .status(),
            200
        );
        let r = step(&officer, serde_json::json!({"action": "jadwalkan", "version": version + 1, "publish_at": "besok"})).await.unwrap();
        assert_eq!(r.status(), 422);
        let r = step(
            &officer,
            serde_json::json!({"action": "terbitkan", "version": version + 1}),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 200);
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["status"], "published");
        assert!(
            v["portal_path"]
                .as_str()
                .unwrap()
                .starts_with("/portal/33.74/berita/")
        );

        let r = c
            .get(url("/items?status=published"))
            .bearer_auth(&officer)
            .send()
            .await
            .unwrap();
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["total"], 1);
        assert_eq!(
            c.get(url("/items?status=terbit"))
                .bearer_auth(&officer)
                .send()
                .await
                .unwrap()
                .status(),
            422
        );
        let v: serde_json::Value = c
            .get(url("/items"))
            .bearer_auth(&other)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(v["total"], 0, "another regency sees none of these");
        // The OpenAPI document describes the endpoints.
        let doc = c
            .get(s.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(doc.contains("/api/v1/newsroom/items/{id}/step"));
    }
}
