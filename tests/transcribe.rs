//! The real Whisper model on speech synthesized at test time: word error rate and word timing.

#[path = "support/espeak.rs"]
mod espeak;

use espeak::{normalise, onset, silence, speak, wer, SR};
use rehearse::asr::engine::{Engine, TranscribeOptions};

#[path = "support/test_model.rs"]
mod test_model;
use test_model::model;

const SENTENCES: &[&str] = &[
    "Last spring I led the migration of our billing system to a new database.",
    "I missed a data mapping problem in the legacy export, and the launch slipped by two days.",
    "I told the stakeholders within an hour and proposed a revised plan.",
    "We validated every record overnight and launched one day late instead of two.",
    "Since then I run a data integrity checklist before every migration.",
];

#[test]
fn clear_speech_at_150_wpm_is_transcribed_with_low_wer_and_good_word_times() {
    let Some(model) = model() else { return };
    let dir = tempfile::tempdir().unwrap();
    // Sentences separated by known silences: each sentence's first word has a known start time.
    let mut audio = silence(0.5);
    let mut known_starts = Vec::new();
    for s in SENTENCES {
        let seg = speak(s, "en-us", 150, dir.path());
        known_starts.push((audio.len() + onset(&seg)) as f64 / SR as f64);
        audio.extend(seg);
        audio.extend(silence(0.8));
    }
    let engine = Engine::load(&model).expect("model loads");
    let t = engine
        .transcribe(&audio, &TranscribeOptions::default())
        .expect("transcription runs");
    let reference = normalise(&SENTENCES.join(" "));
    let hypothesis = normalise(&t.text);
    let error = wer(&reference, &hypothesis);
    eprintln!(
        "WER {error:.3}\nref: {}\nhyp: {}",
        reference.join(" "),
        hypothesis.join(" ")
    );
    assert!(error <= 0.15, "word error rate {error:.3} > 0.15");

    // Every sentence's first word is found near where it was placed.
    let mut worst: f64 = 0.0;
    for (s, &known) in SENTENCES.iter().zip(&known_starts) {
        let first = normalise(s)[0].clone();
        let found = t
            .words
            .iter()
            .filter(|w| normalise(&w.text).first() == Some(&first))
            .map(|w| (w.start_s - known).abs())
            .fold(f64::INFINITY, f64::min);
        eprintln!(
            "{first:>8}: placed at {known:.2} s, error {found:.2} s, found at {:?}",
            t.words
                .iter()
                .filter(|w| normalise(&w.text).first() == Some(&first))
                .map(|w| w.start_s)
                .collect::<Vec<_>>()
        );
        worst = worst.max(found);
    }
    assert!(worst <= 0.5, "a sentence's first word was {worst:.2} s off");

    // Times are ordered and inside the audio.
    let dur = audio.len() as f64 / SR as f64;
    for pair in t.words.windows(2) {
        assert!(pair[0].start_s <= pair[1].start_s, "{pair:?}");
    }
    assert!(t
        .words
        .iter()
        .all(|w| w.start_s >= 0.0 && w.end_s <= dur + 0.01));
}

#[test]
fn silence_gives_no_words_and_short_input_is_fine() {
    let Some(model) = model() else { return };
    let engine = Engine::load(&model).expect("model loads");
    let opts = TranscribeOptions::default();
    let t = engine.transcribe(&silence(3.0), &opts).unwrap();
    assert!(t.words.len() <= 1, "silence produced {:?}", t.text);
    assert!(engine.transcribe(&[], &opts).unwrap().words.is_empty());
    assert!(engine
        .transcribe(&silence(0.05), &opts)
        .unwrap()
        .words
        .is_empty());
}

#[test]
fn truncated_and_foreign_models_are_errors_not_aborts() {
    let Some(model) = model() else { return };
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(&model).unwrap();
    let cut = dir.path().join("cut.bin");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let e = Engine::load(&cut).unwrap_err().to_string();
    assert!(e.contains("truncated"), "{e}");
    let foreign = dir.path().join("foreign.bin");
    std::fs::write(&foreign, b"GGUF\x03\x00\x00\x00 not a whisper model").unwrap();
    let e = Engine::load(&foreign).unwrap_err().to_string();
    assert!(e.contains("not a ggml Whisper model"), "{e}");
}
