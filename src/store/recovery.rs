//! Crash recovery: attempts left `recording` or `analysing` by a process that died.
//!
//! The recording's WAV header is refreshed about once a second while recording, so a killed
//! recorder leaves a file missing at most the last second; repairing the header from the file
//! length makes every byte that reached the disk playable again. A recovered attempt is marked
//! `analysing` and handed back, still locked by this store, for the caller to analyse and
//! [`finish`](Store::finish_attempt). An attempt whose recording is missing or unusable is
//! marked `failed`. Attempts another live instance holds (see `locks.rs`) are left alone.

use std::fmt::Display;
use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::Serialize;

use super::attempts::{summary_from_row, AttemptSummary, SUMMARY_COLUMNS};
use super::error::Result;
use super::{AttemptId, Store};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecoveryReport {
    /// Repaired and ready for analysis.
    pub resumable: Vec<RecoveredAttempt>,
    /// Marked failed, with why.
    pub failed: Vec<FailedRecovery>,
    /// Still being recorded or analysed by another running instance.
    pub in_use: Vec<AttemptId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecoveredAttempt {
    pub attempt: AttemptSummary,
    /// The repaired recording (absolute path).
    pub wav: PathBuf,
    pub duration_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedRecovery {
    pub id: AttemptId,
    pub reason: String,
}

impl Store {
    /// Recovers interrupted attempts, repairing recordings with
    /// [`crate::audio::writer::repair`].
    pub fn recover(&self) -> Result<RecoveryReport> {
        self.recover_with(|path| crate::audio::writer::repair(path).map(|r| r.duration_s))
    }

    /// Recovers interrupted attempts with a custom repair step that fixes the file at the given
    /// path and returns the seconds of audio it holds.
    pub fn recover_with<E: Display>(
        &self,
        mut repair: impl FnMut(&Path) -> std::result::Result<f64, E>,
    ) -> Result<RecoveryReport> {
        let mut report = RecoveryReport::default();
        let candidates: Vec<AttemptId> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM attempts WHERE status IN ('recording', 'analysing') ORDER BY id",
            )?;
            let ids = stmt.query_map([], |r| r.get(0).map(AttemptId))?;
            ids.collect::<rusqlite::Result<_>>()?
        };
        for id in candidates {
            if self.locks.holds(id) {
                continue; // this store's own attempt, in progress
            }
            if !self.locks.try_take(id)? {
                report.in_use.push(id);
                continue;
            }
            // Re-read under the lock: its owner may have finished it since the query.
            let summary = self.summary(id);
            let summary = match summary {
                Ok(s) if s.status.is_open() => s,
                Ok(_) | Err(super::StoreError::AttemptNotFound(_)) => {
                    self.locks.release(id);
                    continue;
                }
                Err(e) => {
                    self.locks.release(id);
                    return Err(e);
                }
            };
            match self.repair_recording(&summary, &mut repair) {
                Ok((wav, duration_s)) => {
                    self.conn.execute(
                        "UPDATE attempts SET status = 'analysing', duration_s = ?2,
                             ended_at_ms = COALESCE(ended_at_ms, started_at_ms + CAST(?2 * 1000 AS INTEGER))
                         WHERE id = ?1",
                        params![id.0, duration_s],
                    )?;
                    tracing::info!(%id, wav = %wav.display(), duration_s, "recovered an interrupted attempt");
                    report.resumable.push(RecoveredAttempt {
                        attempt: self.summary(id)?,
                        wav,
                        duration_s,
                    });
                }
                Err(reason) => {
                    tracing::warn!(%id, %reason, "an interrupted attempt could not be recovered");
                    self.fail_attempt(id, &format!("interrupted, and {reason}"))?;
                    report.failed.push(FailedRecovery { id, reason });
                }
            }
        }
        Ok(report)
    }

    fn repair_recording<E: Display>(
        &self,
        a: &AttemptSummary,
        repair: &mut impl FnMut(&Path) -> std::result::Result<f64, E>,
    ) -> std::result::Result<(PathBuf, f64), String> {
        let rel = a
            .recording_path
            .as_deref()
            .ok_or("it has no recording path")?;
        let wav = self.recording_abs_path(rel).map_err(|e| e.to_string())?;
        if !wav.is_file() {
            return Err(format!("its recording {} is missing", wav.display()));
        }
        let duration_s =
            repair(&wav).map_err(|e| format!("its recording could not be repaired: {e}"))?;
        if duration_s <= 0.0 {
            return Err(format!("its recording {} holds no audio", wav.display()));
        }
        Ok((wav, duration_s))
    }

    /// Attempts left unfinished, e.g. to show before running [`Store::recover`].
    pub fn unfinished(&self) -> Result<Vec<AttemptSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM attempts WHERE status IN ('recording', 'analysing') ORDER BY id"
        ))?;
        let rows = stmt.query_map([], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
