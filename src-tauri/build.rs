/// Every command the UI may call. Listing them makes each one a permission that
/// capabilities/default.json must grant explicitly (least privilege).
const COMMANDS: &[&str] = &["app_info"];

fn main() {
    // The product's layout keeps tauri.conf.json at the repository root.
    let attrs = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attrs).expect("tauri build script failed");
}
