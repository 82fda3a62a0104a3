//! The virtual microphone and the real model for tests that record (used via `#[path]`).
//! Without them a test skips with a message, unless REHEARSE_REQUIRE_AUDIO/MODEL=1.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The test model when the virtual microphone is up and the model is given; else `None`.
pub fn prerequisites() -> Option<PathBuf> {
    let require = |var: &str| std::env::var(var).as_deref() == Ok("1");
    if std::env::var_os("REHEARSE_VIRTUAL_MIC").is_none() {
        assert!(
            !require("REHEARSE_REQUIRE_AUDIO"),
            "the virtual microphone is not set up"
        );
        eprintln!("skipped: virtual microphone not set up (tests/support/virtual-audio.sh start)");
        return None;
    }
    match std::env::var_os("REHEARSE_TEST_MODEL") {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            assert!(
                !require("REHEARSE_REQUIRE_MODEL"),
                "REHEARSE_TEST_MODEL is not set"
            );
            eprintln!("skipped: REHEARSE_TEST_MODEL not set");
            None
        }
    }
}

/// Plays a WAV into the virtual microphone; returns when it has been played.
pub fn play(wav: &Path) {
    let ok = Command::new("paplay")
        .arg("--device=micsink")
        .arg(wav)
        .status()
        .expect("paplay must be installed (cargo xtask setup installs it)")
        .success();
    assert!(ok, "paplay failed");
}
