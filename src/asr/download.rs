//! Blocking, resumable, verified model downloads.
//!
//! Bytes land in `<dest>.partial`; an interrupted download (truncated body, stall,
//! cancellation) keeps it and the next attempt resumes with an HTTP Range request. Only a
//! file whose checksums match the catalog is renamed to `dest`, so a file under its final
//! name is always a verified one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::asr::catalog::Checksum;
use crate::progress::{Cancel, Progress, ProgressFn};

const CHUNK: usize = 64 * 1024;

/// What the downloaded file must be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expected {
    pub size: Option<u64>,
    /// Every checksum listed must match. An empty list is refused.
    pub checksums: Vec<Checksum>,
}

/// Timeouts and cancellation for one download.
#[derive(Debug, Clone)]
pub struct DownloadOptions {
    /// No bytes for this long (while connecting excluded) ends the download with `Stalled`.
    pub stall_timeout: Duration,
    pub connect_timeout: Duration,
    /// Checked between reads, so a cancel during a stall takes effect within `stall_timeout`.
    pub cancel: Cancel,
}

impl Default for DownloadOptions {
    fn default() -> Self {
        Self {
            stall_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(15),
            cancel: Cancel::new(),
        }
    }
}

/// A finished, verified download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloaded {
    pub path: PathBuf,
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the file (computed whether or not the catalog has one).
    pub sha256: String,
    /// Bytes that were already in the `.partial` file and not fetched again.
    pub resumed_from: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("refusing to download {url}: no published checksum to verify it against")]
    NoChecksum { url: String },
    #[error("model file not found on the server (HTTP 404): {url}")]
    NotFound { url: String },
    #[error("server answered HTTP {status} for {url}")]
    HttpStatus { status: u16, url: String },
    #[error("cannot reach {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("download stalled: no data for {:.1} s from {url} after {received} bytes; fetch again to resume", .timeout.as_secs_f64())]
    Stalled {
        url: String,
        timeout: Duration,
        received: u64,
    },
    #[error("download truncated: the connection closed after {received} of {expected} bytes; {} is kept and the next fetch resumes from it", .partial.display())]
    Truncated {
        expected: u64,
        received: u64,
        partial: PathBuf,
    },
    #[error("size mismatch for {url}: the catalog expects {expected} bytes but the server sends {actual}")]
    SizeMismatch {
        url: String,
        expected: u64,
        actual: u64,
    },
    #[error("{algorithm} mismatch for {}: expected {expected}, got {actual}; the file was deleted", .file.display())]
    ChecksumMismatch {
        file: PathBuf,
        algorithm: &'static str,
        expected: String,
        actual: String,
    },
    #[error("download cancelled after {received} bytes; {} is kept for resuming", .partial.display())]
    Cancelled { received: u64, partial: PathBuf },
    #[error("server answered a request for bytes {asked}- with {content_range:?} ({url})")]
    BadRange {
        url: String,
        asked: u64,
        content_range: String,
    },
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

impl DownloadError {
    /// The source could not deliver the file (as opposed to a local problem or the user
    /// cancelling): an offline fallback is worth trying.
    pub fn is_source_failure(&self) -> bool {
        !matches!(
            self,
            DownloadError::NoChecksum { .. }
                | DownloadError::Cancelled { .. }
                | DownloadError::Io { .. }
        )
    }
}

fn io_err<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> DownloadError + 'a {
    move |source| DownloadError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// The `.partial` file beside `dest`.
pub fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    dest.with_file_name(name)
}

/// Download `url` to `dest`, resuming from `<dest>.partial`, and verify it.
/// Progress is reported as stage `"download"` (bytes) then `"verify"` (bytes hashed).
pub fn download(
    url: &str,
    dest: &Path,
    expected: &Expected,
    opts: &DownloadOptions,
    progress: ProgressFn,
) -> Result<Downloaded, DownloadError> {
    if expected.checksums.is_empty() {
        return Err(DownloadError::NoChecksum {
            url: url.to_string(),
        });
    }
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(io_err("create", dir))?;
    }
    let partial = partial_path(dest);
    let mut have = fs::metadata(&partial).map(|m| m.len()).unwrap_or(0);
    if expected.size.is_some_and(|size| have > size) {
        tracing::warn!(partial = %partial.display(), have, "partial file is larger than the model; starting over");
        have = 0;
        remove_if_exists(&partial)?;
    }
    let resumed_from = have;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_per_read(Some(opts.stall_timeout))
        .build()
        .into();

    // Two attempts: the second only after a Range the server could not satisfy.
    let mut attempts = 0;
    while expected.size != Some(have) || have == 0 {
        attempts += 1;
        match fetch_into(&agent, url, &partial, have, expected, opts, &mut *progress)? {
            Fetched::Complete => break,
            Fetched::RangeNotSatisfiable if attempts < 2 => {
                tracing::warn!(
                    url,
                    have,
                    "server cannot resume from the partial file; starting over"
                );
                remove_if_exists(&partial)?;
                have = 0;
            }
            Fetched::RangeNotSatisfiable => {
                return Err(DownloadError::HttpStatus {
                    status: 416,
                    url: url.to_string(),
                })
            }
        }
    }

    let bytes = fs::metadata(&partial)
        .map_err(io_err("read", &partial))?
        .len();
    let (sha256, sha1) = hash_file(&partial, &opts.cancel, &mut *progress).map_err(|e| {
        if e.kind() == io::ErrorKind::Interrupted {
            DownloadError::Cancelled {
                received: bytes,
                partial: partial.clone(),
            }
        } else {
            io_err("hash", &partial)(e)
        }
    })?;
    for checksum in &expected.checksums {
        let actual = match checksum {
            Checksum::Sha256(_) => &sha256,
            Checksum::Sha1(_) => &sha1,
        };
        if actual != checksum.hex() {
            remove_if_exists(&partial)?;
            return Err(DownloadError::ChecksumMismatch {
                file: dest.to_path_buf(),
                algorithm: checksum.algorithm(),
                expected: checksum.hex().to_string(),
                actual: actual.clone(),
            });
        }
    }
    fs::rename(&partial, dest).map_err(io_err("rename into place", dest))?;
    tracing::info!(url, dest = %dest.display(), bytes, resumed_from, "download verified");
    Ok(Downloaded {
        path: dest.to_path_buf(),
        bytes,
        sha256,
        resumed_from,
    })
}

enum Fetched {
    Complete,
    RangeNotSatisfiable,
}

/// One HTTP exchange: append the body to `partial`, starting at byte `have`.
fn fetch_into(
    agent: &ureq::Agent,
    url: &str,
    partial: &Path,
    mut have: u64,
    expected: &Expected,
    opts: &DownloadOptions,
    progress: ProgressFn,
) -> Result<Fetched, DownloadError> {
    let stalled = |received| DownloadError::Stalled {
        url: url.to_string(),
        timeout: opts.stall_timeout,
        received,
    };
    // Compressed transfer would make byte offsets meaningless for resuming.
    let mut req = agent.get(url).header("Accept-Encoding", "identity");
    if have > 0 {
        req = req.header("Range", format!("bytes={have}-"));
    }
    let resp = req.call().map_err(|e| match e {
        ureq::Error::Timeout(ureq::Timeout::PerRead | ureq::Timeout::RecvResponse) => stalled(have),
        other => unreachable_err(url, other),
    })?;
    let status = resp.status().as_u16();
    let content_range = resp
        .headers()
        .get("content-range")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    match status {
        200 => {
            if have > 0 {
                tracing::info!(
                    url,
                    have,
                    "server ignored the Range request; restarting from 0"
                );
                have = 0;
            }
        }
        206 => {
            let start = content_range.as_deref().and_then(range_start);
            if start != Some(have) {
                return Err(DownloadError::BadRange {
                    url: url.to_string(),
                    asked: have,
                    content_range: content_range.unwrap_or_default(),
                });
            }
        }
        416 if have > 0 => return Ok(Fetched::RangeNotSatisfiable),
        404 => {
            return Err(DownloadError::NotFound {
                url: url.to_string(),
            })
        }
        s => {
            return Err(DownloadError::HttpStatus {
                status: s,
                url: url.to_string(),
            })
        }
    }
    let body = resp.into_body();
    let total = body.content_length().map(|len| have + len);
    if let (Some(want), Some(got)) = (expected.size, total) {
        if want != got {
            return Err(DownloadError::SizeMismatch {
                url: url.to_string(),
                expected: want,
                actual: got,
            });
        }
    }
    let total = total.or(expected.size);
    let mut file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(have == 0)
        .append(have > 0)
        .open(partial)
        .map_err(io_err("open", partial))?;
    let mut reader = body.into_reader();
    let mut buf = vec![0u8; CHUNK];
    let mut received = have;
    progress(Progress {
        stage: "download",
        done: received,
        total,
    });
    loop {
        if opts.cancel.is_cancelled() {
            file.sync_all().map_err(io_err("write", partial))?;
            return Err(DownloadError::Cancelled {
                received,
                partial: partial.to_path_buf(),
            });
        }
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                file.sync_all().map_err(io_err("write", partial))?;
                return Err(read_error(e, url, received, total, partial, &stalled));
            }
        };
        if n == 0 {
            break;
        }
        if total.is_some_and(|t| received + n as u64 > t) {
            drop(file);
            remove_if_exists(partial)?;
            return Err(DownloadError::SizeMismatch {
                url: url.to_string(),
                expected: total.unwrap_or_default(),
                actual: received + n as u64,
            });
        }
        file.write_all(&buf[..n])
            .map_err(io_err("write", partial))?;
        received += n as u64;
        progress(Progress {
            stage: "download",
            done: received,
            total,
        });
    }
    file.sync_all().map_err(io_err("write", partial))?;
    if let Some(t) = total.filter(|&t| received < t) {
        return Err(DownloadError::Truncated {
            expected: t,
            received,
            partial: partial.to_path_buf(),
        });
    }
    Ok(Fetched::Complete)
}

fn read_error(
    e: io::Error,
    url: &str,
    received: u64,
    total: Option<u64>,
    partial: &Path,
    stalled: &dyn Fn(u64) -> DownloadError,
) -> DownloadError {
    match ureq::Error::from(e) {
        ureq::Error::Timeout(_) => stalled(received),
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
            ) =>
        {
            stalled(received)
        }
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                io::ErrorKind::UnexpectedEof
                    | io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
            ) =>
        {
            DownloadError::Truncated {
                expected: total.unwrap_or(received),
                received,
                partial: partial.to_path_buf(),
            }
        }
        other => unreachable_err(url, other),
    }
}

fn unreachable_err(url: &str, e: ureq::Error) -> DownloadError {
    let reason = match &e {
        ureq::Error::HostNotFound => "host not found (DNS lookup failed)".to_string(),
        other => other.to_string(),
    };
    DownloadError::Unreachable {
        url: url.to_string(),
        reason,
    }
}

/// `bytes START-END/TOTAL` → START.
fn range_start(content_range: &str) -> Option<u64> {
    let rest = content_range.trim().strip_prefix("bytes")?.trim_start();
    rest.split('-').next()?.trim().parse().ok()
}

fn remove_if_exists(path: &Path) -> Result<(), DownloadError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(DownloadError::Io {
            action: "delete",
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// SHA-256 and SHA-1 of a file in one pass, as lowercase hex; progress stage `"verify"`.
/// Cancelling ends it with `ErrorKind::Interrupted`.
pub fn hash_file(
    path: &Path,
    cancel: &Cancel,
    progress: ProgressFn,
) -> io::Result<(String, String)> {
    let mut file = File::open(path)?;
    let total = file.metadata()?.len();
    let mut sha256 = Sha256::new();
    let mut sha1 = Sha1::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut done = 0u64;
    let mut last_report = Instant::now();
    progress(Progress {
        stage: "verify",
        done,
        total: Some(total),
    });
    loop {
        if cancel.is_cancelled() {
            return Err(io::Error::new(
                io::ErrorKind::Interrupted,
                "verification cancelled",
            ));
        }
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        sha256.update(&buf[..n]);
        sha1.update(&buf[..n]);
        done += n as u64;
        if last_report.elapsed() > Duration::from_millis(50) {
            last_report = Instant::now();
            progress(Progress {
                stage: "verify",
                done,
                total: Some(total),
            });
        }
    }
    progress(Progress {
        stage: "verify",
        done,
        total: Some(total),
    });
    Ok((hex::encode(sha256.finalize()), hex::encode(sha1.finalize())))
}

/// SHA-256 of a file as lowercase hex.
pub fn sha256_file(path: &Path) -> io::Result<String> {
    hash_file(path, &Cancel::new(), &mut |_| {}).map(|(sha256, _)| sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_start() {
        assert_eq!(range_start("bytes 100-199/200"), Some(100));
        assert_eq!(range_start("bytes 0-0/1"), Some(0));
        assert_eq!(range_start("bytes */200"), None);
        assert_eq!(range_start("items 1-2/3"), None);
    }

    #[test]
    fn hashes_match_known_vectors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("abc");
        fs::write(&p, b"abc").unwrap();
        let (sha256, sha1) = hash_file(&p, &Cancel::new(), &mut |_| {}).unwrap();
        assert_eq!(
            sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    #[test]
    fn partial_path_is_beside_dest() {
        assert_eq!(
            partial_path(Path::new("/m/ggml-tiny.en.bin")),
            PathBuf::from("/m/ggml-tiny.en.bin.partial")
        );
    }
}
