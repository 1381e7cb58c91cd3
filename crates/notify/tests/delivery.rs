//! E-mail and webhook delivery end to end, against a local SMTP sink and a local webhook
//! receiver on 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use common::smtp_sink;

use std::sync::{Arc, Mutex};

use sinergi_core::jobs::{JobRunner, RunnerConfig};
use sinergi_core::network::UserInput;
use sinergi_core::notify::NewNotification;
use sinergi_core::{Core, CoreConfig};
use sinergi_notify::{SmtpConfig, WebhookConfig, register, signature};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Clone)]
struct Hit {
    headers: String,
    body: String,
}

/// A minimal HTTP receiver answering `status` to every POST.
async fn webhook_sink(status: u16) -> (String, Arc<Mutex<Vec<Hit>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let hits = Arc::new(Mutex::new(Vec::new()));
    let store = hits.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let (head_end, len) = loop {
                    let n = sock.read(&mut chunk).await.unwrap();
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..i]).to_lowercase();
                        let len = head
                            .lines()
                            .find_map(|l| {
                                l.strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap())
                            })
                            .unwrap_or(0);
                        break (i + 4, len);
                    }
                };
                while buf.len() < head_end + len {
                    let n = sock.read(&mut chunk).await.unwrap();
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                store.lock().unwrap().push(Hit {
                    headers: String::from_utf8_lossy(&buf[..head_end]).to_lowercase(),
                    body: String::from_utf8_lossy(&buf[head_end..head_end + len]).into_owned(),
                });
                let reply = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
                let _ = sock.write_all(reply.as_bytes()).await;
            });
        }
    });
    (url, hits)
}

#[tokio::test]
async fn escalation_style_notice_goes_out_by_email_and_signed_webhook() {
    let (smtp_port, mails) = smtp_sink().await;
    let (ok_url, hits) = webhook_sink(200).await;
    let (bad_url, _) = webhook_sink(500).await;
    let smtp = SmtpConfig {
        host: "127.0.0.1".into(),
        port: smtp_port,
        security: "none".into(),
        from: "Sinergi <sinergi@uji.go.id>".into(),
        base_url: "https://sinergi.uji.go.id".into(),
        ..Default::default()
    };
    let hooks = vec![
        WebhookConfig {
            name: "wa-gateway".into(),
            url: ok_url,
            secret: "rahasia-webhook".into(),
        },
        WebhookConfig {
            name: "rusak".into(),
            url: bad_url,
            secret: "x".into(),
        },
    ];
    let store = sinergi_store::open(None, &sinergi_store::testing::temp_dir())
        .await
        .unwrap();
    let mut runner_cfg = RunnerConfig::new("uji");
    runner_cfg.backoff_base_ms = 1;
    let mut runner = JobRunner::new(store.clone(), runner_cfg);
    let channels = register(&mut runner, Some(&smtp), &hooks).unwrap();
    assert!(channels.email && channels.webhooks == 2);
    let core = Core::new(
        store.clone(),
        CoreConfig {
            channels,
            ..CoreConfig::default()
        },
    );
    core.bootstrap().await.unwrap();
    let system = core.system_actor("uji").await.unwrap();
    for (email, name) in [("siti@jabar.go.id", "Siti"), ("dedi@jabar.go.id", "Dedi")] {
        let input = UserInput {
            org_code: "32".into(),
            email: email.into(),
            name: name.into(),
            role: "officer".into(),
            ..Default::default()
        };
        core.create_user(&system, &input, Some("kata-sandi-panjang".into()))
            .await
            .unwrap();
    }
    // Dedi turned e-mail off: in-app only.
    let dedi = core.actor_by_email("dedi@jabar.go.id").await.unwrap();
    core.set_email_preference(&dedi, false).await.unwrap();
    assert!(!core.email_preference(&dedi).await.unwrap());

    let jabar = store.org_by_code("32").await.unwrap().unwrap();
    let n = NewNotification {
        kind: "crisis.escalated".into(),
        title: "Eskalasi kasus KRS-000001: Video banjir lama".into(),
        body: "Kota Bandung mengeskalasi kasus ke Provinsi Jawa Barat.".into(),
        link: "/krisis/1".into(),
    };
    assert_eq!(
        core.notify_org(jabar.id, &n).await.unwrap(),
        2,
        "both get it in-app"
    );
    assert_eq!(core.unread_count(&dedi).await.unwrap(), 1);
    // Drain the queue (the failing webhook is retried until it is dead-lettered).
    for _ in 0..20 {
        while runner.run_once().await.unwrap() {}
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }

    let mails = mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].rcpt, vec!["siti@jabar.go.id"]);
    assert!(
        mails[0]
            .data
            .contains("Subject: [Sinergi] Eskalasi kasus KRS-000001")
    );
    assert!(mails[0].data.contains("https://sinergi.uji.go.id/krisis/1"));

    let hits: Vec<Hit> = hits.lock().unwrap().clone();
    assert_eq!(hits.len(), 1);
    let event: serde_json::Value = serde_json::from_str(&hits[0].body).unwrap();
    assert_eq!(
        (event["kind"].as_str(), event["org_code"].as_str()),
        (Some("crisis.escalated"), Some("32"))
    );
    let header = |name: &str| {
        hits[0]
            .headers
            .lines()
            .find_map(|l| {
                l.strip_prefix(&format!("{name}:"))
                    .map(|v| v.trim().to_owned())
            })
            .unwrap()
    };
    let ts = header("x-sinergi-timestamp");
    assert_eq!(
        header("x-sinergi-signature"),
        signature("rahasia-webhook", &ts, hits[0].body.as_bytes()),
        "receiver can verify"
    );

    // The log says what was sent to whom, including the failures.
    let log = core
        .deliveries(
            &system,
            sinergi_core::page::PageReq::new(Some(1), Some(100)),
        )
        .await
        .unwrap();
    let sent: Vec<(String, String, String)> = log
        .items
        .iter()
        .map(|d| (d.channel.clone(), d.target.clone(), d.status.clone()))
        .collect();
    assert!(sent.contains(&("email".into(), "siti@jabar.go.id".into(), "sent".into())));
    assert!(sent.contains(&("webhook".into(), "wa-gateway".into(), "sent".into())));
    assert!(
        sent.iter()
            .any(|(c, t, s)| c == "webhook" && t == "rusak" && s == "failed")
    );
    let failures = log.items.iter().filter(|d| d.target == "rusak").count();
    assert_eq!(failures, 5, "retried up to the job's attempt limit");
    assert_eq!(store.job_counts().await.unwrap().dead, 1);
}
