//! Export of all attempts (with metrics, transcripts, reports and notes) to JSON or CSV, and
//! import of either back. Recording files are not part of an export; their paths are.
//!
//! JSON: `{"schema": "rehearse.export/1", "exported_at", "app_version", "attempts": [...]}` with
//! each attempt as [`Attempt`] serialises. CSV: a header, then one row per attempt; the
//! transcript, report and notes are JSON in their own columns so nothing is lost.
//!
//! Import skips attempts whose `uid` is already stored, so importing the same file twice (or
//! an export of this same database) adds nothing. Ids are kept when they are free.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::attempts::{put_data, Attempt};
use super::error::{Result, StoreError};
use super::recordings::checked_rel_path;
use super::{csv_io, AttemptId, Store, APP_VERSION};

pub const EXPORT_SCHEMA: &str = "rehearse.export/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    pub imported: usize,
    pub skipped_existing: usize,
    pub notes: usize,
}

#[derive(Serialize, Deserialize)]
struct ExportFile {
    schema: String,
    exported_at: DateTime<Utc>,
    app_version: String,
    attempts: Vec<Attempt>,
}

impl Store {
    /// Every attempt, oldest first, in full.
    pub fn all_attempts(&self) -> Result<Vec<Attempt>> {
        let ids: Vec<AttemptId> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM attempts ORDER BY started_at_ms, id")?;
            let ids = stmt.query_map([], |r| r.get(0).map(AttemptId))?;
            ids.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| self.get(id)).collect()
    }

    /// Writes every attempt to `out`; returns how many.
    pub fn export(&self, format: ExportFormat, out: &Path) -> Result<usize> {
        let werr = |source| StoreError::ExportWrite {
            path: out.to_owned(),
            source,
        };
        let attempts = self.all_attempts()?;
        let n = attempts.len();
        // Write next to the target and rename, so a failed export never leaves half a file
        // where a good one was.
        let tmp = out.with_extension("partial");
        let file = File::create(&tmp).map_err(werr)?;
        let mut w = BufWriter::new(file);
        let written = match format {
            ExportFormat::Json => write_json(&mut w, attempts),
            ExportFormat::Csv => csv_io::write(&mut w, &attempts),
        }
        .and_then(|()| w.flush())
        .and_then(|()| w.get_ref().sync_all());
        drop(w);
        if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, out)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(werr(e));
        }
        tracing::info!(path = %out.display(), attempts = n, "exported");
        Ok(n)
    }

    /// Imports a JSON or CSV export (detected from the content).
    pub fn import(&self, path: &Path) -> Result<ImportReport> {
        let mut text = String::new();
        File::open(path)
            .and_then(|f| BufReader::new(f).read_to_string(&mut text))
            .map_err(|source| StoreError::ImportRead {
                path: path.to_owned(),
                source,
            })?;
        let attempts = if text.trim_start().starts_with('{') {
            read_json(path, &text)?
        } else {
            csv_io::read(path, &text)?
        };
        let tx = self.conn.unchecked_transaction()?;
        let mut report = ImportReport::default();
        for (i, a) in attempts.iter().enumerate() {
            if self.insert_imported(a).map_err(|e| match e {
                StoreError::Sqlite(err) => StoreError::ImportRecord {
                    path: path.to_owned(),
                    record: i + 1,
                    reason: err.to_string(),
                },
                other => other,
            })? {
                report.imported += 1;
                report.notes += a.notes.len();
            } else {
                report.skipped_existing += 1;
            }
        }
        tx.commit()?;
        tracing::info!(path = %path.display(), ?report, "imported");
        Ok(report)
    }

    /// False when an attempt with the same uid is already stored.
    fn insert_imported(&self, a: &Attempt) -> Result<bool> {
        let s = &a.summary;
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT id FROM attempts WHERE uid = ?1", [&s.uid], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Ok(false);
        }
        let id_free: bool = self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM attempts WHERE id = ?1)",
            [s.id.0],
            |r| r.get(0),
        )?;
        let m = &s.metrics;
        let transcript_json = a
            .transcript
            .as_ref()
            .map(|t| serde_json::to_string(t).expect("serialises"));
        self.conn.execute(
            "INSERT INTO attempts (id, uid, card_id, question, started_at_ms, ended_at_ms, status, error,
                 recording_path, model, app_version, duration_s, wpm, articulation_wpm, filler_count,
                 fillers_per_min, pause_count, long_pause_count, long_pauses_per_min, delivery_score,
                 content_score, overall_score, utc_offset_s, local_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, (?5 / 1000 + ?23) / 86400)",
            params![
                id_free.then_some(s.id.0),
                s.uid,
                s.card_id,
                s.question,
                s.started_at.timestamp_millis(),
                s.ended_at.map(|t| t.timestamp_millis()),
                s.status,
                s.error,
                s.recording_path,
                s.model,
                s.app_version,
                m.duration_s,
                m.wpm,
                m.articulation_wpm,
                m.filler_count,
                m.fillers_per_min,
                m.pause_count,
                m.long_pause_count,
                m.long_pauses_per_min,
                m.delivery_score,
                m.content_score,
                m.overall_score,
                s.utc_offset_s
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        if a.transcript.is_some() || a.report.is_some() {
            put_data(
                &self.conn,
                AttemptId(id),
                a.transcript.as_ref().map(|t| t.text.as_str()),
                transcript_json.as_deref(),
                a.report.as_ref().map(|r| r.to_string()).as_deref(),
            )?;
        }
        for n in &a.notes {
            let note_free: bool = self.conn.query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM notes WHERE id = ?1)",
                [n.id.0],
                |r| r.get(0),
            )?;
            self.conn.execute(
                "INSERT INTO notes (id, attempt_id, at_s, text, created_at_ms, updated_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    note_free.then_some(n.id.0),
                    id,
                    n.at_s,
                    n.text,
                    n.created_at.timestamp_millis(),
                    n.updated_at.timestamp_millis()
                ],
            )?;
        }
        Ok(true)
    }
}

fn write_json(w: &mut impl Write, attempts: Vec<Attempt>) -> std::io::Result<()> {
    let file = ExportFile {
        schema: EXPORT_SCHEMA.to_owned(),
        exported_at: Utc::now(),
        app_version: APP_VERSION.to_owned(),
        attempts,
    };
    serde_json::to_writer_pretty(&mut *w, &file)?;
    w.write_all(b"\n")
}

fn read_json(path: &Path, text: &str) -> Result<Vec<Attempt>> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let file: ExportFile =
        serde_path_to_error::deserialize(de).map_err(|e| StoreError::ImportFormat {
            path: path.to_owned(),
            reason: format!("at {}: {}", e.path(), e.inner()),
        })?;
    if file.schema != EXPORT_SCHEMA {
        return Err(StoreError::ImportFormat {
            path: path.to_owned(),
            reason: format!("schema {:?}, expected {EXPORT_SCHEMA:?}", file.schema),
        });
    }
    for (i, a) in file.attempts.iter().enumerate() {
        validate(path, i + 1, a)?;
    }
    Ok(file.attempts)
}

/// What the database would refuse or what would be unsafe later (a recording path outside the
/// data directory would let deleting the attempt delete an arbitrary file).
pub(super) fn validate(path: &Path, record: usize, a: &Attempt) -> Result<()> {
    let bad = |reason: String| StoreError::ImportRecord {
        path: path.to_owned(),
        record,
        reason,
    };
    if a.summary.uid.trim().is_empty() {
        return Err(bad("the uid is empty".into()));
    }
    if let Some(p) = &a.summary.recording_path {
        checked_rel_path(Path::new(p)).map_err(|e| bad(e.to_string()))?;
    }
    if let Some(n) = a.notes.iter().find(|n| n.text.trim().is_empty()) {
        return Err(bad(format!("note {} has no text", n.id)));
    }
    Ok(())
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(ExportFormat::Json),
            "csv" => Ok(ExportFormat::Csv),
            other => Err(format!(
                "unknown export format {other:?} (expected json or csv)"
            )),
        }
    }
}
