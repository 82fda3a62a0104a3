//! The model manager: list, download (with progress and cancel), import, convert, delete.

use super::{blocking, msg, CmdResult};
use crate::state::{lock, AppState};
use rehearse::asr::fallback::{self, FetchOptions};
use rehearse::asr::manager::ModelStatus;
use rehearse::progress::{Cancel, Progress};
use serde::Serialize;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, Manager, State};

#[derive(Debug, Serialize)]
pub struct ModelList {
    pub models: Vec<ModelStatus>,
    pub models_dir: String,
    /// The model practice uses, if one is installed.
    pub active: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelProgress {
    pub name: String,
    pub stage: &'static str,
    pub done: u64,
    pub total: Option<u64>,
}

#[tauri::command]
pub async fn list_models(app: AppHandle) -> CmdResult<ModelList> {
    blocking(move || {
        let state = app.state::<AppState>();
        Ok(ModelList {
            models: state.models.list().map_err(msg)?,
            models_dir: state.models.dir().display().to_string(),
            active: state.active_model(),
        })
    })
    .await
}

fn status_of(state: &AppState, name: &str) -> CmdResult<ModelStatus> {
    state
        .models
        .list()
        .map_err(msg)?
        .into_iter()
        .find(|m| m.name == name)
        .ok_or_else(|| format!("{name} is not installed"))
}

/// A progress callback that sends "model-progress" events, at most ten a second.
fn progress_events(app: AppHandle, name: String) -> impl FnMut(Progress) + Send {
    let mut last = Instant::now() - Duration::from_secs(1);
    move |p: Progress| {
        let finished = p.total.is_some_and(|t| p.done >= t);
        if finished || last.elapsed() >= Duration::from_millis(100) {
            last = Instant::now();
            let _ = app.emit(
                "model-progress",
                ModelProgress {
                    name: name.clone(),
                    stage: p.stage,
                    done: p.done,
                    total: p.total,
                },
            );
        }
    }
}

/// Downloads a catalog model (or builds it from the offline source when the download is
/// unreachable); resolves when it is installed.
#[tauri::command]
pub async fn download_model(app: AppHandle, name: String) -> CmdResult<ModelStatus> {
    let cancel = Cancel::new();
    {
        let state = app.state::<AppState>();
        let mut downloads = lock(&state.downloads);
        if downloads.contains_key(&name) {
            return Err(format!("{name} is already downloading"));
        }
        downloads.insert(name.clone(), cancel.clone());
    }
    let worker_app = app.clone();
    let worker_name = name.clone();
    let result = blocking(move || {
        let state = worker_app.state::<AppState>();
        let mut opts = FetchOptions::from_env();
        opts.download.cancel = cancel;
        let mut progress = progress_events(worker_app.clone(), worker_name.clone());
        fallback::fetch(&state.models, &worker_name, &opts, &mut progress).map_err(msg)?;
        status_of(&state, &worker_name)
    })
    .await;
    lock(&app.state::<AppState>().downloads).remove(&name);
    result
}

#[tauri::command]
pub fn cancel_download(state: State<'_, AppState>, name: String) {
    if let Some(c) = lock(&state.downloads).get(&name) {
        c.cancel();
    }
}

#[tauri::command]
pub async fn import_model(app: AppHandle, path: PathBuf) -> CmdResult<ModelStatus> {
    blocking(move || {
        let state = app.state::<AppState>();
        let installed = state.models.import(&path, None).map_err(msg)?;
        status_of(&state, &installed.name)
    })
    .await
}

/// Converts a faster-whisper (CTranslate2) folder to a ggml model and installs it.
#[tauri::command]
pub async fn convert_model(app: AppHandle, dir: PathBuf) -> CmdResult<ModelStatus> {
    blocking(move || {
        let state = app.state::<AppState>();
        let name = rehearse::asr::import_ct2::default_name(&dir, None).map_err(msg)?;
        let mut progress = progress_events(app.clone(), name.clone());
        let installed = rehearse::asr::import_ct2::import_ct2(
            &state.models,
            &dir,
            None,
            Some(name),
            &mut progress,
        )
        .map_err(msg)?;
        status_of(&state, &installed.name)
    })
    .await
}

#[tauri::command]
pub async fn delete_model(app: AppHandle, name: String) -> CmdResult<()> {
    blocking(move || {
        let state = app.state::<AppState>();
        // A loaded engine keeps its file mapped; forget it so the next answer reloads.
        let mut engine = lock(&state.engine);
        let path = state.models.delete(&name).map_err(msg)?;
        if engine.as_ref().is_some_and(|(p, _)| *p == path) {
            *engine = None;
        }
        Ok(())
    })
    .await
}
