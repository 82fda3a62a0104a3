//! Crash-tolerant recording to 16 kHz mono 16-bit PCM WAV.
//!
//! [`WavWriter`] hands the samples to the OS and rewrites the RIFF and data sizes in the header
//! about once per second of audio. A process that is killed (SIGKILL, power button on the app,
//! a panic that aborts) therefore leaves a file that any player opens, missing at most the last
//! second. A write failure (full disk, quota, removed drive) cuts the file back to the last
//! complete write, so what is on disk stays a valid WAV, and is reported as an error.
//!
//! [`repair`] fixes the header of a file whose writer died between two refreshes, taking the
//! sizes from the file's length.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::wav::{f32_to_i16, read_layout, AudioError, TARGET_RATE};

const HEADER_LEN: u64 = 44;
const BYTES_PER_SAMPLE: u64 = 2;
/// Refresh the header after this many bytes of audio: one second.
const REFRESH_BYTES: usize = (TARGET_RATE as u64 * BYTES_PER_SAMPLE) as usize;
/// The RIFF size field is 32 bits and counts everything after its own 8 bytes.
const MAX_DATA_BYTES: u64 = u32::MAX as u64 - (HEADER_LEN - 8);

/// What a finished recording holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WrittenWav {
    pub path: PathBuf,
    pub samples: u64,
    pub duration_s: f64,
}

/// Writes 16 kHz mono 16-bit PCM incrementally. See the module docs for the guarantees.
#[derive(Debug)]
pub struct WavWriter {
    path: PathBuf,
    /// `None` once finished or after a write failure.
    file: Option<File>,
    pending: Vec<u8>,
    /// Data bytes on disk, all of them covered by the header.
    on_disk: u64,
    failure: Option<String>,
}

impl WavWriter {
    /// Creates (or truncates) `path` and writes a header for an empty recording.
    pub fn create(path: impl AsRef<Path>) -> Result<Self, AudioError> {
        let path = path.as_ref().to_owned();
        let file = File::create(&path).map_err(|source| AudioError::Create {
            path: path.clone(),
            source,
        })?;
        let mut w = Self {
            path,
            file: Some(file),
            pending: Vec::with_capacity(REFRESH_BYTES * 2),
            on_disk: 0,
            failure: None,
        };
        let header = header_bytes(0);
        if let Err(e) = w.file_mut().write_all(&header) {
            w.file = None;
            return Err(w.io_error(e));
        }
        Ok(w)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Samples accepted so far, including those not yet on disk.
    pub fn samples(&self) -> u64 {
        (self.on_disk + self.pending.len() as u64) / BYTES_PER_SAMPLE
    }

    pub fn duration_s(&self) -> f64 {
        self.samples() as f64 / f64::from(TARGET_RATE)
    }

    /// Appends 16 kHz mono samples in -1..=1 (clamped). Every second of audio the samples go to
    /// disk and the header is refreshed.
    pub fn append(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        self.check_usable()?;
        for &s in samples {
            self.pending.extend_from_slice(&f32_to_i16(s).to_le_bytes());
        }
        if self.pending.len() >= REFRESH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes everything pending and refreshes the header now.
    pub fn flush(&mut self) -> Result<(), AudioError> {
        self.check_usable()?;
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.on_disk + self.pending.len() as u64 > MAX_DATA_BYTES {
            let room = (MAX_DATA_BYTES - self.on_disk) as usize & !1;
            self.pending.truncate(room);
            self.commit()?;
            self.failure = Some("the WAV size limit was reached".into());
            return Err(AudioError::TooLong {
                path: self.path.clone(),
            });
        }
        self.commit()
    }

    /// Flushes, refreshes the header, syncs to disk and closes the file.
    pub fn finish(mut self) -> Result<WrittenWav, AudioError> {
        self.flush()?;
        let file = self.file.take().expect("checked usable in flush");
        file.sync_all().map_err(|e| self.io_error(e))?;
        Ok(WrittenWav {
            path: self.path.clone(),
            samples: self.on_disk / BYTES_PER_SAMPLE,
            duration_s: self.duration_s(),
        })
    }

    fn commit(&mut self) -> Result<(), AudioError> {
        let result = (|| {
            let file = self
                .file
                .as_mut()
                .expect("file is open while the writer is usable");
            file.write_all(&self.pending)?;
            let data = self.on_disk + self.pending.len() as u64;
            write_sizes(file, data)
        })();
        match result {
            Ok(()) => {
                self.on_disk += self.pending.len() as u64;
                self.pending.clear();
                Ok(())
            }
            Err(e) => {
                self.roll_back();
                Err(self.io_error(e))
            }
        }
    }

    /// After a failed write: cut off the partial write and restore the header to the audio that
    /// was fully written, so the file stays valid. Shrinking needs no free space.
    fn roll_back(&mut self) {
        self.pending.clear();
        if let Some(file) = self.file.as_mut() {
            let keep = HEADER_LEN + self.on_disk;
            let restored = file
                .set_len(keep)
                .and_then(|()| write_sizes(file, self.on_disk));
            if let Err(e) = restored {
                tracing::error!(path = %self.path.display(), error = %e,
                    "could not restore the WAV header after a failed write; run repair on the file");
            }
        }
        self.file = None;
    }

    fn io_error(&mut self, source: io::Error) -> AudioError {
        let kept_s = self.on_disk as f64 / (f64::from(TARGET_RATE) * BYTES_PER_SAMPLE as f64);
        self.failure = Some(source.to_string());
        let path = self.path.clone();
        match source.kind() {
            io::ErrorKind::StorageFull
            | io::ErrorKind::QuotaExceeded
            | io::ErrorKind::FileTooLarge => AudioError::StorageFull {
                path,
                kept_s,
                source,
            },
            _ => AudioError::Write {
                path,
                kept_s,
                source,
            },
        }
    }

    fn check_usable(&self) -> Result<(), AudioError> {
        if self.file.is_some() {
            return Ok(());
        }
        let why = self
            .failure
            .as_deref()
            .unwrap_or("the writer is already finished");
        Err(AudioError::Write {
            path: self.path.clone(),
            kept_s: self.on_disk as f64 / (f64::from(TARGET_RATE) * BYTES_PER_SAMPLE as f64),
            source: io::Error::other(format!("writer closed after an earlier failure: {why}")),
        })
    }

    fn file_mut(&mut self) -> &mut File {
        self.file
            .as_mut()
            .expect("file is open while the writer is usable")
    }
}

impl Drop for WavWriter {
    fn drop(&mut self) {
        // Dropping without finish() (an early return, a panic unwinding) must still keep the audio.
        if self.file.is_some() {
            if let Err(e) = self.flush() {
                tracing::error!(error = %e, "could not flush the recording while dropping its writer");
            }
        }
    }
}

fn header_bytes(data_len: u32) -> [u8; HEADER_LEN as usize] {
    let mut h = [0u8; HEADER_LEN as usize];
    h[0..4].copy_from_slice(b"RIFF");
    h[4..8].copy_from_slice(&(data_len + 36).to_le_bytes());
    h[8..12].copy_from_slice(b"WAVE");
    h[12..16].copy_from_slice(b"fmt ");
    h[16..20].copy_from_slice(&16u32.to_le_bytes());
    h[20..22].copy_from_slice(&1u16.to_le_bytes()); // PCM
    h[22..24].copy_from_slice(&1u16.to_le_bytes()); // mono
    h[24..28].copy_from_slice(&TARGET_RATE.to_le_bytes());
    h[28..32].copy_from_slice(&(TARGET_RATE * 2).to_le_bytes());
    h[32..34].copy_from_slice(&2u16.to_le_bytes());
    h[34..36].copy_from_slice(&16u16.to_le_bytes());
    h[36..40].copy_from_slice(b"data");
    h[40..44].copy_from_slice(&data_len.to_le_bytes());
    h
}

/// Rewrites the RIFF and data sizes of our 44-byte header and returns to the end.
fn write_sizes(file: &mut File, data_len: u64) -> io::Result<()> {
    let data = data_len as u32;
    file.seek(SeekFrom::Start(4))?;
    file.write_all(&(data + 36).to_le_bytes())?;
    file.seek(SeekFrom::Start(40))?;
    file.write_all(&data.to_le_bytes())?;
    file.seek(SeekFrom::End(0))?;
    Ok(())
}

/// What [`repair`] found and did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RepairReport {
    pub path: PathBuf,
    /// Data size the header declared before the repair.
    pub declared_bytes: u64,
    /// Data size after the repair (whole frames on disk).
    pub data_bytes: u64,
    /// Bytes of an incomplete last frame that were cut off.
    pub trimmed_bytes: u64,
    pub duration_s: f64,
    /// False when the header was already right.
    pub changed: bool,
}

/// Fixes the RIFF and data sizes of a WAV file whose writer was killed, using the file length.
///
/// Only files whose data chunk is the last chunk can be repaired (every file [`WavWriter`]
/// writes); a data chunk followed by another chunk is refused rather than mangled.
pub fn repair(path: impl AsRef<Path>) -> Result<RepairReport, AudioError> {
    let path = path.as_ref();
    let fail = |reason: String| AudioError::Repair {
        path: path.to_owned(),
        reason,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|source| AudioError::Open {
            path: path.to_owned(),
            source,
        })?;
    let layout = read_layout(path, &mut file)?;
    let block = u64::from(layout.fmt.block_align.max(1));
    let on_disk = layout.file_len.saturating_sub(layout.data_offset);
    if layout.declared_len < on_disk {
        if let Some(id) = chunk_after(&mut file, &layout).map_err(|e| fail(e.to_string()))? {
            return Err(fail(format!(
                "its data chunk is followed by a {id:?} chunk, so it is not a cut-off recording"
            )));
        }
    }
    let data_bytes = (on_disk / block * block).min(MAX_DATA_BYTES / block * block);
    let trimmed_bytes = on_disk - data_bytes;
    let new_len = layout.data_offset + data_bytes;
    let riff_size = new_len - 8;
    if riff_size > u64::from(u32::MAX) {
        return Err(fail(
            "the audio is larger than a WAV file can describe".into(),
        ));
    }
    let mut riff_field = [0u8; 4];
    file.seek(SeekFrom::Start(4))
        .and_then(|_| file.read_exact(&mut riff_field))
        .map_err(|e| fail(e.to_string()))?;
    let changed = trimmed_bytes > 0
        || layout.declared_len != data_bytes
        || u64::from(u32::from_le_bytes(riff_field)) != riff_size;
    if changed {
        let io = (|| -> io::Result<()> {
            file.set_len(new_len)?;
            file.seek(SeekFrom::Start(4))?;
            file.write_all(&(riff_size as u32).to_le_bytes())?;
            file.seek(SeekFrom::Start(layout.data_offset - 4))?;
            file.write_all(&(data_bytes as u32).to_le_bytes())?;
            file.sync_all()
        })();
        io.map_err(|e| fail(format!("writing the fixed header failed: {e}")))?;
        tracing::info!(path = %path.display(), declared = layout.declared_len, data_bytes, "repaired WAV header");
    }
    let rate = f64::from(layout.fmt.rate.max(1));
    Ok(RepairReport {
        path: path.to_owned(),
        declared_bytes: layout.declared_len,
        data_bytes,
        trimmed_bytes,
        duration_s: (data_bytes / block) as f64 / rate,
        changed,
    })
}

/// The id of a well-formed chunk right after the declared data, if there is one.
fn chunk_after(file: &mut File, layout: &super::wav::Layout) -> io::Result<Option<String>> {
    let len = layout.declared_len;
    let at = layout.data_offset + len + (len & 1);
    if at + 8 > layout.file_len {
        return Ok(None);
    }
    let mut h = [0u8; 8];
    file.seek(SeekFrom::Start(at))?;
    file.read_exact(&mut h)?;
    let id_ok = h[0..4]
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b' ')
        && h[0..4].iter().any(u8::is_ascii_alphabetic);
    let chunk_len = u64::from(u32::from_le_bytes([h[4], h[5], h[6], h[7]]));
    // PCM audio can spell four letters by chance; it almost never also spells a length that
    // ends inside the file.
    let fits = at + 8 + chunk_len <= layout.file_len;
    Ok((id_ok && fits).then(|| String::from_utf8_lossy(&h[0..4]).into_owned()))
}
