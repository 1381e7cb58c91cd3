//! Sending a press release to a media list: one e-mail per recipient (HTML with a plain-text
//! alternative), each delivery row marked sent or failed. A retry of the job sends only to
//! recipients not yet reached, so nobody gets the release twice.

use async_trait::async_trait;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;
use sinergi_core::jobs::{Job, JobContext, JobHandler};
use sinergi_core::newsroom::NewsItem;
use sinergi_core::time::{Zone, format_long, now_millis};

use crate::SmtpConfig;

#[derive(Deserialize)]
struct Payload {
    distribution_id: i64,
}

pub(crate) struct ReleaseHandler {
    pub(crate) cfg: SmtpConfig,
    pub(crate) transport: AsyncSmtpTransport<Tokio1Executor>,
    pub(crate) from: Mailbox,
}

/// Subject line: the kind in capitals as newsrooms expect, and the embargo when there is one.
pub fn subject(item: &NewsItem, embargo: bool) -> String {
    let kind = item.kind.label().to_uppercase();
    if embargo {
        let until = item
            .publish_at
            .map(|t| format_long(t, Zone::for_region_code(&item.org_code)))
            .unwrap_or_default();
        format!("[EMBARGO hingga {until}] [{kind}] {}", item.title)
    } else {
        format!("[{kind}] {}", item.title)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn bodies(item: &NewsItem, embargo: bool, base_url: &str) -> (String, String) {
    let link = format!("{}{}", base_url.trim_end_matches('/'), item.portal_path());
    let banner = if embargo {
        "EMBARGO: jangan diterbitkan sebelum waktu yang tertera di subjek.\n\n"
    } else {
        ""
    };
    let quote = item
        .spokesperson_quote
        .as_ref()
        .map(|q| {
            format!(
                "\n\n\"{q}\" — {}",
                item.spokesperson_name.as_deref().unwrap_or("")
            )
        })
        .unwrap_or_default();
    let text = format!(
        "{banner}{}\n\n{}\n\n{}{quote}\n\n{}\nHumas {}\n",
        item.title,
        item.lead,
        item.body_text,
        if embargo {
            String::new()
        } else {
            format!("Selengkapnya: {link}\n")
        },
        item.org_name
    );
    let html = format!(
        "<!DOCTYPE html><html lang=\"id\"><body>{}<h1>{}</h1><p><strong>{}</strong></p>{}{}{}<p>Humas {}</p></body></html>",
        if embargo {
            "<p style=\"background:#fef3c7;padding:8px\"><strong>EMBARGO</strong>: jangan diterbitkan sebelum waktu yang tertera di subjek.</p>"
        } else {
            ""
        },
        escape(&item.title),
        escape(&item.lead),
        // Stored body HTML is sanitised by core before it is saved.
        item.body_html,
        item.spokesperson_quote
            .as_ref()
            .map(|q| format!(
                "<blockquote>“{}” — {}</blockquote>",
                escape(q),
                escape(item.spokesperson_name.as_deref().unwrap_or(""))
            ))
            .unwrap_or_default(),
        if embargo {
            String::new()
        } else {
            format!("<p><a href=\"{}\">Baca di portal</a></p>", escape(&link))
        },
        escape(&item.org_name)
    );
    (text, html)
}

#[async_trait]
impl JobHandler for ReleaseHandler {
    async fn run(&self, ctx: &JobContext, job: &Job) -> Result<(), String> {
        let p: Payload =
            serde_json::from_value(job.payload.clone()).map_err(|e| format!("payload: {e}"))?;
        let rows = ctx
            .store
            .release_deliveries(p.distribution_id)
            .await
            .map_err(|e| e.to_string())?;
        let Some(first) = rows.first() else {
            return Ok(());
        };
        let item = ctx
            .store
            .item_by_id(first.item_id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the release no longer exists")?;
        let dist = ctx
            .store
            .distributions(item.id)
            .await
            .map_err(|e| e.to_string())?;
        let embargo = dist
            .iter()
            .find(|d| d.id == p.distribution_id)
            .is_some_and(|d| d.embargo);
        let subject = subject(&item, embargo);
        let (text, html) = bodies(&item, embargo, &self.cfg.base_url);
        let mut failures = 0;
        for r in rows.iter().filter(|r| r.status != "sent") {
            let to = match format!("{} <{}>", r.name.replace(['<', '>', '"'], ""), r.email)
                .parse::<Mailbox>()
                .or_else(|_| r.email.parse::<Mailbox>())
            {
                Ok(m) => m,
                Err(e) => {
                    let _ = ctx
                        .store
                        .set_delivery(
                            r.id,
                            "failed",
                            Some(&format!("alamat tidak valid: {e}")),
                            now_millis(),
                        )
                        .await;
                    failures += 1;
                    continue;
                }
            };
            let outcome = match Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(subject.clone())
                .multipart(MultiPart::alternative_plain_html(
                    text.clone(),
                    html.clone(),
                )) {
                Ok(msg) => self
                    .transport
                    .send(msg)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            let (status, error) = match &outcome {
                Ok(()) => ("sent", None),
                Err(e) => {
                    failures += 1;
                    ("failed", Some(e.as_str()))
                }
            };
            ctx.store
                .set_delivery(r.id, status, error, now_millis())
                .await
                .map_err(|e| e.to_string())?;
        }
        if failures == 0 {
            Ok(())
        } else {
            Err(format!("{failures} penerima gagal; dicoba lagi nanti"))
        }
    }
}
