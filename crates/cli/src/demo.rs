//! `serve --demo`: realistic demo accounts across the centre, two provinces and four
//! regencies/cities, created once. Later modules add their own demo content here.

use std::io::Write;

use sinergi_core::Core;
use sinergi_core::network::UserInput;
use sinergi_core::network::service::generate_password;

use crate::config::Config;

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
