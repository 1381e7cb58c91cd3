//! Krisis Informasi end to end in a real headless Chromium: a regency officer opens a hoax
//! case from a Pantau Media early-warning alert, verifies and escalates it; the province takes over, drafts a clarification and
//! submits it; the spokesperson approves it; the province closes the case. Every step goes
//! through the UI (links, buttons, forms). Screenshots land in `target/screenshots/crisis-*`.
//!
//! Same prerequisites as `browser.rs`: `/usr/bin/chromium` and `/usr/bin/chromedriver`;
//! skipped without them unless `SINERGI_REQUIRE_BROWSER=1`.

// Test code may unwrap (clippy's allow-*-in-tests does not cover helpers).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::browser::*;

use std::time::Instant;

use common::{Backend, PASSWORD, TestServer};
use sinergi_core::time::{Zone, format_long, now_millis};
use thirtyfour::prelude::*;

const AGUS: &str = "agus@bandung.go.id";
const SITI: &str = "siti@jabar.go.id";
const JUBIR: &str = "jubir@jabar.go.id";
const CLAIM: &str = "Video banjir lama disebut terjadi hari ini di Bandung";
const ALERT_MESSAGE: &str =
    "31 berita dalam 24 jam tentang Kota Bandung (rata-rata 3,2); 24 bernada negatif";
const ST_TITLE: &str = "Video banjir di Bandung adalah video lama";

async fn login(driver: &WebDriver, base: &str, email: &str) {
    driver.goto(format!("{base}/masuk")).await.unwrap();
    fill(driver, "email", email).await;
    fill(driver, "password", PASSWORD).await;
    click_through(driver, button("/masuk", "Masuk")).await;
    wait_for_path(driver, "the dashboard", |p| p == "/").await;
}

async fn logout(driver: &WebDriver) {
    click_through(driver, button("/keluar", "Keluar")).await;
    wait_for_path(driver, "the login page", |p| p == "/masuk").await;
}

/// Main menu → Krisis → the case by its claim.
async fn open_case_from_list(driver: &WebDriver, case_path: &str) {
    click_through(
        driver,
        By::XPath("//nav[@aria-label='Menu utama']//a[normalize-space()='Krisis']"),
    )
    .await;
    click_through(driver, link(CLAIM)).await;
    wait_for_path(driver, "the case page", |p| p == case_path).await;
}

/// The value of the case facts entry `label` ("Status", …).
async fn fact(driver: &WebDriver, label: &str) -> String {
    text_of(
        driver,
        By::XPath(format!(
            "//dl[@class='facts']/dt[.='{label}']/following-sibling::dd[1]"
        )),
    )
    .await
}

/// Ubah status: picks the next status and saves; waits for the timeline entry.
async fn set_status(driver: &WebDriver, from: &str, to: &str) {
    choose(driver, "to", to).await;
    click_through(driver, button("/status", "Simpan status")).await;
    let entry = format!("Status: {from} → {to}");
    wait_for_text(driver, &entry, |t| t.contains(&entry)).await;
    assert_eq!(fact(driver, "Status").await, to);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hoax_case_from_regency_to_province_clarification_in_chromium() {
    if !browser_available() {
        return;
    }
    let started = Instant::now();
    let server = TestServer::start(Backend::Sqlite).await;
    server.user("32.73", "officer", AGUS).await;
    server.user("32", "officer", SITI).await;
    server.user("32", "head", JUBIR).await;
    // The early warning the case starts from: a negative spike about Kota Bandung.
    let bandung = server
        .core
        .store()
        .org_by_code("32.73")
        .await
        .unwrap()
        .unwrap();
    server
        .core
        .store()
        .insert_alert(&sinergi_core::monitor::NewAlert {
            org_id: bandung.id,
            kind: "region_negative".into(),
            subject: "32.73".into(),
            subject_label: "Kota Bandung".into(),
            window_count: 31,
            baseline_mean: 3.2,
            baseline_sd: 1.4,
            negative_count: 24,
            message: ALERT_MESSAGE.into(),
            created_at: now_millis(),
            dedupe_key: "uji:32.73".into(),
        })
        .await
        .unwrap()
        .expect("alert stored");
    let base = server.base.clone();
    run_in_chromium(base, "crisis-failure", |driver, base| async move {
        scenario(&driver, &base).await
    })
    .await;
    eprintln!(
        "crisis browser test took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

async fn scenario(driver: &WebDriver, base: &str) {
    // "Kamis, 26 November 2026 20.14 WIB" → "26 November 2026" (today in WIB).
    let today = || {
        let long = format_long(now_millis(), Zone::Wib);
        let date = long.split_once(", ").unwrap().1;
        date.rsplitn(3, ' ').nth(2).unwrap().to_owned()
    };
    let day_at_start = today();

    // 2. Agus (Kota Bandung) sees the early-warning alert of Pantau Media and opens a case
    //    from it: the form comes prefilled and marked as coming from an alert.
    login(driver, base, AGUS).await;
    // Opened as from the alert's e-mail link (this test server runs no search index, so the
    // Pantau Media dashboard itself is not part of this walk).
    driver
        .goto(format!("{base}/pantau/peringatan"))
        .await
        .unwrap();
    wait_for_path(driver, "the alerts", |p| p == "/pantau/peringatan").await;
    wait_for_text(driver, "the regency alert", |t| t.contains(ALERT_MESSAGE)).await;
    click_through(driver, link("Buka kasus krisis")).await;
    wait_for_path(driver, "the new case form", |p| p == "/krisis/baru").await;
    let prefilled = driver
        .find(By::Id("claim"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(prefilled, "Lonjakan pemberitaan: Kota Bandung");
    let source = driver.find(By::Id("source")).await.unwrap();
    assert_eq!(
        source.prop("value").await.unwrap().as_deref(),
        Some("alert")
    );
    fill(driver, "claim", CLAIM).await;
    fill(
        driver,
        "description",
        "Video banjir 2019 beredar di grup WhatsApp warga dengan keterangan hari ini.",
    )
    .await;
    fill(
        driver,
        "origin_links",
        "https://www.facebook.com/groups/1/posts/2",
    )
    .await;
    fill(driver, "region_codes", "32.73").await;
    choose(driver, "category", "Bencana").await;
    click_through(driver, button("/krisis", "Simpan")).await;
    let case_path = wait_for_path(driver, "the new case page", |p| {
        p.strip_prefix("/krisis/")
            .is_some_and(|id| id.parse::<i64>().is_ok())
    })
    .await;
    let title = driver.title().await.unwrap();
    assert!(
        title.starts_with("KRS-") && title.contains(CLAIM),
        "title: {title}"
    );
    assert!(text_of(driver, By::Tag("h1")).await.contains(CLAIM));
    assert_eq!(fact(driver, "Status").await, "Baru");
    assert_eq!(fact(driver, "Kategori").await, "Bencana");
    assert_eq!(fact(driver, "Wilayah").await, "32.73");
    let reference = fact(driver, "Nomor").await;

    // 3. Verification, verdict and escalation from the side panels.
    set_status(driver, "Baru", "Verifikasi").await;
    choose(driver, "verdict", "[HOAKS]").await;
    fill(driver, "verdict_note", "Video banjir 2019 di kota lain").await;
    choose(driver, "external_label", "[SALAH]").await;
    fill(driver, "external_url", "https://turnbackhoax.id/contoh").await;
    click_through(driver, button("/verifikasi", "Simpan verifikasi")).await;
    wait_for_text(driver, "the verdict", |t| {
        t.contains("Hasil verifikasi: [HOAKS]")
    })
    .await;
    assert!(
        fact(driver, "Hasil verifikasi")
            .await
            .starts_with("[HOAKS]")
    );
    fill(driver, "esc-reason", "Menyebar ke kabupaten lain").await;
    click_through(driver, button("/eskalasi", "Eskalasi")).await;
    wait_for_text(driver, "the escalation", |t| {
        t.contains("Eskalasi ke Provinsi Jawa Barat: Menyebar ke kabupaten lain")
    })
    .await;
    logout(driver).await;

    // 4. Siti (Jawa Barat) sees the bell, follows the notification and takes over.
    login(driver, base, SITI).await;
    let bell = driver.find(By::Css("header a.bell")).await.unwrap();
    assert_eq!(
        bell.attr("aria-label").await.unwrap().as_deref(),
        Some("Notifikasi: 1 belum dibaca")
    );
    assert_eq!(
        bell.find(By::Css(".count"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "1"
    );
    click_through(driver, By::Css("header a.bell")).await;
    wait_for_path(driver, "the notifications", |p| p == "/notifikasi").await;
    let escalation = format!("Eskalasi kasus {reference}: {CLAIM}");
    wait_for_text(driver, "the escalation notice", |t| {
        t.contains(&escalation) && t.contains("Menyebar ke kabupaten lain")
    })
    .await;
    click_through(driver, link(&escalation)).await;
    wait_for_path(driver, "the case from the notification", |p| p == case_path).await;
    wait_for_text(driver, "the escalation banner", |t| {
        t.contains("Unit Anda diminta ikut menangani kasus ini melalui eskalasi.")
    })
    .await;
    click_through(driver, button("/ambil-alih", "Ambil alih")).await;
    wait_for_text(driver, "the takeover", |t| {
        t.contains("Provinsi Jawa Barat mengambil alih kasus dari Kota Bandung")
    })
    .await;
    assert!(
        !text_of(driver, By::Tag("main"))
            .await
            .contains("diminta ikut menangani")
    );
    assert_eq!(fact(driver, "Pemilik").await, "Provinsi Jawa Barat");

    driver
        .find(By::XPath(
            "//summary[normalize-space()='Tulis pernyataan baru']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    choose(driver, "kind", "Klarifikasi").await;
    fill(driver, "st-title", ST_TITLE).await;
    fill(
        driver,
        "st-body",
        "Video tersebut direkam pada 2019 di kota lain, bukan di Bandung hari ini.",
    )
    .await;
    click_through(driver, button("/pernyataan", "Simpan draf")).await;
    let st_title = format!("[HOAKS] {ST_TITLE}");
    wait_for_text(driver, "the draft statement", |t| t.contains(&st_title)).await;
    click_through(driver, link(&st_title)).await;
    let st_path = wait_for_path(driver, "the statement page", |p| {
        p.starts_with("/krisis/pernyataan/")
    })
    .await;
    assert_eq!(text_of(driver, By::Tag("h1")).await, st_title);
    click_through(driver, button("/ajukan", "Ajukan untuk persetujuan")).await;
    wait_for_text(driver, "the statement under review", |t| {
        t.contains("Klarifikasi · Menunggu persetujuan")
    })
    .await;
    logout(driver).await;

    // 5. The spokesperson approves from the case page.
    login(driver, base, JUBIR).await;
    click_through(
        driver,
        By::XPath("//nav[@aria-label='Menu utama']//a[normalize-space()='Krisis']"),
    )
    .await;
    wait_for_text(driver, "the case in the list", |t| t.contains(CLAIM)).await;
    screenshot(driver, "crisis-list").await;
    click_through(driver, link(CLAIM)).await;
    wait_for_path(driver, "the case page", |p| p == case_path).await;
    wait_for_text(driver, "the approval badge", |t| {
        t.contains("Perlu persetujuan Anda")
    })
    .await;
    click_through(driver, link(&st_title)).await;
    wait_for_path(driver, "the statement page", |p| p == st_path).await;
    click_through(driver, button("/putuskan", "Setujui")).await;
    wait_for_text(driver, "the approval", |t| {
        t.contains("Klarifikasi · Disetujui") && t.contains(&format!("diputuskan oleh {JUBIR}"))
    })
    .await;
    screenshot(driver, "crisis-statement").await;
    logout(driver).await;

    // 6. Siti publishes the approved clarification on the province's portal (with the hoax
    //    label in the title), then responds, monitors and closes.
    login(driver, base, SITI).await;
    driver.goto(format!("{base}{st_path}")).await.unwrap();
    click_through(driver, button("/terbitkan", "Terbitkan ke portal")).await;
    let portal = wait_for_path(driver, "the portal article", |p| {
        p.starts_with("/portal/32/berita/")
    })
    .await;
    let h1 = text_of(driver, By::Tag("h1")).await;
    assert!(h1.starts_with("[HOAKS]"), "portal title: {h1}");
    screenshot(driver, "crisis-portal-clarification").await;
    driver.goto(format!("{base}{st_path}")).await.unwrap();
    wait_for_text(driver, "the published link", |t| {
        t.contains("Sudah terbit di portal") && t.contains(&portal)
    })
    .await;
    open_case_from_list(driver, &case_path).await;
    set_status(driver, "Verifikasi", "Respons").await;
    set_status(driver, "Respons", "Pemantauan").await;
    set_status(driver, "Pemantauan", "Selesai").await;

    // 7. The timeline has every step in order, with who and when.
    let items = driver.find_all(By::Css("ol.timeline > li")).await.unwrap();
    let mut entries = Vec::new();
    for li in items {
        let meta = li
            .find(By::Css(".meta"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let text = li.text().await.unwrap();
        entries.push((meta, text));
    }
    let day_at_end = today();
    let expected = [
        (AGUS, format!("Membuka kasus: {CLAIM}")),
        (AGUS, "Status: Baru → Verifikasi".to_owned()),
        (AGUS, "Hasil verifikasi: [HOAKS]".to_owned()),
        (
            AGUS,
            "Eskalasi ke Provinsi Jawa Barat: Menyebar ke kabupaten lain".to_owned(),
        ),
        (
            SITI,
            "Provinsi Jawa Barat mengambil alih kasus dari Kota Bandung".to_owned(),
        ),
        (SITI, format!("Draf klarifikasi: {st_title}")),
        (SITI, format!("Mengajukan persetujuan: {st_title}")),
        (JUBIR, format!("Menyetujui pernyataan: {st_title}")),
        (JUBIR, "Respons pertama: pernyataan disetujui".to_owned()),
        (SITI, "Klarifikasi diterbitkan di portal".to_owned()),
        (SITI, "Status: Verifikasi → Respons".to_owned()),
        (SITI, "Status: Respons → Pemantauan".to_owned()),
        (SITI, "Status: Pemantauan → Selesai".to_owned()),
    ];
    let listing = entries
        .iter()
        .map(|(_, t)| t.replace('\n', " | "))
        .collect::<Vec<_>>()
        .join("\n");
    let mut next = 0;
    for (who, step) in &expected {
        let found = entries[next..]
            .iter()
            .position(|(_, text)| text.contains(step.as_str()))
            .unwrap_or_else(|| panic!("timeline lacks «{step}» (in order):\n{listing}"));
        let (meta, _) = &entries[next + found];
        assert!(meta.contains(who), "«{step}» by {who}: {meta}");
        assert!(
            meta.contains(&day_at_start) || meta.contains(&day_at_end),
            "«{step}» dated today ({day_at_start}) in WIB: {meta}"
        );
        assert!(meta.contains(" WIB"), "{meta}");
        next += found + 1;
    }
    assert_eq!(fact(driver, "Status").await, "Selesai");
    assert!(fact(driver, "Target selesai").await.contains("ditutup"));
    screenshot(driver, "crisis-case").await;

    // No JavaScript errors, CSP violations or failed loads on any page along the way.
    let severe: Vec<String> = driver
        .browser_log()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.level == "SEVERE")
        .map(|e| e.message)
        .collect();
    assert!(severe.is_empty(), "browser console errors: {severe:#?}");
}
