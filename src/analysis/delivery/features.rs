//! Frame features of the answer's audio: voice activity, pitch and clipping, computed once and
//! shared by the pause, filler and prosody measures.

use crate::audio::pitch::{self, PitchTrack};
use crate::audio::vad::{self, Segment, VoiceActivity};
use crate::progress::{Progress, ProgressFn};

use super::DeliverySettings;

pub(crate) const SAMPLE_RATE: u32 = 16_000;

pub(crate) struct AudioFeatures<'a> {
    pub samples: &'a [f32],
    pub vad: VoiceActivity,
    pub pitch: PitchTrack,
    /// Share of samples at full scale.
    pub clipped_share: f64,
}

/// Pitch is tracked in blocks of this many frames so progress can be reported.
const BLOCK_FRAMES: usize = 6000;

impl<'a> AudioFeatures<'a> {
    pub fn compute(
        samples: &'a [f32],
        settings: &DeliverySettings,
        progress: ProgressFn<'_>,
    ) -> Self {
        let total = samples.len() as u64;
        let clipped = samples.iter().filter(|x| x.abs() >= 0.999).count();
        progress(Progress {
            stage: "voice activity",
            done: 0,
            total: Some(total),
        });
        let vad = vad::detect(samples, SAMPLE_RATE, &settings.vad);
        let frame_s = vad.frame_s;
        let hop = (frame_s * SAMPLE_RATE as f64).round() as usize;
        // Track pitch block by block over the speech frames only; the frames line up with the
        // voice activity frames because both use the same hop.
        let mut frames = Vec::with_capacity(vad.speech.len());
        for block_start in (0..vad.speech.len()).step_by(BLOCK_FRAMES) {
            let block_end = (block_start + BLOCK_FRAMES).min(vad.speech.len());
            let track = track_block(samples, hop, block_start, block_end, &vad.speech, settings);
            frames.extend(track);
            progress(Progress {
                stage: "pitch",
                done: (block_end * hop).min(samples.len()) as u64,
                total: Some(total),
            });
        }
        let n = samples.len().max(1) as f64;
        Self {
            samples,
            pitch: PitchTrack {
                hop_s: frame_s,
                frames,
            },
            vad,
            clipped_share: clipped as f64 / n,
        }
    }

    pub fn frame_s(&self) -> f64 {
        self.vad.frame_s
    }

    /// Frame index range covering `seg`.
    pub fn frames_of(&self, seg: &Segment) -> std::ops::Range<usize> {
        let n = self.vad.energy_db.len();
        let a = ((seg.start_s / self.frame_s()).floor().max(0.0) as usize).min(n);
        let b = ((seg.end_s / self.frame_s()).ceil().max(0.0) as usize).min(n);
        a..b.max(a)
    }

    /// Number of voiced frames in `seg`.
    pub fn voiced_frames(&self, seg: &Segment) -> usize {
        self.frames_of(seg)
            .filter(|&i| self.pitch.frames[i].f0_hz.is_some())
            .count()
    }
}

/// F0 is estimated every second frame (every 20 ms, as usual for prosody) and each estimate
/// serves both frames it straddles: pitch is by far the costliest measure, and 20 ms still
/// resolves a 0.2 s filled pause into ten estimates.
const PITCH_STRIDE: usize = 2;

/// Pitch of frames `start..end`: runs YIN on a slice reaching a little past the block so edge
/// frames see the same samples as they would in one pass.
fn track_block(
    samples: &[f32],
    hop: usize,
    start: usize,
    end: usize,
    speech: &[bool],
    settings: &DeliverySettings,
) -> Vec<pitch::PitchFrame> {
    let hop = hop.max(1);
    let margin = 2 * hop
        + (SAMPLE_RATE as f64 / settings.pitch.min_hz as f64) as usize
        + (settings.pitch.window_s * SAMPLE_RATE as f64) as usize;
    // Margins in whole stride-aligned frames keep the estimates on one global grid.
    let margin_frames = margin.div_ceil(hop).next_multiple_of(PITCH_STRIDE);
    let first = start.saturating_sub(margin_frames) / PITCH_STRIDE * PITCH_STRIDE;
    let lo = first * hop;
    let hi = ((end + margin_frames) * hop).min(samples.len());
    let unvoiced = pitch::PitchFrame {
        f0_hz: None,
        aperiodicity: 1.0,
    };
    if lo >= hi {
        return vec![unvoiced; end - start];
    }
    let frames_here = (hi - lo).div_ceil(hop);
    let active: Vec<bool> = (0..frames_here.div_ceil(PITCH_STRIDE))
        .map(|k| {
            (0..PITCH_STRIDE).any(|d| {
                speech
                    .get(first + k * PITCH_STRIDE + d)
                    .copied()
                    .unwrap_or(false)
            })
        })
        .collect();
    let track = pitch::track(
        &samples[lo..hi],
        SAMPLE_RATE,
        (PITCH_STRIDE * hop) as f64 / SAMPLE_RATE as f64,
        &settings.pitch,
        Some(&active),
    );
    (start..end)
        .map(|f| {
            if !speech[f] {
                return unvoiced;
            }
            track
                .frames
                .get((f - first) / PITCH_STRIDE)
                .copied()
                .unwrap_or(unvoiced)
        })
        .collect()
}
