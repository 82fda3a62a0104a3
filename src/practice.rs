//! Keeping answers: an attempt is begun in the store before audio starts, and finished with
//! its report once analysed. Crash recovery finishes attempts a killed process left behind.

use crate::analysis::delivery::DeliverySettings;
use crate::analysis::report::Report;
use crate::asr::engine::Engine;
use crate::audio::wav::read_16k_mono;
use crate::progress::Cancel;
use crate::questions::{self, Card};
use crate::store::{AttemptId, NewAttempt, Store, StoreError};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    #[error(transparent)]
    Store(#[from] StoreError),
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
