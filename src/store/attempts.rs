//! Attempts: begin (before the audio starts), finish with the report, fail, read, list, delete.

use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Local, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{params, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::error::{Result, StoreError};
use super::metrics::Metrics;
use super::notes::Note;
use super::recordings::checked_rel_path;
use super::{now_ms, to_time, AttemptId, AttemptStatus, Store, APP_VERSION};
use crate::domain::Transcript;

/// What is known when an attempt begins, before any audio is captured.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewAttempt {
    /// `None` for free practice without a card.
    pub card_id: Option<String>,
    /// The question as the user saw it (cards can be edited later).
    pub question: String,
    pub model: Option<String>,
    /// Relative to the data directory, e.g. from [`Store::new_recording_path`].
    pub recording_rel_path: Option<PathBuf>,
}

/// An attempt without its transcript, report and notes: what history lists show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub id: AttemptId,
    /// Stable across export and import (ids are not).
    pub uid: String,
    pub card_id: Option<String>,
    pub question: String,
    pub started_at: DateTime<Utc>,
    /// The local time's offset from UTC when the attempt began; it decides the attempt's day.
    #[serde(default)]
    pub utc_offset_s: i32,
    pub ended_at: Option<DateTime<Utc>>,
    pub status: AttemptStatus,
    /// Why a failed attempt failed.
    pub error: Option<String>,
    /// Relative to the data directory, with `/` separators.
    pub recording_path: Option<String>,
    pub model: Option<String>,
    pub app_version: String,
    pub metrics: Metrics,
}

/// A whole attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    #[serde(flatten)]
    pub summary: AttemptSummary,
    pub transcript: Option<Transcript>,
    /// The report JSON as the analysis produced it ("rehearse.report/1").
    pub report: Option<Value>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// Which attempts [`Store::list`] returns, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttemptFilter {
    pub card_id: Option<String>,
    /// Case-insensitive substring of the question, card id, transcript or a note.
    pub search: Option<String>,
    pub status: Option<AttemptStatus>,
    pub since: Option<DateTime<Utc>>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// What [`Store::delete_attempt`] removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeletedAttempt {
    pub id: AttemptId,
    /// The recording file that was removed (absolute), if the attempt had one on disk.
    pub recording_removed: Option<PathBuf>,
}

pub(crate) const SUMMARY_COLUMNS: &str = "id, uid, card_id, question, started_at_ms, ended_at_ms, \
     status, error, recording_path, model, app_version, duration_s, wpm, articulation_wpm, \
     filler_count, fillers_per_min, pause_count, long_pause_count, long_pauses_per_min, \
     delivery_score, content_score, overall_score, utc_offset_s";

pub(crate) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<AttemptSummary> {
    Ok(AttemptSummary {
        id: AttemptId(r.get(0)?),
        uid: r.get(1)?,
        card_id: r.get(2)?,
        question: r.get(3)?,
        started_at: to_time(r.get(4)?),
        utc_offset_s: r.get(22)?,
        ended_at: r.get::<_, Option<i64>>(5)?.map(to_time),
        status: r.get(6)?,
        error: r.get(7)?,
        recording_path: r.get(8)?,
        model: r.get(9)?,
        app_version: r.get(10)?,
        metrics: Metrics {
            duration_s: r.get(11)?,
            wpm: r.get(12)?,
            articulation_wpm: r.get(13)?,
            filler_count: r.get(14)?,
            fillers_per_min: r.get(15)?,
            pause_count: r.get(16)?,
            long_pause_count: r.get(17)?,
            long_pauses_per_min: r.get(18)?,
            delivery_score: r.get(19)?,
            content_score: r.get(20)?,
            overall_score: r.get(21)?,
        },
    })
}

impl ToSql for AttemptStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for AttemptStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: String| FromSqlError::Other(e.into()))
    }
}

impl Store {
    /// Writes the attempt row (status `recording`) and takes its lock. Call it before the audio
    /// starts, so a crash mid-answer leaves a row that [`Store::recover`] can find.
    pub fn begin_attempt(&self, new: &NewAttempt) -> Result<AttemptId> {
        let rel = new
            .recording_rel_path
            .as_deref()
            .map(checked_rel_path)
            .transpose()?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO attempts (uid, card_id, question, started_at_ms, utc_offset_s, local_day,
                 status, recording_path, model, app_version)
             VALUES (?1, ?2, ?3, ?4, ?5, (?4 / 1000 + ?5) / 86400, 'recording', ?6, ?7, ?8)",
            params![
                new_uid(),
                new.card_id,
                new.question,
                now_ms(),
                Local::now().offset().local_minus_utc(),
                rel,
                new.model,
                APP_VERSION
            ],
        )?;
        let id = AttemptId(tx.last_insert_rowid());
        // Locked before the row becomes visible to other instances (at commit).
        if !self.locks.try_take(id)? {
            return Err(StoreError::Lock {
                path: self.root.join("locks"),
                source: std::io::Error::other(format!(
                    "the lock of new attempt {id} is held elsewhere"
                )),
            });
        }
        if let Err(e) = tx.commit() {
            self.locks.release(id);
            return Err(e.into());
        }
        tracing::debug!(%id, card = ?new.card_id, "attempt begun");
        Ok(id)
    }

    /// The recording has stopped and analysis begins.
    pub fn mark_analysing(&self, id: AttemptId, duration_s: Option<f64>) -> Result<()> {
        self.require_open(id, "marking it as analysing")?;
        self.conn.execute(
            "UPDATE attempts SET status = 'analysing', ended_at_ms = COALESCE(ended_at_ms, ?2),
                 duration_s = COALESCE(?3, duration_s) WHERE id = ?1",
            params![id.0, now_ms(), duration_s],
        )?;
        Ok(())
    }

    /// Stores the analysis: the report JSON, the transcript and the metrics taken from the report.
    pub fn finish_attempt(
        &self,
        id: AttemptId,
        report: &Value,
        transcript: &Transcript,
    ) -> Result<()> {
        let m = Metrics::from_report(report)?;
        self.require_open(id, "finishing it")?;
        let report_model = report.get("model").and_then(Value::as_str);
        let transcript_json =
            serde_json::to_string(transcript).expect("a transcript always serialises");
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE attempts SET status = 'done', error = NULL,
                 ended_at_ms = COALESCE(ended_at_ms, ?2), model = COALESCE(model, ?3),
                 duration_s = COALESCE(?4, duration_s), wpm = ?5, articulation_wpm = ?6,
                 filler_count = ?7, fillers_per_min = ?8, pause_count = ?9, long_pause_count = ?10,
                 long_pauses_per_min = ?11, delivery_score = ?12, content_score = ?13,
                 overall_score = ?14
             WHERE id = ?1",
            params![
                id.0,
                now_ms(),
                report_model,
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
                m.overall_score
            ],
        )?;
        put_data(
            &tx,
            id,
            Some(&transcript.text),
            Some(&transcript_json),
            Some(&report.to_string()),
        )?;
        tx.commit()?;
        self.locks.release(id);
        Ok(())
    }

    /// Closes an attempt that cannot be completed, keeping why.
    pub fn fail_attempt(&self, id: AttemptId, reason: &str) -> Result<()> {
        self.require_open(id, "failing it")?;
        self.conn.execute(
            "UPDATE attempts SET status = 'failed', error = ?2, ended_at_ms = COALESCE(ended_at_ms, ?3)
             WHERE id = ?1",
            params![id.0, reason, now_ms()],
        )?;
        self.locks.release(id);
        Ok(())
    }

    pub fn get(&self, id: AttemptId) -> Result<Attempt> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, transcript_json, report_json FROM attempts
             LEFT JOIN attempt_data ON attempt_data.attempt_id = attempts.id WHERE id = ?1"
        );
        let row = self
            .conn
            .query_row(&sql, [id.0], |r| {
                Ok((
                    summary_from_row(r)?,
                    r.get::<_, Option<String>>(23)?,
                    r.get::<_, Option<String>>(24)?,
                ))
            })
            .optional()?
            .ok_or(StoreError::AttemptNotFound(id))?;
        let (summary, transcript, report) = row;
        let json = |field, text: Option<String>| -> Result<Option<Value>> {
            text.map(|t| serde_json::from_str(&t))
                .transpose()
                .map_err(|source| StoreError::StoredJson { id, field, source })
        };
        let transcript = json("transcript", transcript)?
            .map(serde_json::from_value)
            .transpose()
            .map_err(|source| StoreError::StoredJson {
                id,
                field: "transcript",
                source,
            })?;
        Ok(Attempt {
            summary,
            transcript,
            report: json("report", report)?,
            notes: self.notes(id)?,
        })
    }

    pub fn summary(&self, id: AttemptId) -> Result<AttemptSummary> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM attempts WHERE id = ?1");
        self.conn
            .query_row(&sql, [id.0], summary_from_row)
            .optional()?
            .ok_or(StoreError::AttemptNotFound(id))
    }

    /// Attempts matching `filter`, newest first.
    pub fn list(&self, filter: &AttemptFilter) -> Result<Vec<AttemptSummary>> {
        let mut clauses = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(card) = &filter.card_id {
            args.push(Box::new(card.clone()));
            clauses.push(format!("card_id = ?{}", args.len()));
        }
        if let Some(status) = filter.status {
            args.push(Box::new(status));
            clauses.push(format!("status = ?{}", args.len()));
        }
        if let Some(since) = filter.since {
            args.push(Box::new(since.timestamp_millis()));
            clauses.push(format!("started_at_ms >= ?{}", args.len()));
        }
        if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
            args.push(Box::new(like_pattern(search.trim())));
            let n = args.len();
            clauses.push(format!(
                "(question LIKE ?{n} ESCAPE '\\' OR card_id LIKE ?{n} ESCAPE '\\' \
                  OR EXISTS (SELECT 1 FROM attempt_data WHERE attempt_data.attempt_id = attempts.id AND transcript_text LIKE ?{n} ESCAPE '\\') \
                  OR EXISTS (SELECT 1 FROM notes WHERE notes.attempt_id = attempts.id AND notes.text LIKE ?{n} ESCAPE '\\'))"
            ));
        }
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM attempts");
        if !clauses.is_empty() {
            sql += " WHERE ";
            sql += &clauses.join(" AND ");
        }
        sql += " ORDER BY started_at_ms DESC, id DESC";
        let limit = filter.limit.map_or(-1, |l| l as i64);
        sql += &format!(" LIMIT {limit} OFFSET {}", filter.offset);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes the attempt, its notes and its recording file.
    pub fn delete_attempt(&self, id: AttemptId) -> Result<DeletedAttempt> {
        let summary = self.summary(id)?;
        self.conn
            .execute("DELETE FROM attempts WHERE id = ?1", [id.0])?;
        self.locks.release(id);
        let mut removed = None;
        if let Some(rel) = &summary.recording_path {
            let path = self.recording_abs_path(rel)?;
            match std::fs::remove_file(&path) {
                Ok(()) => removed = Some(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(StoreError::RecordingNotDeleted { id, path, source }),
            }
        }
        tracing::info!(%id, "attempt deleted");
        Ok(DeletedAttempt {
            id,
            recording_removed: removed,
        })
    }

    pub(crate) fn require_open(&self, id: AttemptId, action: &'static str) -> Result<()> {
        let status: AttemptStatus = self
            .conn
            .query_row("SELECT status FROM attempts WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(StoreError::AttemptNotFound(id))?;
        if status.is_open() {
            Ok(())
        } else {
            Err(StoreError::AttemptNotOpen { id, status, action })
        }
    }
}

/// Writes (or replaces) an attempt's transcript and report.
pub(crate) fn put_data(
    conn: &rusqlite::Connection,
    id: AttemptId,
    transcript_text: Option<&str>,
    transcript_json: Option<&str>,
    report_json: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO attempt_data (attempt_id, transcript_text, transcript_json, report_json)
         VALUES (?1, ?2, ?3, ?4)",
        params![id.0, transcript_text, transcript_json, report_json],
    )?;
    Ok(())
}

fn like_pattern(s: &str) -> String {
    let mut p = String::with_capacity(s.len() + 2);
    p.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// A random 128-bit id, hex. Ids must not collide across machines (export from one, import on
/// another), so they come from the time, the process and the std hasher's random keys.
pub(crate) fn new_uid() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = Sha256::new();
    h.update(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos()
            .to_le_bytes(),
    );
    h.update(std::process::id().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let mut random = std::collections::hash_map::RandomState::new().build_hasher();
    random.write_u8(0);
    h.update(random.finish().to_le_bytes());
    hex::encode(&h.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn uids_are_distinct() {
        let a: std::collections::HashSet<String> = (0..1000).map(|_| new_uid()).collect();
        assert_eq!(a.len(), 1000);
        assert!(a.iter().all(|u| u.len() == 32));
    }
}
