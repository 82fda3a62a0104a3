//! The user's notes on an attempt, optionally at a moment of its recording.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::error::{Result, StoreError};
use super::{now_ms, to_time, AttemptId, NoteId, Store};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    pub attempt_id: AttemptId,
    /// Seconds from the recording's start; `None` for a note on the whole attempt.
    pub at_s: Option<f64>,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A change to a note; `None` fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoteUpdate {
    pub text: Option<String>,
    /// `Some(None)` detaches the note from a moment.
    pub at_s: Option<Option<f64>>,
}

const NOTE_COLUMNS: &str = "id, attempt_id, at_s, text, created_at_ms, updated_at_ms";

fn note_from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: NoteId(r.get(0)?),
        attempt_id: AttemptId(r.get(1)?),
        at_s: r.get(2)?,
        text: r.get(3)?,
        created_at: to_time(r.get(4)?),
        updated_at: to_time(r.get(5)?),
    })
}

fn checked_text(text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(StoreError::EmptyNote);
    }
    Ok(t.to_owned())
}

fn checked_time(at_s: Option<f64>) -> Result<Option<f64>> {
    match at_s {
        Some(t) if !t.is_finite() || t < 0.0 => Err(StoreError::NoteTime(t)),
        other => Ok(other),
    }
}

impl Store {
    pub fn add_note(&self, attempt: AttemptId, at_s: Option<f64>, text: &str) -> Result<Note> {
        let text = checked_text(text)?;
        let at_s = checked_time(at_s)?;
        self.summary(attempt)?;
        let now = now_ms();
        self.conn.execute(
            "INSERT INTO notes (attempt_id, at_s, text, created_at_ms, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![attempt.0, at_s, text, now],
        )?;
        self.note(NoteId(self.conn.last_insert_rowid()))
    }

    pub fn note(&self, id: NoteId) -> Result<Note> {
        self.conn
            .query_row(
                &format!("SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?1"),
                [id.0],
                note_from_row,
            )
            .optional()?
            .ok_or(StoreError::NoteNotFound(id))
    }

    /// An attempt's notes in recording order (general notes first), then by creation.
    pub fn notes(&self, attempt: AttemptId) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM notes WHERE attempt_id = ?1 ORDER BY at_s IS NOT NULL, at_s, id"
        ))?;
        let rows = stmt.query_map([attempt.0], note_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn update_note(&self, id: NoteId, update: &NoteUpdate) -> Result<Note> {
        let current = self.note(id)?;
        let text = match &update.text {
            Some(t) => checked_text(t)?,
            None => current.text,
        };
        let at_s = match update.at_s {
            Some(at) => checked_time(at)?,
            None => current.at_s,
        };
        self.conn.execute(
            "UPDATE notes SET text = ?2, at_s = ?3, updated_at_ms = ?4 WHERE id = ?1",
            params![id.0, text, at_s, now_ms()],
        )?;
        self.note(id)
    }

    pub fn delete_note(&self, id: NoteId) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM notes WHERE id = ?1", [id.0])?
            == 0
        {
            return Err(StoreError::NoteNotFound(id));
        }
        Ok(())
    }
}
