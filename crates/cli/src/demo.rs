//! `serve --demo`: realistic demo accounts across the centre, two provinces and four
//! regencies/cities, created once. Later modules add their own demo content here.

use std::io::Write;

use sinergi_core::Core;
use sinergi_core::network::UserInput;
use sinergi_core::network::service::generate_password;

use crate::config::Config;

const DEMO_KNOWN_CLAIMS: &str = "id,klaim,label
D1,Pendaftaran ulang bantuan sosial melalui tautan WhatsApp,PENIPUAN
D2,Vaksin imunisasi anak sekolah mengandung microchip pelacak,SALAH
D3,Video banjir bandang lama disebut terjadi hari ini,SALAH
D4,Tarif listrik naik dua kali lipat mulai bulan depan,SALAH
D5,Akun media sosial pejabat meminta transfer dana sumbangan,PENIPUAN
D6,Gempa besar diprediksi terjadi malam ini menurut BMKG,SALAH
";

struct DemoUser {
    org: &'static str,
    role: &'static str,
    email: &'static str,
    name: &'static str,
    nip: Option<&'static str>,
    phone: Option<&'static str>,
    position: &'static str,
}

const USERS: &[DemoUser] = &[
    DemoUser {
        org: "pusat",
        role: "admin",
        email: "admin@pusat.sinergi.id",
        name: "Rina Kusumawati",
        nip: Some("198203142006042001"),
        phone: Some("0812-1111-2001"),
        position: "Kepala Bagian Humas dan Protokol",
    },
    DemoUser {
        org: "pusat",
        role: "head",
        email: "jubir@pusat.sinergi.id",
        name: "Dr. Bambang Hartono",
        nip: Some("197507201999031002"),
        phone: Some("0812-1111-2002"),
        position: "Kepala Pusat Penerangan (Juru Bicara)",
    },
    DemoUser {
        org: "pusat",
        role: "officer",
        email: "pranata@pusat.sinergi.id",
        name: "Dewi Lestari",
        nip: Some("199001152015032003"),
        phone: None,
        position: "Pranata Humas Ahli Muda",
    },
    DemoUser {
        org: "pusat",
        role: "viewer",
        email: "pemantau@pusat.sinergi.id",
        name: "Yusuf Maulana",
        nip: None,
        phone: None,
        position: "Analis Media",
    },
    DemoUser {
        org: "32",
        role: "admin",
        email: "humas@jabarprov.sinergi.id",
        name: "Dedi Supriadi",
        nip: Some("198011022005011004"),
        phone: Some("0813-2222-3201"),
        position: "Kepala Bidang IKP Diskominfo Jawa Barat",
    },
    DemoUser {
        org: "32",
        role: "head",
        email: "jubir@jabarprov.sinergi.id",
        name: "Ridwan Saputra",
        nip: Some("197806172002121003"),
        phone: None,
        position: "Kepala Dinas Kominfo Jawa Barat (Juru Bicara)",
    },
    DemoUser {
        org: "32",
        role: "officer",
        email: "siti@jabarprov.sinergi.id",
        name: "Siti Nurhaliza",
        nip: Some("199205172019032005"),
        phone: None,
        position: "Pranata Humas Ahli Pertama",
    },
    DemoUser {
        org: "32.73",
        role: "officer",
        email: "humas@bandungkota.sinergi.id",
        name: "Agus Pratama",
        nip: Some("198808082014031006"),
        phone: Some("0822-3333-7301"),
        position: "Pranata Humas Ahli Muda",
    },
    DemoUser {
        org: "32.01",
        role: "head",
        email: "humas@bogorkab.sinergi.id",
        name: "Lestari Wulandari",
        nip: Some("198512252010012007"),
        phone: None,
        position: "Kepala Bagian Prokopim Kabupaten Bogor",
    },
    DemoUser {
        org: "35",
        role: "admin",
        email: "humas@jatimprov.sinergi.id",
        name: "Hendra Wijaya",
        nip: Some("197912122003121008"),
        phone: None,
        position: "Kepala Bidang IKP Diskominfo Jawa Timur",
    },
    DemoUser {
        org: "33",
        role: "officer",
        email: "humas@jatengprov.sinergi.id",
        name: "Wahyu Setiawan",
        nip: Some("198806182011011004"),
        phone: None,
        position: "Pranata Humas Ahli Pertama Diskominfo Jawa Tengah",
    },
    DemoUser {
        org: "33",
        role: "head",
        email: "jubir@jatengprov.sinergi.id",
        name: "Ir. Sri Handayani, M.Si.",
        nip: Some("197204151998032006"),
        phone: None,
        position: "Kepala Dinas Kominfo Jawa Tengah (Juru Bicara)",
    },
    DemoUser {
        org: "35.78",
        role: "officer",
        email: "humas@surabaya.sinergi.id",
        name: "Putri Ayu Anggraini",
        nip: Some("199403032020122009"),
        phone: None,
        position: "Pranata Humas Terampil",
    },
];

/// Creates the demo accounts on first start and prints them with their password.
pub async fn seed(core: &Core, cfg: &Config) -> anyhow::Result<()> {
    if core.store().user_by_email(USERS[0].email).await?.is_some() {
        let file = cfg.data_dir.join("akun-demo.txt");
        println!(
            "Data demo sudah ada. Akun demo tercatat di {}.",
            file.display()
        );
        return Ok(());
    }
    let system = core.system_actor("demo").await?;
    let password = generate_password();
    let mut lines = vec![
        format!("Kata sandi semua akun demo: {password}"),
        String::new(),
    ];
    for u in USERS {
        let input = UserInput {
            org_code: u.org.into(),
            email: u.email.into(),
            name: u.name.into(),
            nip: u.nip.map(Into::into),
            phone: u.phone.map(Into::into),
            position: Some(u.position.into()),
            role: u.role.into(),
        };
        let (user, _) = core
            .create_user(&system, &input, Some(password.clone()))
            .await?;
        lines.push(format!(
            "{:<32} {:<8} {} — {}",
            user.email, u.role, user.org_name, user.name
        ));
    }
    seed_crisis(core).await?;
    // A small project-written list of known hoax claims, so claim matching has something to
    // match in the demo (real lists are imported with `sinergi claims import`).
    core.import_known_claims(&system, "contoh-demo", DEMO_KNOWN_CLAIMS)
        .await?;
    println!();
    println!("  Akun demo dibuat:");
    for l in &lines {
        println!("  {l}");
    }
    println!();
    // Keep a copy for the operator; readable by the owner only.
    let path = cfg.data_dir.join("akun-demo.txt");
    if let Ok(mut f) = std::fs::File::create(&path) {
        let _ = writeln!(f, "{}", lines.join("\n"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
        }
    }
    Ok(())
}

/// Demo crisis cases in different stages, so every screen of Krisis Informasi has content.
async fn seed_crisis(core: &Core) -> anyhow::Result<()> {
    use sinergi_core::crisis::service::{CaseInput, VerdictInput};
    let agus = core.actor_by_email("humas@bandungkota.sinergi.id").await?;
    let dedi = core.actor_by_email("humas@jabarprov.sinergi.id").await?;
    let siti = core.actor_by_email("siti@jabarprov.sinergi.id").await?;
    let lestari = core.actor_by_email("humas@bogorkab.sinergi.id").await?;
    let putri = core.actor_by_email("humas@surabaya.sinergi.id").await?;
    let hendra = core.actor_by_email("humas@jatimprov.sinergi.id").await?;
    let rina = core.actor_by_email("pranata@pusat.sinergi.id").await?;
    let input =
        |claim: &str, desc: &str, links: &str, regions: &str, category: &str, tags: &str| {
            CaseInput {
                claim: claim.into(),
                description: desc.into(),
                origin_links: links.into(),
                region_codes: regions.into(),
                category: category.into(),
                tags: tags.into(),
                source: "public_report".into(),
                ..Default::default()
            }
        };
    let verdict = |v: &str, note: &str, label: &str, url: &str| VerdictInput {
        verdict: v.into(),
        note: note.into(),
        external_label: label.into(),
        external_url: url.into(),
    };

    // 1. A hoax escalated from Kota Bandung to the province, which took it over and published
    //    an approved clarification.
    let c = core
        .open_case(
            &agus,
            &input(
                "Beredar pesan berantai bahwa bantuan sosial Desember 2026 dibatalkan",
                "Pesan berantai di grup WhatsApp warga menyebut penyaluran bansos Desember dibatalkan dan meminta warga mendaftar ulang melalui tautan tidak resmi.",
                "https://www.facebook.com/groups/infobandung/posts/1234567890",
                "32.73, 32.04, 32.17",
                "ekonomi",
                "bansos, whatsapp, tautan palsu",
            ),
        )
        .await?;
    let c = core
        .transition_case(&agus, c.id, c.version, "verifikasi", "")
        .await?;
    let c = core
        .set_verdict(
            &agus,
            c.id,
            c.version,
            &verdict(
                "hoaks",
                "Dinas Sosial memastikan penyaluran tetap berjalan sesuai jadwal.",
                "SALAH",
                "https://turnbackhoax.id/",
            ),
        )
        .await?;
    let c = core
        .escalate_case(
            &agus,
            c.id,
            c.version,
            "Pesan menyebar ke Kabupaten Bandung dan Bandung Barat",
        )
        .await?;
    let c = core.take_over_case(&siti, c.id, c.version).await?;
    let st = core
        .draft_statement(&siti, c.id, "clarification", "Penyaluran bansos Desember 2026 tetap berjalan", "Pemerintah Provinsi Jawa Barat menegaskan penyaluran bantuan sosial Desember 2026 tetap berjalan sesuai jadwal. Warga tidak perlu mendaftar ulang dan diminta tidak membuka tautan yang beredar.")
        .await?;
    core.submit_statement(&siti, st.id).await?;
    core.add_case_task(
        &dedi,
        c.id,
        "Koordinasikan unggahan klarifikasi di akun resmi kabupaten/kota",
        "humas@bandungkota.sinergi.id",
        None,
    )
    .await?;
    core.add_case_note(
        &siti,
        c.id,
        "Draf klarifikasi menunggu persetujuan juru bicara.",
    )
    .await?;

    // 2. A recycled flood video in Kabupaten Bogor, under verification.
    let c = core
        .open_case(
            &lestari,
            &input(
                "Video banjir bandang 2019 disebarkan sebagai kejadian hari ini di Puncak",
                "Video berdurasi 40 detik diunggah ulang di media sosial dengan keterangan banjir bandang terjadi pagi ini.",
                "https://www.tiktok.com/@akunviral/video/7300000000000000000",
                "32.01",
                "bencana",
                "banjir, video lama",
            ),
        )
        .await?;
    core.transition_case(&lestari, c.id, c.version, "verifikasi", "")
        .await?;
    core.add_case_task(
        &lestari,
        c.id,
        "Minta konfirmasi BPBD Kabupaten Bogor",
        "humas@bogorkab.sinergi.id",
        None,
    )
    .await?;

    // 3. A fresh health hoax in Kota Surabaya.
    let c = core
        .open_case(
            &putri,
            &input(
                "Klaim vaksin campak program sekolah mengandung chip pelacak",
                "Unggahan di media sosial mengajak orang tua menolak imunisasi di sekolah.",
                "https://x.com/akunanonim/status/1860000000000000000",
                "35.78",
                "kesehatan",
                "imunisasi",
            ),
        )
        .await?;
    core.add_case_note(
        &putri,
        c.id,
        "Menunggu data Dinas Kesehatan untuk bahan klarifikasi.",
    )
    .await?;

    // 4. A misinformation issue the province of Jawa Timur is monitoring.
    let c = core
        .open_case(
            &hendra,
            &input(
                "Isu kenaikan tarif air PDAM 50 persen mulai Januari",
                "Angka 50 persen berasal dari salah kutip rapat dengar pendapat; usulan resmi belum ada.",
                "",
                "35, 35.78",
                "pemerintahan",
                "tarif, pdam",
            ),
        )
        .await?;
    let c = core
        .transition_case(&hendra, c.id, c.version, "verifikasi", "")
        .await?;
    let c = core
        .set_verdict(
            &hendra,
            c.id,
            c.version,
            &verdict("misinformasi", "Salah kutip angka dari rapat.", "", ""),
        )
        .await?;
    let c = core
        .transition_case(&hendra, c.id, c.version, "respons", "")
        .await?;
    core.transition_case(
        &hendra,
        c.id,
        c.version,
        "pemantauan",
        "Klarifikasi dimuat media daring",
    )
    .await?;

    // 5. A closed impersonation scam at the centre.
    let c = core
        .open_case(
            &rina,
            &input(
                "Akun palsu mengatasnamakan Kepala Pusat Penerangan meminta transfer dana",
                "Akun media sosial dengan foto pejabat meminta sumbangan ke rekening pribadi.",
                "https://www.instagram.com/akun.palsu.pejabat/",
                "",
                "penipuan",
                "akun palsu",
            ),
        )
        .await?;
    let c = core
        .transition_case(&rina, c.id, c.version, "verifikasi", "")
        .await?;
    let c = core
        .set_verdict(
            &rina,
            c.id,
            c.version,
            &verdict(
                "hoaks",
                "Akun telah dilaporkan dan ditutup platform.",
                "PENIPUAN",
                "",
            ),
        )
        .await?;
    let c = core
        .transition_case(&rina, c.id, c.version, "respons", "")
        .await?;
    let c = core
        .transition_case(&rina, c.id, c.version, "pemantauan", "")
        .await?;
    core.transition_case(&rina, c.id, c.version, "selesai", "")
        .await?;
    Ok(())
}
