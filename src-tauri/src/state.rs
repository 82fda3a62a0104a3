//! What the running app holds: the store, settings, the loaded Whisper model, the answer being
//! recorded, the voice. Each behind its own lock so a long analysis never blocks the library.

use rehearse::asr::engine::Engine;
use rehearse::asr::manager::ModelManager;
use rehearse::audio::capture::Recorder;
use rehearse::practice::LiveAnswer;
use rehearse::progress::Cancel;
use rehearse::settings::Settings;
use rehearse::store::Store;
use rehearse::voice::Interviewer;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

pub struct AppState {
    pub data_dir: PathBuf,
    pub store: Mutex<Store>,
    pub settings: Mutex<Settings>,
    /// Why the settings were reset at start-up (a damaged file), shown once.
    pub settings_notice: Mutex<Option<String>>,
    pub models: ModelManager,
    /// The loaded model, by file path: loading takes a moment, so it is kept.
    pub engine: Mutex<Option<(PathBuf, Arc<Engine>)>>,
    pub answer: Mutex<Option<LiveAnswer>>,
    /// The settings screen's microphone test: a recorder writing to a scratch file.
    pub mic_test: Mutex<Option<(Recorder, PathBuf)>>,
    pub interviewer: Interviewer,
    pub downloads: Mutex<HashMap<String, Cancel>>,
}

/// Locks, recovering from a poisoned lock: a panicked command must not lock the user out.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    pub fn open() -> anyhow::Result<AppState> {
        let data_dir = rehearse::paths::data_dir();
        std::fs::create_dir_all(&data_dir)?;
        let store = Store::open_default()?;
        let (settings, notice) = Settings::load_or_recover(&rehearse::settings::path_in(&data_dir));
        Ok(AppState {
            store: Mutex::new(store),
            settings: Mutex::new(settings),
            settings_notice: Mutex::new(notice),
            models: ModelManager::new(rehearse::paths::models_dir()),
            engine: Mutex::new(None),
            answer: Mutex::new(None),
            mic_test: Mutex::new(None),
            interviewer: Interviewer::start(),
            downloads: Mutex::new(HashMap::new()),
            data_dir,
        })
    }

    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    /// The model practice uses: the chosen one when installed, else any installed model.
    pub fn active_model(&self) -> Option<String> {
        let chosen = self.settings().model;
        let installed: Vec<String> = self
            .models
            .list()
            .ok()?
            .into_iter()
            .filter(|m| m.installed)
            .map(|m| m.name)
            .collect();
        if installed.contains(&chosen) {
            Some(chosen)
        } else {
            installed.into_iter().next()
        }
    }

    /// The loaded engine for `model`, loading it when needed.
    pub fn engine(&self, model: &str) -> Result<Arc<Engine>, String> {
        let path = self.models.resolve(model).map_err(|e| e.to_string())?;
        let mut slot = lock(&self.engine);
        if let Some((p, e)) = slot.as_ref() {
            if *p == path {
                return Ok(e.clone());
            }
        }
        let started = std::time::Instant::now();
        let engine = Arc::new(Engine::load(&path).map_err(|e| e.to_string())?);
        tracing::info!(
            model,
            ms = started.elapsed().as_millis() as u64,
            "model loaded"
        );
        *slot = Some((path, engine.clone()));
        Ok(engine)
    }
}
