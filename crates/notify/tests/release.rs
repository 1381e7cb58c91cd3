//! A press release sent to a media list through a local SMTP sink: one e-mail per
//! recipient, per-recipient status, a refused address marked failed and retried without
//! resending to the others, and embargoed releases marked so.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the test failing

mod common;

use common::{Mail, smtp_sink};

use sinergi_core::jobs::{JobRunner, RunnerConfig};
use sinergi_core::network::UserInput;
use sinergi_core::newsroom::service::{ItemInput, StepInput};
use sinergi_core::{Core, CoreConfig};
use sinergi_notify::{SmtpConfig, register};

async fn drain(runner: &JobRunner) {
    for _ in 0..15 {
        while runner.run_once().await.unwrap() {}
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }
}

#[tokio::test]
async fn release_goes_to_each_recipient_with_status() {
    let (smtp_port, mails) = smtp_sink().await;
    let smtp = SmtpConfig {
        host: "127.0.0.1".into(),
        port: smtp_port,
        security: "none".into(),
        from: "Humas Semarang <humas@semarang.go.id>".into(),
        base_url: "https://humas.semarang.go.id".into(),
        ..Default::default()
    };
    let store = sinergi_store::open(None, &sinergi_store::testing::temp_dir())
        .await
        .unwrap();
    let mut runner_cfg = RunnerConfig::new("uji");
    runner_cfg.backoff_base_ms = 1;
    let mut runner = JobRunner::new(store.clone(), runner_cfg);
    let channels = register(&mut runner, Some(&smtp), &[]).unwrap();
    let core = Core::new(
        store.clone(),
        CoreConfig {
            channels,
            ..CoreConfig::default()
        },
    );
    core.bootstrap().await.unwrap();
    let system = core.system_actor("uji").await.unwrap();
    for (email, role) in [
        ("wahyu@semarang.go.id", "officer"),
        ("kepala@semarang.go.id", "head"),
    ] {
        let input = UserInput {
            org_code: "33.74".into(),
            email: email.into(),
            name: email.into(),
            role: role.into(),
            ..Default::default()
        };
        core.create_user(&system, &input, Some("kata-sandi-panjang".into()))
            .await
            .unwrap();
    }
    let w = core.actor_by_email("wahyu@semarang.go.id").await.unwrap();
    let h = core.actor_by_email("kepala@semarang.go.id").await.unwrap();
    let input = ItemInput {
        kind: "rilis".into(),
        title: "Posko Banjir Rob Dibuka".into(),
        lead: "Pemkot Semarang membuka posko banjir rob.".into(),
        body: "<p>Posko dibuka di <strong>tiga</strong> kecamatan.</p>".into(),
        category: "bencana".into(),
        ..ItemInput::default()
    };
    let list = core.create_media_list(&w, "Media Semarang").await.unwrap();
    core.set_media_contacts(
        &w,
        list.id,
        "Redaksi A, redaksi@koran-a.example, Koran A\nRedaksi B, desk@radio-b.example, Radio B\nRedaksi C, tolak@tv-c.example, TV C",
    )
    .await
    .unwrap();

    let item = core.create_item(&w, &input).await.unwrap();
    // A draft cannot be sent.
    let err = core
        .distribute_item(&w, item.id, list.id)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("terbit") || matches!(err, sinergi_core::CoreError::Conflict(_))
    );
    let item = core
        .item_step(
            &w,
            item.id,
            item.version,
            "ajukan",
            &StepInput::default(),
            None,
        )
        .await
        .unwrap();
    let item = core
        .item_step(
            &h,
            item.id,
            item.version,
            "setujui",
            &StepInput::default(),
            None,
        )
        .await
        .unwrap();
    let item = core
        .item_step(
            &w,
            item.id,
            item.version,
            "terbitkan",
            &StepInput::default(),
            None,
        )
        .await
        .unwrap();
    let d = core.distribute_item(&w, item.id, list.id).await.unwrap();
    assert_eq!(d.queued, 3);
    drain(&runner).await;

    // Workflow notices to the unit's own users go out too; keep the release e-mails.
    let releases = |all: &[Mail]| -> Vec<Mail> {
        all.iter()
            .filter(|m| m.data.contains("Posko") || m.data.contains("UMK"))
            .filter(|m| !m.rcpt.iter().any(|r| r.ends_with("semarang.go.id")))
            .cloned()
            .collect()
    };
    let got = releases(&mails.lock().unwrap());
    assert_eq!(got.len(), 2, "two accepted recipients, one e-mail each");
    let all_rcpt: Vec<String> = got.iter().flat_map(|m| m.rcpt.clone()).collect();
    assert!(all_rcpt.contains(&"redaksi@koran-a.example".to_owned()));
    assert!(all_rcpt.contains(&"desk@radio-b.example".to_owned()));
    assert!(
        got[0]
            .data
            .contains("[SIARAN PERS] Posko Banjir Rob Dibuka")
    );
    assert!(got[0].data.contains("text/html") && got[0].data.contains("text/plain"));
    let unfolded = got[0].data.replace("=\n", "");
    assert!(
        unfolded.contains("https://humas.semarang.go.id/portal/33.74/berita/"),
        "{unfolded}"
    );

    let rows = core
        .distribution_deliveries(&w, item.id, d.id)
        .await
        .unwrap();
    let status = |email: &str| rows.iter().find(|r| r.email == email).unwrap().clone();
    assert_eq!(status("redaksi@koran-a.example").status, "sent");
    assert_eq!(status("desk@radio-b.example").status, "sent");
    let failed = status("tolak@tv-c.example");
    assert_eq!(failed.status, "failed");
    assert!(failed.error.unwrap().contains("550"));
    assert!(failed.attempts >= 2, "the failed recipient was retried");
    assert_eq!(
        status("redaksi@koran-a.example").attempts,
        1,
        "sent ones are not sent again"
    );

    // An embargoed release is marked so in the subject and carries no portal link yet.
    let emb = core
        .create_item(
            &w,
            &ItemInput {
                title: "UMK 2027".into(),
                ..input.clone()
            },
        )
        .await
        .unwrap();
    let emb = core
        .item_step(
            &w,
            emb.id,
            emb.version,
            "ajukan",
            &StepInput::default(),
            None,
        )
        .await
        .unwrap();
    let emb = core
        .item_step(
            &h,
            emb.id,
            emb.version,
            "setujui",
            &StepInput::default(),
            None,
        )
        .await
        .unwrap();
    let step = StepInput {
        note: String::new(),
        publish_at: Some(sinergi_core::time::now_millis() + 86_400_000),
        embargo: true,
    };
    let emb = core
        .item_step(&w, emb.id, emb.version, "jadwalkan", &step, None)
        .await
        .unwrap();
    let before = releases(&mails.lock().unwrap()).len();
    let d2 = core.distribute_item(&w, emb.id, list.id).await.unwrap();
    assert!(d2.embargo);
    drain(&runner).await;
    let got = releases(&mails.lock().unwrap());
    let new: Vec<&Mail> = got[before..].iter().collect();
    assert_eq!(new.len(), 2);
    assert!(new[0].data.contains("EMBARGO"));
    assert!(!new[0].data.contains("/portal/33.74/berita/"));
}
