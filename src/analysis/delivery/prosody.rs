//! Voice: pitch variation (monotone or lively) and loudness (variation, fading at sentence
//! ends), measured over voiced speech inside the answer.

use super::features::AudioFeatures;
use super::report::{Energy, Pitch};
use super::tokens::{Boundary, Token};
use super::DeliverySettings;
use crate::audio::vad::Segment;

/// Less voiced speech than this gives no verdict on pitch or loudness.
const MIN_VOICED_S: f64 = 1.5;
/// The end of a sentence, where fading is judged.
const TAIL_S: f64 = 0.5;

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn sd(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / n).sqrt()
}

pub(crate) fn pitch(audio: &AudioFeatures, span: &Segment, s: &DeliverySettings) -> Pitch {
    let frames = audio.frames_of(span);
    let raw: Vec<Option<f64>> = frames
        .map(|i| {
            audio.pitch.frames[i]
                .f0_hz
                .map(|f| 12.0 * (f as f64 / 100.0).log2())
        })
        .collect();
    // A 5-frame median removes single-frame octave jumps before the spread is measured.
    let mut st: Vec<f64> = Vec::new();
    for i in 0..raw.len() {
        let Some(_) = raw[i] else { continue };
        let mut near: Vec<f64> = raw[i.saturating_sub(2)..(i + 3).min(raw.len())]
            .iter()
            .flatten()
            .copied()
            .collect();
        st.push(median(&mut near).expect("holds frame i"));
    }
    let voiced_s = st.len() as f64 * audio.frame_s();
    let threshold = s.monotone_max_semitones;
    let norm = format!(
        "F0 s.d. of at least {threshold:.1} semitones over voiced speech; below sounds monotone \
         (after Hincks 2005, pitch variation quotient)"
    );
    if voiced_s < MIN_VOICED_S {
        return Pitch {
            median_hz: None,
            variation_semitones: None,
            range_semitones: None,
            voiced_s,
            monotone: false,
            norm,
            tip: "Too little voiced speech to judge pitch.".into(),
        };
    }
    let variation = sd(&st);
    st.sort_by(f64::total_cmp);
    let range = quantile(&st, 0.95) - quantile(&st, 0.05);
    let med = quantile(&st, 0.5);
    let monotone = variation < threshold;
    let tip = if monotone {
        format!(
            "Your pitch varies by only {variation:.1} semitones. Lift your voice on the word that \
             carries each sentence's point (the number, the decision) and let it fall at the end."
        )
    } else {
        format!("Pitch varies by {variation:.1} semitones: lively. Keep stressing the key words.")
    };
    Pitch {
        median_hz: Some(round1(100.0 * 2f64.powf(med / 12.0))),
        variation_semitones: Some(round2(variation)),
        range_semitones: Some(round2(range)),
        voiced_s: round2(voiced_s),
        monotone,
        norm,
        tip,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Sentences in time: from the transcript's sentence punctuation when there is a transcript,
/// else the stretches of speech between pauses of half a second or more. Ends are snapped to
/// the end of the speech they fall in, because recognised word times drift.
fn sentences(toks: &[Token], speech: &[Segment], span: &Segment) -> Vec<Segment> {
    // Speech segments are in order and disjoint: the last one ending by then.
    let snap_end = |t: f64| {
        let k = speech.partition_point(|s| s.end_s <= t + 0.3);
        k.checked_sub(1).map_or(t, |k| speech[k].end_s)
    };
    let mut out = Vec::new();
    if toks.iter().any(|t| t.punct == Boundary::Sentence) {
        let mut start = toks[0].start_s.max(span.start_s);
        for (i, t) in toks.iter().enumerate() {
            if t.punct == Boundary::Sentence {
                out.push(Segment {
                    start_s: start,
                    end_s: snap_end(t.end_s).min(span.end_s),
                });
                if let Some(n) = toks.get(i + 1) {
                    start = n.start_s;
                }
            }
        }
    } else {
        let inside: Vec<&Segment> = speech
            .iter()
            .filter(|s| s.start_s >= span.start_s - 1e-9 && s.end_s <= span.end_s + 1e-9)
            .collect();
        let mut cur: Option<Segment> = None;
        for s in inside {
            cur = match cur {
                Some(c) if s.start_s - c.end_s < 0.5 => Some(Segment {
                    start_s: c.start_s,
                    end_s: s.end_s,
                }),
                Some(c) => {
                    out.push(c);
                    Some(*s)
                }
                None => Some(*s),
            };
        }
        out.extend(cur);
    }
    out
}

pub(crate) fn energy(
    audio: &AudioFeatures,
    toks: &[Token],
    speech: &[Segment],
    span: &Segment,
    s: &DeliverySettings,
) -> Energy {
    let norm = format!(
        "Sentence ends within {:.0} dB of the rest of the sentence; loudness that moves with \
         emphasis (a few dB between syllables)",
        s.fade_drop_db
    );
    let voiced_db = |seg: &Segment| -> Vec<f64> {
        audio
            .frames_of(seg)
            .filter(|&i| audio.pitch.frames[i].f0_hz.is_some())
            .map(|i| audio.vad.energy_db[i] as f64)
            .collect()
    };
    // Syllable nuclei: the loudest frame of each voiced run.
    let mut peaks = Vec::new();
    let mut run_peak: Option<f64> = None;
    for i in audio.frames_of(span) {
        match (audio.pitch.frames[i].f0_hz, run_peak) {
            (Some(_), p) => {
                let e = audio.vad.energy_db[i] as f64;
                run_peak = Some(p.map_or(e, |p| p.max(e)));
            }
            (None, Some(p)) => {
                peaks.push(p);
                run_peak = None;
            }
            (None, None) => {}
        }
    }
    peaks.extend(run_peak);
    let variation = (peaks.len() >= 5).then(|| round2(sd(&peaks)));

    let min_frames = (TAIL_S / audio.frame_s()) as usize / 2;
    let mut drops = Vec::new();
    for sent in sentences(toks, speech, span) {
        if sent.len_s() < 3.0 * TAIL_S {
            continue;
        }
        let cut = sent.end_s - TAIL_S;
        let mut body = voiced_db(&Segment {
            start_s: sent.start_s,
            end_s: cut,
        });
        let mut tail = voiced_db(&Segment {
            start_s: cut,
            end_s: sent.end_s,
        });
        if body.len() < 2 * min_frames || tail.len() < min_frames / 2 {
            continue;
        }
        if let (Some(b), Some(t)) = (median(&mut body), median(&mut tail)) {
            drops.push(b - t);
        }
    }
    let end_drop = median(&mut drops.clone());
    let fading = drops.len() >= 2 && end_drop.is_some_and(|d| d >= s.fade_drop_db);
    let tip = if fading {
        format!(
            "Your voice drops about {:.0} dB at the ends of sentences, where results and numbers \
             usually sit. Aim the last word at the back of the room.",
            end_drop.unwrap_or_default()
        )
    } else if variation.is_some_and(|v| v < 2.0) {
        "Loudness hardly changes. Say the word that matters in each sentence a little louder."
            .into()
    } else if drops.is_empty() {
        "Not enough complete sentences to judge whether your voice fades.".into()
    } else {
        "Sentence endings stay audible. Keep finishing strong.".into()
    };
    Energy {
        variation_db: variation,
        end_drop_db: end_drop.map(round2),
        sentences_checked: drops.len() as u32,
        fading,
        norm,
        tip,
    }
}
