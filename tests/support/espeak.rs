//! Speech made at test time with espeak-ng, with known timing (used via `#[path]`).

use std::path::Path;
use std::process::Command;

pub const SR: usize = 16_000;

/// Synthesizes `text` at `wpm` with `voice` and returns 16 kHz mono f32 samples.
pub fn speak(text: &str, voice: &str, wpm: u32, dir: &Path) -> Vec<f32> {
    let raw = dir.join(format!("espeak-{}.wav", fastish_hash(text, voice, wpm)));
    let status = Command::new("espeak-ng")
        .args(["-v", voice, "-s", &wpm.to_string(), "-w"])
        .arg(&raw)
        .arg(text)
        .status()
        .expect("espeak-ng must be installed (cargo xtask setup installs it)");
    assert!(status.success(), "espeak-ng failed for {text:?}");
    rehearse::audio::wav::read_16k_mono(&raw).expect("espeak output is a readable WAV")
}

/// Index of the first sample whose 10 ms frame is clearly above silence.
pub fn onset(samples: &[f32]) -> usize {
    let frame = SR / 100;
    samples
        .chunks(frame)
        .position(|c| c.iter().map(|s| s * s).sum::<f32>() / c.len() as f32 > 1e-5)
        .map(|i| i * frame)
        .unwrap_or(0)
}

pub fn silence(seconds: f64) -> Vec<f32> {
    vec![0.0; (seconds * SR as f64) as usize]
}

fn fastish_hash(text: &str, voice: &str, wpm: u32) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (text, voice, wpm).hash(&mut h);
    h.finish()
}

/// Lower-case words without punctuation, for word error rate.
pub fn normalise(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '\'')
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Word error rate: word-level Levenshtein distance over the reference length.
pub fn wer(reference: &[String], hypothesis: &[String]) -> f64 {
    let (n, m) = (reference.len(), hypothesis.len());
    let mut prev: Vec<usize> = (0..=m).collect();
    for i in 1..=n {
        let mut cur = vec![i; m + 1];
        for j in 1..=m {
            let sub = prev[j - 1] + usize::from(reference[i - 1] != hypothesis[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[m] as f64 / n.max(1) as f64
}
