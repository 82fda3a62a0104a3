//! Block quantization of weight matrices through ggml's own `ggml_quantize_chunk`, so the
//! bytes are exactly what whisper.cpp's dequantization kernels expect.
//!
//! Lives beside the ggml writer (not in `asr::quantize`) so that both the CT2 converter and the
//! ggml→ggml quantizer can use it without the two modules depending on each other.

use std::fmt;
use std::str::FromStr;

use whisper_rs::whisper_rs_sys as sys;

use super::ggml::QNT_VERSION;
use super::ggml::QNT_VERSION_FACTOR;

/// The quantized weight formats Rehearse offers.
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantization {
    /// 5-bit with per-block scale and minimum: about a third of f16's size, near-f16 accuracy.
    Q5_1,
    /// 8-bit with per-block scale: half of f16, practically lossless.
    Q8_0,
    /// 4-bit with per-block scale: smallest, noticeably less accurate on small models.
    Q4_0,
}

impl Quantization {
    pub const ALL: [Quantization; 3] = [Self::Q5_1, Self::Q8_0, Self::Q4_0];

    pub fn name(self) -> &'static str {
        match self {
            Self::Q5_1 => "q5_1",
            Self::Q8_0 => "q8_0",
            Self::Q4_0 => "q4_0",
        }
    }

    /// The tensor type (`ggml_type`) of quantized weights.
    pub fn ggml_type(self) -> u32 {
        match self {
            Self::Q5_1 => sys::ggml_type_GGML_TYPE_Q5_1,
            Self::Q8_0 => sys::ggml_type_GGML_TYPE_Q8_0,
            Self::Q4_0 => sys::ggml_type_GGML_TYPE_Q4_0,
        }
    }

    /// The whole-model `ggml_ftype` (a different numbering from `ggml_type`).
    pub fn ggml_ftype(self) -> i32 {
        match self {
            Self::Q5_1 => sys::ggml_ftype_GGML_FTYPE_MOSTLY_Q5_1,
            Self::Q8_0 => sys::ggml_ftype_GGML_FTYPE_MOSTLY_Q8_0,
            Self::Q4_0 => sys::ggml_ftype_GGML_FTYPE_MOSTLY_Q4_0,
        }
    }

    /// The header's ftype for a model quantized this way, as whisper.cpp's quantize writes it.
    pub fn header_ftype(self) -> i32 {
        QNT_VERSION * QNT_VERSION_FACTOR + self.ggml_ftype()
    }

    /// Values per quantization block; a row length must be a multiple of it.
    pub fn block_size(self) -> usize {
        // SAFETY: a table lookup in ggml for a valid type.
        unsafe { sys::ggml_blck_size(self.ggml_type()) as usize }
    }
}

impl fmt::Display for Quantization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown quantization {0:?}: expected one of q5_1, q8_0, q4_0")]
pub struct UnknownQuantization(pub String);

impl FromStr for Quantization {
    type Err = UnknownQuantization;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|q| q.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownQuantization(s.to_owned()))
    }
}

/// Quantizes a row-major matrix of `values.len() / n_per_row` rows. Returns `None` when the rows
/// don't split into whole blocks (ggml would abort the process on that).
pub fn quantize_rows(q: Quantization, values: &[f32], n_per_row: usize) -> Option<Vec<u8>> {
    let block = q.block_size();
    if n_per_row == 0 || n_per_row % block != 0 || values.len() % n_per_row != 0 {
        return None;
    }
    let n_rows = values.len() / n_per_row;
    let ty = q.ggml_type();
    // SAFETY: `ggml_row_size` is a pure computation for a valid type.
    let row_size = unsafe { sys::ggml_row_size(ty, n_per_row as i64) };
    let mut out = vec![0u8; row_size * n_rows];
    // SAFETY: `values` holds n_rows × n_per_row floats and `out` exactly n_rows × row_size bytes,
    // the sizes ggml reads and writes; the row length is block-aligned (checked above) and these
    // types need no importance matrix, so ggml's asserts cannot fire.
    let written = unsafe {
        sys::ggml_quantize_chunk(
            ty,
            values.as_ptr(),
            out.as_mut_ptr().cast(),
            0,
            n_rows as i64,
            n_per_row as i64,
            std::ptr::null(),
        )
    };
    debug_assert_eq!(written, out.len());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_names() {
        for q in Quantization::ALL {
            assert_eq!(q.to_string().parse::<Quantization>().unwrap(), q);
        }
        assert_eq!("Q5_1".parse::<Quantization>().unwrap(), Quantization::Q5_1);
        let err = "q3".parse::<Quantization>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown quantization \"q3\": expected one of q5_1, q8_0, q4_0"
        );
    }

    #[test]
    fn header_ftypes_match_whisper_cpp_quantize() {
        assert_eq!(Quantization::Q4_0.header_ftype(), 2002);
        assert_eq!(Quantization::Q8_0.header_ftype(), 2007);
        assert_eq!(Quantization::Q5_1.header_ftype(), 2009);
    }

    #[test]
    fn quantized_sizes_follow_block_layout() {
        let values: Vec<f32> = (0..64 * 3).map(|i| (i as f32 * 0.37).sin()).collect();
        // Per 32 values: q8_0 = 2-byte scale + 32 bytes; q5_1 = 2+2+4+16; q4_0 = 2+16.
        let sizes: Vec<usize> = Quantization::ALL
            .iter()
            .map(|&q| quantize_rows(q, &values, 64).unwrap().len())
            .collect();
        assert_eq!(sizes, [6 * 24, 6 * 34, 6 * 18]);
        assert!(quantize_rows(Quantization::Q8_0, &values, 48).is_none());
    }

    #[test]
    fn q8_0_round_trips_closely() {
        let values: Vec<f32> = (0..32).map(|i| i as f32 / 8.0 - 2.0).collect();
        let q = quantize_rows(Quantization::Q8_0, &values, 32).unwrap();
        // q8_0 block: f16 scale d = max|x| / 127, then 32 signed bytes x/d.
        let d = half::f16::from_le_bytes([q[0], q[1]]).to_f32();
        assert!((d - 2.0 / 127.0).abs() < 1e-4, "scale {d}");
        for (i, &v) in values.iter().enumerate() {
            let back = q[2 + i] as i8 as f32 * d;
            assert!((back - v).abs() <= d, "value {i}: {v} came back as {back}");
        }
    }
}
