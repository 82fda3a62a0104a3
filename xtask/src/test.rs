//! `cargo xtask test`: every check CI runs, in order, with a summary of what failed.

use crate::build;
use crate::cmd::{self, root};
use crate::model;
use crate::services::{TauriDriver, VirtualAudio, Xvfb};
use crate::setup;
use anyhow::{bail, Result};
use std::process::Command;
use std::time::Instant;

struct Steps {
    failed: Vec<String>,
    timings: Vec<(String, f64, bool)>,
}

impl Steps {
    fn step(&mut self, name: &str, f: impl FnOnce() -> Result<()>) -> bool {
        eprintln!("\n==== xtask test: {name}");
        let t = Instant::now();
        let result = f();
        let ok = result.is_ok();
        if let Err(e) = result {
            eprintln!("xtask test: {name} FAILED: {e:#}");
            self.failed.push(name.to_string());
        }
        self.timings
            .push((name.to_string(), t.elapsed().as_secs_f64(), ok));
        ok
    }
}

pub fn run(e2e: bool) -> Result<()> {
    let started = Instant::now();
    let mut s = Steps {
        failed: vec![],
        timings: vec![],
    };
    if !s.step("setup", || setup::ensure(setup::Purpose::Test)) {
        bail!("set-up failed; nothing was tested");
    }
    s.step("cargo fmt --check", || {
        cmd::run(cmd::cargo().args(["fmt", "--all", "--", "--check"]))
    });
    // The shell embeds ui/dist at compile time, so the UI is built before clippy sees it.
    s.step("ui build", build::build_ui);
    s.step("clippy", || {
        cmd::run(cmd::cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    });
    let test_data = model::test_data_dir();
    let mut model_path = None;
    let mut ct2_dir = None;
    s.step("test model", || {
        model_path = Some(model::ensure_model(Some(&test_data), true)?);
        ct2_dir = Some(model::ensure_ct2_dir()?);
        Ok(())
    });

    let xvfb = Xvfb::start();
    let audio = VirtualAudio::start();
    s.step("cargo test", || {
        let xvfb = xvfb.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
        audio.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
        let mut c = cmd::cargo();
        c.args(["test", "--workspace"])
            .env("DISPLAY", &xvfb.display)
            .env("REHEARSE_REQUIRE_AUDIO", "1")
            .env("REHEARSE_REQUIRE_MODEL", "1")
            .env("REHEARSE_VIRTUAL_MIC", "virtmic");
        if let Some(m) = &model_path {
            c.env("REHEARSE_TEST_MODEL", m);
        }
        if let Some(d) = &ct2_dir {
            c.env("REHEARSE_TEST_CT2_DIR", d);
        }
        cmd::run(&mut c)
    });
    s.step("ui tests (vitest)", || {
        cmd::run(
            Command::new("npm")
                .args(["test"])
                .current_dir(root().join("ui")),
        )
    });
    if e2e {
        s.step("e2e (real app over WebDriver)", || {
            let xvfb = xvfb.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
            let app = build::build_app(false)?;
            // The replay test stores a long answer with the CLI, as a user's history would hold it.
            cmd::run(cmd::cargo().args(["build", "--package", "rehearse", "--bin", "rehearse"]))?;
            let cli = build::target_dir()?
                .join("debug")
                .join(format!("rehearse{}", std::env::consts::EXE_SUFFIX));
            let driver = TauriDriver::start(&xvfb.display, 4444)?;
            let artifacts = root().join("artifacts/e2e");
            std::fs::create_dir_all(&artifacts)?;
            let mut c = Command::new("node");
            c.args(["--test", "--test-concurrency=1"])
                .current_dir(root().join("tests/e2e"))
                .env("DISPLAY", &xvfb.display)
                .env("REHEARSE_APP", &app)
                .env("REHEARSE_CLI", &cli)
                .env("REHEARSE_WEBDRIVER_PORT", driver.port.to_string())
                .env("REHEARSE_ARTIFACTS", &artifacts);
            if let Some(m) = &model_path {
                c.env("REHEARSE_TEST_MODEL", m);
            }
            cmd::run(&mut c)
        });
    }
    drop(audio);
    drop(xvfb);

    eprintln!("\n==== xtask test summary");
    for (name, secs, ok) in &s.timings {
        eprintln!(
            "{:>8.1} s  {}  {name}",
            secs,
            if *ok { "ok  " } else { "FAIL" }
        );
    }
    eprintln!("{:>8.1} s  total", started.elapsed().as_secs_f64());
    if !s.failed.is_empty() {
        bail!("failed: {}", s.failed.join(", "));
    }
    Ok(())
}
