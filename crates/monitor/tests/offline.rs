#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Offline import: HTML folders and WARC files built inside the tests.

use std::io::Write;
use std::path::PathBuf;

use sinergi_monitor::offline::{OfflineError, OfflinePage, read_html_folder, read_warc};

fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "sinergi-offline-{name}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn html_folder_is_walked_recursively_with_urls() {
    let dir = temp_dir("html");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b/c")).unwrap();
    std::fs::write(
        dir.join("a/satu.html"),
        r#"<html><head><link rel="canonical" href="https://berita.example.id/satu"></head><body>Satu</body></html>"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("b/c/dua.htm"),
        r#"<html><head><meta property="og:url" content="https://berita.example.id/dua"></head></html>"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("b/tiga.html.gz"),
        gzip(b"<html><body>Tiga tanpa URL</body></html>"),
    )
    .unwrap();
    std::fs::write(dir.join("EMPAT.HTML"), b"<p>empat</p>").unwrap();
    std::fs::write(dir.join("catatan.txt"), b"bukan html").unwrap();
    std::fs::write(dir.join("gambar.png"), [0x89, b'P', b'N', b'G']).unwrap();
    std::fs::write(dir.join("rusak.html.gz"), b"bukan gzip").unwrap();

    let items: Vec<_> = read_html_folder(&dir).collect();
    let pages: Vec<&OfflinePage> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    let errors: Vec<&OfflineError> = items.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(pages.len(), 4, "{items:?}");
    assert_eq!(
        errors.len(),
        1,
        "the broken .gz is an error, not the end: {items:?}"
    );
    assert!(matches!(errors[0], OfflineError::Io { path, .. } if path.ends_with("rusak.html.gz")));
    assert!(errors[0].to_string().starts_with("gagal membaca"));

    let by_name = |n: &str| pages.iter().find(|p| p.path.ends_with(n)).copied().unwrap();
    assert_eq!(
        by_name("a/satu.html").url.as_deref(),
        Some("https://berita.example.id/satu")
    );
    assert_eq!(
        by_name("b/c/dua.htm").url.as_deref(),
        Some("https://berita.example.id/dua")
    );
    let tiga = by_name("b/tiga.html.gz");
    assert_eq!(tiga.url, None);
    assert_eq!(tiga.body, b"<html><body>Tiga tanpa URL</body></html>");
    assert!(by_name("EMPAT.HTML").fetched_ms.is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_folder_is_one_error() {
    let items: Vec<_> = read_html_folder("/tidak/ada/folder-ini").collect();
    assert_eq!(items.len(), 1);
    assert!(items[0].is_err());
}

/// One WARC record with the given fields and block.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-11-26T04:14:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, ctype: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!("HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra}\r\n").into_bytes();
    b.extend_from_slice(body);
    b
}

const PAGE1: &str =
    "<html><head><title>Satu</title></head><body>Gubernur meresmikan jembatan.</body></html>";
const PAGE2: &str = "<html><body>Bupati membuka pasar murah.</body></html>";

/// The records of the test archive; the last one is cut short.
fn records() -> Vec<Vec<u8>> {
    let resp = "application/http; msgtype=response";
    let mut truncated = record(
        "response",
        "https://x.id/terpotong",
        resp,
        &http("200 OK", "text/html", "", b"<html>panjang sekali</html>"),
    );
    truncated.truncate(truncated.len() - 20);
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: uji\r\n",
        ),
        record(
            "request",
            "https://x.id/satu",
            "application/http; msgtype=request",
            b"GET /satu HTTP/1.1\r\nHost: x.id\r\n\r\n",
        ),
        record(
            "response",
            "https://x.id/satu",
            resp,
            &http("200 OK", "text/html; charset=utf-8", "", PAGE1.as_bytes()),
        ),
        record(
            "response",
            "https://x.id/logo.png",
            resp,
            &http(
                "200 OK",
                "image/png",
                "",
                &[0x89, b'P', b'N', b'G', 0, 1, 2],
            ),
        ),
        record(
            "response",
            "https://x.id/hilang",
            resp,
            &http("404 Not Found", "text/html", "", b"<html>tidak ada</html>"),
        ),
        // Stored as sent: chunked and gzip-encoded.
        record(
            "response",
            "https://x.id/dua",
            resp,
            &http(
                "200 OK",
                "text/html",
                "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &{
                    let gz = gzip(PAGE2.as_bytes());
                    let mut c = format!("{:x}\r\n", gz.len()).into_bytes();
                    c.extend_from_slice(&gz);
                    c.extend_from_slice(b"\r\n0\r\n\r\n");
                    c
                },
            ),
        ),
        truncated,
    ]
}

fn check_archive(items: &[Result<OfflinePage, OfflineError>]) {
    assert_eq!(items.len(), 3, "{items:?}");
    let p1 = items[0].as_ref().unwrap();
    assert_eq!(p1.url.as_deref(), Some("https://x.id/satu"));
    assert_eq!(p1.body, PAGE1.as_bytes());
    assert_eq!(p1.fetched_ms, Some(1_795_666_440_000));
    let p2 = items[1].as_ref().unwrap();
    assert_eq!(p2.url.as_deref(), Some("https://x.id/dua"));
    assert_eq!(p2.body, PAGE2.as_bytes());
    match &items[2] {
        Err(e @ OfflineError::BadRecord { record, .. }) => {
            assert_eq!(*record, 7);
            assert!(e.to_string().contains("terpotong"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn warc_plain() {
    let dir = temp_dir("warc");
    let path = dir.join("arsip.warc");
    std::fs::write(&path, records().concat()).unwrap();
    let items: Vec<_> = read_warc(&path).collect();
    check_archive(&items);
    assert!(items[0].as_ref().unwrap().path.ends_with("arsip.warc"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn warc_gz_with_one_member_per_record() {
    let dir = temp_dir("warcgz");
    let path = dir.join("arsip.warc.gz");
    let data: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(&path, data).unwrap();
    let items: Vec<_> = read_warc(&path).collect();
    check_archive(&items);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn warc_bad_record_in_the_middle_does_not_stop_reading() {
    let dir = temp_dir("warcbad");
    let path = dir.join("campur.warc");
    let rs = records();
    let bad = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>tanpa panjang</html>\r\n\r\n".to_vec();
    let data = [
        rs[2].clone(),
        bad,
        b"sampah di antara rekaman\r\n".to_vec(),
        rs[5].clone(),
    ]
    .concat();
    std::fs::write(&path, data).unwrap();
    let items: Vec<_> = read_warc(&path).collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[0].is_ok());
    assert!(
        matches!(&items[1], Err(OfflineError::BadRecord { record: 2, reason, .. }) if reason.contains("Content-Length"))
    );
    assert_eq!(
        items[2].as_ref().unwrap().url.as_deref(),
        Some("https://x.id/dua")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn warc_cut_gzip_stream_ends_with_an_error() {
    let dir = temp_dir("warccut");
    let path = dir.join("putus.warc.gz");
    let rs = records();
    let mut data = [gzip(&rs[2]), gzip(&rs[5])].concat();
    data.truncate(data.len() - 30);
    std::fs::write(&path, data).unwrap();
    let items: Vec<_> = read_warc(&path).collect();
    assert!(items[0].is_ok(), "{items:?}");
    assert!(items.last().unwrap().is_err(), "{items:?}");
    assert!(items.len() <= 2);
    let missing: Vec<_> = read_warc(dir.join("tidak-ada.warc")).collect();
    assert!(matches!(missing.as_slice(), [Err(OfflineError::Io { .. })]));
    std::fs::remove_dir_all(&dir).unwrap();
}
