//! Rehearse desktop shell: Tauri commands and events over the `rehearse` library.
//! No domain logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

fn main() {
    apply_data_dir_arg();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("REHEARSE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::app_info])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the Rehearse app");
}

/// `--data-dir DIR` points the app at another data directory (the E2E suite gives each
/// session a fresh one). It is applied before any thread starts.
fn apply_data_dir_arg() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--data-dir") {
        if let Some(dir) = args.get(i + 1) {
            std::env::set_var(rehearse::paths::DATA_DIR_ENV, dir);
        }
    }
}
