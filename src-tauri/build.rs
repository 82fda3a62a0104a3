/// Every command the UI may call. Listing them makes each one a permission that
/// capabilities/default.json must grant explicitly (least privilege).
const COMMANDS: &[&str] = &[
    "app_info",
    "list_cards",
    "save_card",
    "delete_card",
    "import_cards",
    "export_cards",
    "practise_next",
    "get_settings",
    "save_settings",
    "list_input_devices",
    "mic_test_start",
    "mic_test_stop",
    "speech_info",
    "speak",
    "stop_speaking",
    "list_models",
    "download_model",
    "cancel_download",
    "import_model",
    "convert_model",
    "delete_model",
    "start_answer",
    "stop_answer",
    "cancel_answer",
    "list_attempts",
    "get_attempt",
    "attempt_peaks",
    "delete_attempt",
    "add_note",
    "update_note",
    "delete_note",
    "get_progress",
    "card_attempts",
    "export_data",
    "import_data",
    "export_report",
];

fn main() {
    // The product's layout keeps tauri.conf.json at the repository root.
    let attrs = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attrs).expect("tauri build script failed");
}
