//! Fundamental frequency (F0) per frame with a voicing decision, by YIN
//! (de Cheveigné & Kawahara, "YIN, a fundamental frequency estimator for speech and music",
//! JASA 111(4), 2002).
//!
//! The difference function is computed through an FFT cross-correlation, so a frame costs
//! O(N log N) rather than O(W·τmax); a 30-minute answer is analysed in seconds.

use std::sync::Arc;

use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use serde::{Deserialize, Serialize};

/// Tuning of the pitch tracker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PitchSettings {
    /// Lowest F0 searched, Hz. 60 Hz covers low and creaky male voices.
    pub min_hz: f32,
    /// Highest F0 searched, Hz. 500 Hz covers high female and excited voices.
    pub max_hz: f32,
    /// Integration window, seconds (the paper uses 25 ms).
    pub window_s: f64,
    /// YIN's absolute threshold on the cumulative mean normalised difference. The paper reports
    /// 0.1 for clean speech; 0.2 keeps breathy and noisy voiced frames without admitting
    /// fricatives, whose minimum stays well above 0.4.
    pub threshold: f32,
}

impl Default for PitchSettings {
    fn default() -> Self {
        Self {
            min_hz: 60.0,
            max_hz: 500.0,
            window_s: 0.025,
            threshold: 0.2,
        }
    }
}

/// One frame's estimate. `f0_hz` is `None` for unvoiced or silent frames.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PitchFrame {
    pub f0_hz: Option<f32>,
    /// The normalised difference at the chosen period: 0 for a perfectly periodic frame.
    pub aperiodicity: f32,
}

/// A pitch track at a fixed hop.
#[derive(Debug, Clone, PartialEq)]
pub struct PitchTrack {
    pub hop_s: f64,
    pub frames: Vec<PitchFrame>,
}

impl PitchTrack {
    /// F0 of voiced frames, in frame order.
    pub fn voiced_hz(&self) -> impl Iterator<Item = f32> + '_ {
        self.frames.iter().filter_map(|f| f.f0_hz)
    }
}

/// Interval from `reference_hz` to `f_hz` in semitones (positive when higher).
pub fn semitones(f_hz: f32, reference_hz: f32) -> f32 {
    12.0 * (f_hz / reference_hz).log2()
}

/// A reusable YIN estimator: holds FFT plans and buffers so tracking allocates nothing per frame.
pub struct Yin {
    sample_rate: u32,
    window: usize,
    tau_min: usize,
    tau_max: usize,
    threshold: f32,
    forward: Arc<dyn RealToComplex<f32>>,
    inverse: Arc<dyn ComplexToReal<f32>>,
    frame: Vec<f32>,
    scratch: Vec<f32>,
    spec_a: Vec<Complex<f32>>,
    spec_b: Vec<Complex<f32>>,
    corr: Vec<f32>,
    cmnd: Vec<f32>,
}

impl Yin {
    pub fn new(sample_rate: u32, settings: &PitchSettings) -> Self {
        let sr = sample_rate as f32;
        let window = ((settings.window_s * sample_rate as f64).round() as usize).max(8);
        let tau_min = ((sr / settings.max_hz).floor() as usize).max(2);
        let tau_max = ((sr / settings.min_hz).ceil() as usize).max(tau_min + 2);
        let n = (window + tau_max + 1).next_power_of_two();
        let mut planner = RealFftPlanner::<f32>::new();
        let forward = planner.plan_fft_forward(n);
        let inverse = planner.plan_fft_inverse(n);
        Self {
            sample_rate,
            window,
            tau_min,
            tau_max,
            threshold: settings.threshold,
            frame: vec![0.0; window + tau_max + 1],
            scratch: forward.make_input_vec(),
            spec_a: forward.make_output_vec(),
            spec_b: forward.make_output_vec(),
            corr: inverse.make_output_vec(),
            cmnd: vec![0.0; tau_max + 2],
            forward,
            inverse,
        }
    }

    /// Samples one estimate looks at: the window plus the longest period searched.
    pub fn span(&self) -> usize {
        self.window + self.tau_max + 1
    }

    /// Estimates F0 of `frame` (at least [`Yin::span`] samples; shorter input is zero-padded).
    pub fn estimate(&mut self, frame: &[f32]) -> PitchFrame {
        let n = self.scratch.len();
        let w = self.window;
        self.frame.iter_mut().for_each(|v| *v = 0.0);
        let m = frame.len().min(self.frame.len());
        self.frame[..m].copy_from_slice(&frame[..m]);

        let e0: f32 = self.frame[..w].iter().map(|x| x * x).sum();
        if e0 <= 1e-9 {
            return PitchFrame {
                f0_hz: None,
                aperiodicity: 1.0,
            };
        }
        // r(τ) = Σ_{j<W} x_j x_{j+τ} as the inverse FFT of conj(FFT(window))·FFT(frame); the
        // transform is long enough that no lag up to τmax wraps around. Buffer sizes are fixed
        // at construction, so the transforms cannot fail.
        self.scratch.iter_mut().for_each(|v| *v = 0.0);
        self.scratch[..w].copy_from_slice(&self.frame[..w]);
        self.forward
            .process(&mut self.scratch, &mut self.spec_a)
            .expect("fft sizes fixed at construction");
        self.scratch.iter_mut().for_each(|v| *v = 0.0);
        self.scratch[..self.frame.len()].copy_from_slice(&self.frame);
        self.forward
            .process(&mut self.scratch, &mut self.spec_b)
            .expect("fft sizes fixed at construction");
        for (x, y) in self.spec_a.iter_mut().zip(&self.spec_b) {
            *x = x.conj() * y;
        }
        // DC and Nyquist bins of a real signal's cross-spectrum are real.
        self.spec_a[0].im = 0.0;
        if let Some(last) = self.spec_a.last_mut() {
            last.im = 0.0;
        }
        self.inverse
            .process(&mut self.spec_a, &mut self.corr)
            .expect("fft sizes fixed at construction");
        let scale = 1.0 / n as f32;

        // d(τ) = e0 + eτ − 2 r(τ), with eτ slid along the frame; then the cumulative mean
        // normalised difference d'(τ).
        let x = &self.frame;
        let mut e_tau = e0;
        let mut running = 0.0f32;
        self.cmnd[0] = 1.0;
        for tau in 1..=self.tau_max {
            e_tau += x[tau + w - 1] * x[tau + w - 1] - x[tau - 1] * x[tau - 1];
            let d = (e0 + e_tau.max(0.0) - 2.0 * self.corr[tau] * scale).max(0.0);
            running += d;
            self.cmnd[tau] = if running > 0.0 {
                d * tau as f32 / running
            } else {
                1.0
            };
        }

        let cm = &self.cmnd;
        let mut best = None;
        let mut tau = self.tau_min;
        while tau < self.tau_max {
            if cm[tau] < self.threshold {
                while tau + 1 < self.tau_max && cm[tau + 1] < cm[tau] {
                    tau += 1;
                }
                best = Some(tau);
                break;
            }
            tau += 1;
        }
        let Some(tau) = best else {
            let min = cm[self.tau_min..=self.tau_max]
                .iter()
                .cloned()
                .fold(f32::INFINITY, f32::min);
            return PitchFrame {
                f0_hz: None,
                aperiodicity: min,
            };
        };
        // Parabolic interpolation of the dip for sub-sample period accuracy.
        let (l, c, r) = (cm[tau - 1], cm[tau], cm[tau + 1]);
        let denom = l - 2.0 * c + r;
        let shift = if denom.abs() > 1e-9 {
            (0.5 * (l - r) / denom).clamp(-0.5, 0.5)
        } else {
            0.0
        };
        PitchFrame {
            f0_hz: Some(self.sample_rate as f32 / (tau as f32 + shift)),
            aperiodicity: c,
        }
    }
}

/// Rates above this are low-passed and halved before YIN: F0 and the harmonics that fix it
/// lie far below 4 kHz, and half the samples halve the transform (speech at 16 kHz is
/// analysed at 8 kHz).
const DECIMATE_ABOVE: u32 = 11_025;
/// Half-length of the anti-alias filter, taps each side of the centre.
const FIR_HALF: usize = 8;

/// Windowed-sinc low-pass at a quarter of the input rate (half the decimated Nyquist rate is
/// plenty for pitch and keeps the filter short).
fn half_band() -> Vec<f32> {
    (0..=2 * FIR_HALF)
        .map(|k| {
            let n = k as f32 - FIR_HALF as f32;
            let sinc = if n == 0.0 {
                1.0
            } else {
                let x = std::f32::consts::PI * n * 0.5;
                x.sin() / x
            };
            let hamming = 0.54 + 0.46 * (std::f32::consts::PI * n / (FIR_HALF as f32 + 1.0)).cos();
            0.5 * sinc * hamming
        })
        .collect()
}

/// Low-passes and halves the rate of `x`.
fn decimate(x: &[f32]) -> Vec<f32> {
    let fir = half_band();
    let n = x.len().div_ceil(2);
    let mut y = Vec::with_capacity(n);
    for m in 0..n {
        let centre = 2 * m;
        let mut acc = 0.0f32;
        if centre >= FIR_HALF && centre + FIR_HALF < x.len() {
            let window = &x[centre - FIR_HALF..=centre + FIR_HALF];
            for (h, v) in fir.iter().zip(window) {
                acc += h * v;
            }
        } else {
            for (t, h) in fir.iter().enumerate() {
                let j = centre as isize + t as isize - FIR_HALF as isize;
                if j >= 0 && (j as usize) < x.len() {
                    acc += h * x[j as usize];
                }
            }
        }
        y.push(acc);
    }
    y
}

/// Tracks F0 at `hop_s` over `samples`. Frame `i` is centred on the middle of
/// `[i·hop, (i+1)·hop)`, so it lines up with the voice activity frames of the same hop.
/// Frames where `active` is false (e.g. silence) are skipped and reported unvoiced. Above
/// 11 kHz a half-rate copy of `samples` is made: pass long recordings in blocks.
pub fn track(
    samples: &[f32],
    sample_rate: u32,
    hop_s: f64,
    settings: &PitchSettings,
    active: Option<&[bool]>,
) -> PitchTrack {
    let hop = ((hop_s * sample_rate as f64).round() as usize).max(1);
    let n_frames = samples.len().div_ceil(hop);
    let factor = if sample_rate > DECIMATE_ABOVE { 2 } else { 1 };
    let decimated;
    let x: &[f32] = if factor == 2 {
        decimated = decimate(samples);
        &decimated
    } else {
        samples
    };
    let mut yin = Yin::new(sample_rate / factor as u32, settings);
    let span = yin.span();
    let mut buf = vec![0.0f32; span];
    let mut frames = Vec::with_capacity(n_frames);
    for i in 0..n_frames {
        if active.is_some_and(|a| !a.get(i).copied().unwrap_or(false)) {
            frames.push(PitchFrame {
                f0_hz: None,
                aperiodicity: 1.0,
            });
            continue;
        }
        let centre = ((i * hop + hop / 2) / factor) as isize;
        let start = centre - (span / 2) as isize;
        if start >= 0 && start as usize + span <= x.len() {
            buf.copy_from_slice(&x[start as usize..start as usize + span]);
        } else {
            for (k, v) in buf.iter_mut().enumerate() {
                let j = start + k as isize;
                *v = if j >= 0 && (j as usize) < x.len() {
                    x[j as usize]
                } else {
                    0.0
                };
            }
        }
        frames.push(yin.estimate(&buf));
    }
    PitchTrack {
        hop_s: hop as f64 / sample_rate as f64,
        frames,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SR: u32 = 16_000;

    /// A glottal-pulse-like tone: harmonics with falling amplitude, like a voiced vowel.
    fn voiced(hz: f32, secs: f64) -> Vec<f32> {
        (0..(secs * SR as f64) as usize)
            .map(|i| {
                let t = i as f32 / SR as f32;
                (1..=8)
                    .map(|h| (2.0 * std::f32::consts::PI * hz * h as f32 * t).sin() / h as f32)
                    .sum::<f32>()
                    * 0.2
            })
            .collect()
    }

    #[test]
    fn finds_f0_of_harmonic_tones_across_the_range() {
        for hz in [65.0f32, 98.0, 140.0, 220.0, 310.0, 440.0] {
            let x = voiced(hz, 0.3);
            let t = track(&x, SR, 0.01, &PitchSettings::default(), None);
            let mid: Vec<f32> = t.frames[5..25].iter().filter_map(|f| f.f0_hz).collect();
            assert_eq!(mid.len(), 20, "{hz} Hz: all middle frames voiced");
            for f in mid {
                assert!(semitones(f, hz).abs() < 0.15, "{hz} Hz estimated as {f}");
            }
        }
    }

    #[test]
    fn noise_and_silence_are_unvoiced() {
        let mut s = 12345u64;
        let noise: Vec<f32> = (0..SR as usize)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                (s >> 40) as f32 / (1u64 << 24) as f32 - 0.5
            })
            .collect();
        let t = track(&noise, SR, 0.01, &PitchSettings::default(), None);
        let voiced = t.voiced_hz().count();
        assert!(
            voiced <= 2,
            "{voiced} of {} noise frames voiced",
            t.frames.len()
        );
        let t = track(&vec![0.0; 8000], SR, 0.01, &PitchSettings::default(), None);
        assert_eq!(t.voiced_hz().count(), 0);
        assert_eq!(t.frames.len(), 50);
    }

    #[test]
    fn follows_a_glide_and_skips_inactive_frames() {
        // 150 Hz rising to 300 Hz (one octave) over one second.
        let x: Vec<f32> = {
            let mut phase = 0.0f32;
            (0..SR as usize)
                .map(|i| {
                    let f = 150.0 * 2f32.powf(i as f32 / SR as f32);
                    phase += 2.0 * std::f32::consts::PI * f / SR as f32;
                    0.3 * phase.sin() + 0.1 * (2.0 * phase).sin()
                })
                .collect()
        };
        let active: Vec<bool> = (0..100).map(|i| i < 50).collect();
        let t = track(&x, SR, 0.01, &PitchSettings::default(), Some(&active));
        let f20 = t.frames[20].f0_hz.expect("voiced");
        let expected = 150.0 * 2f32.powf(0.205);
        assert!(semitones(f20, expected).abs() < 0.3, "{f20} vs {expected}");
        assert!(t.frames[60..].iter().all(|f| f.f0_hz.is_none()));
    }
}
