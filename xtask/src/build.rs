//! Building the UI and the desktop app, and `cargo xtask run`.

use crate::cmd::{self, root};
use crate::{model, setup};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::Command;

pub fn build_ui() -> Result<()> {
    cmd::run(
        Command::new("npm")
            .args(["run", "build"])
            .current_dir(root().join("ui")),
    )
}

/// Builds the UI and then the shell (which embeds ui/dist); returns the binary's path.
pub fn build_app(release: bool) -> Result<PathBuf> {
    build_ui()?;
    let mut c = cmd::cargo();
    c.args(["build", "--package", "rehearse-app"]);
    if release {
        c.arg("--release");
    }
    cmd::run(&mut c)?;
    let bin = target_dir()?
        .join(if release { "release" } else { "debug" })
        .join(format!("rehearse-app{}", std::env::consts::EXE_SUFFIX));
    bin.canonicalize()
        .with_context(|| format!("the app binary is not at {}", bin.display()))
}

pub fn target_dir() -> Result<PathBuf> {
    let meta = cmd::output(cmd::cargo().args(["metadata", "--format-version", "1", "--no-deps"]))?;
    let start = meta
        .find("\"target_directory\":\"")
        .context("cargo metadata has no target_directory")?
        + "\"target_directory\":\"".len();
    let end = meta[start..]
        .find('"')
        .context("malformed cargo metadata")?
        + start;
    Ok(PathBuf::from(&meta[start..end]))
}

pub fn run(release: bool) -> Result<()> {
    setup::ensure(setup::Purpose::Build)?;
    let app = build_app(release)?;
    let model = model::ensure_model(None, false)?;
    eprintln!("xtask: model ready at {}", model.display());
    cmd::run(&mut Command::new(app))
}
