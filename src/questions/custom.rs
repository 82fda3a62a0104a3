//! The user's own cards: one TOML file per card in `<data dir>/cards/`, in the bank's format.

use super::bank;
use super::card::{Card, Slug};
use super::parse::{line_starting_with, parse_toml, to_toml, CardError};
use crate::paths;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// What an import wrote.
#[derive(Debug, Default)]
pub struct ImportOutcome {
    pub written: Vec<PathBuf>,
    /// Ids of imported cards that equal their built-in card and were left alone.
    pub unchanged_builtin: Vec<String>,
}

/// The folder of custom cards.
#[derive(Debug, Clone)]
pub struct CustomCards {
    dir: PathBuf,
}

/// Custom cards that loaded, and the files that did not (each error names file, line and field).
#[derive(Debug, Default)]
pub struct Loaded {
    pub cards: Vec<Card>,
    pub problems: Vec<CardError>,
}

impl CustomCards {
    /// The custom cards of the data directory (`REHEARSE_DATA_DIR` or the OS data dir).
    pub fn open() -> CustomCards {
        CustomCards::at(paths::data_dir().join("cards"))
    }

    pub fn at(dir: impl Into<PathBuf>) -> CustomCards {
        CustomCards { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Ids are slugs, so a path built from one never leaves the folder.
    fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.toml"))
    }

    /// Loads every custom card. A bad file does not hide the good ones; it is reported.
    pub fn load(&self) -> Result<Loaded, CardError> {
        let mut loaded = Loaded::default();
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(loaded),
            Err(e) => return Err(CardError::io(&self.dir, e)),
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        for path in files {
            match self.read(&path) {
                Ok(card) => loaded.cards.push(card),
                Err(e) => loaded.problems.push(e),
            }
        }
        Ok(loaded)
    }

    fn read(&self, path: &Path) -> Result<Card, CardError> {
        let src = fs::read_to_string(path).map_err(|e| CardError::io(path, e))?;
        let name = path.display().to_string();
        let card = parse_toml(&name, &src)?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        if card.id.as_str() != stem {
            return Err(CardError::IdNotFileName {
                source_name: name,
                line: line_starting_with(&src, "id"),
                id: card.id.to_string(),
                stem: stem.into_owned(),
            });
        }
        Ok(card)
    }

    /// One custom card by id.
    pub fn get(&self, id: &str) -> Result<Card, CardError> {
        Slug::parse(id).map_err(|_| CardError::NotFound(id.to_string()))?;
        let path = self.path_of(id);
        if !path.exists() {
            return Err(CardError::NotFound(id.to_string()));
        }
        self.read(&path)
    }

    /// Adds a new card. Its id may not belong to a built-in or an existing custom card.
    pub fn create(&self, card: &Card) -> Result<PathBuf, CardError> {
        check_not_builtin(card)?;
        if self.path_of(card.id.as_str()).exists() {
            return Err(CardError::AlreadyExists(card.id.to_string()));
        }
        self.write_all(std::slice::from_ref(card))
            .map(|mut p| p.remove(0))
    }

    /// Replaces an existing custom card (matched by id).
    pub fn update(&self, card: &Card) -> Result<PathBuf, CardError> {
        check_not_builtin(card)?;
        if !self.path_of(card.id.as_str()).exists() {
            return Err(CardError::NotFound(card.id.to_string()));
        }
        self.write_all(std::slice::from_ref(card))
            .map(|mut p| p.remove(0))
    }

    pub fn delete(&self, id: &str) -> Result<(), CardError> {
        if bank::get(id).is_some() {
            return Err(CardError::BuiltIn(id.to_string()));
        }
        Slug::parse(id).map_err(|_| CardError::NotFound(id.to_string()))?;
        let path = self.path_of(id);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(CardError::NotFound(id.to_string()))
            }
            Err(e) => Err(CardError::io(path, e)),
        }
    }

    /// Imports cards all-or-nothing: every card is checked (no built-in ids, no id twice, and no
    /// existing custom id unless `replace`) before any file is written. A card identical to the
    /// built-in card of its id (an export of the whole library) is skipped, not refused.
    pub fn import(&self, cards: &[Card], replace: bool) -> Result<ImportOutcome, CardError> {
        let mut seen = HashSet::new();
        let mut unchanged_builtin = Vec::new();
        let mut to_write = Vec::new();
        for card in cards {
            if !seen.insert(card.id.as_str()) {
                return Err(CardError::DuplicateInImport(card.id.to_string()));
            }
            if bank::get(card.id.as_str()) == Some(card) {
                unchanged_builtin.push(card.id.to_string());
                continue;
            }
            check_not_builtin(card)?;
            if !replace && self.path_of(card.id.as_str()).exists() {
                return Err(CardError::AlreadyExists(card.id.to_string()));
            }
            to_write.push(card.clone());
        }
        Ok(ImportOutcome {
            written: self.write_all(&to_write)?,
            unchanged_builtin,
        })
    }

    /// Writes every card to a temporary file first and renames them into place only when all
    /// writes succeeded, so a full disk or a bad permission leaves no partial import.
    fn write_all(&self, cards: &[Card]) -> Result<Vec<PathBuf>, CardError> {
        fs::create_dir_all(&self.dir).map_err(|e| CardError::io(&self.dir, e))?;
        let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
        for card in cards {
            let target = self.path_of(card.id.as_str());
            let tmp = self.dir.join(format!(".{}.toml.tmp", card.id));
            if let Err(e) = fs::write(&tmp, to_toml(card)) {
                for (t, _) in &staged {
                    let _ = fs::remove_file(t);
                }
                let _ = fs::remove_file(&tmp);
                return Err(CardError::io(tmp, e));
            }
            staged.push((tmp, target));
        }
        let mut written = Vec::new();
        for (tmp, target) in staged {
            fs::rename(&tmp, &target).map_err(|e| CardError::io(&target, e))?;
            tracing::info!(path = %target.display(), "wrote custom card");
            written.push(target);
        }
        Ok(written)
    }
}

fn check_not_builtin(card: &Card) -> Result<(), CardError> {
    if bank::get(card.id.as_str()).is_some() {
        return Err(CardError::CollidesWithBank(card.id.to_string()));
    }
    Ok(())
}
