//! End-to-end test in a real headless Chromium driven through chromedriver (W3C WebDriver):
//! sign in, dashboard, organisation directory with htmx live search, an organisation page,
//! the users page and sign out. Screenshots land in `target/screenshots/`.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian packages `chromium` and
//! `chromium-driver`). Without them the test is skipped with a note, unless
//! `SINERGI_REQUIRE_BROWSER=1` is set (as in CI), in which case it fails.

// Test code may unwrap; clippy's allow-*-in-tests only covers `#[test]` functions, not the
// helpers here and in `common`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::browser::*;
use common::{Backend, PASSWORD, TestServer};
use thirtyfour::prelude::*;

/// Text of the whole page.
async fn body_text(driver: &WebDriver) -> String {
    driver
        .find(By::Tag("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Waits until `check` holds for the page's text, or fails with the last text seen.
async fn wait_for_text(driver: &WebDriver, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = body_text(driver).await;
        if check(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; page {} shows:\n{text}",
            driver.current_url().await.unwrap()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the browser is on `path` (ignoring the query string).
async fn wait_for_path(driver: &WebDriver, path: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let url = driver.current_url().await.unwrap();
        if url.path() == path {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {path}, still on {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Text of the directory results (`#hasil`, the htmx swap target).
async fn results_text(driver: &WebDriver) -> String {
    driver
        .find(By::Id("hasil"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap_or_default()
}

async fn wait_for_results(driver: &WebDriver, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        // The element is replaced by htmx; a stale reference just means "try again".
        let text = results_text(driver).await;
        if check(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; results show:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn type_search(driver: &WebDriver, text: &str) {
    let q = driver.find(By::Id("q")).await.unwrap();
    q.clear().await.unwrap();
    q.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_browse_directory_and_sign_out_in_chromium() {
    if !browser_available() {
        return;
    }
    let started = Instant::now();
    let server = TestServer::start(Backend::Sqlite).await;
    server.user("32", "admin", "dedi@jabarprov.go.id").await;
    let base = server.base.clone();
    run_in_chromium(base, "failure", |driver, base| async move {
        scenario(&driver, &base).await
    })
    .await;
    eprintln!("browser test took {:.1} s", started.elapsed().as_secs_f64());
}

async fn scenario(driver: &WebDriver, base: &str) {
    let url = |path: &str| format!("{base}{path}");

    // Sign in through the form.
    driver.goto(url("/masuk")).await.unwrap();
    assert_eq!(driver.title().await.unwrap(), "Masuk · Sinergi");
    driver
        .find(By::Id("email"))
        .await
        .unwrap()
        .send_keys("dedi@jabarprov.go.id")
        .await
        .unwrap();
    driver
        .find(By::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    driver
        .find(By::Css("form[action='/masuk'] button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(driver, "/").await;
    let dashboard = wait_for_text(driver, "the dashboard", |t| {
        t.contains("Selamat datang, Pengguna dedi@jabarprov.go.id")
    })
    .await;
    assert!(dashboard.contains("Keluar"), "{dashboard}");
    // The stylesheet really applies (the header is laid out by app.css, not browser defaults).
    let body_margin = driver
        .find(By::Tag("body"))
        .await
        .unwrap()
        .css_value("margin-top")
        .await
        .unwrap();
    assert_eq!(body_margin, "0px", "app.css is loaded and applied");
    screenshot(driver, "dashboard").await;
    // The same page on a phone-sized screen (for a look at the layout, not asserted).
    let cdp = driver.cdp();
    cdp.send_raw(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
    )
    .await
    .unwrap();
    screenshot(driver, "dashboard-mobile").await;
    cdp.send_raw(
        "Emulation.clearDeviceMetricsOverride",
        serde_json::json!({}),
    )
    .await
    .unwrap();

    // The directory through the main navigation.
    driver
        .find(By::XPath(
            "//nav[@aria-label='Menu utama']//a[normalize-space()='Organisasi']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(driver, "/organisasi").await;
    wait_for_text(driver, "the directory", |t| {
        t.contains("Direktori organisasi")
    })
    .await;
    let current = driver
        .find(By::Css("nav a[aria-current='page']"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(current, "Organisasi");
    let first_page = results_text(driver).await;
    // The first page is sorted by code: the centre, then Aceh; no Bandung yet.
    assert!(first_page.contains("Provinsi Aceh"), "{first_page}");
    assert!(!first_page.contains("Kota Bandung"), "{first_page}");
    screenshot(driver, "directory").await;

    // htmx live search swaps only the results table: a marker set on the page survives.
    driver
        .execute("window.sinergiMarker = 'tetap';", vec![])
        .await
        .unwrap();
    type_search(driver, "surabaya").await;
    wait_for_results(driver, "Kota Surabaya in the results", |t| {
        t.contains("Kota Surabaya") && !t.contains("Provinsi Aceh")
    })
    .await;
    type_search(driver, "bandung").await;
    let results = wait_for_results(driver, "Kota Bandung without Kota Surabaya", |t| {
        t.contains("Kota Bandung") && !t.contains("Kota Surabaya")
    })
    .await;
    assert!(results.contains("32.73"), "{results}");
    assert!(results.contains("Kabupaten Bandung"), "{results}");
    let marker = driver
        .execute("return window.sinergiMarker || null;", vec![])
        .await
        .unwrap()
        .convert::<Option<String>>()
        .unwrap();
    assert_eq!(
        marker.as_deref(),
        Some("tetap"),
        "live search must not reload the page"
    );
    let searched = driver.current_url().await.unwrap();
    assert_eq!(searched.path(), "/organisasi");
    assert!(
        searched
            .query_pairs()
            .any(|(k, v)| k == "q" && v == "bandung"),
        "hx-push-url keeps the search in the address bar: {searched}"
    );
    screenshot(driver, "directory-search").await;

    // Jawa Barat lists its regencies and cities.
    driver.goto(url("/organisasi/32")).await.unwrap();
    let org = wait_for_text(driver, "the Jawa Barat page", |t| {
        t.contains("Kabupaten/kota (27)")
    })
    .await;
    assert!(org.contains("Jawa Barat"), "{org}");
    let row = driver
        .find(By::XPath(
            "//tr[td/code[normalize-space()='32.73']][td/a[normalize-space()='Kota Bandung']]",
        ))
        .await
        .expect("Kota Bandung row with code 32.73");
    assert_eq!(
        row.find(By::Tag("a"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .as_deref(),
        Some("/organisasi/32.73")
    );
    screenshot(driver, "org-32").await;

    // The users page (a province admin sees the users of the province).
    driver
        .find(By::XPath(
            "//nav[@aria-label='Menu utama']//a[normalize-space()='Pengguna']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(driver, "/pengguna").await;
    wait_for_text(driver, "the users page", |t| {
        t.contains("dedi@jabarprov.go.id") && t.contains("Tambah pengguna")
    })
    .await;
    screenshot(driver, "users").await;

    // Sign out with the header button; the login page is shown again.
    driver
        .find(By::XPath(
            "//form[@action='/keluar']/button[normalize-space()='Keluar']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(driver, "/masuk").await;
    let login = wait_for_text(driver, "the login page", |t| t.contains("Masuk ke Sinergi")).await;
    assert!(!login.contains("Keluar"), "{login}");
    assert!(login.contains("Anda telah keluar."), "{login}");
    screenshot(driver, "logged-out").await;
    assert!(driver.find(By::Id("email")).await.is_ok());
    assert!(
        driver
            .get_named_cookie("sinergi_sesi")
            .await
            .map(|c| c.value.is_empty())
            .unwrap_or(true),
        "session cookie is gone"
    );
    // The session is really over: the dashboard sends us back to the login page.
    driver.goto(url("/")).await.unwrap();
    wait_for_path(driver, "/masuk").await;

    // No JavaScript errors, CSP violations or failed loads along the way. The app has no
    // favicon yet, and Chromium asks for /favicon.ico on its own: that 404 is tolerated.
    let severe: Vec<String> = driver
        .browser_log()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.level == "SEVERE" && !e.message.contains("/favicon.ico "))
        .map(|e| e.message)
        .collect();
    assert!(severe.is_empty(), "browser console errors: {severe:#?}");
}
