//! Pantau Media end to end, on SQLite and PostgreSQL: an officer adds a feed served by a local
//! news server, sees its articles analysed within a minute, searches, saves a search and is
//! notified of a new match, gets a spike alert, exports results and downloads the clipping
//! PDF; bad input gets clear errors; articles are routed by region.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::{Backend, Browser, Monitoring, TestServer, backends, csrf_in};
use sinergi_monitor::pipeline::RawPage;

/// Waits until `f` returns `Some`, polling every 250 ms, for at most `limit`.
async fn until<T, F, Fut>(limit: Duration, mut f: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(v) = f().await {
            return Some(v);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    None
}

/// "<strong>37</strong> berita ditemukan" → 37.
fn total_of(html: &str) -> usize {
    common::result_count(html).expect("result count")
}

async fn add_feed(b: &Browser, m: &Monitoring, host: &str, outlet: &str) -> i64 {
    let url = format!("{}/{host}/rss.xml", m.feeds);
    let res = b
        .post_from(
            "/pantau/sumber/baru",
            "/pantau/sumber",
            &[
                ("name", &format!("Feed {outlet}")),
                ("kind", "feed"),
                ("url", &url),
                ("outlet", outlet),
                ("region_code", ""),
                ("interval_minutes", "5"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "adding a feed redirects to it");
    let loc = res.headers()["location"].to_str().unwrap().to_owned();
    loc.rsplit('/').next().unwrap().parse().unwrap()
}

async fn scenario(backend: Backend) {
    let (server, m) = TestServer::start_monitoring(backend).await;
    server.user("pusat", "officer", "pranata@pusat.test").await;
    let b = server.login("pranata@pusat.test").await;
    let (host, outlet) = m.outlets()[0].clone();

    // Empty state first.
    let (status, html) = b.text("/pantau").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Belum ada berita yang terpantau"),
        "empty dashboard explains what to do"
    );

    // Add the feed; its articles are fetched, analysed, stored and searchable within a minute.
    let started = Instant::now();
    let source_id = add_feed(&b, &m, &host, &outlet).await;
    let expected = m.live.read(|c| c.latest(&host, 50).len());
    assert!(expected > 5, "the outlet has articles");
    let total = until(Duration::from_secs(60), || async {
        let (_, html) = b.text("/pantau/cari?urut=terbaru").await;
        let n = total_of(&html);
        (n >= expected).then_some(n)
    })
    .await
    .expect("feed articles searchable within a minute");
    assert_eq!(total, expected, "every feed item stored once");
    eprintln!(
        "{backend:?}: {total} articles searchable {:.1} s after adding the feed",
        started.elapsed().as_secs_f64()
    );
    let (_, src) = b.text(&format!("/pantau/sumber/{source_id}")).await;
    assert!(src.contains("Sehat"), "the source is healthy");

    // Search a word of a title: the hit is highlighted, the article page shows the analysis.
    let (title, regions) = m.live.read(|c| {
        let a = c.latest(&host, 1)[0];
        (a.title.clone(), a.region_codes.clone())
    });
    let word = title
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let (status, html) = b.text(&format!("/pantau/cari?q={word}")).await;
    assert_eq!(status, 200);
    assert!(total_of(&html) >= 1);
    assert!(html.contains("<mark>"), "matched words are highlighted");
    let id_start = html.find("/pantau/berita/").unwrap() + "/pantau/berita/".len();
    let id: String = html[id_start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let (status, page) = b.text(&format!("/pantau/berita/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Wilayah") && page.contains("Frasa kunci"));

    // Region routing: the regency the newest article is about sees it; another regency does not.
    let regency = regions
        .iter()
        .find(|c| c.matches('.').count() == 1)
        .cloned()
        .expect("a regency code");
    server.user(&regency, "officer", "lokal@daerah.test").await;
    let other = if regency == "32.73" { "35.78" } else { "32.73" };
    server.user(other, "officer", "lain@daerah.test").await;
    let local = server.login("lokal@daerah.test").await;
    let stranger = server.login("lain@daerah.test").await;
    let newest_id = {
        let (_, html) = b
            .text(&format!(
                "/pantau/cari?q=title%3A%22{}%22",
                title.replace(' ', "+").replace('"', "")
            ))
            .await;
        let s = html.find("/pantau/berita/").unwrap() + "/pantau/berita/".len();
        html[s..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect::<String>()
    };
    assert_eq!(
        local
            .get(&format!("/pantau/berita/{newest_id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        stranger
            .get(&format!("/pantau/berita/{newest_id}"))
            .await
            .status(),
        404,
        "outside the region: not found"
    );
    let (_, theirs) = stranger.text("/pantau/cari?urut=terbaru").await;
    assert!(!theirs.contains(&format!("/pantau/berita/{newest_id}\"")));

    // A new article on the feed is picked up by "Ambil sekarang" (poll now).
    let fresh = m.live.publish(sinergi_core::time::now_millis());
    let fresh_source = if fresh.outlet.host != host {
        add_feed(&b, &m, &fresh.outlet.host, &fresh.outlet.name).await
    } else {
        source_id
    };
    let res = b
        .post_from(
            &format!("/pantau/sumber/{fresh_source}"),
            &format!("/pantau/sumber/{fresh_source}/ambil"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    let title_q = format!(
        "/pantau/cari?q=title%3A%22{}%22",
        urlencode(&fresh.title.replace('"', ""))
    );
    let found = until(Duration::from_secs(60), || async {
        let (_, html) = b.text(&title_q).await;
        (total_of(&html) >= 1).then_some(())
    })
    .await;
    assert!(
        found.is_some(),
        "the newly published article is fetched and searchable"
    );

    // Save a search for a province, then 12 new articles about it arrive: the owner is
    // notified of the new matches, and the spike (after a quiet fortnight) raises an alert
    // logged with who was notified.
    let now = sinergi_core::time::now_millis();
    let corpus = sinergi_newsgen::Corpus::generate(&sinergi_newsgen::GenConfig {
        seed: 99,
        articles: 400,
        start_ms: now - 6 * 3_600_000,
        days: 1,
        spike: false,
        ..Default::default()
    });
    let mut by_province: std::collections::HashMap<String, usize> = Default::default();
    for a in corpus.articles() {
        if let Some(p) = a.region_codes.iter().find(|c| !c.contains('.')) {
            *by_province.entry(p.clone()).or_default() += 1;
        }
    }
    let province = by_province.into_iter().max_by_key(|(_, n)| *n).unwrap().0;
    let res = b
        .post_from(
            "/pantau/pencarian",
            "/pantau/pencarian",
            &[
                ("name", "Wilayah uji"),
                ("query", &format!("region:{province}")),
                ("notify", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let pages: Vec<RawPage> = corpus
        .articles()
        .iter()
        .filter(|a| a.region_codes.iter().any(|c| c == &province))
        .take(12)
        .map(|a| common::raw_page(a, now))
        .collect();
    assert_eq!(pages.len(), 12);
    m.pipeline.ingest(pages, None).await.unwrap();
    m.pipeline.searcher().commit_if_dirty().unwrap();
    let (_, notes) = b.text("/notifikasi").await;
    assert!(
        notes.contains("berita baru: Wilayah uji"),
        "new matches of the saved search are notified"
    );
    let raised = server.core.scan_spikes(now).await.unwrap();
    assert!(
        raised.iter().any(|a| a.subject_label == "Wilayah uji"),
        "the saved search's spike alerts: {raised:?}"
    );
    let (_, alerts) = b.text("/pantau/peringatan").await;
    assert!(
        alerts.contains("Wilayah uji") && alerts.contains("pemilik pencarian: pranata@pusat.test")
    );
    // The same spike is not alerted twice the same day.
    assert!(
        server
            .core
            .scan_spikes(now)
            .await
            .unwrap()
            .iter()
            .all(|a| a.subject_label != "Wilayah uji")
    );

    // Exports of all results: CSV with BOM and one line per result; XLSX is a zip.
    let (_, html) = b.text("/pantau/cari?urut=terbaru").await;
    let all = total_of(&html);
    let csv = b.get("/pantau/ekspor.csv?urut=terbaru").await;
    assert_eq!(csv.status(), 200);
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFtanggal,judul,media"));
    let mut rdr = csv_reader(&bytes[3..]);
    assert_eq!(rdr.len(), all, "every result exported");
    rdr.clear();
    let xlsx = b.get("/pantau/ekspor.xlsx").await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));

    // Today's clipping: page and PDF.
    let (status, clip) = b.text("/pantau/kliping").await;
    assert_eq!(status, 200);
    assert!(clip.contains("Kliping harian"));
    let pdf = b.get("/pantau/kliping.pdf").await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));

    // Issues and the dashboard are populated.
    let (_, dash) = b.text("/pantau").await;
    assert!(
        dash.contains("Isu teratas") && dash.contains("<svg"),
        "dashboard with charts"
    );
    let issue_href = dash
        .find("/pantau/isu/")
        .map(|i| {
            dash[i..]
                .chars()
                .take_while(|c| *c != '"')
                .collect::<String>()
        })
        .expect("an issue link");
    assert_eq!(b.get(&issue_href).await.status(), 200);

    // From an article to a crisis case: the form is prefilled, and the case page shows the
    // related monitored coverage.
    let (_, article_page) = b.text(&format!("/pantau/berita/{id}")).await;
    let href = article_page
        .find("/krisis/baru?")
        .map(|i| {
            article_page[i..]
                .chars()
                .take_while(|c| *c != '"')
                .collect::<String>()
        })
        .expect("open-case link")
        .replace("&amp;", "&");
    let (status, form) = b.text(&href).await;
    assert_eq!(status, 200);
    assert!(
        form.contains("value=\"article\" selected"),
        "source preset to article"
    );
    let article_title = article_page
        .split("<h1>")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap()
        .to_owned();
    let res = b
        .post_from(
            &href,
            "/krisis",
            &[
                ("claim", &article_title),
                ("description", ""),
                ("origin_links", ""),
                ("region_codes", ""),
                ("category", "lainnya"),
                ("level", ""),
                ("tags", ""),
                ("source", "article"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "case opened");
    let case = res.headers()["location"].to_str().unwrap().to_owned();
    let (_, case_page) = b.text(&case).await;
    assert!(case_page.contains("Liputan terkait"), "coverage panel");
    let cov = case_page.split("Liputan terkait").nth(1).unwrap();
    assert!(
        cov.contains(&format!("/pantau/berita/{id}\"")),
        "the article itself is related coverage"
    );
    // The post-crisis report as a server-made PDF (with the coverage curve).
    let pdf = b.get(&format!("{case}/laporan.pdf")).await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF") && bytes.len() > 2_000);
    assert_eq!(b.get("/krisis/999999/laporan.pdf").await.status(), 404);
    // An alert can open a case too.
    let (_, alerts) = b.text("/pantau/peringatan").await;
    let link = alerts
        .find("krisis/baru")
        .map(|i| &alerts[i..(i + 60).min(alerts.len())]);
    assert!(
        link.is_some_and(|l| l.contains("sumber=alert")),
        "open-case link on alerts: {link:?}"
    );
}

fn csv_reader(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8_lossy(bytes);
    // Rows may contain quoted newlines; count records with a tiny quote-aware splitter.
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => row.push(std::mem::take(&mut cell)),
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    rows.remove(0); // header
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monitoring_end_to_end() {
    for backend in backends() {
        scenario(backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_clearly() {
    let (server, m) = TestServer::start_monitoring(Backend::Sqlite).await;
    server
        .user("32.73", "officer", "petugas@bandung.test")
        .await;
    server
        .user("32.73", "viewer", "pemantau@bandung.test")
        .await;
    let b = server.login("petugas@bandung.test").await;
    let host = m.outlets()[0].0.clone();
    let form = |url: String, interval: &'static str| {
        vec![
            ("name".to_owned(), "Feed".to_owned()),
            ("kind".to_owned(), "feed".to_owned()),
            ("url".to_owned(), url),
            ("outlet".to_owned(), "Media".to_owned()),
            ("region_code".to_owned(), String::new()),
            ("interval_minutes".to_owned(), interval.to_owned()),
        ]
    };
    let post = |fields: Vec<(String, String)>| {
        let b = &b;
        async move {
            let (_, page) = b.text("/pantau/sumber/baru").await;
            let mut all = vec![("_csrf".to_owned(), csrf_in(&page))];
            all.extend(fields);
            let r = b
                .client
                .post(format!("{}/pantau/sumber", b.base))
                .form(&all)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    // SSRF: metadata, private and loopback-by-name addresses are refused at save time.
    for bad in [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/rss",
        "http://localhost:8080/rss",
        "http://[::1]/rss",
        "http://127.0.0.2/rss",
    ] {
        let (status, html) = post(form(bad.into(), "5")).await;
        assert_eq!(status, 422, "{bad} refused");
        assert!(
            html.contains("ditolak") || html.contains("tidak"),
            "{bad}: clear message"
        );
    }
    let (status, html) = post(form("ftp://example.org/rss".into(), "5")).await;
    assert_eq!(status, 422);
    assert!(html.contains("http://"));
    let (status, html) = post(form(format!("{}/{host}/rss.xml", m.feeds), "0")).await;
    assert_eq!(status, 422);
    assert!(html.contains("Interval pengambilan"));
    let (status, html) = post(vec![("kind".into(), "podcast".into())]).await;
    assert_eq!(status, 422);
    assert!(html.contains("wajib diisi") && html.contains("Pilih jenis sumber"));
    let (_, list) = b.text("/pantau/sumber").await;
    assert!(list.contains("Belum ada sumber"), "nothing was saved");

    // A viewer may not add sources; no CSRF token is refused.
    let viewer = server.login("pemantau@bandung.test").await;
    assert_eq!(viewer.get("/pantau/sumber/baru").await.status(), 403);
    let r = b
        .post(
            "/pantau/sumber",
            &[
                ("name", "x"),
                ("kind", "feed"),
                ("url", "https://example.org/rss"),
                ("outlet", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);

    // Bad queries get the parser's message, not an error page.
    for q in [
        "(banjir",
        "\"banjir",
        "banjir AND",
        "kolom:nilai",
        "date:2026-13-45",
    ] {
        let (status, html) = b.text(&format!("/pantau/cari?q={}", urlencode(q))).await;
        assert_eq!(status, 422, "{q}");
        assert!(html.contains("class=\"alert\""), "{q}: message shown");
    }
    let (status, _) = b.text("/pantau/cari?dari=kemarin").await;
    assert_eq!(status, 422);
    let (status, _) = b.text(&format!("/pantau/cari?q={}", "a".repeat(600))).await;
    assert_eq!(status, 422);
    // A saved search must parse; nothing is saved otherwise.
    let r = b
        .post_from(
            "/pantau/pencarian",
            "/pantau/pencarian",
            &[("name", "Rusak"), ("query", "(banjir")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let (_, saved) = b.text("/pantau/pencarian").await;
    assert!(saved.contains("Belum ada pencarian tersimpan"));
    // Dates, ids and unknown records.
    assert_eq!(b.get("/pantau/kliping?tanggal=besok").await.status(), 400);
    assert_eq!(
        b.get("/pantau/kliping.pdf?tanggal=2999-01-01")
            .await
            .status(),
        400
    );
    assert_eq!(b.get("/pantau/berita/abc").await.status(), 404);
    assert_eq!(b.get("/pantau/berita/999999").await.status(), 404);
    assert_eq!(b.get("/pantau/isu/999999").await.status(), 404);
    assert_eq!(b.get("/pantau/sumber/999999").await.status(), 404);
    // Someone else's saved search cannot be deleted (not found).
    let r = b
        .post_from("/pantau/pencarian", "/pantau/pencarian/424242/hapus", &[])
        .await;
    assert_eq!(r.status(), 404);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_search_sources_and_alerts() {
    let (server, m) = TestServer::start_monitoring(Backend::Sqlite).await;
    server.user("pusat", "officer", "api@pusat.test").await;
    server.user("32.73", "officer", "api@bandung.test").await;
    let token = server.token("api@pusat.test").await;
    let local = server.token("api@bandung.test").await;
    let http = reqwest::Client::new();
    let get = |path: String, tok: String| {
        let http = http.clone();
        let url = server.url(&path);
        async move {
            let r = http.get(url).bearer_auth(tok).send().await.unwrap();
            let status = r.status().as_u16();
            (
                status,
                r.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    // Sources: SSRF-refused and malformed bodies are 422/400; a good one is 201 and polled.
    let post = |body: serde_json::Value| {
        let http = http.clone();
        let url = server.url("/api/v1/monitor/sources");
        let tok = token.clone();
        async move {
            let r = http
                .post(url)
                .bearer_auth(tok)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (
                status,
                r.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    let (status, body) = post(serde_json::json!({"name": "x", "kind": "feed", "url": "http://169.254.169.254/", "outlet": "x"})).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "url");
    let (status, _) = post(serde_json::json!({"name": "x", "kind": "feed"})).await;
    assert!(
        status == 400 || status == 422,
        "missing fields refused ({status})"
    );
    let (host, outlet) = m.outlets()[2].clone();
    let (status, created) = post(serde_json::json!({"name": "API feed", "kind": "feed", "url": format!("{}/{host}/rss.xml", m.feeds), "outlet": outlet, "interval_minutes": 10})).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["interval_minutes"], 10);
    let total = until(Duration::from_secs(60), || async {
        let (_, body) = get(
            "/api/v1/monitor/articles?sort=terbaru".into(),
            token.clone(),
        )
        .await;
        let n = body["total"].as_u64().unwrap_or(0);
        (n > 0).then_some(n)
    })
    .await
    .expect("articles via the API");
    let (_, list) = get("/api/v1/monitor/sources".into(), token.clone()).await;
    assert_eq!(list["total"], 1);
    // Search: bad queries are 422 with the parser's message; facets are present.
    let (status, body) = get("/api/v1/monitor/articles?q=%28banjir".into(), token.clone()).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "q");
    let (status, body) = get("/api/v1/monitor/articles?per_page=5".into(), token.clone()).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["hits"].as_array().unwrap().len(),
        (total as usize).min(5)
    );
    assert!(!body["sources"].as_array().unwrap().is_empty());
    // One article in full; a regency officer elsewhere gets 404 for articles not about it.
    let id = body["hits"][0]["article"]["id"].as_i64().unwrap();
    let regions = body["hits"][0]["article"]["region_codes"].clone();
    let (status, one) = get(format!("/api/v1/monitor/articles/{id}"), token.clone()).await;
    assert_eq!(status, 200);
    assert!(one["text"].as_str().unwrap().len() > 100);
    let about_bandung = regions
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c.as_str().unwrap().starts_with("32.73"));
    let (status, _) = get(format!("/api/v1/monitor/articles/{id}"), local.clone()).await;
    assert_eq!(status, if about_bandung { 200 } else { 404 });
    let (status, _) = get("/api/v1/monitor/articles/abc".into(), token.clone()).await;
    assert_eq!(status, 404);
    let (status, alerts) = get("/api/v1/monitor/alerts".into(), token.clone()).await;
    assert_eq!(status, 200);
    assert!(alerts["items"].is_array());
    let (status, _) = get("/api/v1/monitor/alerts?page=x".into(), token.clone()).await;
    assert_eq!(status, 400);
    // The OpenAPI document describes the monitoring endpoints.
    let doc = http
        .get(server.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(doc.contains("/api/v1/monitor/articles") && doc.contains("/api/v1/monitor/sources"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_that_goes_quiet_is_flagged_once() {
    use sinergi_core::monitor::{ArticleTone, NewArticle, SourceInput};
    let (server, m) = TestServer::start_monitoring(Backend::Sqlite).await;
    server.user("32.73", "officer", "sumber@bandung.test").await;
    let actor = server
        .core
        .actor_by_email("sumber@bandung.test")
        .await
        .unwrap();
    let (host, outlet) = m.outlets()[0].clone();
    let src = server
        .core
        .add_source(
            &actor,
            &SourceInput {
                name: "Feed lama".into(),
                kind: "feed".into(),
                url: format!("{}/{host}/rss.xml", m.feeds),
                outlet,
                region_code: "32.73".into(),
                interval_minutes: "15".into(),
            },
        )
        .await
        .unwrap();
    let now = sinergi_core::time::now_millis();
    // Three articles a day for the two weeks before yesterday, nothing in the last day.
    let articles: Vec<NewArticle> = (0..42)
        .map(|i| {
            let at = now - 86_400_000 - i64::from(i) * 8 * 3_600_000;
            NewArticle {
                canonical_url: format!("https://lama.test/{i}"),
                url: format!("https://lama.test/{i}"),
                source_id: Some(src.id),
                outlet: "Lama".into(),
                title: format!("Berita {i}"),
                author: None,
                published_at: at,
                fetched_at: at,
                language: "id".into(),
                body: "Isi".into(),
                word_count: 1,
                tone: ArticleTone::Neutral,
                tone_score: 0.0,
                region_codes: vec!["32.73".into()],
                entities: vec![],
                keyphrases: vec![],
                simhash: 0,
                story_id: None,
                issue_id: None,
            }
        })
        .collect();
    server
        .core
        .store()
        .insert_articles(&articles)
        .await
        .unwrap();
    assert_eq!(server.core.check_source_health(now).await.unwrap(), 1);
    assert_eq!(
        server.core.check_source_health(now).await.unwrap(),
        0,
        "once a day"
    );
    let s = server.core.source(&actor, src.id).await.unwrap();
    assert_eq!(s.health, "quiet");
    let alerts = server
        .core
        .alerts(&actor, Default::default())
        .await
        .unwrap();
    assert_eq!(alerts.items[0].kind, "source_quiet");
    let b = server.login("sumber@bandung.test").await;
    let (_, notes) = b.text("/notifikasi").await;
    assert!(notes.contains("Sumber berita melemah"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn republished_release_copies_form_one_story() {
    let (server, m) = TestServer::start_monitoring(Backend::Sqlite).await;
    let now = sinergi_core::time::now_millis();
    let corpus = sinergi_newsgen::Corpus::generate(&sinergi_newsgen::GenConfig {
        seed: 3,
        articles: 600,
        start_ms: now - 3 * 86_400_000,
        days: 3,
        release: Some(sinergi_newsgen::ReleaseSpec::demo()),
        ..Default::default()
    });
    let pages: Vec<RawPage> = corpus
        .articles()
        .iter()
        .map(|a| common::raw_page(a, now))
        .collect();
    // Several batches, so copies meet both inside a batch and across batches.
    for chunk in pages.chunks(150) {
        m.pipeline.ingest(chunk.to_vec(), None).await.unwrap();
    }
    let copies: Vec<&sinergi_newsgen::GenArticle> = corpus
        .articles()
        .iter()
        .filter(|a| a.kind == sinergi_newsgen::ArticleKind::Release)
        .collect();
    assert!(copies.len() >= 5, "the corpus has release copies");
    let system = server.core.system_actor("uji").await.unwrap();
    let ids = server
        .core
        .export_ids(&system, &Default::default())
        .await
        .unwrap();
    let all = server.core.export_batch(&system, &ids).await.unwrap();
    let stories: std::collections::HashSet<Option<i64>> = all
        .iter()
        .filter(|a| copies.iter().any(|c| c.title == a.title || a.url == c.url))
        .map(|a| a.story_id)
        .collect();
    assert_eq!(
        stories.len(),
        1,
        "every copy in one syndication group: {stories:?}"
    );
    assert!(stories.iter().next().unwrap().is_some());
    let one = all.iter().find(|a| a.url == copies[0].url).unwrap();
    let others = server.core.syndicated_copies(&system, one).await.unwrap();
    assert_eq!(others.len(), copies.len() - 1);
}

/// Publishes a release through the workflow (officer writes and submits, head approves,
/// officer publishes) and returns its id.
async fn publish_release(
    server: &TestServer,
    writer: &str,
    head: &str,
    title: &str,
    text: &str,
) -> i64 {
    use sinergi_core::newsroom::service::{ItemInput, StepInput};
    let w = server.core.actor_by_email(writer).await.unwrap();
    let h = server.core.actor_by_email(head).await.unwrap();
    let body: String = text
        .split("\n\n")
        .map(|p| {
            format!(
                "<p>{}</p>",
                p.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        })
        .collect();
    let input = ItemInput {
        kind: "rilis".into(),
        title: title.into(),
        lead: "Bantuan pangan mulai disalurkan.".into(),
        body,
        category: "sosial".into(),
        ..ItemInput::default()
    };
    let i = server.core.create_item(&w, &input).await.unwrap();
    let none = StepInput::default();
    let i = server
        .core
        .item_step(&w, i.id, i.version, "ajukan", &none, None)
        .await
        .unwrap();
    let i = server
        .core
        .item_step(&h, i.id, i.version, "setujui", &none, None)
        .await
        .unwrap();
    let i = server
        .core
        .item_step(&w, i.id, i.version, "terbitkan", &none, None)
        .await
        .unwrap();
    i.id
}

/// Moves a published item's publication time (as the demo does for its history).
async fn backdate(server: &TestServer, id: i64, at: i64) {
    use sinergi_core::newsroom::store::{ItemState, ItemWrite};
    let store = server.core.store();
    let item = store.item_by_id(id).await.unwrap().unwrap();
    let mut state = ItemState::of(&item);
    state.published_at = Some(at);
    let w = ItemWrite {
        state: &state,
        new_version: false,
        version_note: None,
        by: "uji",
        at: sinergi_core::time::now_millis(),
        event_kind: "uji",
        event_summary: "Uji: waktu terbit dimundurkan",
    };
    let audit = sinergi_core::network::AuditEntry {
        at: sinergi_core::time::now_millis(),
        actor_user_id: None,
        actor: "uji".into(),
        org_code: Some(item.org_code.clone()),
        action: "newsroom.test_backdate".into(),
        entity: "newsroom_item".into(),
        entity_id: id.to_string(),
        before: None,
        after: None,
        ip: None,
    };
    store
        .write_item(id, item.version, &w, &audit)
        .await
        .unwrap()
        .unwrap();
}

/// Pickups are found by the pipeline as articles arrive (and, for copies stored before the
/// release was published, by a backfill when the release enters the pickup index); the
/// release page lists each republishing outlet with its similarity, unrelated coverage is not
/// listed, the unit is notified once per batch, and a re-ingest records nothing twice.
async fn pickup_scenario(backend: Backend) {
    let (server, m) = TestServer::start_monitoring(backend).await;
    server.user("33", "officer", "humas@jateng.test").await;
    server.user("33", "head", "jubir@jateng.test").await;
    let now = sinergi_core::time::now_millis();
    let corpus = sinergi_newsgen::Corpus::generate(&sinergi_newsgen::GenConfig {
        seed: 11,
        articles: 400,
        start_ms: now - 12 * 3_600_000,
        days: 1,
        release: Some(sinergi_newsgen::ReleaseSpec::demo()),
        ..Default::default()
    });
    let page_of = |a: &sinergi_newsgen::GenArticle| common::raw_page(a, now);
    let copies: Vec<&sinergi_newsgen::GenArticle> = corpus
        .articles()
        .iter()
        .filter(|a| a.kind == sinergi_newsgen::ArticleKind::Release)
        .collect();
    assert!(copies.len() >= 4, "the corpus has release copies");
    // The first copy arrives before the release is published (an embargo broken, or a copy
    // of the draft): it is found by the backfill.
    let early = copies[0];
    m.pipeline.ingest(vec![page_of(early)], None).await.unwrap();
    let s = m.pipeline.searcher().clone();
    tokio::task::spawn_blocking(move || s.commit_if_dirty())
        .await
        .unwrap()
        .unwrap();

    let spec = sinergi_newsgen::ReleaseSpec::demo();
    let release = publish_release(
        &server,
        "humas@jateng.test",
        "jubir@jateng.test",
        &spec.title,
        &spec.text,
    )
    .await;
    // The generator dates the copies up to a day and a half back: date the release an hour
    // before the first copy, as if it had been published then.
    let first_copy = copies.iter().map(|c| c.published_ms).min().unwrap();
    backdate(&server, release, first_copy - 3_600_000).await;
    let rest: Vec<RawPage> = corpus
        .articles()
        .iter()
        .filter(|a| a.url != early.url)
        .map(page_of)
        .collect();
    for chunk in rest.chunks(100) {
        m.pipeline.ingest(chunk.to_vec(), None).await.unwrap();
    }

    let b = server.login("humas@jateng.test").await;
    let (status, page) = b.text(&format!("/rilis/{release}")).await;
    assert_eq!(status, 200);
    let section = &page[page.find("id=\"pemuatan\"").expect("pickup section")..];
    let section = &section[..section.find("</section>").unwrap()];
    let rows = section.matches("<tr><td>").count();
    assert_eq!(
        rows,
        copies.len(),
        "one row per republished copy: {section}"
    );
    for c in &copies {
        assert!(section.contains(&c.outlet.name), "{} listed", c.outlet.name);
    }
    // A copy carries most of the release (similarity shown as a percentage ≥ 20).
    let pct: Vec<u32> = section
        .split("%</td>")
        .filter_map(|s| s.rsplit("<td>").next()?.parse().ok())
        .collect();
    assert_eq!(pct.len(), copies.len());
    assert!(pct.iter().all(|p| *p >= 20), "{pct:?}");
    // Nothing else in the corpus is listed: only outlets of copies appear.
    let other = corpus
        .articles()
        .iter()
        .find(|a| a.kind != sinergi_newsgen::ArticleKind::Release && a.issue_key != "release")
        .unwrap();
    assert!(
        !section.contains(&other.title),
        "unrelated coverage is not a pickup"
    );

    // The unit heard about it (the backfill and the arrivals, not one notice per article).
    let (_, notes) = b.text("/notifikasi").await;
    let notices = notes.matches("Dimuat ulang oleh").count();
    assert!(
        notices >= 1 && notices <= 1 + rest.len().div_ceil(100),
        "{notices} notices"
    );

    // A re-ingest (a retried job) records nothing twice and notifies nobody again.
    for chunk in rest.chunks(100) {
        m.pipeline.ingest(chunk.to_vec(), None).await.unwrap();
    }
    let (_, page) = b.text(&format!("/rilis/{release}")).await;
    let section = &page[page.find("id=\"pemuatan\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert_eq!(section.matches("<tr><td>").count(), copies.len());
    let (_, notes) = b.text("/notifikasi").await;
    assert_eq!(notes.matches("Dimuat ulang oleh").count(), notices);

    // Another regency cannot read the release's pickups.
    server.user("32.73", "officer", "humas@bandung.test").await;
    let other = server.login("humas@bandung.test").await;
    let (status, _) = other.text(&format!("/rilis/{release}")).await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn release_pickups_are_found_at_ingest() {
    for backend in backends() {
        pickup_scenario(backend).await;
    }
}
