//! Opening the database: detect a damaged or foreign file and move it aside, then WAL mode,
//! foreign keys, busy timeout and migrations.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde::Serialize;

use super::error::{Result, StoreError, BUSY_TIMEOUT_S};
use super::locks::FileLock;
use super::migrations::{self, APPLICATION_ID};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What [`Store::open`](super::Store::open) found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OpenReport {
    /// Where an unusable database file was moved to before a fresh one was created.
    pub recovered_from: Option<PathBuf>,
    /// Why the file was unusable.
    pub reason: Option<String>,
    /// True when the database was created (or re-created) by this open.
    pub created: bool,
}

/// Why an existing file cannot be used as our database.
enum Verdict {
    Usable,
    Empty,
    Unusable(String),
}

pub(super) fn open(path: &Path) -> Result<(Connection, OpenReport)> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_owned(),
            source,
        })?;
    }
    let _guard = FileLock::acquire(&sidecar(path, ".lock"))?;
    let mut report = OpenReport::default();
    match inspect(path)? {
        Verdict::Usable => {}
        Verdict::Empty => report.created = true,
        Verdict::Unusable(reason) => {
            let backup = move_aside(path)?;
            tracing::warn!(path = %path.display(), backup = %backup.display(), %reason,
                "the database was unusable; moved it aside and started a fresh one");
            report.recovered_from = Some(backup);
            report.reason = Some(reason);
            report.created = true;
        }
    }
    let mut conn = connect(path)?;
    migrations::migrations()
        .to_latest(&mut conn)
        .map_err(|source| StoreError::Migration {
            path: path.to_owned(),
            source,
        })?;
    Ok((conn, report))
}

fn connect(path: &Path) -> Result<Connection> {
    let open_err = |source| StoreError::Open {
        path: path.to_owned(),
        source,
    };
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(open_err)?;
    conn.busy_timeout(Duration::from_secs(BUSY_TIMEOUT_S))
        .map_err(open_err)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(open_err)?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(path = %path.display(), %mode, "SQLite refused WAL mode (network filesystem?); using {mode}");
    }
    // FULL: a committed attempt row survives power loss, which is the point of writing it before
    // the audio starts. Attempts are written a handful of times each, so the cost is irrelevant.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(open_err)?;
    // 16 MiB of page cache keeps the attempts table and its indexes hot between queries.
    conn.pragma_update(None, "cache_size", -16_384)
        .map_err(open_err)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(open_err)?;
    // Read-then-write transactions must take the write lock up front: a deferred transaction
    // that upgrades after another instance committed fails with SQLITE_BUSY at once, ignoring
    // the busy timeout.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    Ok(conn)
}

/// Decides whether the file at `path` is our database, without changing it.
fn inspect(path: &Path) -> Result<Verdict> {
    let mut header = [0u8; 16];
    let len = match fs::File::open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Verdict::Empty),
        Err(source) => {
            return Err(StoreError::ReadFile {
                path: path.to_owned(),
                source,
            })
        }
        Ok(mut f) => {
            let len = f.metadata().map(|m| m.len()).unwrap_or(0);
            if len >= 16 {
                f.read_exact(&mut header).ok();
            }
            len
        }
    };
    if len == 0 {
        return Ok(Verdict::Empty);
    }
    if len < 100 || &header != SQLITE_MAGIC {
        return Ok(Verdict::Unusable(format!(
            "not an SQLite database ({len} bytes, no SQLite header)"
        )));
    }
    let conn = match Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE) {
        Ok(c) => c,
        Err(e) => return classify_sqlite_error(e),
    };
    conn.busy_timeout(Duration::from_secs(BUSY_TIMEOUT_S))?;
    match check(&conn) {
        Ok(v) => Ok(v),
        Err(e) => classify_sqlite_error(e),
    }
}

fn check(conn: &Connection) -> rusqlite::Result<Verdict> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if app_id != APPLICATION_ID {
        if app_id == 0 && version == 0 && tables.is_empty() {
            return Ok(Verdict::Empty);
        }
        let what = if tables.is_empty() {
            "no tables".to_owned()
        } else {
            format!("tables {}", tables.join(", "))
        };
        return Ok(Verdict::Unusable(format!(
            "an SQLite database of another application (application id {app_id:#x}, {what})"
        )));
    }
    let latest = migrations::latest_version();
    if version > latest {
        return Ok(Verdict::Unusable(format!(
            "written by a newer Rehearse (schema version {version}; this version knows up to {latest})"
        )));
    }
    // quick_check reads every page but skips index cross-checks: enough to find torn or
    // overwritten pages, and fast (a few ms per MB).
    let problems: Vec<String> = conn
        .prepare("PRAGMA quick_check(5)")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems != ["ok"] {
        return Ok(Verdict::Unusable(format!(
            "damaged: {}",
            problems.join("; ")
        )));
    }
    Ok(Verdict::Usable)
}

fn classify_sqlite_error(e: rusqlite::Error) -> Result<Verdict> {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseCorrupt | NotADatabase) => Ok(Verdict::Unusable(format!("damaged: {e}"))),
        _ => Err(e.into()),
    }
}

/// Renames the database (and its WAL, which belongs to it) to `<name>.corrupt-<UTC timestamp>`.
fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut backup = sidecar(path, &format!(".corrupt-{stamp}"));
    let mut n = 1;
    while backup.exists() {
        n += 1;
        backup = sidecar(path, &format!(".corrupt-{stamp}-{n}"));
    }
    let rename = |from: &Path, to: &Path| {
        fs::rename(from, to).map_err(|source| StoreError::MoveAside {
            path: from.to_owned(),
            backup: to.to_owned(),
            source,
        })
    };
    rename(path, &backup)?;
    for suffix in ["-wal", "-journal"] {
        let side = sidecar(path, suffix);
        if side.exists() {
            rename(&side, &sidecar(&backup, suffix))?;
        }
    }
    // The shared-memory index is rebuilt from the WAL; a stale one must not meet the new file.
    let shm = sidecar(path, "-shm");
    if shm.exists() {
        if let Err(e) = fs::remove_file(&shm) {
            tracing::warn!(path = %shm.display(), error = %e, "could not remove a stale SQLite shared-memory file");
        }
    }
    Ok(backup)
}

/// `path` with `suffix` appended to its file name (`rehearse.db` → `rehearse.db-wal`).
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}
