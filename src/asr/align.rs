//! Acoustic clean-up of word times.
//!
//! DTW token times from whisper.cpp run late after a silence (0.25–0.5 s measured on tiny.en)
//! and let a word's end run into the pause that follows it. Speech onsets and offsets in the
//! signal's energy are sharper anchors, so word edges next to silence are snapped to them.
//! Edges inside continuous speech are left as DTW placed them.

use crate::domain::Word;

const FRAME: usize = 160; // 10 ms at 16 kHz
const SR: f64 = 16_000.0;
/// How far an edge may move towards the energy boundary.
const MAX_SHIFT_S: f64 = 0.7;
/// A gap shorter than this is not treated as silence.
const MIN_SILENCE_FRAMES: usize = 8;

/// Per-frame speech/silence from frame energy against an adaptive threshold.
fn voiced_frames(samples: &[f32]) -> Vec<bool> {
    let energy: Vec<f32> = samples
        .chunks(FRAME)
        .map(|c| c.iter().map(|s| s * s).sum::<f32>() / c.len() as f32)
        .collect();
    if energy.is_empty() {
        return vec![];
    }
    let mut sorted = energy.clone();
    sorted.sort_by(f32::total_cmp);
    let floor = sorted[sorted.len() / 10];
    let loud = sorted[sorted.len() * 95 / 100];
    // Between the noise floor and the loud speech level, on a log scale; never below -60 dBFS.
    let threshold = (floor.max(1e-9) * loud.max(1e-9))
        .sqrt()
        .max(floor * 4.0)
        .max(1e-6);
    energy.iter().map(|&e| e > threshold).collect()
}

/// Moves word starts that follow silence to the speech onset and word ends that precede silence
/// to the speech offset, within `MAX_SHIFT_S`. `offset_s` is the time of `samples[0]`.
pub fn snap_to_speech(words: &mut [Word], samples: &[f32], offset_s: f64) {
    let voiced = voiced_frames(samples);
    if voiced.len() < MIN_SILENCE_FRAMES || voiced.iter().all(|&v| v) {
        return;
    }
    let to_frame = |t: f64| (((t - offset_s) * SR) as isize / FRAME as isize).max(0) as usize;
    let to_time = |f: usize| offset_s + (f * FRAME) as f64 / SR;
    let max_shift = (MAX_SHIFT_S * SR) as usize / FRAME;
    let silent_run_before = |f: usize| -> bool {
        f >= MIN_SILENCE_FRAMES && voiced[f - MIN_SILENCE_FRAMES..f].iter().all(|&v| !v)
    };
    for i in 0..words.len() {
        let prev_end = if i == 0 { offset_s } else { words[i - 1].end_s };
        let start_f = to_frame(words[i].start_s).min(voiced.len() - 1);
        // Onset: the first voiced frame after a silent run, near the DTW start.
        let lo = start_f.saturating_sub(max_shift).max(to_frame(prev_end));
        let hi = (start_f + max_shift / 3).min(voiced.len() - 1);
        let onset = (lo..=hi)
            .filter(|&f| voiced[f] && (f == 0 || silent_run_before(f)))
            .min_by_key(|&f| f.abs_diff(start_f));
        if let Some(f) = onset {
            let t = to_time(f).max(prev_end);
            if t < words[i].end_s {
                words[i].start_s = round_cs(t);
            }
        }
        // Offset: if silence follows inside the word's span, end the word there.
        let s = to_frame(words[i].start_s).min(voiced.len() - 1);
        let e = to_frame(words[i].end_s).min(voiced.len());
        if let Some(f) = (s + 1..e).find(|&f| {
            !voiced[f]
                && voiced[f..(f + MIN_SILENCE_FRAMES).min(e)]
                    .iter()
                    .all(|&v| !v)
        }) {
            if e - f >= MIN_SILENCE_FRAMES / 2 {
                words[i].end_s = round_cs(to_time(f).max(words[i].start_s + 0.05));
            }
        }
    }
}

fn round_cs(t: f64) -> f64 {
    (t * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, start_s: f64, end_s: f64) -> Word {
        Word {
            text: text.into(),
            start_s,
            end_s,
            probability: 1.0,
            filler: false,
        }
    }

    fn burst(audio: &mut [f32], from_s: f64, to_s: f64) {
        let (a, b) = ((from_s * SR) as usize, (to_s * SR) as usize);
        for (i, s) in audio[a..b].iter_mut().enumerate() {
            *s = 0.3 * (i as f32 * 0.07).sin();
        }
    }

    #[test]
    fn late_starts_and_long_ends_snap_to_the_speech() {
        let mut audio = vec![0.0f32; (4.0 * SR) as usize];
        burst(&mut audio, 0.5, 1.2);
        burst(&mut audio, 2.0, 2.6);
        // DTW-like times: late starts, the first word's end running into the pause.
        let mut words = vec![word("hello", 0.9, 1.9), word("there", 2.35, 2.6)];
        snap_to_speech(&mut words, &audio, 0.0);
        assert!((words[0].start_s - 0.5).abs() <= 0.02, "{:?}", words[0]);
        assert!((words[0].end_s - 1.2).abs() <= 0.02, "{:?}", words[0]);
        assert!((words[1].start_s - 2.0).abs() <= 0.02, "{:?}", words[1]);
    }

    #[test]
    fn continuous_speech_is_left_alone() {
        let mut audio = vec![0.0f32; (3.0 * SR) as usize];
        burst(&mut audio, 0.2, 2.8);
        let mut words = vec![
            word("a", 0.3, 1.0),
            word("b", 1.0, 1.8),
            word("c", 1.8, 2.7),
        ];
        let before = words.clone();
        snap_to_speech(&mut words, &audio, 0.0);
        assert_eq!(words[1], before[1]);
        assert_eq!(words[2], before[2]);
    }
}
