//! Filled pauses heard in the audio: voiced stretches held on one note with an unchanging
//! spectrum (a held vowel or hum, ~0.2–1.5 s). Whisper drops many "um"s even with decoding
//! that tries to keep them, and times the ones it keeps loosely; these candidates give the
//! kept ones their true times and stand for the dropped ones.

use std::sync::Arc;

use realfft::{RealFftPlanner, RealToComplex};

use super::features::{AudioFeatures, SAMPLE_RATE};
use super::DeliverySettings;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AcousticFiller {
    /// "um" (vowel into a hum), "mm" (a hum: "mm", "hmm") or "uh" (a held vowel: "uh", "er",
    /// "ah"); the audio cannot tell "uh" from "er" reliably.
    pub label: &'static str,
    pub start_s: f64,
    pub end_s: f64,
}

const FFT_LEN: usize = 512;
const BANDS: usize = 16;
/// Frames between the two spectra compared for spectral change (30 ms at 10 ms frames).
const FLUX_LAG: usize = 3;

/// Per-frame spectral summary: log band energies and the share of energy below 500 Hz.
struct Spectrum {
    bands_db: [f32; BANDS],
    low_share: f32,
}

struct Analyzer {
    fft: Arc<dyn RealToComplex<f32>>,
    input: Vec<f32>,
    output: Vec<realfft::num_complex::Complex<f32>>,
    window: Vec<f32>,
    /// FFT bin ranges of the bands, log-spaced from 100 Hz to 4 kHz.
    edges: Vec<(usize, usize)>,
}

impl Analyzer {
    fn new() -> Self {
        let fft = RealFftPlanner::<f32>::new().plan_fft_forward(FFT_LEN);
        let window = (0..FFT_LEN)
            .map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / FFT_LEN as f32).cos())
            .collect();
        let bin_hz = SAMPLE_RATE as f32 / FFT_LEN as f32;
        let edge = |k: usize| 100.0 * (40f32).powf(k as f32 / BANDS as f32);
        let edges = (0..BANDS)
            .map(|k| {
                let a = (edge(k) / bin_hz).round() as usize;
                let b = ((edge(k + 1) / bin_hz).round() as usize).max(a + 1);
                (a, b)
            })
            .collect();
        Self {
            input: fft.make_input_vec(),
            output: fft.make_output_vec(),
            fft,
            window,
            edges,
        }
    }

    /// The spectrum of the window centred on frame `i`.
    fn at(&mut self, samples: &[f32], frame: usize, hop: usize) -> Spectrum {
        let centre = frame * hop + hop / 2;
        let start = centre as isize - (FFT_LEN / 2) as isize;
        for (k, v) in self.input.iter_mut().enumerate() {
            let j = start + k as isize;
            let x = if j >= 0 && (j as usize) < samples.len() {
                samples[j as usize]
            } else {
                0.0
            };
            *v = x * self.window[k];
        }
        self.fft
            .process(&mut self.input, &mut self.output)
            .expect("fft sizes fixed at construction");
        let power: Vec<f32> = self.output.iter().map(|c| c.norm_sqr()).collect();
        let mut bands_db = [0f32; BANDS];
        for (b, &(lo, hi)) in self.edges.iter().enumerate() {
            let e = power[lo..hi].iter().sum::<f32>() / (hi - lo) as f32;
            bands_db[b] = 10.0 * e.max(1e-12).log10();
        }
        // Bands more than 50 dB under the strongest are noise; flooring them keeps their
        // random swings out of the spectral change.
        let top = bands_db.iter().cloned().fold(f32::MIN, f32::max);
        bands_db.iter_mut().for_each(|d| *d = d.max(top - 50.0));
        let bin = |hz: f32| (hz * FFT_LEN as f32 / SAMPLE_RATE as f32) as usize;
        let low: f32 = power[bin(60.0)..bin(500.0)].iter().sum();
        let all: f32 = power[bin(60.0)..bin(4000.0)].iter().sum();
        Spectrum {
            bands_db,
            low_share: if all > 0.0 { low / all } else { 0.0 },
        }
    }
}

/// Straight-line fit of `ys` (one per frame): slope per frame and residual standard deviation.
fn line_fit(ys: &[f32]) -> (f64, f64) {
    let n = ys.len() as f64;
    if n < 2.0 {
        return (0.0, 0.0);
    }
    let mx = (n - 1.0) / 2.0;
    let my = ys.iter().map(|&y| y as f64).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, &y) in ys.iter().enumerate() {
        sxy += (i as f64 - mx) * (y as f64 - my);
        sxx += (i as f64 - mx).powi(2);
    }
    let slope = sxy / sxx;
    let var = ys
        .iter()
        .enumerate()
        .map(|(i, &y)| (y as f64 - my - slope * (i as f64 - mx)).powi(2))
        .sum::<f64>()
        / n;
    (slope, var.sqrt())
}

/// Runs of voiced frames, bridging one-frame voicing dropouts.
fn voiced_runs(audio: &AudioFeatures) -> Vec<(usize, usize)> {
    let f = &audio.pitch.frames;
    let voiced = |i: usize| f.get(i).is_some_and(|p| p.f0_hz.is_some());
    let mut runs = Vec::new();
    let mut i = 0;
    while i < f.len() {
        if !voiced(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < f.len() && (voiced(i) || (voiced(i + 1) && i > start)) {
            i += 1;
        }
        runs.push((start, i));
    }
    runs
}

/// What one voiced run looks like, frame by frame.
struct RunFeatures {
    /// F0 in semitones against 100 Hz; frames with a voicing dropout copy their neighbour.
    st: Vec<f32>,
    /// Mean absolute change of the band levels against the frame `FLUX_LAG` earlier (dB).
    flux: Vec<f32>,
    /// Share of energy under 500 Hz.
    low: Vec<f32>,
}

/// Share of energy under 500 Hz above which a frame is a nasal hum (vowels stay under ~0.5).
const NASAL: f32 = 0.75;

fn run_features(
    audio: &AudioFeatures,
    analyzer: &mut Analyzer,
    start: usize,
    end: usize,
) -> RunFeatures {
    let hop = (audio.frame_s() * SAMPLE_RATE as f64).round() as usize;
    let mut st = Vec::with_capacity(end - start);
    let mut last = None;
    for i in start..end {
        let v = audio.pitch.frames[i]
            .f0_hz
            .map(|f| 12.0 * (f / 100.0).log2());
        let v = v.or(last).unwrap_or(0.0);
        last = Some(v);
        st.push(v);
    }
    let spectra: Vec<Spectrum> = (start..end)
        .map(|i| analyzer.at(audio.samples, i, hop))
        .collect();
    // Band levels averaged over three frames: a window holds only a few glottal periods, and
    // where it falls among them moves single-frame levels by a dB or two.
    let smooth: Vec<[f32; BANDS]> = (0..spectra.len())
        .map(|k| {
            let lo = k.saturating_sub(1);
            let hi = (k + 2).min(spectra.len());
            let mut out = [0f32; BANDS];
            for (b, o) in out.iter_mut().enumerate() {
                *o = spectra[lo..hi].iter().map(|s| s.bands_db[b]).sum::<f32>() / (hi - lo) as f32;
            }
            out
        })
        .collect();
    // Within the run only: the change from silence into the first frames is an onset.
    let flux = (0..smooth.len())
        .map(|k| {
            let prev = &smooth[k.saturating_sub(FLUX_LAG)];
            smooth[k]
                .iter()
                .zip(prev)
                .map(|(a, b)| (a - b).abs())
                .sum::<f32>()
                / BANDS as f32
        })
        .collect();
    RunFeatures {
        st,
        flux,
        low: spectra.iter().map(|s| s.low_share).collect(),
    }
}

/// Runs of spectrally stable frames (half-open, within the run), bridging one unstable frame.
fn stable_parts(flux: &[f32], max_flux: f64) -> Vec<(usize, usize)> {
    let ok = |k: usize| flux[k] as f64 <= max_flux;
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < flux.len() {
        if !ok(k) {
            k += 1;
            continue;
        }
        let a = k;
        while k < flux.len() && (ok(k) || (k + 1 < flux.len() && ok(k + 1) && k > a)) {
            k += 1;
        }
        parts.push((a, k));
    }
    parts
}

/// Shortest stable vowel before the change into a hum, and the hum itself (frames).
const MIN_VOWEL_FRAMES: usize = 6;
const MIN_HUM_FRAMES: usize = 6;
/// Longest spectral change between a vowel and its hum (frames).
const MAX_CHANGE_FRAMES: usize = 10;

/// Every held vowel or hum of filler length in the audio, whether or not a word was
/// recognised there; [`super::align`] decides which ones the transcript already accounts for.
///
/// Two shapes count: one stretch of unchanging spectrum (a held "uh", "er", "ah" or "mm"),
/// and a held vowel changing once, quickly, into a held hum ("um", "hmm"). Either must stay on
/// one note throughout and last 0.2–1.5 s.
pub(crate) fn candidates(
    audio: &AudioFeatures,
    settings: &DeliverySettings,
) -> Vec<AcousticFiller> {
    let frame_s = audio.frame_s();
    let min_frames = ((settings.acoustic_filler_min_s / frame_s).round() as usize).max(2);
    let max_frames = (settings.acoustic_filler_max_s / frame_s).round() as usize;
    let mut analyzer = Analyzer::new();
    let mut out = Vec::new();
    for (start, end) in voiced_runs(audio) {
        if end - start < min_frames {
            continue;
        }
        let f = run_features(audio, &mut analyzer, start, end);
        let steady_pitch = |a: usize, b: usize| {
            let (slope, sd) = line_fit(&f.st[a..b]);
            sd <= settings.acoustic_filler_max_pitch_sd
                && (slope / frame_s).abs() <= settings.acoustic_filler_max_slope
        };
        let nasal = |a: usize, b: usize| {
            f.low[a..b].iter().filter(|&&l| l >= NASAL).count() * 4 >= (b - a) * 3
        };
        let parts = stable_parts(&f.flux, settings.acoustic_filler_max_flux_db);
        let mut k = 0;
        while k < parts.len() {
            let (a, mut b) = parts[k];
            // A vowel changing into a hum: join the next stable part when it is nasal.
            if let Some(&(c, d)) = parts.get(k + 1) {
                if b - a >= MIN_VOWEL_FRAMES
                    && c - b <= MAX_CHANGE_FRAMES
                    && d - c >= MIN_HUM_FRAMES
                    && !nasal(a, b)
                    && nasal(c, d)
                    && steady_pitch(a, d)
                {
                    b = d;
                    k += 1;
                }
            }
            k += 1;
            if b - a < min_frames || b - a > max_frames || !steady_pitch(a, b) {
                continue;
            }
            let breathy_onset = a <= 2 && frication_before(audio, start);
            out.push(AcousticFiller {
                label: label(&f.low[a..b], breathy_onset),
                start_s: (start + a) as f64 * frame_s,
                end_s: (start + b) as f64 * frame_s,
            });
        }
    }
    tracing::debug!(count = out.len(), "acoustic filled pauses");
    out
}

/// Unvoiced speech (an "h") just before frame `start`: the breath that opens "hmm".
fn frication_before(audio: &AudioFeatures, start: usize) -> bool {
    let mut k = 0;
    while k < 10 && start > k {
        let i = start - k - 1;
        if !audio.vad.speech[i] || audio.pitch.frames[i].f0_hz.is_some() {
            break;
        }
        k += 1;
    }
    k >= 3
}

/// A hum puts nearly all its energy under 500 Hz; a vowel does not.
fn label(low_share: &[f32], breathy_onset: bool) -> &'static str {
    let n = low_share.len();
    let nasal = low_share.iter().filter(|&&s| s >= NASAL).count();
    let head = &low_share[..n / 3];
    let head_nasal = head.iter().filter(|&&s| s >= NASAL).count();
    let hum = if nasal * 4 >= n * 3 {
        Some("mm")
    } else if nasal * 5 >= n && head_nasal * 2 < head.len().max(1) {
        Some("um")
    } else {
        None
    };
    match hum {
        Some(_) if breathy_onset => "hmm",
        Some(h) => h,
        None => "uh",
    }
}
