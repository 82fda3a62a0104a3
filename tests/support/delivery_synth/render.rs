//! Rendering one scripted answer with espeak-ng, and its ground truth.

use std::process::Command;

use super::{
    filled_pause_phonemes, Synth, SynthError, Truth, TruthFiller, TruthWord, Voice, COMMA_S,
    EDGE_S, FILLER_MAX_WPM, SENTENCE_S, SR,
};

/// One espeak-ng call: 16 kHz mono samples with leading and trailing silence cut.
pub fn espeak(text: &str, voice: &str, wpm: u32) -> Result<Vec<f32>, SynthError> {
    espeak_with(text, voice, wpm, &[])
}

/// As [`espeak`] with extra espeak-ng arguments (e.g. `-m` for SSML markup).
pub fn espeak_with(
    text: &str,
    voice: &str,
    wpm: u32,
    extra: &[&str],
) -> Result<Vec<f32>, SynthError> {
    let out = Command::new("espeak-ng")
        .args(["-v", voice, "-s", &wpm.to_string(), "--stdout"])
        .args(extra)
        .arg(text)
        .output()
        .map_err(|e| SynthError(format!("espeak-ng could not run ({e}); install espeak-ng")))?;
    if !out.status.success() {
        return Err(SynthError(format!(
            "espeak-ng failed for {text:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    let (rate, pcm) = parse_wav(&out.stdout)?;
    let x = rehearse::audio::resample::to_16k(&pcm, rate)
        .map_err(|e| SynthError(format!("resampling espeak output: {e}")))?;
    Ok(trim(&x).to_vec())
}

/// espeak-ng writes 16-bit mono PCM; with --stdout the data size in the header is unknown, so
/// the data chunk runs to the end.
fn parse_wav(bytes: &[u8]) -> Result<(u32, Vec<f32>), SynthError> {
    if bytes.len() < 44 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err(SynthError("espeak-ng output is not a WAV".into()));
    }
    let mut pos = 12;
    let mut rate = 0;
    while pos + 8 <= bytes.len() {
        let id = &bytes[pos..pos + 4];
        let size = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap()) as usize;
        if id == b"fmt " {
            rate = u32::from_le_bytes(bytes[pos + 12..pos + 16].try_into().unwrap());
        } else if id == b"data" {
            let data = &bytes[pos + 8..];
            let pcm = data
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]) as f32 / 32768.0)
                .collect();
            return Ok((rate, pcm));
        }
        pos += 8 + size;
    }
    Err(SynthError("espeak-ng WAV has no data chunk".into()))
}

/// Cuts silence (|x| < 0.002, about −54 dBFS) off both ends.
fn trim(x: &[f32]) -> &[f32] {
    let loud = |v: &f32| v.abs() > 0.002;
    match (x.iter().position(loud), x.iter().rposition(loud)) {
        (Some(a), Some(b)) => &x[a..=b],
        _ => &[],
    }
}

enum Piece {
    /// Words of one phrase, each with its discourse-filler label if it belongs to one.
    Phrase(Vec<(String, Option<String>)>),
    Filled(String),
    Silence(f64),
}

fn parse(script: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut phrase: Vec<(String, Option<String>)> = Vec::new();
    let mut bracket: Option<Vec<String>> = None;
    let flush = |phrase: &mut Vec<(String, Option<String>)>, pieces: &mut Vec<Piece>| {
        if !phrase.is_empty() {
            pieces.push(Piece::Phrase(std::mem::take(phrase)));
        }
    };
    for raw in script.split_whitespace() {
        if let Some(inner) = raw.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            flush(&mut phrase, &mut pieces);
            pieces.push(Piece::Silence(inner.parse().expect("silence length")));
            continue;
        }
        if let Some(inner) = raw.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            flush(&mut phrase, &mut pieces);
            pieces.push(Piece::Filled(inner.to_string()));
            continue;
        }
        let mut word = raw.to_string();
        let opens = word.starts_with('[');
        if opens {
            word.remove(0);
            bracket = Some(Vec::new());
        }
        let closes = word.contains(']');
        word = word.replace(']', "");
        if let Some(b) = bracket.as_mut() {
            b.push(word.clone());
        }
        let label = bracket.as_ref().map(|_| String::new());
        phrase.push((word.clone(), label));
        if closes {
            // Label every word of the bracket with the whole filler ("you know").
            let words = bracket.take().unwrap();
            let label: String = words
                .iter()
                .map(|w| {
                    w.chars()
                        .filter(|c| c.is_alphanumeric() || *c == '\'')
                        .collect::<String>()
                        .to_lowercase()
                })
                .collect::<Vec<_>>()
                .join(" ");
            let n = words.len();
            let len = phrase.len();
            for item in &mut phrase[len - n..] {
                item.1 = Some(label.clone());
            }
        }
        let ends = word.ends_with(['.', '?', '!']);
        if word.ends_with(',') || ends {
            flush(&mut phrase, &mut pieces);
            pieces.push(Piece::Silence(if ends { -SENTENCE_S } else { -COMMA_S }));
        }
    }
    flush(&mut phrase, &mut pieces);
    // A punctuation pause (stored negative) gives way to an explicit silence right after it.
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match (out.last(), &p) {
            (Some(Piece::Silence(prev)), Piece::Silence(_)) if *prev < 0.0 => {
                out.pop();
                out.push(p);
            }
            (Some(Piece::Silence(_)), Piece::Silence(s)) if *s < 0.0 => {}
            _ => out.push(p),
        }
    }
    out.into_iter()
        .map(|p| match p {
            Piece::Silence(s) => Piece::Silence(s.abs()),
            other => other,
        })
        .collect()
}

/// Renders `script` with `voice`: audio plus its ground truth.
pub fn render(name: &str, script: &str, voice: Voice) -> Result<Synth, SynthError> {
    let mut samples = vec![0.0f32; (EDGE_S * SR as f64) as usize];
    let mut truth = Truth::default();
    let now = |s: &Vec<f32>| s.len() as f64 / SR as f64;
    let mut last_end: Option<f64> = None;
    for piece in parse(script) {
        match piece {
            Piece::Silence(s) => samples.extend(vec![0.0; (s * SR as f64).round() as usize]),
            Piece::Filled(kind) => {
                let ph = filled_pause_phonemes(&kind)
                    .ok_or_else(|| SynthError(format!("unknown filled pause {{{kind}}}")))?;
                let audio = espeak(ph, voice.name, voice.wpm.min(FILLER_MAX_WPM))?;
                let start = now(&samples);
                if let Some(e) = last_end {
                    truth.pauses.push((e, start));
                }
                samples.extend(audio);
                let end = now(&samples);
                truth.fillers.push(TruthFiller {
                    kind,
                    start_s: start,
                    end_s: end,
                    filled: true,
                });
                truth.spoken_words += 1;
                last_end = Some(end);
            }
            Piece::Phrase(words) => {
                let text: Vec<String> = words
                    .iter()
                    .map(|(w, _)| {
                        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                            .to_string()
                    })
                    .collect();
                let audio = espeak(&text.join(" "), voice.name, voice.wpm)?;
                let start = now(&samples);
                if let Some(e) = last_end {
                    truth.pauses.push((e, start));
                }
                samples.extend(audio);
                let end = now(&samples);
                // Spread word times by length: a word takes about its letters plus a beat.
                let weights: Vec<f64> = text.iter().map(|w| w.len() as f64 + 2.0).collect();
                let total: f64 = weights.iter().sum();
                let mut t = start;
                for ((w, label), weight) in words.iter().zip(&weights) {
                    let d = (end - start) * weight / total;
                    truth.words.push(TruthWord {
                        text: w.clone(),
                        start_s: t,
                        end_s: t + d,
                    });
                    if let Some(l) = label {
                        match truth.fillers.last_mut() {
                            Some(f) if !f.filled && &f.kind == l && (f.end_s - t).abs() < 1e-6 => {
                                f.end_s = t + d
                            }
                            _ => truth.fillers.push(TruthFiller {
                                kind: l.clone(),
                                start_s: t,
                                end_s: t + d,
                                filled: false,
                            }),
                        }
                    }
                    t += d;
                }
                truth.spoken_words += words.len() as u32;
                last_end = Some(end);
            }
        }
    }
    let first = truth
        .words
        .iter()
        .map(|w| w.start_s)
        .chain(truth.fillers.iter().map(|f| f.start_s))
        .fold(f64::INFINITY, f64::min);
    truth.start_s = first;
    truth.end_s = last_end.unwrap_or(first);
    samples.extend(vec![0.0; (EDGE_S * SR as f64) as usize]);
    Ok(Synth {
        name: name.to_string(),
        voice,
        samples,
        truth,
    })
}
