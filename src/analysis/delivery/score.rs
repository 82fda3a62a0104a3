//! The delivery score: each measured aspect scored 0–100 against its norm, then weighted.
//! Aspects that could not be measured (no target length, too little voiced speech) drop out
//! and the remaining weights are scaled back to 1.

use super::report::{Energy, Fillers, Hedges, Length, Pace, Pitch, Repetitions};
use super::report::{LengthVerdict, Score, ScoreComponent};
use super::DeliverySettings;

/// Relative weights. Fillers weigh most: they are what listeners notice and count first.
const W_PACE: f64 = 20.0;
const W_FILLERS: f64 = 25.0;
const W_PAUSES: f64 = 15.0;
const W_HEDGES: f64 = 10.0;
const W_REPETITION: f64 = 10.0;
const W_LENGTH: f64 = 10.0;
const W_PITCH: f64 = 5.0;
const W_ENERGY: f64 = 5.0;

/// 100 at or under `ok`, falling linearly to 0 at `zero`.
fn falloff(value: f64, ok: f64, zero: f64) -> f64 {
    if value <= ok {
        100.0
    } else if value >= zero {
        0.0
    } else {
        100.0 * (zero - value) / (zero - ok)
    }
}

pub(crate) struct Inputs<'a> {
    pub minutes: f64,
    pub pace: &'a Pace,
    pub fillers: &'a Fillers,
    /// Pauses that hurt: mid-clause pauses of at least half a second, and very long ones.
    pub bad_pauses: u32,
    pub hedges: &'a Hedges,
    pub repetitions: &'a Repetitions,
    pub length: Option<&'a Length>,
    pub pitch: &'a Pitch,
    pub energy: &'a Energy,
}

pub(crate) fn score(x: &Inputs, s: &DeliverySettings) -> Score {
    let mut parts: Vec<(String, f64, f64, String)> = Vec::new();
    let (lo, hi) = (s.pace_min_wpm, s.pace_max_wpm);
    let off_band = (lo - x.pace.wpm).max(x.pace.wpm - hi).max(0.0);
    // 2 points per wpm outside the band, less a share for rushed or dragged stretches.
    let pace = (100.0 - 2.0 * off_band).max(0.0)
        * (1.0 - 0.3 * (x.pace.fast_share + x.pace.slow_share).min(1.0));
    parts.push((
        "pace".into(),
        pace,
        W_PACE,
        format!("{:.0} wpm against {lo:.0}–{hi:.0}", x.pace.wpm),
    ));
    parts.push((
        "fillers".into(),
        falloff(x.fillers.per_minute, s.fillers_max_per_minute, 12.0),
        W_FILLERS,
        format!(
            "{:.1} per minute against ≤ {:.0}",
            x.fillers.per_minute, s.fillers_max_per_minute
        ),
    ));
    let bad_per_min = x.bad_pauses as f64 / x.minutes.max(1.0 / 60.0);
    parts.push((
        "pauses".into(),
        falloff(bad_per_min, 1.0, 8.0),
        W_PAUSES,
        format!(
            "{} mid-sentence or very long pause(s), {:.1} per minute",
            x.bad_pauses, bad_per_min
        ),
    ));
    parts.push((
        "hedges".into(),
        falloff(x.hedges.per_minute, s.hedges_max_per_minute, 10.0),
        W_HEDGES,
        format!(
            "{:.1} per minute against ≤ {:.0}",
            x.hedges.per_minute, s.hedges_max_per_minute
        ),
    ));
    parts.push((
        "repetitions".into(),
        falloff(x.repetitions.per_minute, s.repetitions_max_per_minute, 8.0),
        W_REPETITION,
        format!(
            "{:.1} per minute against ≤ {:.0}",
            x.repetitions.per_minute, s.repetitions_max_per_minute
        ),
    ));
    if let Some(len) = x.length {
        let t = len.target;
        let off = match len.verdict {
            LengthVerdict::Within => 0.0,
            LengthVerdict::Short => (t.min_s - len.duration_s) / t.min_s.max(1.0),
            LengthVerdict::Long => (len.duration_s - t.max_s) / t.max_s.max(1.0),
        };
        parts.push((
            "length".into(),
            falloff(off, 0.0, 0.5),
            W_LENGTH,
            format!(
                "{:.0} s against {:.0}–{:.0} s",
                len.duration_s, t.min_s, t.max_s
            ),
        ));
    }
    if let Some(v) = x.pitch.variation_semitones {
        let m = s.monotone_max_semitones;
        // Full marks a semitone above the monotone line, none at half of it.
        let sc = if v >= m + 1.0 {
            100.0
        } else if v <= m / 2.0 {
            0.0
        } else {
            100.0 * (v - m / 2.0) / (m / 2.0 + 1.0)
        };
        parts.push((
            "pitch".into(),
            sc,
            W_PITCH,
            format!("{v:.1} semitones s.d. against ≥ {m:.1}"),
        ));
    }
    if let Some(drop) = x.energy.end_drop_db {
        parts.push((
            "energy".into(),
            falloff(drop, s.fade_drop_db / 2.0, s.fade_drop_db * 2.0),
            W_ENERGY,
            format!(
                "sentence ends {drop:.1} dB down against < {:.0}",
                s.fade_drop_db
            ),
        ));
    }
    let total_w: f64 = parts.iter().map(|p| p.2).sum();
    let total = parts.iter().map(|p| p.1 * p.2).sum::<f64>() / total_w;
    Score {
        score: total.round().clamp(0.0, 100.0) as u8,
        breakdown: parts
            .into_iter()
            .map(|(metric, sc, w, detail)| ScoreComponent {
                metric,
                score: sc.round().clamp(0.0, 100.0) as u8,
                weight: (w / total_w * 1000.0).round() / 1000.0,
                detail,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falloff_is_linear_between_norm_and_zero() {
        assert_eq!(falloff(1.0, 2.0, 12.0), 100.0);
        assert_eq!(falloff(7.0, 2.0, 12.0), 50.0);
        assert_eq!(falloff(20.0, 2.0, 12.0), 0.0);
    }
}
