//! Signal levels for the recording meter: RMS and peak in dBFS, clipping, and a meter that
//! turns a stream of samples into about 20 smoothed readings a second.

/// The floor reported for silence; `-inf` would break JSON and arithmetic downstream.
pub const SILENCE_DB: f32 = -100.0;
/// A sample at or above this magnitude counts as clipped (the top 0.1 dB of full scale).
pub const CLIP_LEVEL: f32 = 0.989;
/// Meter readings per second.
pub const METER_HZ: u32 = 20;

/// Converts a linear amplitude (1.0 = full scale) to dBFS, floored at [`SILENCE_DB`].
pub fn amplitude_to_db(a: f32) -> f32 {
    if a <= 0.0 {
        SILENCE_DB
    } else {
        (20.0 * a.log10()).max(SILENCE_DB)
    }
}

/// Root-mean-square level of a chunk in dBFS (a full-scale sine is about -3 dBFS).
pub fn rms_db(samples: &[f32]) -> f32 {
    if samples.is_empty() {
        return SILENCE_DB;
    }
    let sum: f64 = samples.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
    amplitude_to_db((sum / samples.len() as f64).sqrt() as f32)
}

/// Largest absolute sample of a chunk in dBFS.
pub fn peak_db(samples: &[f32]) -> f32 {
    amplitude_to_db(peak(samples))
}

fn peak(samples: &[f32]) -> f32 {
    samples.iter().fold(0.0f32, |m, &s| m.max(s.abs()))
}

/// Number of samples at or beyond [`CLIP_LEVEL`].
pub fn clipped_samples(samples: &[f32]) -> usize {
    samples.iter().filter(|s| s.abs() >= CLIP_LEVEL).count()
}

/// One meter update.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Level {
    /// Smoothed RMS level, dBFS.
    pub rms_db: f32,
    /// Peak with hold-and-fall ballistics, dBFS.
    pub peak_db: f32,
    /// Whether any sample in this window clipped.
    pub clipped: bool,
}

/// Accumulates samples and yields a [`Level`] every 1/[`METER_HZ`] s of audio.
///
/// The RMS is smoothed with a ~150 ms time constant so speech does not flicker; the peak jumps
/// up at once and falls at 20 dB/s, the way hardware meters behave.
#[derive(Debug, Clone)]
pub struct Meter {
    window: usize,
    filled: usize,
    sum_sq: f64,
    win_peak: f32,
    win_clipped: bool,
    smooth_ms: f32,
    peak_db: f32,
    alpha: f32,
    fall_per_window: f32,
}

impl Meter {
    pub fn new(sample_rate: u32) -> Self {
        let window = (sample_rate / METER_HZ).max(1) as usize;
        let dt = 1.0 / METER_HZ as f32;
        Self {
            window,
            filled: 0,
            sum_sq: 0.0,
            win_peak: 0.0,
            win_clipped: false,
            smooth_ms: 0.0,
            peak_db: SILENCE_DB,
            alpha: 1.0 - (-dt / 0.15).exp(),
            fall_per_window: 20.0 * dt,
        }
    }

    /// Feeds samples; calls `emit` once per completed meter window.
    pub fn push(&mut self, samples: &[f32], mut emit: impl FnMut(Level)) {
        for &s in samples {
            self.sum_sq += f64::from(s) * f64::from(s);
            let a = s.abs();
            self.win_peak = self.win_peak.max(a);
            self.win_clipped |= a >= CLIP_LEVEL;
            self.filled += 1;
            if self.filled == self.window {
                emit(self.close_window());
            }
        }
    }

    fn close_window(&mut self) -> Level {
        let ms = (self.sum_sq / self.window as f64) as f32;
        self.smooth_ms += self.alpha * (ms - self.smooth_ms);
        let win_peak_db = amplitude_to_db(self.win_peak);
        self.peak_db = win_peak_db.max(self.peak_db - self.fall_per_window);
        let level = Level {
            rms_db: amplitude_to_db(self.smooth_ms.sqrt()),
            peak_db: self.peak_db,
            clipped: self.win_clipped,
        };
        self.filled = 0;
        self.sum_sq = 0.0;
        self.win_peak = 0.0;
        self.win_clipped = false;
        level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(amp: f32, n: usize) -> Vec<f32> {
        (0..n)
            .map(|i| amp * (i as f32 * 2.0 * std::f32::consts::PI * 440.0 / 16_000.0).sin())
            .collect()
    }

    #[test]
    fn sine_levels_match_theory() {
        let s = sine(0.5, 16_000);
        assert!((rms_db(&s) - (-9.03)).abs() < 0.05, "{}", rms_db(&s));
        assert!((peak_db(&s) - (-6.02)).abs() < 0.05, "{}", peak_db(&s));
        assert_eq!(rms_db(&[]), SILENCE_DB);
        assert_eq!(peak_db(&[0.0; 10]), SILENCE_DB);
        assert_eq!(clipped_samples(&s), 0);
        assert_eq!(clipped_samples(&[1.0, -1.0, 0.5]), 2);
    }

    #[test]
    fn meter_emits_twenty_readings_per_second_and_settles() {
        let mut m = Meter::new(16_000);
        let mut levels = Vec::new();
        m.push(&sine(0.5, 32_000), |l| levels.push(l));
        assert_eq!(levels.len(), 40);
        let last = levels.last().unwrap();
        assert!((last.rms_db - (-9.03)).abs() < 0.2, "{last:?}");
        assert!(levels[0].rms_db < last.rms_db, "smoothing should ramp up");
        assert!(!last.clipped);
    }

    #[test]
    fn peak_falls_slowly_after_a_burst_and_clipping_is_flagged() {
        let mut m = Meter::new(16_000);
        let mut levels = Vec::new();
        let mut burst = vec![0.0f32; 800];
        burst[10] = 1.0;
        m.push(&burst, |l| levels.push(l));
        m.push(&vec![0.0; 8_000], |l| levels.push(l));
        assert!(levels[0].clipped && levels[0].peak_db > -0.1);
        // Half a second later the peak has fallen ~10 dB, not to the floor.
        let after = levels.last().unwrap();
        assert!((after.peak_db - (-10.0)).abs() < 0.5, "{after:?}");
        assert!(!after.clipped);
    }
}
