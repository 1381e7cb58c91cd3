//! Rilis & Portal end to end in a real headless Chromium: an officer writes a release in the
//! WYSIWYG editor and submits it; the head approves it; the officer publishes it; the public
//! portal shows it with "Baca Juga"; a reader comments, the comment waits for moderation, the
//! officer approves it and it is shown. Screenshots land in `target/screenshots/newsroom-*`.
//!
//! Same prerequisites as `browser.rs`: `/usr/bin/chromium` and `/usr/bin/chromedriver`;
//! skipped without them unless `SINERGI_REQUIRE_BROWSER=1`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::browser::*;

use std::time::Instant;

use common::{Backend, PASSWORD, TestServer};
use sinergi_core::newsroom::service::{ItemInput, StepInput};
use thirtyfour::prelude::*;

const WAHYU: &str = "wahyu@semarang.go.id";
const KEPALA: &str = "kepala@semarang.go.id";
const TITLE: &str = "Pemkot Semarang Tambah Posko Banjir Rob di Pesisir Utara";
const COMMENT: &str = "Terima kasih, posko di Tanjung Mas sangat membantu warga.";

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

async fn open_release(driver: &WebDriver) {
    click_through(
        driver,
        By::XPath("//nav[@aria-label='Menu utama']//a[normalize-space()='Rilis & Portal']"),
    )
    .await;
    wait_for_path(driver, "the newsroom list", |p| p == "/rilis").await;
    click_through(driver, link(TITLE)).await;
    wait_for_text(driver, "the release page", |t| {
        t.contains("Langkah berikutnya") || t.contains("Riwayat")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn release_from_draft_to_portal_and_moderated_comment_in_chromium() {
    if !browser_available() {
        return;
    }
    let started = Instant::now();
    let server = TestServer::start(Backend::Sqlite).await;
    server.user("33.74", "officer", WAHYU).await;
    server.user("33.74", "head", KEPALA).await;
    // Two earlier articles of the same portal, one on the same topic, for "Baca Juga".
    let w = server.core.actor_by_email(WAHYU).await.unwrap();
    let h = server.core.actor_by_email(KEPALA).await.unwrap();
    for (title, body, cat) in [
        (
            "Banjir Rob Genangi Kawasan Tanjung Mas",
            "<p>Banjir rob menggenangi kawasan pesisir Tanjung Mas. Warga mengungsi ke posko banjir rob terdekat.</p>",
            "bencana",
        ),
        (
            "Festival Kuliner Kota Lama Digelar Akhir Pekan",
            "<p>Festival kuliner digelar di Kota Lama dengan puluhan pedagang makanan khas Semarang.</p>",
            "pariwisata",
        ),
    ] {
        let input = ItemInput {
            kind: "berita".into(),
            title: title.into(),
            lead: "Teras berita.".into(),
            body: body.into(),
            category: cat.into(),
            ..ItemInput::default()
        };
        let i = server.core.create_item(&w, &input).await.unwrap();
        let i = server
            .core
            .item_step(&w, i.id, i.version, "ajukan", &StepInput::default(), None)
            .await
            .unwrap();
        let i = server
            .core
            .item_step(&h, i.id, i.version, "setujui", &StepInput::default(), None)
            .await
            .unwrap();
        server
            .core
            .item_step(
                &w,
                i.id,
                i.version,
                "terbitkan",
                &StepInput::default(),
                None,
            )
            .await
            .unwrap();
    }
    let base = server.base.clone();
    run_in_chromium(base, "newsroom-failure", |driver, base| async move {
        scenario(&driver, &base).await
    })
    .await;
    eprintln!(
        "newsroom browser test took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

async fn scenario(driver: &WebDriver, base: &str) {
    // 1. The officer writes the release in the editor.
    login(driver, base, WAHYU).await;
    click_through(
        driver,
        By::XPath("//nav[@aria-label='Menu utama']//a[normalize-space()='Rilis & Portal']"),
    )
    .await;
    click_through(driver, link("+ Tulis rilis")).await;
    wait_for_path(driver, "the release form", |p| p == "/rilis/baru").await;
    fill(driver, "title", TITLE).await;
    fill(
        driver,
        "lead",
        "Pemkot Semarang menambah dua posko banjir rob di pesisir utara.",
    )
    .await;
    let area = driver
        .find(By::Css(".ed-area"))
        .await
        .expect("the WYSIWYG editor replaced the textarea");
    area.click().await.unwrap();
    area.send_keys("Dua posko banjir rob baru dibuka di Tanjung Mas dan Bandarharjo. ")
        .await
        .unwrap();
    // Bold through the toolbar, then more text.
    driver
        .find(By::Css(".ed-toolbar button[aria-label='Tebal']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    area.send_keys("Posko buka 24 jam.").await.unwrap();
    choose(driver, "category", "Kebencanaan").await;
    fill(driver, "tags", "banjir, rob").await;
    screenshot(driver, "newsroom-editor").await;
    click_through(driver, button("/rilis", "Simpan draf")).await;
    let item_path = wait_for_path(driver, "the release page", |p| {
        p.strip_prefix("/rilis/")
            .is_some_and(|id| id.parse::<i64>().is_ok())
    })
    .await;
    wait_for_text(driver, "the saved draft", |t| {
        t.contains("Posko buka 24 jam") && t.contains("Draf")
    })
    .await;
    let strong = text_of(driver, By::Css(".preview .prose strong")).await;
    assert!(
        strong.contains("Posko buka 24 jam"),
        "bold survived sanitising: {strong}"
    );
    click_through(driver, button("/langkah", "Ajukan untuk ditinjau")).await;
    wait_for_text(driver, "the submission", |t| {
        t.contains("Diajukan untuk ditinjau")
    })
    .await;
    logout(driver).await;

    // 2. The head approves it.
    login(driver, base, KEPALA).await;
    open_release(driver).await;
    click_through(driver, button("/langkah", "Setujui")).await;
    wait_for_text(driver, "the approval", |t| {
        t.contains("Disetujui untuk terbit")
    })
    .await;
    logout(driver).await;

    // 3. The officer publishes it and opens it on the portal.
    login(driver, base, WAHYU).await;
    open_release(driver).await;
    click_through(driver, button("/langkah", "Terbitkan sekarang")).await;
    wait_for_text(driver, "the publication", |t| {
        t.contains("Diterbitkan di portal")
    })
    .await;
    let item_id = item_path.trim_start_matches("/rilis/").to_owned();
    click_through(driver, link("Lihat di portal ↗")).await;
    let portal_path = wait_for_path(driver, "the portal article", |p| {
        p.starts_with(&format!("/portal/33.74/berita/{item_id}-"))
    })
    .await;
    assert_eq!(text_of(driver, By::Tag("h1")).await, TITLE);
    let related = text_of(driver, By::Css(".p-related")).await;
    assert!(
        related.contains("Banjir Rob Genangi Kawasan Tanjung Mas"),
        "Baca Juga: {related}"
    );
    screenshot(driver, "newsroom-portal-article").await;
    logout_from_portal(driver, base).await;

    // 4. A reader comments; it waits for moderation.
    driver.goto(format!("{base}{portal_path}")).await.unwrap();
    fill(driver, "k-name", "Sri Wahyuni").await;
    fill(driver, "k-body", COMMENT).await;
    click_through(driver, button("/komentar", "Kirim komentar")).await;
    let text = wait_for_text(driver, "the moderation notice", |t| {
        t.contains("menunggu") || t.contains("diperiksa moderator")
    })
    .await;
    assert!(
        !text.contains(COMMENT),
        "the comment is not shown before approval"
    );

    // 5. The officer approves it in the moderation queue; the portal shows it.
    login(driver, base, WAHYU).await;
    driver.goto(format!("{base}/rilis/komentar")).await.unwrap();
    wait_for_text(driver, "the queue", |t| t.contains(COMMENT)).await;
    screenshot(driver, "newsroom-moderation").await;
    click_through(
        driver,
        By::XPath("//form[contains(@action,'/setujui')]//button[normalize-space()='Setujui']"),
    )
    .await;
    wait_for_text(driver, "the emptied queue", |t| !t.contains(COMMENT)).await;
    driver.goto(format!("{base}{portal_path}")).await.unwrap();
    wait_for_text(driver, "the approved comment", |t| {
        t.contains(COMMENT) && t.contains("Sri Wahyuni")
    })
    .await;
    screenshot(driver, "newsroom-portal-comment").await;
}

/// The portal has no session chrome: sign out through the officers' pages.
async fn logout_from_portal(driver: &WebDriver, base: &str) {
    driver.goto(format!("{base}/")).await.unwrap();
    logout(driver).await;
}
