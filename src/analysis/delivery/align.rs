//! Reconciles the recogniser's word times with the audio.
//!
//! Whisper's DTW word times run late and smear across pauses (measured on espeak speech with
//! tiny.en: 0.3–0.7 s late, a sentence's last word stretched over the following silence). The
//! silent pauses the audio shows are certain, so each pause is pinned to the word boundary it
//! most plausibly falls on, and the words between two pauses are stretched linearly onto the
//! speech between them. Filled pauses the recogniser wrote down take the times of the held
//! vowel the audio shows next to them; held vowels no word claims are fillers it dropped.

use super::acoustic::AcousticFiller;
use super::tokens::{Boundary, Token};
use crate::audio::vad::Segment;

/// How far (seconds) a written filled pause may be from the held vowel it stands for.
const CLAIM_S: f64 = 1.0;
/// Pauses are searched for among word boundaries this close in recognised time (seconds).
const SEARCH_S: f64 = 6.0;
/// Extra cost (seconds) of pinning a pause where no punctuation is written: pauses fall at
/// commas and full stops more often than inside clauses.
const UNPUNCTUATED_S: f64 = 0.3;
/// Extra cost (seconds) of a boundary where the recognised words leave no silence.
const GAP_S: f64 = 0.3;
/// A full stop is likelier than a comma to carry a pause.
const COMMA_S: f64 = 0.1;
/// Recognised boundary times consistent with a pause: from a little before it starts to this
/// long after it ends (the recogniser runs late and stretches the word before a pause).
const EARLY_S: f64 = 0.1;
const LATE_S: f64 = 0.6;
/// Held vowels at most this far (seconds) from a stretch's edge are kept out of it.
const EDGE_S: f64 = 0.15;
/// How far (seconds) an "a" may sit from the held vowel it was written for.
const MISHEARD_S: f64 = 0.6;
/// Share of a held vowel that aligned words may cover before it is taken to be part of a word.
const MAX_WORD_COVER: f64 = 0.5;

fn gap_between(a: &Segment, b: &Segment) -> f64 {
    (a.start_s - b.end_s).max(b.start_s - a.end_s).max(0.0)
}

/// For each token, the index of the candidate it claims: for each written filled pause, the
/// held vowel nearest to where it was most likely said (the recogniser runs late, so a little
/// before its time), each candidate claimed once.
pub(crate) fn claim(toks: &[Token], cands: &[AcousticFiller]) -> Vec<Option<usize>> {
    let mut taken = vec![false; cands.len()];
    toks.iter()
        .map(|t| {
            if !t.filled_pause {
                return None;
            }
            let span = Segment {
                start_s: t.start_s,
                end_s: t.end_s,
            };
            let said = (t.start_s + t.end_s) / 2.0 - LATE_S / 2.0;
            // Candidates are in time order and at most 1.5 s long.
            let lo = cands.partition_point(|c| c.start_s < t.start_s - CLAIM_S - 2.0);
            let hi = cands.partition_point(|c| c.start_s <= t.end_s + CLAIM_S);
            let best = cands[lo..hi.max(lo)]
                .iter()
                .enumerate()
                .map(|(i, c)| (lo + i, c))
                .filter(|(i, c)| {
                    let seg = Segment {
                        start_s: c.start_s,
                        end_s: c.end_s,
                    };
                    !taken[*i] && gap_between(&span, &seg) <= CLAIM_S
                })
                .min_by(|(_, a), (_, b)| {
                    let da = ((a.start_s + a.end_s) / 2.0 - said).abs();
                    let db = ((b.start_s + b.end_s) / 2.0 - said).abs();
                    da.total_cmp(&db)
                })
                .map(|(i, _)| i);
            if let Some(i) = best {
                taken[i] = true;
            }
            best
        })
        .collect()
}

/// Recognised time of the boundary before token `b` (`b == n`: after the last token).
fn boundary_time(toks: &[Token], b: usize) -> f64 {
    match b {
        0 => toks[0].start_s,
        b if b == toks.len() => toks[b - 1].end_s,
        b => (toks[b - 1].end_s + toks[b].start_s) / 2.0,
    }
}

/// Pins each pause (in time order) to a word boundary: monotone, nearest in recognised time,
/// preferring written punctuation. Dynamic programming over a band of nearby boundaries, so
/// the cost stays linear in the answer's length.
/// Two pauses on one boundary leave the speech between them without words; that costs its
/// length, except where a held vowel (a dropped filler) explains it.
fn pin_pauses(toks: &[Token], pauses: &[Segment], keep_out: &[AcousticFiller]) -> Vec<usize> {
    let n = toks.len();
    // Non-decreasing by construction (running maximum), so bands can be found by search.
    let mut times: Vec<f64> = (0..=n).map(|b| boundary_time(toks, b)).collect();
    for b in 1..times.len() {
        times[b] = times[b].max(times[b - 1]);
    }
    let cost = |p: &Segment, b: usize| {
        let (lo, hi) = (p.start_s - EARLY_S, p.end_s + LATE_S);
        let miss = (lo - times[b]).max(times[b] - hi).max(0.0);
        let punct = match b.checked_sub(1).map(|k| toks[k].punct) {
            Some(Boundary::Sentence) | None => 0.0,
            Some(Boundary::Clause) => COMMA_S,
            Some(Boundary::None) => UNPUNCTUATED_S,
        };
        // A silence the recogniser itself left between the two words is strong evidence.
        let heard = if b > 0 && b < n {
            let gap = Segment {
                start_s: toks[b - 1].end_s,
                end_s: toks[b].start_s,
            };
            gap.overlap_s(p) / p.len_s().max(1e-6)
        } else {
            0.0
        };
        // Among equally plausible boundaries, the one nearest where a late recogniser puts it.
        miss + punct + GAP_S * (1.0 - heard) + 0.05 * (times[b] - (p.end_s + LATE_S / 2.0)).abs()
    };
    // Band of boundaries per pause: those within SEARCH_S in recognised time, or the nearest.
    let bands: Vec<(usize, usize)> = pauses
        .iter()
        .map(|p| {
            let c = (p.start_s + p.end_s) / 2.0;
            let lo = times.partition_point(|&t| t < c - SEARCH_S).min(n);
            let hi = times.partition_point(|&t| t <= c + SEARCH_S);
            if hi > lo {
                (lo, hi - 1)
            } else {
                (lo, lo)
            }
        })
        .collect();
    // best[p][k]: least cost with pause p at boundary bands[p].0 + k; from[p][k]: the previous
    // pause's boundary.
    let mut best: Vec<Vec<f64>> = Vec::with_capacity(pauses.len());
    let mut from: Vec<Vec<usize>> = Vec::with_capacity(pauses.len());
    for (p, pause) in pauses.iter().enumerate() {
        let (lo, hi) = bands[p];
        let mut row = Vec::with_capacity(hi - lo + 1);
        let mut back = Vec::with_capacity(hi - lo + 1);
        // Least cost of the previous pause at or before each boundary (prefix minimum).
        let prefix: Vec<(f64, usize)> = if p == 0 {
            Vec::new()
        } else {
            let plo = bands[p - 1].0;
            let mut acc = (f64::INFINITY, plo);
            best[p - 1]
                .iter()
                .enumerate()
                .map(|(k, &c)| {
                    if c < acc.0 {
                        acc = (c, plo + k);
                    }
                    acc
                })
                .collect()
        };
        let share = if p == 0 {
            0.0
        } else {
            let between = Segment {
                start_s: pauses[p - 1].end_s,
                end_s: pause.start_s,
            };
            let explained: f64 = keep_out
                .iter()
                .map(|c| {
                    between.overlap_s(&Segment {
                        start_s: c.start_s,
                        end_s: c.end_s,
                    })
                })
                .sum();
            (between.len_s() - explained).max(0.0)
        };
        for b in lo..=hi {
            let (prev_cost, prev_b) = if p == 0 {
                (0.0, 0)
            } else {
                let plo = bands[p - 1].0;
                // Strictly earlier boundaries from the prefix minimum; the same one at a cost.
                let earlier = match b.checked_sub(plo + 1) {
                    Some(k) => prefix[k.min(prefix.len() - 1)],
                    None => (f64::INFINITY, plo),
                };
                let same = best[p - 1]
                    .get(b.wrapping_sub(plo))
                    .map_or(f64::INFINITY, |c| c + share);
                if same < earlier.0 {
                    (same, b)
                } else {
                    earlier
                }
            };
            row.push(prev_cost + cost(pause, b));
            back.push(prev_b);
        }
        best.push(row);
        from.push(back);
    }
    let mut pins = vec![0; pauses.len()];
    if let Some(last) = best.last() {
        let mut k = last
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map(|(k, _)| k)
            .unwrap_or(0);
        for p in (0..pauses.len()).rev() {
            let b = bands[p].0 + k;
            pins[p] = b;
            if p > 0 {
                k = from[p][b - bands[p].0] - bands[p - 1].0;
            }
        }
    }
    pins
}

/// Moves the tokens' times onto the audio. `pauses` are the silent pauses inside `span`;
/// `keep_out` are held vowels no written word claims, which the words are kept off when they
/// sit at a stretch's edge. Pauses pinned to a boundary mark it as a clause boundary for the
/// context rules, as a comma would: "It was, [pause] like, [pause] huge" sets the filler off
/// even unpunctuated.
pub(crate) fn retime(
    toks: &mut [Token],
    span: &Segment,
    pauses: &[Segment],
    keep_out: &[AcousticFiller],
) {
    if toks.is_empty() {
        return;
    }
    let pins = pin_pauses(toks, pauses, keep_out);
    for &b in &pins {
        if b > 0 && toks[b - 1].after == Boundary::None {
            toks[b - 1].after = Boundary::Clause;
        }
    }
    let n = toks.len();
    let mut edges: Vec<(usize, Segment)> = Vec::with_capacity(pauses.len() + 2);
    edges.push((
        0,
        Segment {
            start_s: span.start_s,
            end_s: span.start_s,
        },
    ));
    edges.extend(pins.iter().copied().zip(pauses.iter().copied()));
    edges.push((
        n,
        Segment {
            start_s: span.end_s,
            end_s: span.end_s,
        },
    ));
    for w in edges.windows(2) {
        let (first, last) = (w[0].0, w[1].0);
        if first >= last {
            continue;
        }
        let (mut a, mut b) = (w[0].1.end_s, w[1].1.start_s);
        for c in keep_out {
            if (c.start_s - a).abs() <= EDGE_S && c.end_s < b {
                a = a.max(c.end_s);
            }
            if (b - c.end_s).abs() <= EDGE_S && c.start_s > a {
                b = b.min(c.start_s);
            }
        }
        if b <= a {
            continue;
        }
        let s0 = toks[first].start_s;
        let e0 = toks[last - 1].end_s.max(s0);
        let words = &mut toks[first..last];
        if e0 - s0 < 1e-3 {
            let d = (b - a) / words.len() as f64;
            for (k, t) in words.iter_mut().enumerate() {
                t.start_s = a + k as f64 * d;
                t.end_s = t.start_s + d;
            }
        } else {
            let scale = (b - a) / (e0 - s0);
            for t in words {
                t.start_s = a + (t.start_s - s0) * scale;
                t.end_s = a + (t.end_s - s0) * scale;
            }
        }
    }
}

/// Held vowels no written word claims and aligned words do not cover: the fillers the
/// recogniser dropped. A held vowel it wrote as the article "a" (Whisper's usual spelling of
/// a drawn-out "uh") is one of them too; the second list holds those tokens, to be removed.
pub(crate) fn dropped<'a>(
    toks: &[Token],
    cands: &'a [AcousticFiller],
    claimed: &[Option<usize>],
) -> (Vec<&'a AcousticFiller>, Vec<usize>) {
    let mut fillers = Vec::new();
    let mut misheard = Vec::new();
    let longest = super::spans::longest(toks);
    for (i, c) in cands.iter().enumerate() {
        if claimed.contains(&Some(i)) {
            continue;
        }
        let seg = Segment {
            start_s: c.start_s,
            end_s: c.end_s,
        };
        let covering: Vec<(usize, f64)> = super::spans::overlapping(toks, longest, &seg)
            .map(|k| (k, &toks[k]))
            .filter(|(_, t)| !t.filled_pause && t.end_s > seg.start_s && t.start_s < seg.end_s)
            .map(|(k, t)| {
                let o = seg.overlap_s(&Segment {
                    start_s: t.start_s,
                    end_s: t.end_s,
                });
                (k, o)
            })
            .collect();
        let covered: f64 = covering.iter().map(|(_, o)| o).sum();
        if covered <= MAX_WORD_COVER * seg.len_s() {
            fillers.push(c);
            continue;
        }
        // The recogniser's "a" for a held schwa sits near it, not necessarily on it: word
        // times inside a stretch are only interpolated. A schwa held this long is a filled
        // pause whatever it was written as.
        let centre = (c.start_s + c.end_s) / 2.0;
        let near = Segment {
            start_s: centre - MISHEARD_S,
            end_s: centre + MISHEARD_S,
        };
        let article = super::spans::overlapping(toks, longest, &near).find(|&k| {
            let t = &toks[k];
            t.norm == "a"
                && ((t.start_s + t.end_s) / 2.0 - centre).abs() <= MISHEARD_S
                && !misheard.contains(&k)
        });
        if let Some(k) = article {
            if c.label == "uh" && seg.len_s() >= 0.3 {
                fillers.push(c);
                misheard.push(k);
            }
        }
    }
    (fillers, misheard)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;
    use crate::domain::Word;

    fn word(text: &str, a: f64, b: f64) -> Word {
        Word {
            text: text.into(),
            start_s: a,
            end_s: b,
            probability: 1.0,
            filler: false,
        }
    }

    #[test]
    fn late_smeared_word_times_are_pinned_to_the_pause() {
        // Truth: "We shipped it." 1.0–2.0 s, pause 2.0–3.0, "Then we left." 3.0–4.0 s.
        // Recognised: half a second late, the first sentence smeared over the pause.
        let mut toks = tokenize(
            &[
                word(" We", 1.5, 1.8),
                word(" shipped", 1.8, 2.3),
                word(" it.", 2.3, 3.4),
                word(" Then", 3.5, 3.8),
                word(" we", 3.8, 4.1),
                word(" left.", 4.1, 4.5),
            ],
            0.4,
        );
        let span = Segment {
            start_s: 1.0,
            end_s: 4.0,
        };
        let pause = Segment {
            start_s: 2.0,
            end_s: 3.0,
        };
        retime(&mut toks, &span, &[pause], &[]);
        assert!((toks[0].start_s - 1.0).abs() < 1e-9);
        assert!((toks[2].end_s - 2.0).abs() < 1e-9, "{:?}", toks[2]);
        assert!((toks[3].start_s - 3.0).abs() < 1e-9);
        assert!((toks[5].end_s - 4.0).abs() < 1e-9);
    }

    #[test]
    fn written_filled_pauses_claim_the_nearest_held_vowel() {
        let toks = tokenize(&[word(" So,", 1.4, 2.0), word(" uh,", 2.1, 2.5)], 0.4);
        let cands = vec![AcousticFiller {
            label: "um",
            start_s: 1.3,
            end_s: 1.9,
        }];
        let claimed = claim(&toks, &cands);
        assert_eq!(claimed, vec![None, Some(0)]);
        assert!(dropped(&toks, &cands, &claimed).0.is_empty());
    }
}
