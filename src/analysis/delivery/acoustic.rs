//! Filled pauses heard in the audio: Whisper drops many "um"s even with decoding that tries to
//! keep them, so voiced stretches held on one note with an unchanging spectrum (a held vowel
//! or hum, ~0.2–1.5 s) where the transcript has no word are counted as fillers too.

use std::sync::Arc;

use realfft::{RealFftPlanner, RealToComplex};

use super::features::{AudioFeatures, SAMPLE_RATE};
use super::tokens::Token;
use super::DeliverySettings;
use crate::audio::vad::Segment;

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
/// Share of a candidate the transcript's words may cover before it is taken to be a word.
const MAX_WORD_COVER: f64 = 0.5;

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
            .map(|i| {
                0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / FFT_LEN as f32).cos()
            })
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

pub(crate) fn find(
    audio: &AudioFeatures,
    toks: &[Token],
    settings: &DeliverySettings,
) -> Vec<AcousticFiller> {
    let frame_s = audio.frame_s();
    let hop = (frame_s * SAMPLE_RATE as f64).round() as usize;
    let min_frames = (settings.acoustic_filler_min_s / frame_s).round() as usize;
    let max_frames = (settings.acoustic_filler_max_s / frame_s).round() as usize;
    let mut analyzer = Analyzer::new();
    let mut out = Vec::new();
    for (start, end) in voiced_runs(audio) {
        if end - start < min_frames {
            continue;
        }
        // Semitones against the run's first voiced frame; bridged gaps copy their neighbour.
        let mut st = Vec::with_capacity(end - start);
        let mut last = None;
        for i in start..end {
            let v = audio.pitch.frames[i].f0_hz.map(|f| 12.0 * (f / 100.0).log2());
            let v = v.or(last).unwrap_or(0.0);
            last = Some(v);
            st.push(v);
        }
        let spectra: Vec<Spectrum> = (start.saturating_sub(FLUX_LAG)..end)
            .map(|i| analyzer.at(audio.samples, i, hop))
            .collect();
        let lead = start - start.saturating_sub(FLUX_LAG);
        let flux: Vec<f32> = (0..end - start)
            .map(|k| {
                let cur = &spectra[k + lead].bands_db;
                let prev = &spectra[(k + lead).saturating_sub(FLUX_LAG).max(lead)].bands_db;
                cur.iter().zip(prev).map(|(a, b)| (a - b).abs()).sum::<f32>() / BANDS as f32
            })
            .collect();
        let steady_window = |a: usize, b: usize| {
            let (slope, sd) = line_fit(&st[a..b]);
            let mean_flux = flux[a..b].iter().sum::<f32>() as f64 / (b - a) as f64;
            sd <= settings.acoustic_filler_max_pitch_sd
                && (slope / frame_s).abs() <= settings.acoustic_filler_max_slope
                && mean_flux <= settings.acoustic_filler_max_flux_db
        };
        if std::env::var_os("DBG_ACOUSTIC").is_some() && end - start >= min_frames {
            let mut best_mean = f64::MAX;
            let mut best_q75 = f64::MAX;
            let mut best_frac = 0.0f64;
            for a in 0..=(end - start - min_frames) {
                let (slope, sd) = line_fit(&st[a..a + min_frames]);
                if sd <= settings.acoustic_filler_max_pitch_sd && (slope / frame_s).abs() <= settings.acoustic_filler_max_slope {
                    let w: Vec<f32> = flux[a..a + min_frames].to_vec();
                    let mean = w.iter().sum::<f32>() as f64 / w.len() as f64;
                    let mut sorted = w.clone();
                    sorted.sort_by(f32::total_cmp);
                    let q75 = sorted[sorted.len() * 3 / 4] as f64;
                    best_mean = best_mean.min(mean);
                    best_q75 = best_q75.min(q75);
                    let frac = w.iter().filter(|&&f| f <= 2.5).count() as f64 / w.len() as f64;
                    best_frac = best_frac.max(frac);
                }
            }
            eprintln!("run {:.2}-{:.2} len {} best mean flux {:.2} best q75 {:.2} frac {:.2}", start as f64 * frame_s, end as f64 * frame_s, end - start, best_mean.min(99.0), best_q75.min(99.0), best_frac);
        }
        let mut steady = vec![false; end - start];
        for a in 0..=(end - start - min_frames) {
            if steady_window(a, a + min_frames) {
                steady[a..a + min_frames].iter_mut().for_each(|s| *s = true);
            }
        }
        let mut k = 0;
        while k < steady.len() {
            if !steady[k] {
                k += 1;
                continue;
            }
            let a = k;
            while k < steady.len() && steady[k] {
                k += 1;
            }
            let len = k - a;
            if len < min_frames || len > max_frames {
                continue;
            }
            let (slope, _) = line_fit(&st[a..k]);
            if (slope / frame_s).abs() > settings.acoustic_filler_max_slope {
                continue;
            }
            let seg = Segment {
                start_s: (start + a) as f64 * frame_s,
                end_s: (start + k) as f64 * frame_s,
            };
            let covered: f64 = toks
                .iter()
                .map(|t| {
                    seg.overlap_s(&Segment {
                        start_s: t.start_s,
                        end_s: t.end_s,
                    })
                })
                .sum();
            if covered > MAX_WORD_COVER * seg.len_s() {
                continue;
            }
            let low: Vec<f32> = (a..k).map(|j| spectra[j + lead].low_share).collect();
            out.push(AcousticFiller {
                label: label(&low),
                start_s: seg.start_s,
                end_s: seg.end_s,
            });
        }
    }
    tracing::debug!(count = out.len(), "acoustic filled pauses");
    out
}

/// A hum puts nearly all its energy under 500 Hz; a vowel does not.
fn label(low_share: &[f32]) -> &'static str {
    const NASAL: f32 = 0.9;
    let n = low_share.len();
    let nasal = low_share.iter().filter(|&&s| s >= NASAL).count();
    let head_nasal = low_share[..n / 3].iter().filter(|&&s| s >= NASAL).count();
    if nasal * 4 >= n * 3 {
        "mm"
    } else if nasal * 4 >= n && head_nasal * 2 < n / 3 {
        "um"
    } else {
        "uh"
    }
}
