//! Test support: boots the real server on 127.0.0.1 with a fresh database (SQLite in a
//! temporary folder, or a fresh PostgreSQL database when `SINERGI_TEST_DATABASE_URL` is set)
//! and offers helpers to create users and sign in.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod browser;

use std::path::PathBuf;
use std::sync::Arc;

use sinergi_core::network::UserInput;
use sinergi_core::{Core, CoreConfig};
use sinergi_web::{AppState, WebConfig};
use tokio::sync::oneshot;

pub const PASSWORD: &str = "kata-sandi-uji-2026";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server for tests, if configured.
pub fn pg_url() -> Option<String> {
    std::env::var("SINERGI_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

/// Backends to run a test against: SQLite always, PostgreSQL when configured (and a note
/// that it was skipped otherwise).
pub fn backends() -> Vec<Backend> {
    if pg_url().is_some() {
        vec![Backend::Sqlite, Backend::Postgres]
    } else {
        eprintln!("SINERGI_TEST_DATABASE_URL not set: PostgreSQL part skipped");
        vec![Backend::Sqlite]
    }
}

/// A fresh, empty PostgreSQL database on the test server; returns its URL.
pub async fn fresh_pg_database() -> String {
    let base = pg_url().expect("SINERGI_TEST_DATABASE_URL");
    sinergi_store::testing::fresh_pg_database(&base)
        .await
        .expect("create test database")
}

pub struct TestServer {
    pub base: String,
    pub core: Arc<Core>,
    pub backend: Backend,
    pub data_dir: PathBuf,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, CoreConfig::default()).await
    }

    pub async fn start_with(backend: Backend, cfg: CoreConfig) -> Self {
        let data_dir = sinergi_store::testing::temp_dir();
        let url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(fresh_pg_database().await),
        };
        let store = sinergi_store::open(url.as_deref(), &data_dir)
            .await
            .expect("open store");
        let files = sinergi_core::FileService {
            blobs: Arc::new(sinergi_core::files::LocalBlobs::new(
                data_dir.join("berkas"),
            )),
            scanner: Arc::new(sinergi_core::files::NoScan),
            max_bytes: 1024 * 1024,
        };
        let core = Arc::new(Core::new(store, cfg).with_files(files));
        core.bootstrap().await.expect("seed organisations");
        Self::serve(core, backend, data_dir).await
    }

    /// A server with Pantau Media running: a search index, the pipeline with a worker (fast
    /// polling), the index commit loop, and a local news feed server on 127.0.0.1 (allowed by
    /// the fetcher as an operator exception, exactly as a deployment would configure it).
    pub async fn start_monitoring(backend: Backend) -> (Self, Monitoring) {
        let data_dir = sinergi_store::testing::temp_dir();
        let url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(fresh_pg_database().await),
        };
        let store = sinergi_store::open(url.as_deref(), &data_dir)
            .await
            .expect("open store");
        let searcher = Arc::new(
            sinergi_monitor::Searcher::open(&data_dir.join("indeks")).expect("search index"),
        );
        let fetch = sinergi_monitor::fetch::FetchConfig {
            allow_private: vec!["127.0.0.1/32".parse().expect("cidr")],
            min_interval: std::time::Duration::from_millis(20),
            ..Default::default()
        };
        let mut cfg = CoreConfig::default();
        cfg.monitor.cluster_threshold = 0.55;
        cfg.monitor.min_interval_minutes = 1;
        let core = Arc::new(
            Core::new(store, cfg)
                .with_index(searcher.clone())
                .with_url_policy(Arc::new(sinergi_monitor::FetchPolicy(fetch.clone()))),
        );
        core.bootstrap().await.expect("seed organisations");
        let pipeline = Arc::new(sinergi_monitor::Pipeline::new(
            core.clone(),
            searcher.clone(),
        ));
        let fetcher = sinergi_monitor::fetch::Fetcher::new(fetch).expect("fetcher");
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let mut rc = sinergi_core::jobs::RunnerConfig::new("uji-pantau");
        rc.poll_interval = std::time::Duration::from_millis(50);
        let mut runner = sinergi_core::jobs::JobRunner::new(core.store().clone(), rc);
        sinergi_monitor::pipeline::jobs::register(&mut runner, pipeline.clone(), fetcher);
        tokio::spawn(runner.run(stop_rx.clone()));
        tokio::spawn(sinergi_monitor::search_adapter::commit_loop(
            searcher, stop_rx,
        ));
        let now = sinergi_core::time::now_millis();
        let live = sinergi_newsgen::LiveCorpus::new(sinergi_newsgen::Corpus::generate(
            &sinergi_newsgen::GenConfig {
                seed: 11,
                articles: 60,
                start_ms: now - 86_400_000,
                days: 1,
                outlets: 3,
                spike: false,
                ..Default::default()
            },
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind feeds");
        let feeds = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(sinergi_newsgen::serve_live(listener, live.clone()));
        let server = Self::serve(core, backend, data_dir).await;
        (
            server,
            Monitoring {
                pipeline,
                live,
                feeds,
                _stop: stop_tx,
            },
        )
    }

    /// Serves an existing core (e.g. a second instance on the same database).
    pub async fn serve(core: Arc<Core>, backend: Backend, data_dir: PathBuf) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (tx, rx) = oneshot::channel::<()>();
        let state = AppState::new(core.clone(), WebConfig::default());
        tokio::spawn(async move {
            let _ = sinergi_web::serve(listener, state, async move {
                let _ = rx.await;
            })
            .await;
        });
        Self {
            base,
            core,
            backend,
            data_dir,
            stop: Some(tx),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Creates a user with [`PASSWORD`] and returns its id.
    pub async fn user(&self, org: &str, role: &str, email: &str) -> i64 {
        let system = self.core.system_actor("test").await.expect("system actor");
        let input = UserInput {
            org_code: org.into(),
            email: email.into(),
            name: format!("Pengguna {email}"),
            role: role.into(),
            ..Default::default()
        };
        let (u, _) = self
            .core
            .create_user(&system, &input, Some(PASSWORD.into()))
            .await
            .expect("create user");
        u.id
    }

    /// A bearer token for `email`.
    pub async fn token(&self, email: &str) -> String {
        let system = self.core.system_actor("test").await.expect("system actor");
        self.core
            .create_token(&system, email, "uji")
            .await
            .expect("token")
            .1
    }

    /// A browser-like client (cookie jar, no automatic redirects) signed in as `email`.
    pub async fn login(&self, email: &str) -> Browser {
        let b = Browser::new(self);
        let res = b.login(email, PASSWORD).await;
        assert_eq!(res.status(), 303, "login of {email} should redirect");
        b
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// The Pantau Media side of a [`TestServer::start_monitoring`] server.
pub struct Monitoring {
    pub pipeline: Arc<sinergi_monitor::Pipeline>,
    pub live: sinergi_newsgen::LiveCorpus,
    /// Base URL of the local feed server (`{feeds}/{host}/rss.xml`).
    pub feeds: String,
    _stop: tokio::sync::watch::Sender<bool>,
}

impl Monitoring {
    /// Host and name of the feed server's outlets.
    pub fn outlets(&self) -> Vec<(String, String)> {
        self.live.read(|c| {
            c.outlets()
                .iter()
                .map(|o| (o.host.clone(), o.name.clone()))
                .collect()
        })
    }
}

pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

/// The value of the first `name="_csrf"` hidden field in a page.
/// A generated article as a page fetched at `fetched_ms` (what the pipeline ingests).
pub fn raw_page(
    a: &sinergi_newsgen::GenArticle,
    fetched_ms: i64,
) -> sinergi_monitor::pipeline::RawPage {
    sinergi_monitor::pipeline::RawPage {
        url: a.url.clone(),
        body: a.html.clone().into_bytes(),
        content_type: None,
        title_hint: None,
        outlet_hint: Some(a.outlet.name.clone()),
        fetched_ms,
    }
}

/// The result count of a Pantau Media search page: "<strong>37</strong> berita ditemukan".
pub fn result_count(html: &str) -> Option<usize> {
    let end = html.find("</strong> berita ditemukan")?;
    let start = html[..end].rfind("<strong>")? + "<strong>".len();
    html[start..end].parse().ok()
}

pub fn csrf_in(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    let start = html
        .find(marker)
        .map(|i| i + marker.len())
        .expect("page has a CSRF field");
    let end = html[start..].find('"').expect("end of CSRF value");
    html[start..start + end].to_owned()
}

impl Browser {
    pub fn new(server: &TestServer) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            client,
            base: server.base.clone(),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET")
    }

    pub async fn text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let s = r.status().as_u16();
        (s, r.text().await.expect("body"))
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// POSTs a form with the CSRF token taken from `page`.
    pub async fn post_from(
        &self,
        page: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let (_, html) = self.text(page).await;
        let token = csrf_in(&html);
        let mut fields: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        fields.extend_from_slice(form);
        self.post(path, &fields).await
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_from(
            "/masuk",
            "/masuk",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await
    }
}
