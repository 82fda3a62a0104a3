//! Splitting long audio into decoder windows at quiet moments.
//!
//! Whisper decodes 30-second windows. With timestamps off (needed to keep "um"/"uh"), whisper.cpp
//! cannot seek inside a window, so a word straddling a window edge is lost or garbled. Cutting at
//! the quietest short stretch near the end of each window avoids that.

use std::ops::Range;

pub const SAMPLE_RATE: usize = 16_000;
/// Longest window handed to the decoder; below Whisper's 30 s so nothing is truncated.
pub const MAX_WINDOW_S: f64 = 28.0;
/// Where to start looking for a quiet cut inside a long window.
const SEARCH_FROM_S: f64 = 18.0;
/// Length of the quiet stretch looked for.
const PROBE_S: f64 = 0.2;

/// Ranges of sample indices covering `samples` in order, each at most `MAX_WINDOW_S` long.
pub fn windows(samples: &[f32]) -> Vec<Range<usize>> {
    let max = (MAX_WINDOW_S * SAMPLE_RATE as f64) as usize;
    let search_from = (SEARCH_FROM_S * SAMPLE_RATE as f64) as usize;
    let probe = (PROBE_S * SAMPLE_RATE as f64) as usize;
    let hop = probe / 4;
    let mut out = Vec::new();
    let mut start = 0;
    while start < samples.len() {
        if samples.len() - start <= max {
            out.push(start..samples.len());
            break;
        }
        // Quietest probe window in [start+search_from, start+max), by mean energy.
        let mut best = start + max;
        let mut best_energy = f64::INFINITY;
        let mut pos = start + search_from;
        while pos + probe <= start + max {
            let e: f64 = samples[pos..pos + probe]
                .iter()
                .map(|&s| f64::from(s) * f64::from(s))
                .sum::<f64>()
                / probe as f64;
            if e < best_energy {
                best_energy = e;
                best = pos + probe / 2;
            }
            pos += hop;
        }
        out.push(start..best);
        start = best;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(len_s: f64) -> Vec<f32> {
        (0..(len_s * SAMPLE_RATE as f64) as usize)
            .map(|i| (i as f32 * 0.05).sin() * 0.5)
            .collect()
    }

    #[test]
    fn short_audio_is_one_window() {
        assert_eq!(windows(&tone(5.0)), vec![0..80_000]);
        assert!(windows(&[]).is_empty());
    }

    #[test]
    fn long_audio_is_cut_in_the_silence() {
        let mut a = tone(22.0);
        a.extend(std::iter::repeat_n(0.0, SAMPLE_RATE)); // silence 22–23 s
        a.extend(tone(30.0));
        let w = windows(&a);
        assert!(w.len() >= 2);
        let cut = w[0].end as f64 / SAMPLE_RATE as f64;
        assert!((22.0..23.0).contains(&cut), "cut at {cut}");
        // Windows tile the input exactly and none is too long.
        assert_eq!(w.first().unwrap().start, 0);
        assert_eq!(w.last().unwrap().end, a.len());
        for pair in w.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for r in &w {
            assert!(r.len() <= (MAX_WINDOW_S * SAMPLE_RATE as f64) as usize);
        }
    }
}
