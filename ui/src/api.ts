// Typed wrappers over the Rust commands. Keep names and shapes in step with src-tauri/src/commands.rs.
import { invoke } from "@tauri-apps/api/core";

export interface AppInfo {
  version: string;
  data_dir: string;
  platform: string;
}

export interface ModelInfo {
  name: string;
  installed: boolean;
  size_bytes: number | null;
  path: string | null;
}

export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  listModels: () => invoke<ModelInfo[]>("list_models"),
};
