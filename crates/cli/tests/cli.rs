//! The `sinergi` binary as operators use it: serve (clean and demo), user add, tokens, config.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_sinergi")
}

fn temp() -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "sinergi-cli-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `sinergi` in `dir` (so no stray sinergi.toml is read) with a clean environment.
fn sinergi(dir: &Path, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("SINERGI_CONFIG")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

struct Server {
    child: Child,
    addr: String,
    output: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `sinergi serve` on a free port and reads its banner up to the address line.
fn serve(dir: &Path, extra: &[&str]) -> Server {
    let mut args = vec!["--data", "data", "serve", "--bind", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    let mut child = Command::new(bin())
        .current_dir(dir)
        .args(&args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut output = Vec::new();
    // A debug build seeds the demo (2,400 articles through the pipeline, ~40 releases) slowly
    // on a busy 2-core machine; this is an upper bound, not a timing.
    let deadline = Instant::now() + Duration::from_secs(300);
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        output.push(line.clone());
        if let Some(rest) = line.strip_prefix("Sinergi berjalan di http://") {
            let addr = rest.split_whitespace().next().unwrap().to_owned();
            return Server {
                child,
                addr,
                output,
            };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("server did not start: {output:?}");
}

fn login(addr: &str, email: &str, password: &str) -> u16 {
    // A tiny blocking client is enough here: GET the form, POST it with the CSRF cookie.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let html = c
            .get(format!("http://{addr}/masuk"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let marker = "name=\"_csrf\" value=\"";
        let i = html.find(marker).unwrap() + marker.len();
        let csrf = &html[i..i + html[i..].find('"').unwrap()];
        let r = c
            .post(format!("http://{addr}/masuk"))
            .form(&[("_csrf", csrf), ("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        r.status().as_u16()
    })
}

#[test]
fn clean_start_prints_a_one_time_admin_password() {
    let dir = temp();
    let server = serve(&dir, &[]);
    let text = server.output.join("\n");
    assert!(text.contains("Administrator pertama dibuat"), "{text}");
    let pw_line = server
        .output
        .iter()
        .find(|l| l.contains("Kata sandi :"))
        .unwrap();
    let password = pw_line.split_whitespace().nth(3).unwrap();
    assert_eq!(login(&server.addr, "admin@sinergi.local", password), 303);
    assert_eq!(
        login(&server.addr, "admin@sinergi.local", "salah-salah-salah"),
        401
    );
    drop(server);
    // A restart does not create another administrator or print a password again.
    let again = serve(&dir, &[]);
    assert!(
        !again
            .output
            .join("\n")
            .contains("Administrator pertama dibuat")
    );
}

#[test]
fn demo_start_creates_accounts_once() {
    let dir = temp();
    let server = serve(&dir, &["--demo"]);
    let text = server.output.join("\n");
    assert!(
        text.contains("Akun demo dibuat") && text.contains("humas@jabarprov.sinergi.id"),
        "{text}"
    );
    let saved = std::fs::read_to_string(dir.join("data/akun-demo.txt")).unwrap();
    let password = saved.lines().next().unwrap().rsplit(' ').next().unwrap();
    assert_eq!(
        login(&server.addr, "humas@bandungkota.sinergi.id", password),
        303
    );
    drop(server);
    let again = serve(&dir, &["--demo"]);
    assert!(again.output.join("\n").contains("Data demo sudah ada"));
}

#[test]
fn user_add_token_and_config() {
    let dir = temp();
    let (ok, out, err) = sinergi(&dir, &["--data", "d", "migrate"], None);
    assert!(ok, "{err}");
    assert!(out.contains("553 organisasi"));

    let (ok, out, err) = sinergi(
        &dir,
        &[
            "--data",
            "d",
            "user",
            "add",
            "--org",
            "32.73",
            "--role",
            "officer",
            "--email",
            "agus@bandung.go.id",
            "--name",
            "Agus Pratama",
        ],
        Some("kata-sandi-panjang-1\n"),
    );
    assert!(ok, "{err}");
    assert!(out.contains("Kota Bandung"), "{out}");
    // Bad input: clear message, non-zero exit, nothing created.
    let (ok, _, err) = sinergi(
        &dir,
        &[
            "--data", "d", "user", "add", "--org", "99.99", "--role", "raja", "--email", "x",
            "--name", "X",
        ],
        Some("kata-sandi-panjang-1\n"),
    );
    assert!(!ok);
    assert!(
        err.contains("org_code") && err.contains("role") && err.contains("email"),
        "{err}"
    );
    let (ok, _, err) = sinergi(
        &dir,
        &[
            "--data",
            "d",
            "user",
            "add",
            "--org",
            "32",
            "--role",
            "officer",
            "--email",
            "a@b.go.id",
            "--name",
            "A",
        ],
        Some(""),
    );
    assert!(!ok && err.contains("kata sandi kosong"), "{err}");
    let (ok, _, err) = sinergi(
        &dir,
        &[
            "--data",
            "d",
            "user",
            "add",
            "--org",
            "32",
            "--role",
            "officer",
            "--email",
            "a@b.go.id",
            "--name",
            "A",
        ],
        Some("pendek\n"),
    );
    assert!(!ok && err.contains("minimal 10"), "{err}");

    let (ok, token, err) = sinergi(
        &dir,
        &[
            "--data",
            "d",
            "token",
            "create",
            "--user",
            "agus@bandung.go.id",
        ],
        None,
    );
    assert!(ok, "{err}");
    assert!(token.trim().starts_with("snrg_") && err.contains("tidak akan ditampilkan lagi"));
    let (ok, list, _) = sinergi(
        &dir,
        &[
            "--data",
            "d",
            "token",
            "list",
            "--user",
            "agus@bandung.go.id",
        ],
        None,
    );
    assert!(ok && list.contains("\tcli\taktif\t"), "{list}");
    let id = list.split('\t').next().unwrap();
    let (ok, _, _) = sinergi(
        &dir,
        &[
            "--data",
            "d",
            "token",
            "revoke",
            "--user",
            "agus@bandung.go.id",
            "--id",
            id,
        ],
        None,
    );
    assert!(ok);
    let (ok, _, err) = sinergi(
        &dir,
        &[
            "--data",
            "d",
            "token",
            "create",
            "--user",
            "tidak-ada@x.go.id",
        ],
        None,
    );
    assert!(!ok && err.contains("tidak ditemukan"), "{err}");

    // Config: file, environment, redaction.
    std::fs::write(
        dir.join("sinergi.toml"),
        "bind = \"0.0.0.0:9000\"\nsession_ttl_hours = 8\n",
    )
    .unwrap();
    let out = Command::new(bin())
        .current_dir(&dir)
        .arg("config")
        .env(
            "DATABASE_URL",
            "postgres://sinergi:rahasia-db@db.internal/sinergi",
        )
        .env("SINERGI_COOKIE_SECURE", "true")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("bind = \"0.0.0.0:9000\""), "{text}");
    assert!(text.contains("session_ttl_hours = 8") && text.contains("cookie_secure = true"));
    assert!(
        text.contains("postgres://sinergi:***@db.internal/sinergi") && !text.contains("rahasia-db")
    );
    std::fs::write(dir.join("sinergi.toml"), "session_ttl_hours = \"lama\"\n").unwrap();
    let (ok, _, err) = sinergi(&dir, &["config"], None);
    assert!(!ok && err.contains("konfigurasi tidak valid"), "{err}");
}

#[test]
fn text_commands_work_on_stdin() {
    let dir = temp();
    let (ok, out, err) = sinergi(
        &dir,
        &["text", "stem"],
        Some("menyetujui\npembangunan\nberita\n"),
    );
    assert!(ok, "{err}");
    assert_eq!(out, "tuju\nbangun\nberita\n");
    let (ok, out, _) = sinergi(
        &dir,
        &["text", "tone"],
        Some("pelayanannya sangat memuaskan\nprogram ini tidak baik\n"),
    );
    assert!(ok);
    assert_eq!(out, "positive\nnegative\n");
    let (ok, out, _) = sinergi(
        &dir,
        &["text", "analyze"],
        Some("{\"id\":\"a1\",\"text\":\"Banjir melanda Kota Bandung.\"}\nbukan json\n"),
    );
    assert!(ok);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "one output line per input line, errors included"
    );
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[0]["regions"][0]["code"], "32.73");
    assert!(lines[1]["error"].is_string());
    std::fs::write(
        dir.join("known.csv"),
        "id,claim\nk1,Vaksin campak mengandung chip pelacak\nk2,Bansos Desember 2026 dibatalkan\n",
    )
    .unwrap();
    let (ok, out, err) = sinergi(
        &dir,
        &["text", "match-claims", "--known", "known.csv"],
        Some("bansos bulan desember batal\nvaksin ada chipnya\n"),
    );
    assert!(ok, "{err}");
    let firsts: Vec<&str> = out.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(firsts, vec!["k2", "k1"]);
    let (ok, _, err) = sinergi(
        &dir,
        &["text", "match-claims", "--known", "tidak-ada.csv"],
        Some("x\n"),
    );
    assert!(!ok && err.contains("tidak-ada.csv"), "{err}");
}

#[test]
fn extract_prints_one_json_object_per_file() {
    let dir = temp();
    let page = r#"<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Pemkot Bandung Perbaiki 120 Ruas Jalan - Berita Kota</title>
<meta property="article:published_time" content="2026-11-26T10:15:00+07:00"></head>
<body><nav><a href="/">Beranda</a> <a href="/kota">Kota</a></nav>
<article><h1>Pemkot Bandung Perbaiki 120 Ruas Jalan</h1>
<p>Pemerintah Kota Bandung memperbaiki 120 ruas jalan yang rusak akibat musim hujan sepanjang November ini, kata Kepala Dinas Pekerjaan Umum kepada wartawan di Balai Kota.</p>
<p><strong>Baca Juga:</strong> <a href="/x">Banjir Rendam Tiga Kecamatan</a></p>
<p>Perbaikan ditargetkan rampung sebelum akhir Desember dengan anggaran Rp12,5 miliar dari APBD perubahan, dan warga diminta melapor melalui kanal pengaduan resmi bila menemukan jalan berlubang.</p>
</article><footer>Hak cipta</footer></body></html>"#;
    std::fs::write(dir.join("berita.html"), page).unwrap();
    std::fs::write(
        dir.join("kosong.html"),
        "<html><body><nav>menu</nav></body></html>",
    )
    .unwrap();
    let (ok, out, _) = sinergi(&dir, &["extract", "berita.html"], None);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["title"], "Pemkot Bandung Perbaiki 120 Ruas Jalan");
    assert_eq!(v["published"], "2026-11-26T10:15:00+07:00");
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("120 ruas jalan") && text.contains("Rp12,5 miliar"));
    assert!(
        !text.contains("Baca Juga") && !text.contains("Banjir Rendam"),
        "inline related link is not text"
    );
    // A page without an article and a missing file: error records, non-zero exit.
    let (ok, out, err) = sinergi(
        &dir,
        &["extract", "berita.html", "kosong.html", "hilang.html"],
        None,
    );
    assert!(!ok && err.contains("2 dari 3"), "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1]["error"].is_string() && lines[2]["error"].is_string());
}
