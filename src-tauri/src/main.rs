//! Rehearse desktop shell: Tauri commands and events over the `rehearse` library.
//! No domain logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

use commands::{cards, history, models, practice, preferences};
use tauri::Manager;

fn main() {
    apply_data_dir_arg();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("REHEARSE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let state = match state::AppState::open() {
        Ok(s) => s,
        Err(e) => {
            // Without its data folder the app cannot keep anything; say why and stop.
            eprintln!("Rehearse cannot open its data folder: {e:#}");
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            let state = app.state::<state::AppState>();
            // The page may play recordings, and nothing else on disk.
            let recordings = state.data_dir.join("recordings");
            std::fs::create_dir_all(&recordings)?;
            app.asset_protocol_scope()
                .allow_directory(&recordings, true)?;
            warm_up(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            cards::list_cards,
            cards::save_card,
            cards::delete_card,
            cards::import_cards,
            cards::export_cards,
            cards::practise_next,
            preferences::get_settings,
            preferences::save_settings,
            preferences::list_input_devices,
            preferences::mic_test_start,
            preferences::mic_test_stop,
            preferences::speech_info,
            preferences::speak,
            preferences::stop_speaking,
            models::list_models,
            models::download_model,
            models::cancel_download,
            models::import_model,
            models::convert_model,
            models::delete_model,
            practice::start_answer,
            practice::stop_answer,
            practice::cancel_answer,
            history::list_attempts,
            history::get_attempt,
            history::attempt_peaks,
            history::delete_attempt,
            history::add_note,
            history::update_note,
            history::delete_note,
            history::get_progress,
            history::card_attempts,
            history::export_data,
            history::import_data,
            history::export_report,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the Rehearse app");
}

/// After the window is up: load the model (so the first answer starts at once) and finish any
/// answer a crash interrupted. Runs in the background; the library is usable meanwhile.
fn warm_up(app: tauri::AppHandle) {
    std::thread::spawn(move || {
        let state = app.state::<state::AppState>();
        let Some(model) = state.active_model() else {
            return;
        };
        let engine = match state.engine(&model) {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!(error = %e, "could not load the speech model at start-up");
                return;
            }
        };
        let store = state::lock(&state.store);
        match rehearse::practice::recover(&store, &engine, &model) {
            Ok(r) if !r.finished.is_empty() || !r.failed.is_empty() => {
                tracing::info!(finished = ?r.finished, failed = ?r.failed, "recovered interrupted answers")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "recovering interrupted answers"),
        }
    });
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
