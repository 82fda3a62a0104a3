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
use std::path::{Path, PathBuf};

use super::resample;

/// The rate every later stage (VAD, pitch, Whisper) works at.
pub const TARGET_RATE: u32 = 16_000;
/// Accepted sample-rate range; outside it a header is almost surely corrupt.
pub const MIN_RATE: u32 = 4_000;
pub const MAX_RATE: u32 = 192_000;
/// More channels than this is not a microphone recording.
pub const MAX_CHANNELS: u16 = 32;

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
    UnsupportedBitDepth { path: PathBuf, bits: u16, kind: &'static str },
    #[error("WAV file {path} uses the {name} encoding (format tag {tag:#06x}); only PCM and IEEE float are supported")]
    UnsupportedEncoding { path: PathBuf, tag: u16, name: &'static str },
    #[error("WAV file {path} contains no audio samples (data chunk declares {declared_bytes} bytes, {available_bytes} present)")]
    NoSamples { path: PathBuf, declared_bytes: u64, available_bytes: u64 },
    #[error("cannot resample from {from} Hz to {to} Hz: {reason}")]
    Resample { from: u32, to: u32, reason: String },
    #[error("could not create {path}: {source}")]
    Create { path: PathBuf, source: io::Error },
    #[error("disk full while writing {path}: the file is valid and keeps the first {kept_s:.1} s of audio")]
    StorageFull { path: PathBuf, kept_s: f64, source: io::Error },
    #[error("write to {path} failed: {source}; the file is valid and keeps the first {kept_s:.1} s of audio")]
    Write { path: PathBuf, kept_s: f64, source: io::Error },
    #[error("recording {path} reached the WAV size limit of 4 GiB")]
    TooLong { path: PathBuf },
    #[error("cannot repair {path}: {reason}")]
    Repair { path: PathBuf, reason: String },
    #[error("no audio input device found: connect a microphone and check that the sound server (PulseAudio or PipeWire) is running{detail}")]
    NoInputDevice { detail: String },
    #[error("input device {name:?} not found; available input devices: {}", list_or_none(available))]
    DeviceNotFound { name: String, available: Vec<String> },
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
    Ok(parse_header(path, &mut file)?)
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
    file.seek(SeekFrom::Start(0)).map_err(|source| read_err(path, source))?;
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

/// Where a RIFF/WAVE file keeps its samples, before any validation of the format.
pub(crate) struct Layout {
    pub fmt: Fmt,
    /// Byte offset of the first sample.
    pub data_offset: u64,
    /// Length the data chunk's header declares.
    pub declared_len: u64,
    pub file_len: u64,
}

/// Validates the format and measures how much of the declared audio is really there.
pub(crate) fn parse_header(path: &Path, file: &mut File) -> Result<WavInfo, AudioError> {
    let layout = read_layout(path, file)?;
    let fmt = &layout.fmt;
    let (kind, bits) = fmt.validate(path)?;
    let len = layout.declared_len;
    let available = layout.file_len.saturating_sub(layout.data_offset).min(len);
    let block = u64::from(fmt.block_align);
    let frames = available / block;
    if frames == 0 {
        return Err(AudioError::NoSamples {
            path: path.to_owned(),
            declared_bytes: len,
            available_bytes: available,
        });
    }
    let info = WavInfo {
        sample_rate: fmt.rate,
        channels: fmt.channels,
        bits_per_sample: bits,
        sample_kind: kind,
        frames,
        declared_frames: len / block,
        duration_s: frames as f64 / f64::from(fmt.rate),
        truncated: available < len,
    };
    Ok(info)
}

/// Walks the RIFF chunks up to `data`, reading the `fmt ` chunk on the way.
pub(crate) fn read_layout(path: &Path, file: &mut File) -> Result<Layout, AudioError> {
    let file_len = file
        .metadata()
        .map_err(|source| read_err(path, source))?
        .len();
    let not_wav = |reason: &str| AudioError::NotWav {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let malformed = |reason: &str| AudioError::Malformed {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    if file_len == 0 {
        return Err(not_wav("the file is empty (0 bytes)"));
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|e| read_err(path, e))?;
    let mut r = BufReader::new(file);
    let mut riff = [0u8; 12];
    let got = read_up_to(&mut r, &mut riff).map_err(|e| read_err(path, e))?;
    if got < 4 || &riff[0..4] != b"RIFF" {
        return Err(not_wav("missing RIFF header"));
    }
    if got < 12 || &riff[8..12] != b"WAVE" {
        return Err(not_wav("RIFF file without a WAVE tag"));
    }
    let mut pos = 12u64;
    let mut fmt: Option<Fmt> = None;
    loop {
        let mut ch = [0u8; 8];
        if read_up_to(&mut r, &mut ch).map_err(|e| read_err(path, e))? < 8 {
            return Err(match fmt {
                None => malformed("no fmt chunk before the end of the file"),
                Some(_) => malformed("no data chunk before the end of the file"),
            });
        }
        let len = u64::from(u32::from_le_bytes([ch[4], ch[5], ch[6], ch[7]]));
        pos += 8;
        match &ch[0..4] {
            b"fmt " => {
                let mut buf = vec![0u8; len.min(64) as usize];
                if read_up_to(&mut r, &mut buf).map_err(|e| read_err(path, e))? < buf.len() {
                    return Err(malformed("fmt chunk is cut short"));
                }
                fmt = Some(Fmt::parse(&buf).map_err(malformed)?);
                r.seek_relative((len - buf.len() as u64 + (len & 1)) as i64)
                    .map_err(|e| read_err(path, e))?;
            }
            b"data" => {
                let fmt = fmt.ok_or_else(|| malformed("data chunk comes before the fmt chunk"))?;
                return Ok(Layout {
                    fmt,
                    data_offset: pos,
                    declared_len: len,
                    file_len,
                });
            }
            _ => {
                r.seek_relative((len + (len & 1)) as i64)
                    .map_err(|e| read_err(path, e))?;
            }
        }
        pos += len + (len & 1);
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

pub(crate) struct Fmt {
    pub tag: u16,
    pub channels: u16,
    pub rate: u32,
    pub block_align: u16,
    pub bits: u16,
}

const PCM: u16 = 0x0001;
const IEEE_FLOAT: u16 = 0x0003;
const EXTENSIBLE: u16 = 0xFFFE;

impl Fmt {
    fn parse(b: &[u8]) -> Result<Fmt, &'static str> {
        if b.len() < 16 {
            return Err("fmt chunk is shorter than 16 bytes");
        }
        let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
        let mut tag = u16_at(0);
        if tag == EXTENSIBLE {
            // The real encoding is the first two bytes of the SubFormat GUID.
            if b.len() < 26 {
                return Err("WAVE_FORMAT_EXTENSIBLE fmt chunk is shorter than 26 bytes");
            }
            tag = u16_at(24);
        }
        Ok(Fmt {
            tag,
            channels: u16_at(2),
            rate: u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
            block_align: u16_at(12),
            bits: u16_at(14),
        })
    }

    fn validate(&self, path: &Path) -> Result<(SampleKind, u16), AudioError> {
        let path = path.to_owned();
        if self.channels == 0 {
            return Err(AudioError::ZeroChannels { path });
        }
        if self.channels > MAX_CHANNELS {
            return Err(AudioError::TooManyChannels {
                path,
                channels: self.channels,
            });
        }
        if !(MIN_RATE..=MAX_RATE).contains(&self.rate) {
            return Err(AudioError::SampleRateOutOfRange {
                path,
                rate: self.rate,
            });
        }
        let kind = match self.tag {
            PCM => SampleKind::Int,
            IEEE_FLOAT => SampleKind::Float,
            tag => {
                return Err(AudioError::UnsupportedEncoding {
                    path,
                    tag,
                    name: encoding_name(tag),
                })
            }
        };
        let supported = match kind {
            SampleKind::Int => matches!(self.bits, 8 | 16 | 24 | 32),
            SampleKind::Float => self.bits == 32,
        };
        if !supported {
            return Err(AudioError::UnsupportedBitDepth {
                path,
                bits: self.bits,
                kind: if kind == SampleKind::Int { "integer" } else { "float" },
            });
        }
        let container = self.block_align / self.channels;
        if u32::from(container) * 8 < u32::from(self.bits) || self.block_align % self.channels != 0 {
            return Err(AudioError::Malformed {
                path,
                reason: format!(
                    "block align {} does not fit {} channels of {} bits",
                    self.block_align, self.channels, self.bits
                ),
            });
        }
        Ok((kind, self.bits))
    }
}

fn encoding_name(tag: u16) -> &'static str {
    match tag {
        0x0002 => "Microsoft ADPCM",
        0x0006 => "A-law",
        0x0007 => "µ-law",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MP3",
        _ => "unknown",
    }
}
