#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Fetcher tests against servers started on 127.0.0.1 (no outside network).

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sinergi_monitor::fetch::{
    FetchConfig, FetchError, FetchOutcome, FetchRequest, Fetcher, ForbidReason, check_url,
    check_url_resolved,
};

#[derive(Default)]
struct Srv {
    robots: Option<(u16, String)>,
    robots_hits: AtomicUsize,
    inflight: AtomicUsize,
    max_inflight: AtomicUsize,
    hits: AtomicUsize,
    port: AtomicUsize,
}

type S = State<Arc<Srv>>;

async fn robots(State(s): S) -> Response {
    s.robots_hits.fetch_add(1, Ordering::SeqCst);
    match &s.robots {
        Some((code, body)) => (StatusCode::from_u16(*code).unwrap(), body.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn page(State(s): S) -> Response {
    s.hits.fetch_add(1, Ordering::SeqCst);
    let now = s.inflight.fetch_add(1, Ordering::SeqCst) + 1;
    s.max_inflight.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(150)).await;
    s.inflight.fetch_sub(1, Ordering::SeqCst);
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<html><title>Berita</title></html>",
    )
        .into_response()
}

fn redirect(to: String) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

async fn loop_hop(State(s): S, axum::extract::Path(n): axum::extract::Path<u32>) -> Response {
    let port = s.port.load(Ordering::SeqCst);
    redirect(format!("http://127.0.0.1:{port}/loop/{}", n + 1))
}

async fn conditional(headers: HeaderMap) -> Response {
    let etag = "\"v1\"";
    let lm = "Wed, 25 Nov 2026 10:00:00 GMT";
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v == etag)
        || headers
            .get(header::IF_MODIFIED_SINCE)
            .is_some_and(|v| v == lm)
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    (
        [(header::ETAG, etag), (header::LAST_MODIFIED, lm)],
        "<p>isi</p>",
    )
        .into_response()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

async fn serve(srv: Srv) -> (SocketAddr, Arc<Srv>) {
    let srv = Arc::new(srv);
    let app = Router::new()
        .route("/robots.txt", get(robots))
        .route("/page", get(page))
        .route("/private/page", get(page))
        .route(
            "/to-metadata",
            get(|| async { redirect("http://169.254.169.254/latest/meta-data/".into()) }),
        )
        .route(
            "/to-page",
            get(|State(s): S| async move {
                redirect(format!(
                    "http://127.0.0.1:{}/page",
                    s.port.load(Ordering::SeqCst)
                ))
            }),
        )
        .route(
            "/to-loopback2",
            get(|State(s): S| async move {
                redirect(format!(
                    "http://127.0.0.2:{}/page",
                    s.port.load(Ordering::SeqCst)
                ))
            }),
        )
        .route(
            "/to-ftp",
            get(|| async { redirect("ftp://127.0.0.1/x".into()) }),
        )
        .route("/loop/{n}", get(loop_hop))
        .route("/cond", get(conditional))
        .route(
            "/429",
            get(|| async {
                (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "1")]).into_response()
            }),
        )
        .route(
            "/503",
            get(|| async { StatusCode::SERVICE_UNAVAILABLE.into_response() }),
        )
        .route(
            "/404",
            get(|| async { StatusCode::NOT_FOUND.into_response() }),
        )
        .route("/big", get(|| async { vec![b'a'; 200_000] }))
        .route(
            "/bomb",
            get(|| async {
                // 4 MiB of zeros is a few KiB on the wire: the limit must count decompressed bytes.
                let mut h = HeaderMap::new();
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                (h, gzip(&vec![0u8; 4 * 1024 * 1024])).into_response()
            }),
        )
        .route(
            "/gz",
            get(|| async {
                let mut h = HeaderMap::new();
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
                (h, gzip("<html>Pemerintah Kota Bandung</html>".as_bytes())).into_response()
            }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3)).await;
                "terlambat"
            }),
        )
        .with_state(Arc::clone(&srv));
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    srv.port.store(usize::from(addr.port()), Ordering::SeqCst);
    tokio::spawn(async move { axum::serve(l, app).await.unwrap() });
    (addr, srv)
}

fn cfg() -> FetchConfig {
    FetchConfig {
        allow_private: vec!["127.0.0.1/32".parse().unwrap()],
        min_interval: Duration::ZERO,
        timeout: Duration::from_secs(5),
        ..FetchConfig::default()
    }
}

async fn fetch(f: &Fetcher, url: String) -> Result<FetchOutcome, FetchError> {
    f.get(&FetchRequest::new(url)).await
}

fn assert_forbidden(r: Result<impl std::fmt::Debug, FetchError>, what: &str) {
    match r {
        Err(FetchError::Forbidden { .. }) => {}
        other => panic!("{what}: expected Forbidden, got {other:?}"),
    }
}

const FORBIDDEN_URLS: &[&str] = &[
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/admin",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[::]/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://127.1/",
    "http://0177.0.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://192.0.2.10/",
    "http://[2001:db8::1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:c0a8:101::1]/",
    "ftp://example.com/file",
    "file:///etc/passwd",
    "gopher://example.com/",
    "http://user:sandi@example.com/",
];

#[test]
fn check_url_refuses_non_public_targets_without_network() {
    let cfg = FetchConfig::default();
    for u in FORBIDDEN_URLS {
        assert_forbidden(check_url(u, &cfg), u);
    }
    // Public literal and names pass the offline check.
    assert!(check_url("https://www.antaranews.com/berita/1", &cfg).is_ok());
    assert!(check_url("http://8.8.8.8/", &cfg).is_ok());
    assert!(check_url("http://[2606:4700::1111]/", &cfg).is_ok());
    assert!(matches!(
        check_url("bukan url", &cfg),
        Err(FetchError::InvalidUrl(_))
    ));
}

#[test]
fn forbidden_error_is_clear_and_in_bahasa() {
    let err = check_url("http://169.254.169.254/", &FetchConfig::default()).unwrap_err();
    match &err {
        FetchError::Forbidden {
            reason: ForbidReason::Address { range, .. },
            ..
        } => {
            assert!(range.contains("metadata"));
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("ditolak demi keamanan"), "{msg}");
}

#[test]
fn allow_private_is_exact() {
    let cfg = cfg();
    assert!(check_url("http://127.0.0.1:9/", &cfg).is_ok());
    assert_forbidden(check_url("http://127.0.0.2/", &cfg), "127.0.0.2");
    // The mapped form of an allowed address is the same address.
    assert!(check_url("http://[::ffff:127.0.0.1]:9/", &cfg).is_ok());
    // localhost also means ::1, which is not allowed here.
    assert_forbidden(check_url("http://localhost/", &cfg), "localhost");
}

#[test]
fn odd_config_values_are_refused() {
    for bad in [
        FetchConfig {
            per_host_concurrency: 0,
            ..cfg()
        },
        FetchConfig {
            min_interval: Duration::from_secs(u64::MAX),
            ..cfg()
        },
        FetchConfig {
            timeout: Duration::ZERO,
            ..cfg()
        },
    ] {
        assert!(matches!(Fetcher::new(bad), Err(FetchError::Config(_))));
    }
}

#[tokio::test]
async fn fetcher_refuses_forbidden_urls_before_connecting() {
    let f = Fetcher::new(FetchConfig::default()).unwrap();
    for u in FORBIDDEN_URLS {
        assert_forbidden(f.get(&FetchRequest::new(*u)).await, u);
    }
}

#[tokio::test]
async fn resolver_refuses_names_pointing_inside() {
    // The machine's own name resolves via /etc/hosts, so this needs no outside DNS.
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let name = name.trim().to_owned();
    let addrs: Vec<SocketAddr> = match tokio::net::lookup_host((name.as_str(), 80)).await {
        Ok(a) => a.collect(),
        Err(_) => return, // no resolvable hostname on this machine
    };
    if addrs.is_empty()
        || addrs
            .iter()
            .any(|a| sinergi_monitor::fetch::non_public_range(a.ip()).is_none())
    {
        return; // hostname is public here: nothing to prove
    }
    let (addr, _srv) = serve(Srv::default()).await;
    let url = format!("http://{name}:{}/page", addr.port());
    let f = Fetcher::new(FetchConfig {
        allow_private: vec![],
        ..cfg()
    })
    .unwrap();
    assert_forbidden(fetch(&f, url.clone()).await, "hostname via resolver");
    assert_forbidden(
        check_url_resolved(&url, &FetchConfig::default()).await,
        "check_url_resolved",
    );
    // Same name, now allowed by the operator: the resolver lets exactly those addresses through.
    if addrs
        .iter()
        .all(|a| a.ip() == std::net::Ipv4Addr::LOCALHOST)
    {
        let f = Fetcher::new(cfg()).unwrap();
        assert!(matches!(
            fetch(&f, url).await,
            Ok(FetchOutcome::Fetched { .. })
        ));
    }
}

#[tokio::test]
async fn redirects_are_checked_on_every_hop() {
    let (addr, srv) = serve(Srv::default()).await;
    let f = Fetcher::new(cfg()).unwrap();
    let base = format!("http://{addr}");
    assert_forbidden(
        fetch(&f, format!("{base}/to-metadata")).await,
        "to metadata",
    );
    assert_forbidden(
        fetch(&f, format!("{base}/to-loopback2")).await,
        "to 127.0.0.2",
    );
    assert_forbidden(fetch(&f, format!("{base}/to-ftp")).await, "to ftp");
    assert_eq!(
        srv.hits.load(Ordering::SeqCst),
        0,
        "forbidden hop must not be requested"
    );
    // An allowed hop is followed and reported as the final URL.
    match fetch(&f, format!("{base}/to-page")).await.unwrap() {
        FetchOutcome::Fetched {
            final_url, status, ..
        } => {
            assert_eq!(final_url, format!("{base}/page"));
            assert_eq!(status, 200);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn redirect_limit_is_enforced() {
    let (addr, _srv) = serve(Srv::default()).await;
    let f = Fetcher::new(FetchConfig {
        max_redirects: 3,
        ..cfg()
    })
    .unwrap();
    let r = fetch(&f, format!("http://{addr}/loop/0")).await;
    assert!(matches!(r, Err(FetchError::TooManyRedirects)), "{r:?}");
}

#[tokio::test]
async fn min_interval_spaces_requests_to_one_host() {
    let (addr, srv) = serve(Srv::default()).await;
    let f = Fetcher::new(FetchConfig {
        min_interval: Duration::from_millis(300),
        per_host_concurrency: 1,
        respect_robots: false,
        ..cfg()
    })
    .unwrap();
    let url = format!("http://{addr}/page");
    let t = Instant::now();
    let (a, b, c) = tokio::join!(
        fetch(&f, url.clone()),
        fetch(&f, url.clone()),
        fetch(&f, url)
    );
    assert!(a.is_ok() && b.is_ok() && c.is_ok());
    assert!(
        t.elapsed() >= Duration::from_millis(600),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(srv.max_inflight.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn per_host_concurrency_is_a_ceiling() {
    for limit in [1usize, 2] {
        let (addr, srv) = serve(Srv::default()).await;
        let f = Fetcher::new(FetchConfig {
            per_host_concurrency: limit,
            ..cfg()
        })
        .unwrap();
        let url = format!("http://{addr}/page");
        let t = Instant::now();
        let (a, b, c, d) = tokio::join!(
            fetch(&f, url.clone()),
            fetch(&f, url.clone()),
            fetch(&f, url.clone()),
            fetch(&f, url)
        );
        assert!(a.is_ok() && b.is_ok() && c.is_ok() && d.is_ok());
        assert_eq!(srv.max_inflight.load(Ordering::SeqCst), limit);
        // Each page takes 150 ms on the server.
        assert!(
            t.elapsed() >= Duration::from_millis(150 * 4 / limit as u64),
            "{:?}",
            t.elapsed()
        );
    }
}

#[tokio::test]
async fn robots_disallow_is_obeyed_and_cached() {
    let (addr, srv) = serve(Srv {
        robots: Some((200, "User-agent: *\nDisallow: /private\n".into())),
        ..Srv::default()
    })
    .await;
    let f = Fetcher::new(cfg()).unwrap();
    let r = fetch(&f, format!("http://{addr}/private/page")).await;
    assert!(matches!(r, Err(FetchError::RobotsDisallowed(_))), "{r:?}");
    for _ in 0..3 {
        assert!(fetch(&f, format!("http://{addr}/page")).await.is_ok());
    }
    assert_eq!(
        srv.robots_hits.load(Ordering::SeqCst),
        1,
        "robots.txt fetched once"
    );
    assert_eq!(srv.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn robots_group_for_our_token_wins() {
    let (addr, _srv) = serve(Srv {
        robots: Some((
            200,
            "User-agent: SinergiBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n".into(),
        )),
        ..Srv::default()
    })
    .await;
    let f = Fetcher::new(cfg()).unwrap();
    let r = fetch(&f, format!("http://{addr}/page")).await;
    assert!(matches!(r, Err(FetchError::RobotsDisallowed(_))), "{r:?}");
    // respect_robots=false is the operator's explicit override.
    let f = Fetcher::new(FetchConfig {
        respect_robots: false,
        ..cfg()
    })
    .unwrap();
    assert!(fetch(&f, format!("http://{addr}/page")).await.is_ok());
}

#[tokio::test]
async fn crawl_delay_raises_the_interval() {
    let (addr, _srv) = serve(Srv {
        robots: Some((200, "User-agent: *\nCrawl-delay: 0.4\n".into())),
        ..Srv::default()
    })
    .await;
    let f = Fetcher::new(cfg()).unwrap();
    let url = format!("http://{addr}/page");
    let t = Instant::now();
    for _ in 0..3 {
        fetch(&f, url.clone()).await.unwrap();
    }
    assert!(
        t.elapsed() >= Duration::from_millis(800),
        "{:?}",
        t.elapsed()
    );
}

#[tokio::test]
async fn robots_404_allows_and_5xx_pauses() {
    let (addr, _srv) = serve(Srv::default()).await;
    let f = Fetcher::new(cfg()).unwrap();
    assert!(fetch(&f, format!("http://{addr}/page")).await.is_ok());

    let (addr, srv) = serve(Srv {
        robots: Some((503, String::new())),
        ..Srv::default()
    })
    .await;
    let r = fetch(&f, format!("http://{addr}/page")).await;
    assert!(matches!(r, Err(FetchError::RobotsUnavailable(_))), "{r:?}");
    assert!(r.as_ref().unwrap_err().is_temporary());
    // The failure is cached for a while: no hammering of robots.txt, no page request.
    let _ = fetch(&f, format!("http://{addr}/page")).await;
    assert_eq!(srv.robots_hits.load(Ordering::SeqCst), 1);
    assert_eq!(srv.hits.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn throttling_and_server_errors() {
    let (addr, srv) = serve(Srv::default()).await;
    let f = Fetcher::new(cfg()).unwrap();
    match fetch(&f, format!("http://{addr}/429")).await {
        Err(FetchError::Throttled { retry_after }) => {
            assert_eq!(retry_after, Some(Duration::from_secs(1)))
        }
        other => panic!("{other:?}"),
    }
    // The host itself is pushed back by Retry-After.
    let t = Instant::now();
    fetch(&f, format!("http://{addr}/page")).await.unwrap();
    assert!(
        t.elapsed() >= Duration::from_millis(900),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(srv.hits.load(Ordering::SeqCst), 1);

    let r = fetch(&f, format!("http://{addr}/503")).await;
    assert!(matches!(r, Err(FetchError::Server(503))), "{r:?}");
    let r = fetch(&f, format!("http://{addr}/404")).await;
    assert!(matches!(r, Err(FetchError::Status(404))), "{r:?}");
    assert!(!r.unwrap_err().is_temporary());
}

#[tokio::test]
async fn body_limit_timeout_and_gzip() {
    let (addr, _srv) = serve(Srv::default()).await;
    let f = Fetcher::new(FetchConfig {
        max_body_bytes: 64 * 1024,
        timeout: Duration::from_millis(500),
        ..cfg()
    })
    .unwrap();
    let r = fetch(&f, format!("http://{addr}/big")).await;
    assert!(
        matches!(r, Err(FetchError::TooLarge { limit: 65536 })),
        "{r:?}"
    );
    let r = fetch(&f, format!("http://{addr}/bomb")).await;
    assert!(matches!(r, Err(FetchError::TooLarge { .. })), "{r:?}");
    let t = Instant::now();
    let r = fetch(&f, format!("http://{addr}/slow")).await;
    assert!(matches!(r, Err(FetchError::Timeout)), "{r:?}");
    assert!(t.elapsed() < Duration::from_secs(2));
    match fetch(&f, format!("http://{addr}/gz")).await.unwrap() {
        FetchOutcome::Fetched {
            body, content_type, ..
        } => {
            assert_eq!(body, b"<html>Pemerintah Kota Bandung</html>");
            assert_eq!(content_type.as_deref(), Some("text/html"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn conditional_get_yields_not_modified() {
    let (addr, _srv) = serve(Srv::default()).await;
    let f = Fetcher::new(cfg()).unwrap();
    let url = format!("http://{addr}/cond");
    let (etag, lm) = match fetch(&f, url.clone()).await.unwrap() {
        FetchOutcome::Fetched {
            etag,
            last_modified,
            body,
            ..
        } => {
            assert_eq!(body, b"<p>isi</p>");
            (etag, last_modified)
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(etag.as_deref(), Some("\"v1\""));
    let r = f
        .get(&FetchRequest {
            url: url.clone(),
            etag,
            last_modified: None,
        })
        .await
        .unwrap();
    assert!(matches!(r, FetchOutcome::NotModified));
    let r = f
        .get(&FetchRequest {
            url,
            etag: None,
            last_modified: lm,
        })
        .await
        .unwrap();
    assert!(matches!(r, FetchOutcome::NotModified));
}
