//! The schema, as versioned migrations applied at open. The version lives in SQLite's
//! `user_version`; our files are marked with [`APPLICATION_ID`] so a foreign SQLite file is
//! recognised instead of being migrated into.
//!
//! Never edit a migration that has shipped: append a new one.

use rusqlite_migration::{Migrations, M};

/// "RHRS" in ASCII, written to the SQLite header's application id field.
pub const APPLICATION_ID: i32 = 0x5248_5253;

const V1: &str = r#"
PRAGMA application_id = 1380471379;

-- Times are unix milliseconds (UTC). `utc_offset_s` is the local offset when the attempt began:
-- an attempt belongs to the calendar day it was practised on, wherever that was.
-- Metrics are real columns so progress queries need no JSON.
-- AUTOINCREMENT: an id is never reused, so lock files, exports and logs cannot confuse two attempts.
CREATE TABLE attempts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    uid                 TEXT    NOT NULL UNIQUE,
    card_id             TEXT,
    question            TEXT    NOT NULL,
    started_at_ms       INTEGER NOT NULL,
    utc_offset_s        INTEGER NOT NULL DEFAULT 0,
    -- Days since 1970-01-01 in local time. A plain column, not a generated one: SQLite does not
    -- treat an index holding a generated column as covering.
    local_day           INTEGER NOT NULL
                        CHECK (local_day = (started_at_ms / 1000 + utc_offset_s) / 86400),
    ended_at_ms         INTEGER,
    status              TEXT    NOT NULL
                        CHECK (status IN ('recording', 'analysing', 'done', 'failed')),
    error               TEXT,
    recording_path      TEXT,
    model               TEXT,
    app_version         TEXT    NOT NULL,
    duration_s          REAL,
    wpm                 REAL,
    articulation_wpm    REAL,
    filler_count        INTEGER,
    fillers_per_min     REAL,
    pause_count         INTEGER,
    long_pause_count    INTEGER,
    long_pauses_per_min REAL,
    delivery_score      REAL,
    content_score       REAL,
    overall_score       REAL
);

-- History (newest first, optionally per card) and progress (by time) read these in index order.
CREATE INDEX attempts_started ON attempts (started_at_ms);
CREATE INDEX attempts_card_started ON attempts (card_id, started_at_ms);
-- Progress (totals, trends, bests, streaks, practise-next) reads only this index, already in
-- day order: no row lookups and no sorting for the per-day aggregates.
CREATE INDEX attempts_progress ON attempts (
    status, local_day, started_at_ms, card_id, duration_s, wpm, articulation_wpm,
    fillers_per_min, long_pauses_per_min, delivery_score, content_score, overall_score
);
-- Recovery looks for the few unfinished attempts among thousands.
CREATE INDEX attempts_unfinished ON attempts (status) WHERE status IN ('recording', 'analysing');

-- The bulky part of an attempt (tens of KB) lives apart, so scans of `attempts` for history
-- and progress read a few hundred bytes per row instead of walking overflow pages.
CREATE TABLE attempt_data (
    attempt_id      INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    transcript_text TEXT,
    transcript_json TEXT,
    report_json     TEXT
);

CREATE TABLE notes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    attempt_id    INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    at_s          REAL,
    text          TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
CREATE INDEX notes_attempt ON notes (attempt_id, at_s);
"#;

/// Every migration, oldest first. The schema version is the number applied.
pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

const MIGRATIONS: &[M<'static>] = &[M::up(V1)];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn application_id_in_sql_matches_the_constant() {
        assert!(V1.contains(&format!("application_id = {APPLICATION_ID};")));
    }
}
