//! S3 backend against a real S3-compatible server: `moto_server` on 127.0.0.1, started here on
//! a free port with signature checking on (`INITIAL_NO_AUTH_ACTION_COUNT`: the first four
//! requests, which create an IAM user, its key, its policy and the bucket, are not checked;
//! every request after them must be correctly signed with that user's key).
//!
//! `moto_server` is looked up in `SINERGI_MOTO_SERVER`, then `~/.cache/sinergi-ci-venv/bin`
//! (what `.ci/s3-setup.sh` installs), then `PATH`. Without it the test prints
//! `S3 test skipped: moto_server not installed` and passes, unless `SINERGI_REQUIRE_S3=1`.
#![allow(clippy::unwrap_used)] // test code: a failed expectation is the test failing

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use sinergi_blobs::{Backend, FilesConfig, S3Blobs};
use sinergi_core::files::{BlobStore, NoScan, accept};

fn find_moto() -> Option<PathBuf> {
    let works = |p: &Path| {
        Command::new(p)
            .arg("--help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let mut candidates = Vec::new();
    if let Some(p) = std::env::var_os("SINERGI_MOTO_SERVER") {
        candidates.push(PathBuf::from(p));
    }
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(PathBuf::from(home).join(".cache/sinergi-ci-venv/bin/moto_server"));
    }
    candidates.push(PathBuf::from("moto_server"));
    candidates.into_iter().find(|p| works(p))
}

/// The server process; killed when the test ends, pass or fail.
struct Moto {
    child: Child,
    url: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_moto(bin: &Path) -> Moto {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let log = std::env::temp_dir().join(format!("sinergi-moto-{port}.log"));
    let child = Command::new(bin)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .env("INITIAL_NO_AUTH_ACTION_COUNT", "4")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let moto = Moto {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "moto_server did not start; see {}",
            log.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    moto
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> &'a str {
    let start = s.find(open).unwrap_or_else(|| panic!("{open} not in {s}")) + open.len();
    let len = s[start..].find(close).unwrap();
    &s[start..start + len]
}

/// The four unchecked requests: IAM user, access key, allow-all S3 policy, bucket.
async fn provision(url: &str, bucket: &str) -> (String, String) {
    let http = reqwest::Client::new();
    // Unchecked, but moto routes the request to IAM by the credential scope.
    let auth = "AWS4-HMAC-SHA256 Credential=AKIAPROVISION/20240101/us-east-1/iam/aws4_request, \
                SignedHeaders=host, Signature=00";
    let iam = |form: Vec<(&'static str, String)>| {
        let req = http
            .post(format!("{url}/"))
            .header("Authorization", auth)
            .form(&form);
        async move {
            let res = req.send().await.unwrap();
            let status = res.status();
            let body = res.text().await.unwrap();
            assert!(status.is_success(), "IAM {status}: {body}");
            body
        }
    };
    let v = || ("Version", "2010-05-08".to_owned());
    iam(vec![
        ("Action", "CreateUser".into()),
        ("UserName", "sinergi".into()),
        v(),
    ])
    .await;
    let key = iam(vec![
        ("Action", "CreateAccessKey".into()),
        ("UserName", "sinergi".into()),
        v(),
    ])
    .await;
    iam(vec![
        ("Action", "PutUserPolicy".into()),
        ("UserName", "sinergi".into()),
        ("PolicyName", "s3".into()),
        (
            "PolicyDocument",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#.into(),
        ),
        v(),
    ])
    .await;
    let res = http.put(format!("{url}/{bucket}")).send().await.unwrap();
    assert!(res.status().is_success(), "create bucket: {}", res.status());
    (
        between(&key, "<AccessKeyId>", "</AccessKeyId>").to_owned(),
        between(&key, "<SecretAccessKey>", "</SecretAccessKey>").to_owned(),
    )
}

#[tokio::test]
async fn s3_backend_against_moto() {
    let Some(bin) = find_moto() else {
        assert!(
            std::env::var("SINERGI_REQUIRE_S3").as_deref() != Ok("1"),
            "SINERGI_REQUIRE_S3=1 but moto_server was not found (run .ci/s3-setup.sh)"
        );
        println!("S3 test skipped: moto_server not installed");
        return;
    };
    let moto = start_moto(&bin);
    let (access, secret) = provision(&moto.url, "sinergi-uji").await;
    let cfg = FilesConfig {
        backend: Backend::S3,
        s3_endpoint: moto.url.clone(),
        s3_bucket: "sinergi-uji".into(),
        s3_region: "us-east-1".into(),
        s3_access_key: access,
        s3_secret_key: secret.clone(),
        s3_prefix: "sinergi/berkas".into(),
    };
    let data_dir = Path::new("/nonexistent");

    // A missing bucket stops the start with a clear message.
    let missing = FilesConfig {
        s3_bucket: "tidak-ada".into(),
        ..cfg.clone()
    };
    let err = missing.open(data_dir).await.err().unwrap();
    eprintln!("missing bucket: {err}");
    assert!(err.contains("tidak dapat dipakai"), "{err}");
    assert!(err.contains("tidak ditemukan"), "{err}");

    // A wrong secret too (moto checks signatures once provisioning is over).
    let wrong = FilesConfig {
        s3_secret_key: format!("{secret}x"),
        ..cfg.clone()
    };
    let err = wrong.open(data_dir).await.err().unwrap();
    eprintln!("wrong secret: {err}");
    assert!(err.contains("menolak akses"), "{err}");
    assert!(err.contains("SignatureDoesNotMatch"), "{err}");
    assert!(!err.contains(&secret), "the secret never appears in errors");

    // The right key: the startup check passes, and files round-trip.
    let blobs = cfg.open(data_dir).await.unwrap();
    let pdf = b"%PDF-1.4 bukti klarifikasi".to_vec();
    let checked = accept(&*blobs, &NoScan, "bukti.pdf", &pdf, 1024)
        .await
        .unwrap();
    assert_eq!(checked.hash, hex::encode(Sha256::digest(&pdf)));
    assert_eq!(blobs.get(&checked.hash).await.unwrap(), Some(pdf.clone()));

    // Missing and malformed keys are `None`, not errors.
    let absent = hex::encode(Sha256::digest(b"tidak pernah diunggah"));
    assert_eq!(blobs.get(&absent).await.unwrap(), None);
    assert_eq!(blobs.get("../../etc/passwd").await.unwrap(), None);
    assert!(blobs.put("../../etc/passwd", b"x").await.is_err());

    // Storing the same content again is harmless.
    blobs.put(&checked.hash, &pdf).await.unwrap();
    accept(&*blobs, &NoScan, "salinan.pdf", &pdf, 1024)
        .await
        .unwrap();
    assert_eq!(blobs.get(&checked.hash).await.unwrap(), Some(pdf));

    // A larger binary body (signed payload hash over every byte).
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 + i / 251) as u8).collect();
    let big_key = hex::encode(Sha256::digest(&big));
    blobs.put(&big_key, &big).await.unwrap();
    assert_eq!(blobs.get(&big_key).await.unwrap(), Some(big));

    // A wrong secret on reads is an error, never a "missing file".
    let wrong = S3Blobs::new(&FilesConfig {
        s3_secret_key: "salah".into(),
        ..cfg.clone()
    })
    .unwrap();
    let err = wrong.get(&checked.hash).await.unwrap_err();
    assert!(err.contains("menolak akses"), "{err}");
}
