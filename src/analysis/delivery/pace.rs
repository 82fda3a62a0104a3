//! Pace: words per minute over the answer and over speaking time, and a rolling timeline that
//! shows where the speaker rushed or dragged.

use super::report::{Pace, PacePoint, PaceVerdict};
use super::DeliverySettings;
use crate::audio::vad::Segment;

/// A spoken word (or filler) placed in time, for counting.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timed {
    pub at_s: f64,
    pub words: u32,
}

pub(crate) fn verdict(wpm: f64, s: &DeliverySettings) -> PaceVerdict {
    if wpm < s.pace_min_wpm {
        PaceVerdict::Slow
    } else if wpm > s.pace_max_wpm {
        PaceVerdict::Fast
    } else {
        PaceVerdict::Ok
    }
}

pub(crate) fn per_minute(count: f64, seconds: f64) -> f64 {
    if seconds > 0.0 {
        count * 60.0 / seconds
    } else {
        0.0
    }
}

/// Rolling-window pace. Windows of `pace_window_s` step by `pace_step_s` across the answer;
/// an answer shorter than one window gets one point over all of it. `words` must be in time
/// order.
pub(crate) fn timeline(words: &[Timed], span: &Segment, s: &DeliverySettings) -> Vec<PacePoint> {
    let total = span.len_s();
    if total <= 0.0 {
        return Vec::new();
    }
    let win = s.pace_window_s.min(total);
    let step = s.pace_step_s.max(0.5);
    let mut points = Vec::new();
    let mut start = span.start_s;
    loop {
        let end = (start + win).min(span.end_s);
        let lo = words.partition_point(|w| w.at_s < start);
        let hi = words.partition_point(|w| w.at_s < end);
        let count: u32 = words[lo..hi.max(lo)].iter().map(|w| w.words).sum();
        let wpm = per_minute(count as f64, end - start);
        points.push(PacePoint {
            start_s: super::pauses::round3(start),
            end_s: super::pauses::round3(end),
            wpm: round1(wpm),
            verdict: verdict(wpm, s),
        });
        if end >= span.end_s - 1e-9 {
            break;
        }
        start = (start + step).min(span.end_s - win);
    }
    points
}

pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(crate) fn summarise(
    wpm: f64,
    articulation_wpm: f64,
    timeline: Vec<PacePoint>,
    s: &DeliverySettings,
) -> Pace {
    let n = timeline.len().max(1) as f64;
    let fast = timeline
        .iter()
        .filter(|p| p.verdict == PaceVerdict::Fast)
        .count();
    let slow = timeline
        .iter()
        .filter(|p| p.verdict == PaceVerdict::Slow)
        .count();
    let v = verdict(wpm, s);
    let (lo, hi) = (s.pace_min_wpm, s.pace_max_wpm);
    let rushed = timeline
        .iter()
        .filter(|p| p.verdict == PaceVerdict::Fast)
        .max_by(|a, b| a.wpm.total_cmp(&b.wpm));
    let tip = match v {
        PaceVerdict::Fast => format!(
            "At {wpm:.0} wpm you are above the {lo:.0}–{hi:.0} band. After each key point, stop \
             for one full breath before the next sentence."
        ),
        PaceVerdict::Slow => format!(
            "At {wpm:.0} wpm you are below the {lo:.0}–{hi:.0} band. Sketch the answer's three \
             beats before you start so you are not searching for words mid-sentence."
        ),
        PaceVerdict::Ok => match rushed {
            Some(p) => format!(
                "Pace is in the band overall, but you sped up to {:.0} wpm around {}–{} s. \
                 Slow down when you reach the part you know best.",
                p.wpm, p.start_s as i64, p.end_s as i64
            ),
            None => format!("{wpm:.0} wpm sits in the comfortable band. Keep it."),
        },
    };
    Pace {
        wpm,
        articulation_wpm,
        band_wpm: [lo, hi],
        verdict: v,
        fast_share: round1(fast as f64 / n * 100.0) / 100.0,
        slow_share: round1(slow as f64 / n * 100.0) / 100.0,
        timeline,
        norm: format!("{lo:.0}–{hi:.0} words per minute (Microsoft Speaker Coach)"),
        tip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_shows_a_rushed_stretch() {
        let s = DeliverySettings::default();
        // 30 s: 2 words/s for 15 s (120 wpm), then 3.5 words/s (210 wpm).
        let mut words = Vec::new();
        for k in 0..30 {
            words.push(Timed {
                at_s: k as f64 * 0.5,
                words: 1,
            });
        }
        for k in 0..52 {
            words.push(Timed {
                at_s: 15.0 + k as f64 / 3.5,
                words: 1,
            });
        }
        let span = Segment {
            start_s: 0.0,
            end_s: 30.0,
        };
        let t = timeline(&words, &span, &s);
        assert_eq!(t.len(), 4, "{t:?}");
        assert_eq!(t[0].verdict, PaceVerdict::Ok);
        assert!((t[0].wpm - 120.0).abs() < 1.0);
        assert_eq!(t[3].verdict, PaceVerdict::Fast);
        assert!((t[3].wpm - 208.0).abs() < 5.0, "{}", t[3].wpm);
        let p = summarise(160.0, 170.0, t, &s);
        assert_eq!(p.verdict, PaceVerdict::Ok);
        assert!(p.tip.contains("sped up"), "{}", p.tip);
    }

    #[test]
    fn short_answer_gets_one_point() {
        let s = DeliverySettings::default();
        let words: Vec<Timed> = (0..5)
            .map(|k| Timed {
                at_s: 0.1 + k as f64 * 0.2,
                words: 1,
            })
            .collect();
        let span = Segment {
            start_s: 0.0,
            end_s: 1.0,
        };
        let t = timeline(&words, &span, &s);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].wpm, 300.0);
    }
}
