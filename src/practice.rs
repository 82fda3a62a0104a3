//! Keeping answers: an attempt is begun in the store before audio starts, and finished with
//! its report once analysed. Crash recovery finishes attempts a killed process left behind.

use crate::analysis::delivery::DeliverySettings;
use crate::analysis::report::Report;
use crate::asr::engine::{Engine, TranscribeOptions};
use crate::audio::wav::read_16k_mono;
use crate::live::{EventSink, LiveError, LiveOptions, LiveRecording};
use crate::progress::Cancel;
use crate::progress::ProgressFn;
use crate::questions::TargetLength;
use crate::questions::{self, Card};
use crate::store::{AttemptId, NewAttempt, Store, StoreError};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Live(#[from] LiveError),
    #[error("the report could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A started attempt: its id and where its recording goes (absolute).
#[derive(Debug, Clone)]
pub struct Started {
    pub id: AttemptId,
    pub recording: PathBuf,
}

/// Writes the attempt row before any audio, so a crash mid-answer can be recovered.
pub fn begin(store: &Store, card: Option<&Card>, model: &str) -> Result<Started, PracticeError> {
    let card_id = card.map(|c| c.id.to_string());
    let rel = store.new_recording_path(card_id.as_deref())?;
    let id = store.begin_attempt(&NewAttempt {
        card_id,
        question: card.map(|c| c.question.clone()).unwrap_or_default(),
        model: Some(model.to_string()),
        recording_rel_path: Some(rel.clone()),
    })?;
    Ok(Started {
        id,
        recording: store.data_dir().join(rel),
    })
}

/// Stores the finished report (and its transcript) for an attempt.
pub fn finish(store: &Store, id: AttemptId, report: &Report) -> Result<(), PracticeError> {
    store.finish_attempt(id, &serde_json::to_value(report)?, &report.transcript)?;
    Ok(())
}

/// What recovery did at start-up.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Recovered {
    pub finished: Vec<AttemptId>,
    pub failed: Vec<(AttemptId, String)>,
}

/// Repairs, analyses and keeps every attempt a killed process left "recording".
pub fn recover(store: &Store, engine: &Engine, model: &str) -> Result<Recovered, PracticeError> {
    let report = store.recover()?;
    let mut out = Recovered::default();
    for f in report.failed {
        out.failed.push((f.id, f.reason));
    }
    for r in report.resumable {
        let id = r.attempt.id;
        let card = r
            .attempt
            .card_id
            .as_deref()
            .and_then(|c| questions::find(c).ok())
            .map(|(c, _)| c);
        let analysed = read_16k_mono(&r.wav)
            .map_err(|e| e.to_string())
            .and_then(|samples| {
                crate::pipeline::analyze_samples(
                    engine,
                    model,
                    &samples,
                    card.as_ref(),
                    &DeliverySettings::default(),
                    &mut |_| {},
                    &Cancel::new(),
                )
                .map_err(|e| e.to_string())
            });
        match analysed {
            Ok(rep) => {
                finish(store, id, &rep)?;
                tracing::info!(%id, "recovered an interrupted attempt");
                out.finished.push(id);
            }
            Err(reason) => {
                store.fail_attempt(id, &format!("recovery: {reason}"))?;
                out.failed.push((id, reason));
            }
        }
    }
    Ok(out)
}

/// An answer being recorded and transcribed live, its attempt already in the store.
pub struct LiveAnswer {
    pub id: AttemptId,
    pub recording: PathBuf,
    /// The card as analysed (with the user's target-length override applied).
    pub card: Option<Card>,
    model: String,
    settings: DeliverySettings,
    live: LiveRecording,
}

/// How to record a live answer.
pub struct LiveAnswerOptions<'a> {
    pub card: Option<&'a Card>,
    /// The question asked when it is not the card's own (a mock interview's follow-up).
    pub question: Option<&'a str>,
    pub model: &'a str,
    pub device: Option<String>,
    pub settings: DeliverySettings,
    pub target: Option<TargetLength>,
}

/// A kept live answer.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LiveResult {
    pub id: AttemptId,
    pub report: Report,
    /// Seconds of audio transcribed after the stop (the rest was done while recording).
    pub tail_s: f64,
}

impl LiveAnswer {
    /// Writes the attempt row, then opens the microphone. If the microphone cannot be opened
    /// the attempt is removed again: nothing is kept of an answer that never started.
    pub fn begin(
        store: &Store,
        engine: Arc<Engine>,
        opts: LiveAnswerOptions,
        on_event: EventSink,
    ) -> Result<LiveAnswer, PracticeError> {
        let card = opts.card.cloned().map(|mut c| {
            if let Some(t) = opts.target {
                c.target_length = t;
            }
            c
        });
        let card_id = card.as_ref().map(|c| c.id.to_string());
        let rel = store.new_recording_path(card_id.as_deref())?;
        let question = opts
            .question
            .map(str::to_string)
            .or_else(|| card.as_ref().map(|c| c.question.clone()))
            .unwrap_or_default();
        let id = store.begin_attempt(&NewAttempt {
            card_id,
            question,
            model: Some(opts.model.to_string()),
            recording_rel_path: Some(rel.clone()),
        })?;
        let recording = store.data_dir().join(rel);
        let live = LiveRecording::start(
            engine,
            LiveOptions {
                device: opts.device,
                out: recording.clone(),
                transcribe: TranscribeOptions::default(),
            },
            on_event,
        );
        match live {
            Ok(live) => Ok(LiveAnswer {
                id,
                recording,
                card,
                model: opts.model.to_string(),
                settings: opts.settings,
                live,
            }),
            Err(e) => {
                if let Err(del) = store.delete_attempt(id) {
                    tracing::warn!(error = %del, "removing an attempt that never started");
                }
                Err(e.into())
            }
        }
    }

    pub fn device(&self) -> &str {
        self.live.device()
    }

    pub fn elapsed_s(&self) -> f64 {
        self.live.elapsed_s()
    }

    pub fn is_finished(&self) -> bool {
        self.live.is_finished()
    }

    /// Stops, finishes the transcript, analyses and stores the attempt. If analysis fails the
    /// attempt is marked failed and its recording kept (it can be analysed again).
    pub fn finish(self, store: &Store, progress: ProgressFn) -> Result<LiveResult, PracticeError> {
        let id = self.id;
        let finished = match self.live.finish() {
            Ok(f) => f,
            Err(e) => {
                store.fail_attempt(id, &e.to_string())?;
                return Err(e.into());
            }
        };
        store.mark_analysing(id, Some(finished.summary.duration_s))?;
        let report = crate::pipeline::analyze_transcript(
            &self.model,
            &finished.samples,
            finished.transcript,
            self.card.as_ref(),
            &self.settings,
            progress,
        );
        finish(store, id, &report)?;
        Ok(LiveResult {
            id,
            report,
            tail_s: finished.tail_s,
        })
    }

    /// Stops and throws the answer away: the attempt and its recording are removed.
    pub fn cancel(self, store: &Store) -> Result<(), PracticeError> {
        let path = self.live.cancel();
        store.delete_attempt(self.id)?;
        // The store removes the recording it knows; this covers a file it never listed.
        if path.exists() {
            let _ = std::fs::remove_file(&path);
        }
        Ok(())
    }
}
