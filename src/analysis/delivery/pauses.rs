//! Silent pauses: measured in the audio (voice activity), reconciled with the transcript's
//! words, and placed in the sentence.

use super::acoustic::AcousticFiller;
use super::features::AudioFeatures;
use super::report::Pause;
use super::tokens::{Boundary, Token};
use super::{spans, DeliverySettings};
use crate::audio::vad::Segment;

/// Words that open a new clause: a pause before them falls between clauses.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "so", "because", "then", "which", "when", "while", "although", "or", "if",
    "since", "after", "before", "who", "where", "whereas", "though", "until", "unless",
];

/// Voice activity, reconciled: a burst with no voicing that no word of the transcript covers
/// is a breath, a click or noise, and belongs to the silence around it.
pub(crate) fn speech_segments(audio: &AudioFeatures, toks: &[Token]) -> Vec<Segment> {
    let longest = spans::longest(toks);
    audio
        .vad
        .segments
        .iter()
        .filter(|seg| {
            if audio.voiced_frames(seg) >= 3 {
                return true;
            }
            spans::covered(toks, longest, seg, false) >= 0.5 * seg.len_s()
        })
        .copied()
        .collect()
}

/// The answer: from the first to the last stretch of speech that a word or an acoustic filler
/// accounts for. Whisper's word times drift at segment starts, so the edges come from the
/// audio; speech no word accounts for (a cough before the answer) does not stretch it. Falls
/// back to all speech, then to the word times, when the two do not meet.
pub(crate) fn answer_span(
    speech: &[Segment],
    toks: &[Token],
    acoustic: &[AcousticFiller],
) -> Option<Segment> {
    const TOLERANCE_S: f64 = 0.5;
    let accounted = |seg: &Segment| {
        toks.iter()
            .any(|t| t.end_s + TOLERANCE_S >= seg.start_s && t.start_s - TOLERANCE_S <= seg.end_s)
            || acoustic
                .iter()
                .any(|f| f.end_s >= seg.start_s && f.start_s <= seg.end_s)
    };
    let pick: Vec<&Segment> = if toks.is_empty() {
        speech.iter().collect()
    } else {
        let a: Vec<&Segment> = speech.iter().filter(|s| accounted(s)).collect();
        if a.is_empty() {
            speech.iter().collect()
        } else {
            a
        }
    };
    match (pick.first(), pick.last()) {
        (Some(f), Some(l)) => Some(Segment {
            start_s: f.start_s,
            end_s: l.end_s,
        }),
        _ => {
            let first = toks.first()?;
            let last = toks.last()?;
            Some(Segment {
                start_s: first.start_s,
                end_s: last.end_s.max(first.start_s),
            })
        }
    }
}

/// Every silent gap of at least `min_pause_s` between speech inside the answer.
pub(crate) fn gaps(
    speech: &[Segment],
    span: &Segment,
    settings: &DeliverySettings,
) -> Vec<Segment> {
    let inside: Vec<&Segment> = speech
        .iter()
        .filter(|s| s.end_s > span.start_s && s.start_s < span.end_s)
        .collect();
    inside
        .windows(2)
        .map(|w| Segment {
            start_s: w[0].end_s,
            end_s: w[1].start_s,
        })
        .filter(|g| g.len_s() >= settings.min_pause_s - 1e-9)
        .collect()
}

/// The pauses as reported, placed among the (aligned) words.
pub(crate) fn describe(
    gaps: &[Segment],
    toks: &[Token],
    settings: &DeliverySettings,
) -> Vec<Pause> {
    gaps.iter()
        .map(|gap| Pause {
            start_s: round3(gap.start_s),
            end_s: round3(gap.end_s),
            length_s: round3(gap.len_s()),
            long: gap.len_s() >= settings.long_pause_s - 1e-9,
            mid_sentence: mid_clause(toks, gap),
        })
        .collect()
}

pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Whether the pause falls inside a clause: the last word before it (filled pauses aside)
/// carries no punctuation and the next word does not open a new clause. Word times are only
/// trusted for order, so words are placed by their midpoints.
fn mid_clause(toks: &[Token], gap: &Segment) -> bool {
    let mid = (gap.start_s + gap.end_s) / 2.0;
    let centre = |t: &Token| (t.start_s + t.end_s) / 2.0;
    // Aligned tokens are in time order, so their centres are too.
    let split = toks.partition_point(|t| centre(t) < mid);
    let Some(before) = toks[..split].iter().rev().find(|t| !t.filled_pause) else {
        return false;
    };
    let Some(after) = toks[split..]
        .iter()
        .find(|t| centre(t) > mid && !t.filled_pause)
    else {
        return false;
    };
    before.punct == Boundary::None && !CLAUSE_OPENERS.contains(&after.norm.as_str())
}
