//! Recording files: fresh paths in the data directory's `recordings/`, copying a WAV in, and
//! the rule that a stored path stays inside the data directory.

use std::path::{Component, Path, PathBuf};

use chrono::Utc;

use super::error::{Result, StoreError};
use super::Store;

impl Store {
    /// A fresh, unused path for a recording, relative to the data directory
    /// (`recordings/<UTC time>-<card>.wav`). Creates the recordings directory.
    pub fn new_recording_path(&self, card_id: Option<&str>) -> Result<PathBuf> {
        let dir = self.root.join("recordings");
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::CreateDir {
            path: dir.clone(),
            source,
        })?;
        let card: String = card_id
            .unwrap_or("free")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .take(60)
            .collect();
        let stamp = Utc::now().format("%Y%m%d-%H%M%S-%3f");
        let mut n = 1;
        loop {
            let name = if n == 1 {
                format!("{stamp}-{card}.wav")
            } else {
                format!("{stamp}-{card}-{n}.wav")
            };
            if !dir.join(&name).exists() {
                return Ok(Path::new("recordings").join(name));
            }
            n += 1;
        }
    }

    /// Copies an existing WAV into the recordings directory; returns the new relative path.
    pub fn copy_recording_in(&self, source: &Path, card_id: Option<&str>) -> Result<PathBuf> {
        let rel = self.new_recording_path(card_id)?;
        let to = self.root.join(&rel);
        std::fs::copy(source, &to).map_err(|e| StoreError::CopyRecording {
            from: source.to_owned(),
            to: to.clone(),
            source: e,
        })?;
        Ok(rel)
    }

    /// The absolute path of a stored (relative) recording path.
    pub fn recording_abs_path(&self, rel: &str) -> Result<PathBuf> {
        Ok(self.root.join(checked_rel_path(Path::new(rel))?))
    }
}

/// A recording path must stay inside the data directory: deleting an attempt deletes it.
pub(crate) fn checked_rel_path(p: &Path) -> Result<String> {
    let bad = |reason| StoreError::RecordingPath {
        path: p.to_owned(),
        reason,
    };
    let mut parts = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => {
                parts.push(s.to_str().ok_or_else(|| bad("it is not valid UTF-8"))?)
            }
            Component::CurDir => {}
            Component::ParentDir => return Err(bad("it must not contain `..`")),
            Component::RootDir | Component::Prefix(_) => {
                return Err(bad("it must be relative to the data directory"))
            }
        }
    }
    if parts.is_empty() {
        return Err(bad("it is empty"));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_paths_must_stay_inside_the_data_dir() {
        assert_eq!(
            checked_rel_path(Path::new("recordings/a.wav")).unwrap(),
            "recordings/a.wav"
        );
        assert_eq!(
            checked_rel_path(Path::new("./recordings/a.wav")).unwrap(),
            "recordings/a.wav"
        );
        for bad in ["/etc/passwd", "../x.wav", "recordings/../../x.wav", ""] {
            let e = checked_rel_path(Path::new(bad)).unwrap_err();
            assert!(matches!(e, StoreError::RecordingPath { .. }), "{bad}: {e}");
        }
    }
}
