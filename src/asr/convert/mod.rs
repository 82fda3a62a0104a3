//! Converting faster-whisper / CTranslate2 Whisper models to whisper.cpp's ggml format, and
//! reading ggml model headers.
//!
//! A CT2 model folder holds `model.bin` (the weights), `config.json` and a vocabulary
//! (`tokenizer.json` or `vocabulary.*`). The ggml file gets the same weights under whisper.cpp's
//! names (fused attention projections split apart), the librosa mel filterbank whisper.cpp needs
//! and the byte-level vocabulary; optionally the weight matrices are quantized on the way.

pub mod ct2;
pub mod ggml;
pub mod layout;
pub(crate) mod le;
pub mod mel;
pub mod quant;
pub mod vocab;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::progress::{Progress, ProgressFn};

pub use ggml::{GgmlError, GgmlHeader, GgmlLayout, TensorInfo};
pub use quant::Quantization;

use layout::{OutTensor, Storage};

/// The spec CTranslate2 writes for Whisper, and the newest revision this converter knows.
pub const WHISPER_SPEC: &str = "WhisperSpec";
pub const MAX_SPEC_REVISION: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("missing {file} in {dir}: not a CTranslate2 Whisper model folder")]
    MissingFile { dir: PathBuf, file: String },
    #[error("{path} is truncated: {what} needs {needed} bytes at offset {offset}, the file has {file_len}")]
    Truncated {
        path: PathBuf,
        what: String,
        needed: u64,
        offset: u64,
        file_len: u64,
    },
    #[error("{path} is not a usable CTranslate2 model: {reason}")]
    CorruptCt2 { path: PathBuf, reason: String },
    #[error("unsupported CTranslate2 binary version {found} in {path} (this converter reads versions 4 to 6)")]
    BinaryVersion { path: PathBuf, found: u32 },
    #[error("unsupported model spec {spec} revision {revision}: expected {WHISPER_SPEC} revision 1 to {MAX_SPEC_REVISION}")]
    Spec { spec: String, revision: u32 },
    #[error("unsupported Whisper model layout: {reason}")]
    UnsupportedSpec { reason: String },
    #[error("{path} has no variable '{name}'")]
    MissingVariable { path: PathBuf, name: String },
    #[error("variable '{name}' has shape {found:?}, expected {expected:?}")]
    ShapeMismatch {
        name: String,
        expected: Vec<u64>,
        found: Vec<u64>,
    },
    #[error("variable '{name}' is {dtype}, expected {wanted}")]
    UnsupportedDtype {
        name: String,
        dtype: &'static str,
        wanted: &'static str,
    },
    #[error("vocabulary {path} is unusable: {reason}")]
    BadVocabulary { path: PathBuf, reason: String },
    #[error("tensor '{name}' has rows of {n_per_row} values, not a multiple of {quantization}'s {block}-value blocks")]
    Unquantizable {
        name: String,
        n_per_row: u64,
        quantization: Quantization,
        block: usize,
    },
    #[error(transparent)]
    Ggml(#[from] GgmlError),
}

/// What a conversion produced.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConvertSummary {
    pub output: PathBuf,
    pub header: GgmlHeader,
    pub quantization: Option<Quantization>,
    pub tensors: usize,
    pub quantized_tensors: usize,
    pub tokens: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Reads the hparams of a ggml Whisper model (and checks its filterbank and vocabulary are intact).
pub fn read_ggml_header(path: &Path) -> Result<GgmlHeader, ConvertError> {
    Ok(ggml::read_header(path)?)
}

/// Walks a whole ggml Whisper model file: every tensor record is parsed and its data length
/// checked, so a truncated or corrupted download is caught before whisper.cpp sees it.
pub fn inspect_ggml(path: &Path) -> Result<GgmlLayout, ConvertError> {
    Ok(ggml::read_layout(path)?)
}

/// Converts the CTranslate2 Whisper model in `dir` to a ggml file at `out` (f16, or quantized
/// with `quant`). Writes `out.partial` and renames it at the end. Progress: one unit per tensor.
pub fn convert_ct2_dir(
    dir: &Path,
    out: &Path,
    quant: Option<Quantization>,
    progress: ProgressFn,
) -> Result<ConvertSummary, ConvertError> {
    let started = Instant::now();
    let model_path = dir.join("model.bin");
    if !model_path.is_file() {
        return Err(ConvertError::MissingFile {
            dir: dir.to_path_buf(),
            file: "model.bin".into(),
        });
    }
    let model = ct2::Ct2Model::open(&model_path)?;
    if model.spec != WHISPER_SPEC || !(1..=MAX_SPEC_REVISION).contains(&model.revision) {
        return Err(ConvertError::Spec {
            spec: model.spec.clone(),
            revision: model.revision,
        });
    }
    let mut header = layout::infer_header(&model)?;
    let tensors = layout::plan(&model, &header)?;
    let tokens = vocab::read_vocab_dir(dir)?;
    check_vocab_fits(dir, &header, tokens.len())?;
    if let Some(q) = quant {
        header.ftype = q.header_ftype();
    }
    tracing::info!(
        dir = %dir.display(),
        out = %out.display(),
        ?header,
        tensors = tensors.len(),
        quantization = ?quant,
        "converting CTranslate2 Whisper model"
    );

    let mut w = ggml::GgmlWriter::create(out)?;
    w.header(&header)?;
    let filters = mel::whisper_filters(header.n_mels as usize);
    w.mel_filters(filters.n_mels, filters.n_bins, &filters.data)?;
    w.vocab(&tokens)?;

    let total = tensors.len() as u64;
    progress(Progress {
        stage: "convert",
        done: 0,
        total: Some(total),
    });
    let mut quantized_tensors = 0;
    for (i, t) in tensors.iter().enumerate() {
        let (ggml_type, data) = tensor_data(&model, t, quant)?;
        if quant.is_some_and(|q| q.ggml_type() == ggml_type) {
            quantized_tensors += 1;
        }
        w.tensor(&t.name, &t.ne, ggml_type, &data)?;
        progress(Progress {
            stage: "convert",
            done: i as u64 + 1,
            total: Some(total),
        });
    }
    let bytes = w.finish()?;
    let summary = ConvertSummary {
        output: out.to_path_buf(),
        header,
        quantization: quant,
        tensors: tensors.len(),
        quantized_tensors,
        tokens: tokens.len(),
        bytes,
        elapsed: started.elapsed(),
    };
    tracing::info!(
        bytes,
        elapsed_ms = summary.elapsed.as_millis() as u64,
        "conversion done"
    );
    Ok(summary)
}

/// whisper.cpp numbers the special tokens from a fixed id (50256, or 50257 in multilingual
/// models) and fills them in itself, so the ordinary tokens must end exactly there.
fn check_vocab_fits(dir: &Path, h: &GgmlHeader, n_tokens: usize) -> Result<(), ConvertError> {
    let expected = if h.is_multilingual() { 50257 } else { 50256 };
    if n_tokens != expected {
        return Err(ConvertError::BadVocabulary {
            path: dir.to_path_buf(),
            reason: format!(
                "{n_tokens} ordinary tokens before <|endoftext|>, but whisper.cpp expects {expected} \
                 for a {}-token {} model",
                h.n_vocab,
                if h.is_multilingual() { "multilingual" } else { "English-only" }
            ),
        });
    }
    Ok(())
}

/// One tensor's bytes in its ggml type.
fn tensor_data(
    m: &ct2::Ct2Model,
    t: &OutTensor,
    quant: Option<Quantization>,
) -> Result<(u32, Vec<u8>), ConvertError> {
    let v = m.var(&t.source)?.clone();
    let row_len: u64 = v.shape.iter().skip(1).product();
    let range = |len: usize| match t.rows {
        Some((a, b)) => (a * row_len) as usize..(b * row_len) as usize,
        None => 0..len,
    };
    match (t.storage, quant.filter(|_| t.quantizable)) {
        (Storage::F32, _) => {
            let all = m.read_f32(&v)?;
            Ok((ggml::TYPE_F32, le::f32_bytes(&all[range(all.len())])))
        }
        (Storage::F16, None) => {
            let bytes = m.read_f16_bytes(&v)?;
            let r = range(bytes.len() / 2);
            Ok((ggml::TYPE_F16, bytes[r.start * 2..r.end * 2].to_vec()))
        }
        (Storage::F16, Some(q)) => {
            // Round through f16 first so a quantized conversion equals quantizing the f16 file.
            let all = le::f16_to_f32(&le::f16s(&m.read_f16_bytes(&v)?));
            let n_per_row = t.ne[0];
            let data = quant::quantize_rows(q, &all[range(all.len())], n_per_row as usize).ok_or(
                ConvertError::Unquantizable {
                    name: t.name.clone(),
                    n_per_row,
                    quantization: q,
                    block: q.block_size(),
                },
            )?;
            Ok((q.ggml_type(), data))
        }
    }
}
