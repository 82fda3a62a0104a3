//! Thresholds of the delivery analysis, each with the norm it comes from.
//!
//! Where a published norm exists it is cited; where none does, the doc says the value is ours
//! and why, so nobody mistakes a heuristic for research.

use serde::{Deserialize, Serialize};

use crate::audio::pitch::PitchSettings;
use crate::audio::vad::VadSettings;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliverySettings {
    /// Slowest comfortable pace, words per minute. Microsoft PowerPoint Speaker Coach treats
    /// 100–165 wpm as the band listeners follow comfortably.
    pub pace_min_wpm: f64,
    /// Fastest comfortable pace, words per minute (Microsoft Speaker Coach, as above).
    pub pace_max_wpm: f64,
    /// Length of the rolling window of the pace timeline, seconds. 15 s holds 25–40 words at
    /// normal pace: enough to be stable, short enough to show a rushed stretch.
    pub pace_window_s: f64,
    /// Step between pace timeline points, seconds.
    pub pace_step_s: f64,
    /// Fillers per minute that pass unnoticed. Coaching practice (Toastmasters' "Ah-Counter",
    /// Speaker Coach's filler-word report) treats an occasional filler as normal; we use about
    /// two per minute, the norm named in issue 3.
    pub fillers_max_per_minute: f64,
    /// Shortest silence that counts as a pause, seconds. 250 ms is the threshold fluency
    /// research settled on (Goldman-Eisler 1968; De Jong & Bosker 2013, "Choosing a threshold
    /// for silent pauses to measure second language fluency"): shorter gaps are articulation.
    pub min_pause_s: f64,
    /// A pause at least this long is `long`. Campione & Véronis (2002, "A large-scale
    /// multilingual study of silent pause duration") found pause lengths fall into brief
    /// (< 200 ms), medium (200–1000 ms) and long (> 1000 ms) groups; 1 s marks the long ones.
    pub long_pause_s: f64,
    /// Pauses this long or longer anywhere lose the listener. Our choice: three times the
    /// long-pause threshold, well beyond a deliberate rhetorical pause.
    pub very_long_pause_s: f64,
    /// Word gaps of at least this long count as a boundary when deciding context (where the
    /// recogniser left out a comma).
    pub boundary_gap_s: f64,
    /// Hedges per minute before an answer sounds unsure. No published norm: our heuristic,
    /// one hedge every 30 s.
    pub hedges_max_per_minute: f64,
    /// Repetitions and restarts per minute before they are noticed. Fluent speakers repeat a
    /// word now and then (Bortfeld et al. 2001 found about 6 disfluencies per 100 words in
    /// conversation, repetitions among them); our heuristic allows one a minute.
    pub repetitions_max_per_minute: f64,
    /// F0 standard deviation (semitones, over voiced speech) below which the voice sounds
    /// monotone. Hincks (2005) measured liveliness by the pitch variation quotient, F0 s.d. /
    /// mean; a quotient of 0.11 is about 1.9 semitones. 2 semitones is our cut-off.
    pub monotone_max_semitones: f64,
    /// Median drop in level (dB) of a sentence's last half-second against the rest of that
    /// sentence, at or above which the voice fades. Normal declination lowers the end a few
    /// dB; 8 dB (less than half the loudness) is our threshold.
    pub fade_drop_db: f64,
    /// Look for filled pauses in the audio where the transcript has no word (Whisper drops
    /// many "um"s even when told to keep them).
    pub acoustic_fillers: bool,
    /// Shortest acoustic filled pause, seconds (issue 3: ~0.2–1.5 s; shorter steady vowels are
    /// ordinary stressed syllables).
    pub acoustic_filler_min_s: f64,
    /// Longest acoustic filled pause, seconds.
    pub acoustic_filler_max_s: f64,
    /// Largest F0 spread (semitones, s.d. around a straight line) of a filled pause: they are
    /// held on one note (Shriberg & Lickley 1993 found filled pauses flat or gently falling).
    pub acoustic_filler_max_pitch_sd: f64,
    /// Largest F0 slope of a filled pause, semitones per second.
    pub acoustic_filler_max_slope: f64,
    /// Largest mean spectral change (dB per band, between frames 30 ms apart) of a filled
    /// pause: a held vowel or hum keeps its spectrum while words move through phonemes.
    pub acoustic_filler_max_flux_db: f64,
    /// The user's own fillers, counted wherever they occur (lower-case words or phrases,
    /// e.g. "to be honest"). The built-in fillers are judged in context; these are not.
    #[serde(default)]
    pub extra_fillers: Vec<String>,
    /// Built-in filler labels the user does not want counted (e.g. "so", "okay").
    #[serde(default)]
    pub ignored_fillers: Vec<String>,
    pub vad: VadSettings,
    pub pitch: PitchSettings,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            pace_min_wpm: 100.0,
            pace_max_wpm: 165.0,
            pace_window_s: 15.0,
            pace_step_s: 5.0,
            fillers_max_per_minute: 2.0,
            min_pause_s: 0.25,
            long_pause_s: 1.0,
            very_long_pause_s: 3.0,
            boundary_gap_s: 0.4,
            hedges_max_per_minute: 2.0,
            repetitions_max_per_minute: 1.0,
            monotone_max_semitones: 2.0,
            fade_drop_db: 8.0,
            acoustic_fillers: true,
            acoustic_filler_min_s: 0.2,
            acoustic_filler_max_s: 1.5,
            acoustic_filler_max_pitch_sd: 0.8,
            acoustic_filler_max_slope: 6.0,
            acoustic_filler_max_flux_db: 2.5,
            extra_fillers: Vec::new(),
            ignored_fillers: Vec::new(),
            vad: VadSettings::default(),
            pitch: PitchSettings::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_settings_fill_in_defaults() {
        let s: DeliverySettings = serde_json::from_str(r#"{"long_pause_s": 1.5}"#).unwrap();
        assert_eq!(s.long_pause_s, 1.5);
        assert_eq!(s.pace_max_wpm, 165.0);
        assert_eq!(s.vad, VadSettings::default());
    }
}
