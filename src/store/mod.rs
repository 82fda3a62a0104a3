//! The history of attempts: SQLite (WAL, foreign keys, versioned migrations at open), notes,
//! progress over time, export/import and crash recovery.
//!
//! One [`Store`] owns one connection; the app keeps one per process (behind a mutex), the CLI
//! opens one per command. Two processes may hold a store on the same file at once: SQLite's WAL
//! mode and a busy timeout serialise their writes, and attempt locks keep crash recovery away
//! from another instance's live recording (see `locks.rs`).
//!
//! Times are stored as unix milliseconds (UTC) and exposed as [`DateTime<Utc>`]; a recording
//! path is stored relative to the data directory (the database file's directory), so the data
//! directory can be moved as a whole.

mod attempts;
pub mod bench;
mod csv_io;
mod db;
mod error;
mod export;
mod locks;
mod metrics;
mod migrations;
mod notes;
mod progress;
mod recordings;
mod recovery;
mod schedule;
mod trends;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub use attempts::{Attempt, AttemptFilter, AttemptSummary, DeletedAttempt, NewAttempt};
pub use db::OpenReport;
pub use error::StoreError;
pub use export::{ExportFormat, ImportReport, EXPORT_SCHEMA};
pub use metrics::Metrics;
pub use migrations::{latest_version as schema_version, APPLICATION_ID};
pub use notes::{Note, NoteUpdate};
pub use progress::{
    CardAttempt, MetricChange, MetricKind, MetricTrend, PersonalBest, ProgressQuery,
    ProgressReport, Streak, Totals, TrendPoint, MIN_BEST_RATE_DURATION_S,
};
pub use recovery::{FailedRecovery, RecoveredAttempt, RecoveryReport};
pub use schedule::{interval_days, Suggestion, SuggestionKind, GOOD_SCORE, MAX_INTERVAL_DAYS};

use locks::AttemptLocks;
use rusqlite::Connection;

/// The application version written into every attempt.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// An attempt's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AttemptId(pub i64);

/// A note's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub i64);

macro_rules! id_traits {
    ($t:ident) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
        impl FromStr for $t {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($t)
            }
        }
    };
}
id_traits!(AttemptId);
id_traits!(NoteId);

/// Where an attempt is in its life. `recording` is written before audio starts; an attempt left
/// `recording` or `analysing` after a crash is picked up by [`Store::recover`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttemptStatus {
    Recording,
    Analysing,
    Done,
    Failed,
}

impl AttemptStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AttemptStatus::Recording => "recording",
            AttemptStatus::Analysing => "analysing",
            AttemptStatus::Done => "done",
            AttemptStatus::Failed => "failed",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, AttemptStatus::Recording | AttemptStatus::Analysing)
    }
}

impl fmt::Display for AttemptStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AttemptStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "recording" => Ok(AttemptStatus::Recording),
            "analysing" => Ok(AttemptStatus::Analysing),
            "done" => Ok(AttemptStatus::Done),
            "failed" => Ok(AttemptStatus::Failed),
            other => Err(format!(
                "unknown attempt status {other:?} (expected recording, analysing, done or failed)"
            )),
        }
    }
}

/// The attempt history database. See the module docs.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    root: PathBuf,
    locks: AttemptLocks,
    opened: OpenReport,
}

impl Store {
    /// The database in the data directory (`REHEARSE_DATA_DIR` or the OS data directory).
    pub fn open_default() -> Result<Store, StoreError> {
        Store::open(crate::paths::database_path())
    }

    /// Opens (creating if needed) the database at `path` and brings it to the current schema.
    /// A file that is not a Rehearse database, is damaged, or comes from a newer Rehearse is
    /// moved aside (see [`Store::open_report`]) and a fresh database is started.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_owned();
        let root = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let (conn, opened) = db::open(&path)?;
        Ok(Store {
            conn,
            locks: AttemptLocks::new(root.join("locks")),
            path,
            root,
            opened,
        })
    }

    /// What opening found: notably a damaged or foreign file that was moved aside.
    pub fn open_report(&self) -> &OpenReport {
        &self.opened
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The data directory: the database's directory, which recording paths are relative to.
    pub fn data_dir(&self) -> &Path {
        &self.root
    }

    /// Test support: caps this connection's database at its current size plus `extra_pages`,
    /// so the next growing write fails with SQLite's own SQLITE_FULL, as on a full disk.
    #[doc(hidden)]
    pub fn cap_size_for_tests(&self, extra_pages: i64) -> Result<(), StoreError> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let _: i64 = self.conn.query_row(
            &format!("PRAGMA max_page_count = {}", pages + extra_pages),
            [],
            |r| r.get(0),
        )?;
        Ok(())
    }
}

pub(crate) fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

pub(crate) fn to_time(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}
