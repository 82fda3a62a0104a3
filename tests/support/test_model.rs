//! The real Whisper model for tests (used via `#[path]`): `REHEARSE_TEST_MODEL`, provided by
//! `cargo xtask test`. Without it a test skips with a message, unless REHEARSE_REQUIRE_MODEL=1.

use std::path::PathBuf;

pub fn model() -> Option<PathBuf> {
    match std::env::var_os("REHEARSE_TEST_MODEL") {
        Some(p) => Some(PathBuf::from(p)),
        None if std::env::var("REHEARSE_REQUIRE_MODEL").as_deref() == Ok("1") => {
            panic!("REHEARSE_REQUIRE_MODEL=1 but REHEARSE_TEST_MODEL is not set")
        }
        None => {
            eprintln!("skipped: REHEARSE_TEST_MODEL not set (cargo xtask test provides it)");
            None
        }
    }
}
