//! WAV files in, 16 kHz mono f32 out; plus [`AudioError`], the error type of the whole
//! `audio` module.
//!
//! Reading accepts the layouts people actually have: 8/16/24/32-bit integer PCM and 32-bit
//! float, mono or up to 32 channels, 4–192 kHz, plain or `WAVE_FORMAT_EXTENSIBLE`. The header
//! is checked by our own small parser first so that every way a file can be unusable gets its
//! own [`AudioError`] variant; hound then decodes the samples.
//!
//! **Truncated files** (the data chunk declares more bytes than the file holds, as after a
//! crash, a full disk or an interrupted copy) are *not* an error: the complete frames that are
//! there are decoded, a `tracing` warning is logged and [`WavInfo::truncated`] is set. Losing a
//! whole answer because its last second is missing would be worse than a short recording. A file
//! whose data chunk holds no complete frame at all is [`AudioError::NoSamples`].

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use super::resample;
use header::parse_header;

mod error;
mod header;

pub use error::AudioError;
pub(crate) use header::{read_layout, Layout};

/// The rate every later stage (VAD, pitch, Whisper) works at.
pub const TARGET_RATE: u32 = 16_000;
/// Accepted sample-rate range; outside it a header is almost surely corrupt.
pub const MIN_RATE: u32 = 4_000;
pub const MAX_RATE: u32 = 192_000;
/// More channels than this is not a microphone recording.
pub const MAX_CHANNELS: u16 = 32;

/// How the samples of a WAV file are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SampleKind {
    Int,
    Float,
}

/// A WAV file's format and length, as found in its header and on disk.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WavInfo {
    pub sample_rate: u32,
    pub channels: u16,
    pub bits_per_sample: u16,
    pub sample_kind: SampleKind,
    /// Complete frames actually present in the file.
    pub frames: u64,
    /// Frames the data chunk's header declares.
    pub declared_frames: u64,
    /// Duration of the frames present, in seconds.
    pub duration_s: f64,
    /// True when the file holds fewer frames than declared (see the module docs).
    pub truncated: bool,
}

/// Decoded audio: the original format plus the samples as 16 kHz mono f32 in -1..=1.
#[derive(Debug, Clone)]
pub struct WavAudio {
    pub info: WavInfo,
    pub samples: Vec<f32>,
}

impl WavAudio {
    pub fn duration_s(&self) -> f64 {
        self.samples.len() as f64 / f64::from(TARGET_RATE)
    }
}

/// Reads a WAV file of any supported layout as 16 kHz mono f32.
pub fn read_16k_mono(path: impl AsRef<Path>) -> Result<Vec<f32>, AudioError> {
    read(path).map(|a| a.samples)
}

/// Reads a WAV file: its format info and its audio as 16 kHz mono f32.
pub fn read(path: impl AsRef<Path>) -> Result<WavAudio, AudioError> {
    let path = path.as_ref();
    let (info, mono) = read_native_mono(path)?;
    let samples = resample::to_16k(&mono, info.sample_rate)?;
    Ok(WavAudio { info, samples })
}

/// Reads only the header: format, frame count and duration, without decoding.
pub fn probe(path: impl AsRef<Path>) -> Result<WavInfo, AudioError> {
    let path = path.as_ref();
    let mut file = File::open(path).map_err(|source| AudioError::Open {
        path: path.to_owned(),
        source,
    })?;
    parse_header(path, &mut file)
}

/// Reads a WAV file downmixed (channel average) to mono at its own sample rate.
pub fn read_native_mono(path: impl AsRef<Path>) -> Result<(WavInfo, Vec<f32>), AudioError> {
    let path = path.as_ref();
    let open_err = |source| AudioError::Open {
        path: path.to_owned(),
        source,
    };
    let mut file = File::open(path).map_err(open_err)?;
    let info = parse_header(path, &mut file)?;
    if info.truncated {
        tracing::warn!(
            path = %path.display(),
            declared_s = info.declared_frames as f64 / f64::from(info.sample_rate),
            present_s = info.duration_s,
            "WAV file is truncated; decoding the audio that is present"
        );
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|source| read_err(path, source))?;
    let reader = hound::WavReader::new(BufReader::new(file)).map_err(|e| hound_err(path, e))?;
    let mono = decode_mono(path, reader, &info)?;
    Ok((info, mono))
}

fn decode_mono<R: Read>(
    path: &Path,
    mut reader: hound::WavReader<R>,
    info: &WavInfo,
) -> Result<Vec<f32>, AudioError> {
    let channels = usize::from(info.channels);
    let wanted = info.frames as usize * channels;
    let mut mono = Vec::with_capacity(info.frames as usize);
    let mut sum = 0.0f64;
    let mut in_frame = 0usize;
    let mut push = |x: f64| {
        sum += x;
        in_frame += 1;
        if in_frame == channels {
            mono.push((sum / channels as f64) as f32);
            sum = 0.0;
            in_frame = 0;
        }
    };
    match info.sample_kind {
        SampleKind::Float => {
            for s in reader.samples::<f32>().take(wanted) {
                push(f64::from(s.map_err(|e| hound_err(path, e))?));
            }
        }
        SampleKind::Int => {
            let scale = 1.0 / f64::from(1u32 << (info.bits_per_sample - 1));
            for s in reader.samples::<i32>().take(wanted) {
                push(f64::from(s.map_err(|e| hound_err(path, e))?) * scale);
            }
        }
    }
    Ok(mono)
}

/// Writes 16 kHz mono 16-bit PCM in one go (samples are clamped to -1..=1).
pub fn write_16k_mono(path: impl AsRef<Path>, samples: &[f32]) -> Result<(), AudioError> {
    let path = path.as_ref();
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: TARGET_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let write_err = |e: hound::Error| {
        let source = match e {
            hound::Error::IoError(io) => io,
            other => io::Error::other(other.to_string()),
        };
        AudioError::Write {
            path: path.to_owned(),
            kept_s: 0.0,
            source,
        }
    };
    let file = File::create(path).map_err(|source| AudioError::Create {
        path: path.to_owned(),
        source,
    })?;
    let mut w = hound::WavWriter::new(io::BufWriter::new(file), spec).map_err(write_err)?;
    let mut i16w = w.get_i16_writer(samples.len() as u32);
    for &s in samples {
        i16w.write_sample(f32_to_i16(s));
    }
    i16w.flush().map_err(write_err)?;
    w.finalize().map_err(write_err)
}

/// Full-scale conversion used by every writer: the inverse of reading `i16 / 32768`, so a
/// read-write round trip is exact; +1.0 clips one step short, at 32767.
pub fn f32_to_i16(s: f32) -> i16 {
    (s * 32768.0).round().clamp(-32768.0, 32767.0) as i16
}

fn read_err(path: &Path, source: io::Error) -> AudioError {
    AudioError::Read {
        path: path.to_owned(),
        source,
    }
}

fn hound_err(path: &Path, e: hound::Error) -> AudioError {
    match e {
        hound::Error::IoError(source) => read_err(path, source),
        other => AudioError::Malformed {
            path: path.to_owned(),
            reason: other.to_string(),
        },
    }
}
