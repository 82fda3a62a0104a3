//! whisper.cpp's ggml model file: hparams, mel filterbank, vocabulary, then named tensors.
//!
//! Layout (all integers little-endian i32 unless noted):
//! magic `0x67676d6c`, 11 hparams, `n_mel n_fft` + `n_mel*n_fft` f32 filters, `n_tokens` +
//! (`u32 len`, bytes) per token, then until EOF per tensor: `n_dims name_len ggml_type`,
//! `ne[0..n_dims]` (fastest-varying first), the name, the data.

mod read;
mod write;

use std::path::PathBuf;

pub(crate) use read::Cursor;
pub use read::{read_header, read_layout};
pub use write::GgmlWriter;

use whisper_rs::whisper_rs_sys as sys;

pub const GGML_MAGIC: u32 = 0x6767_6d6c;
/// whisper.cpp's quantize stores `ftype + GGML_QNT_VERSION * GGML_QNT_VERSION_FACTOR`.
pub const QNT_VERSION_FACTOR: i32 = sys::GGML_QNT_VERSION_FACTOR as i32;
pub const QNT_VERSION: i32 = sys::GGML_QNT_VERSION as i32;

pub const TYPE_F32: u32 = sys::ggml_type_GGML_TYPE_F32;
pub const TYPE_F16: u32 = sys::ggml_type_GGML_TYPE_F16;

/// Tensor types whisper models use; others (removed Q4_2/Q4_3, i-quants needing an importance
/// matrix…) are refused before any size arithmetic, because ggml would divide by a zero block size.
const KNOWN_TYPES: &[u32] = &[
    sys::ggml_type_GGML_TYPE_F32,
    sys::ggml_type_GGML_TYPE_F16,
    sys::ggml_type_GGML_TYPE_Q4_0,
    sys::ggml_type_GGML_TYPE_Q4_1,
    sys::ggml_type_GGML_TYPE_Q5_0,
    sys::ggml_type_GGML_TYPE_Q5_1,
    sys::ggml_type_GGML_TYPE_Q8_0,
    sys::ggml_type_GGML_TYPE_Q2_K,
    sys::ggml_type_GGML_TYPE_Q3_K,
    sys::ggml_type_GGML_TYPE_Q4_K,
    sys::ggml_type_GGML_TYPE_Q5_K,
    sys::ggml_type_GGML_TYPE_Q6_K,
];

/// Errors reading or writing a ggml Whisper file.
#[derive(Debug, thiserror::Error)]
pub enum GgmlError {
    #[error("cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "not a ggml Whisper model: {path} starts with 0x{found:08x}, expected magic 0x67676d6c"
    )]
    BadMagic { path: PathBuf, found: u32 },
    #[error("ggml model file {path} is truncated: {what} needs {needed} bytes at offset {offset}, the file has {file_len}")]
    Truncated {
        path: PathBuf,
        what: String,
        needed: u64,
        offset: u64,
        file_len: u64,
    },
    #[error("ggml model file {path} is corrupt: {reason}")]
    Corrupt { path: PathBuf, reason: String },
}

/// The hyperparameters at the start of a ggml Whisper file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct GgmlHeader {
    pub n_vocab: i32,
    pub n_audio_ctx: i32,
    pub n_audio_state: i32,
    pub n_audio_head: i32,
    pub n_audio_layer: i32,
    pub n_text_ctx: i32,
    pub n_text_state: i32,
    pub n_text_head: i32,
    pub n_text_layer: i32,
    pub n_mels: i32,
    /// As stored: a `ggml_ftype` (0 f32, 1 f16, 7 q8_0, 9 q5_1…), plus 2000 once quantized.
    pub ftype: i32,
}

impl GgmlHeader {
    const FIELDS: usize = 11;

    /// The `ggml_ftype` without the quantization-version offset.
    pub fn base_ftype(&self) -> i32 {
        self.ftype % QNT_VERSION_FACTOR
    }

    /// A short name for the weight format: "f32", "f16", "q5_1", …
    pub fn weight_format(&self) -> &'static str {
        match self.base_ftype() {
            0 => "f32",
            1 => "f16",
            2 => "q4_0",
            3 => "q4_1",
            7 => "q8_0",
            8 => "q5_0",
            9 => "q5_1",
            10 => "q2_k",
            11 => "q3_k",
            12 => "q4_k",
            13 => "q5_k",
            14 => "q6_k",
            _ => "unknown",
        }
    }

    pub fn is_quantized(&self) -> bool {
        !matches!(self.base_ftype(), 0 | 1)
    }

    /// whisper.cpp's own test: multilingual vocabularies have 51865 tokens or more.
    pub fn is_multilingual(&self) -> bool {
        self.n_vocab >= 51865
    }

    /// The Whisper size whisper.cpp infers from the encoder depth.
    pub fn size_name(&self) -> &'static str {
        match self.n_audio_layer {
            4 => "tiny",
            6 => "base",
            12 => "small",
            24 => "medium",
            32 => "large",
            _ => "unknown",
        }
    }

    fn to_fields(self) -> [i32; Self::FIELDS] {
        [
            self.n_vocab,
            self.n_audio_ctx,
            self.n_audio_state,
            self.n_audio_head,
            self.n_audio_layer,
            self.n_text_ctx,
            self.n_text_state,
            self.n_text_head,
            self.n_text_layer,
            self.n_mels,
            self.ftype,
        ]
    }

    fn from_fields(f: [i32; Self::FIELDS]) -> Self {
        Self {
            n_vocab: f[0],
            n_audio_ctx: f[1],
            n_audio_state: f[2],
            n_audio_head: f[3],
            n_audio_layer: f[4],
            n_text_ctx: f[5],
            n_text_state: f[6],
            n_text_head: f[7],
            n_text_layer: f[8],
            n_mels: f[9],
            ftype: f[10],
        }
    }
}

/// Where one tensor sits in a ggml file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorInfo {
    pub name: String,
    /// Dimensions, fastest-varying first (ggml's `ne`).
    pub ne: Vec<u64>,
    pub ggml_type: u32,
    /// Offset of the tensor's data in the file.
    pub data_offset: u64,
    pub data_len: u64,
}

impl TensorInfo {
    pub fn n_elements(&self) -> u64 {
        self.ne.iter().product()
    }
}

/// A whole ggml file's structure, checked from the first byte to the last.
#[derive(Debug, Clone)]
pub struct GgmlLayout {
    pub header: GgmlHeader,
    pub n_mel_filters: u32,
    pub n_fft_bins: u32,
    /// Tokens stored in the file (whisper.cpp adds the special tokens up to `n_vocab`).
    pub n_tokens: u32,
    /// Offset of the first tensor record: everything before it is header, filters and vocab.
    pub tensors_offset: u64,
    pub tensors: Vec<TensorInfo>,
    pub file_len: u64,
}

/// Bytes one tensor of `ggml_type` with `ne` dimensions occupies, or why it cannot exist.
pub fn tensor_data_len(ggml_type: u32, ne: &[u64]) -> Result<u64, String> {
    if !KNOWN_TYPES.contains(&ggml_type) {
        return Err(format!("unsupported ggml tensor type {ggml_type}"));
    }
    // SAFETY: plain table lookups in ggml, valid for every type in KNOWN_TYPES.
    let (block, type_size) = unsafe {
        (
            sys::ggml_blck_size(ggml_type) as u64,
            sys::ggml_type_size(ggml_type) as u64,
        )
    };
    let row = *ne.first().unwrap_or(&1);
    if row % block != 0 {
        return Err(format!(
            "rows of {row} values do not fit type {ggml_type}'s blocks of {block}"
        ));
    }
    let n: u64 = ne.iter().product();
    Ok(n / block * type_size)
}

pub use super::le::{f16_bytes, f32_bytes};

/// Decodes little-endian f16 or f32 tensor data to f32.
pub fn to_f32(ggml_type: u32, data: &[u8]) -> Option<Vec<f32>> {
    match ggml_type {
        TYPE_F32 => Some(super::le::f32s(data)),
        TYPE_F16 => Some(super::le::f16_to_f32(&super::le::f16s(data))),
        _ => None,
    }
}
