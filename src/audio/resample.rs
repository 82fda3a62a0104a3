//! Sample-rate conversion to 16 kHz with rubato.
//!
//! Rates with a small ratio to 16 kHz (8, 11.025, 22.05, 32, 44.1, 48, 96 kHz…) use rubato's
//! synchronous FFT resampler, which is exact for the ratio and cheap. Odd rates whose ratio
//! would need an enormous FFT (e.g. 44 101 Hz) fall back to windowed-sinc interpolation.
//! Both remove the resampler's start-up delay, so output sample `n` lines up with input time
//! `n / 16000` s and a clip of `len` frames becomes `ceil(len * 16000 / rate)` frames.

use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{
    Async, Fft, FixedAsync, FixedSync, Indexing, Resampler, SincInterpolationParameters,
    WindowFunction,
};

use super::wav::{AudioError, TARGET_RATE};

/// Input frames per FFT chunk; about 21 ms at 48 kHz keeps live latency low.
const CHUNK: usize = 1024;
/// Above this many input frames per exact-ratio period the FFT would get too large.
const MAX_FFT_PERIOD: usize = 2048;

/// Resamples a whole clip of mono audio at `from_rate` to 16 kHz.
pub fn to_16k(samples: &[f32], from_rate: u32) -> Result<Vec<f32>, AudioError> {
    let mut r = StreamResampler::new(from_rate)?;
    let mut out = r.process(samples)?;
    out.extend(r.finish()?);
    Ok(out)
}

/// A streaming mono resampler to 16 kHz: push chunks of any size, get what is ready.
pub struct StreamResampler {
    from_rate: u32,
    /// `None` when the input is already at 16 kHz.
    inner: Option<Box<dyn Resampler<f32>>>,
    pending: Vec<f32>,
    out_buf: Vec<f32>,
    /// Start-up delay frames still to drop from the front of the output.
    to_trim: usize,
    frames_in: u64,
    frames_out: u64,
}

impl std::fmt::Debug for StreamResampler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamResampler")
            .field("from_rate", &self.from_rate)
            .field("frames_in", &self.frames_in)
            .field("frames_out", &self.frames_out)
            .finish()
    }
}

impl StreamResampler {
    pub fn new(from_rate: u32) -> Result<Self, AudioError> {
        let err = |reason: String| AudioError::Resample {
            from: from_rate,
            to: TARGET_RATE,
            reason,
        };
        if from_rate == 0 {
            return Err(err("the input rate is 0 Hz".into()));
        }
        let inner: Option<Box<dyn Resampler<f32>>> = if from_rate == TARGET_RATE {
            None
        } else {
            let (fin, fout) = (from_rate as usize, TARGET_RATE as usize);
            let period = fin / gcd(fin, fout);
            if period <= MAX_FFT_PERIOD {
                let r = Fft::<f32>::new(fin, fout, CHUNK.max(period), 1, FixedSync::Input)
                    .map_err(|e| err(e.to_string()))?;
                Some(Box::new(r))
            } else {
                let params = SincInterpolationParameters::new(256, WindowFunction::BlackmanHarris2);
                let r = Async::<f32>::new_sinc(
                    fout as f64 / fin as f64,
                    1.0,
                    &params,
                    CHUNK,
                    1,
                    FixedAsync::Input,
                )
                .map_err(|e| err(e.to_string()))?;
                Some(Box::new(r))
            }
        };
        let (to_trim, out_len) = match &inner {
            Some(r) => (r.output_delay(), r.output_frames_max()),
            None => (0, 0),
        };
        Ok(Self {
            from_rate,
            inner,
            pending: Vec::new(),
            out_buf: vec![0.0; out_len],
            to_trim,
            frames_in: 0,
            frames_out: 0,
        })
    }

    pub fn from_rate(&self) -> u32 {
        self.from_rate
    }

    /// Adds input; returns the 16 kHz output that became ready (possibly empty).
    pub fn process(&mut self, input: &[f32]) -> Result<Vec<f32>, AudioError> {
        let mut out = Vec::new();
        self.process_into(input, &mut out)?;
        Ok(out)
    }

    /// Like [`process`](Self::process) but appends to `out`, so a caller can reuse one buffer.
    pub fn process_into(&mut self, input: &[f32], out: &mut Vec<f32>) -> Result<(), AudioError> {
        self.frames_in += input.len() as u64;
        if self.inner.is_none() {
            out.extend_from_slice(input);
            self.frames_out += input.len() as u64;
            return Ok(());
        }
        self.pending.extend_from_slice(input);
        let mut used = 0;
        loop {
            let need = self.inner.as_ref().map_or(0, |r| r.input_frames_next());
            if self.pending.len() - used < need {
                break;
            }
            used += self.run_chunk(used, None, out)?;
        }
        self.pending.drain(..used);
        Ok(())
    }

    /// Ends the stream: pushes the held-back tail through and returns the last output, so the
    /// total output is `ceil(frames_in * 16000 / from_rate)` frames.
    pub fn finish(mut self) -> Result<Vec<f32>, AudioError> {
        self.flush()
    }

    /// Like [`finish`](Self::finish), but leaves the resampler ready for a new stream.
    pub fn flush(&mut self) -> Result<Vec<f32>, AudioError> {
        let mut out = Vec::new();
        if self.inner.is_some() {
            let expected =
                (self.frames_in * u64::from(TARGET_RATE)).div_ceil(u64::from(self.from_rate));
            let left = self.pending.len();
            if left > 0 {
                self.run_chunk(0, Some(left), &mut out)?;
                self.pending.clear();
            }
            while self.frames_out < expected {
                let before = self.frames_out;
                self.run_chunk(0, Some(0), &mut out)?;
                if self.frames_out == before && self.to_trim == 0 {
                    break;
                }
            }
            let surplus = (self.frames_out.saturating_sub(expected)) as usize;
            out.truncate(out.len() - surplus.min(out.len()));
        }
        if let Some(r) = self.inner.as_mut() {
            r.reset();
            self.to_trim = r.output_delay();
        }
        self.frames_in = 0;
        self.frames_out = 0;
        Ok(out)
    }

    /// Runs one resampler chunk starting at `pending[offset]`; returns input frames consumed.
    fn run_chunk(
        &mut self,
        offset: usize,
        partial: Option<usize>,
        out: &mut Vec<f32>,
    ) -> Result<usize, AudioError> {
        let Some(r) = self.inner.as_mut() else {
            return Ok(0);
        };
        let need = r.input_frames_next();
        let zeros;
        // rubato wants a buffer of a full chunk even for a partial one.
        let src: &[f32] = if partial.is_some() {
            zeros = {
                let mut z = vec![0.0f32; need];
                let avail = &self.pending[offset..];
                let n = avail.len().min(need);
                z[..n].copy_from_slice(&avail[..n]);
                z
            };
            &zeros
        } else {
            &self.pending[offset..offset + need]
        };
        let err = |reason: String| AudioError::Resample {
            from: self.from_rate,
            to: TARGET_RATE,
            reason,
        };
        let input = InterleavedSlice::new(src, 1, need).map_err(|e| err(e.to_string()))?;
        let out_len = self.out_buf.len();
        let mut output = InterleavedSlice::new_mut(&mut self.out_buf, 1, out_len)
            .map_err(|e| err(e.to_string()))?;
        let indexing = partial.map(|n| Indexing::new().partial_len(n));
        let (consumed, produced) = r
            .process_into_buffer(&input, &mut output, indexing.as_ref())
            .map_err(|e| err(e.to_string()))?;
        let skip = self.to_trim.min(produced);
        self.to_trim -= skip;
        out.extend_from_slice(&self.out_buf[skip..produced]);
        self.frames_out += (produced - skip) as u64;
        Ok(consumed)
    }
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(rate: u32, hz: f64, secs: f64) -> Vec<f32> {
        let n = (f64::from(rate) * secs) as usize;
        (0..n)
            .map(|i| {
                (0.5 * (2.0 * std::f64::consts::PI * hz * i as f64 / f64::from(rate)).sin()) as f32
            })
            .collect()
    }

    #[test]
    fn lengths_follow_the_ratio_for_common_and_odd_rates() {
        for rate in [
            8_000, 11_025, 22_050, 44_100, 48_000, 96_000, 44_101, 16_000,
        ] {
            let input = sine(rate, 440.0, 1.3);
            let out = to_16k(&input, rate).unwrap();
            let expected = (input.len() as u64 * 16_000).div_ceil(u64::from(rate)) as usize;
            assert_eq!(out.len(), expected, "rate {rate}");
        }
    }

    #[test]
    fn streaming_in_ragged_chunks_matches_one_shot() {
        let input = sine(44_100, 330.0, 2.0);
        let whole = to_16k(&input, 44_100).unwrap();
        let mut r = StreamResampler::new(44_100).unwrap();
        let mut streamed = Vec::new();
        let mut i = 0;
        let mut step = 1;
        while i < input.len() {
            let end = (i + step).min(input.len());
            streamed.extend(r.process(&input[i..end]).unwrap());
            i = end;
            step = step * 7 % 1999 + 1;
        }
        streamed.extend(r.finish().unwrap());
        assert_eq!(streamed.len(), whole.len());
        let max_diff = whole
            .iter()
            .zip(&streamed)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        assert!(max_diff < 1e-4, "max difference {max_diff}");
    }

    #[test]
    fn delay_is_trimmed_so_an_impulse_stays_in_place() {
        let mut input = vec![0.0f32; 48_000];
        input[24_000] = 1.0;
        let out = to_16k(&input, 48_000).unwrap();
        let peak = out
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
            .unwrap()
            .0;
        assert!((peak as i64 - 8_000).abs() <= 1, "impulse moved to {peak}");
    }

    #[test]
    fn zero_rate_is_rejected() {
        assert!(matches!(
            StreamResampler::new(0),
            Err(AudioError::Resample { from: 0, .. })
        ));
    }
}
