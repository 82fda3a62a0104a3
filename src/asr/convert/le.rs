//! Bulk little-endian conversion between tensor bytes and f16/f32 values.
//!
//! Models hold tens of millions of values; a per-element decode loop is fine in release builds but
//! takes seconds in the unoptimised test builds, so these copy memory wholesale (on little-endian
//! hosts, which is every platform Rehearse ships on) and leave f16↔f32 to ggml's row converters,
//! which are optimised C even in a debug build (the `half` crate's slice methods are inlined
//! into this crate and so run unoptimised there).

use std::mem::size_of;

use half::f16;
use whisper_rs::whisper_rs_sys as sys;

/// Plain numbers for which every bit pattern is a valid value.
trait Plain: Copy {
    const ZERO: Self;
    fn swap_from_le(self) -> Self;
}

impl Plain for f32 {
    const ZERO: Self = 0.0;
    fn swap_from_le(self) -> Self {
        f32::from_bits(u32::from_le(self.to_bits()))
    }
}

impl Plain for f16 {
    const ZERO: Self = f16::ZERO;
    fn swap_from_le(self) -> Self {
        f16::from_bits(u16::from_le(self.to_bits()))
    }
}

fn from_le<T: Plain>(bytes: &[u8]) -> Vec<T> {
    let n = bytes.len() / size_of::<T>();
    let mut out = vec![T::ZERO; n];
    // SAFETY: `out` owns n·size_of::<T>() writable bytes, the source has at least that many, the
    // two don't overlap, and any bit pattern is a valid T (f16/f32, see `Plain`).
    unsafe {
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            out.as_mut_ptr().cast::<u8>(),
            n * size_of::<T>(),
        );
    }
    if cfg!(target_endian = "big") {
        out.iter_mut().for_each(|v| *v = v.swap_from_le());
    }
    out
}

fn to_le<T: Plain>(values: &[T]) -> Vec<u8> {
    let owned;
    let values = if cfg!(target_endian = "big") {
        // from_le is its own inverse: it swaps the bytes on big-endian hosts.
        owned = values.iter().map(|v| v.swap_from_le()).collect::<Vec<T>>();
        &owned[..]
    } else {
        values
    };
    // SAFETY: viewing initialised f16/f32 memory as bytes is always valid.
    unsafe {
        std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), std::mem::size_of_val(values))
    }
    .to_vec()
}

pub fn f16s(bytes: &[u8]) -> Vec<f16> {
    from_le(bytes)
}

pub fn f32s(bytes: &[u8]) -> Vec<f32> {
    from_le(bytes)
}

pub fn f16_to_f32(values: &[f16]) -> Vec<f32> {
    let mut out = vec![0f32; values.len()];
    // SAFETY: f16 is a transparent u16 (ggml_fp16_t) with the same IEEE half layout, and both
    // buffers hold exactly values.len() elements.
    unsafe {
        sys::ggml_fp16_to_fp32_row(
            values.as_ptr().cast(),
            out.as_mut_ptr(),
            values.len() as i64,
        )
    };
    out
}

pub fn f32_to_f16(values: &[f32]) -> Vec<f16> {
    let mut out = vec![f16::ZERO; values.len()];
    // SAFETY: as above, in the other direction.
    unsafe {
        sys::ggml_fp32_to_fp16_row(
            values.as_ptr(),
            out.as_mut_ptr().cast(),
            values.len() as i64,
        )
    };
    out
}

pub fn f32_bytes(values: &[f32]) -> Vec<u8> {
    to_le(values)
}

pub fn f16_bytes(values: &[f16]) -> Vec<u8> {
    to_le(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_bytes() {
        let v = [1.5f32, -0.25, 65504.0, f32::MIN_POSITIVE];
        let b = f32_bytes(&v);
        assert_eq!(&b[..4], &1.5f32.to_le_bytes());
        assert_eq!(f32s(&b), v);
        let h = f32_to_f16(&v[..3]);
        assert_eq!(f16_bytes(&h)[..2], f16::from_f32(1.5).to_le_bytes());
        assert_eq!(f16_to_f32(&f16s(&f16_bytes(&h))), [1.5, -0.25, 65504.0]);
    }
}
