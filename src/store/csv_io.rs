//! The CSV form of an export: a header, then one row per attempt. Times are RFC 3339 UTC with
//! milliseconds; numbers use Rust's shortest round-trip form; the transcript, report and notes
//! are JSON in their own columns, so an import rebuilds every attempt exactly.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};

use super::attempts::{Attempt, AttemptSummary};
use super::error::{Result, StoreError};
use super::export::validate;
use super::metrics::Metrics;
use super::notes::Note;
use super::AttemptId;

const HEADER: [&str; 27] = [
    "id",
    "uid",
    "card_id",
    "question",
    "started_at",
    "utc_offset_s",
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

pub(super) fn write(w: &mut impl Write, attempts: &[Attempt]) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(w);
    csv.write_record(HEADER)?;
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let int = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    let time = |t: &DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Millis, true);
    for a in attempts {
        let s = &a.summary;
        let m = &s.metrics;
        let transcript = a
            .transcript
            .as_ref()
            .map(|t| serde_json::to_string(t).expect("serialises"));
        csv.write_record([
            s.id.to_string(),
            s.uid.clone(),
            s.card_id.clone().unwrap_or_default(),
            s.question.clone(),
            time(&s.started_at),
            s.utc_offset_s.to_string(),
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
            transcript.unwrap_or_default(),
            a.report.as_ref().map(|r| r.to_string()).unwrap_or_default(),
            serde_json::to_string(&a.notes).expect("serialises"),
        ])?;
    }
    csv.flush()
}

pub(super) fn read(path: &Path, text: &str) -> Result<Vec<Attempt>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header = rdr.headers().map_err(|e| StoreError::ImportFormat {
        path: path.to_owned(),
        reason: format!("unreadable CSV header: {e}"),
    })?;
    if header.iter().collect::<Vec<_>>() != HEADER {
        return Err(StoreError::ImportFormat {
            path: path.to_owned(),
            reason: format!(
                "neither JSON nor a CSV with the export header (expected columns {})",
                HEADER.join(",")
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
        let a = attempt(&Row(&rec)).map_err(bad)?;
        validate(path, record, &a)?;
        out.push(a);
    }
    Ok(out)
}

type Parsed<T> = std::result::Result<T, String>;

/// One record, read by column name.
struct Row<'a>(&'a csv::StringRecord);

impl Row<'_> {
    fn text(&self, name: &str) -> &str {
        let i = HEADER
            .iter()
            .position(|h| *h == name)
            .expect("a known column");
        self.0.get(i).unwrap_or("")
    }

    fn opt(&self, name: &str) -> Option<String> {
        Some(self.text(name).to_owned()).filter(|s| !s.is_empty())
    }

    fn parse<T: std::str::FromStr>(&self, name: &str) -> Parsed<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        self.opt(name)
            .map(|s| s.parse::<T>().map_err(|e| format!("{name}: {s:?}: {e}")))
            .transpose()
    }

    fn time(&self, name: &str) -> Parsed<Option<DateTime<Utc>>> {
        self.opt(name)
            .map(|s| {
                DateTime::parse_from_rfc3339(&s)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|e| format!("{name}: {s:?} is not an RFC 3339 time: {e}"))
            })
            .transpose()
    }

    fn json<T: serde::de::DeserializeOwned>(&self, name: &str) -> Parsed<Option<T>> {
        self.opt(name)
            .map(|s| serde_json::from_str(&s).map_err(|e| format!("{name}: {e}")))
            .transpose()
    }
}

fn attempt(r: &Row<'_>) -> Parsed<Attempt> {
    let summary = AttemptSummary {
        id: AttemptId(r.parse("id")?.ok_or("id is empty")?),
        uid: r.text("uid").to_owned(),
        card_id: r.opt("card_id"),
        question: r.text("question").to_owned(),
        started_at: r.time("started_at")?.ok_or("started_at is empty")?,
        utc_offset_s: r.parse("utc_offset_s")?.unwrap_or(0),
        ended_at: r.time("ended_at")?,
        status: r.text("status").parse()?,
        error: r.opt("error"),
        recording_path: r.opt("recording_path"),
        model: r.opt("model"),
        app_version: r.text("app_version").to_owned(),
        metrics: Metrics {
            duration_s: r.parse("duration_s")?,
            wpm: r.parse("wpm")?,
            articulation_wpm: r.parse("articulation_wpm")?,
            filler_count: r.parse("filler_count")?,
            fillers_per_min: r.parse("fillers_per_min")?,
            pause_count: r.parse("pause_count")?,
            long_pause_count: r.parse("long_pause_count")?,
            long_pauses_per_min: r.parse("long_pauses_per_min")?,
            delivery_score: r.parse("delivery_score")?,
            content_score: r.parse("content_score")?,
            overall_score: r.parse("overall_score")?,
        },
    };
    let notes: Vec<Note> = r.json("notes_json")?.unwrap_or_default();
    Ok(Attempt {
        summary,
        transcript: r.json("transcript_json")?,
        report: r.json("report_json")?,
        notes,
    })
}
