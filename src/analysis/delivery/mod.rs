//! Delivery analysis: how the answer sounded. Pace, fillers, pauses, hedges, repetitions,
//! length, pitch and loudness, each against a cited norm with a tip, and a 0–100 score.
//!
//! Pure functions over the transcript (words with times) and the 16 kHz mono samples. Audio is
//! processed in 10 ms frames and only per-frame features are kept, so memory stays bounded on
//! long answers (a 30-minute answer needs a few MB beyond the caller's samples).

mod acoustic;
mod align;
mod context;
mod features;
mod fillers;
mod hedges;
mod pace;
mod pauses;
mod prosody;
mod repetition;
mod report;
mod score;
mod settings;
mod spans;
mod summary;
mod tokens;

use std::borrow::Cow;

pub use report::*;
pub use settings::DeliverySettings;
pub use tokens::spoken_words;

use crate::domain::Transcript;
use crate::progress::{Progress, ProgressFn};
use features::AudioFeatures;
use pace::{per_minute, round1, Timed};
use pauses::round3;

/// Analyses the delivery of one answer. `samples_16k` is the answer's audio, 16 kHz mono;
/// `target` the card's answer-length window, if any.
pub fn analyze_delivery(
    transcript: &Transcript,
    samples_16k: &[f32],
    settings: &DeliverySettings,
    target: Option<TargetWindow>,
) -> DeliveryReport {
    analyze_delivery_with_progress(transcript, samples_16k, settings, target, &mut |_| {})
}

/// As [`analyze_delivery`], reporting progress (stages "voice activity", "pitch", "text") in
/// samples processed; long answers take a few seconds.
pub fn analyze_delivery_with_progress(
    transcript: &Transcript,
    samples_16k: &[f32],
    settings: &DeliverySettings,
    target: Option<TargetWindow>,
    progress: ProgressFn<'_>,
) -> DeliveryReport {
    let mut notes = Vec::new();
    // NaN or infinite samples (a broken decoder) would poison every sum; treat them as silence.
    let invalid = samples_16k.iter().filter(|x| !x.is_finite()).count();
    let samples: Cow<[f32]> = if invalid == 0 {
        Cow::Borrowed(samples_16k)
    } else {
        Cow::Owned(
            samples_16k
                .iter()
                .map(|&x| if x.is_finite() { x } else { 0.0 })
                .collect(),
        )
    };
    let audio = AudioFeatures::compute(&samples, settings, progress);
    if invalid > 0 {
        notes.push(format!(
            "{invalid} sample(s) were not numbers (NaN or infinite) and were treated as silence."
        ));
    }
    if audio.clipped_share > 0.001 {
        notes.push(format!(
            "The recording is clipped ({:.1}% of samples at full scale): move back from the \
             microphone or lower its gain. Loudness figures are unreliable.",
            audio.clipped_share * 100.0
        ));
    }

    let mut toks = tokens::tokenize(&transcript.words, settings.boundary_gap_s);
    let candidates = if settings.acoustic_fillers {
        acoustic::candidates(&audio, settings)
    } else {
        Vec::new()
    };
    let claimed = align::claim(&toks, &candidates);
    let unclaimed: Vec<acoustic::AcousticFiller> = candidates
        .iter()
        .enumerate()
        .filter(|(i, _)| !claimed.contains(&Some(*i)))
        .map(|(_, c)| c.clone())
        .collect();
    let speech = pauses::speech_segments(&audio, &toks);
    let span = pauses::answer_span(&speech, &toks, &unclaimed);
    // With audio, speech must be heard: words over silence or noise are the recogniser's
    // hallucination ("Thank you."). Without audio the transcript's times stand alone.
    let speech_found = if samples.is_empty() {
        !toks.is_empty()
    } else {
        !speech.is_empty()
    };
    let span = match span {
        Some(s) if speech_found => s,
        _ => crate::audio::vad::Segment {
            start_s: 0.0,
            end_s: 0.0,
        },
    };
    if !speech_found {
        notes.push("No speech was found in the recording.".into());
        if !toks.is_empty() {
            notes.push(format!(
                "The transcript has {} word(s) but the audio holds no speech; they were ignored \
                 as a recognition artefact.",
                toks.len()
            ));
        }
        toks.clear();
    } else if samples.is_empty() {
        notes.push(
            "No audio: pauses and voice are not measured; times come from the transcript.".into(),
        );
    }
    let duration = span.len_s();
    let minutes = duration / 60.0;
    if speech_found && duration < 10.0 {
        notes.push(format!(
            "The answer is only {duration:.1} s long: rates per minute are rough."
        ));
    }

    let gaps = if speech_found {
        pauses::gaps(&speech, &span, settings)
    } else {
        Vec::new()
    };
    align::retime(&mut toks, &span, &gaps, &unclaimed);
    for (t, c) in toks.iter_mut().zip(&claimed) {
        if let Some(i) = c {
            t.start_s = candidates[*i].start_s;
            t.end_s = candidates[*i].end_s;
        }
    }
    let (acoustic, misheard) = if speech_found {
        align::dropped(&toks, &candidates, &claimed)
    } else {
        (Vec::new(), Vec::new())
    };
    // Tokens that were a held "uh" heard as "a" give way to the audio filler.
    let mut k = 0;
    toks.retain(|_| {
        k += 1;
        !misheard.contains(&(k - 1))
    });
    let pauses = pauses::describe(&gaps, &toks, settings);
    // Context is judged after alignment, when pauses in the audio count as boundaries too.
    let mut text_fillers = fillers::find(&toks);
    let ignored = |label: &str| {
        settings
            .ignored_fillers
            .iter()
            .any(|i| i.trim().eq_ignore_ascii_case(label))
    };
    text_fillers.retain(|h| !ignored(h.label));
    let paused: f64 = pauses.iter().map(|p| p.length_s).sum();
    let speaking = (duration - paused).max(0.0);

    // Words as spoken, placed in time: transcript words and fillers heard only in the audio.
    let mut timed: Vec<Timed> = toks
        .iter()
        .map(|t| Timed {
            at_s: (t.start_s + t.end_s) / 2.0,
            words: t.spoken,
        })
        .collect();
    timed.extend(acoustic.iter().map(|f| Timed {
        at_s: (f.start_s + f.end_s) / 2.0,
        words: 1,
    }));
    let word_count: u32 = if speech_found {
        timed.iter().map(|t| t.words).sum()
    } else {
        0
    };
    let wpm = round1(per_minute(word_count as f64, duration));
    let articulation_wpm = round1(per_minute(word_count as f64, speaking));
    timed.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
    let timeline = pace::timeline(&timed, &span, settings);
    let pace = pace::summarise(wpm, articulation_wpm, timeline, settings);

    let mut filler_items: Vec<FillerItem> = text_fillers
        .iter()
        .map(|h| FillerItem {
            text: h.label.to_string(),
            start_s: round3(toks[h.first].start_s),
            end_s: round3(toks[h.last].end_s),
            source: FillerSource::Transcript,
        })
        .collect();
    filler_items.extend(
        acoustic
            .iter()
            .filter(|f| !ignored(f.label))
            .map(|f| FillerItem {
                text: f.label.to_string(),
                start_s: round3(f.start_s),
                end_s: round3(f.end_s),
                source: FillerSource::Audio,
            }),
    );
    filler_items.extend(
        fillers::find_phrases(&toks, &settings.extra_fillers, &text_fillers)
            .into_iter()
            .map(|(label, first, last)| FillerItem {
                text: label,
                start_s: round3(toks[first].start_s),
                end_s: round3(toks[last].end_s),
                source: FillerSource::Transcript,
            }),
    );
    filler_items.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
    let fillers = summary::fillers(filler_items, minutes, settings);

    progress(Progress {
        stage: "text",
        done: samples.len() as u64,
        total: Some(samples.len() as u64),
    });
    let text_of = |a: usize, b: usize| {
        (a..=b)
            .map(|k| toks[k].norm.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let hedge_items = hedges::find(&toks, &text_fillers)
        .into_iter()
        .map(|h| TextItem {
            text: h.label.to_string(),
            start_s: round3(toks[h.first].start_s),
            end_s: round3(toks[h.last].end_s),
        })
        .collect();
    let hedges = summary::hedges(hedge_items, minutes, settings);
    let rep_items = repetition::find(&toks, &text_fillers)
        .into_iter()
        .map(|r| RepetitionItem {
            text: text_of(r.first, r.last),
            kind: r.kind.to_string(),
            start_s: round3(toks[r.first].start_s),
            end_s: round3(toks[r.last].end_s),
        })
        .collect();
    let repetitions = summary::repetitions(rep_items, minutes, settings);
    let pausing = summary::pausing(&pauses, minutes, settings);
    let length = target
        .filter(|_| speech_found)
        .map(|t| summary::length(duration, t));
    let pitch = prosody::pitch(&audio, &span, settings);
    let mut energy = prosody::energy(&audio, &toks, &speech, &span, settings);
    if audio.clipped_share > 0.001 {
        // Clipping flattens peaks, so loudness cannot be judged.
        energy.variation_db = None;
        energy.end_drop_db = None;
        energy.fading = false;
    }

    let bad_pauses = pauses
        .iter()
        .filter(|p| {
            (p.mid_sentence && p.length_s >= 0.5) || p.length_s >= settings.very_long_pause_s
        })
        .count() as u32;
    let score = if speech_found {
        score::score(
            &score::Inputs {
                minutes,
                pace: &pace,
                fillers: &fillers,
                bad_pauses,
                hedges: &hedges,
                repetitions: &repetitions,
                length: length.as_ref(),
                pitch: &pitch,
                energy: &energy,
            },
            settings,
        )
    } else {
        Score {
            score: 0,
            breakdown: Vec::new(),
        }
    };

    DeliveryReport {
        wpm,
        articulation_wpm,
        fillers,
        pauses,
        speech_found,
        word_count,
        answer: Span {
            start_s: round3(span.start_s),
            end_s: round3(span.end_s),
            duration_s: round3(duration),
        },
        speaking_time_s: round3(speaking),
        pace,
        pausing,
        hedges,
        repetitions,
        length,
        energy,
        pitch,
        score,
        notes,
    }
}
