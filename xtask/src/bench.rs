//! `cargo xtask bench`: accuracy tables and speed ratios, each against a peer in the same run.

use crate::cmd::{self, cache_dir};
use crate::{model, setup};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// A private venv with the peer implementations (faster-whisper), kept in the cache.
fn peer_python() -> Result<PathBuf> {
    let venv = cache_dir().join("bench-venv");
    let python = venv.join("bin/python3");
    let ready = Command::new(&python)
        .args(["-c", "import faster_whisper"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ready {
        cmd::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))
            .context("creating the benchmark venv (Debian: apt-get install python3-venv)")?;
        cmd::run(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .arg("faster-whisper"),
        )?;
    }
    Ok(python)
}

pub fn run() -> Result<()> {
    setup::ensure(setup::Purpose::Test)?;
    let model = model::ensure_model(Some(&model::test_data_dir()), true)?;
    let ct2 = model::ensure_ct2_dir()?;
    let python = peer_python()?;
    cmd::run(
        cmd::cargo()
            .args(["bench", "--bench", "pipeline"])
            .env("REHEARSE_TEST_MODEL", &model)
            .env("REHEARSE_TEST_CT2_DIR", &ct2)
            .env("REHEARSE_BENCH_PYTHON", &python),
    )
}
