//! Lookups of time spans in time-ordered lists by binary search, so every per-item query is
//! O(log n) and a 30-minute answer costs no more per word than a 30-second one.

use super::tokens::Token;
use crate::audio::vad::Segment;

/// Indices of `toks` (ordered by start, as `tokenize` guarantees) that overlap `seg`. Tokens
/// are at most `longest` seconds long.
pub(crate) fn overlapping(toks: &[Token], longest: f64, seg: &Segment) -> std::ops::Range<usize> {
    let lo = toks.partition_point(|t| t.start_s < seg.start_s - longest);
    let hi = toks.partition_point(|t| t.start_s < seg.end_s);
    lo..hi.max(lo)
}

/// The longest token, for [`overlapping`].
pub(crate) fn longest(toks: &[Token]) -> f64 {
    toks.iter().map(|t| t.end_s - t.start_s).fold(0.0, f64::max)
}

/// Seconds of `seg` that tokens cover (overlaps summed), skipping filled pauses if asked.
pub(crate) fn covered(toks: &[Token], longest: f64, seg: &Segment, skip_filled: bool) -> f64 {
    overlapping(toks, longest, seg)
        .filter(|&k| !(skip_filled && toks[k].filled_pause))
        .map(|k| {
            seg.overlap_s(&Segment {
                start_s: toks[k].start_s,
                end_s: toks[k].end_s,
            })
        })
        .sum()
}

/// Marks which token indices fall in any of the inclusive index ranges.
pub(crate) fn mask(n: usize, ranges: impl Iterator<Item = (usize, usize)>) -> Vec<bool> {
    let mut m = vec![false; n];
    for (a, b) in ranges {
        m[a..=b.min(n.saturating_sub(1))]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    m
}
