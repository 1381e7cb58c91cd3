//! Pantau Media in a real headless Chromium: an officer adds a news feed (served by a local
//! feed server), waits for its articles, searches with the query language, saves the search,
//! and looks at the dashboard, an article, the alerts and the daily clipping. Screenshots land
//! in `target/screenshots/monitor-*`.
//!
//! Same prerequisites as `browser.rs`: `/usr/bin/chromium` and `/usr/bin/chromedriver`;
//! skipped without them unless `SINERGI_REQUIRE_BROWSER=1`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::browser::*;
use common::{Backend, PASSWORD, TestServer};
use thirtyfour::prelude::*;

const DEWI: &str = "dewi@pusat.go.id";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_adds_a_feed_searches_and_saves_in_chromium() {
    if !browser_available() {
        return;
    }
    let started = Instant::now();
    let (server, m) = TestServer::start_monitoring(Backend::Sqlite).await;
    server.user("pusat", "officer", DEWI).await;
    let (host, outlet) = m.outlets()[1].clone();
    let feed = format!("{}/{host}/rss.xml", m.feeds);
    let word = m.live.read(|c| {
        let t = c.latest(&host, 1)[0].title.clone();
        t.split_whitespace()
            .max_by_key(|w| w.len())
            .unwrap()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    let base = server.base.clone();
    run_in_chromium(base, "monitor-failure", move |driver, base| async move {
        scenario(&driver, &base, &feed, &outlet, &word).await
    })
    .await;
    drop(m);
    eprintln!(
        "monitor browser test took {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

async fn scenario(driver: &WebDriver, base: &str, feed: &str, outlet: &str, word: &str) {
    driver.goto(format!("{base}/masuk")).await.unwrap();
    fill(driver, "email", DEWI).await;
    fill(driver, "password", PASSWORD).await;
    click_through(driver, button("/masuk", "Masuk")).await;
    wait_for_path(driver, "the dashboard", |p| p == "/").await;

    // Main menu → Pantau Media: nothing monitored yet, and the page says what to do.
    click_through(
        driver,
        By::XPath("//nav[@aria-label='Menu utama']//a[normalize-space()='Pantau Media']"),
    )
    .await;
    wait_for_text(driver, "the empty state", |t| {
        t.contains("Belum ada berita yang terpantau")
    })
    .await;

    // Sumber berita → + Tambah sumber → the form.
    click_through(
        driver,
        By::XPath("//nav[@aria-label='Menu Pantau Media']//a[normalize-space()='Sumber berita']"),
    )
    .await;
    click_through(driver, link("+ Tambah sumber")).await;
    fill(driver, "name", &format!("RSS {outlet}")).await;
    choose(driver, "kind", "Feed RSS/Atom").await;
    fill(driver, "url", feed).await;
    fill(driver, "outlet", outlet).await;
    fill(driver, "interval_minutes", "5").await;
    screenshot(driver, "monitor-1-add-source").await;
    click_through(
        driver,
        By::XPath("//form[@action='/pantau/sumber']//button[normalize-space()='Simpan']"),
    )
    .await;
    wait_for_path(driver, "the source page", |p| {
        p.starts_with("/pantau/sumber/")
    })
    .await;
    wait_for_text(driver, "the source facts", |t| {
        t.contains(feed) && t.contains("Aktif")
    })
    .await;

    // Cari berita: the feed's articles arrive (reload until they do; within a minute).
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        driver
            .goto(format!("{base}/pantau/cari?urut=terbaru"))
            .await
            .unwrap();
        let text = text_of(driver, By::Tag("body")).await;
        if !text.contains("0 berita ditemukan") && text.contains("berita ditemukan") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no article within a minute:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // Search with the query language; matched words are highlighted.
    fill(driver, "q", &format!("{word} source:\"{outlet}\"")).await;
    click_through(
        driver,
        By::XPath("//form[@role='search']//button[normalize-space()='Cari']"),
    )
    .await;
    let marks = driver.find_all(By::Css("ol.hits mark")).await.unwrap();
    assert!(!marks.is_empty(), "highlighted matches");
    screenshot(driver, "monitor-2-search").await;

    // Save the search (with notifications); it is listed on Pencarian tersimpan.
    fill(driver, "save-name", "Pantauan uji").await;
    click_through(
        driver,
        By::XPath("//form[@action='/pantau/pencarian']//button[normalize-space()='Simpan']"),
    )
    .await;
    wait_for_path(driver, "the saved searches", |p| p == "/pantau/pencarian").await;
    wait_for_text(driver, "the saved search", |t| {
        t.contains("Pantauan uji") && t.contains(word)
    })
    .await;

    // Back to the results, open the first article: its analysis is shown.
    click_through(driver, link("Pantauan uji")).await;
    click_through(driver, By::Css("ol.hits li h3 a")).await;
    wait_for_path(driver, "an article", |p| p.starts_with("/pantau/berita/")).await;
    wait_for_text(driver, "the article facts", |t| {
        t.contains("Frasa kunci") && t.contains(outlet)
    })
    .await;
    screenshot(driver, "monitor-3-article").await;

    // Dashboard with charts, then the clipping.
    click_through(
        driver,
        By::XPath("//nav[@aria-label='Menu Pantau Media']//a[normalize-space()='Dasbor']"),
    )
    .await;
    wait_for_text(driver, "the dashboard", |t| {
        t.contains("Isu teratas") && t.contains("berita dalam 14 hari")
    })
    .await;
    let charts = driver.find_all(By::Css("section.chart svg")).await.unwrap();
    assert!(charts.len() >= 3, "volume, tone and outlet charts");
    screenshot(driver, "monitor-4-dashboard").await;
    click_through(
        driver,
        By::XPath("//nav[@aria-label='Menu Pantau Media']//a[normalize-space()='Kliping harian']"),
    )
    .await;
    wait_for_text(driver, "the clipping", |t| {
        t.contains("Kliping harian") && t.contains("Unduh PDF")
    })
    .await;
    screenshot(driver, "monitor-5-clipping").await;
}
