//! Commands the UI invokes. Each validates its input and calls the library.

use serde::Serialize;

/// What the UI shows about the running app; also the E2E suite's proof that the UI reaches Rust.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
    pub platform: &'static str,
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: rehearse::paths::data_dir().display().to_string(),
        platform: std::env::consts::OS,
    }
}
