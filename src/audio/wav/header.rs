//! RIFF/WAVE header parsing and validation, done by hand so that each way a file can be
//! unusable gets its own [`AudioError`] before hound decodes the samples.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use super::{read_err, AudioError, SampleKind, WavInfo, MAX_CHANNELS, MAX_RATE, MIN_RATE};

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
                kind: if kind == SampleKind::Int {
                    "integer"
                } else {
                    "float"
                },
            });
        }
        let container = self.block_align / self.channels;
        if u32::from(container) * 8 < u32::from(self.bits) || self.block_align % self.channels != 0
        {
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
