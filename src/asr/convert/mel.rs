//! The mel filterbank whisper.cpp embeds in every model file.
//!
//! OpenAI's Whisper computes its log-mel spectrogram with
//! `librosa.filters.mel(sr=16000, n_fft=400, n_mels=N)`: Slaney's mel scale (linear below 1 kHz,
//! logarithmic above) and Slaney area normalisation. whisper.cpp does not compute the filters
//! itself, it reads them from the model file, so a converter has to reproduce librosa exactly.

/// Whisper's audio front end: 16 kHz audio, 25 ms (400-sample) FFT windows.
pub const SAMPLE_RATE: f64 = 16_000.0;
pub const N_FFT: usize = 400;

/// Below this frequency the Slaney mel scale is linear.
const MIN_LOG_HZ: f64 = 1000.0;
/// Hz per mel on the linear part (200/3).
const F_SP: f64 = 200.0 / 3.0;

fn min_log_mel() -> f64 {
    MIN_LOG_HZ / F_SP
}

fn log_step() -> f64 {
    6.4f64.ln() / 27.0
}

/// Hz → mel on Slaney's scale (librosa `hz_to_mel(htk=False)`).
pub fn hz_to_mel(hz: f64) -> f64 {
    if hz >= MIN_LOG_HZ {
        min_log_mel() + (hz / MIN_LOG_HZ).ln() / log_step()
    } else {
        hz / F_SP
    }
}

/// Mel → Hz on Slaney's scale (librosa `mel_to_hz(htk=False)`).
pub fn mel_to_hz(mel: f64) -> f64 {
    if mel >= min_log_mel() {
        MIN_LOG_HZ * (log_step() * (mel - min_log_mel())).exp()
    } else {
        F_SP * mel
    }
}

/// A row-major `n_mels × (N_FFT/2 + 1)` filterbank, as whisper.cpp stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct MelFilters {
    pub n_mels: usize,
    pub n_bins: usize,
    pub data: Vec<f32>,
}

impl MelFilters {
    pub fn get(&self, mel: usize, bin: usize) -> f32 {
        self.data[mel * self.n_bins + bin]
    }
}

/// Whisper's filterbank for `n_mels` bands (80 for most models, 128 for large-v3).
pub fn whisper_filters(n_mels: usize) -> MelFilters {
    mel_filters(SAMPLE_RATE, N_FFT, n_mels)
}

/// librosa's `filters.mel(sr, n_fft, n_mels, fmin=0, fmax=sr/2, htk=False, norm="slaney")`,
/// computed in f64 like librosa and stored as f32 like librosa's default dtype.
pub fn mel_filters(sample_rate: f64, n_fft: usize, n_mels: usize) -> MelFilters {
    let n_bins = n_fft / 2 + 1;
    let fft_freqs: Vec<f64> = (0..n_bins)
        .map(|k| k as f64 * sample_rate / n_fft as f64)
        .collect();

    // n_mels + 2 band edges evenly spaced in mel between 0 Hz and Nyquist.
    let mel_max = hz_to_mel(sample_rate / 2.0);
    let edges: Vec<f64> = (0..n_mels + 2)
        .map(|i| mel_to_hz(mel_max * i as f64 / (n_mels + 1) as f64))
        .collect();

    let mut data = vec![0f32; n_mels * n_bins];
    for m in 0..n_mels {
        let (lo, centre, hi) = (edges[m], edges[m + 1], edges[m + 2]);
        // Slaney normalisation: each triangle has unit area in Hz, so wide high bands are lower.
        let norm = 2.0 / (hi - lo);
        for (k, &f) in fft_freqs.iter().enumerate() {
            let rising = (f - lo) / (centre - lo);
            let falling = (hi - f) / (hi - centre);
            let w = rising.min(falling).max(0.0);
            data[m * n_bins + k] = (w * norm) as f32;
        }
    }
    MelFilters {
        n_mels,
        n_bins,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values printed by librosa 0.11.0:
    /// `librosa.filters.mel(sr=16000, n_fft=400, n_mels=80)[mel, bin]`.
    const LIBROSA_80: &[(usize, usize, f32)] = &[
        (0, 1, 0.024_862_595),
        (1, 1, 0.001_990_822),
        (1, 2, 0.022_871_772),
        (5, 5, 0.009_954_109),
        (5, 6, 0.014_908_484),
        (20, 19, 0.010_972_2),
        (20, 20, 0.013_890_394),
        (40, 42, 0.005_411_105),
        (40, 43, 0.014_735_566),
        (40, 44, 0.006_518_19),
        (60, 90, 0.001_434_534_3),
        (60, 93, 0.006_591_093),
        (60, 96, 0.000_797_849_15),
        (79, 186, 0.000_366_741_67),
        (79, 192, 0.003_164_711_9),
        (79, 193, 0.003_141_313_3),
        (79, 199, 0.000_448_759),
    ];

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() <= 1e-6 * b.abs().max(1e-3)
    }

    #[test]
    fn matches_librosa_at_sampled_points() {
        let f = whisper_filters(80);
        assert_eq!((f.n_mels, f.n_bins, f.data.len()), (80, 201, 80 * 201));
        for &(m, k, want) in LIBROSA_80 {
            let got = f.get(m, k);
            assert!(
                close(got, want),
                "filter[{m}][{k}] = {got}, librosa has {want}"
            );
        }
    }

    #[test]
    fn zeros_where_librosa_has_zeros() {
        let f = whisper_filters(80);
        // librosa: row 0 only touches bin 1; row 79 spans bins 186..=199; DC and Nyquist are empty.
        assert_eq!(f.get(0, 0), 0.0);
        assert_eq!(f.get(0, 2), 0.0);
        assert_eq!(f.get(79, 185), 0.0);
        assert_eq!(f.get(79, 200), 0.0);
        // librosa's matrix has exactly 391 non-zero weights.
        assert_eq!(f.data.iter().filter(|&&w| w > 0.0).count(), 391);
    }

    #[test]
    fn matches_librosa_for_128_bands() {
        // large-v3 uses 128 bands; values from `librosa.filters.mel(sr=16000, n_fft=400, n_mels=128)`.
        let f = whisper_filters(128);
        for (m, k, want) in [
            (0, 1, 0.012_373_987f32),
            (3, 2, 0.018_018_58),
            (100, 100, 0.002_578_351),
            (100, 102, 0.009_409_416),
            (127, 195, 0.005_041_602),
        ] {
            let got = f.get(m, k);
            assert!(
                close(got, want),
                "filter128[{m}][{k}] = {got}, librosa has {want}"
            );
        }
    }

    #[test]
    fn mel_scale_round_trips_on_both_sides_of_the_knee() {
        for hz in [0.0, 440.0, 999.0, 1000.0, 2500.0, 8000.0] {
            let back = mel_to_hz(hz_to_mel(hz));
            assert!((back - hz).abs() < 1e-9, "{hz} Hz came back as {back}");
        }
        assert!((hz_to_mel(1000.0) - 15.0).abs() < 1e-12);
    }
}
