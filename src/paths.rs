//! Where Rehearse keeps its data: `REHEARSE_DATA_DIR` or the OS data directory.

use std::path::PathBuf;

/// The environment variable that overrides the data directory (tests use a temporary one).
pub const DATA_DIR_ENV: &str = "REHEARSE_DATA_DIR";

/// The data directory root. It is not created here; callers create what they write into.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("app", "Rehearse", "rehearse")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".rehearse"))
}

pub fn models_dir() -> PathBuf {
    data_dir().join("models")
}

pub fn recordings_dir() -> PathBuf {
    data_dir().join("recordings")
}

pub fn database_path() -> PathBuf {
    data_dir().join("rehearse.db")
}
