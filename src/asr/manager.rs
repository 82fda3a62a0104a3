//! The installed models: `ggml-<name>.bin` files in [`paths::models_dir`] and a manifest
//! (`manifest.json`) recording each one's SHA-256, size and origin for later verification.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::asr::catalog::{self, is_safe_name, CatalogEntry};
use crate::asr::convert::ggml::{read_layout, GgmlError, GgmlHeader};
use crate::asr::download::{self, partial_path, DownloadError, DownloadOptions, Expected};
use crate::paths;
use crate::progress::{Cancel, ProgressFn};

pub const MANIFEST_FILE: &str = "manifest.json";
const MANIFEST_SCHEMA: &str = "rehearse.models/1";

/// How an installed model got here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Origin {
    /// Downloaded from the catalog URL and checked against its published checksums.
    Download { url: String },
    /// Converted locally from the catalog's offline source (a PyPI wheel).
    OfflineFallback {
        package: String,
        version: String,
        quantization: Option<String>,
    },
    /// Copied from a local ggml file.
    Import { from: PathBuf },
    /// Converted from a local CTranslate2 model folder.
    ImportCt2 {
        from: PathBuf,
        quantization: Option<String>,
    },
}

/// What the manifest remembers about one installed model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub file: String,
    pub sha256: String,
    pub size: u64,
    pub origin: Origin,
    /// Seconds since the Unix epoch.
    pub installed_at: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    schema: String,
    models: BTreeMap<String, Record>,
}

/// One row of `rehearse models list`: a catalog model and/or an installed file.
#[derive(Debug, Clone, Serialize)]
pub struct ModelStatus {
    pub name: String,
    pub in_catalog: bool,
    pub installed: bool,
    pub path: Option<PathBuf>,
    /// Installed size, else the catalog's.
    pub size: Option<u64>,
    /// The recorded SHA-256 (none for a file Rehearse did not install).
    pub sha256: Option<String>,
    pub origin: Option<Origin>,
    pub quantization: Option<String>,
    pub english_only: Option<bool>,
    pub description: String,
    /// The offline source can build it when the download is unreachable.
    pub offline_fallback: bool,
    /// Bytes of an interrupted download waiting to be resumed.
    pub partial_bytes: Option<u64>,
}

/// A model just installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Installed {
    pub name: String,
    pub path: PathBuf,
    pub record: Record,
}

/// A model that passed verification.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    pub name: String,
    pub path: PathBuf,
    pub sha256: String,
    pub size: u64,
    pub header: GgmlHeader,
    pub tensors: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ManagerError {
    #[error("unknown model {name:?}: not in the catalog and not installed (catalog: {known})")]
    UnknownModel { name: String, known: String },
    #[error("model {name} is not installed; run `rehearse models fetch {name}`")]
    NotInstalled { name: String },
    #[error("model {name} is already installed at {}; delete it first", .path.display())]
    AlreadyInstalled { name: String, path: PathBuf },
    #[error("invalid model name {0:?}: use letters, digits, '.', '_' and '-' (no leading dot)")]
    InvalidName(String),
    #[error("no such file: {}", .0.display())]
    NoSuchFile(PathBuf),
    #[error(transparent)]
    Ggml(#[from] GgmlError),
    #[error(transparent)]
    Download(#[from] DownloadError),
    #[error("model {name} failed verification: SHA-256 expected {expected}, got {actual} ({}); delete it and fetch it again", .path.display())]
    HashMismatch {
        name: String,
        path: PathBuf,
        expected: String,
        actual: String,
    },
    #[error("model {name} failed verification: expected {expected} bytes, found {actual} ({}); the file is truncated or replaced", .path.display())]
    SizeMismatch {
        name: String,
        path: PathBuf,
        expected: u64,
        actual: u64,
    },
    #[error("model {name} has no recorded SHA-256 (it was not installed by rehearse); import it with `rehearse models import`")]
    NoRecordedHash { name: String },
    #[error("model manifest {} is unreadable: {why}", .path.display())]
    Manifest { path: PathBuf, why: String },
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> ManagerError + 'a {
    move |source| ManagerError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// The models directory and its manifest.
#[derive(Debug, Clone)]
pub struct ModelManager {
    dir: PathBuf,
}

impl ModelManager {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The manager of `paths::models_dir()` (`REHEARSE_DATA_DIR` overrides it).
    pub fn open_default() -> Self {
        Self::new(paths::models_dir())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where model `name` lives (whether or not it is installed).
    pub fn file_for(&self, name: &str) -> PathBuf {
        self.dir.join(format!("ggml-{name}.bin"))
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join(MANIFEST_FILE)
    }

    fn load(&self) -> Result<Manifest, ManagerError> {
        let path = self.manifest_path();
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) => return Err(io_err("read", &path)(e)),
        };
        let m: Manifest = serde_json::from_str(&text).map_err(|e| ManagerError::Manifest {
            path: path.clone(),
            why: e.to_string(),
        })?;
        if m.schema != MANIFEST_SCHEMA {
            return Err(ManagerError::Manifest {
                path,
                why: format!("unsupported schema {:?}", m.schema),
            });
        }
        Ok(m)
    }

    fn save(&self, mut m: Manifest) -> Result<(), ManagerError> {
        m.schema = MANIFEST_SCHEMA.to_string();
        let path = self.manifest_path();
        let tmp = self.dir.join(format!("{MANIFEST_FILE}.tmp"));
        let text = serde_json::to_string_pretty(&m).expect("manifest serializes");
        fs::write(&tmp, text).map_err(io_err("write", &tmp))?;
        fs::rename(&tmp, &path).map_err(io_err("write", &path))
    }

    /// The manifest record of `name`, if Rehearse installed it.
    pub fn record(&self, name: &str) -> Result<Option<Record>, ManagerError> {
        Ok(self.load()?.models.remove(name))
    }

    pub fn is_installed(&self, name: &str) -> bool {
        is_safe_name(name) && self.file_for(name).is_file()
    }

    /// Catalog models (installed or not) followed by every other installed model.
    pub fn list(&self) -> Result<Vec<ModelStatus>, ManagerError> {
        let manifest = self.load()?;
        let mut rows: Vec<ModelStatus> = catalog::catalog()
            .models
            .iter()
            .map(|e| self.status_of(&e.name, Some(e), &manifest))
            .collect();
        let mut others: Vec<String> = manifest
            .models
            .keys()
            .filter(|n| catalog::lookup(n).is_none())
            .cloned()
            .collect();
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().into_owned();
                if let Some(name) = file
                    .strip_prefix("ggml-")
                    .and_then(|f| f.strip_suffix(".bin"))
                {
                    if is_safe_name(name)
                        && catalog::lookup(name).is_none()
                        && !others.iter().any(|o| o == name)
                    {
                        others.push(name.to_string());
                    }
                }
            }
        }
        others.sort();
        rows.extend(others.iter().map(|n| self.status_of(n, None, &manifest)));
        Ok(rows)
    }

    fn status_of(
        &self,
        name: &str,
        entry: Option<&CatalogEntry>,
        manifest: &Manifest,
    ) -> ModelStatus {
        let path = self.file_for(name);
        let size = fs::metadata(&path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        let record = manifest.models.get(name).filter(|_| size.is_some());
        ModelStatus {
            name: name.to_string(),
            in_catalog: entry.is_some(),
            installed: size.is_some(),
            path: size.map(|_| path.clone()),
            size: size.or(entry.and_then(|e| e.size)),
            sha256: record.map(|r| r.sha256.clone()),
            origin: record.map(|r| r.origin.clone()),
            quantization: entry.and_then(|e| e.quantization.clone()),
            english_only: entry.map(|e| e.english_only),
            description: entry.map(|e| e.description.clone()).unwrap_or_default(),
            offline_fallback: entry.is_some_and(|e| e.offline),
            partial_bytes: fs::metadata(partial_path(&path)).ok().map(|m| m.len()),
        }
    }

    /// The installed file of model `name`.
    pub fn path(&self, name: &str) -> Result<PathBuf, ManagerError> {
        if !is_safe_name(name) {
            return Err(ManagerError::InvalidName(name.to_string()));
        }
        if self.is_installed(name) {
            return Ok(self.file_for(name));
        }
        if catalog::lookup(name).is_some() {
            return Err(ManagerError::NotInstalled {
                name: name.to_string(),
            });
        }
        Err(unknown(name))
    }

    /// Resolve a `NAME|PATH` argument: an installed or catalog model name, else a path to a
    /// ggml file (checked before it is returned, made absolute).
    pub fn resolve(&self, name_or_path: &str) -> Result<PathBuf, ManagerError> {
        if is_safe_name(name_or_path)
            && (self.is_installed(name_or_path) || catalog::lookup(name_or_path).is_some())
        {
            return self.path(name_or_path);
        }
        let p = Path::new(name_or_path);
        if p.is_file() {
            read_layout(p)?;
            return std::path::absolute(p).map_err(io_err("resolve", p));
        }
        let looks_like_path = name_or_path.contains(['/', '\\']) || name_or_path.ends_with(".bin");
        if looks_like_path {
            Err(ManagerError::NoSuchFile(p.to_path_buf()))
        } else {
            Err(unknown(name_or_path))
        }
    }

    /// Download catalog model `entry` from `url`, verify it and record it.
    pub fn install_download(
        &self,
        entry: &CatalogEntry,
        url: &str,
        opts: &DownloadOptions,
        progress: ProgressFn,
    ) -> Result<Installed, ManagerError> {
        let dest = self.vacant(&entry.name)?;
        fs::create_dir_all(&self.dir).map_err(io_err("create", &self.dir))?;
        let expected = Expected {
            size: entry.size,
            checksums: entry.checksums(),
        };
        let done = download::download(url, &dest, &expected, opts, progress)?;
        if let Err(e) = read_layout(&dest) {
            // Matching checksums but no ggml model means the catalog entry itself is wrong.
            let _ = fs::remove_file(&dest);
            return Err(e.into());
        }
        self.record_install(
            &entry.name,
            &dest,
            done.sha256,
            done.bytes,
            Origin::Download {
                url: url.to_string(),
            },
        )
    }

    /// Install the ggml file `src` as model `name`: validated first, then copied (or moved,
    /// when `take` and on the same file system) into place and recorded.
    pub fn install_file(
        &self,
        src: &Path,
        name: &str,
        origin: Origin,
        take: bool,
    ) -> Result<Installed, ManagerError> {
        if !src.is_file() {
            return Err(ManagerError::NoSuchFile(src.to_path_buf()));
        }
        read_layout(src)?;
        let dest = self.vacant(name)?;
        fs::create_dir_all(&self.dir).map_err(io_err("create", &self.dir))?;
        let staging = self.dir.join(format!(".ggml-{name}.bin.installing"));
        let moved = take && fs::rename(src, &staging).is_ok();
        if !moved {
            fs::copy(src, &staging).map_err(io_err("copy", src))?;
        }
        let staged = (|| {
            fs::File::open(&staging).and_then(|f| f.sync_all())?;
            let sha256 = download::sha256_file(&staging)?;
            let size = fs::metadata(&staging)?.len();
            fs::rename(&staging, &dest)?;
            Ok::<_, io::Error>((sha256, size))
        })();
        let (sha256, size) = staged.map_err(|e| {
            let _ = fs::remove_file(&staging);
            io_err("install", &dest)(e)
        })?;
        self.record_install(name, &dest, sha256, size, origin)
    }

    /// Import a local ggml file under `name` (default: its file name without `ggml-`/`.bin`).
    pub fn import(&self, file: &Path, name: Option<&str>) -> Result<Installed, ManagerError> {
        let name = match name {
            Some(n) => n.to_string(),
            None => default_name(file),
        };
        let from = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        self.install_file(file, &name, Origin::Import { from }, false)
    }

    fn vacant(&self, name: &str) -> Result<PathBuf, ManagerError> {
        if !is_safe_name(name) {
            return Err(ManagerError::InvalidName(name.to_string()));
        }
        let dest = self.file_for(name);
        if dest.exists() {
            return Err(ManagerError::AlreadyInstalled {
                name: name.to_string(),
                path: dest,
            });
        }
        Ok(dest)
    }

    fn record_install(
        &self,
        name: &str,
        dest: &Path,
        sha256: String,
        size: u64,
        origin: Origin,
    ) -> Result<Installed, ManagerError> {
        let record = Record {
            file: dest
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            sha256,
            size,
            origin,
            installed_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        };
        let mut m = self.load()?;
        m.models.insert(name.to_string(), record.clone());
        self.save(m)?;
        tracing::info!(name, path = %dest.display(), "model installed");
        Ok(Installed {
            name: name.to_string(),
            path: dest.to_path_buf(),
            record,
        })
    }

    /// Recheck an installed model: size and SHA-256 against the manifest (or, for a file
    /// Rehearse did not record, the catalog), and its ggml structure end to end.
    pub fn verify(
        &self,
        name: &str,
        cancel: &Cancel,
        progress: ProgressFn,
    ) -> Result<Verified, ManagerError> {
        let path = self.path(name)?;
        let reference = match self.record(name)? {
            Some(r) => (r.size, r.sha256),
            None => match catalog::lookup(name).and_then(|e| Some((e.size?, e.sha256.clone()?))) {
                Some(r) => r,
                None => {
                    return Err(ManagerError::NoRecordedHash {
                        name: name.to_string(),
                    })
                }
            },
        };
        let size = fs::metadata(&path).map_err(io_err("read", &path))?.len();
        if size != reference.0 {
            return Err(ManagerError::SizeMismatch {
                name: name.to_string(),
                path,
                expected: reference.0,
                actual: size,
            });
        }
        let layout = read_layout(&path)?;
        let (sha256, _) =
            download::hash_file(&path, cancel, progress).map_err(io_err("hash", &path))?;
        if sha256 != reference.1 {
            return Err(ManagerError::HashMismatch {
                name: name.to_string(),
                path,
                expected: reference.1,
                actual: sha256,
            });
        }
        Ok(Verified {
            name: name.to_string(),
            path,
            sha256,
            size,
            header: layout.header,
            tensors: layout.tensors.len(),
        })
    }

    /// Delete model `name`: its file, any interrupted download, its manifest record.
    pub fn delete(&self, name: &str) -> Result<PathBuf, ManagerError> {
        if !is_safe_name(name) {
            return Err(ManagerError::InvalidName(name.to_string()));
        }
        let path = self.file_for(name);
        let partial = partial_path(&path);
        let mut m = self.load()?;
        let had_record = m.models.remove(name).is_some();
        if !path.exists() && !partial.exists() && !had_record {
            return Err(if catalog::lookup(name).is_some() {
                ManagerError::NotInstalled {
                    name: name.to_string(),
                }
            } else {
                unknown(name)
            });
        }
        for p in [&path, &partial] {
            match fs::remove_file(p) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(io_err("delete", p)(e))
                }
                _ => {}
            }
        }
        if had_record {
            self.save(m)?;
        }
        Ok(path)
    }
}

fn unknown(name: &str) -> ManagerError {
    ManagerError::UnknownModel {
        name: name.to_string(),
        known: catalog::catalog().names().join(", "),
    }
}

/// `ggml-foo.bin` → `foo`; anything else → its file stem.
fn default_name(file: &Path) -> String {
    let stem = file.file_name().unwrap_or_default().to_string_lossy();
    let stem = stem.strip_suffix(".bin").unwrap_or(&stem);
    stem.strip_prefix("ggml-").unwrap_or(stem).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        assert_eq!(
            default_name(Path::new("/x/ggml-tiny.en-q5_1.bin")),
            "tiny.en-q5_1"
        );
        assert_eq!(default_name(Path::new("my-model.bin")), "my-model");
        assert_eq!(default_name(Path::new("model")), "model");
    }
}
