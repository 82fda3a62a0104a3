//! [`StoreError`], the error type of the whole `store` module.

use std::io;
use std::path::PathBuf;

use rusqlite::ErrorCode;

use super::{AttemptId, AttemptStatus, NoteId};

/// Everything that can go wrong in `rehearse::store`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not create the data directory {path}: {source}")]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("could not open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("could not read the database file {path}: {source}")]
    ReadFile { path: PathBuf, source: io::Error },
    #[error("could not move the unreadable database {path} aside to {backup}: {source}")]
    MoveAside {
        path: PathBuf,
        backup: PathBuf,
        source: io::Error,
    },
    #[error("could not bring the database {path} to the current schema: {source}")]
    Migration {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
    #[error("the disk is full: the change was not saved and the database is unchanged; free some disk space and try again")]
    DiskFull,
    #[error("the database is locked by another Rehearse instance and stayed locked for {timeout_s} s; close the other instance and try again")]
    Busy { timeout_s: u64 },
    #[error("the database file is damaged ({detail}); restart Rehearse to move it aside and start a fresh one")]
    Corrupt { detail: String },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("lock file {path}: {source}")]
    Lock { path: PathBuf, source: io::Error },
    #[error("no attempt with id {0}")]
    AttemptNotFound(AttemptId),
    #[error("no note with id {0}")]
    NoteNotFound(NoteId),
    #[error(
        "attempt {id} is {status}; {action} needs an attempt that is still recording or analysing"
    )]
    AttemptNotOpen {
        id: AttemptId,
        status: AttemptStatus,
        action: &'static str,
    },
    #[error("invalid recording path {path:?}: {reason}")]
    RecordingPath { path: PathBuf, reason: &'static str },
    #[error("attempt {id} was deleted but its recording {path} could not be removed: {source}")]
    RecordingNotDeleted {
        id: AttemptId,
        path: PathBuf,
        source: io::Error,
    },
    #[error("could not copy the recording {from} into {to}: {source}")]
    CopyRecording {
        from: PathBuf,
        to: PathBuf,
        source: io::Error,
    },
    #[error("the report is not a JSON object (found {found})")]
    ReportNotObject { found: &'static str },
    #[error("a note needs some text")]
    EmptyNote,
    #[error("a note's time must be a number of seconds ≥ 0, not {0}")]
    NoteTime(f64),
    #[error("attempt {id} holds an unreadable {field}: {source}")]
    StoredJson {
        id: AttemptId,
        field: &'static str,
        source: serde_json::Error,
    },
    #[error("attempt {id} holds an invalid {field} value {value:?}")]
    StoredValue {
        id: AttemptId,
        field: &'static str,
        value: String,
    },
    #[error("could not write the export {path}: {source}")]
    ExportWrite { path: PathBuf, source: io::Error },
    #[error("could not read the import file {path}: {source}")]
    ImportRead { path: PathBuf, source: io::Error },
    #[error("{path} is not a Rehearse export: {reason}")]
    ImportFormat { path: PathBuf, reason: String },
    #[error("{path}, record {record}: {reason}")]
    ImportRecord {
        path: PathBuf,
        record: usize,
        reason: String,
    },
}

/// How long a connection waits for another instance's write before giving up.
pub(crate) const BUSY_TIMEOUT_S: u64 = 5;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy {
                timeout_s: BUSY_TIMEOUT_S,
            },
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt {
                detail: e.to_string(),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
