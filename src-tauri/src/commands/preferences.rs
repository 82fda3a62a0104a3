//! Settings, microphones (with a live test meter) and the interviewer's voice.

use super::{blocking, msg, CmdResult};
use crate::state::{lock, AppState};
use rehearse::audio::capture::{self, CaptureEvent, InputDevice, Recorder, RecorderOptions};
use rehearse::settings::Settings;
use rehearse::voice::{SpeakOptions, SpeechInfo};
use serde::Serialize;
use std::sync::mpsc;
use tauri::{AppHandle, Emitter, Manager, State};

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings()
}

#[tauri::command]
pub fn save_settings(
    state: State<'_, AppState>,
    settings: serde_json::Value,
) -> CmdResult<Settings> {
    let settings: Settings = serde_path_to_error::deserialize(settings)
        .map_err(|e| format!("the settings are not valid: {e}"))?;
    settings
        .save(&rehearse::settings::path_in(&state.data_dir))
        .map_err(msg)?;
    *lock(&state.settings) = settings.clone();
    *lock(&state.settings_notice) = None;
    Ok(settings)
}

#[tauri::command]
pub async fn list_input_devices() -> CmdResult<Vec<InputDevice>> {
    blocking(|| capture::list_input_devices().map_err(msg)).await
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelPayload {
    pub rms_db: f32,
    pub peak_db: f32,
    pub clipped: bool,
    pub elapsed_s: f64,
}

/// Opens the microphone and sends "mic-level" events until `mic_test_stop`.
#[tauri::command]
pub async fn mic_test_start(app: AppHandle, device: Option<String>) -> CmdResult<()> {
    let state = app.state::<AppState>();
    stop_mic_test(&state);
    if lock(&state.answer).is_some() {
        return Err("an answer is being recorded; stop it first".into());
    }
    let scratch = state.data_dir.join("tmp").join("mic-test.wav");
    let (tx, rx) = mpsc::channel();
    let recorder = Recorder::start(RecorderOptions {
        device,
        out: scratch.clone(),
        events: Some(tx),
    })
    .map_err(msg)?;
    let emitter = app.clone();
    std::thread::spawn(move || {
        let started = std::time::Instant::now();
        for ev in rx {
            if let CaptureEvent::Level {
                rms_db,
                peak_db,
                clipped,
            } = ev
            {
                let _ = emitter.emit(
                    "mic-level",
                    LevelPayload {
                        rms_db,
                        peak_db,
                        clipped,
                        elapsed_s: started.elapsed().as_secs_f64(),
                    },
                );
            }
        }
    });
    *lock(&state.mic_test) = Some((recorder, scratch));
    Ok(())
}

#[tauri::command]
pub fn mic_test_stop(state: State<'_, AppState>) {
    stop_mic_test(&state);
}

/// Ends a running microphone test and removes its scratch file.
pub fn stop_mic_test(state: &AppState) {
    if let Some((recorder, scratch)) = lock(&state.mic_test).take() {
        if let Err(e) = recorder.stop() {
            tracing::warn!(error = %e, "stopping the microphone test");
        }
        let _ = std::fs::remove_file(scratch);
    }
}

#[tauri::command]
pub async fn speech_info(state: State<'_, AppState>) -> CmdResult<SpeechInfo> {
    let voice = state.interviewer.clone();
    blocking(move || Ok(voice.info())).await
}

/// Speaks with the chosen voice and rate (or the given ones, to try them before saving);
/// returns when done or stopped.
#[tauri::command]
pub async fn speak(
    state: State<'_, AppState>,
    text: String,
    voice: Option<String>,
    rate: Option<f32>,
) -> CmdResult<()> {
    let s = state.settings();
    let opts = SpeakOptions {
        voice: voice.or(s.voice),
        rate: rate.unwrap_or(s.speech_rate),
    };
    let voice = state.interviewer.clone();
    blocking(move || voice.speak(&text, &opts).map_err(msg)).await
}

#[tauri::command]
pub fn stop_speaking(state: State<'_, AppState>) {
    state.interviewer.stop();
}
