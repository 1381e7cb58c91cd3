#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use sinergi_newsgen::{Corpus, GenConfig, LiveCorpus, serve_live};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Minimal HTTP/1.1 GET (no client dependency): status, headers (lowercase names), body.
async fn get(addr: SocketAddr, path: &str, extra: &str) -> (u16, Vec<(String, String)>, String) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8(buf).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn serves_feeds_pages_conditional_gets_and_new_articles() {
    let corpus = Corpus::generate(&GenConfig {
        articles: 400,
        ..GenConfig::default()
    });
    let host = corpus.outlets()[0].host.clone();
    let live = LiveCorpus::new(corpus);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve_live(listener, live.clone()));

    let (st, _, robots) = get(addr, "/robots.txt", "").await;
    assert_eq!(st, 200);
    assert!(robots.contains("Allow: /"));

    let feed_path = format!("/{host}/rss.xml");
    let (st, h, rss) = get(addr, &feed_path, "").await;
    assert_eq!(st, 200);
    let etag = header(&h, "etag").unwrap().to_string();
    let base = format!("http://{addr}");
    let items = sinergi_extract::parse_feed(rss.as_bytes(), Some(&base)).unwrap();
    assert!(!items.is_empty());
    assert!(
        items[0].url.starts_with(&format!("{base}/{host}/")),
        "{}",
        items[0].url
    );

    // The item link is served and extracts.
    let path = items[0].url.strip_prefix(&base).unwrap().to_string();
    let (st, _, page) = get(addr, &path, "").await;
    assert_eq!(st, 200);
    let art = sinergi_extract::extract_article(
        page.as_bytes(),
        &sinergi_extract::ExtractOptions::default(),
    )
    .unwrap();
    assert_eq!(art.title, items[0].title);

    // Conditional GET: same ETag -> 304 with no body.
    let (st, _, body) = get(addr, &feed_path, &format!("If-None-Match: {etag}\r\n")).await;
    assert_eq!(st, 304);
    assert!(body.is_empty());

    // Publish until this outlet has a new article; the feed changes and lists it first.
    let now = chrono::Utc::now().timestamp_millis();
    let mut newest = None;
    for k in 0..400 {
        let a = live.publish(now + k);
        if a.outlet.host == host {
            newest = Some(a);
            break;
        }
    }
    let newest = newest.expect("an article for the outlet");
    let (st, h, rss) = get(addr, &feed_path, &format!("If-None-Match: {etag}\r\n")).await;
    assert_eq!(st, 200);
    assert_ne!(header(&h, "etag").unwrap(), etag);
    let items = sinergi_extract::parse_feed(rss.as_bytes(), Some(&base)).unwrap();
    assert_eq!(items[0].url, newest.url_at(&base));
    let (st, _, _) = get(addr, &format!("/{host}/{}", newest.path()), "").await;
    assert_eq!(st, 200);

    for p in [
        format!("/{host}/sitemap.xml"),
        format!("/{host}/index.html"),
    ] {
        let (st, h, _) = get(addr, &p, "").await;
        assert_eq!(st, 200, "{p}");
        assert!(header(&h, "etag").is_some());
    }
    let (st, _, _) = get(addr, "/unknown.test/rss.xml", "").await;
    assert_eq!(st, 404);
    let (st, _, _) = get(addr, &format!("/{host}/nasional/2026/01/01/missing"), "").await;
    assert_eq!(st, 404);
}
