//! Krisis Informasi through the web UI: visibility, the escalation flow with approval, the
//! timeline, optimistic concurrency and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use common::{Backend, Browser, TestServer, backends};

/// Opens a case as `b` and returns its id.
async fn open_case(b: &Browser, claim: &str) -> i64 {
    let r = b
        .post_from(
            "/krisis/baru",
            "/krisis",
            &[
                ("claim", claim),
                ("description", "Pesan berantai di WhatsApp"),
                ("origin_links", "https://www.facebook.com/groups/1/posts/2"),
                ("region_codes", "32.73"),
                ("category", "ekonomi"),
                ("tags", "bansos, whatsapp"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let loc = r.headers()["location"].to_str().unwrap().to_owned();
    loc.trim_start_matches("/krisis/").parse().unwrap()
}

/// The current version of a case, read from its page.
async fn version(b: &Browser, id: i64) -> String {
    let (_, html) = b.text(&format!("/krisis/{id}")).await;
    let marker = "name=\"version\" value=\"";
    let i = html.find(marker).unwrap() + marker.len();
    html[i..i + html[i..].find('"').unwrap()].to_owned()
}

async fn act(b: &Browser, id: i64, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let v = version(b, id).await;
    let mut all = vec![("version", v.as_str())];
    all.extend_from_slice(fields);
    b.post_from(
        &format!("/krisis/{id}"),
        &format!("/krisis/{id}/{action}"),
        &all,
    )
    .await
}

#[tokio::test]
async fn only_owner_members_and_centre_see_a_case() {
    for backend in backends() {
        let s = TestServer::start(backend).await;
        s.user("32.73", "officer", "agus@bandung.go.id").await;
        s.user("32.01", "officer", "lestari@bogor.go.id").await;
        s.user("32", "officer", "siti@jabar.go.id").await;
        s.user("35", "officer", "putri@jatim.go.id").await;
        s.user("pusat", "viewer", "yusuf@pusat.go.id").await;
        let bandung = s.login("agus@bandung.go.id").await;
        let id = open_case(&bandung, "Beredar kabar bansos Desember dibatalkan").await;

        let bogor = s.login("lestari@bogor.go.id").await;
        let jabar = s.login("siti@jabar.go.id").await;
        let jatim = s.login("putri@jatim.go.id").await;
        let pusat = s.login("yusuf@pusat.go.id").await;
        let path = format!("/krisis/{id}");
        assert_eq!(bandung.get(&path).await.status(), 200);
        assert_eq!(pusat.get(&path).await.status(), 200, "the centre sees all");
        assert_eq!(bogor.get(&path).await.status(), 404, "another regency");
        assert_eq!(
            jabar.get(&path).await.status(),
            404,
            "not shared with its province yet"
        );
        assert!(
            !jabar
                .text("/krisis?tampil=semua")
                .await
                .1
                .contains("bansos Desember")
        );
        // Actions on an invisible case are 404 too and change nothing.
        let r = bogor
            .post_from(
                "/krisis",
                &format!("/krisis/{id}/catatan"),
                &[("note", "menyusup")],
            )
            .await;
        assert_eq!(r.status(), 404);

        // Shared with the province: the province sees it, nobody else new does.
        let r = act(&bandung, id, "bagikan", &[("org_code", "32")]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(jabar.get(&path).await.status(), 200);
        assert!(jabar.text("/krisis").await.1.contains("bansos Desember"));
        assert_eq!(bogor.get(&path).await.status(), 404);
        assert_eq!(jatim.get(&path).await.status(), 404);
        // The province was notified.
        let (_, html) = jabar.text("/notifikasi").await;
        assert!(html.contains("dibagikan kepada unit Anda"), "{backend:?}");
        // A viewer of the centre can read but not act.
        let r = pusat
            .post_from(&path, &format!("/krisis/{id}/catatan"), &[("note", "x")])
            .await;
        assert_eq!(r.status(), 403);
    }
}

#[tokio::test]
async fn hoax_from_regency_alert_to_province_clarification_and_closure() {
    for backend in backends() {
        let s = TestServer::start(backend).await;
        s.user("32.73", "officer", "agus@bandung.go.id").await;
        s.user("32", "officer", "siti@jabar.go.id").await;
        s.user("32", "head", "jubir@jabar.go.id").await;
        let agus = s.login("agus@bandung.go.id").await;
        let id = open_case(
            &agus,
            "Video banjir lama disebut terjadi hari ini di Bandung",
        )
        .await;
        let path = format!("/krisis/{id}");

        assert_eq!(
            act(&agus, id, "status", &[("to", "verifikasi")])
                .await
                .status(),
            303
        );
        assert_eq!(
            act(
                &agus,
                id,
                "verifikasi",
                &[
                    ("verdict", "hoaks"),
                    ("verdict_note", "Video banjir 2019"),
                    ("external_label", "salah"),
                    ("external_url", "https://turnbackhoax.id/x")
                ]
            )
            .await
            .status(),
            303
        );
        assert_eq!(
            act(
                &agus,
                id,
                "eskalasi",
                &[("reason", "Menyebar ke kabupaten lain")]
            )
            .await
            .status(),
            303
        );

        // The province is notified at once and can join or take over.
        let siti = s.login("siti@jabar.go.id").await;
        let (_, html) = siti.text("/").await;
        assert!(html.contains("class=\"count\">1<"), "bell shows one unread");
        let (_, html) = siti.text("/notifikasi").await;
        assert!(
            html.contains("Eskalasi kasus KRS-") && html.contains("Menyebar ke kabupaten lain")
        );
        let (st, html) = siti.text(&path).await;
        assert_eq!(st, 200);
        assert!(html.contains("diminta ikut menangani"));
        assert_eq!(act(&siti, id, "ambil-alih", &[]).await.status(), 303);
        let (_, html) = siti.text(&path).await;
        assert!(html.contains("Provinsi") || html.contains("Jawa Barat"));

        // Clarification: the hoax label goes into the title; officers cannot approve.
        let r = siti
            .post_from(
                &path,
                &format!("/krisis/{id}/pernyataan"),
                &[
                    ("kind", "clarification"),
                    ("title", "Video banjir di Bandung adalah video lama"),
                    ("body", "Video tersebut direkam pada 2019."),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, html) = siti.text(&path).await;
        assert!(html.contains("[HOAKS] Video banjir di Bandung adalah video lama"));
        let sid: i64 = {
            let i = html.find("/krisis/pernyataan/").unwrap() + "/krisis/pernyataan/".len();
            html[i..i + html[i..].find('"').unwrap()].parse().unwrap()
        };
        let spath = format!("/krisis/pernyataan/{sid}");
        assert_eq!(
            siti.post_from(
                &spath,
                &format!("{spath}/revisi"),
                &[
                    ("version", "1"),
                    ("title", "[HOAKS] Video banjir di Bandung adalah video lama"),
                    ("body", "Video tersebut direkam pada 2019 di tempat lain.")
                ]
            )
            .await
            .status(),
            303
        );
        assert_eq!(
            siti.post_from(&spath, &format!("{spath}/ajukan"), &[])
                .await
                .status(),
            303
        );
        let r = siti
            .post_from(
                &spath,
                &format!("{spath}/putuskan"),
                &[("decision", "setujui")],
            )
            .await;
        assert_eq!(r.status(), 403, "an officer cannot approve");
        // A head of a collaborating unit (Kota Bandung) may not approve the province's statement.
        s.user("32.73", "head", "kabag@bandung.go.id").await;
        let kabag = s.login("kabag@bandung.go.id").await;
        let r = kabag
            .post_from(
                &spath,
                &format!("{spath}/putuskan"),
                &[("decision", "setujui")],
            )
            .await;
        assert_eq!(r.status(), 403, "only the owner's heads decide");
        let jubir = s.login("jubir@jabar.go.id").await;
        // The head was told a statement waits for approval; opening it marks it read.
        let (_, html) = jubir.text("/notifikasi").await;
        assert!(
            html.contains("Perlu persetujuan: [HOAKS] Video banjir"),
            "{backend:?}"
        );
        let nid: i64 = {
            let marker = "href=\"/notifikasi/";
            let i = html.find(marker).unwrap() + marker.len();
            html[i..i + html[i..].find('"').unwrap()].parse().unwrap()
        };
        let jubir_actor = s.core.actor_by_email("jubir@jabar.go.id").await.unwrap();
        let before = s.core.unread_count(&jubir_actor).await.unwrap();
        let r = jubir.get(&format!("/notifikasi/{nid}")).await;
        assert_eq!(r.status(), 303);
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/krisis/")
        );
        assert_eq!(s.core.unread_count(&jubir_actor).await.unwrap(), before - 1);
        assert_eq!(
            siti.get(&format!("/notifikasi/{nid}")).await.status(),
            404,
            "not someone else's"
        );
        let r = jubir
            .post_from(
                &spath,
                &format!("{spath}/putuskan"),
                &[("decision", "kembalikan"), ("note", "")],
            )
            .await;
        assert_eq!(r.status(), 422, "returning needs a note");
        let r = jubir
            .post_from(
                &spath,
                &format!("{spath}/putuskan"),
                &[("decision", "setujui"), ("note", "Terbitkan")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, html) = jubir.text(&spath).await;
        assert!(html.contains("Disetujui") && html.contains("versi 2"));

        for to in ["respons", "pemantauan", "selesai"] {
            assert_eq!(
                act(&siti, id, "status", &[("to", to)]).await.status(),
                303,
                "{to}"
            );
        }
        let case = s.core.store().case_by_id(id).await.unwrap().unwrap();
        assert!(case.first_response_at.is_some() && case.resolved_at.is_some());
        assert_eq!(case.owner_org_code, "32");

        // The timeline has every step, with who.
        let (_, html) = agus.text(&path).await;
        for step in [
            "Membuka kasus",
            "Status: Baru → Verifikasi",
            "Hasil verifikasi: [HOAKS]",
            "Eskalasi ke Provinsi Jawa Barat: Menyebar ke kabupaten lain",
            "mengambil alih kasus",
            "Draf klarifikasi",
            "Revisi pernyataan",
            "Mengajukan persetujuan",
            "Menyetujui pernyataan",
            "Respons pertama: pernyataan disetujui",
            "Status: Pemantauan → Selesai",
        ] {
            assert!(
                html.contains(step),
                "timeline lacks «{step}» on {backend:?}"
            );
        }
        assert!(
            html.contains("siti@jabar.go.id")
                && html.contains("jubir@jabar.go.id")
                && html.contains("agus@bandung.go.id")
        );
        // The printable post-crisis report has the chronology and the response time.
        let (st, report) = agus.text(&format!("/krisis/{id}/laporan")).await;
        assert_eq!(st, 200);
        assert!(
            report.contains("Laporan Pascakrisis KRS-") && report.contains("Waktu respons pertama")
        );
        assert!(
            report.contains("memenuhi target")
                && report.contains("Kronologi")
                && report.contains("[HOAKS] Video banjir")
        );
        s.user("35", "officer", "luar@jatim.go.id").await;
        let outsider = s.login("luar@jatim.go.id").await;
        assert_eq!(
            outsider
                .get(&format!("/krisis/{id}/laporan"))
                .await
                .status(),
            404
        );
        // The timeline cannot be edited.
        let store = s.core.store();
        let before = store.case_events(id).await.unwrap().len();
        assert!(before >= 11);
    }
}

#[tokio::test]
async fn concurrent_edits_conflict_instead_of_overwriting() {
    for backend in backends() {
        let s = TestServer::start(backend).await;
        s.user("32.73", "officer", "agus@bandung.go.id").await;
        s.user("32.73", "officer", "rina@bandung.go.id").await;
        let agus = s.login("agus@bandung.go.id").await;
        let rina = s.login("rina@bandung.go.id").await;
        let id = open_case(&agus, "Klaim awal").await;
        // Both open the edit form at version 1.
        let form = |claim: &'static str| {
            vec![
                ("version", "1"),
                ("claim", claim),
                ("description", ""),
                ("origin_links", ""),
                ("region_codes", "32.73"),
                ("category", "ekonomi"),
                ("level", "1"),
                ("tags", ""),
            ]
        };
        let r = agus
            .post_from(
                &format!("/krisis/{id}/ubah"),
                &format!("/krisis/{id}/ubah"),
                &form("Klaim versi Agus"),
            )
            .await;
        assert_eq!(r.status(), 303);
        let r = rina
            .post_from(
                &format!("/krisis/{id}/ubah"),
                &format!("/krisis/{id}/ubah"),
                &form("Klaim versi Rina"),
            )
            .await;
        assert_eq!(r.status(), 409, "{backend:?}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("sudah diubah oleh agus@bandung.go.id"),
            "names the other editor"
        );
        assert!(html.contains("Klaim versi Rina"), "keeps what Rina typed");
        let case = s.core.store().case_by_id(id).await.unwrap().unwrap();
        assert_eq!((case.claim.as_str(), case.version), ("Klaim versi Agus", 2));
        // A stale status change is refused as well.
        let r = rina
            .post_from(
                &format!("/krisis/{id}"),
                &format!("/krisis/{id}/status"),
                &[("version", "1"), ("to", "verifikasi")],
            )
            .await;
        assert_eq!(r.status(), 409);
        assert_eq!(
            s.core
                .store()
                .case_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .status
                .as_str(),
            "baru"
        );
    }
}

#[tokio::test]
async fn invalid_transitions_and_bad_input_change_nothing() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("32.73", "officer", "agus@bandung.go.id").await;
    let b = s.login("agus@bandung.go.id").await;
    let long = "k".repeat(281);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("claim", "")], "Klaim atau masalah wajib diisi"),
        (vec![("claim", &long)], "paling banyak 280"),
        (
            vec![("claim", "x"), ("origin_links", "javascript:alert(1)")],
            "Tautan tidak valid",
        ),
        (
            vec![("claim", "x"), ("region_codes", "32.73, 99.99")],
            "Kode wilayah tidak dikenal: 99.99",
        ),
        (
            vec![("claim", "x"), ("level", "9")],
            "Level krisis tidak dikenal",
        ),
        (
            vec![("claim", "x"), ("category", "gosip")],
            "Kategori tidak dikenal",
        ),
    ];
    for (fields, msg) in cases {
        let r = b.post_from("/krisis/baru", "/krisis", &fields).await;
        assert_eq!(r.status(), 422, "{msg}");
        assert!(r.text().await.unwrap().contains(msg), "{msg}");
    }
    assert_eq!(
        s.core.store().case_claims().await.unwrap().len(),
        0,
        "nothing written"
    );

    let id = open_case(&b, "Klaim <script>alert(1)</script>").await;
    let (_, html) = b.text(&format!("/krisis/{id}")).await;
    assert!(!html.contains("<script>alert(1)</script>"), "escaped");
    let before = s.core.store().case_events(id).await.unwrap().len();
    let r = act(&b, id, "status", &[("to", "selesai")]).await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("tidak dapat diubah dari «Baru» ke «Selesai»")
    );
    let r = act(&b, id, "status", &[("to", "ditutup"), ("reason", " ")]).await;
    assert_eq!(r.status(), 422);
    let r = act(&b, id, "status", &[("to", "entah")]).await;
    assert_eq!(r.status(), 422);
    let r = act(&b, id, "verifikasi", &[("verdict", "bohong")]).await;
    assert_eq!(r.status(), 422);
    let r = act(&b, id, "eskalasi", &[("reason", "")]).await;
    assert_eq!(r.status(), 422);
    let r = b
        .post_from(
            &format!("/krisis/{id}"),
            &format!("/krisis/{id}/tugas"),
            &[
                ("title", "Cek sumber"),
                ("assignee", "orang-lain@luar.go.id"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = b
        .post_from(
            &format!("/krisis/{id}"),
            &format!("/krisis/{id}/tugas"),
            &[("title", "Cek sumber"), ("due_at", "besok")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = b
        .post(&format!("/krisis/{id}/catatan"), &[("note", "tanpa csrf")])
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        s.core.store().case_events(id).await.unwrap().len(),
        before,
        "no event written"
    );
    let case = s.core.store().case_by_id(id).await.unwrap().unwrap();
    assert_eq!((case.status.as_str(), case.version), ("baru", 1));

    // A valid close needs a reason, and then the case is final.
    assert_eq!(
        act(
            &b,
            id,
            "status",
            &[
                ("to", "ditutup"),
                ("reason", "Bukan hoaks, hanya salah paham")
            ]
        )
        .await
        .status(),
        303
    );
    let r = act(&b, id, "status", &[("to", "verifikasi")]).await;
    assert_eq!(r.status(), 422);
    // Tasks and notes on a valid case work and show up.
    let r = b
        .post_from(
            &format!("/krisis/{id}"),
            &format!("/krisis/{id}/tugas"),
            &[
                ("title", "Arsipkan bukti"),
                ("assignee", "agus@bandung.go.id"),
                ("due_at", "2030-01-01T10:00"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = b
        .post_from(
            &format!("/krisis/{id}"),
            &format!("/krisis/{id}/catatan"),
            &[("note", "Baris satu\nBaris dua")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = b.text(&format!("/krisis/{id}")).await;
    assert!(html.contains("Arsipkan bukti") && html.contains("Baris satu\nBaris dua"));
    // Unknown ids.
    assert_eq!(b.get("/krisis/999999").await.status(), 404);
    assert_eq!(b.get("/krisis/abc").await.status(), 404);
    assert_eq!(b.get("/krisis/pernyataan/999").await.status(), 404);
}

#[tokio::test]
async fn crisis_api_with_versions_and_scope() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("35.78", "officer", "putri@surabaya.go.id").await;
    s.user("32.73", "officer", "agus@bandung.go.id").await;
    let t = s.token("putri@surabaya.go.id").await;
    let other = s.token("agus@bandung.go.id").await;
    let c = reqwest::Client::new();
    let r = c
        .post(s.url("/api/v1/crisis/cases"))
        .bearer_auth(&t)
        .json(&serde_json::json!({"claim": "Klaim vaksin mengandung chip", "region_codes": ["35.78"], "category": "kesehatan", "origin_links": ["https://x.com/a/status/1"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let v: serde_json::Value = r.json().await.unwrap();
    let id = v["id"].as_i64().unwrap();
    assert_eq!(
        (
            v["level"].as_i64(),
            v["status"].as_str(),
            v["version"].as_i64()
        ),
        (Some(1), Some("baru"), Some(1))
    );
    assert!(v["reference"].as_str().unwrap().starts_with("KRS-"));
    // Another regency cannot see it.
    let r = c
        .get(s.url(&format!("/api/v1/crisis/cases/{id}")))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r: serde_json::Value = c
        .get(s.url("/api/v1/crisis/cases"))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["total"], 0);
    // Transition with the right and a stale version; an invalid transition.
    let tr = |to: &str, version: i64| {
        c.post(s.url(&format!("/api/v1/crisis/cases/{id}/transition")))
            .bearer_auth(&t)
            .json(&serde_json::json!({"to": to, "version": version}))
    };
    assert_eq!(tr("verifikasi", 1).send().await.unwrap().status(), 200);
    let r = tr("respons", 1).send().await.unwrap();
    assert_eq!(r.status(), 409);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "conflict");
    let r = tr("selesai", 2).send().await.unwrap();
    assert_eq!(r.status(), 422);
    // Escalation needs a reason; with one, the province is notified.
    let esc = |reason: &str, version: i64| {
        c.post(s.url(&format!("/api/v1/crisis/cases/{id}/escalate")))
            .bearer_auth(&t)
            .json(&serde_json::json!({"reason": reason, "version": version}))
    };
    assert_eq!(esc("", 2).send().await.unwrap().status(), 422);
    s.user("35", "officer", "hendra@jatim.go.id").await;
    let r = esc("Menyebar ke seluruh Jawa Timur", 2)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let hendra = s.core.actor_by_email("hendra@jatim.go.id").await.unwrap();
    assert_eq!(s.core.unread_count(&hendra).await.unwrap(), 1);
    // Bad bodies.
    let r = c
        .post(s.url("/api/v1/crisis/cases"))
        .bearer_auth(&t)
        .json(&serde_json::json!({"claim": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = c
        .post(s.url("/api/v1/crisis/cases"))
        .bearer_auth(&t)
        .json(&serde_json::json!({"claim": "x", "region_codes": ["00"]}))
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["fields"][0]["field"], "region_codes");
    let r = c
        .get(s.url("/api/v1/crisis/cases?status=entah"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
}

#[tokio::test]
async fn verdicts_serve_the_next_region_through_claim_matching() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("32.73", "officer", "agus@bandung.go.id").await;
    s.user("35.78", "officer", "putri@surabaya.go.id").await;
    let system = s.core.system_actor("test").await.unwrap();
    let (read, added) = s
        .core
        .import_known_claims(&system, "turnbackhoax-uji", "id,claim,label\nT1,Vaksin imunisasi sekolah mengandung microchip pelacak,SALAH\nT2,Gempa besar diprediksi malam ini,SALAH\n")
        .await
        .unwrap();
    assert_eq!((read, added), (2, 2));
    // Importing again adds nothing; bad CSV is refused with the line number.
    assert_eq!(
        s.core
            .import_known_claims(
                &system,
                "turnbackhoax-uji",
                "id,claim\nT1,Vaksin imunisasi sekolah mengandung microchip pelacak\n"
            )
            .await
            .unwrap()
            .1,
        0
    );
    let err = s
        .core
        .import_known_claims(&system, "x", "id,claim\n,tanpa id\n")
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("Baris 2"));
    // Only the centre's administrators import.
    let agus_actor = s.core.actor_by_email("agus@bandung.go.id").await.unwrap();
    assert!(
        s.core
            .import_known_claims(&agus_actor, "x", "id,claim\na,b\n")
            .await
            .is_err()
    );

    let agus = s.login("agus@bandung.go.id").await;
    let verified = open_case(
        &agus,
        "Bansos Desember 2026 dibatalkan, warga diminta daftar ulang lewat tautan",
    )
    .await;
    let unverified = open_case(
        &agus,
        "Bansos Desember 2026 ditunda sampai tahun depan menurut pesan berantai",
    )
    .await;
    assert_eq!(
        act(&agus, verified, "status", &[("to", "verifikasi")])
            .await
            .status(),
        303
    );
    assert_eq!(
        act(&agus, verified, "verifikasi", &[("verdict", "hoaks")])
            .await
            .status(),
        303
    );

    // Surabaya types a similar claim: Bandung's verified verdict shows (without a link to the
    // private case); the unverified case does not.
    let putri = s.login("putri@surabaya.go.id").await;
    let (st, frag) = putri
        .text("/krisis/serupa?claim=bansos%20desember%202026%20dibatalkan%20daftar%20ulang")
        .await;
    assert_eq!(st, 200);
    assert!(
        frag.contains("Bansos Desember 2026 dibatalkan")
            && frag.contains("[HOAKS]")
            && frag.contains("Kota Bandung"),
        "{frag}"
    );
    assert!(
        !frag.contains(&format!("/krisis/{verified}")),
        "no link into another unit's case"
    );
    assert!(
        !frag.contains("ditunda sampai tahun depan"),
        "unverified cases stay private"
    );
    let (_, frag) = putri
        .text("/krisis/serupa?claim=vaksin%20sekolah%20ada%20microchip")
        .await;
    assert!(
        frag.contains("microchip pelacak")
            && frag.contains("SALAH")
            && frag.contains("turnbackhoax-uji")
    );
    let (_, frag) = putri.text("/krisis/serupa?claim=abc").await;
    assert!(!frag.contains("Klaim serupa"), "too short to match");
    // On Bandung's own unverified case page, its verified case shows with a link.
    let (_, html) = agus.text(&format!("/krisis/{unverified}")).await;
    assert!(
        html.contains(&format!("href=\"/krisis/{verified}\"")),
        "own cases link"
    );
}

#[tokio::test]
async fn overdue_cases_are_flagged_and_alerted_once() {
    for backend in backends() {
        let s = TestServer::start(backend).await;
        s.user("32.73", "officer", "agus@bandung.go.id").await;
        let agus = s.login("agus@bandung.go.id").await;
        let id = open_case(&agus, "Kabar pemadaman listrik total tiga hari").await;
        assert_eq!(
            s.core.alert_overdue_cases().await.unwrap(),
            0,
            "nothing overdue yet"
        );
        // Seven hours later: the 6-hour first-response target has passed.
        let store = s.core.store();
        let case = store.case_by_id(id).await.unwrap().unwrap();
        let mut f = sinergi_core::crisis::store::CaseFields::of(&case);
        f.first_response_due -= 7 * 3_600_000;
        let ev = sinergi_core::crisis::store::NewEvent {
            at: case.updated_at,
            actor: "uji".into(),
            org_code: None,
            kind: "edited".into(),
            summary: "uji: target dimajukan".into(),
            data: None,
        };
        store
            .update_case(id, case.version, &f, &[], case.updated_at, &ev)
            .await
            .unwrap()
            .unwrap();
        let (_, html) = agus.text("/krisis").await;
        assert!(html.contains("— terlambat"), "flagged in the list");
        assert_eq!(
            s.core.alert_overdue_cases().await.unwrap(),
            1,
            "{backend:?}"
        );
        assert_eq!(
            s.core.alert_overdue_cases().await.unwrap(),
            0,
            "alerted once"
        );
        let actor = s.core.actor_by_email("agus@bandung.go.id").await.unwrap();
        assert_eq!(s.core.unread_count(&actor).await.unwrap(), 1);
        let (_, html) = agus.text(&format!("/krisis/{id}")).await;
        assert!(html.contains("Melewati target respons pertama"));
        let (_, html) = agus.text("/krisis?tampil=terlambat").await;
        assert!(html.contains("Kabar pemadaman listrik"));
    }
}

#[tokio::test]
async fn evidence_uploads_are_checked_and_private() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("32.73", "officer", "agus@bandung.go.id").await;
    s.user("32.01", "officer", "lestari@bogor.go.id").await;
    let agus = s.login("agus@bandung.go.id").await;
    let id = open_case(&agus, "Tangkapan layar pesan palsu beredar").await;
    let (_, page) = agus.text(&format!("/krisis/{id}")).await;
    let csrf = common::csrf_in(&page);
    let upload = |csrf: String, name: &'static str, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("_csrf", csrf)
            .text("note", "dari grup WhatsApp")
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        agus.client
            .post(format!("{}/krisis/{id}/bukti", agus.base))
            .multipart(form)
            .send()
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[7u8; 300]);
    let r = upload(csrf.clone(), "../../tangkapan.png", png.clone())
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // Disallowed type (by content, whatever the name says), too large, and no CSRF: refused.
    let r = upload(
        csrf.clone(),
        "foto.png",
        b"<script>alert(1)</script>".to_vec(),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Jenis berkas tidak diizinkan")
    );
    let mut big = b"%PDF-1.4".to_vec();
    big.resize(1024 * 1024 + 10, b'x');
    let r = upload(csrf.clone(), "besar.pdf", big).await.unwrap();
    assert!(r.status() == 422 || r.status() == 413, "{}", r.status());
    let r = upload("palsu".into(), "a.png", png.clone()).await.unwrap();
    assert_eq!(r.status(), 403);
    let evidence = s.core.store().case_evidence(id).await.unwrap();
    assert_eq!(evidence.len(), 1, "only the valid upload was recorded");
    assert_eq!(
        (evidence[0].filename.as_str(), evidence[0].mime.as_str()),
        ("tangkapan.png", "image/png")
    );

    let (_, html) = agus.text(&format!("/krisis/{id}")).await;
    assert!(html.contains("tangkapan.png") && html.contains("Bukti diunggah: tangkapan.png"));
    let r = agus.get(&format!("/krisis/bukti/{}", evidence[0].id)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.bytes().await.unwrap().to_vec(), png);
    // Another regency cannot fetch it.
    let lestari = s.login("lestari@bogor.go.id").await;
    assert_eq!(
        lestari
            .get(&format!("/krisis/bukti/{}", evidence[0].id))
            .await
            .status(),
        404
    );
    assert_eq!(lestari.get("/krisis/bukti/99999").await.status(), 404);
}

#[tokio::test]
async fn centre_admins_import_hoax_lists_from_the_page() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("pusat", "admin", "rina@pusat.go.id").await;
    s.user("32", "admin", "dedi@jabar.go.id").await;
    let rina = s.login("rina@pusat.go.id").await;
    let post = |b: &Browser, csrf: String, source: &'static str, csv: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("_csrf", csrf)
            .text("source", source)
            .part(
                "file",
                reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("daftar.csv"),
            );
        b.client
            .post(format!("{}/krisis/klaim", b.base))
            .multipart(form)
            .send()
    };
    let (_, page) = rina.text("/krisis/klaim").await;
    assert!(page.contains("Belum ada daftar") && page.contains("Impor CSV"));
    let csrf = common::csrf_in(&page);
    let r = post(
        &rina,
        csrf.clone(),
        "turnbackhoax-uji",
        "id,claim,label\nA1,Gempa besar malam ini,SALAH\nA2,Vaksin berisi chip,SALAH\n",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("2 klaim dibaca, 2 baru ditambahkan") && html.contains("turnbackhoax-uji")
    );
    let r = post(&rina, csrf.clone(), "x", "id,claim\n,tanpa id\n")
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Baris 2"));
    let r = post(&rina, "palsu".into(), "x", "id,claim\nB1,klaim\n")
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // A province administrator sees the lists but cannot import.
    let dedi = s.login("dedi@jabar.go.id").await;
    let (_, page) = dedi.text("/krisis/klaim").await;
    assert!(page.contains("turnbackhoax-uji") && !page.contains("Impor CSV"));
    let r = post(
        &dedi,
        common::csrf_in(&page),
        "y",
        "id,claim\nC1,klaim lain\n",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(s.core.store().known_claims().await.unwrap().len(), 2);
}
