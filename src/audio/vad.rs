//! Energy-based voice activity detection with an adaptive noise floor.
//!
//! Whisper's word times drift at segment starts, so silent pauses are measured here, from the
//! signal itself. The detector works on short frames and keeps one energy value per frame, so a
//! 30-minute answer costs a few hundred kilobytes beyond the samples the caller already holds.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// Tuning of the detector. The defaults suit 16 kHz speech from a laptop microphone as well as
/// synthetic speech with digital silence between phrases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VadSettings {
    /// Frame length in seconds. 10 ms resolves pause edges far finer than the 0.25 s that count.
    pub frame_s: f64,
    /// A frame starts speech when it is this far above the local noise floor (dB).
    pub onset_db: f32,
    /// Speech continues while frames stay this far above the floor (dB); lower than `onset_db`
    /// so word endings that decay slowly are not chopped (hysteresis).
    pub offset_db: f32,
    /// Frames more than this below the loud speech level are never speech, whatever the floor:
    /// over digital silence the floor is meaningless and faint tails would otherwise count.
    pub dynamic_range_db: f32,
    /// Span over which the noise floor is the minimum of the smoothed energy. Long enough to
    /// contain a gap between words in fluent speech, short enough to follow a changing room.
    pub floor_window_s: f64,
    /// Speech bursts shorter than this are clicks or pops, not speech.
    pub min_speech_s: f64,
    /// Gaps shorter than this inside speech (stop closures) are bridged.
    pub bridge_gap_s: f64,
    /// A recording whose loud level stays below this (dBFS) is treated as silent.
    pub silence_dbfs: f32,
}

impl Default for VadSettings {
    fn default() -> Self {
        Self {
            frame_s: 0.010,
            onset_db: 12.0,
            offset_db: 8.0,
            dynamic_range_db: 42.0,
            floor_window_s: 5.0,
            min_speech_s: 0.04,
            bridge_gap_s: 0.08,
            silence_dbfs: -70.0,
        }
    }
}

/// A span of the recording in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub start_s: f64,
    pub end_s: f64,
}

impl Segment {
    pub fn len_s(&self) -> f64 {
        self.end_s - self.start_s
    }

    /// Length of the overlap with `other`, 0 when they do not meet.
    pub fn overlap_s(&self, other: &Segment) -> f64 {
        (self.end_s.min(other.end_s) - self.start_s.max(other.start_s)).max(0.0)
    }
}

/// What the detector found: per-frame energy and decision, and the speech segments.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceActivity {
    pub frame_s: f64,
    /// Mean-square energy of each frame in dBFS (a full-scale sine is 0 dB).
    pub energy_db: Vec<f32>,
    /// The per-frame decision after hysteresis, bridging and click removal.
    pub speech: Vec<bool>,
    /// Contiguous speech, in time order.
    pub segments: Vec<Segment>,
    /// Level of loud speech (99th percentile of smoothed frame energy), dBFS.
    pub speech_level_db: f32,
    /// Median of the adaptive noise floor over the recording, dBFS.
    pub noise_floor_db: f32,
}

impl VoiceActivity {
    /// Silent gaps of at least `min_s` between speech segments (not before the first or after
    /// the last).
    pub fn gaps(&self, min_s: f64) -> Vec<Segment> {
        self.segments
            .windows(2)
            .map(|w| Segment {
                start_s: w[0].end_s,
                end_s: w[1].start_s,
            })
            .filter(|g| g.len_s() >= min_s - 1e-9)
            .collect()
    }

    /// Index of the frame that contains time `t_s`, clamped to the recording.
    pub fn frame_at(&self, t_s: f64) -> usize {
        let i = (t_s / self.frame_s).floor().max(0.0) as usize;
        i.min(self.energy_db.len().saturating_sub(1))
    }
}

/// Lowest energy we represent: keeps digital silence finite.
const FLOOR_DB: f32 = -100.0;

/// Mean-square energy of consecutive frames, in dBFS.
pub fn frame_energies(samples: &[f32], frame_len: usize) -> Vec<f32> {
    samples
        .chunks(frame_len.max(1))
        .map(|frame| {
            let ms = frame.iter().map(|&x| x * x).sum::<f32>() / frame.len() as f32;
            power_db(ms)
        })
        .collect()
}

fn power_db(mean_square: f32) -> f32 {
    // Full-scale sine has mean square 0.5; reference to that so 0 dBFS is a full-scale sine peak.
    (10.0 * (mean_square.max(1e-12) * 2.0).log10()).max(FLOOR_DB)
}

/// Finds speech in 16 kHz (or any rate) mono samples.
pub fn detect(samples: &[f32], sample_rate: u32, settings: &VadSettings) -> VoiceActivity {
    let frame_len = ((settings.frame_s * sample_rate as f64).round() as usize).max(1);
    let frame_s = frame_len as f64 / sample_rate as f64;
    let energy_db = frame_energies(samples, frame_len);
    let smoothed = smooth3(&energy_db);
    let floor_half = ((settings.floor_window_s / 2.0) / frame_s).round() as usize;
    let floor = adaptive_floor(&smoothed, floor_half.max(1));
    let speech_level_db = percentile(&smoothed, 0.99).unwrap_or(FLOOR_DB);
    let noise_floor_db = percentile(&floor, 0.5).unwrap_or(FLOOR_DB);

    let mut speech = vec![false; energy_db.len()];
    if speech_level_db >= settings.silence_dbfs {
        let range_floor = speech_level_db - settings.dynamic_range_db;
        let mut active = false;
        for (i, (&e, &fl)) in energy_db.iter().zip(&floor).enumerate() {
            let on = (fl + settings.onset_db).max(range_floor);
            let off = (fl + settings.offset_db)
                .max(range_floor - (settings.onset_db - settings.offset_db));
            active = if active { e >= off } else { e >= on };
            speech[i] = active;
        }
        let bridge = (settings.bridge_gap_s / frame_s).round() as usize;
        let min_run = (settings.min_speech_s / frame_s).round() as usize;
        fill_short_runs(&mut speech, false, bridge);
        fill_short_runs(&mut speech, true, min_run);
    }
    let segments = runs(&speech, true)
        .map(|(a, b)| Segment {
            start_s: a as f64 * frame_s,
            end_s: (b as f64 * frame_s).min(samples.len() as f64 / sample_rate as f64),
        })
        .collect();
    tracing::debug!(
        frames = energy_db.len(),
        speech_level_db,
        noise_floor_db,
        "voice activity detected"
    );
    VoiceActivity {
        frame_s,
        energy_db,
        speech,
        segments,
        speech_level_db,
        noise_floor_db,
    }
}

/// Three-frame moving average in the power domain: one quiet frame inside a vowel must not
/// drag the noise floor down.
fn smooth3(db: &[f32]) -> Vec<f32> {
    let p: Vec<f32> = db.iter().map(|&d| 10f32.powf(d / 10.0)).collect();
    (0..p.len())
        .map(|i| {
            let lo = i.saturating_sub(1);
            let hi = (i + 2).min(p.len());
            let mean = p[lo..hi].iter().sum::<f32>() / (hi - lo) as f32;
            (10.0 * mean.log10()).max(FLOOR_DB)
        })
        .collect()
}

/// The adaptive noise floor: the minimum of the smoothed energy over the `half` frames before
/// and, separately, the `half` frames after each frame, and the larger of the two. Taking the
/// larger lets the floor rise at once when a fan starts, where a centred minimum would lag half
/// a window and call the fan speech. Within half a window of either end, where one side is cut
/// short, the minimum over the first (or last) full window is used instead, so speech that
/// starts at the first frame is measured against the pause that follows it.
fn adaptive_floor(values: &[f32], half: usize) -> Vec<f32> {
    let n = values.len();
    let past = trailing_min(values.iter().copied(), half);
    let mut future = trailing_min(values.iter().rev().copied(), half);
    future.reverse();
    let min_of = |v: &[f32]| v.iter().copied().fold(f32::INFINITY, f32::min);
    let head = min_of(&values[..n.min(2 * half + 1)]);
    let tail = min_of(&values[n.saturating_sub(2 * half + 1)..]);
    (0..n)
        .map(|i| match (i < half, i + half >= n) {
            (true, true) => head.min(tail),
            (true, false) => head,
            (false, true) => tail,
            (false, false) => past[i].max(future[i]),
        })
        .collect()
}

/// Minimum over each value and the `half` values before it, in O(n) with a monotonic deque.
fn trailing_min(values: impl Iterator<Item = f32>, half: usize) -> Vec<f32> {
    let mut out = Vec::new();
    let mut deque: VecDeque<(usize, f32)> = VecDeque::new();
    for (i, v) in values.enumerate() {
        while deque.back().is_some_and(|&(_, b)| b >= v) {
            deque.pop_back();
        }
        deque.push_back((i, v));
        while deque.front().is_some_and(|&(j, _)| j + half < i) {
            deque.pop_front();
        }
        out.push(deque.front().expect("holds value i").1);
    }
    out
}

/// The `q` quantile (0..=1) by selection; `None` for no values.
pub(crate) fn percentile(values: &[f32], q: f64) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    let k = ((v.len() - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
    let (_, x, _) = v.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
    Some(*x)
}

/// Runs of `value` as half-open frame ranges.
fn runs(flags: &[bool], value: bool) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < flags.len() && flags[i] != value {
            i += 1;
        }
        if i >= flags.len() {
            return None;
        }
        let start = i;
        while i < flags.len() && flags[i] == value {
            i += 1;
        }
        Some((start, i))
    })
}

/// Flips interior runs of `value` shorter than `max_len` frames. Runs touching either end are
/// kept when they are silence (leading and trailing silence are not gaps to bridge).
fn fill_short_runs(flags: &mut [bool], value: bool, max_len: usize) {
    if max_len == 0 {
        return;
    }
    let n = flags.len();
    let short: Vec<(usize, usize)> = runs(flags, value)
        .filter(|&(a, b)| b - a < max_len && (value || (a > 0 && b < n)))
        .collect();
    for (a, b) in short {
        flags[a..b].iter_mut().for_each(|f| *f = !value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SR: u32 = 16_000;

    fn tone(secs: f64, amp: f32, hz: f32) -> Vec<f32> {
        let n = (secs * SR as f64) as usize;
        (0..n)
            .map(|i| amp * (2.0 * std::f32::consts::PI * hz * i as f32 / SR as f32).sin())
            .collect()
    }

    /// Deterministic white-ish noise (xorshift), amplitude `amp`.
    fn noise(secs: f64, amp: f32, seed: u64) -> Vec<f32> {
        let mut s = seed.max(1);
        (0..(secs * SR as f64) as usize)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                amp * ((s >> 11) as f32 / (1u64 << 53) as f32 * 2.0 - 1.0)
            })
            .collect()
    }

    #[test]
    fn finds_tone_bursts_and_the_gap_between_them() {
        let mut x = vec![0.0; SR as usize / 2];
        x.extend(tone(1.0, 0.3, 220.0));
        x.extend(vec![0.0; 8000]); // 0.5 s
        x.extend(tone(0.7, 0.3, 220.0));
        x.extend(vec![0.0; 4000]);
        let va = detect(&x, SR, &VadSettings::default());
        assert_eq!(va.segments.len(), 2, "{:?}", va.segments);
        assert!((va.segments[0].start_s - 0.5).abs() < 0.015);
        assert!((va.segments[0].end_s - 1.5).abs() < 0.015);
        let gaps = va.gaps(0.25);
        assert_eq!(gaps.len(), 1);
        assert!((gaps[0].len_s() - 0.5).abs() < 0.03, "{:?}", gaps);
    }

    #[test]
    fn speech_over_steady_noise_is_found_and_noise_alone_is_not() {
        let bed = noise(3.0, 0.01, 7);
        let mut x = bed.clone();
        let t = tone(1.0, 0.2, 180.0);
        for (i, v) in t.iter().enumerate() {
            x[SR as usize + i] += v;
        }
        let va = detect(&x, SR, &VadSettings::default());
        assert_eq!(va.segments.len(), 1, "{:?}", va.segments);
        assert!((va.segments[0].start_s - 1.0).abs() < 0.03);
        assert!((va.segments[0].len_s() - 1.0).abs() < 0.05);
        assert!(va.noise_floor_db < -35.0 && va.noise_floor_db > -50.0);

        let only_noise = detect(&bed, SR, &VadSettings::default());
        assert!(only_noise.segments.is_empty(), "{:?}", only_noise.segments);
    }

    #[test]
    fn digital_silence_and_empty_input_have_no_speech() {
        let va = detect(&vec![0.0; SR as usize * 2], SR, &VadSettings::default());
        assert!(va.segments.is_empty());
        assert_eq!(va.energy_db.len(), 200);
        let empty = detect(&[], SR, &VadSettings::default());
        assert!(empty.segments.is_empty() && empty.energy_db.is_empty());
    }

    #[test]
    fn noise_floor_follows_a_room_that_gets_louder() {
        // Quiet room for 6 s, then a fan 20 dB louder; a tone in each half.
        let mut x = noise(6.0, 0.002, 3);
        x.extend(noise(6.0, 0.02, 5));
        for (start, amp) in [(2.0, 0.1f32), (9.0, 0.3)] {
            for (i, v) in tone(1.0, amp, 200.0).iter().enumerate() {
                x[(start * SR as f64) as usize + i] += v;
            }
        }
        let va = detect(&x, SR, &VadSettings::default());
        assert_eq!(va.segments.len(), 2, "{:?}", va.segments);
        assert!((va.segments[1].start_s - 9.0).abs() < 0.05);
    }

    #[test]
    fn clicks_are_not_speech_and_stop_closures_are_bridged() {
        let mut x = vec![0.0; SR as usize];
        x[8000] = 0.9; // a single-sample click
        x.extend(tone(0.3, 0.3, 200.0));
        x.extend(vec![0.0; 800]); // 50 ms closure
        x.extend(tone(0.3, 0.3, 200.0));
        x.extend(vec![0.0; 1600]);
        let va = detect(&x, SR, &VadSettings::default());
        assert_eq!(va.segments.len(), 1, "{:?}", va.segments);
        assert!((va.segments[0].len_s() - 0.65).abs() < 0.02);
    }

    #[test]
    fn trailing_min_matches_brute_force() {
        let v: Vec<f32> = (0..50).map(|i| ((i * 37) % 17) as f32).collect();
        let fast = trailing_min(v.iter().copied(), 3);
        for i in 0..v.len() {
            let slow = v[i.saturating_sub(3)..=i]
                .iter()
                .cloned()
                .fold(f32::INFINITY, f32::min);
            assert_eq!(fast[i], slow);
        }
    }

    #[test]
    fn speech_from_the_first_frame_is_found() {
        let mut x = tone(3.0, 0.3, 200.0);
        x.extend(vec![0.0; 16000]);
        let va = detect(&x, SR, &VadSettings::default());
        assert_eq!(va.segments.len(), 1);
        assert!(va.segments[0].start_s < 0.011 && (va.segments[0].end_s - 3.0).abs() < 0.015);
    }
}
