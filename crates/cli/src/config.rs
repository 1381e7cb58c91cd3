//! Effective configuration: defaults, then a TOML file (`sinergi.toml` in the working
//! directory, or `--config FILE` / `SINERGI_CONFIG`), then `SINERGI_*` environment variables,
//! then `DATABASE_URL`, then command-line flags. In the environment a double underscore
//! reaches into a table: `SINERGI_FILES__S3_SECRET_KEY` sets `s3_secret_key` in `[files]`.

use std::fmt;
use std::path::PathBuf;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
pub struct Config {
    /// Where the SQLite database and files live.
    pub data_dir: PathBuf,
    /// Address the web server listens on.
    pub bind: String,
    /// `postgres://…` selects PostgreSQL; empty means SQLite in `data_dir`.
    pub database_url: String,
    /// Mark cookies Secure (serve over HTTPS).
    pub cookie_secure: bool,
    /// Read the client address from X-Forwarded-For (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// Public address of the deployment, e.g. `https://humas.example.go.id` (absolute links in
    /// the portal's RSS, sitemap and OpenGraph tags). Empty: `http://` + the bound address.
    #[serde(default)]
    pub public_url: String,
    pub session_ttl_hours: u64,
    pub login_max_failures_per_account: usize,
    pub login_max_failures_per_ip: usize,
    pub login_window_minutes: u64,
    /// Run the background job worker in this process.
    pub worker: bool,
    /// How long a worker holds a job before another may take it over (seconds); heartbeats
    /// extend it while the worker lives.
    pub job_lease_secs: u64,
    /// Largest upload (evidence, attachments) in MB.
    pub upload_max_mb: usize,
    /// Where uploaded files live (`[files]` table): `data_dir/berkas` (default) or an
    /// S3-compatible bucket.
    #[serde(default)]
    pub files: sinergi_blobs::FilesConfig,
    /// E-mail of the first administrator created on a clean start.
    pub admin_email: String,
    /// Log filter, e.g. `info` or `sinergi=debug,info`.
    pub log: String,
    /// Crisis levels, response targets and status names (`[crisis]` table).
    pub crisis: sinergi_core::crisis::CrisisConfig,
    /// E-mail delivery (`[smtp]` table); off when `host` is empty.
    pub smtp: Option<sinergi_notify::SmtpConfig>,
    /// Signed webhooks for chat gateways (`[[webhooks]]`).
    pub webhooks: Vec<sinergi_notify::WebhookConfig>,
    /// Pantau Media: spike rule, polling limits, clipping hour (`[monitor]` table).
    #[serde(default, skip_serializing)]
    pub monitor: sinergi_core::monitor::service::MonitorConfig,
    /// The fetcher: politeness, limits and SSRF exceptions (`[fetch]` table).
    #[serde(default, skip_serializing)]
    pub fetch: sinergi_monitor::fetch::FetchConfig,
    /// Rilis & Portal: comment moderation (`[newsroom]` table).
    #[serde(default)]
    pub newsroom: NewsroomSection,
}

/// `[newsroom]`: how public comments are handled.
#[derive(Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct NewsroomSection {
    /// Every comment waits for a moderator (true) or clean comments show at once (false).
    pub premoderation: bool,
    /// Comments accepted per client address in ten minutes.
    pub comments_per_10_minutes: usize,
}

impl Default for NewsroomSection {
    fn default() -> Self {
        Self {
            premoderation: true,
            comments_per_10_minutes: 5,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./sinergi-data"),
            bind: "127.0.0.1:8080".into(),
            database_url: String::new(),
            cookie_secure: false,
            trust_forwarded_for: false,
            session_ttl_hours: 12,
            login_max_failures_per_account: 5,
            login_max_failures_per_ip: 20,
            login_window_minutes: 15,
            worker: true,
            job_lease_secs: 60,
            upload_max_mb: 10,
            files: Default::default(),
            admin_email: "admin@sinergi.local".into(),
            log: "info".into(),
            crisis: sinergi_core::crisis::CrisisConfig::default(),
            smtp: None,
            webhooks: Vec::new(),
            monitor: Default::default(),
            fetch: Default::default(),
            public_url: String::new(),
            newsroom: Default::default(),
        }
    }
}

/// Secrets (the database password) never reach logs or `sinergi config`.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field("bind", &self.bind)
            .field(
                "database_url",
                &sinergi_store::redact_url(&self.database_url),
            )
            .field("cookie_secure", &self.cookie_secure)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("session_ttl_hours", &self.session_ttl_hours)
            .field("worker", &self.worker)
            .field("files", &self.files)
            .field("smtp", &self.smtp)
            .field("webhooks", &self.webhooks)
            .finish_non_exhaustive()
    }
}

impl Config {
    pub fn load(
        file: Option<&PathBuf>,
        data: Option<&PathBuf>,
        bind: Option<&str>,
    ) -> anyhow::Result<Self> {
        let file = file
            .cloned()
            .or_else(|| std::env::var_os("SINERGI_CONFIG").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("sinergi.toml"));
        let mut fig = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(&file))
            .merge(
                Env::prefixed("SINERGI_")
                    .ignore(&["CONFIG", "TEST_DATABASE_URL"])
                    .split("__"),
            );
        if let Ok(url) = std::env::var("DATABASE_URL") {
            fig = fig.merge(Serialized::default("database_url", url));
        }
        let mut cfg: Config = fig
            .extract()
            .map_err(|e| anyhow::anyhow!("konfigurasi tidak valid: {e}"))?;
        cfg.crisis
            .validate()
            .map_err(|e| anyhow::anyhow!("konfigurasi tidak valid: {e}"))?;
        if let Some(d) = data {
            cfg.data_dir = d.clone();
        }
        if let Some(b) = bind {
            cfg.bind = b.to_owned();
        }
        Ok(cfg)
    }

    pub fn runner(&self, worker_id: impl Into<String>) -> sinergi_core::jobs::RunnerConfig {
        let mut rc = sinergi_core::jobs::RunnerConfig::new(worker_id);
        rc.lease = std::time::Duration::from_secs(self.job_lease_secs.clamp(2, 3600));
        rc
    }

    pub fn core(&self) -> sinergi_core::CoreConfig {
        use std::time::Duration;
        sinergi_core::CoreConfig {
            login_max_failures_per_account: self.login_max_failures_per_account.max(1),
            login_max_failures_per_ip: self.login_max_failures_per_ip.max(1),
            login_window: Duration::from_secs(self.login_window_minutes.max(1) * 60),
            session_ttl: Duration::from_secs(self.session_ttl_hours.max(1) * 3600),
            crisis: self.crisis.clone(),
            channels: sinergi_core::notify::Channels::default(),
            monitor: self.monitor.clone(),
            newsroom: sinergi_core::newsroom::service::NewsroomConfig {
                premoderation: self.newsroom.premoderation,
                comments_per_window: self.newsroom.comments_per_10_minutes.max(1),
                ..Default::default()
            },
        }
    }

    /// The public address for absolute links, without a trailing slash.
    pub fn public_url_or(&self, bound: &std::net::SocketAddr) -> String {
        let u = self.public_url.trim().trim_end_matches('/');
        if u.is_empty() {
            format!("http://{bound}")
        } else {
            u.to_owned()
        }
    }

    /// The configuration as TOML with secrets redacted, for `sinergi config`.
    pub fn redacted_toml(&self) -> String {
        let mut shown = self.clone();
        shown.database_url = sinergi_store::redact_url(&self.database_url);
        toml_lines(&shown)
    }
}

fn toml_lines(c: &Config) -> String {
    // Hand-written to keep the TOML serializer out of the dependency tree.
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    [
        format!("data_dir = {}", q(&c.data_dir.display().to_string())),
        format!("bind = {}", q(&c.bind)),
        format!("database_url = {}", q(&c.database_url)),
        format!("cookie_secure = {}", c.cookie_secure),
        format!("trust_forwarded_for = {}", c.trust_forwarded_for),
        format!("public_url = {}", q(&c.public_url)),
        format!("session_ttl_hours = {}", c.session_ttl_hours),
        format!(
            "login_max_failures_per_account = {}",
            c.login_max_failures_per_account
        ),
        format!(
            "login_max_failures_per_ip = {}",
            c.login_max_failures_per_ip
        ),
        format!("login_window_minutes = {}", c.login_window_minutes),
        format!("worker = {}", c.worker),
        format!("upload_max_mb = {}", c.upload_max_mb),
        format!("admin_email = {}", q(&c.admin_email)),
        format!("log = {}", q(&c.log)),
        String::new(),
        "[crisis]".to_owned(),
        format!(
            "status_names = [{}]",
            c.crisis.status_names.iter().map(|n| q(n)).collect::<Vec<_>>().join(", ")
        ),
        String::new(),
        "[newsroom]".to_owned(),
        format!("premoderation = {}", c.newsroom.premoderation),
        format!("comments_per_10_minutes = {}", c.newsroom.comments_per_10_minutes),
    ]
    .into_iter()
    .chain(std::iter::once(format!(
        "\n[files]\nbackend = {}\ns3_endpoint = {}\ns3_bucket = {}\ns3_region = {}\ns3_access_key = {}\ns3_secret_key = {}\ns3_prefix = {}",
        q(&c.files.backend.to_string()),
        q(&c.files.s3_endpoint),
        q(&c.files.s3_bucket),
        q(&c.files.s3_region),
        q(&c.files.s3_access_key),
        q(sinergi_blobs::redact(&c.files.s3_secret_key)),
        q(&c.files.s3_prefix)
    )))
    .chain(c.smtp.iter().map(|m| {
        format!(
            "\n[smtp]\nhost = {}\nport = {}\nsecurity = {}\nusername = {}\npassword = {}\nfrom = {}\nbase_url = {}",
            q(&m.host),
            m.port,
            q(&m.security),
            q(&m.username),
            q(if m.password.is_empty() { "" } else { "***" }),
            q(&m.from),
            q(&m.base_url)
        )
    }))
    .chain(c.webhooks.iter().map(|w| {
        format!("\n[[webhooks]]\nname = {}\nurl = {}\nsecret = \"***\"", q(&w.name), q(&w.url))
    }))
    .chain(c.crisis.levels.iter().map(|l| {
        format!(
            "\n[[crisis.levels]]\nlevel = {}\nname = {}\nfirst_response_hours = {}\nresolution_hours = {}",
            l.level,
            q(&l.name),
            l.first_response_hours,
            l.resolution_hours
        )
    }))
    .collect::<Vec<_>>()
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_database_password() {
        let c = Config {
            database_url: "postgres://app:hunter2@db/sinergi".into(),
            ..Config::default()
        };
        let shown = c.redacted_toml();
        assert!(!shown.contains("hunter2"));
        assert!(shown.contains("postgres://app:***@db/sinergi"));
        assert!(!format!("{c:?}").contains("hunter2"));
        let c = Config {
            smtp: Some(sinergi_notify::SmtpConfig {
                host: "smtp.go.id".into(),
                password: "smtp-rahasia".into(),
                from: "a@b.go.id".into(),
                ..Default::default()
            }),
            webhooks: vec![sinergi_notify::WebhookConfig {
                name: "wa".into(),
                url: "https://gw/x".into(),
                secret: "hook-rahasia".into(),
            }],
            ..Config::default()
        };
        let shown = c.redacted_toml();
        assert!(shown.contains("[smtp]") && shown.contains("[[webhooks]]"));
        assert!(!shown.contains("smtp-rahasia") && !shown.contains("hook-rahasia"));
        assert!(
            !format!("{c:?}").contains("smtp-rahasia")
                && !format!("{c:?}").contains("hook-rahasia")
        );
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment::Jail's closure type
    fn files_table_from_toml_and_secret_from_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "sinergi.toml",
                r#"
                [files]
                backend = "s3"
                s3_endpoint = "https://s3.example.id"
                s3_bucket = "humas"
                s3_access_key = "AKIAHUMAS"
                s3_secret_key = "dari-berkas"
                "#,
            )?;
            jail.set_env("SINERGI_FILES__S3_SECRET_KEY", "s3-rahasia-env");
            jail.set_env("SINERGI_FILES__S3_PREFIX", "sinergi/berkas");
            let c = Config::load(None, None, None).map_err(|e| e.to_string())?;
            assert_eq!(c.files.backend, sinergi_blobs::Backend::S3);
            assert_eq!(c.files.s3_bucket, "humas");
            assert_eq!(c.files.s3_region, "us-east-1", "region defaults");
            assert_eq!(
                c.files.s3_secret_key, "s3-rahasia-env",
                "env wins over the file"
            );
            assert_eq!(c.files.s3_prefix, "sinergi/berkas");
            assert!(!format!("{c:?}").contains("s3-rahasia-env"));
            let shown = c.redacted_toml();
            assert!(!shown.contains("s3-rahasia-env"), "{shown}");
            assert!(shown.contains("s3_secret_key = \"***\""), "{shown}");
            assert!(shown.contains("backend = \"s3\""), "{shown}");
            // Flat keys still work alongside the split.
            jail.set_env("SINERGI_UPLOAD_MAX_MB", "25");
            let c = Config::load(None, None, None).map_err(|e| e.to_string())?;
            assert_eq!(c.upload_max_mb, 25);
            Ok(())
        });
    }
}
