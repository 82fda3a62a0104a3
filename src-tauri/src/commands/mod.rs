//! Commands the UI invokes: each checks its input, calls the library and returns its error as
//! a message written for the user.

pub mod cards;
pub mod history;
pub mod models;
pub mod practice;
pub mod preferences;

use serde::Serialize;

pub type CmdResult<T> = Result<T, String>;

/// The library's error as the message the UI shows.
pub fn msg(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Runs blocking library work off the UI's threads.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| format!("the task failed: {e}"))?
}

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
    pub platform: &'static str,
    /// A start-up problem the user should know about (e.g. damaged settings were reset).
    pub notice: Option<String>,
}

#[tauri::command]
pub fn app_info(state: tauri::State<'_, crate::state::AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.data_dir.display().to_string(),
        platform: std::env::consts::OS,
        notice: crate::state::lock(&state.settings_notice).clone(),
    }
}
