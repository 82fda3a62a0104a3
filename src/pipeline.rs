//! The answer pipeline as one call: samples → transcript → delivery + content → report.
//! Used by `rehearse analyze`, the app's practice loop and crash recovery alike.

use crate::analysis::content::score_answer;
use crate::analysis::delivery::{analyze_delivery_with_progress, DeliverySettings, TargetWindow};
use crate::analysis::report::{assemble, Report};
use crate::asr::engine::{Engine, EngineError, TranscribeOptions};
use crate::audio::wav::read_16k_mono;
use crate::audio::wav::AudioError;
use crate::domain::Transcript;
use crate::progress::{Cancel, ProgressFn};
use crate::questions::Card;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Audio(#[from] AudioError),
    #[error(transparent)]
    Engine(#[from] EngineError),
}

pub const SAMPLE_RATE: f64 = 16_000.0;

/// Analyses an already transcribed answer (the live path transcribes while recording).
pub fn analyze_transcript(
    model: &str,
    samples: &[f32],
    transcript: Transcript,
    card: Option<&Card>,
    settings: &DeliverySettings,
    progress: ProgressFn,
) -> Report {
    let target = card.map(|c| TargetWindow {
        min_s: f64::from(c.target_length.min_s),
        max_s: f64::from(c.target_length.max_s),
    });
    let delivery = analyze_delivery_with_progress(&transcript, samples, settings, target, progress);
    let content = card.map(|c| score_answer(c, &transcript.text, Some(&transcript.words)));
    let duration_s = samples.len() as f64 / SAMPLE_RATE;
    assemble(card, model, duration_s, transcript, delivery, content)
}

/// Transcribes and analyses 16 kHz mono samples.
pub fn analyze_samples(
    engine: &Engine,
    model: &str,
    samples: &[f32],
    card: Option<&Card>,
    settings: &DeliverySettings,
    progress: ProgressFn,
    cancel: &Cancel,
) -> Result<Report, PipelineError> {
    let transcript =
        engine.transcribe_with(samples, &TranscribeOptions::default(), progress, cancel)?;
    Ok(analyze_transcript(
        model, samples, transcript, card, settings, progress,
    ))
}

/// Reads a WAV in any common layout and analyses it.
pub fn analyze_file(
    engine: &Engine,
    model: &str,
    path: &Path,
    card: Option<&Card>,
    settings: &DeliverySettings,
    progress: ProgressFn,
    cancel: &Cancel,
) -> Result<Report, PipelineError> {
    let samples = read_16k_mono(path)?;
    analyze_samples(engine, model, &samples, card, settings, progress, cancel)
}
