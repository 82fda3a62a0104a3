//! Quantizing an f16/f32 ggml Whisper model, as whisper.cpp's `quantize` tool does: the 2-D
//! weight matrices become block-quantized, everything else is copied, and the header's ftype
//! becomes the quantized `ggml_ftype` + 2000 (quantization format version 2).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::asr::convert::ggml::{self, Cursor, GgmlError, GgmlWriter, TensorInfo};
use crate::asr::convert::le;
use crate::progress::{Progress, ProgressFn};

pub use crate::asr::convert::quant::{Quantization, UnknownQuantization};

#[derive(Debug, thiserror::Error)]
pub enum QuantizeError {
    #[error(transparent)]
    Ggml(#[from] GgmlError),
    #[error("{path} is already quantized ({format}); quantize an f16 or f32 model")]
    AlreadyQuantized { path: PathBuf, format: &'static str },
    #[error("input and output are the same file: {0}")]
    SamePath(PathBuf),
    #[error("tensor '{name}' has rows of {n_per_row} values, not a multiple of {quantization}'s {block}-value blocks")]
    Unquantizable {
        name: String,
        n_per_row: u64,
        quantization: Quantization,
        block: usize,
    },
}

/// What a quantization produced.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuantizeSummary {
    pub output: PathBuf,
    pub quantization: Quantization,
    pub tensors_quantized: usize,
    pub tensors_copied: usize,
    pub input_bytes: u64,
    pub output_bytes: u64,
    pub elapsed: Duration,
}

/// whisper.cpp's quantize leaves these alone even though some are 2-D: the positional
/// embeddings and the `[1, state]` conv biases stay f32.
fn never_quantized(name: &str) -> bool {
    matches!(
        name,
        "encoder.conv1.bias"
            | "encoder.conv2.bias"
            | "encoder.positional_embedding"
            | "decoder.positional_embedding"
    )
}

/// Quantizes the ggml Whisper model at `input` into `output` (written as `output.partial`, then
/// renamed). Progress: one unit per tensor.
pub fn quantize_model(
    input: &Path,
    output: &Path,
    q: Quantization,
    progress: ProgressFn,
) -> Result<QuantizeSummary, QuantizeError> {
    let started = Instant::now();
    if input
        .canonicalize()
        .ok()
        .is_some_and(|a| output.canonicalize().ok() == Some(a))
    {
        return Err(QuantizeError::SamePath(output.to_path_buf()));
    }
    let layout = ggml::read_layout(input)?;
    if layout.header.is_quantized() || layout.header.ftype >= ggml::QNT_VERSION_FACTOR {
        return Err(QuantizeError::AlreadyQuantized {
            path: input.to_path_buf(),
            format: layout.header.weight_format(),
        });
    }
    let mut header = layout.header;
    header.ftype = q.header_ftype();

    let mut src = Cursor::open(input)?;
    let mut w = GgmlWriter::create(output)?;
    w.header(&header)?;
    // Filterbank and vocabulary are copied byte for byte: 4 bytes of magic + 11 hparams precede them.
    src.seek(4 + 11 * 4)?;
    let prelude = src.bytes(layout.tensors_offset - 48, "the filterbank and vocabulary")?;
    w.raw(&prelude)?;

    let total = layout.tensors.len() as u64;
    progress(Progress {
        stage: "quantize",
        done: 0,
        total: Some(total),
    });
    let mut tensors_quantized = 0;
    for (i, t) in layout.tensors.iter().enumerate() {
        src.seek(t.data_offset)?;
        let data = src.bytes(t.data_len, &format!("the data of tensor '{}'", t.name))?;
        let (ty, out) = convert_tensor(t, data, q)?;
        if ty == q.ggml_type() {
            tensors_quantized += 1;
        }
        w.tensor(&t.name, &t.ne, ty, &out)?;
        progress(Progress {
            stage: "quantize",
            done: i as u64 + 1,
            total: Some(total),
        });
    }
    let output_bytes = w.finish()?;
    let summary = QuantizeSummary {
        output: output.to_path_buf(),
        quantization: q,
        tensors_quantized,
        tensors_copied: layout.tensors.len() - tensors_quantized,
        input_bytes: layout.file_len,
        output_bytes,
        elapsed: started.elapsed(),
    };
    tracing::info!(
        input = %input.display(),
        output = %output.display(),
        quantization = %q,
        input_bytes = summary.input_bytes,
        output_bytes,
        "quantized model"
    );
    Ok(summary)
}

/// One tensor's new type and bytes.
fn convert_tensor(
    t: &TensorInfo,
    data: Vec<u8>,
    q: Quantization,
) -> Result<(u32, Vec<u8>), QuantizeError> {
    let float = matches!(t.ggml_type, ggml::TYPE_F32 | ggml::TYPE_F16);
    if float && t.ne.len() == 2 && !never_quantized(&t.name) {
        let values = ggml::to_f32(t.ggml_type, &data).expect("f32/f16 checked above");
        let n_per_row = t.ne[0];
        let out = crate::asr::convert::quant::quantize_rows(q, &values, n_per_row as usize).ok_or(
            QuantizeError::Unquantizable {
                name: t.name.clone(),
                n_per_row,
                quantization: q,
                block: q.block_size(),
            },
        )?;
        return Ok((q.ggml_type(), out));
    }
    if t.ggml_type == ggml::TYPE_F32 && t.ne.len() == 3 {
        // Conv kernels: whisper.cpp creates them as f16 in any non-f32 model, so an f32 input's
        // kernels must shrink to f16 or the quantized file would not load.
        let values = ggml::to_f32(t.ggml_type, &data).expect("f32 checked above");
        return Ok((ggml::TYPE_F16, le::f16_bytes(&le::f32_to_f16(&values))));
    }
    Ok((t.ggml_type, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(name: &str, ne: &[u64], ggml_type: u32) -> TensorInfo {
        TensorInfo {
            name: name.into(),
            ne: ne.to_vec(),
            ggml_type,
            data_offset: 0,
            data_len: 0,
        }
    }

    fn f32_data(n: usize) -> Vec<u8> {
        let v: Vec<f32> = (0..n).map(|i| (i as f32 * 0.1).cos()).collect();
        ggml::f32_bytes(&v)
    }

    #[test]
    fn quantizes_only_weight_matrices() {
        let q = Quantization::Q8_0;
        let (ty, out) = convert_tensor(
            &info(
                "encoder.blocks.0.attn.query.weight",
                &[64, 2],
                ggml::TYPE_F32,
            ),
            f32_data(128),
            q,
        )
        .unwrap();
        assert_eq!((ty, out.len()), (q.ggml_type(), 4 * 34));

        for (name, ne) in [
            ("encoder.positional_embedding", &[64u64, 3][..]),
            ("encoder.conv1.bias", &[1, 64][..]),
            ("decoder.ln.weight", &[64][..]),
        ] {
            let n = ne.iter().product::<u64>() as usize;
            let data = f32_data(n);
            let (ty, out) =
                convert_tensor(&info(name, ne, ggml::TYPE_F32), data.clone(), q).unwrap();
            assert_eq!(
                (ty, &out),
                (ggml::TYPE_F32, &data),
                "{name} must be copied unchanged"
            );
        }
    }

    #[test]
    fn f32_conv_kernels_become_f16() {
        let (ty, out) = convert_tensor(
            &info("encoder.conv1.weight", &[3, 4, 2], ggml::TYPE_F32),
            f32_data(24),
            Quantization::Q5_1,
        )
        .unwrap();
        assert_eq!((ty, out.len()), (ggml::TYPE_F16, 48));
    }

    #[test]
    fn unaligned_rows_are_an_error_not_an_abort() {
        let err = convert_tensor(
            &info("decoder.blocks.0.mlp.0.weight", &[48, 2], ggml::TYPE_F32),
            f32_data(96),
            Quantization::Q4_0,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "tensor 'decoder.blocks.0.mlp.0.weight' has rows of 48 values, not a multiple of q4_0's 32-value blocks"
        );
    }
}
