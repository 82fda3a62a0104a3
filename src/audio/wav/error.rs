//! The error type of the whole `audio` module.

use std::io;
use std::path::PathBuf;

use super::{MAX_CHANNELS, MAX_RATE, MIN_RATE};

/// Everything that can go wrong in `rehearse::audio`.
#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("could not open {path}: {source}")]
    Open { path: PathBuf, source: io::Error },
    #[error("could not read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("not a WAV file: {path}: {reason}")]
    NotWav { path: PathBuf, reason: String },
    #[error("malformed WAV file {path}: {reason}")]
    Malformed { path: PathBuf, reason: String },
    #[error("WAV file {path} declares 0 channels")]
    ZeroChannels { path: PathBuf },
    #[error("WAV file {path} declares {channels} channels; at most {MAX_CHANNELS} are supported")]
    TooManyChannels { path: PathBuf, channels: u16 },
    #[error("WAV file {path} declares a sample rate of {rate} Hz; supported rates are {MIN_RATE}–{MAX_RATE} Hz")]
    SampleRateOutOfRange { path: PathBuf, rate: u32 },
    #[error("WAV file {path} uses {bits}-bit {kind} samples; supported are 8/16/24/32-bit integer and 32-bit float")]
    UnsupportedBitDepth {
        path: PathBuf,
        bits: u16,
        kind: &'static str,
    },
    #[error("WAV file {path} uses the {name} encoding (format tag {tag:#06x}); only PCM and IEEE float are supported")]
    UnsupportedEncoding {
        path: PathBuf,
        tag: u16,
        name: &'static str,
    },
    #[error("WAV file {path} contains no audio samples (data chunk declares {declared_bytes} bytes, {available_bytes} present)")]
    NoSamples {
        path: PathBuf,
        declared_bytes: u64,
        available_bytes: u64,
    },
    #[error("cannot resample from {from} Hz to {to} Hz: {reason}")]
    Resample { from: u32, to: u32, reason: String },
    #[error("could not create {path}: {source}")]
    Create { path: PathBuf, source: io::Error },
    #[error("ran out of space writing {path} ({source}); the file is valid and keeps the first {kept_s:.1} s of audio")]
    StorageFull {
        path: PathBuf,
        kept_s: f64,
        source: io::Error,
    },
    #[error("write to {path} failed: {source}; the file is valid and keeps the first {kept_s:.1} s of audio")]
    Write {
        path: PathBuf,
        kept_s: f64,
        source: io::Error,
    },
    #[error("recording {path} reached the WAV size limit of 4 GiB")]
    TooLong { path: PathBuf },
    #[error("cannot repair {path}: {reason}")]
    Repair { path: PathBuf, reason: String },
    #[error("no audio input device found: connect a microphone and check that the sound server (PulseAudio or PipeWire) is running{detail}")]
    NoInputDevice { detail: String },
    #[error(
        "input device {name:?} not found; available input devices: {}",
        list_or_none(available)
    )]
    DeviceNotFound {
        name: String,
        available: Vec<String>,
    },
    #[error("audio device {device:?}: {reason}")]
    Device { device: String, reason: String },
    #[error("audio device {device:?} delivers {format} samples, which Rehearse cannot convert")]
    UnsupportedSampleFormat { device: String, format: String },
    #[error("the capture worker thread panicked; the recording at {path} may be incomplete (run repair on it)")]
    WorkerPanicked { path: PathBuf },
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() {
        "(none)".to_owned()
    } else {
        names.join(", ")
    }
}
