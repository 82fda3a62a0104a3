//! Where to cut the growing recording into pieces to transcribe while the user is still
//! speaking: at a pause, so no word is split, and often enough that the transcript keeps up.

use crate::audio::levels::rms_db;

pub const RATE: usize = 16_000;
/// 20 ms frames: short enough to find the middle of a pause, long enough for a stable level.
const FRAME: usize = RATE / 50;
/// Pieces shorter than this lose context, and each piece costs about the same to transcribe
/// whatever its length (the encoder's fixed context): longer pieces keep up better.
const MIN_PIECE_S: f64 = 6.0;
/// Without a pause, a piece is cut here anyway, so the transcript keeps up.
const MAX_PIECE_S: f64 = 12.0;
/// A silence this long is a safe place to cut: the pause between phrases (fluency research
/// counts silences from 0.25 s as pauses).
const MIN_GAP_S: f64 = 0.3;
/// The quietest a real microphone's room noise gets; digital silence (a muted or virtual
/// input) must not set the bar for "quiet" at -120 dB.
const LOWEST_FLOOR_DB: f32 = -65.0;
/// Frames within this many dB of the recording's noise floor are silence.
const SILENCE_ABOVE_FLOOR_DB: f32 = 10.0;
/// A piece whose loudest frame is within this of the floor holds no speech.
const SPEECH_ABOVE_FLOOR_DB: f32 = 15.0;
/// Louder than this is never silence, and always counts as sound, whatever the floor: early
/// in an answer spoken without a break the "floor" is speech itself.
const SURELY_SOUND_DB: f32 = -40.0;

/// Frame levels of the whole recording so far, kept up to date as audio arrives.
#[derive(Debug, Default)]
pub struct Levels {
    db: Vec<f32>,
}

impl Levels {
    /// Measures the frames of `samples` not measured yet (whole frames only).
    pub fn update(&mut self, samples: &[f32]) {
        let have = self.db.len();
        let whole = samples.len() / FRAME;
        for f in have..whole {
            let db = rms_db(&samples[f * FRAME..(f + 1) * FRAME]);
            self.db.push(if db.is_finite() { db } else { -120.0 });
        }
    }

    /// The 10th percentile of frame levels: the room's noise between words.
    fn floor(&self) -> f32 {
        if self.db.is_empty() {
            return LOWEST_FLOOR_DB;
        }
        let mut v = self.db.clone();
        let k = v.len() / 10;
        let (_, floor, _) = v.select_nth_unstable_by(k, f32::total_cmp);
        floor.max(LOWEST_FLOOR_DB)
    }
}

/// What to do with the audio after `from`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cut {
    /// Not enough yet.
    Wait,
    /// Transcribe `from..at`.
    Transcribe { at: usize },
    /// `from..at` is silence: move on without transcribing (Whisper invents words in silence).
    Skip { at: usize },
}

/// Decides the next piece of `samples[from..]`. `last` takes everything that is left.
pub fn next_cut(levels: &Levels, samples_len: usize, from: usize, last: bool) -> Cut {
    let first_frame = from.div_ceil(FRAME);
    let end_frame = levels.db.len().min(samples_len / FRAME);
    let pending_s = (samples_len.saturating_sub(from)) as f64 / RATE as f64;
    if !last && pending_s < MIN_PIECE_S {
        return Cut::Wait;
    }
    let floor = levels.floor();
    let frames = &levels.db[first_frame.min(end_frame)..end_frame];
    let speech_db = (floor + SPEECH_ABOVE_FLOOR_DB).min(SURELY_SOUND_DB);
    let has_speech = |fs: &[f32]| fs.iter().any(|d| *d >= speech_db);
    if last {
        let at = samples_len;
        return if has_speech(frames) {
            Cut::Transcribe { at }
        } else {
            Cut::Skip { at }
        };
    }
    let quiet: Vec<bool> = frames
        .iter()
        .map(|d| *d < (floor + SILENCE_ABOVE_FLOOR_DB).min(SURELY_SOUND_DB))
        .collect();
    let min_gap = (MIN_GAP_S * 50.0) as usize;
    // The latest silence long enough, at least MIN_PIECE_S in: the longest piece that ends
    // cleanly, so Whisper gets the most context.
    let min_start = (MIN_PIECE_S * 50.0) as usize;
    let mut best: Option<usize> = None;
    let mut run_start = None;
    for (i, q) in quiet.iter().chain(std::iter::once(&false)).enumerate() {
        match (q, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                if i - s >= min_gap && (s + i) / 2 >= min_start {
                    // Cut in the middle of the silence; for a silence still running at the end,
                    // shortly after it began (the speaker may go on at any moment).
                    let cut = if i == quiet.len() {
                        s + min_gap / 2
                    } else {
                        (s + i) / 2
                    };
                    best = Some(cut);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    let frame_to_sample = |f: usize| (first_frame + f) * FRAME;
    if let Some(f) = best {
        let at = frame_to_sample(f);
        let piece = &frames[..f];
        return if has_speech(piece) {
            Cut::Transcribe { at }
        } else {
            Cut::Skip { at }
        };
    }
    if pending_s >= MAX_PIECE_S {
        // No pause: cut at the quietest frame of the second half.
        let half = frames.len() / 2;
        let f = frames[half..]
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| half + i)
            .unwrap_or(frames.len());
        return Cut::Transcribe {
            at: frame_to_sample(f),
        };
    }
    Cut::Wait
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Speech-like tone bursts and silences, in seconds: (sound?, length).
    fn signal(parts: &[(bool, f64)]) -> Vec<f32> {
        let mut out = Vec::new();
        for &(sound, len) in parts {
            let n = (len * RATE as f64) as usize;
            for i in 0..n {
                let t = i as f32 / RATE as f32;
                // Digital silence between the bursts, as a virtual microphone delivers it.
                let noise = 0.0;
                out.push(if sound {
                    0.3 * (2.0 * std::f32::consts::PI * 180.0 * t).sin() + noise
                } else {
                    noise
                });
            }
        }
        out
    }

    fn cut_of(samples: &[f32], from: usize, last: bool) -> Cut {
        let mut l = Levels::default();
        l.update(samples);
        next_cut(&l, samples.len(), from, last)
    }

    #[test]
    fn waits_for_enough_audio() {
        let s = signal(&[(true, 2.0), (false, 0.6), (true, 1.0)]);
        assert_eq!(cut_of(&s, 0, false), Cut::Wait);
    }

    #[test]
    fn cuts_in_the_latest_pause_after_six_seconds() {
        let s = signal(&[
            (true, 2.0),
            (false, 0.6),
            (true, 4.0),
            (false, 0.8), // 6.6–7.4 s: cut at 7.0 s
            (true, 1.0),
        ]);
        match cut_of(&s, 0, false) {
            Cut::Transcribe { at } => {
                let t = at as f64 / RATE as f64;
                assert!((t - 7.0).abs() < 0.05, "cut at {t}");
            }
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn a_pause_before_six_seconds_is_not_used() {
        let s = signal(&[(true, 2.0), (false, 0.6), (true, 2.5)]);
        assert_eq!(cut_of(&s, 0, false), Cut::Wait);
    }

    #[test]
    fn without_pauses_it_cuts_by_twelve_seconds() {
        let s = signal(&[(true, 12.5)]);
        match cut_of(&s, 0, false) {
            Cut::Transcribe { at } => assert!(at > 6 * RATE && at <= 12 * RATE, "{at}"),
            c => panic!("{c:?}"),
        }
    }

    #[test]
    fn silence_is_skipped_not_transcribed() {
        let s = signal(&[(true, 3.0), (false, 8.0)]);
        let from = 3 * RATE + RATE / 4;
        assert!(matches!(cut_of(&s, from, true), Cut::Skip { .. }));
        assert!(matches!(cut_of(&s, 0, true), Cut::Transcribe { .. }));
    }

    #[test]
    fn a_quiet_room_with_noise_still_finds_the_pause() {
        // Room noise at about -50 dBFS: the floor follows it.
        let mut s = signal(&[(true, 6.5), (false, 0.5), (true, 1.0)]);
        for (i, x) in s.iter_mut().enumerate() {
            *x += if i % 2 == 0 { 0.003 } else { -0.003 };
        }
        assert!(matches!(cut_of(&s, 0, false), Cut::Transcribe { .. }));
    }

    #[test]
    fn the_last_piece_takes_everything() {
        let s = signal(&[(true, 1.0)]);
        assert_eq!(cut_of(&s, 0, true), Cut::Transcribe { at: s.len() });
    }
}
