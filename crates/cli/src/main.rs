//! `sinergi`: the one binary. Wires the store, core services and web server together and
//! offers the operator commands (users, tokens, configuration).

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod bench_ingest;
mod config;
mod demo;
mod demo_monitor;
mod demo_newsroom;
mod monitor;
mod serve;

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use sinergi_core::network::UserInput;

use config::Config;

#[derive(Parser)]
#[command(
    name = "sinergi",
    version,
    about = "Sinergi — platform jejaring humas pemerintah"
)]
struct Cli {
    /// Configuration file (default: ./sinergi.toml when present).
    #[arg(long, global = true, env = "SINERGI_CONFIG")]
    config: Option<PathBuf>,
    /// Data directory for the embedded SQLite database and files.
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web platform.
    Serve {
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long)]
        bind: Option<String>,
        /// Create realistic demo accounts and content on first start.
        #[arg(long)]
        demo: bool,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API bearer tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Print the effective configuration (secrets redacted).
    Config,
    /// Apply database migrations and create the organisation directory, then exit.
    Migrate,
    /// Measurements (see the README).
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
    /// Pantau Media tools.
    Monitor {
        #[command(subcommand)]
        command: MonitorCommand,
    },
    /// Extract articles from HTML files (gzip allowed): one JSON object per file, one per line.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Known hoax claims for claim matching.
    Claims {
        #[command(subcommand)]
        command: ClaimsCommand,
    },
    /// Indonesian text tools for batch use (read stdin, write stdout).
    Text {
        #[command(subcommand)]
        command: TextCommand,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Case list and dashboard timings with N crisis cases (fresh temporary SQLite, or the
    /// database in DATABASE_URL).
    Crisis {
        #[arg(long, default_value_t = 10_000)]
        cases: usize,
        #[arg(long, default_value_t = 200)]
        rounds: usize,
    },
    /// End-to-end ingest rate: N generated news pages from disk to analysed, stored and
    /// searchable articles (fresh temporary SQLite, or the database in DATABASE_URL).
    Ingest {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        /// Pipeline workers (each batch already uses every core for extraction/analysis).
        #[arg(long, default_value_t = 3)]
        workers: usize,
    },
}

#[derive(Subcommand)]
enum MonitorCommand {
    /// Import a folder of saved HTML pages or a WARC file (air-gapped offices). Runs the
    /// pipeline in this process; stop the server first (it holds the search index).
    Import {
        path: PathBuf,
        #[arg(long, default_value_t = 3)]
        workers: usize,
    },
    /// Articles in the store and in the search index, and the job queue (stop the server first).
    Stats,
}

#[derive(Subcommand)]
enum ClaimsCommand {
    /// Import a CSV (header row; id, claim, optional label) of known claims.
    Import {
        /// Name of the list, e.g. `turnbackhoax-2024`.
        #[arg(long)]
        source: String,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum TextCommand {
    /// Words on stdin (one per line or whitespace-separated), one stem per line out.
    Stem,
    /// One text per line in, `positive|neutral|negative` per line out.
    Tone,
    /// JSON lines in (`{"id"?, "title"?, "text"}`), one analysis per line out.
    Analyze,
    /// One claim per line in; per line, the ids of the 5 most similar known claims.
    MatchClaims {
        /// CSV with a header: first column an id, second the claim text.
        #[arg(long)]
        known: PathBuf,
        /// How many ids per line.
        #[arg(long, default_value_t = 5)]
        top: usize,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user; the password is read from standard input.
    Add {
        /// `pusat` or a Kemendagri region code (`32`, `32.73`).
        #[arg(long)]
        org: String,
        /// admin, head, officer or viewer.
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        nip: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        position: Option<String>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token for a user; it is printed once.
    Create {
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
    /// List a user's tokens.
    List {
        #[arg(long)]
        user: String,
    },
    /// Revoke a token.
    Revoke {
        #[arg(long)]
        user: String,
        #[arg(long)]
        id: i64,
    },
}

fn init_tracing(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RUST_LOG")
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(filter))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// Reads one line (the password) from standard input.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        eprint!("Kata sandi: ");
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("membaca kata sandi dari stdin")?;
    let pw = line.trim_end_matches(['\r', '\n']).to_owned();
    if pw.is_empty() {
        bail!(
            "kata sandi kosong: kirim kata sandi melalui stdin, mis. `echo 'rahasia...' | sinergi user add ...`"
        );
    }
    Ok(pw)
}

/// Prints core validation errors field by field.
fn explain(e: sinergi_core::CoreError) -> anyhow::Error {
    match e {
        sinergi_core::CoreError::Validation(fields) => {
            let msgs: Vec<String> = fields
                .iter()
                .map(|f| format!("  {}: {}", f.field, f.message))
                .collect();
            anyhow::anyhow!("data tidak valid:\n{}", msgs.join("\n"))
        }
        sinergi_core::CoreError::NotFound => anyhow::anyhow!("tidak ditemukan"),
        other => anyhow::anyhow!(other.to_string()),
    }
}

/// Prints one JSON object per file; unreadable files and pages without an article get an
/// `error` record, and the exit status says whether any file failed.
fn run_extract(files: &[PathBuf]) -> anyhow::Result<()> {
    use std::io::Write;
    let fetched_at = chrono::Utc::now();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    for path in files {
        let shown = path.display().to_string();
        let record = match std::fs::read(path) {
            Ok(bytes) => sinergi_extract::file_to_json(&shown, &bytes, fetched_at),
            Err(e) => {
                serde_json::json!({ "file": shown, "error": format!("tidak dapat dibaca: {e}") })
            }
        };
        if record.get("error").is_some() {
            failed += 1;
        }
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    if failed > 0 {
        anyhow::bail!(
            "{failed} dari {} berkas tidak menghasilkan artikel",
            files.len()
        );
    }
    Ok(())
}

fn run_text(command: &TextCommand) -> anyhow::Result<()> {
    use sinergi_text::batch;
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    match command {
        TextCommand::Stem => {
            batch::stem_lines(stdin, stdout)?;
        }
        TextCommand::Tone => {
            batch::tone_lines(stdin, stdout)?;
        }
        TextCommand::Analyze => {
            batch::analyze_lines(stdin, stdout)?;
        }
        TextCommand::MatchClaims { known, top } => {
            let file = std::fs::File::open(known)
                .with_context(|| format!("membuka {}", known.display()))?;
            batch::match_claims_lines(std::io::BufReader::new(file), stdin, stdout, (*top).max(1))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(run(cli)),
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // One clear line (with its causes), never a backtrace, for operators.
            eprintln!("sinergi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let bind = match &cli.command {
        Command::Serve { bind, .. } => bind.clone(),
        _ => None,
    };
    // Text tools touch no store and need no configuration.
    if let Command::Text { command } = &cli.command {
        return run_text(command);
    }
    if let Command::Extract { files } = &cli.command {
        return run_extract(files);
    }
    let cfg = Config::load(cli.config.as_ref(), cli.data.as_ref(), bind.as_deref())?;
    init_tracing(&cfg.log);
    match cli.command {
        Command::Serve { demo, .. } => serve::run(cfg, demo).await,
        Command::Config => {
            println!("{}", cfg.redacted_toml());
            Ok(())
        }
        Command::Migrate => {
            let core = serve::open_core(&cfg).await?;
            println!(
                "Migrasi selesai; {} organisasi di direktori ({}).",
                core.store().count_orgs().await?,
                core.store().backend()
            );
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    org,
                    role,
                    email,
                    name,
                    nip,
                    phone,
                    position,
                },
        } => {
            let password = read_password()?;
            let core = serve::open_core(&cfg).await?;
            let system = core.system_actor("cli").await?;
            let input = UserInput {
                org_code: org,
                email,
                name,
                nip,
                phone,
                position,
                role,
            };
            let (user, _) = core
                .create_user(&system, &input, Some(password))
                .await
                .map_err(explain)?;
            println!(
                "Pengguna #{} dibuat: {} <{}>, {} di {}",
                user.id,
                user.name,
                user.email,
                user.role.label(),
                user.org_name
            );
            Ok(())
        }
        Command::Text { .. } | Command::Extract { .. } => Ok(()),
        Command::Bench {
            command: BenchCommand::Crisis { cases, rounds },
        } => bench::crisis(&cfg, cases, rounds.max(1)).await,
        Command::Bench {
            command: BenchCommand::Ingest { articles, workers },
        } => bench_ingest::ingest(&cfg, articles.max(1), workers.clamp(1, 8)).await,
        Command::Monitor {
            command: MonitorCommand::Import { path, workers },
        } => monitor_import(&cfg, &path, workers.clamp(1, 8)).await,
        Command::Monitor {
            command: MonitorCommand::Stats,
        } => {
            let searcher = monitor::open_searcher(&cfg)?;
            let core =
                serve::open_core_with(&cfg, Default::default(), Some(searcher.clone())).await?;
            let pipeline = sinergi_monitor::Pipeline::new(core.clone(), searcher.clone());
            let caught_up = pipeline.recover().await?;
            let jobs = core.store().job_counts().await?;
            println!("articles: {}", core.store().count_articles().await?);
            println!("indexed: {}", searcher.index().num_docs());
            println!("reindexed now: {caught_up}");
            println!(
                "jobs: {} queued, {} running, {} done, {} dead",
                jobs.queued, jobs.running, jobs.done, jobs.dead
            );
            Ok(())
        }
        Command::Claims {
            command: ClaimsCommand::Import { source, file },
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("membaca {}", file.display()))?;
            let core = serve::open_core(&cfg).await?;
            let system = core.system_actor("cli").await?;
            let (read, added) = core
                .import_known_claims(&system, &source, &text)
                .await
                .map_err(explain)?;
            println!("{read} klaim dibaca, {added} baru ditambahkan dari {source}.");
            Ok(())
        }
        Command::Token { command } => {
            let core = serve::open_core(&cfg).await?;
            let system = core.system_actor("cli").await?;
            match command {
                TokenCommand::Create { user, name } => {
                    let (token, secret) = core
                        .create_token(&system, &user, &name)
                        .await
                        .map_err(explain)?;
                    eprintln!(
                        "Token #{} dibuat untuk {user}. Simpan sekarang; token tidak akan ditampilkan lagi.",
                        token.id
                    );
                    println!("{secret}");
                }
                TokenCommand::List { user } => {
                    for t in core.list_tokens(&system, &user).await.map_err(explain)? {
                        let status = if t.revoked_at.is_some() {
                            "dicabut"
                        } else {
                            "aktif"
                        };
                        println!(
                            "{}\t{}\t{}\t{}",
                            t.id,
                            t.name,
                            status,
                            sinergi_core::time::rfc3339(t.created_at)
                        );
                    }
                }
                TokenCommand::Revoke { user, id } => {
                    core.revoke_token(&system, &user, id)
                        .await
                        .map_err(explain)?;
                    println!("Token #{id} dicabut.");
                }
            }
            Ok(())
        }
    }
}

async fn monitor_import(
    cfg: &config::Config,
    path: &std::path::Path,
    workers: usize,
) -> anyhow::Result<()> {
    let searcher = monitor::open_searcher(cfg)?;
    let core = serve::open_core_with(cfg, Default::default(), Some(searcher.clone())).await?;
    let pipeline = std::sync::Arc::new(sinergi_monitor::Pipeline::new(core.clone(), searcher));
    pipeline.recover().await?;
    let fetcher = sinergi_monitor::fetch::Fetcher::new(cfg.fetch.clone())?;
    let before = core.store().count_articles().await?;
    let (pages, jobs) = monitor::enqueue_import(&core, path).await?;
    eprintln!("{pages} halaman ditemukan; {jobs} pekerjaan impor baru di antrean.");
    let took = monitor::drain(cfg, &core, pipeline, fetcher, workers, Some(pages)).await?;
    let added = core.store().count_articles().await? - before;
    println!(
        "{added} berita baru tersimpan dan terindeks dalam {:.1} detik.",
        took.as_secs_f64()
    );
    Ok(())
}
