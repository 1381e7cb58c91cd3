//! Delivery channels for notifications: e-mail over SMTP (lettre) and JSON webhooks signed with
//! HMAC-SHA256 (for WhatsApp/Telegram gateways). Core enqueues `notify.email` and
//! `notify.webhook` jobs; the handlers here send them, so a failed delivery is retried with
//! backoff and survives a restart. Every attempt is written to the delivery log.

mod release;

pub use release::{bodies as release_bodies, subject as release_subject};

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use hmac::{Hmac, Mac};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use sinergi_core::jobs::{Job, JobContext, JobHandler, JobRunner};
use sinergi_core::notify::{Delivery, EMAIL_JOB, WEBHOOK_JOB};
use sinergi_core::time::now_millis;

/// How to reach the SMTP server.
#[derive(Clone, Serialize, Deserialize, Default)]
pub struct SmtpConfig {
    pub host: String,
    #[serde(default = "default_port")]
    pub port: u16,
    /// `none` (plain, for a local relay), `starttls` or `tls`.
    #[serde(default = "default_security")]
    pub security: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
    /// Sender, e.g. `Sinergi <sinergi@kominfo.go.id>`.
    pub from: String,
    /// Base URL of this deployment, to turn links into absolute ones in e-mails.
    #[serde(default)]
    pub base_url: String,
}

fn default_port() -> u16 {
    587
}

fn default_security() -> String {
    "starttls".into()
}

/// The password never reaches logs.
impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field(
                "password",
                &if self.password.is_empty() { "" } else { "***" },
            )
            .field("from", &self.from)
            .finish()
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct WebhookConfig {
    /// A name for logs, e.g. `wa-gateway`.
    pub name: String,
    pub url: String,
    /// Shared secret for the `X-Sinergi-Signature` header.
    pub secret: String,
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("name", &self.name)
            .field("url", &self.url)
            .field("secret", &"***")
            .finish()
    }
}

/// `sha256=<hex>` of HMAC-SHA256 over `timestamp + "." + body`, what receivers verify.
pub fn signature(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        // HMAC accepts keys of any length; this arm cannot happen.
        Err(_) => return String::new(),
    };
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[derive(Deserialize)]
struct EmailPayload {
    to: Vec<String>,
    kind: String,
    title: String,
    body: String,
    link: String,
}

struct EmailHandler {
    cfg: SmtpConfig,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

fn transport(cfg: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let builder = match cfg.security.as_str() {
        "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host),
        "tls" => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.host).map_err(|e| e.to_string())?
        }
        "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host)
            .map_err(|e| e.to_string())?,
        other => {
            return Err(format!(
                "smtp.security tidak dikenal: {other} (none, starttls, tls)"
            ));
        }
    };
    let mut builder = builder
        .port(cfg.port)
        .timeout(Some(Duration::from_secs(20)));
    if !cfg.username.is_empty() {
        builder = builder.credentials(Credentials::new(cfg.username.clone(), cfg.password.clone()));
    }
    Ok(builder.build())
}

async fn log(ctx: &JobContext, d: Delivery) {
    if let Err(e) = ctx.store.log_delivery(&d).await {
        tracing::warn!(error = %e, "cannot write the delivery log");
    }
}

#[async_trait]
impl JobHandler for EmailHandler {
    async fn run(&self, ctx: &JobContext, job: &Job) -> Result<(), String> {
        let p: EmailPayload =
            serde_json::from_value(job.payload.clone()).map_err(|e| format!("payload: {e}"))?;
        let link = format!("{}{}", self.cfg.base_url.trim_end_matches('/'), p.link);
        let text = format!(
            "{}\n\n{}\n\nBuka di Sinergi: {link}\n\n— Sinergi, platform jejaring humas pemerintah",
            p.title, p.body
        );
        let mut failures = Vec::new();
        for to in &p.to {
            let outcome = match to.parse::<Mailbox>() {
                Ok(mb) => match Message::builder()
                    .from(self.from.clone())
                    .to(mb)
                    .subject(format!("[Sinergi] {}", p.title))
                    .body(text.clone())
                {
                    Ok(msg) => self
                        .transport
                        .send(msg)
                        .await
                        .map(|_| ())
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                },
                Err(e) => Err(format!("alamat tidak valid: {e}")),
            };
            log(
                ctx,
                Delivery {
                    at: now_millis(),
                    channel: "email".into(),
                    target: to.clone(),
                    kind: p.kind.clone(),
                    title: p.title.clone(),
                    status: if outcome.is_ok() {
                        "sent".into()
                    } else {
                        "failed".into()
                    },
                    error: outcome.as_ref().err().cloned(),
                },
            )
            .await;
            if let Err(e) = outcome {
                failures.push(format!("{to}: {e}"));
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("; "))
        }
    }
}

#[derive(Deserialize)]
struct WebhookPayload {
    hook: usize,
    event: serde_json::Value,
}

struct WebhookHandler {
    hooks: Vec<WebhookConfig>,
    client: reqwest::Client,
}

#[async_trait]
impl JobHandler for WebhookHandler {
    async fn run(&self, ctx: &JobContext, job: &Job) -> Result<(), String> {
        let p: WebhookPayload =
            serde_json::from_value(job.payload.clone()).map_err(|e| format!("payload: {e}"))?;
        let Some(hook) = self.hooks.get(p.hook) else {
            // The configuration changed since the job was queued; nothing to deliver to.
            return Ok(());
        };
        let body = serde_json::to_vec(&p.event).map_err(|e| e.to_string())?;
        let ts = (now_millis() / 1000).to_string();
        let result = self
            .client
            .post(&hook.url)
            .header("content-type", "application/json")
            .header("x-sinergi-timestamp", &ts)
            .header("x-sinergi-signature", signature(&hook.secret, &ts, &body))
            .body(body)
            .send()
            .await;
        let outcome = match result {
            Ok(r) if r.status().is_success() => Ok(()),
            Ok(r) => Err(format!("HTTP {}", r.status().as_u16())),
            Err(e) => Err(e.to_string()),
        };
        log(
            ctx,
            Delivery {
                at: now_millis(),
                channel: "webhook".into(),
                target: hook.name.clone(),
                kind: p.event["kind"].as_str().unwrap_or("").to_owned(),
                title: p.event["title"].as_str().unwrap_or("").to_owned(),
                status: if outcome.is_ok() {
                    "sent".into()
                } else {
                    "failed".into()
                },
                error: outcome.as_ref().err().cloned(),
            },
        )
        .await;
        outcome
    }
}

/// Registers the configured channels' job handlers on `runner`; returns the channels core
/// should enqueue for.
pub fn register(
    runner: &mut JobRunner,
    smtp: Option<&SmtpConfig>,
    hooks: &[WebhookConfig],
) -> Result<sinergi_core::notify::Channels, String> {
    let mut channels = sinergi_core::notify::Channels::default();
    if let Some(cfg) = smtp.filter(|c| !c.host.is_empty()) {
        let from: Mailbox = cfg
            .from
            .parse()
            .map_err(|e| format!("smtp.from tidak valid: {e}"))?;
        // One connection pool for notices and release distribution.
        let pool = transport(cfg)?;
        runner.register(
            EMAIL_JOB,
            Arc::new(EmailHandler {
                transport: pool.clone(),
                cfg: cfg.clone(),
                from: from.clone(),
            }),
        );
        runner.register(
            sinergi_core::newsroom::service::DISTRIBUTE_JOB,
            Arc::new(release::ReleaseHandler {
                transport: pool,
                cfg: cfg.clone(),
                from: from.clone(),
            }),
        );
        channels.email = true;
    }
    if !hooks.is_empty() {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        runner.register(
            WEBHOOK_JOB,
            Arc::new(WebhookHandler {
                hooks: hooks.to_vec(),
                client,
            }),
        );
        channels.webhooks = hooks.len();
    }
    Ok(channels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_stable_and_keyed() {
        let a = signature("rahasia", "1764130000", b"{\"a\":1}");
        assert_eq!(a, signature("rahasia", "1764130000", b"{\"a\":1}"));
        assert_ne!(a, signature("lain", "1764130000", b"{\"a\":1}"));
        assert_ne!(a, signature("rahasia", "1764130001", b"{\"a\":1}"));
        assert!(a.starts_with("sha256=") && a.len() == 7 + 64);
    }

    #[test]
    fn secrets_are_not_printed() {
        let s = SmtpConfig {
            host: "smtp".into(),
            password: "p4ss".into(),
            from: "a@b.id".into(),
            ..Default::default()
        };
        assert!(!format!("{s:?}").contains("p4ss"));
        let w = WebhookConfig {
            name: "wa".into(),
            url: "http://x".into(),
            secret: "s3cr3t".into(),
        };
        assert!(!format!("{w:?}").contains("s3cr3t"));
    }
}
