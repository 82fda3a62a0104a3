//! The practice loop's recording: start (live transcript events), stop (report), cancel.

use super::{blocking, msg, CmdResult};
use crate::commands::preferences::{stop_mic_test, LevelPayload};
use crate::state::{lock, AppState};
use rehearse::analysis::report::Report;
use rehearse::live::LiveError;
use rehearse::live::LiveEvent;
use rehearse::practice::{LiveAnswer, LiveAnswerOptions, PracticeError};
use rehearse::progress::Progress;
use rehearse::questions::{self, TargetLength};
use serde::Serialize;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, Manager, State};

#[derive(Debug, Serialize)]
pub struct AnswerStarted {
    pub attempt_id: i64,
    pub device: String,
    pub target: Option<TargetLength>,
}

#[derive(Debug, Serialize)]
pub struct AnswerResult {
    pub attempt_id: i64,
    pub report: Report,
    pub stop_to_report_ms: u64,
    /// Seconds of audio that were transcribed after the stop.
    pub tail_s: f64,
}

#[derive(Debug, Clone, Serialize)]
struct ProgressPayload {
    stage: &'static str,
    done: u64,
    total: Option<u64>,
}

fn forward(app: AppHandle) -> rehearse::live::EventSink {
    // Ten meter readings a second are plenty to watch; each one repaints the window, which
    // without a GPU costs real CPU that the live transcription needs.
    let last_level = std::sync::Mutex::new(Instant::now() - Duration::from_secs(1));
    Arc::new(move |ev: LiveEvent| {
        let sent = match ev {
            LiveEvent::Level {
                rms_db,
                peak_db,
                clipped,
                elapsed_s,
            } => {
                let mut last = lock(&last_level);
                if last.elapsed() < Duration::from_millis(95) && !clipped {
                    return;
                }
                *last = Instant::now();
                app.emit(
                    "answer-level",
                    LevelPayload {
                        rms_db,
                        peak_db,
                        clipped,
                        elapsed_s,
                    },
                )
            }
            ev @ LiveEvent::Transcript { .. } => app.emit("answer-transcript", ev),
            ev @ LiveEvent::Interrupted { .. } => app.emit("answer-interrupted", ev),
        };
        if let Err(e) = sent {
            tracing::warn!(error = %e, "could not send a recording event to the window");
        }
    })
}

/// Begins an attempt and starts recording from the chosen microphone.
#[tauri::command]
pub async fn start_answer(
    app: AppHandle,
    card_id: Option<String>,
    question: Option<String>,
) -> CmdResult<AnswerStarted> {
    blocking(move || {
        let state = app.state::<AppState>();
        stop_mic_test(&state);
        state.interviewer.stop();
        if lock(&state.answer).is_some() {
            return Err("an answer is already being recorded".into());
        }
        let settings = state.settings();
        let model = state.active_model().ok_or(
            "no speech model is installed: get one in Settings → Speech models".to_string(),
        )?;
        let engine = state.engine(&model)?;
        let card = match &card_id {
            Some(id) => Some(questions::find(id).map_err(msg)?.0),
            None => None,
        };
        let target = card.as_ref().map(|c| settings.target_for(c.target_length));
        let answer = {
            let store = lock(&state.store);
            LiveAnswer::begin(
                &store,
                engine,
                LiveAnswerOptions {
                    card: card.as_ref(),
                    question: question.as_deref(),
                    model: &model,
                    device: settings.microphone.clone(),
                    settings: settings.delivery(),
                    target: settings.target_length,
                },
                forward(app.clone()),
            )
            .map_err(|e| match e {
                PracticeError::Live(LiveError::Audio(a)) => format!(
                    "Could not open the microphone: {a}. Check that a microphone is connected \
                     and chosen in Settings → Microphone."
                ),
                other => other.to_string(),
            })?
        };
        let started = AnswerStarted {
            attempt_id: answer.id.0,
            device: answer.device().to_string(),
            target,
        };
        tracing::info!(attempt = answer.id.0, device = %started.device, "answer started");
        *lock(&state.answer) = Some(answer);
        Ok(started)
    })
    .await
}

/// Stops, finishes the transcript, analyses and stores the answer.
#[tauri::command]
pub async fn stop_answer(app: AppHandle) -> CmdResult<AnswerResult> {
    let received = Instant::now();
    blocking(move || {
        let state = app.state::<AppState>();
        let answer = lock(&state.answer)
            .take()
            .ok_or("no answer is being recorded")?;
        let store = lock(&state.store);
        let emitter = app.clone();
        let mut last = Instant::now() - Duration::from_secs(1);
        let mut progress = move |p: Progress| {
            if last.elapsed() >= Duration::from_millis(100) {
                last = Instant::now();
                let _ = emitter.emit(
                    "analysis-progress",
                    ProgressPayload {
                        stage: p.stage,
                        done: p.done,
                        total: p.total,
                    },
                );
            }
        };
        let result = answer.finish(&store, &mut progress).map_err(msg)?;
        let ms = received.elapsed().as_millis() as u64;
        tracing::info!(
            attempt = result.id.0,
            stop_to_report_ms = ms,
            tail_s = result.tail_s,
            "answer analysed"
        );
        Ok(AnswerResult {
            attempt_id: result.id.0,
            report: result.report,
            stop_to_report_ms: ms,
            tail_s: result.tail_s,
        })
    })
    .await
}

/// Stops and throws the answer away: nothing is kept.
#[tauri::command]
pub async fn cancel_answer(state: State<'_, AppState>) -> CmdResult<()> {
    let answer = lock(&state.answer).take();
    if let Some(answer) = answer {
        let store = lock(&state.store);
        answer.cancel(&store).map_err(msg)?;
    }
    Ok(())
}
