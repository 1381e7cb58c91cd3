//! Demo content of Rilis & Portal: the demo release of Jawa Tengah (which six monitored
//! outlets republished, so pickups show), a few dozen published news items from the synthetic
//! corpus spread over three portals, items in every workflow state, a media list and comments.

use std::sync::Arc;

use sinergi_core::Core;
use sinergi_core::network::AuditEntry;
use sinergi_core::newsroom::service::{CommentInput, ItemInput, StepInput};
use sinergi_core::newsroom::store::{ItemState, ItemWrite};
use sinergi_core::time::now_millis;
use sinergi_newsgen::{Corpus, GenArticle, GenConfig, ReleaseSpec, Tone};

const DAY_MS: i64 = 86_400_000;

fn category_of(section: &str) -> &'static str {
    match section {
        "ekonomi" => "ekonomi",
        "kesehatan" => "kesehatan",
        "pendidikan" => "pendidikan",
        "wisata" => "pariwisata",
        "politik" | "nasional" => "pemerintahan",
        "lingkungan" => "lingkungan",
        _ => "layanan-publik",
    }
}

fn html_of(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", sinergi_richtext::escape_html(p)))
        .collect()
}

/// The first sentence of a text (the portal's lead).
fn first_sentence(text: &str) -> String {
    let end = text
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| i > 40)
        .unwrap_or(text.len());
    text[..end].chars().take(400).collect()
}

/// The corpus writes like a newspaper ("SEMARANG, Kabar Kita – …"); a unit's own portal has
/// no outlet dateline.
fn without_dateline(p: &str) -> &str {
    match p.find(" – ") {
        Some(i) if i < 60 => &p[i + " – ".len()..],
        _ => p,
    }
}

fn input_of(a: &GenArticle) -> ItemInput {
    let paragraphs: Vec<&str> = a
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let first = paragraphs
        .first()
        .map(|p| without_dateline(p))
        .unwrap_or(&a.title);
    let mut body: Vec<String> = paragraphs.iter().map(|p| (*p).to_owned()).collect();
    if let Some(b) = body.first_mut() {
        *b = first.to_owned();
    }
    ItemInput {
        kind: "berita".into(),
        title: a.title.chars().take(200).collect(),
        lead: first_sentence(first),
        body: html_of(&body.join("\n\n")),
        category: category_of(&a.section).into(),
        tags: a
            .issue_key
            .split('-')
            .next()
            .unwrap_or("")
            .replace('_', " "),
        region_code: a.region_codes.last().cloned().unwrap_or_default(),
        ..ItemInput::default()
    }
}

/// Moves a just-published demo item's publication time into the past, as if it had been
/// published then (the synthetic news history is backdated the same way).
async fn backdate(core: &Core, id: i64, at: i64) -> anyhow::Result<()> {
    let Some(item) = core.store().item_by_id(id).await? else {
        return Ok(());
    };
    let mut state = ItemState::of(&item);
    state.published_at = Some(at);
    let w = ItemWrite {
        state: &state,
        new_version: false,
        version_note: None,
        by: "demo",
        at: now_millis(),
        event_kind: "demo",
        event_summary: "Data demo: waktu terbit disesuaikan dengan riwayat berita",
    };
    let audit = AuditEntry {
        at: now_millis(),
        actor_user_id: None,
        actor: "demo".into(),
        org_code: Some(item.org_code.clone()),
        action: "newsroom.demo_backdate".into(),
        entity: "newsroom_item".into(),
        entity_id: id.to_string(),
        before: None,
        after: None,
        ip: None,
    };
    core.store()
        .write_item(id, item.version, &w, &audit)
        .await?;
    Ok(())
}

async fn publish(
    core: &Core,
    writer: &str,
    head: &str,
    input: &ItemInput,
    at: Option<i64>,
) -> anyhow::Result<i64> {
    let w = core.actor_by_email(writer).await?;
    let h = core.actor_by_email(head).await?;
    let i = core.create_item(&w, input).await?;
    let i = core
        .item_step(&w, i.id, i.version, "ajukan", &StepInput::default(), None)
        .await?;
    let i = core
        .item_step(&h, i.id, i.version, "setujui", &StepInput::default(), None)
        .await?;
    let i = core
        .item_step(
            &w,
            i.id,
            i.version,
            "terbitkan",
            &StepInput::default(),
            None,
        )
        .await?;
    if let Some(at) = at {
        backdate(core, i.id, at).await?;
    }
    Ok(i.id)
}

pub async fn seed(core: &Arc<Core>) -> anyhow::Result<()> {
    let system = core.system_actor("demo").await?;
    let existing = core
        .list_items(&system, &Default::default(), Default::default())
        .await?;
    if existing.total > 0 {
        return Ok(());
    }
    let now = now_millis();
    // The same corpus the monitoring demo ingested (same seed and window).
    let spec = GenConfig {
        seed: 7,
        articles: crate::demo_monitor::HISTORY_ARTICLES,
        start_ms: now - 15 * DAY_MS,
        days: 15,
        release: Some(ReleaseSpec::demo()),
        ..GenConfig::default()
    };
    let corpus: Vec<GenArticle> = Corpus::iter(&spec).collect();
    let first_copy = corpus
        .iter()
        .filter(|a| a.issue_key == "release")
        .map(|a| a.published_ms)
        .min()
        .unwrap_or(now - DAY_MS);

    let (jateng, jateng_head) = ("humas@jatengprov.sinergi.id", "jubir@jatengprov.sinergi.id");
    let (jabar, jabar_head) = ("humas@jabarprov.sinergi.id", "jubir@jabarprov.sinergi.id");
    let (pusat, pusat_head) = ("pranata@pusat.sinergi.id", "jubir@pusat.sinergi.id");

    // The release the outlets republished.
    let release = ReleaseSpec::demo();
    let release_input = ItemInput {
        kind: "rilis".into(),
        title: release.title.clone(),
        lead: "Bantuan beras dan telur untuk 120.000 keluarga di 35 kabupaten/kota mulai disalurkan serentak; warga diminta melapor bila ada pungutan.".into(),
        body: html_of(&release.text),
        category: "sosial".into(),
        tags: "bantuan pangan, inflasi, bansos".into(),
        region_code: "33".into(),
        spokesperson_name: "Ir. Sri Handayani, M.Si.".into(),
        spokesperson_title: "Kepala Dinas Kominfo Jawa Tengah".into(),
        spokesperson_quote: "Bantuan ini hak warga. Tidak boleh ada potongan sepeser pun; laporkan bila ada pungutan.".into(),
        ..ItemInput::default()
    };
    let release_id = publish(
        core,
        jateng,
        jateng_head,
        &release_input,
        Some(first_copy - 3_600_000),
    )
    .await?;
    // The pipeline ingested the copies before the release existed: look for them now, as it
    // does when a release enters its pickup index.
    if let Some(item) = core.store().item_by_id(release_id).await? {
        core.backfill_pickups(&item).await?;
    }

    // News items from the synthetic corpus: ordinary (non-syndicated) stories of the regions
    // of the three demo portals.
    let mut n = 0;
    // What a unit publishes about itself: no negative coverage, no syndicated copies.
    for a in corpus.iter().filter(|a| {
        a.issue_key != "release" && a.issue_key != "rob-semarang" && a.tone != Tone::Negative
    }) {
        let (w, h) = match a.region_codes.last().map(String::as_str) {
            Some("33") if n < 40 => (jateng, jateng_head),
            Some("32") if n < 40 => (jabar, jabar_head),
            _ if n < 12 => (pusat, pusat_head),
            _ => continue,
        };
        if publish(core, w, h, &input_of(a), Some(a.published_ms))
            .await
            .is_ok()
        {
            n += 1;
        }
        if n >= 40 {
            break;
        }
    }

    // Items in other workflow states, for the officers' screens.
    let w = core.actor_by_email(jateng).await?;
    let h = core.actor_by_email(jateng_head).await?;
    let mut draft = input_of(&corpus[5]);
    draft.kind = "rilis".into();
    draft.title =
        "Diskominfo Jawa Tengah Buka Pelatihan Literasi Digital untuk Perangkat Desa".into();
    core.create_item(&w, &draft).await?;
    let mut review = input_of(&corpus[9]);
    review.kind = "rilis".into();
    review.title =
        "Pemprov Jawa Tengah Perpanjang Masa Tanggap Darurat Banjir Rob di Pesisir Utara".into();
    let r = core.create_item(&w, &review).await?;
    core.item_step(&w, r.id, r.version, "ajukan", &StepInput::default(), None)
        .await?;
    let mut emb = input_of(&corpus[13]);
    emb.kind = "rilis".into();
    emb.title = "Gubernur Jawa Tengah Umumkan Upah Minimum Provinsi 2027".into();
    let e = core.create_item(&w, &emb).await?;
    let e = core
        .item_step(&w, e.id, e.version, "ajukan", &StepInput::default(), None)
        .await?;
    let e = core
        .item_step(&h, e.id, e.version, "setujui", &StepInput::default(), None)
        .await?;
    core.item_step(
        &w,
        e.id,
        e.version,
        "jadwalkan",
        &StepInput {
            note: String::new(),
            publish_at: Some(now + 2 * DAY_MS),
            embargo: true,
        },
        None,
    )
    .await?;

    // A media list and comments on the release.
    let list = core
        .create_media_list(&w, "Redaksi media Jawa Tengah")
        .await?;
    core.set_media_contacts(
        &w,
        list.id,
        "Redaksi Warta Jateng, redaksi@wartajateng.example, Warta Jateng\n\
         Desk Daerah Kabar Semarang, daerah@kabarsemarang.example, Kabar Semarang\n\
         Nur Aini, nur.aini@suarapantura.example, Suara Pantura\n\
         Redaksi Radio Gema Muria, berita@gemamuria.example, Radio Gema Muria",
    )
    .await?;
    let comments = [
        (
            "Sutrisno",
            "Alhamdulillah, di desa kami bantuan sudah diterima lengkap. Terima kasih.",
        ),
        (
            "Rina",
            "Apakah warga yang belum terdaftar bisa mengajukan? Ke mana harus melapor?",
        ),
        (
            "Budi Santoso",
            "Semoga tahap kedua tidak terlambat seperti tahun lalu.",
        ),
    ];
    for (i, (name, body)) in comments.iter().enumerate() {
        let c = core
            .post_comment(
                release_id,
                &CommentInput {
                    name: (*name).into(),
                    email: String::new(),
                    body: (*body).into(),
                },
                Some(&format!("198.51.100.{}", 10 + i)),
            )
            .await?;
        if i < 2 {
            core.moderate_comment(&h, c.id, "setujui").await?;
        }
        if i == 1 {
            core.reply_comment(
                &w,
                c.id,
                "Warga yang belum terdaftar dapat melapor ke kantor desa atau dinas sosial kabupaten/kota setempat dengan membawa KTP dan KK.",
            )
            .await?;
        }
    }
    // The seeding's workflow notices are history, not news for the demo users.
    for email in [jateng, jateng_head, jabar, jabar_head, pusat, pusat_head] {
        let a = core.actor_by_email(email).await?;
        core.mark_read(&a, None).await?;
    }
    println!(
        "  Rilis & Portal: {} tulisan terbit di 3 portal, 1 draf, 1 menunggu tinjauan, 1 embargo.",
        n + 1
    );
    Ok(())
}
