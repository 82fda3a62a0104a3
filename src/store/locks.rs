//! Advisory file locks.
//!
//! SQLite (WAL + busy timeout) already keeps two instances from corrupting the database. The
//! locks here guard what SQLite cannot see:
//! - the open lock serialises opening, so two instances starting at once do not both move a
//!   damaged file aside or both run the same migration (rusqlite_migration reads the version
//!   outside its transaction);
//! - an attempt lock is held by the process recording an attempt until it is finished or failed.
//!   Crash recovery only touches unfinished attempts whose lock it can take, so it never repairs
//!   or fails a recording that another live instance is still writing. The OS drops the lock
//!   when a process dies, even by SIGKILL.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::error::{Result, StoreError};
use super::AttemptId;

/// A held exclusive lock; released (and the lock file left for reuse) when dropped.
#[derive(Debug)]
pub(crate) struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    /// Waits until the lock is free.
    pub(crate) fn acquire(path: &Path) -> Result<FileLock> {
        let file = open_lock_file(path)?;
        fs4::FileExt::lock(&file).map_err(|source| StoreError::Lock {
            path: path.to_owned(),
            source,
        })?;
        Ok(FileLock {
            file,
            path: path.to_owned(),
        })
    }

    /// `None` when another holder has it.
    pub(crate) fn try_acquire(path: &Path) -> Result<Option<FileLock>> {
        let file = open_lock_file(path)?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => Ok(Some(FileLock {
                file,
                path: path.to_owned(),
            })),
            Err(fs4::TryLockError::WouldBlock) => Ok(None),
            Err(fs4::TryLockError::Error(source)) => Err(StoreError::Lock {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Releases the lock and removes its file (nobody needs it once the attempt is closed).
    pub(crate) fn release_and_remove(self) {
        if let Err(e) = std::fs::remove_file(&self.path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::debug!(path = %self.path.display(), error = %e, "could not remove a lock file");
            }
        }
        drop(self.file);
    }
}

fn open_lock_file(path: &Path) -> Result<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_owned(),
            source,
        })?;
    }
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|source| StoreError::Lock {
            path: path.to_owned(),
            source,
        })
}

/// The attempt locks one [`Store`](super::Store) holds.
#[derive(Debug)]
pub(crate) struct AttemptLocks {
    dir: PathBuf,
    held: Mutex<HashMap<AttemptId, FileLock>>,
}

impl AttemptLocks {
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            held: Mutex::new(HashMap::new()),
        }
    }

    fn path(&self, id: AttemptId) -> PathBuf {
        self.dir.join(format!("attempt-{}.lock", id.0))
    }

    pub(crate) fn holds(&self, id: AttemptId) -> bool {
        self.lock_map().contains_key(&id)
    }

    /// Takes the lock of `id` if nobody holds it; true when this store now holds it.
    pub(crate) fn try_take(&self, id: AttemptId) -> Result<bool> {
        if self.holds(id) {
            return Ok(true);
        }
        match FileLock::try_acquire(&self.path(id))? {
            Some(lock) => {
                self.lock_map().insert(id, lock);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    pub(crate) fn release(&self, id: AttemptId) {
        if let Some(lock) = self.lock_map().remove(&id) {
            lock.release_and_remove();
        }
    }

    fn lock_map(&self) -> std::sync::MutexGuard<'_, HashMap<AttemptId, FileLock>> {
        // A panic while holding the map cannot leave it inconsistent (single inserts/removes).
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }
}
