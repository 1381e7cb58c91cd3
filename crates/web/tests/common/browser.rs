//! Shared by the browser tests: chromedriver and a headless Chromium on 127.0.0.1, skip or
//! fail when they are missing, and full-page screenshots into `target/screenshots/`.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const WAIT: Duration = Duration::from_secs(15);

/// A chromedriver process on a free 127.0.0.1 port with a fresh Chromium profile folder;
/// both are cleaned up on drop. Its log goes to `target/screenshots/chromedriver.log`.
pub struct ChromeDriver {
    pub child: Child,
    pub url: String,
    pub scratch: PathBuf,
}

impl ChromeDriver {
    pub async fn start() -> Self {
        let scratch = std::env::temp_dir().join(format!(
            "sinergi-browser-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let profile = scratch.join("profile");
        std::fs::create_dir_all(&profile).unwrap();
        // The port is free when probed; chromedriver might still lose a race for it, so
        // try a few times.
        let mut last_error = String::new();
        for _ in 0..3 {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let mut child = Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .arg("--allowed-ips=127.0.0.1")
                .arg(format!(
                    "--log-path={}",
                    screenshot_dir().join("chromedriver.log").display()
                ))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start chromedriver");
            let url = format!("http://127.0.0.1:{port}");
            match wait_ready(&mut child, &url).await {
                Ok(()) => {
                    return Self {
                        child,
                        url,
                        scratch,
                    };
                }
                Err(e) => {
                    last_error = e;
                    let _ = child.kill();
                    let _ = child.wait();
                }
            }
        }
        panic!("chromedriver did not start: {last_error}");
    }

    pub fn profile_dir(&self) -> PathBuf {
        self.scratch.join("profile")
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// Polls chromedriver's `/status` until it reports ready.
pub async fn wait_ready(child: &mut Child, url: &str) -> Result<(), String> {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("chromedriver exited with {status}"));
        }
        if let Ok(r) = client.get(format!("{url}/status")).send().await
            && let Ok(v) = r.json::<serde_json::Value>().await
            && v["value"]["ready"] == true
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("no ready status within 20 s".into())
}

/// Whether the browser binaries are there; panics when they are required but missing.
pub fn browser_available() -> bool {
    let present = Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists();
    if !present {
        let required = std::env::var("SINERGI_REQUIRE_BROWSER").is_ok_and(|v| v.trim() == "1");
        assert!(
            !required,
            "SINERGI_REQUIRE_BROWSER=1 but {CHROMEDRIVER} or {CHROMIUM} is missing \
             (apt-get install chromium chromium-driver)"
        );
        eprintln!("browser test skipped: chromedriver/chromium not installed");
    }
    present
}

pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap()
}

/// Saves a screenshot of the whole page (beyond the viewport, through Chromium's DevTools
/// protocol as exposed by chromedriver).
pub async fn screenshot(driver: &WebDriver, name: &str) {
    use base64::Engine;
    let shot = driver
        .cdp()
        .send_raw(
            "Page.captureScreenshot",
            serde_json::json!({"format": "png", "captureBeyondViewport": true}),
        )
        .await
        .unwrap();
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().expect("screenshot data"))
        .unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "screenshot is a PNG");
    let path = screenshot_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

/// Starts chromedriver and a headless Chromium, runs `scenario` against `base`, and closes the
/// browser. A failed assertion leaves `<failure_name>.png` in `target/screenshots/`.
pub async fn run_in_chromium<F, Fut>(base: String, failure_name: &'static str, scenario: F)
where
    F: FnOnce(WebDriver, String) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let _ = std::fs::remove_file(screenshot_dir().join(format!("{failure_name}.png")));
    let chromedriver = ChromeDriver::start().await;
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(CHROMIUM).unwrap();
    for arg in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
    ] {
        caps.add_arg(arg).unwrap();
    }
    caps.add_arg(&format!(
        "--user-data-dir={}",
        chromedriver.profile_dir().display()
    ))
    .unwrap();
    caps.set_browser_log_level(thirtyfour::LoggingPrefsLogLevel::All)
        .unwrap();
    let driver = WebDriver::new(chromedriver.url.clone(), caps)
        .await
        .expect("new Chromium session");
    driver
        .run_and_quit(|driver| async move {
            // Run the scenario as its own task so that a failed assertion still leaves a
            // screenshot of what the browser showed; the browser is closed either way.
            let run = tokio::spawn(scenario(driver.clone(), base)).await;
            if let Err(e) = run {
                if let Ok(url) = driver.current_url().await {
                    eprintln!("browser was on {url} when the scenario failed");
                }
                screenshot(&driver, failure_name).await;
                std::panic::resume_unwind(e.into_panic());
            }
            Ok::<(), WebDriverError>(())
        })
        .await
        .unwrap();
    drop(chromedriver);
}

// Page helpers shared by the browser scenarios.

pub async fn text_of(driver: &WebDriver, by: By) -> String {
    match driver.find(by).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Waits until `check` holds for the page's text, or fails with the last text seen.
pub async fn wait_for_text(driver: &WebDriver, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = text_of(driver, By::Tag("body")).await;
        if check(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; page {} shows:\n{text}",
            driver.current_url().await.unwrap()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the browser's path satisfies `check`; returns the path.
pub async fn wait_for_path(driver: &WebDriver, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let url = driver.current_url().await.unwrap();
        if check(url.path()) {
            return url.path().to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}, still on {url}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Clicks what `by` finds and waits until the browser has left the current document (the
/// old `<html>` goes stale), i.e. a link was followed or a form answered.
pub async fn click_through(driver: &WebDriver, by: By) {
    let what = format!("{by:?}");
    let old = driver.find(By::Tag("html")).await.unwrap();
    driver
        .find(by)
        .await
        .unwrap_or_else(|e| panic!("no {what}: {e}"))
        .click()
        .await
        .unwrap();
    old.wait_until()
        .wait(WAIT, Duration::from_millis(50))
        .stale()
        .await
        .unwrap_or_else(|e| panic!("clicking {what} did not load a page: {e}"));
}

/// A submit button (or link) by its visible text, inside the form posting to `action_end`.
pub fn button(action_end: &str, label: &str) -> By {
    By::XPath(format!(
        "//form[substring(@action, string-length(@action) - {len} + 1) = '{action_end}']\
         //button[normalize-space()='{label}']",
        len = action_end.len()
    ))
}

pub fn link(label: &str) -> By {
    By::XPath(format!("//a[normalize-space()='{label}']"))
}

pub async fn fill(driver: &WebDriver, id: &str, text: &str) {
    let e = driver.find(By::Id(id)).await.unwrap();
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

/// Chooses an option of the `<select>` with `id` by its visible label.
pub async fn choose(driver: &WebDriver, id: &str, label: &str) {
    let e = driver.find(By::Id(id)).await.unwrap();
    SelectElement::new(&e)
        .await
        .unwrap()
        .select_by_exact_text(label)
        .await
        .unwrap_or_else(|err| panic!("no option «{label}» in #{id}: {err}"));
}
