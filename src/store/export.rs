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

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::attempts::{checked_rel_path, put_data, Attempt, AttemptSummary};
use super::error::{Result, StoreError};
use super::metrics::Metrics;
use super::notes::Note;
use super::{AttemptId, Store, APP_VERSION};

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

const CSV_HEADER: [&str; 26] = [
    "id",
    "uid",
    "card_id",
    "question",
    "started_at",
    "ended_at",
    "status",
    "error",
    "recording_path",
    "model",
    "app_version",
    "duration_s",
    "wpm",
    "articulation_wpm",
    "filler_count",
    "fillers_per_min",
    "pause_count",
    "long_pause_count",
    "long_pauses_per_min",
    "delivery_score",
    "content_score",
    "overall_score",
    "note_count",
    "transcript_json",
    "report_json",
    "notes_json",
];

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
            ExportFormat::Csv => write_csv(&mut w, &attempts),
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
            read_csv(path, &text)?
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
                 content_score, overall_score)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22)",
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
                m.overall_score
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

fn write_csv(w: &mut impl Write, attempts: &[Attempt]) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(w);
    csv.write_record(CSV_HEADER)?;
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let int = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    let time = |t: &DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Millis, true);
    for a in attempts {
        let s = &a.summary;
        let m = &s.metrics;
        let json = |v: Option<String>| v.unwrap_or_default();
        csv.write_record([
            s.id.to_string(),
            s.uid.clone(),
            s.card_id.clone().unwrap_or_default(),
            s.question.clone(),
            time(&s.started_at),
            s.ended_at.as_ref().map(time).unwrap_or_default(),
            s.status.to_string(),
            s.error.clone().unwrap_or_default(),
            s.recording_path.clone().unwrap_or_default(),
            s.model.clone().unwrap_or_default(),
            s.app_version.clone(),
            num(m.duration_s),
            num(m.wpm),
            num(m.articulation_wpm),
            int(m.filler_count),
            num(m.fillers_per_min),
            int(m.pause_count),
            int(m.long_pause_count),
            num(m.long_pauses_per_min),
            num(m.delivery_score),
            num(m.content_score),
            num(m.overall_score),
            a.notes.len().to_string(),
            json(
                a.transcript
                    .as_ref()
                    .map(|t| serde_json::to_string(t).expect("serialises")),
            ),
            json(a.report.as_ref().map(|r| r.to_string())),
            serde_json::to_string(&a.notes).expect("serialises"),
        ])?;
    }
    csv.flush()
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

fn read_csv(path: &Path, text: &str) -> Result<Vec<Attempt>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header = rdr.headers().map_err(|e| StoreError::ImportFormat {
        path: path.to_owned(),
        reason: format!("unreadable CSV header: {e}"),
    })?;
    if header.iter().collect::<Vec<_>>() != CSV_HEADER {
        return Err(StoreError::ImportFormat {
            path: path.to_owned(),
            reason: format!(
                "neither JSON nor a CSV with the export header (expected columns {})",
                CSV_HEADER.join(",")
            ),
        });
    }
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let record = i + 1;
        let bad = |reason: String| StoreError::ImportRecord {
            path: path.to_owned(),
            record,
            reason,
        };
        let rec = rec.map_err(|e| bad(e.to_string()))?;
        let a = csv_attempt(&rec).map_err(bad)?;
        validate(path, record, &a)?;
        out.push(a);
    }
    Ok(out)
}

fn csv_attempt(rec: &csv::StringRecord) -> std::result::Result<Attempt, String> {
    let field = |i: usize| rec.get(i).unwrap_or("");
    let opt = |i: usize| Some(field(i).to_owned()).filter(|s| !s.is_empty());
    let parse_num = |i: usize| -> std::result::Result<Option<f64>, String> {
        opt(i)
            .map(|s| {
                s.parse::<f64>()
                    .map_err(|e| format!("{}: {s:?}: {e}", CSV_HEADER[i]))
            })
            .transpose()
    };
    let parse_int = |i: usize| -> std::result::Result<Option<i64>, String> {
        opt(i)
            .map(|s| {
                s.parse::<i64>()
                    .map_err(|e| format!("{}: {s:?}: {e}", CSV_HEADER[i]))
            })
            .transpose()
    };
    let parse_time = |i: usize| -> std::result::Result<Option<DateTime<Utc>>, String> {
        opt(i)
            .map(|s| {
                DateTime::parse_from_rfc3339(&s)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|e| format!("{}: {s:?} is not an RFC 3339 time: {e}", CSV_HEADER[i]))
            })
            .transpose()
    };
    let parse_json = |i: usize| -> std::result::Result<Option<serde_json::Value>, String> {
        opt(i)
            .map(|s| serde_json::from_str(&s).map_err(|e| format!("{}: {e}", CSV_HEADER[i])))
            .transpose()
    };
    let summary = AttemptSummary {
        id: AttemptId(
            field(0)
                .parse()
                .map_err(|e| format!("id: {:?}: {e}", field(0)))?,
        ),
        uid: field(1).to_owned(),
        card_id: opt(2),
        question: field(3).to_owned(),
        started_at: parse_time(4)?.ok_or("started_at is empty")?,
        ended_at: parse_time(5)?,
        status: field(6).parse()?,
        error: opt(7),
        recording_path: opt(8),
        model: opt(9),
        app_version: field(10).to_owned(),
        metrics: Metrics {
            duration_s: parse_num(11)?,
            wpm: parse_num(12)?,
            articulation_wpm: parse_num(13)?,
            filler_count: parse_int(14)?,
            fillers_per_min: parse_num(15)?,
            pause_count: parse_int(16)?,
            long_pause_count: parse_int(17)?,
            long_pauses_per_min: parse_num(18)?,
            delivery_score: parse_num(19)?,
            content_score: parse_num(20)?,
            overall_score: parse_num(21)?,
        },
    };
    let transcript = parse_json(23)?
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| format!("transcript_json: {e}"))?;
    let notes: Vec<Note> = match parse_json(25)? {
        Some(v) => serde_json::from_value(v).map_err(|e| format!("notes_json: {e}"))?,
        None => Vec::new(),
    };
    Ok(Attempt {
        summary,
        transcript,
        report: parse_json(24)?,
        notes,
    })
}

/// What the database would refuse or what would be unsafe later (a recording path outside the
/// data directory would let deleting the attempt delete an arbitrary file).
fn validate(path: &Path, record: usize, a: &Attempt) -> Result<()> {
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
